"""The timeline picture: an SVG drawn in Python, with labels placed so that none overlap.

Events are labelled above the axis, documents below it. Labels are placed greedily in order
of importance: each takes the cheapest free spot (nearest the axis, least shifted sideways)
whose box overlaps no placed box or leader line, and whose own leader crosses no placed box.
A label that finds no spot is left out rather than drawn over another. All text is escaped.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from xml.sax.saxutils import escape, quoteattr

from dbq.generate.context import Picture
from dbq.timeline import PartialDate

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
TEXT_SIZE = 7.4  # points: legible in print
DATE_SIZE = 6.4
LINE = 1.18  # line height, in ems
PAD_X = 3.0  # space kept between labels
PAD_Y = 2.0
STEP = 4.0  # vertical search step


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: x grows right, y grows away from the axis."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, pad_x: float = 0.0, pad_y: float = 0.0) -> bool:
        """True when the boxes, each grown by the padding, share any area."""
        return (
            self.x0 - pad_x < other.x1
            and other.x0 - pad_x < self.x1
            and self.y0 - pad_y < other.y1
            and other.y0 - pad_y < self.y1
        )

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class Segment:
    """A straight line from (x0, y0) to (x1, y1): a leader from the axis to its label."""

    x0: float
    y0: float
    x1: float
    y1: float

    def crosses_box(self, box: Box, pad: float = 0.0) -> bool:
        """True when any part of the segment lies inside the box grown by pad (Liang-Barsky)."""
        dx, dy = self.x1 - self.x0, self.y1 - self.y0
        low, high = 0.0, 1.0
        for p, q in (
            (-dx, self.x0 - (box.x0 - pad)),
            (dx, (box.x1 + pad) - self.x0),
            (-dy, self.y0 - (box.y0 - pad)),
            (dy, (box.y1 + pad) - self.y0),
        ):
            if p == 0:
                if q < 0:
                    return False
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
        return high - low > 1e-9

    def crosses(self, other: Segment) -> bool:
        """True when the two segments intersect (leaders from one point may share it)."""
        if (self.x0, self.y0) == (other.x0, other.y0):
            return False

        def side(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> float:
            return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)

        d1 = side(other.x0, other.y0, other.x1, other.y1, self.x0, self.y0)
        d2 = side(other.x0, other.y0, other.x1, other.y1, self.x1, self.y1)
        d3 = side(self.x0, self.y0, self.x1, self.y1, other.x0, other.y0)
        d4 = side(self.x0, self.y0, self.x1, self.y1, other.x1, other.y1)
        return d1 * d2 < 0 and d3 * d4 < 0


@dataclass(frozen=True)
class LabelRequest:
    """A label to place: the x it points at, and the sizes it can take (wrapped differently)."""

    anchor: float
    sizes: tuple[tuple[float, float], ...]  # (width, height) options, preferred first


@dataclass(frozen=True)
class Placement:
    """Where a label went: its box, which size option, and its leader (axis to box edge)."""

    box: Box
    option: int
    leader: Segment


SLANT = 100.0  # how far (points) a label may stand to the side of the day it marks


def place_labels(
    requests: list[LabelRequest], left: float, right: float, max_offset: float, gap: float = 6.0
) -> list[Placement | None]:
    """Place labels in the given order (most important first); None for a label with no room."""
    placed: list[Placement] = []
    out: list[Placement | None] = []
    for index, request in enumerate(requests):
        pending = [r.anchor for r in requests[index + 1 :]]
        best = _best_spot(request, placed, pending, left, right, max_offset, gap)
        out.append(best)
        if best is not None:
            placed.append(best)
    return out


def _best_spot(
    request: LabelRequest,
    placed: list[Placement],
    pending: list[float],
    left: float,
    right: float,
    max_offset: float,
    gap: float,
) -> Placement | None:
    best: tuple[float, Placement] | None = None
    offset = gap
    anchor = request.anchor
    while offset <= max_offset:
        for option, (width, height) in enumerate(request.sizes):
            if offset + height > max_offset:
                continue
            for x0 in _lefts(anchor, width, left, right):
                foot = min(max(anchor, x0 + 3), x0 + width - 3)
                if abs(foot - anchor) > offset * 3.5:
                    continue  # a leader almost flat along the axis reads badly
                box = Box(x0, offset, x0 + width, offset + height)
                leader = Segment(anchor, 0.0, foot, offset)
                shift = abs((x0 + width / 2) - anchor)
                # A box over a label still to come forces that label aside; allowed, but
                # only when nothing better is free.
                low, high = min(x0, foot, anchor) - 2, max(x0 + width, foot, anchor) + 2
                covered = sum(1 for x in pending if low <= x <= high)
                cost = (
                    offset * 1.5
                    + shift * 0.2
                    + abs(foot - anchor) * 0.8
                    + height * 0.6
                    + option * 4
                    + covered * 30
                )
                if best is not None and cost >= best[0]:
                    continue
                if _free(box, leader, placed):
                    best = (cost, Placement(box, option, leader))
        if best is not None and best[0] <= offset * 1.5:
            break  # nothing further out can be cheaper
        offset += STEP
    return best[1] if best else None


def _lefts(anchor: float, width: float, left: float, right: float) -> list[float]:
    """Left edges to try, nearest the centred one first; the box may stand to the side."""
    lowest = max(left, anchor - width - SLANT)
    highest = min(right - width, anchor + SLANT)
    if lowest > highest:
        return []
    centred = min(max(anchor - width / 2, lowest), highest)
    lefts = [centred]
    step = max(width / 8, 4.0)
    k = 1
    while centred - k * step >= lowest or centred + k * step <= highest:
        for x0 in (centred - k * step, centred + k * step):
            if lowest <= x0 <= highest:
                lefts.append(x0)
        k += 1
    for x0 in (lowest, highest):
        if x0 not in lefts:
            lefts.append(x0)
    return lefts


def _free(box: Box, leader: Segment, placed: list[Placement]) -> bool:
    for other in placed:
        if box.overlaps(other.box, PAD_X, PAD_Y):
            return False
        if other.leader.crosses_box(box, 1.5) or leader.crosses_box(other.box, 1.5):
            return False
        if leader.crosses(other.leader):
            return False
    return True


def place_required(
    requests: list[LabelRequest],
    required: set[int],
    left: float,
    right: float,
    max_offset: float,
    gap: float = 6.0,
) -> list[Placement | None]:
    """Like place_labels, but try a few orders and keep the one that drops fewest labels.

    Greedy placement can box in a label: in a tight cluster near the page edge the labels
    only fit as a staircase, built from one end of the cluster. So besides the order of
    importance, try the required labels left to right and right to left, and each round
    move any required label that was dropped to the front.
    """
    by_x = sorted(required, key=lambda i: (requests[i].anchor, i))
    others = [i for i in range(len(requests)) if i not in required]
    orders = [list(range(len(requests))), by_x + others, by_x[::-1] + others]
    best: tuple[tuple[int, int, float], dict[int, Placement | None]] | None = None
    tried: list[list[int]] = []
    while orders and len(tried) < 6:
        order = orders.pop(0)
        if order in tried:
            continue
        tried.append(order)
        spots = dict(
            zip(
                order,
                place_labels([requests[i] for i in order], left, right, max_offset, gap),
                strict=True,
            )
        )
        missed = [i for i in order if spots[i] is None and i in required]
        height = max((p.box.y1 for p in spots.values() if p), default=0.0)
        score = (len(missed), sum(1 for spot in spots.values() if spot is None), height)
        if best is None or score < best[0]:
            best = (score, spots)
        if missed:
            orders.append(missed + [i for i in order if i not in missed])
    assert best is not None
    return [best[1][i] for i in range(len(requests))]


# ---- text metrics ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _widths() -> dict:
    text = resources.files("dbq").joinpath("data/sans-widths.json").read_text(encoding="utf-8")
    return json.loads(text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of text set in DejaVu Sans at `size` points (a little generous for safety)."""
    table = _widths()
    widths = table["bold" if bold else "regular"]
    default = table["default"]
    units = sum(widths.get(ch, default if ord(ch) < 0x2E80 else 1000) for ch in text)
    return units * size / 1000 * 1.03


def wrap(text: str, max_width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to max_width; a single over-long word gets a line of its own."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size, bold) > max_width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines or [""]


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


def _label_sizes(mark: Mark) -> tuple[tuple[tuple[float, float], list[str]], ...]:
    """Ways to set a label (wrapped to different widths), narrowest first."""
    options = []
    bold = mark.kind == "document"
    size = TEXT_SIZE + (0.8 if bold else 0)
    for max_width in (70.0, 96.0, 130.0) if not bold else (200.0,):
        lines = wrap(mark.text, max_width, size, bold)
        if len(lines) > 3 and max_width < 130:
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


def layout(
    marks: list[Mark],
    start: dt.date,
    end: dt.date,
    width: float = 504.0,
    above: float = 165.0,
    below: float = 60.0,
) -> Layout:
    """Scale, then place every label (marks in order of importance); drop what cannot fit."""
    margin = 10.0
    axis_band = 16.0  # the year labels just under the axis
    result = Layout(width, 0, 0, start, end, margin + 6, width - margin - 6, [], [])
    tops: list[Drawn] = []
    bottoms: list[Drawn] = []
    for side, limit, chosen in (("above", above, tops), ("below", below, bottoms)):
        group = [m for m in marks if (m.kind == "document") == (side == "below")]
        sizes = [_label_sizes(m) for m in group]
        requests = [
            LabelRequest(_anchor(result, m), tuple(s for s, _ in opts))
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


def _anchor(result: Layout, mark: Mark) -> float:
    """Where a label points: the day, or the middle of a month/year known only roughly."""
    if mark.exact or mark.end is None:
        return result.x(mark.start)
    return (result.x(mark.start) + result.x(mark.end)) / 2


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
    for year in years:
        x = result.x(dt.date(year, 1, 1))
        out.append(
            f'<line x1="{x:.1f}" y1="{y - 4}" x2="{x:.1f}" y2="{y + 4}" stroke="#111" '
            'stroke-width="0.9"/>'
        )
        if (year - years[0]) % step == 0:
            out.append(
                _text(
                    x,
                    y + 12,
                    str(year),
                    DATE_SIZE + 0.6,
                    anchor="middle",
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
    x = _anchor(result, mark)
    out = []
    later = mark.kind == "later"
    if mark.end is not None and mark.end > mark.start:
        x0, x1 = result.x(mark.start), result.x(mark.end)
        shade = "#9a9a9a" if mark.exact else "#c4c4c4"
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
    if mark.exact and mark.end is None:
        fill = "#fff" if later else "#111"
        out.append(
            f'<circle cx="{x:.1f}" cy="{y}" r="2.3" fill="{fill}" stroke="#111" '
            'stroke-width="0.8"/>'
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
            )
        )
    result = layout(marks, picture.start, picture.end, width)
    return render_svg(result, picture.cutoff, title), result


def _span_text(start: PartialDate, end: PartialDate) -> str:
    """'Jun 1948–May 1949', '20 Apr–3 May 1953', 'Aug–Sept 1950'."""
    if start.year == end.year and start.precision == end.precision == "day":
        first = start.short().rsplit(" ", 1)[0]
        if start.month == end.month:
            first = str(start.day)
        return f"{first}\u2013{end.short()}"
    if start.year == end.year:
        return f"{start.short().rsplit(' ', 1)[0]}\u2013{end.short()}"
    return f"{start.short()}\u2013{end.short()}"
