"""Intervals in words: how long from one partial date to another, as a prompt says it.

'four months', 'almost three months', 'a year and five months', never finer than the coarser
of the two dates allows.
"""

from __future__ import annotations

import math

from dbq.workspace.timelines import PartialDate

NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def number_words(n: int) -> str:
    """3 -> 'three' (numerals past twenty)."""
    return NUMBERS[n] if 0 <= n < len(NUMBERS) else str(n)


def _unit(n: int, unit: str) -> str:
    """(1, 'month') -> 'a month'; (4, 'month') -> 'four months'."""
    if n == 1:
        return f"a {unit}"
    return f"{number_words(n)} {unit}s"


def _fractional(value: float, unit: str) -> str:
    """4.1 months -> 'four months', 2.5 -> 'two and a half months', 2.7 -> 'almost three months'."""
    whole = math.floor(value)
    part = value - whole
    if part >= 0.65:
        return f"almost {_unit(whole + 1, unit)}"
    if part >= 0.35 and whole == 1:
        return f"a {unit} and a half"
    if part >= 0.35 and whole > 1:
        return f"{number_words(whole)} and a half {unit}s"
    return _unit(max(whole, 1), unit)


def _years(months: float) -> str:
    """Intervals of a year or more, to the month below two years and the half year beyond."""
    if months < 24:
        whole = round(months) - 12
        if whole <= 0:
            return "a year"
        if whole == 12:
            return "two years"
        return f"a year and {_unit(whole, 'month')}"
    return _fractional(months / 12, "year")


def interval_words(start: PartialDate, end: PartialDate) -> str:
    """How long from start to end, in words, no finer than the coarser date allows.

    '' means the same day (or the same month or year when that is all we know).
    """
    precision = (
        "year"
        if "year" in (start.precision, end.precision)
        else ("month" if "month" in (start.precision, end.precision) else "day")
    )
    if precision == "year":
        years = end.year - start.year
        return _unit(years, "year") if years > 0 else ""
    months = (end.year - start.year) * 12 + (end.month or 1) - (start.month or 1)
    if precision == "month":
        if months <= 0:
            return ""
        return _unit(months, "month") if months < 12 else _years(months)
    days = (end.earliest - start.earliest).days
    if days <= 0:
        return ""
    if days <= 12:
        return _unit(days, "day")
    if days <= 52:
        return _unit(round(days / 7), "week")
    exact = months + ((end.day or 1) - (start.day or 1)) / 30.4
    if exact < 11.25:
        return _fractional(exact, "month")
    return "almost a year" if exact < 11.75 else _years(exact)
