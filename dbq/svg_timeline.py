"""The timeline picture: an SVG drawn in Python, documents below the axis, events above.

Label positions come from dbq/labels.py (no two boxes overlap); every piece of text is
escaped here, so the SVG can go into the page as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from dbq.dates import short_span
from dbq.generate.picture import Picture
from dbq.labels import Box, LabelRequest, place_required, text_width, wrap
from dbq.timeline import PartialDate

FONT = "dbq Sans, sans-serif"
TEXT_SIZE = 7.4  # points: legible in print
DATE_SIZE = 6.4
LINE = 1.18  # line height, in ems


# ---- the picture ----------------------------------------------------------------------------


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
    options = []
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
    if covering:
        date_text = covering[0].date_text
    elif first.date and (final.until or final.date):
        date_text = _span_text(first.date, final.until or final.date)
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
    return _paragraphs_of(mark.parts, mark.date_text) if mark.parts else [mark.text]


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
    bottoms: list[Drawn] = []
    for side, limit, chosen in (("above", above, tops), ("below", below, bottoms)):
        group = [m for m in marks if (m.kind == "document") == (side == "below")]
        sizes = [_label_sizes(m) for m in group]
        requests = [
            LabelRequest(result.anchor(m), tuple(s for s, _ in opts), *_bounds(result, m, cutoff))
            for m, opts in zip(group, sizes, strict=True)
        ]
        gap = 7.0 if side == "above" else axis_band
        required = {i for i, m in enumerate(group) if m.required}
        spots = place_required(requests, required, margin, width - margin, limit, gap)
        for mark, opts, spot in zip(group, sizes, spots, strict=True):
            if spot is None:
                result.dropped.append(mark)
            else:
                chosen.append(Drawn(mark, opts[spot.option][1], spot.box, spot.leader.x1))
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


def render_svg(result: Layout, cutoff: dt.date | None = None, title: str = "") -> str:
    """The SVG text. `cutoff`: shade what comes after it (the key's 'after the documents')."""
    out: list[str] = []
    shaded = cutoff is not None and result.start < cutoff < result.end
    # The shaded part's caption goes under everything, where no label can be.
    w, h = result.width, result.height + (11 if shaded else 0)
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" viewBox="0 0 {w:g} {h:g}" '
        f'width="{w:g}" height="{h:g}" role="img" aria-label={quoteattr(title or "Timeline")} '
        f"font-family={quoteattr(FONT)}>"
    )
    if title:
        out.append(f"<title>{escape(title)}</title>")
    if shaded:
        x = result.x(cutoff)
        out.append(
            f'<rect x="{x:.1f}" y="0" width="{result.right + 6 - x:.1f}" height="{h:g}" '
            'fill="#ececec"/>'
        )
        out.append(
            _text(
                result.right + 4,
                h - 3,
                "After the documents (teacher copy)",
                DATE_SIZE,
                anchor="end",
                fill="#444",
                style="italic",
            )
        )
    out += _axis(result)
    for drawn in result.labels:
        out += _mark(result, drawn)
    out.append("</svg>")
    return "\n".join(out)


def _axis(result: Layout) -> list[str]:
    y = result.axis_y
    out = [
        f'<line x1="{result.left - 6:.1f}" y1="{y}" x2="{result.right + 6:.1f}" y2="{y}" '
        'stroke="#111" stroke-width="1.3"/>'
    ]
    years = range(
        result.start.year + (0 if result.start.month == 1 == result.start.day else 1),
        result.end.year + 1,
    )
    step = 1 if len(years) <= 12 else 2
    documents = [result.anchor(d.mark) for d in result.labels if d.mark.kind == "document"]
    for year in years:
        x = result.x(dt.date(year, 1, 1))
        out.append(
            f'<line x1="{x:.1f}" y1="{y - 4}" x2="{x:.1f}" y2="{y + 4}" stroke="#111" '
            'stroke-width="0.9"/>'
        )
        if (year - years[0]) % step == 0:
            anchor, tx = _year_anchor(x, documents)
            out.append(
                _text(
                    tx,
                    y + 12,
                    str(year),
                    DATE_SIZE + 0.6,
                    anchor=anchor,
                    fill="#333",
                    weight="bold",
                )
            )
    first_tick = result.x(dt.date(years[0], 1, 1)) if years else result.right
    if first_tick - result.left > 40:
        # Name the year the axis starts in when its first January is far off.
        out.append(
            _text(
                result.left - 4,
                y + 12,
                str(result.start.year),
                DATE_SIZE + 0.6,
                anchor="start",
                fill="#333",
                weight="bold",
            )
        )
    if (result.end - result.start).days < 5 * 366:
        out += _month_ticks(result)
    return out


def _year_anchor(x: float, documents: list[float]) -> tuple[str, float]:
    """Centre a year under its tick, or move it aside when a document's marker is there."""
    near = [d for d in documents if abs(d - x) < 12]
    if not near:
        return "middle", x
    return ("end", x - 2) if near[0] >= x else ("start", x + 2)


def _month_ticks(result: Layout) -> list[str]:
    y = result.axis_y
    out = []
    day = dt.date(result.start.year, result.start.month, 1)
    while day <= result.end:
        if day >= result.start and day.month != 1:
            x = result.x(day)
            out.append(
                f'<line x1="{x:.1f}" y1="{y - 1.8}" x2="{x:.1f}" y2="{y + 1.8}" '
                'stroke="#555" stroke-width="0.5"/>'
            )
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def _mark(result: Layout, drawn: Drawn) -> list[str]:
    mark, lines, box, foot = drawn.mark, drawn.lines, drawn.box, drawn.foot
    y = result.axis_y
    x = result.anchor(mark)
    out = []
    later = mark.kind == "later"
    for point in mark.points:  # a span's bar; a shared label shows each of its events'
        if point.end is not None and point.end > point.start:
            x0, x1 = result.x(point.start), result.x(point.end)
            shade = "#9a9a9a" if point.exact else "#c4c4c4"
            out.append(
                f'<rect x="{x0:.1f}" y="{y - 2.6}" width="{max(x1 - x0, 1.5):.1f}" height="5.2" '
                f'fill="{shade}" stroke="#444" stroke-width="0.4"/>'
            )
    if mark.kind == "document":
        edge = box.y0
        out.append(
            f'<line x1="{x:.1f}" y1="{y}" x2="{foot:.1f}" y2="{edge:.1f}" stroke="#111" '
            'stroke-width="0.9"/>'
        )
        out.append(
            f'<path d="M{x - 4.2:.1f} {y + 5.5:.1f} L{x:.1f} {y - 1.5:.1f} '
            f'L{x + 4.2:.1f} {y + 5.5:.1f} Z" fill="#111"/>'
        )
        out.append(
            f'<rect x="{box.x0:.1f}" y="{box.y0:.1f}" width="{box.width:.1f}" '
            f'height="{box.y1 - box.y0:.1f}" rx="1.5" fill="#111"/>'
        )
        size = TEXT_SIZE + 0.8
        cx = (box.x0 + box.x1) / 2
        ty = box.y0 + 2 + size
        for line in lines:
            out.append(_text(cx, ty, line, size, anchor="middle", fill="#fff", weight="bold"))
            ty += size * LINE
        out.append(_text(cx, ty, mark.date_text, DATE_SIZE, anchor="middle", fill="#fff"))
        return out
    edge = box.y1
    dash = ' stroke-dasharray="1.6 1.2"' if later else ""
    out.append(
        f'<line x1="{x:.1f}" y1="{y - 3:.1f}" x2="{foot:.1f}" y2="{edge + 0.5:.1f}" '
        f'stroke="#777" stroke-width="0.5"{dash}/>'
    )
    for point in mark.points:  # dots over bars: a day inside a month shows as a day
        if point.exact and point.end is None:
            fill = "#fff" if later else "#111"
            out.append(
                f'<circle cx="{result.x(point.start):.1f}" cy="{y}" r="2.3" fill="{fill}" '
                'stroke="#111" stroke-width="0.8"/>'
            )
    anchor, tx = _text_anchor(foot, box)
    ty = box.y0 + DATE_SIZE
    colour = "#555" if later else "#111"
    out.append(_text(tx, ty, mark.date_text, DATE_SIZE, anchor=anchor, fill="#555", weight="bold"))
    ty += TEXT_SIZE * LINE
    for line in lines:
        out.append(
            _text(
                tx, ty, line, TEXT_SIZE, anchor=anchor, fill=colour, style="italic" if later else ""
            )
        )
        ty += TEXT_SIZE * LINE
    return out


def _text_anchor(x: float, box: Box) -> tuple[str, float]:
    """Left-align a label pushed right of its leader, right-align one pushed left; else centre."""
    if x - box.x0 < 6:
        return "start", box.x0
    if box.x1 - x < 6:
        return "end", box.x1
    return "middle", (box.x0 + box.x1) / 2


def _text(
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    anchor: str = "start",
    fill: str = "#111",
    weight: str = "",
    style: str = "",
) -> str:
    extra = f' font-weight="{weight}"' if weight else ""
    extra += f' font-style="{style}"' if style else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" '
        f'fill="{fill}"{extra}>{escape(text)}</text>'
    )


def _labels_text(labels: list[str]) -> str:
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


def picture_svg(picture: Picture, width: float = 504.0, title: str = "") -> tuple[str, Layout]:
    """Lay out and draw the lesson's timeline picture; return the SVG text and its layout."""
    marks = [
        Mark(
            f"doc-{'-'.join(labels)}",
            day,
            None,
            PartialDate.of(day).short(),
            _labels_text(labels),
            "document",
        )
        for labels, day in picture.documents
    ]
    for event, after in picture.events:
        end = event.end.latest if event.end else None
        if event.date.precision != "day" and end is None:
            end = event.date.latest  # a month known only roughly is drawn as that month
        date_text = event.date.short()
        if event.end:
            date_text = _span_text(event.date, event.end)
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
                event.end,
            )
        )
    result = layout(marks, picture.start, picture.end, width, cutoff=picture.cutoff)
    return render_svg(result, picture.cutoff, title), result


def _span_text(start: PartialDate, end: PartialDate) -> str:
    """'Jun 1948–May 1949', 'Apr 20–May 3, 1953', 'Aug–Sept 1950' (dbq.dates.short_span)."""
    return short_span((start.year, start.month, start.day), (end.year, end.month, end.day))
