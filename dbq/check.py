"""`dbq check`: validate lessons without building them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from dbq.errors import Problem, ProblemsError, display_path, silenced
from dbq.prepare.lessons import prepare_lesson
from dbq.render.context import context_warnings, lesson_context
from dbq.review.glyphs import lesson_glyph_warnings, workspace_glyph_warnings
from dbq.text.dates import use_date_style
from dbq.workspace.glossaries import glossary_report, load_glossaries
from dbq.workspace.model import Settings
from dbq.workspace.settings import load_settings, resolve_names
from dbq.workspace.sources import load_sources
from dbq.workspace.timelines import workspace_timeline


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
    """Check the named lessons (all when none) and the sources and settings they use."""
    from dbq.draft import drift_problems, without_echoes
    from dbq.review.coverage import coverage_lines, coverage_problems
    from dbq.route import compose

    report = CheckReport()
    settings = Settings()
    try:
        settings = load_settings(root)
    except ProblemsError as exc:
        report.problems += exc.problems
    glossaries = load_glossaries(root, settings)
    report.problems += glossaries.problems
    report.lines += [f"note: {note}" for note in glossaries.notes]
    use_date_style(settings.date_style)  # every date dbq writes, in one style
    sources, source_problems = load_sources(root)
    report.problems += source_problems
    # Workspace data files are checked even when no lesson gets far enough to use them.
    report.problems += workspace_timeline(root)[1]
    report.problems += workspace_glyph_warnings(root, settings)
    paths, units = resolve_names(root, names)
    if not paths and not units:
        report.lines.append(
            "no lessons in lessons/; scaffold one with `dbq new ID --source SOURCE_ID`"
        )
    for path in paths:
        prepared, problems = prepare_lesson(path, root, sources)
        report.problems += problems
        if prepared is not None:
            report.problems += prepared.warnings + lesson_glyph_warnings(prepared, root)
            context, context_problems = lesson_context(prepared, root)
            report.problems += [p for p in context_problems if p not in report.problems]
            if context is not None:
                report.problems += context_warnings(prepared, context, root)
            composed = compose(prepared, settings, glossaries, context)
            report.problems += composed.problems + drift_problems(composed)
            report.problems = without_echoes(report.problems)
            prepared = composed.prepared
            if prepared.lesson.pages:  # only then is the worksheet rendered to count its pages
                report.problems += _page_target(composed, root)
            short = coverage_problems(prepared, settings, root)
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
            lines, warnings = glossary_report(prepared, settings, glossaries, root)
            report.lines += lines
            report.problems += warnings
    for path in units:
        from dbq.units import prepare_unit

        prepared_unit, problems = prepare_unit(path, root, sources)
        report.problems += problems
        if prepared_unit is not None:
            report.lines.append(
                f"{display_path(path, root)}: ok ({len(prepared_unit.lessons)} lessons)"
            )
    report.problems = sorted(set(silenced(report.problems, settings)))
    return report


def _page_target(composed, root: Path) -> list[Problem]:  # type: ignore[no-untyped-def]
    """Render the worksheet to count its pages against the lesson's `pages:` target."""
    from dbq.assets import builtin_templates
    from dbq.build import page_target_problems, render_pages
    from dbq.render.pdf import html_to_pdf

    html = render_pages(composed.packet, root)["worksheet"]
    pages = html_to_pdf(html, root, [root, builtin_templates()]).pages
    return page_target_problems(composed.prepared, pages)
