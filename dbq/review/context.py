"""The contextualization's warnings: documents outside every timeline, uncited events."""

from __future__ import annotations

import datetime as dt

from dbq.errors import Problem
from dbq.generate.context import ContextResult
from dbq.generate.picture import far_from_events
from dbq.prepare.lessons import PreparedLesson
from dbq.workspace.timelines import PartialDate, Timeline, TimelineEvent
from dbq.workspace.yamlio import Located


def context_warnings(prepared: PreparedLesson, result: ContextResult) -> list[Problem]:
    """Documents outside every timeline in use, and the lesson's own events without a citation.

    The workspace's timeline file is checked once per run (`timeline_warnings`).
    """
    problems: list[Problem] = []
    located = prepared.located
    spans = [(t, t.span()) for t in result.timelines.used]
    events = result.timelines.events()
    for index, document in enumerate(prepared.documents):
        day = document.source.meta.date
        if day is None or any(span and span[0] <= day <= span[1] for _, span in spans):
            continue
        problems.append(
            _lesson_problem(
                prepared,
                located,
                ("documents", _spec_index(prepared, index), "source"),
                f"Document {document.label} is dated {PartialDate.of(day).words()}, outside every "
                f"timeline in use ({_describe(spans)}){_left_out(day, events)}; add events "
                "around that date to timeline.yaml or the lesson's context.events so the "
                "picture and prompts can place it (and check the source's `date:`)",
            )
        )
    for timeline in result.timelines.used:
        if located is not None and timeline.located is located:  # the lesson's own events
            problems += timeline_warnings(timeline)
    return problems


def _left_out(day: dt.date, events: list[TimelineEvent]) -> str:
    if events and far_from_events(day, events):
        return ", so the timeline picture leaves it out"
    return ""


def _describe(spans: list[tuple[Timeline, tuple[dt.date, dt.date] | None]]) -> str:
    parts = [
        f"{t.name}: {PartialDate.of(s[0]).words()} to {PartialDate.of(s[1]).words()}"
        for t, s in spans
        if s
    ]
    return "; ".join(parts) if parts else "no events at all"


def timeline_warnings(timeline: Timeline) -> list[Problem]:
    """Events without a citation."""
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
                timeline.located.problem(
                    (*timeline.loc, index), message, severity="warning", code="T001"
                )
            )
        else:
            problems.append(Problem(timeline.path, 1, 1, "", message, "warning", "T001"))
    return problems


def _spec_index(prepared: PreparedLesson, index: int) -> int:
    """The index of a prepared document in the lesson's `documents:` list."""
    return prepared.documents[index].index


def _lesson_problem(
    prepared: PreparedLesson, located: Located | None, loc: tuple, message: str
) -> Problem:
    if located is None:
        return Problem(str(prepared.path), 1, 1, "", message, "warning", "T001")
    return located.problem(loc, message, value=True, severity="warning", code="T001")
