"""dbq's own words in print: typographic quotes and apostrophes, en dashes between years.

Applied to dbq's data (question stems, the built-in glossary, rubrics) before facts are filled
in, never to quotations: a source's words and a teacher's are printed as written.
"""

from __future__ import annotations

import re

_OPEN_DOUBLE = re.compile(r'(^|[\s(\[{—–-])"')
_APOSTROPHE = re.compile(r"(?<=[\w}])'(?=[\w{])")
_OPEN_SINGLE = re.compile(r"(^|[\s(\[“—–-])'")
# 1950-1953, (1893-1976): years, not ISO dates (1950-06-25 has no four-digit second part)
_YEAR_RANGE = re.compile(r"\b(1[5-9]\d\d|20\d\d)-(1[5-9]\d\d|20\d\d)\b(?!-)")


def typeset(text: str) -> str:
    """Straight quotes to curly ones, apostrophes to ’, and year ranges to an en dash."""
    text = _OPEN_DOUBLE.sub(lambda m: m.group(1) + "\u201c", text).replace('"', "\u201d")
    text = _APOSTROPHE.sub("\u2019", text)
    text = _OPEN_SINGLE.sub(lambda m: m.group(1) + "\u2018", text).replace("'", "\u2019")
    return _YEAR_RANGE.sub("\\1\u2013\\2", text)
