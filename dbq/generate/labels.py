"""Label placement for the timeline picture: boxes, leaders, and text measured without fonts.

Labels are placed greedily in order of importance: each takes the cheapest free spot (nearest
the axis, least shifted sideways) whose box overlaps no placed box or leader, and whose own
leader crosses no placed box or leader. A label that finds no spot is dropped rather than
drawn over another. Coordinates: x grows right, y grows away from the axis.

The search is exact but quick: each left edge is costed once, cheapest first, so the first
free one at a distance from the axis is the best there; placed boxes rule out intervals of
left edges and of leader feet before the full test; and it stops as soon as nothing further
out can beat the best found (tests/generate/test_labels.py checks it against an exhaustive search).
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from dbq import assets as metrics

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
    low: float = float("-inf")  # the box had better stay right of this x
    high: float = float("inf")  # and left of this one


@dataclass(frozen=True)
class Placement:
    """Where a label went: its box, which size option, and its leader (axis to box edge)."""

    box: Box
    option: int
    leader: Segment


SLANT = 100.0  # how far (points) a label may stand to the side of the day it marks
COVER_COST = 90.0  # for a box over the day of a label still to come
STRAY_COST = 40.0  # for a box outside the request's low..high
FLATTEST = 1.5  # a leader may run at most this many points sideways for each one up


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
    """The cheapest free spot for one label, or None.

    A spot's cost is a part that grows with its distance from the axis (`floor`) plus a part
    that depends only on where it stands sideways (`extra`). So each size's left edges are
    costed once. At each distance, placed boxes and leaders rule out open intervals of left
    edges; the edges left over are taken cheapest first, and the first that passes the full
    test is the best there. The search stops as soon as nothing further out can beat the
    best found.
    """
    anchor = request.anchor
    pending = sorted(pending)
    sides = [_Side(request, w, pending, left, right) for w, _ in request.sizes]
    # The least any spot of each size can cost beyond its distance from the axis.
    least = [
        height * 0.6 + option * 4 + side.cheapest
        for option, ((_, height), side) in enumerate(zip(request.sizes, sides, strict=True))
    ]
    cheapest = min(least)
    # Each placed label with its horizontal reach (box and leader), for a quick first test.
    reach = [(_reach(p.box, p.leader), p) for p in placed]
    best: tuple[float, Placement] | None = None
    offset = gap
    while offset <= max_offset:
        # Costs only grow with the offset: once even the cheapest spot out here costs more
        # than the best found, nothing further out can beat it.
        if best is not None and offset * 1.5 + cheapest >= best[0]:
            break
        walls = _walls(anchor, offset, placed)
        for option, (width, height) in enumerate(request.sizes):
            floor = offset * 1.5 + height * 0.6 + option * 4
            if offset + height > max_offset or (
                best is not None and offset * 1.5 + least[option] >= best[0]
            ):
                continue
            # Boxes already placed in this band rule out an interval of left edges each,
            # and so does each wall for the leader's foot.
            ruled_out = [
                (p.box.x0 - PAD_X - width, p.box.x1 + PAD_X)
                for p in placed
                if offset - PAD_Y < p.box.y1 and p.box.y0 - PAD_Y < offset + height
            ] + [sides[option].lefts_for(f0, f1) for f0, f1 in walls]
            reach_out = offset * FLATTEST  # a leader almost flat along the axis reads badly
            for extra, _, x0, foot in sides[option].free(_union(ruled_out), reach_out):
                cost = floor + extra
                if best is not None and cost >= best[0]:
                    break  # cheapest first: the rest at this offset cost more still
                if abs(foot - anchor) > reach_out:
                    continue
                box = Box(x0, offset, x0 + width, offset + height)
                leader = Segment(anchor, 0.0, foot, offset)
                if _free(box, leader, reach):
                    best = (cost, Placement(box, option, leader))
                    break
        offset += STEP
    return best[1] if best else None


class _Side:
    """The left edges one size of label may take, costed, and how to find the free ones."""

    def __init__(
        self, request: LabelRequest, width: float, pending: list[float], left: float, right: float
    ) -> None:
        self.anchor, self.width = request.anchor, width
        self.by_x = _candidates(request, width, pending, left, right)
        self.by_x.sort(key=lambda c: (c[2], c[1]))
        self.xs = [c[2] for c in self.by_x]
        self.cheapest = min((c[0] for c in self.by_x), default=float("inf"))

    def lefts_for(self, f0: float, f1: float) -> tuple[float, float]:
        """The open interval of left edges whose leader foot falls in the open (f0, f1).

        The foot is the anchor clamped into the box (3 points in from either side), so it
        never falls as the left edge grows: the edges form one interval.
        """
        w, a = self.width, self.anchor
        return (f0 - w + 3 if f0 < a else f0 - 3), (f1 - 3 if f1 > a else f1 - w + 3)

    def free(self, ruled_out: Union, reach: float) -> Iterator[tuple[float, int, float, float]]:
        """The candidates outside the ruled-out intervals, cheapest first (ties: _lefts order).

        Only left edges whose foot lies within `reach` of the anchor are looked at (a little
        more, for rounding; the caller checks exactly).
        """
        low = self.anchor - reach - self.width + 3 - 1e-6
        high = self.anchor + reach - 3 + 1e-6
        pieces = []
        starts, ends = ruled_out
        edge = low
        for start, end in [*zip(starts, ends, strict=True), (high, high)]:
            if start > edge:  # a gap [edge, start]: both ends allowed (the intervals are open)
                i = bisect.bisect_left(self.xs, edge)
                j = bisect.bisect_right(self.xs, min(start, high))
                if i < j:
                    pieces.append(sorted(self.by_x[i:j]))
            edge = max(edge, end)
            if edge >= high:
                break
        return heapq.merge(*pieces)


Union = tuple[list[float], list[float]]


def _union(intervals: list[tuple[float, float]]) -> Union:
    """Open intervals merged into sorted, disjoint ones: (starts, ends)."""
    starts: list[float] = []
    ends: list[float] = []
    for low, high in sorted(intervals):
        if high <= low:
            continue  # empty
        if starts and low < ends[-1]:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return starts, ends


def _walls(anchor: float, offset: float, placed: list[Placement]) -> list[tuple[float, float]]:
    """Feet a leader from the anchor up to `offset` may not have: it would cross a placed box.

    The leader's x at height y is anchor + (foot - anchor) * y / offset, so a box (grown by
    the leader's padding) that lies between the axis and the offset rules out one open
    interval of feet. Only feet well inside it are ruled out here; _free has the last word.
    """
    walls = []
    for other in placed:
        low = max(other.box.y0 - 1.5, 0.0) / offset
        high = min(other.box.y1 + 1.5, offset) / offset
        if high - low <= 1e-6 or low <= 0:
            continue
        x0, x1 = other.box.x0 - 1.5 - anchor, other.box.x1 + 1.5 - anchor
        walls.append(
            (anchor + min(x0 / low, x0 / high) + 1e-6, anchor + max(x1 / low, x1 / high) - 1e-6)
        )
    return walls


def _candidates(
    request: LabelRequest, width: float, pending: list[float], left: float, right: float
) -> list[tuple[float, int, float, float]]:
    """(cost beyond the distance from the axis, place in _lefts, left edge, leader foot).

    Taken cheapest first, ties in the order of _lefts (nearest the centred spot first), as a
    search through that list taking only strictly cheaper spots would.
    """
    anchor = request.anchor
    out = []
    for index, x0 in enumerate(_lefts(anchor, width, left, right)):
        foot = min(max(anchor, x0 + 3), x0 + width - 3)
        shift = abs((x0 + width / 2) - anchor)
        stray = STRAY_COST if x0 < request.low or x0 + width > request.high else 0
        extra = shift * 0.2 + abs(foot - anchor) * 0.8 + stray
        # A box over a label still to come forces that label aside; allowed, but only when
        # nothing better is free.
        low, high = min(x0, foot, anchor) - 1, max(x0 + width, foot, anchor) + 1
        covered = bisect.bisect_right(pending, high) - bisect.bisect_left(pending, low)
        out.append((extra + covered * COVER_COST, index, x0, foot))
    return out


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
    # Also just beside the day, either side: how two labels for nearly the same day part ways.
    for x0 in (lowest, highest, anchor + 1.5, anchor - width - 1.5):
        if lowest <= x0 <= highest and x0 not in lefts:
            lefts.append(x0)
    return lefts


def _reach(box: Box, leader: Segment) -> tuple[float, float]:
    return min(box.x0, leader.x0, leader.x1), max(box.x1, leader.x0, leader.x1)


def _free(box: Box, leader: Segment, placed: list[tuple[tuple[float, float], Placement]]) -> bool:
    low, high = _reach(box, leader)
    low, high = low - PAD_X, high + PAD_X
    for (other_low, other_high), other in placed:
        if other_high < low or other_low > high:
            continue  # too far to the side to touch this label or its leader
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
    """Like place_labels, but work harder for the required labels.

    The search is slow (tenths of a second) and its result depends only on its arguments;
    lessons of a course about the same months ask for the same pictures, so results are
    remembered for the rest of the build.
    """
    key = (tuple(requests), frozenset(required), left, right, max_offset, gap)
    return list(_place_required(*key))


@lru_cache(maxsize=256)
def _place_required(
    requests: tuple[LabelRequest, ...],
    required: frozenset[int],
    left: float,
    right: float,
    max_offset: float,
    gap: float,
) -> tuple[Placement | None, ...]:
    """place_required's search.

    Greedy placement can box in a label: in a tight cluster near the page edge the labels
    only fit as a staircase, built from one end of the cluster. So besides the order of
    importance, try the required labels left to right and right to left, moving any that was
    dropped to the front; and while one still finds no room, give up optional labels, the
    nearest to it first, keeping the attempt that drops the fewest required ones.
    """
    left_out: set[int] = set()
    best = current = _try_orders(requests, required, left_out, left, right, max_offset, gap)
    while True:
        missed = [i for i in sorted(required) if current[1][i] is None]
        placed_optional = [
            i for i, spot in current[1].items() if spot is not None and i not in required
        ]
        if not missed or not placed_optional:
            break
        anchor = requests[missed[0]].anchor
        nearest = min(placed_optional, key=lambda i: (abs(requests[i].anchor - anchor), i))
        left_out.add(nearest)
        current = _try_orders(requests, required, left_out, left, right, max_offset, gap)
        if current[0] < best[0]:
            best = current
    return tuple(best[1].get(i) for i in range(len(requests)))


Attempt = tuple[tuple[int, int, float], dict[int, "Placement | None"]]


def _try_orders(
    requests: Sequence[LabelRequest],
    required: AbstractSet[int],
    left_out: AbstractSet[int],
    left: float,
    right: float,
    max_offset: float,
    gap: float,
) -> Attempt:
    """The best of a few placement orders: fewest required dropped, then fewest in all."""
    active = [i for i in range(len(requests)) if i not in left_out]
    by_x = sorted((i for i in active if i in required), key=lambda i: (requests[i].anchor, i))
    others = [i for i in active if i not in required]
    orders = [active, by_x + others, by_x[::-1] + others]
    best: Attempt | None = None
    tried: list[list[int]] = []
    while orders and len(tried) < 6:
        order = orders.pop(0)
        if order in tried:
            continue
        tried.append(order)
        found = place_labels([requests[i] for i in order], left, right, max_offset, gap)
        spots: dict[int, Placement | None] = dict(zip(order, found, strict=True))
        spots.update({i: None for i in left_out})
        missed = [i for i in order if spots[i] is None and i in required]
        height = max((p.box.y1 for p in spots.values() if p), default=0.0)
        score = (len(missed), sum(1 for spot in spots.values() if spot is None), height)
        if best is None or score < best[0]:
            best = (score, spots)
        if missed:
            orders.append(missed + [i for i in order if i not in missed])
    assert best is not None
    return best


# ---- text metrics ---------------------------------------------------------------------------


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of text set in the shipped sans-serif at `size` points (a little generous)."""
    return metrics.text_width(text, size, metrics.SANS_BOLD if bold else metrics.SANS) * 1.03


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
