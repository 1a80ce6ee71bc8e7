"""Unit packets: several lessons printed as one PDF with a cover, contents and running pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from dbq.errors import Problem
from dbq.prepare.units import prepare_unit
from dbq.render.html import render
from dbq.render.pages import render_pages
from dbq.route import Composed, Workspace, compose_lesson
from dbq.workspace.model import Unit


def _body(html: str) -> Markup:
    """The inside of a rendered page's <body>, to place inside the packet."""
    start = html.index(">", html.index("<body")) + 1
    inner = html[start : html.rindex("</body>")]
    # The packet has one <main>, its own: a lesson's goes (its content stays)
    inner = inner.replace("<main>", "", 1)
    cut = inner.rfind("</main>")
    return Markup(inner if cut < 0 else inner[:cut] + inner[cut + len("</main>") :])


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
    composed: ComposedUnit,
    root: Path,
    workspace: Workspace,
    versions: dict[str, str],
    screen: bool = False,
) -> dict[str, str]:
    """The packet and its key: a cover with contents, then each lesson from a new page.

    `screen`: the accessible HTML copies (dbq build --html) instead of the PDFs' pages.
    """
    env = workspace.templates()
    lesson_pages = [
        (
            lesson.prepared,
            render_pages(
                lesson.packet,
                root,
                versions.get(lesson.prepared.id, ""),
                env=env,
                screen=screen,
                lesson_number=number,
            ),
        )
        for number, lesson in enumerate(composed.lessons, 1)
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
            "screen": screen,
            # the lessons' bodies hold form fields: their styles must come with them
            "fillable": not key and any(lesson.packet.fillable for lesson in composed.lessons),
        }
        pages[kind] = render(env, "unit.html", context)
    return pages
