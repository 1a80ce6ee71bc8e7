"""The timeline picture: an SVG drawn in Python, documents below the axis, events above.

Label positions come from dbq/generate/timeline_layout.py (no two boxes overlap); every piece
of text is escaped here, so the SVG can go into the page as it is.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from dbq.generate.labels import Box
from dbq.generate.timeline_layout import (
    DATE_SIZE,
    FONT,
    LINE,
    TEXT_SIZE,
    Drawn,
    Layout,
    Mark,
    lay_out_picture,
    layout,
)

if TYPE_CHECKING:
    from dbq.generate.picture import Picture

__all__ = ["Layout", "Mark", "events_in_order", "layout", "picture_svg", "render_svg"]

LATER_HEAD = "After the documents (teacher copy)"
LATER_NOTE = "after the documents; not on the students' copy"


def events_in_order(result: Layout, cutoff: dt.date | None = None) -> list[str]:
    """What the picture shows, as words, oldest first: "Jun 25, 1950: North Korea invades …".

    The picture's alternative text and the HTML copy's list under it: a reader who cannot see
    the picture gets the same events, the audience's own set.
    """
    items = []
    for drawn in sorted(result.labels, key=lambda d: (d.mark.start, d.mark.kind != "event")):
        mark = drawn.mark
        later = mark.kind == "later" or (cutoff is not None and mark.start > cutoff)
        items.append(f"{mark.date_text}: {mark.text}" + (f" ({LATER_NOTE})" if later else ""))
    return items


def alternative_text(title: str, events: list[str]) -> str:
    """One paragraph for a PDF's /Alt: the title, then every event in order."""
    # Sentences, not a list with semicolons: an event's own label may hold one
    return (
        f"{title}. In order: " + " ".join(e.rstrip(".") + "." for e in events) if events else title
    )


def render_svg(
    result: Layout,
    cutoff: dt.date | None = None,
    title: str = "",
    *,
    described: str = "",
) -> str:
    """The SVG text. `cutoff`: shade what comes after it (the key's 'after the documents').

    Its <title> is what a PDF reader says for it: the title and every event in order. With
    `described` (the id of a list of the events printed beside it, in the HTML copy), the
    title stays short and the SVG points to the list instead.
    """
    out: list[str] = []
    # The key shades what came after the documents; when no later event fitted, nothing.
    shaded = (
        cutoff is not None
        and result.start < cutoff < result.end
        and any(d.mark.kind == "later" for d in result.labels)
    )
    # The shaded part's caption goes under everything, where no label can be.
    w, h = result.width, result.height + (11 if shaded else 0)
    title = title or "Timeline"
    spoken = title if described else alternative_text(title, events_in_order(result, cutoff))
    refer = f' aria-describedby="{escape(described)}"' if described else ""
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" viewBox="0 0 {w:g} {h:g}" '
        f'width="{w:g}" height="{h:g}" role="img" aria-label={quoteattr(spoken)}{refer} '
        f"font-family={quoteattr(FONT)}>"
    )
    out.append(f"<title>{escape(spoken)}</title>")
    if shaded and cutoff is not None:
        x = result.x(cutoff)
        out.append(
            f'<rect x="{x:.1f}" y="0" width="{result.right + 6 - x:.1f}" height="{h:g}" '
            'fill="#ececec"/>'
        )
        out.append(
            _text(
                result.right + 4,
                h - 3,
                LATER_HEAD,
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
        days = sorted({result.x(p.start) for p in mark.points})
        if len(days) > 1:  # a shared tag: a bracket under the axis joins its documents' days
            out.append(
                f'<line x1="{days[0]:.1f}" y1="{y + 5.5:.1f}" x2="{days[-1]:.1f}" '
                f'y2="{y + 5.5:.1f}" stroke="#111" stroke-width="1.2"/>'
            )
        for day in days:
            out.append(
                f'<path d="M{day - 4.2:.1f} {y + 5.5:.1f} L{day:.1f} {y - 1.5:.1f} '
                f'L{day + 4.2:.1f} {y + 5.5:.1f} Z" fill="#111"/>'
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


def picture_svg(picture: Picture, width: float = 504.0, title: str = "") -> tuple[str, Layout]:
    """Lay out and draw a timeline picture in one step: the SVG text and its layout."""
    result = lay_out_picture(picture, width)
    return render_svg(result, picture.cutoff, title), result
