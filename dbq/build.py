"""Run the pipeline for the lessons asked and write their PDFs atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from dbq.errors import DbqError, Problem, display_path
from dbq.glossary import Glossaries, load_glossaries, make_glossary
from dbq.lessons import PreparedLesson, prepare_lesson
from dbq.model import Settings
from dbq.packet import packet_context
from dbq.render import builtin_templates, make_environment, render
from dbq.sources import load_sources
from dbq.workspace import lesson_paths, load_settings


@dataclass
class LessonOutcome:
    """What happened to one lesson: the files written, or the problems that stopped it."""

    lesson_id: str
    path: Path
    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def output_paths(root: Path, lesson_id: str) -> dict[str, Path]:
    folder = root / "output" / lesson_id
    return {
        "worksheet": folder / f"{lesson_id}-worksheet.pdf",
        "answer-key": folder / f"{lesson_id}-answer-key.pdf",
    }


def render_html(
    prepared: PreparedLesson, root: Path, settings: Settings, glossaries: Glossaries | None = None
) -> dict[str, str]:
    """The worksheet and answer-key HTML for a prepared lesson."""
    env = make_environment(root)
    glossaries = glossaries or load_glossaries(root, settings)
    glossary = make_glossary(prepared, settings, glossaries)
    return {
        "worksheet": render(env, "worksheet.html",
                            packet_context(prepared, settings, key=False, glossary=glossary)),
        "answer-key": render(env, "answer-key.html",
                             packet_context(prepared, settings, key=True, glossary=glossary)),
    }


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name first, then move all into place."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            staged.append((temp, path))
        for temp, path in staged:
            os.replace(temp, path)
    finally:
        for temp, _ in staged:
            if os.path.exists(temp):
                os.unlink(temp)


def build_lesson(
    path: Path, root: Path, settings: Settings, sources: dict, *, html: bool = False,
    glossaries: Glossaries | None = None,
) -> LessonOutcome:
    """Check, render and write one lesson; on any problem nothing is written."""
    from dbq.pdf import html_to_pdf  # WeasyPrint loads only when building

    prepared, problems = prepare_lesson(path, root, sources)
    glossaries = glossaries or load_glossaries(root, settings)
    outcome = LessonOutcome(path.stem, path, problems=problems + glossaries.problems)
    if prepared is None or glossaries.problems:
        return outcome
    pages = render_html(prepared, root, settings, glossaries)
    targets = output_paths(root, prepared.id)
    files: dict[Path, bytes] = {}
    allowed = [root, builtin_templates()]
    for kind, markup in pages.items():
        files[targets[kind]], outcome.pages[kind] = html_to_pdf(markup, root, allowed)
        if html:
            files[targets[kind].with_suffix(".html")] = markup.encode("utf-8")
    write_atomically(files)
    outcome.written = list(files)
    return outcome


def build(root: Path, names: tuple[str, ...] = (), *, html: bool = False) -> list[LessonOutcome]:
    """Build the named lessons, or all; a broken lesson does not stop the others."""
    settings = load_settings(root)
    paths = lesson_paths(root, names)
    if not paths:
        raise DbqError(
            f"no lessons to build in {display_path(root / 'lessons', root)}/; "
            "scaffold one with `dbq new ID --source SOURCE_ID`"
        )
    sources, source_problems = load_sources(root)
    glossaries = load_glossaries(root, settings)
    outcomes = []
    for path in paths:
        outcome = build_lesson(path, root, settings, sources, html=html, glossaries=glossaries)
        if not outcome.ok:
            outcome.problems = source_problems + outcome.problems
        outcomes.append(outcome)
    if outcomes:
        outcomes[0].notes += glossaries.notes  # said once per run, not once per lesson
    return outcomes
