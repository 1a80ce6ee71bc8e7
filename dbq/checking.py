"""`dbq check`: validate lessons without building them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dbq.errors import Problem, ProblemsError, display_path
from dbq.glossary import glossary_report, load_glossaries
from dbq.lessons import prepare_lesson
from dbq.model import Settings
from dbq.sources import load_sources
from dbq.workspace import lesson_paths, load_settings


@dataclass
class CheckReport:
    """One summary line per good lesson, and every problem found."""

    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")


def check_lessons(root: Path, names: tuple[str, ...] = ()) -> CheckReport:
    """Check the named lessons (all when none) and the sources and settings they use."""
    report = CheckReport()
    settings = Settings()
    try:
        settings = load_settings(root)
    except ProblemsError as exc:
        report.problems += exc.problems
    glossaries = load_glossaries(root, settings)
    report.problems += glossaries.problems
    report.lines += [f"note: {note}" for note in glossaries.notes]
    sources, source_problems = load_sources(root)
    report.problems += source_problems
    paths = lesson_paths(root, names)
    if not paths:
        report.lines.append("no lessons in lessons/; scaffold one with `dbq new ID --source SOURCE_ID`")
    for path in paths:
        prepared, problems = prepare_lesson(path, root, sources)
        report.problems += problems
        if prepared is not None:
            questions = sum(len(d.spec.questions) for d in prepared.documents)
            questions += len(prepared.lesson.questions) + (1 if prepared.lesson.essay else 0)
            report.lines.append(
                f"{display_path(path, root)}: ok ({len(prepared.documents)} documents, "
                f"{questions} questions)"
            )
            lines, warnings = glossary_report(prepared, settings, glossaries, root)
            report.lines += lines
            report.problems += warnings
    return report
