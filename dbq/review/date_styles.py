"""One date style per packet: the lesson's own dates against the style dbq writes its dates in.

dbq words every date it writes (source lines, generated questions, context prompts, the
timeline) in dbq.yaml's `date_style:`. A teacher who writes "25 June 1950" in a background
under the default style gets "June 25, 1950" beside it in the same question; the warning
names the first such date and the setting that makes the packet consistent. Quoted sources
keep their own style: only the lesson file is read.
"""

from __future__ import annotations

import calendar
import re

from dbq.errors import Problem
from dbq.text.dates import DAY_MONTH, MONTH_DAY

_MONTHS = "|".join(calendar.month_name[1:])
# "25 June 1950" and "June 25, 1950" (a day of one or two digits, a four-digit year)
_WRITTEN = {
    DAY_MONTH: re.compile(rf"\b\d{{1,2}} (?:{_MONTHS}),? \d{{4}}\b"),
    MONTH_DAY: re.compile(rf"\b(?:{_MONTHS}) \d{{1,2}}, \d{{4}}\b"),
}


def date_style_warnings(shown: str, text: str, style: str) -> list[Problem]:
    """A warning at the first date the lesson writes in the other style, if any."""
    other = DAY_MONTH if style == MONTH_DAY else MONTH_DAY
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        found = _WRITTEN[other].search(line)
        if found is None:
            continue
        message = (
            f"“{found.group()}” is written day first, but dbq writes its own dates as "
            f"“{style}” (dbq.yaml's `date_style`), so a packet would mix both; write "
            f"`date_style: {other}` in dbq.yaml, or write this date as dbq does"
        )
        if other == MONTH_DAY:
            message = message.replace("is written day first", "is written month first")
        return [Problem(shown, number, found.start() + 1, "", message, "warning", "L009")]
    return []
