"""One date style per packet: every date dbq writes (source lines, generated questions, context
prompts, timeline labels) is worded here, in the style `date_style:` in dbq.yaml names.

Each command sets the style from the workspace settings before it writes anything
(`use_date_style`), so the many small functions that word a date need no extra parameter.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

MONTH_DAY = "November 14, 1951"  # the default: how source lines have always printed
DAY_MONTH = "14 November 1951"
STYLES = (MONTH_DAY, DAY_MONTH)
# One abbreviation for each month, wherever a label is short: the timeline picture.
SHORT_MONTHS: tuple[str, ...] = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug")
SHORT_MONTHS += ("Sept", "Oct", "Nov", "Dec")

_STYLE: ContextVar[str] = ContextVar("dbq_date_style", default=MONTH_DAY)


def use_date_style(style: str) -> None:
    """Word every date written from now on in this style: each command sets it from dbq.yaml."""
    _STYLE.set(style if style in STYLES else MONTH_DAY)


@contextmanager
def date_style(style: str) -> Iterator[None]:
    """Word every date written inside the block in this style."""
    token = _STYLE.set(style if style in STYLES else MONTH_DAY)
    try:
        yield
    finally:
        _STYLE.reset(token)


def _day_first() -> bool:
    return _STYLE.get() == DAY_MONTH


def date_words(year: int, month: int | None = None, day: int | None = None) -> str:
    """November 14, 1951 (or 14 November 1951), November 1951, or 1951."""
    if not month:
        return str(year)
    name = calendar.month_name[month]
    if not day:
        return f"{name} {year}"
    return f"{day} {name} {year}" if _day_first() else f"{name} {day}, {year}"


def long_date(value: dt.date | None) -> str:
    """A date in words in the packet's style; '' for none."""
    return date_words(value.year, value.month, value.day) if value else ""


def short_date(year: int, month: int | None = None, day: int | None = None) -> str:
    """Nov 14, 1951 (or 14 Nov 1951), Nov 1951, or 1951: for tight labels."""
    if not month:
        return str(year)
    name = SHORT_MONTHS[month]
    if not day:
        return f"{name} {year}"
    return f"{day} {name} {year}" if _day_first() else f"{name} {day}, {year}"


def short_span(
    start: tuple[int, int | None, int | None], end: tuple[int, int | None, int | None]
) -> str:
    """Two dates joined by an en dash, the shared year (and month) said once:
    'Apr 20–May 3, 1953' or '20 Apr–3 May 1953'; 'Aug–Sept 1950'; 'Jun 1948–May 1949'."""
    (y1, m1, d1), (y2, m2, d2) = start, end
    if y1 != y2 or not (m1 and m2):
        return f"{short_date(y1, m1, d1)}\u2013{short_date(y2, m2, d2)}"
    if d1 and d2 and not _day_first():
        last = str(d2) if m1 == m2 else f"{SHORT_MONTHS[m2]} {d2}"
        return f"{SHORT_MONTHS[m1]} {d1}\u2013{last}, {y2}"
    first = SHORT_MONTHS[m1]
    if d1:
        first = f"{d1}" if (d2 and m1 == m2) else _day_month(m1, d1)
    return f"{first}\u2013{short_date(y2, m2, d2)}"


def _day_month(month: int, day: int) -> str:
    return f"{day} {SHORT_MONTHS[month]}" if _day_first() else f"{SHORT_MONTHS[month]} {day}"
