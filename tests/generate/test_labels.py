"""Label placement: the fast search finds the very spots a plain exhaustive search finds."""

from __future__ import annotations

import itertools
import random

import pytest

from dbq.generate import labels
from dbq.generate.labels import LabelRequest, Placement, place_labels


def _exhaustive_spot(
    request: LabelRequest,
    placed: list[Placement],
    pending: list[float],
    left: float,
    right: float,
    max_offset: float,
    gap: float,
) -> Placement | None:
    """Every offset, size and left edge costed and tested in full: the cheapest free spot."""
    best: tuple[float, Placement] | None = None
    reach = [(labels._reach(p.box, p.leader), p) for p in placed]
    offset = gap
    while offset <= max_offset:
        for option, (width, height) in enumerate(request.sizes):
            if offset + height > max_offset:
                continue
            for x0 in labels._lefts(request.anchor, width, left, right):
                foot = min(max(request.anchor, x0 + 3), x0 + width - 3)
                if abs(foot - request.anchor) > offset * labels.FLATTEST:
                    continue
                stray = x0 < request.low or x0 + width > request.high
                low = min(x0, foot, request.anchor) - 1
                high = max(x0 + width, foot, request.anchor) + 1
                cost = (
                    offset * 1.5
                    + height * 0.6
                    + option * 4
                    + abs((x0 + width / 2) - request.anchor) * 0.2
                    + abs(foot - request.anchor) * 0.8
                    + (labels.STRAY_COST if stray else 0)
                    + sum(1 for x in pending if low <= x <= high) * labels.COVER_COST
                )
                if best is not None and cost >= best[0] - 1e-9:
                    continue
                box = labels.Box(x0, offset, x0 + width, offset + height)
                leader = labels.Segment(request.anchor, 0.0, foot, offset)
                if labels._free(box, leader, reach):
                    best = (cost, Placement(box, option, leader))
        offset += labels.STEP
    return best[1] if best else None


def _requests(seed: int, count: int, spread: float) -> list[LabelRequest]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        width = rng.choice([40.0, 56.0, 70.0, 96.0])
        height = rng.choice([17.0, 26.0, 35.0])
        sizes = ((width, height), (width * 1.5, height * 0.7))
        out.append(LabelRequest(round(rng.uniform(250 - spread, 250 + spread), 1), sizes))
    return out


@pytest.mark.parametrize(("seed", "count", "spread"), [(1, 8, 240), (2, 14, 120), (3, 20, 60)])
def test_fast_search_finds_the_exhaustive_spots(seed: int, count: int, spread: float) -> None:
    requests = _requests(seed, count, spread)
    fast = place_labels(requests, 10, 494, 165, 7)
    slow: list[Placement | None] = []  # place_labels's loop, with the exhaustive search
    for index, request in enumerate(requests):
        pending = [r.anchor for r in requests[index + 1 :]]
        done = [s for s in slow if s is not None]
        slow.append(_exhaustive_spot(request, done, pending, 10, 494, 165, 7))
    assert [s.box if s else None for s in fast] == [s.box if s else None for s in slow]
    placed = [s for s in fast if s is not None]
    assert len(placed) >= 3
    for a, b in itertools.combinations(placed, 2):
        assert not a.box.overlaps(b.box)
        assert not a.leader.crosses_box(b.box) and not b.leader.crosses_box(a.box)
