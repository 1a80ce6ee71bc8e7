"""`dbq check`: validate lessons without building them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dbq.errors import Problem, ProblemsError, display_path, silenced
from dbq.workspace.model import Settings
from dbq.workspace.settings import load_settings, resolve_names

if TYPE_CHECKING:
    from dbq.route import Composed


@dataclass
class CheckReport:
    """One summary line per good lesson, and every problem found."""

    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    def failures(self, *, strict: bool = False) -> int:
        """Problems that fail the check: errors, and warnings too when strict."""
        return len(self.problems) if strict else self.failed


def format_problems(problems: list[Problem], style: str) -> str:
    """Problems as text lines, a JSON list, or GitHub workflow annotations."""
    if style == "json":
        rows = []
        for p in problems:
            rows.append(
                {
                    "file": p.path,
                    "line": p.line,
                    "column": p.col,
                    "code": p.code,
                    "key": p.key,
                    "severity": p.severity,
                    "message": p.message,
                }
            )
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if style == "github":
        return "\n".join(_annotation(p) for p in problems)
    return "\n".join(str(p) for p in problems)


def _annotation(problem: Problem) -> str:
    """::error file=F,line=L,col=C::message, escaped as GitHub's workflow commands require."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    message = f"{problem.key}: {problem.message}" if problem.key else problem.message
    return (
        f"::{problem.severity} file={prop(problem.path)},line={problem.line},"
        f"col={problem.col},title={prop(problem.code)}::{data(message)}"
    )


def check_lessons(root: Path, names: tuple[str, ...] = ()) -> CheckReport:
    """Check the named lessons (all when none) and the sources and settings they use.

    Each lesson goes down the same route as a build; the check adds its report lines, the
    skill coverage dbq.yaml asks for, and the page count when the lesson sets `pages:`.
    """
    from dbq.review.coverage import coverage_lines, coverage_problems
    from dbq.route import Workspace, route_lesson
    from dbq.units import compose_unit

    report = CheckReport()
    settings = Settings()
    try:
        settings = load_settings(root)
    except ProblemsError as exc:
        report.problems += exc.problems
    workspace = Workspace.load(root, settings)
    report.problems += workspace.problems + workspace.timeline_problems + workspace.warnings
    report.lines += [f"note: {note}" for note in workspace.glossaries.notes]
    paths, units = resolve_names(root, names)
    if not paths and not units:
        report.lines.append(
            "no lessons in lessons/; scaffold one with `dbq new ID --source SOURCE_ID`"
        )
    for path in paths:
        composed, problems = route_lesson(path, workspace)
        report.problems += problems
        if composed is None:
            continue
        prepared = composed.prepared
        if prepared.lesson.pages:  # only then is the worksheet rendered to count its pages
            report.problems += _page_target(composed, root)
        short = coverage_problems(prepared, settings)
        report.problems += short
        packet = composed.packet
        questions = len(packet.questions) + (1 if packet.essay else 0)
        count = len(prepared.documents)
        status = "below the minimum per skill" if short else "ok"
        report.lines.append(
            f"{display_path(path, root)}: {status} ({count} document"
            f"{'' if count == 1 else 's'}, {questions} question{'' if questions == 1 else 's'})"
        )
        report.lines += coverage_lines(prepared)
        report.lines += composed.reading
    for path in units:
        unit, problems = compose_unit(path, workspace)
        report.problems += problems
        if unit is not None:
            report.lines.append(f"{display_path(path, root)}: ok ({len(unit.lessons)} lessons)")
    report.problems = sorted(set(silenced(report.problems, settings)))
    return report


def _page_target(composed: Composed, root: Path) -> list[Problem]:
    """Render the worksheet to count its pages against the lesson's `pages:` target."""
    from dbq.assets import builtin_templates
    from dbq.build import page_target_problems
    from dbq.render.pages import render_pages
    from dbq.render.pdf import html_to_pdf

    html = render_pages(composed.packet, root)["worksheet"]
    pages = html_to_pdf(html, root, [root, builtin_templates()]).pages
    return page_target_problems(composed.prepared, pages)
