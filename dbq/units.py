"""Unit packets: several lessons printed as one PDF with a cover, contents and running pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from pydantic import ValidationError

from dbq.errors import Problem, display_path
from dbq.prepare.lessons import PreparedLesson, prepare_lesson
from dbq.render.html import render
from dbq.render.pages import render_pages
from dbq.route import Composed, Workspace, compose_lesson
from dbq.workspace.files import FileError, read_text
from dbq.workspace.model import Unit
from dbq.workspace.sources import Source
from dbq.workspace.validation import did_you_mean, validation_problems
from dbq.workspace.yamlio import load_yaml


@dataclass
class PreparedUnit:
    id: str
    path: Path
    unit: Unit
    lessons: list[PreparedLesson]


def prepare_unit(
    path: Path, root: Path, sources: dict[str, Source]
) -> tuple[PreparedUnit | None, list[Problem]]:
    """The unit and all its lessons ready to print, or every problem found in them."""
    shown = display_path(path, root)
    try:
        text = read_text(path, root)
    except FileError as exc:
        return None, exc.problems
    located, problems = load_yaml(text, shown)
    if problems:
        return None, problems
    try:
        unit = Unit.model_validate(located.data if isinstance(located.data, dict) else {})
    except ValidationError as exc:
        return None, validation_problems(exc, located, Unit)
    known = sorted(p.stem for p in (root / "lessons").glob("*.yaml"))
    lessons: list[PreparedLesson] = []
    for index, lesson_id in enumerate(unit.lessons):
        if lesson_id in unit.lessons[:index]:
            problems.append(
                located.problem(
                    ("lessons", index), f"{lesson_id!r} is listed twice", value=True, code="L005"
                )
            )
            continue
        lesson_path = root / "lessons" / f"{lesson_id}.yaml"
        if lesson_id not in known:  # only files of lessons/: no "../x", no absolute paths
            message = f"no lesson {lesson_id!r} in lessons/{did_you_mean(lesson_id, known)}"
            problems.append(located.problem(("lessons", index), message, value=True, code="W001"))
            continue
        prepared, lesson_problems = prepare_lesson(lesson_path, root, sources)
        if prepared is None:
            problems.append(
                located.problem(
                    ("lessons", index),
                    f"lesson {lesson_id!r} has problems (below); fix them first",
                    value=True,
                    code="L006",
                )
            )
            problems += lesson_problems
        else:
            lessons.append(prepared)
    if problems:
        return None, problems
    return PreparedUnit(path.stem, path, unit, lessons), []


def _body(html: str) -> Markup:
    """The inside of a rendered page's <body>, to place inside the packet."""
    start = html.index(">", html.index("<body")) + 1
    return Markup(html[start : html.rindex("</body>")])


@dataclass
class ComposedUnit:
    id: str
    unit: Unit
    lessons: list[Composed]


def compose_unit(path: Path, workspace: Workspace) -> tuple[ComposedUnit | None, list[Problem]]:
    """Each lesson of the unit down the one route, reviewed; or the problems that stop it."""
    prepared, problems = prepare_unit(path, workspace.root, workspace.sources)
    if prepared is None:
        return None, workspace.source_problems + problems
    lessons: list[Composed] = []
    for lesson in prepared.lessons:
        composed, lesson_problems = compose_lesson(lesson, workspace)
        problems += lesson_problems
        if composed is not None:
            lessons.append(composed)
    if len(lessons) < len(prepared.lessons):
        return None, problems
    return ComposedUnit(prepared.id, prepared.unit, lessons), problems


def unit_html(
    composed: ComposedUnit, root: Path, workspace: Workspace, versions: dict[str, str]
) -> dict[str, str]:
    """The packet and its key: a cover with contents, then each lesson from a new page."""
    env = workspace.templates()
    lesson_pages = [
        (
            lesson.prepared,
            render_pages(lesson.packet, root, versions.get(lesson.prepared.id, ""), env=env),
        )
        for lesson in composed.lessons
    ]
    pages = {}
    for kind, key in (("worksheet", False), ("answer-key", True)):
        lessons = [
            {"id": lesson.id, "title": lesson.lesson.title, "body": _body(html[kind])}
            for lesson, html in lesson_pages
        ]
        context = {
            "unit": composed.unit,
            "key": key,
            "page_size": workspace.settings.page_size,
            "lessons": lessons,
        }
        pages[kind] = render(env, "unit.html", context)
    return pages
