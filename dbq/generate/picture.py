"""Which events the timeline picture shows: the ones the prompts name, then the emptiest gaps.

Pure functions. Events after the last document are chosen only for the answer key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from dbq.generate.context import DocumentContext, LessonContext, relation
from dbq.workspace.timelines import TimelineEvent

LEAD_DAYS = 540  # a single date still gets about eighteen months of lead-up
# A document this far from every event is left out of the picture (a line from 1 AD to 1951
# would show nothing); the review's T001 warning says so.
FAR_DAYS = 50 * 366


@dataclass
class Picture:
    """What the timeline picture shows: its span, documents by date, events by importance."""

    start: dt.date
    end: dt.date
    documents: list[tuple[list[str], dt.date]]  # (labels, day), in date order
    events: list[tuple[TimelineEvent, bool]]  # (event, after every document), most important first
    cutoff: dt.date | None = None  # the key shades what comes after the last document
    required: set[str] = field(default_factory=set)  # ids named in prompts or notes
    # The worksheet's last day: an event still going on then is drawn only up to it, since
    # when it ended is a fact from after every document.
    horizon: dt.date | None = None
    # The key's: the students' picture, every event of which the key must show too.
    students: Picture | None = None


def document_groups(contexts: list[DocumentContext]) -> list[tuple[list[str], dt.date]]:
    """Documents of the same day share one tag in the picture."""
    days: dict[dt.date, list[str]] = {}
    for context in contexts:
        if context.date is not None:
            days.setdefault(context.date, []).append(context.label)
    return sorted(((labels, day) for day, labels in days.items()), key=lambda item: item[1])


def far_from_events(day: dt.date, events: list[TimelineEvent]) -> bool:
    """Is a document's day too far from every event for the picture to place it?"""
    return all(
        min(abs((day - e.date.earliest).days), abs((day - (e.end or e.date).latest).days))
        > FAR_DAYS
        for e in events
    )


def _shift(day: dt.date, days: int) -> dt.date:
    """day + days, kept within the dates Python can hold (a source may be dated 9999-12-31)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def picture(context: LessonContext, *, key: bool, most: int = 13) -> Picture | None:
    """The events worth drawing around the documents; after the last one only in the key.

    The key's picture is the students' one with the later events added on the right: the
    teacher must see at least what the class sees (issue 21). Its layout (lay_out_picture)
    gives up later events, the latest first, until every event the students' picture shows
    still fits.
    """
    students = _students_picture(context, most)
    if students is None or not key:
        return students
    last = students.documents[-1][1]
    # The lesson's own events are always drawn: the teacher put them there to be seen; first,
    # so that when the picture is crowded a built-in event gives way.
    own_later = [e for e in context.own if relation(e, last) == "after"]
    later = _unique(
        [
            *own_later,
            *(
                p.event
                for d in context.documents
                for p in d.after
                if relation(p.event, last) == "after"
            ),
        ]
    )
    if not later:
        return Picture(
            students.start,
            students.end,
            students.documents,
            students.events,
            None,
            students.required,
            None,
            students,
        )
    end = max((e.end or e.date).latest for e in later)
    end = _shift(end, max(30, (end - students.start).days // 9))
    return Picture(
        students.start,
        end,
        students.documents,
        [*students.events, *((e, True) for e in later)],
        last,
        students.required | {e.id for e in (own_later or later)},
        None,
        students,
    )


def _students_picture(context: LessonContext, most: int) -> Picture | None:
    """The students' picture: the events before and on the last document's day."""
    if not context.events:
        return None
    groups = [
        (labels, day)
        for labels, day in document_groups(context.documents)
        if not far_from_events(day, context.events)
    ]
    if not groups:
        return None
    first, last = groups[0][1], groups[-1][1]
    own = [e for e in context.own if relation(e, last) != "after"]
    must = _unique([*own, *(p.event for d in context.documents for p in d.before)])
    start = min(
        [_shift(first, -max(LEAD_DAYS, (last - first).days // 10))]
        + [e.date.earliest for e in must]
    )
    # No lead-up before the first event on the timelines; but the line always reaches back to
    # the first document (a cable of 1942 with timelines from 1945 crashed the layout).
    start = min(max(start, min(e.date.earliest for e in context.events)), first)
    end = last
    # More room on the right: the last document's own events crowd in just before it.
    span = (end - start).days
    start, end = (
        _shift(start, -max(20, span // 30)),
        _shift(end, max(30, span // 9)),
    )

    def shown(event: TimelineEvent) -> bool:
        inside = start <= event.date.earliest and event.date.latest <= end
        return inside and relation(event, last) in ("before", "same")

    # What fills the line: the turning points and the events the documents are about, never
    # a minor event unrelated to all of them.
    candidates = sorted(
        (e for e in context.events if shown(e) and (e.major or e.id in context.related)),
        key=lambda e: (e.date.earliest, e.id),
    )
    # The turning points between the first and the last document are the lesson's own window:
    # a prompt about "the timeline between those dates" sends students to them (issue 21).
    # Up to three of them, spread out: more, over years, would crowd out what prompts name.
    days = [day for _, day in groups]
    window = [e for e in candidates if first < e.date.earliest <= last]
    between = [e for e in window if e.major]
    inside = [e for e in window if e.date.latest < last]
    if inside and not any(e.date.latest < last for e in between):
        # No turning point strictly between them: the event nearest the middle of the window.
        middle = first + (last - first) / 2
        between.append(min(inside, key=lambda e: (abs((e.date.earliest - middle).days), e.id)))
    chosen = _unique([*must, *_farthest(between, must, days, (end - start).days, 3)])
    ordered = _spread(chosen, candidates, days, (start, end), most)
    return Picture(
        start,
        end,
        groups,
        [(e, False) for e in ordered],
        None,
        {e.id for e in chosen},
        last,
    )


def _spread(
    chosen: list[TimelineEvent],
    candidates: list[TimelineEvent],
    days: list[dt.date],
    window: tuple[dt.date, dt.date],
    most: int,
) -> list[TimelineEvent]:
    """Add events where the picture is emptiest (turning points count double) up to `most`.

    Filling the widest gap first spreads the events along the line, so that a lesson whose
    documents are years apart shows what happened in between, not a crowd at either end.
    """
    chosen = list(chosen)
    taken = {e.id for e in chosen}
    span = max((window[1] - window[0]).days, 1)
    while len(chosen) < most:
        points = [e.date.earliest for e in chosen] + days
        rest = [e for e in candidates if e.id not in taken]
        if not rest:
            break
        pick = max(rest, key=lambda e: _room(e, points, span))
        if _room(pick, points, span)[0] < 0.02:
            break  # everything left would crowd an event already shown
        chosen.append(pick)
        taken.add(pick.id)
    return chosen


def _farthest(
    events: list[TimelineEvent],
    shown: list[TimelineEvent],
    days: list[dt.date],
    span: int,
    most: int,
) -> list[TimelineEvent]:
    """Up to `most` of the events, each the farthest from what is shown so far (even one on a
    document's own day: MacArthur relieved on the day of the last document belongs there)."""
    picked: list[TimelineEvent] = []
    rest = [e for e in events if e.id not in {s.id for s in shown}]
    while rest and len(picked) < most:
        points = [e.date.earliest for e in [*shown, *picked]] + days
        pick = max(rest, key=lambda e: _room(e, points, max(span, 1)))
        picked.append(pick)
        rest.remove(pick)
    return picked


def _room(event: TimelineEvent, points: list[dt.date], span: int) -> tuple[float, str]:
    """How far an event is from everything already shown (a turning point counts double)."""
    gap = min(abs((event.date.earliest - p).days) for p in points) / span
    return (gap * (2 if event.major else 1), event.id)


def _unique(events: Iterable[TimelineEvent]) -> list[TimelineEvent]:
    seen: dict[str, TimelineEvent] = {}
    for event in events:
        seen.setdefault(event.id, event)
    return list(seen.values())
