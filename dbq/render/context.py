"""Contextualization between prepare_lesson and the templates: load timelines, generate, show.

`lesson_context` reads the timelines a lesson uses and runs the pure generator;
`context_view` turns the result into what templates/context-*.html print, the key's teacher
layer only when key=True; `context_warnings` is what `dbq check` adds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from dbq.errors import Problem, display_path
from dbq.generate.context import LessonContext, Placed, Prompt, contextualize
from dbq.generate.picture import picture
from dbq.generate.relevance import Names
from dbq.prepare.lessons import PreparedLesson
from dbq.render.svg_timeline import picture_svg
from dbq.workspace.timelines import (
    ContextSettings,
    PartialDate,
    Timeline,
    Timelines,
    context_names,
    context_stems,
    duplicate_ids,
    lesson_timelines,
)
from dbq.workspace.yamlio import Located, load_yaml

# Width of the printed page's text block in points: the page less the 0.75in side margins.
TEXT_WIDTH = {"letter": 8.5 * 72 - 108, "a4": 210 / 25.4 * 72 - 108}


@dataclass
class ContextResult:
    """A lesson's contextualization and the timelines it drew on."""

    lesson: LessonContext
    timelines: Timelines


def _located_lesson(prepared: PreparedLesson, root: Path) -> Located | None:
    """The lesson file again, with positions, for problems about its own events."""
    try:
        text = prepared.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    located, problems = load_yaml(text, display_path(prepared.path, root))
    return None if problems else located


def lesson_context(
    prepared: PreparedLesson, root: Path
) -> tuple[ContextResult | None, list[Problem]]:
    """Load the timelines the lesson uses and generate its prompts, notes and picture events."""
    settings = prepared.lesson.context or ContextSettings()
    located = _located_lesson(prepared, root) if settings.events else None
    timelines, problems = lesson_timelines(
        root, settings, display_path(prepared.path, root), located
    )
    if located is not None:
        problems += duplicate_ids(list(settings.events), located, ("context", "events"))
    if problems:
        return None, problems
    names = Names.of(context_names())
    lesson = contextualize(prepared, timelines.events(), context_stems(), names)
    return ContextResult(lesson, timelines), []


def _note(placed: Placed) -> dict:
    """'27 November 1951 (two weeks later)' and what happened, for the key's teacher note."""
    when = f"{placed.event.date.words()} ({placed.interval} later)"
    return {"when": when, "text": placed.event.description}


def _prompt(prompt: Prompt) -> dict:
    return {"text": prompt.text, "generated": prompt.generated}


def context_view(
    result: ContextResult | None, *, key: bool, page_size: str = "letter", title: str = ""
) -> dict:
    """What the context templates print; notes on what came later only in the key."""
    if result is None:
        return {"picture": None, "prompts": [], "documents": {}, "dropped": []}
    lesson = result.lesson
    svg, dropped = None, []
    chosen = picture(lesson, key=key) if lesson.picture else None
    if chosen is not None:
        text, laid = picture_svg(
            chosen,
            TEXT_WIDTH.get(page_size, TEXT_WIDTH["letter"]),
            f"Timeline: {title}" if title else "Timeline",
        )
        svg = Markup(text)  # every piece of text in it was escaped by svg_timeline
        dropped = [key for m in laid.dropped for key in m.keys]
    documents = {}
    for document in lesson.documents:
        documents[document.label] = {
            "date": PartialDate.of(document.date).words() if document.date else "",
            "prompts": [_prompt(p) for p in document.prompts],
            "notes_intro": document.notes_intro if key else "",
            "notes": [_note(p) for p in document.after] if key and document.notes else [],
        }
    return {
        "picture": svg,
        "later_shown": bool(key and chosen and chosen.cutoff),
        "prompts": [_prompt(p) for p in lesson.prompts],
        "documents": documents,
        "dropped": dropped,
    }


def context_warnings(prepared: PreparedLesson, result: ContextResult, root: Path) -> list[Problem]:
    """Warnings for `dbq check`: documents outside every timeline, events without a citation."""
    problems: list[Problem] = []
    located = None
    spans = [(t, t.span()) for t in result.timelines.used]
    for index, document in enumerate(prepared.documents):
        day = document.source.meta.date
        if day is None or any(span and span[0] <= day <= span[1] for _, span in spans):
            continue
        located = located or _located_lesson(prepared, root)
        problems.append(
            _lesson_problem(
                prepared,
                root,
                located,
                ("documents", _spec_index(prepared, index), "source"),
                f"Document {document.label} is dated {PartialDate.of(day).words()}, outside every "
                f"timeline in use ({_describe(spans)}); add events around that date to "
                "timeline.yaml or the lesson's context.events so the picture and prompts can "
                "place it",
            )
        )
    for timeline in result.timelines.used:
        problems += _uncited(timeline)
    return problems


def _describe(spans: list[tuple[Timeline, tuple[dt.date, dt.date] | None]]) -> str:
    parts = [
        f"{t.name}: {PartialDate.of(s[0]).words()} to {PartialDate.of(s[1]).words()}"
        for t, s in spans
        if s
    ]
    return "; ".join(parts) if parts else "no events at all"


def _uncited(timeline: Timeline) -> list[Problem]:
    problems = []
    for index, event in enumerate(timeline.events):
        if event.citation and event.citation.strip():
            continue
        message = (
            f"event {event.id!r} has no citation; add `citation:` with a reputable "
            "reference for its date"
        )
        if timeline.located is not None:
            problems.append(
                timeline.located.problem((*timeline.loc, index), message, severity="warning")
            )
        else:
            problems.append(Problem(timeline.path, 1, 1, "", message, "warning"))
    return problems


def _spec_index(prepared: PreparedLesson, index: int) -> int:
    """The index of a prepared document in the lesson's `documents:` list."""
    return prepared.documents[index].index


def _lesson_problem(
    prepared: PreparedLesson, root: Path, located: Located | None, loc: tuple, message: str
) -> Problem:
    if located is None:
        return Problem(display_path(prepared.path, root), 1, 1, "", message, "warning")
    return located.problem(loc, message, value=True, severity="warning")
