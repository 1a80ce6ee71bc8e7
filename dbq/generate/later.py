"""Definitions that tell of events after a document: what the student copy may print.

A definition written for every lesson ("The Korean War ended with an armistice signed at
Panmunjom on 27 July 1953") gives away the future to a student reading a cable of 1951. The
rule is plain: a year or date in a definition later than the document's date makes the
sentence that holds it a later fact. The worksheet then prints the entry's `undated` wording
(or the definition, when it has none) without such sentences, a living person's life span
"(1893-1976)" as "(born 1893)"; when no sentence is left, the entry is printed in the answer
key only. The key prints the definition whole. A year alone counts as later only when it is
after the document's year.
"""

from __future__ import annotations

import datetime as dt
import re

from dbq.generate.textscan import MONTHS as _NAMES

MONTHS = [m.lower() for m in _NAMES]
_MONTH = "|".join(m.capitalize() for m in MONTHS)
# 27 July 1953, July 27, 1953, July 1953, or a bare year 1900-2099.
DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH}) (?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}}), (?P<y2>\d{{4}})"
    rf"|(?P<m3>{_MONTH}) (?P<y3>\d{{4}})"
    r"|(?P<y4>(?:19|20)\d\d))\b"
)
# A sentence ends at a stop followed by a space and a capital (not "U.S. forces").
SENTENCE = re.compile(r"(?<=[.!?)])\s+(?=[A-Z\"'(])")


# A bare number after these names a paper, not a year: "Deptel 2027", "telegram No. 1951".
NUMBERED = re.compile(
    r"\b(?:no|nos|number|numbers|tel|tels|telegram|telegrams|despatch|desp|airgram|circular|"
    r"deptel|embtel|contel|urtel|mytel|ourtel|reurtel|redeptel|embdesp|condesp|page|pp?|"
    r"paragraph|resolution|document)\.?\s*$",
    re.I,
)


def states_later(text: str, date: dt.date | None) -> bool:
    """Does the text name a year, month or day after the document's date?"""
    if date is None:
        return False
    for match in DATE.finditer(text):
        if match.group("y4") and NUMBERED.search(text[max(0, match.start() - 20) : match.start()]):
            continue
        year = int(next(match.group(g) for g in ("y1", "y2", "y3", "y4") if match.group(g)))
        month_name = match.group("m1") or match.group("m2") or match.group("m3")
        day_text = match.group("d1") or match.group("d2")
        if year != date.year or month_name is None:
            if year > date.year:
                return True
            continue
        month = MONTHS.index(month_name.lower()) + 1
        if month > date.month or (month == date.month and day_text and int(day_text) > date.day):
            return True
    return False


# A person's life span, "(1893-1976)".
LIFE = re.compile(r"\((\d{4})-(\d{4})\)")


def student_definition(
    definition: str, undated: str | None, date: dt.date | None, person: bool = False
) -> str | None:
    """What the worksheet prints of a definition for a document of this date (None: key only).

    The `undated` wording when there is one, else the definition; a living person's life
    span as "(born 1893)"; then only the sentences that tell of nothing later.
    """
    if not states_later(definition, date) or date is None:
        return definition
    text = undated or definition
    if person:
        text = LIFE.sub(lambda m: f"(born {m[1]})" if int(m[2]) > date.year else m[0], text)
    kept = [_earlier_clauses(s, date) for s in SENTENCE.split(text)]
    return " ".join(k for k in kept if k) or None


def _earlier_clauses(sentence: str, date: dt.date) -> str:
    """A sentence without its clauses of later events: "An insecticide …; banned in the
    United States since 1972." keeps "An insecticide …." ("" when nothing is left)."""
    if not states_later(sentence, date):
        return sentence
    clauses = sentence.rstrip(".").split("; ")
    kept = [c for c in clauses if not states_later(c, date)]
    if not kept or len(kept) == len(clauses):
        return ""
    return "; ".join(kept) + "."
