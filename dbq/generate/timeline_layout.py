"""The timeline picture's layout: marks on a dated axis, labels placed, crowded ones shared.

Events go above the axis, documents below. Required events in nearly the same place share one
label; crowded documents share one tag, so that no document is ever left out. Drawing the
SVG is dbq/render/svg_timeline.py's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dbq.generate.labels import Box, LabelRequest, place_required, text_width, wrap
from dbq.generate.picture import Picture
from dbq.text.dates import short_span
from dbq.workspace.timelines import PartialDate

FONT = "dbq Sans, sans-serif"
TEXT_SIZE = 7.4  # points: legible in print
DATE_SIZE = 6.4
LINE = 1.18  # line height, in ems


@dataclass(frozen=True)
class Mark:
    """One thing on the timeline: an event (above the axis) or a document group (below)."""

    key: str
    start: dt.date
    end: dt.date | None
    date_text: str
    text: str
    kind: str  # "event", "later" (after the documents: the key only) or "document"
    exact: bool = True  # False for a month- or year-precise date (drawn as a span)
    required: bool = False  # named in a prompt or note: worth a retry to fit it in
    date: PartialDate | None = None  # the event's own date, as precise as it is known
    until: PartialDate | None = None  # and its end, for a span
    parts: tuple[Mark, ...] = ()  # the events one shared label stands for (see _merge_close)
    labels: tuple[str, ...] = ()  # a document tag's document labels

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys of the events this label stands for: its parts', or its own."""
        return tuple(p.key for p in self.parts) or (self.key,)

    @property
    def points(self) -> tuple[Mark, ...]:
        """What the axis shows for this label: each part's dot or bar, or its own."""
        return self.parts or (self,)


@dataclass(frozen=True)
class Drawn:
    """A placed label: its mark, its lines of text, its box, and where its leader meets it."""

    mark: Mark
    lines: list[str]
    box: Box
    foot: float


@dataclass
class Layout:
    """The laid-out picture: its size, scale, and each mark's label lines and box."""

    width: float
    height: float
    axis_y: float
    start: dt.date
    end: dt.date
    left: float
    right: float
    labels: list[Drawn]
    dropped: list[Mark]

    def texts(self) -> list[str]:
        """The words of every placed label, line by line, in the order the picture draws them."""
        out: list[str] = []
        for drawn in self.labels:
            if drawn.mark.kind == "document":
                out += [*drawn.lines, drawn.mark.date_text]
            else:
                out += [drawn.mark.date_text, *drawn.lines]
        return out

    def x(self, day: dt.date) -> float:
        """The x of a day on the axis."""
        span = max((self.end - self.start).days, 1)
        return self.left + (self.right - self.left) * (day - self.start).days / span

    def anchor(self, mark: Mark) -> float:
        """Where a label's leader starts: the day, or the middle of a month/year known only
        roughly; for a label shared by several events, the middle of theirs."""
        if mark.parts:
            return sum(self.anchor(p) for p in mark.parts) / len(mark.parts)
        if mark.exact or mark.end is None:
            return self.x(mark.start)
        return (self.x(mark.start) + self.x(mark.end)) / 2


def _bounds(result: Layout, mark: Mark, cutoff: dt.date | None) -> tuple[float, float]:
    """Keep an event's label on its own side of the key's shading: before or after `cutoff`."""
    if cutoff is None or not result.start < cutoff < result.end or mark.kind == "document":
        return float("-inf"), float("inf")
    edge = result.x(cutoff)
    return (edge + 1, float("inf")) if mark.kind == "later" else (float("-inf"), edge - 1)


def _label_sizes(mark: Mark) -> tuple[tuple[tuple[float, float], list[str]], ...]:
    """Ways to set a label (wrapped to different widths), narrowest first."""
    options: list[tuple[tuple[float, float], list[str]]] = []
    bold = mark.kind == "document"
    size = TEXT_SIZE + (0.8 if bold else 0)
    most_lines = 3 if not mark.parts else 2 * len(mark.parts) + 1
    for max_width in (70.0, 96.0, 130.0, 54.0) if not bold else (200.0,):
        # Each event of a shared label starts a line of its own.
        lines = [line for text in _paragraphs(mark) for line in wrap(text, max_width, size, bold)]
        if len(lines) > most_lines and max_width != 130:
            continue
        width = max(
            max(text_width(line, size, bold) for line in lines),
            text_width(mark.date_text, DATE_SIZE, True),
        )
        height = DATE_SIZE * LINE + len(lines) * size * LINE + 1
        if bold:
            width, height = width + 8, height + 4  # the filled tag's padding
        option = ((round(width + 0.5, 1), round(height, 1)), lines)
        if all(o[0] != option[0] for o in options):
            options.append(option)
    return tuple(options)


MERGE_DISTANCE = 5.0  # points: required events closer than this share one label
MARKER_WIDTH = 8.4  # points: a document's triangle on the axis


def _merge_close(result: Layout, marks: list[Mark]) -> list[Mark]:
    """Give required events that sit in nearly the same place one label listing them all.

    Two labels for days a point or two apart can only be stacked, and then the upper one's
    leader has to pass through the lower one's box, so one of them would be left out; and even
    when both fit, two leaders from one spot do not say which label is whose. Events of the
    same kind (before or after the documents) share a label when their anchors are closer than
    MERGE_DISTANCE, or when one is known only to the month and the other falls in that month
    (its dot sits on the month's bar), much as documents of one day share a tag. The shared
    label stands where the most important of them stood in the order of importance.
    """
    events = sorted(
        (m for m in marks if m.required and m.kind != "document"),
        key=lambda m: (result.anchor(m), m.key),
    )
    groups: list[list[Mark]] = []
    for mark in events:
        group = groups[-1] if groups else []
        if (
            group
            and group[0].kind == mark.kind
            and (
                abs(result.anchor(mark) - result.anchor(group[0])) < MERGE_DISTANCE
                or any(_in_month(a, mark) or _in_month(mark, a) for a in group)
            )
        ):
            group.append(mark)
        else:
            groups.append([mark])
    shared = {m.key: tuple(g) for g in groups if len(g) > 1 for m in g}
    out: list[Mark] = []
    done: set[str] = set()
    for mark in marks:
        if mark.key not in shared:
            out.append(mark)
        elif mark.key not in done:
            parts = shared[mark.key]
            done.update(p.key for p in parts)
            out.append(_shared_mark(parts))
    return out


def _in_month(month: Mark, other: Mark) -> bool:
    """True when `month` is an event known only to the month and `other` falls within it."""
    if month.exact or month.end is None or month.parts or month.start.day != 1:
        return False
    if (month.end - month.start).days > 30 or month.end.month != month.start.month:
        return False
    return month.start <= other.start and (other.end or other.start) <= month.end


def _shared_mark(parts: tuple[Mark, ...]) -> Mark:
    """One label for several events: a date line covering them all, each event's text."""
    start = min(p.start for p in parts)
    last = max(p.end or p.start for p in parts)
    covering = [p for p in parts if p.start == start and (p.end or p.start) == last]
    first = min(parts, key=lambda p: p.start)
    final = max(parts, key=lambda p: p.end or p.start)
    end = final.until or final.date
    if covering:
        date_text = covering[0].date_text
    elif first.date and end:
        date_text = span_text(first.date, end)
    else:
        date_text = f"{first.date_text}\u2013{final.date_text}"
    return Mark(
        "+".join(p.key for p in parts),
        start,
        last if last > start else None,
        date_text,
        "; ".join(_paragraphs_of(parts, date_text)),
        parts[0].kind,
        all(p.exact for p in parts),
        True,
        parts=parts,
    )


def _paragraphs(mark: Mark) -> list[str]:
    """A label's text, one piece for each event it stands for."""
    if not mark.parts or mark.kind == "document":  # a shared document tag lists its labels
        return [mark.text]
    return _paragraphs_of(mark.parts, mark.date_text)


def _paragraphs_of(parts: tuple[Mark, ...], date_text: str) -> list[str]:
    """Each event's text; its own date after it when the shared date line is not its own."""
    year = date_text.rsplit(" ", 1)[-1]
    out = []
    for index, part in enumerate(parts):
        text = part.text
        if part.date_text != date_text:
            own = part.date_text
            if own.endswith(f" {year}") and own != year:
                own = own[: -len(year) - 1].rstrip(",")  # "Aug 8, 1945" -> "Aug 8"
            text = f"{text} ({own})"
        out.append(text + (";" if index < len(parts) - 1 else ""))
    return out


def layout(
    marks: list[Mark],
    start: dt.date,
    end: dt.date,
    width: float = 504.0,
    above: float = 165.0,
    below: float = 60.0,
    cutoff: dt.date | None = None,
) -> Layout:
    """Scale, then place every label (marks in order of importance); drop what cannot fit."""
    margin = 10.0
    axis_band = 16.0  # the year labels just under the axis
    result = Layout(width, 0, 0, start, end, margin + 6, width - margin - 6, [], [])
    marks = _merge_close(result, marks)
    tops: list[Drawn] = []
    group = [m for m in marks if m.kind != "document"]
    sizes = [_label_sizes(m) for m in group]
    requests = [
        LabelRequest(result.anchor(m), tuple(s for s, _ in opts), *_bounds(result, m, cutoff))
        for m, opts in zip(group, sizes, strict=True)
    ]
    required = {i for i, m in enumerate(group) if m.required}
    spots = place_required(requests, required, margin, width - margin, above, 7.0)
    for mark, opts, spot in zip(group, sizes, spots, strict=True):
        if spot is None:
            result.dropped.append(mark)
        else:
            tops.append(Drawn(mark, opts[spot.option][1], spot.box, spot.leader.x1))
    documents = [m for m in marks if m.kind == "document"]
    bottoms = _place_documents(result, documents, margin, below, axis_band)
    top = max((d.box.y1 for d in tops), default=20.0) + 4
    bottom = max((d.box.y1 for d in bottoms), default=axis_band) + 4
    result.axis_y = round(top, 1)
    result.height = round(top + bottom, 1)
    # Above the axis, distance from it becomes an upward y; below, a downward one.
    for d in tops:
        box = Box(d.box.x0, top - d.box.y1, d.box.x1, top - d.box.y0)
        result.labels.append(Drawn(d.mark, d.lines, box, d.foot))
    for d in bottoms:
        box = Box(d.box.x0, top + d.box.y0, d.box.x1, top + d.box.y1)
        result.labels.append(Drawn(d.mark, d.lines, box, d.foot))
    return result


def _place_documents(
    result: Layout, marks: list[Mark], margin: float, below: float, gap: float
) -> list[Drawn]:
    """Place the document tags; where they crowd, neighbours share a tag. None is ever dropped.

    Documents are what the picture is for. When a tag finds no room, it joins the nearer of
    its neighbours ("Documents A, B" over "5–6 Jan 1951"), and the tags are placed again;
    a lone tag that still cannot fit gets more room below the axis.
    """
    groups: list[list[Mark]] = []
    for mark in sorted(marks, key=lambda m: (result.anchor(m), m.key)):
        # Markers that touch on the axis could not say which tag is whose: share from the start.
        if groups and result.anchor(mark) - result.anchor(groups[-1][-1]) < MARKER_WIDTH:
            groups[-1].append(mark)
        else:
            groups.append([mark])
    while groups:
        tags = [g[0] if len(g) == 1 else _documents_mark(g) for g in groups]
        sizes = [_label_sizes(m) for m in tags]
        requests = [
            LabelRequest(result.anchor(m), tuple(s for s, _ in opts))
            for m, opts in zip(tags, sizes, strict=True)
        ]
        everything = set(range(len(tags)))
        spots = place_required(requests, everything, margin, result.width - margin, below, gap)
        missed = [i for i, spot in enumerate(spots) if spot is None]
        if not missed:
            return [
                Drawn(mark, opts[spot.option][1], spot.box, spot.leader.x1)
                for mark, opts, spot in zip(tags, sizes, spots, strict=True)
                if spot is not None
            ]
        if len(groups) == 1:
            if below > 4 * result.width:  # a tag wider than the page: a bug, not a layout
                raise RuntimeError(f"no room for the document tag {tags[0].text!r}")
            below += 20
            continue
        i = missed[0]
        j = _nearer_neighbour(result, tags, i)
        a, b = min(i, j), max(i, j)
        groups[a : b + 1] = [groups[a] + groups[b]]
    return []


def _nearer_neighbour(result: Layout, tags: list[Mark], i: int) -> int:
    """The index of the tag next to tags[i] that stands nearer it (the left one on a tie)."""
    if i == 0:
        return 1
    if i == len(tags) - 1:
        return i - 1
    here = result.anchor(tags[i])
    left, right = here - result.anchor(tags[i - 1]), result.anchor(tags[i + 1]) - here
    return i - 1 if left <= right else i + 1


def _documents_mark(group: list[Mark]) -> Mark:
    """One tag for documents of nearby days: every label, and the days they span."""
    parts = tuple(p for m in group for p in (m.parts or (m,)))
    labels = sorted({x for p in parts for x in p.labels}, key=lambda x: (len(x), x))
    first, last = min(p.start for p in parts), max(p.start for p in parts)
    if first == last:
        date_text = PartialDate.of(first).short()
    else:
        date_text = span_text(PartialDate.of(first), PartialDate.of(last))
    return Mark(
        "doc-" + "-".join(labels),
        first,
        None,
        date_text,
        labels_text(labels),
        "document",
        required=True,
        parts=parts,
        labels=tuple(labels),
    )


def labels_text(labels: list[str]) -> str:
    """['A'] -> 'Document A'; ['A', 'B', 'C'] -> 'Documents A–C'; ['A', 'C'] -> 'Documents A, C'."""
    if len(labels) == 1:
        return f"Document {labels[0]}"
    if (
        len(labels) > 2
        and all(len(x) == 1 for x in labels)
        and [ord(x) for x in labels] == list(range(ord(labels[0]), ord(labels[0]) + len(labels)))
    ):
        return f"Documents {labels[0]}\u2013{labels[-1]}"
    return f"Documents {', '.join(labels)}"


def span_text(start: PartialDate, end: PartialDate) -> str:
    """'Jun 1948–May 1949', 'Apr 20–May 3, 1953', 'Aug–Sept 1950' (dbq.text.dates.short_span)."""
    return short_span((start.year, start.month, start.day), (end.year, end.month, end.day))


def lay_out_picture(picture: Picture, width: float = 504.0) -> Layout:
    """Lay out the lesson's timeline picture: every mark's label lines and box, or dropped.

    The key's picture shows every event the students' one does at the same width: the later
    events stretch the line and so crowd the earlier ones, so they are given up, the built-in
    ones latest first, until all the students' events and the later ones kept fit; at worst
    the key shows the students' picture.
    """
    if picture.students is None:
        return _lay_out(picture, width)
    base = _lay_out(picture.students, width)
    trials = _key_trials(picture, event_keys(base))
    # Fewer later events crowd the line less: search for the first trial that fits (every
    # event of it drawn) by halves rather than one by one; each try is a whole layout.
    best, low, high = base, 0, len(trials) - 1
    while low <= high:
        middle = (low + high) // 2
        result = _lay_out(trials[middle], width)
        if result.dropped:
            low = middle + 1
        else:
            best, high = result, middle - 1
    return best


def event_keys(result: Layout) -> set[str]:
    """The events a laid-out picture shows (those in a shared label each count)."""
    return {k for d in result.labels if d.mark.kind != "document" for k in d.mark.keys}


def _key_trials(picture: Picture, shown: set[str]) -> list[Picture]:
    """The key's picture with fewer and fewer later events, and the line cut after the last."""
    assert picture.students is not None
    before = [(e, a) for e, a in picture.events if not a and e.id in shown]
    later = [e for e, a in picture.events if a]
    # Built-in events give way before the teacher's own (those the picture requires alone).
    order = sorted(
        later,
        key=lambda e: (e.id in picture.required, -(e.end or e.date).latest.toordinal()),
    )
    trials = []
    for cut in range(len(order)):
        kept = [e for e in later if e not in order[:cut]]
        end = max((e.end or e.date).latest for e in kept)
        end = end + dt.timedelta(days=max(30, (end - picture.start).days // 9))
        trials.append(
            Picture(
                picture.start,
                end,
                picture.documents,
                [*before, *((e, True) for e in kept)],
                picture.cutoff,
                shown | {e.id for e in kept if e.id in picture.required},
            )
        )
    return trials


def _lay_out(picture: Picture, width: float) -> Layout:
    marks = [
        Mark(
            f"doc-{'-'.join(labels)}",
            day,
            None,
            PartialDate.of(day).short(),
            labels_text(labels),
            "document",
            required=True,
            labels=tuple(labels),
        )
        for labels, day in picture.documents
    ]
    for event, after in picture.events:
        end = event.end.latest if event.end else None
        if event.date.precision != "day" and end is None:
            end = event.date.latest  # a month known only roughly is drawn as that month
        date_text = event.date.short()
        if event.end:
            date_text = span_text(event.date, event.end)
        until = event.end
        if picture.horizon and event.end and event.end.earliest > picture.horizon:
            # Still going on at the last document: how it ended is not for the worksheet.
            end, until = picture.horizon, None
            date_text = f"from {event.date.short()}"
        marks.append(
            Mark(
                event.id,
                event.date.earliest,
                end,
                date_text,
                event.label,
                "later" if after else "event",
                event.date.precision == "day",
                event.id in picture.required,
                event.date,
                until,
            )
        )
    return layout(marks, picture.start, picture.end, width, cutoff=picture.cutoff)
