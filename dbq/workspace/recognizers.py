"""Recognizers for the conventions of diplomatic documents, one kind of line each.

Each takes one line (or paragraph) and returns what it states, or None when the line is not
of that kind. A recognizer accepts a line only when the whole line fits its convention, so a
sentence of the body that mentions a date or a classification is never taken for a header.
The vocabulary (classifications, handling marks, kinds of document) is in
dbq/data/diplomatic.yaml.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from dbq.assets import data_file

MONTH_NAMES = [name.lower() for name in calendar.month_name[1:]]
MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
# Month-day-year and day-month-year; Python's re has no repeated group names, so two patterns.
DATES = (rf"{MONTH}\s+{DAY},?\s+{YEAR}", rf"{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}")
# The same with the editors' brackets around a month or a day they supplied:
# 'Tokyo, [January] 15, 1951', 'London, June [29], 1951'.
EDITED_DATES = (
    rf"\[?{MONTH}\]?\s+\[?{DAY}\]?,?\s+{YEAR}",
    rf"\[?{DAY}\]?\s+(?:of\s+)?\[?{MONTH}\]?,?\s+{YEAR}",
)
CLOCK = (
    r"(?:\d{1,2}(?::\d{2})?\s*[ap]\.\s?m\.?|noon|midnight|\d{1,2}:\d{2}(?:\s*hours)?|"
    r"[0-2]\d[0-5]\d(?:\s*hours)?)"
)
TIMES = rf"(?P<time>{CLOCK})(?P<more>(?:\s*(?:and|,)\s*{CLOCK})*)"
PLACE = r"(?P<place>[A-Za-zÀ-ÿ’'.-]+(?:\s+[A-Za-zÀ-ÿ’'.-]+){0,3})"
DATELINES = [
    re.compile(
        rf"^(?:(?P<bracket_all>\[)?(?:\[(?P<eplace>[^\]\d]+?),?\]\s*|{PLACE},\s+)?)?"
        rf"{date}\.?(?:\s*(?:[—–-]+|,)\s*{TIMES})?\.?(?(bracket_all)\])$"
    )
    for date in EDITED_DATES
]
RECEIVED = [
    re.compile(rf"\[Received:?\s+{date}(?:\s*(?:[—–-]+|,)\s*(?P<time>{CLOCK}))?\.?\]")
    for date in (
        rf"{MONTH}\s+{DAY}(?:,?\s*{YEAR})?",
        rf"{DAY}\s+{MONTH}(?:,?\s*{YEAR})?",
    )
]
MARKER = re.compile(r"\[(?:fn)?\d{1,3}\]")
NAME_WORD = r"(?:[A-Z]\.|(?:Mc|Mac|O’|O')?[A-Z][a-zà-ÿ’'A-Z-]*[a-zà-ÿ]|[A-Z]{2,})"
NAME = re.compile(rf"^{NAME_WORD}(?:\s+{NAME_WORD}){{0,4}}$")


@dataclass
class Head:
    """What a head line states: the kind of document, who sent it and to whom."""

    kind: str | None = None
    author: str | None = None
    author_role: str | None = None
    recipient: str | None = None
    recipient_role: str | None = None


@dataclass
class Dateline:
    """A dateline: place (or an editors' place in brackets), date and time sent."""

    date: dt.date
    place: str | None = None
    place_editorial: str | None = None
    time: dt.time | None = None
    date_editorial: bool = False


@dataclass
class Closer:
    """The closing lines: the signature, who it was signed for, and the signer's title."""

    signature: str
    signed_for: str | None = None
    signer_title: str | None = None
    extra: list[str] = field(default_factory=list)


@cache
def conventions() -> dict:
    """The vocabulary in dbq/data/diplomatic.yaml."""
    return data_file("diplomatic.yaml")


def without_markers(text: str) -> str:
    """The text with footnote markers such as [1] or [fn44] taken out."""
    return MARKER.sub("", text).strip()


def month_number(name: str) -> int | None:
    """'Sept.' -> 9, 'June' -> 6."""
    key = name.lower().rstrip(".")[:3]
    return next((i for i, m in enumerate(MONTH_NAMES, start=1) if m.startswith(key)), None)


def clock(text: str) -> dt.time | None:
    """'9 p. m.', '7:09 p. m.', 'noon', '1330', '13:30 hours' -> a time of day."""
    text = text.strip().lower()
    if text in ("noon", "midnight"):
        return dt.time(12 if text == "noon" else 0, 0)
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.\s?m\.?)?(?:\s*hours)?", text)
    if match is None:
        match = re.fullmatch(r"([0-2]\d)([0-5]\d)(?:\s*hours)?()", text)
    if match is None or (match.group(2) is None and not match.group(3)):
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3):
        if hour > 12:
            return None
        hour = hour % 12 + (12 if match.group(3) == "p" else 0)
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def date_from(match: re.Match[str]) -> dt.date | None:
    """The date of a DATE match, or None when it is not a real day."""
    month = month_number(match.group("month"))
    try:
        return dt.date(int(match.group("year")), month or 0, int(match.group("day")))
    except ValueError:
        return None


def dateline(line: str) -> Dateline | None:
    """'New Delhi, June 15, 1951—4 p. m.', '[Washington,] January 17, 1951.', '2 February 1951'."""
    # The line as printed first: 'June [29], 1951' brackets a day the editors supplied, which
    # the footnote markers' form ('[29]') would take away.
    match = next(
        (
            m
            for text in (line.strip(), without_markers(line).strip())
            for p in DATELINES
            if (m := p.match(text))
        ),
        None,
    )
    if not match:
        return None
    when = date_from(match)
    if when is None:
        return None
    found = Dateline(when, date_editorial=bool(match.group("bracket_all")))
    if match.group("place"):
        place = match.group("place").strip()
        found.place = place.title() if place.isupper() else place
    if match.group("eplace"):
        found.place_editorial = match.group("eplace").strip()
    if found.date_editorial and found.place:
        found.place_editorial, found.place = found.place, None
    if match.group("time"):
        found.time = clock(match.group("time"))
    return found


def received(line: str, year: int | None) -> dt.datetime | None:
    """'[Received August 15—1:23 p. m.]' -> when it was received (year from the dateline)."""
    match = next((m for p in RECEIVED if (m := p.fullmatch(line.strip()))), None)
    if not match:
        return None
    year = int(match.group("year")) if match.group("year") else year
    month = month_number(match.group("month"))
    if year is None or month is None or not match.group("time"):
        return None
    at = clock(match.group("time"))
    try:
        day = dt.date(year, month, int(match.group("day")))
        return dt.datetime.combine(day, at) if at else None
    except ValueError:
        return None


def _phrases(names: list[str]) -> str:
    ordered = sorted(names, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered)


def markings(line: str) -> tuple[str | None, list[str]] | None:
    """'Top Secret Priority' -> ('Top Secret', ['Priority']); None unless the line is all marks."""
    known = conventions()
    classes = _phrases(known["classifications"])
    marks = _phrases(known["markings"])
    text = without_markers(line).strip().rstrip(".")
    found: list[tuple[str, str]] = []
    position = 0
    pattern = re.compile(
        rf"\s*(?:[,/;—–-]|and\b)?\s*(?:(?P<mark>{marks})|(?P<cls>{classes}))\b", re.I
    )
    while position < len(text):
        match = pattern.match(text, position)
        if not match or match.end() == position:
            return None
        kind = "mark" if match.group("mark") else "cls"
        found.append((kind, match.group(kind)))
        position = match.end()
    classes_found = [value for kind, value in found if kind == "cls"]
    if not found or len(classes_found) > 1:
        return None
    return (classes_found[0] if classes_found else None), [v for k, v in found if k == "mark"]


def source_note(line: str) -> tuple[str, str | None] | None:
    """An archive reference: '793B.00/6–1551: Telegram', 'S/P Files: Lot 64 D 563'.

    Returns the reference as printed and the kind of document it names (telegram, airgram).
    """
    text = line.strip()
    labelled = re.match(r"^\[?(?:FRUS\s+)?source(?:\s+note)?\]?:?\s+(.+)$", text, re.I)
    if labelled:
        text = labelled.group(1).strip()
    # '611.93/1–1551', '320.2–AC/2–751: Telegram.', '611.93/1–1551 (Top Secret file)',
    # '293.0022/2–251: Telegram (Secret file)': a file number, the kind, words in brackets.
    decimal = re.fullmatch(
        r"\d{3}[\w.–\- ]*/[\w.–\- ]+?(?:\s*\([^()]{1,40}\))?"
        r"(?::\s*(?P<kind>[A-Z][a-z]+))?(?:\s*\([^()]{1,40}\))?\.?",
        text,
    )
    lot = re.search(r"\bFiles?:|\bLot\s+\d+\s*D\s*\d+|\b\d{2}\s+D\s+\d{1,4}\b", text)
    if not (decimal or (lot and len(text) < 90)) and not labelled:
        return None
    kind = decimal.group("kind") if decimal else None
    if kind is None and (end := re.search(r":\s*(Telegram|Airgram|Despatch)$", text)):
        kind = end.group(1)
    return text, (kind.lower() if kind else None)


def number_line(line: str) -> str | None:
    """'No. 3113' in a header -> '3113'."""
    match = re.fullmatch(r"No\.\s*([A-Z]?[–-]?\d{1,6})\.?", line.strip())
    return match.group(1) if match else None


def number_with_marks(line: str) -> tuple[str, list[str]] | None:
    """'No. 1631, priority' / 'No. 604, niact' -> the number and its precedence marks."""
    match = re.fullmatch(r"No\.\s*([A-Z]?[–-]?\d{1,6}),\s*(.+?)\.?", line.strip())
    if not match or (marks := markings(match.group(2))) is None or marks[0] or not marks[1]:
        return None
    return match.group(1), marks[1]


def body_number(paragraph: str) -> str | None:
    """'1691. Deptel 1047…' or 'A–71. The following…' at the start of a telegram body."""
    found = channel_number(paragraph)
    return found[0] if found else None


def channel_number(paragraph: str) -> tuple[str, str | None] | None:
    """A telegram's number opening its body, with the precedence some volumes print before it:
    '1691. Deptel 1047…' -> ('1691', None); 'Niact 604. …' -> ('604', 'Niact')."""
    match = re.match(
        r"^(?:(?P<mark>[A-Z][a-z]+)\s+)?(?P<number>[A-Z][–-]?\d{1,5}|\d{1,5})\.\s+\S",
        paragraph.strip(),
    )
    if not match:
        return None
    mark = match.group("mark")
    if mark is not None:
        marks = markings(mark)
        if marks is None or marks[0]:
            return None  # a word that is no precedence mark: not a number line
    return match.group("number"), mark


def attachment_marker(line: str) -> bool:
    """'[Attachment]', '[Enclosure 2]': an attachment printed after the document starts here."""
    words = _phrases(conventions()["attachment_markers"])
    return bool(re.fullmatch(rf"\[(?:{words})(?:\s+\w+)?\]", line.strip(), re.I))


def footnote_heading(line: str) -> bool:
    """'Footnotes', '----- FRUS editorial footnotes -----': the edition's notes follow."""
    words = _phrases(conventions()["footnote_headings"])
    return bool(re.fullmatch(rf"[-=*_ ]*(?:{words})[-=*_: ]*", line.strip(), re.I))


def kind_of(phrase: str) -> str | None:
    """The kind of document a phrase names ('Memorandum of Conversation' -> ...)."""
    kinds: dict[str, str] = conventions()["kinds"]
    lowered = phrase.lower().strip()
    for name in sorted(kinds, key=len, reverse=True):
        if re.search(rf"(?:^|\s){re.escape(name)}$", lowered):
            return kinds[name]
    return None


def party(phrase: str) -> tuple[str | None, str | None]:
    """'the Ambassador in India (Henderson)' -> ('Henderson', 'Ambassador in India').

    Later volumes write a person's office before the name: 'President Johnson',
    'Secretary of State Rusk' -> ('Johnson', 'President'), ('Rusk', 'Secretary of State').
    """
    phrase = without_markers(phrase).strip().rstrip(".,:")
    if titled := _title_before_name(phrase):
        return titled
    match = re.fullmatch(r"(.*?)\s*\(([^()]+)\)", phrase)
    name = match.group(2).strip() if match else None
    role = (match.group(1) if match else phrase).strip()
    role = re.sub(r"^(?:the|The)\s+", "", role).strip() or None
    if name and not NAME.match(name):
        return None, role
    return name, role


def _title_before_name(phrase: str) -> tuple[str, str] | None:
    """'Secretary of State Acheson' -> ('Acheson', 'Secretary of State'); the titles are the
    ones the heads print before a name (dbq/data/diplomatic.yaml), never 'the …'."""
    titles = _phrases(conventions()["titles_before_names"])
    match = re.fullmatch(
        rf"(?P<title>(?:(?:Acting|Vice|Deputy|Under)\s+)?(?:{titles}))\s+"
        r"(?P<name>(?:Mc|Mac|O’|O')?[A-Z][a-zà-ÿ’'-]+(?:\s+[A-Z][a-zà-ÿ’'-]+){0,2})",
        phrase,
    )
    if not match or is_office(match.group("name")):
        return None
    return match.group("name"), " ".join(match.group("title").split())


def head_title(line: str) -> str:
    """The head as the editors' title: without the document number and footnote markers."""
    text = re.sub(r"^\d{1,4}\.\s+(?=[A-Z])", "", without_markers(line).strip())
    return " ".join(text.split()).rstrip(".")


def is_office(phrase: str) -> bool:
    """Does a phrase name an office (an embassy, a secretary) rather than a person?"""
    words = set(re.findall(r"[\w’']+", phrase))
    return bool(words & set(conventions()["office_words"]))


def head_line(line: str) -> Head | None:
    """A head: 'The Chargé in India (Steere) to the Secretary of State', 'Memorandum by …'."""
    text = without_markers(line).strip()
    text = re.sub(r"^\d{1,4}\.\s+(?=[A-Z])", "", text)  # an edition's document number
    head = Head()
    by = re.match(
        r"^(?P<kind>(?:[A-Z][\w-]*\s+|of\s+){0,5}?(?:Memorandum|Telegram|Cablegram|Letter|Despatch|"
        r"Dispatch|Airgram|Note|Paper)(?:\s+of\s+(?:Telephone\s+)?Conversation)?)"
        r"(?:,?\s+(?P<how>by|[Ff]rom|Drafted\s+by|Prepared\s+(?:in|by))\s+(?P<rest>.+))?$",
        text,
    )
    if by:
        head.kind = kind_of(by.group("kind"))
        rest = by.group("rest")
        how = (by.group("how") or "").lower()
        if rest is None or how.startswith("prepared"):
            return head if head.kind else None
        if how == "drafted by":
            drafter = re.match(rf"^({NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})\s+of\s+the\s+", rest)
            head.author = drafter.group(1) if drafter else None
            return head
        text = rest
    elif not re.match(r"^(?:The|the)\s+[A-Z]", text) or text[-1:] in ".!?:;,":
        return None  # a head names its sender; a sentence of the body ends like one
    sender, recipient = _split_to(text)
    if not by and recipient is None and not sender_named(sender):
        return None
    if sender is None:
        return head if head.kind else None
    head.author, head.author_role = party(sender)
    if recipient is not None:
        head.recipient, head.recipient_role = party(recipient)
        if head.recipient is None and head.recipient_role:
            head.recipient, head.recipient_role = head.recipient_role, None
    if not (head.author or (head.author_role and is_office(head.author_role))):
        return None
    return head


def sender_named(sender: str | None) -> bool:
    """A head without a recipient must at least name its sender in brackets: '… (Rusk)'."""
    return bool(sender and re.search(r"\([^()]+\)\s*$", without_markers(sender)))


def _split_to(text: str) -> tuple[str | None, str | None]:
    """Split 'SENDER to RECIPIENT' at a ' to ' outside brackets; (None, None) if unsure.

    When there are several, the one right after a bracketed name wins ('… (Rusk) to …');
    any other ambiguity is left alone rather than guessed.
    """
    depth, splits = 0, []
    for match in re.finditer(r"[()]|\s+to\s+", text):
        token = match.group(0)
        if token in "()":
            depth += 1 if token == "(" else -1
        elif depth == 0:
            splits.append(match)
    if not splits:
        return (text, None) if text.startswith(("the ", "The ")) or ")" in text else (None, None)
    named = [m for m in splits if text[: m.start()].endswith(")")]
    chosen = named if named else splits
    if len(chosen) != 1:
        return None, None
    return text[: chosen[0].start()], text[chosen[0].end() :]


def labelled(line: str) -> tuple[str, str] | None:
    """'FROM: Embassy Moscow' -> ('from', 'Embassy Moscow'); also TO, DATE, SUBJECT, INFO."""
    match = re.fullmatch(r"(FROM|TO|DATE|SUBJECT|SUBJ|INFO|REF)\s*:\s*(.+)", line.strip(), re.I)
    return (match.group(1).lower(), match.group(2).strip()) if match else None


def closer(lines: list[str]) -> Closer | None:
    """The closing block: 'Acheson'; 'For the Chargé d’Affaires, a.i.' / name / title lines."""
    lines = [without_markers(line) for line in lines if line.strip()]
    if not lines or len(lines) > 5:
        return None
    signed_for = None
    if re.match(r"^For\s+(?:the\s+)?[A-Z]", lines[0]) and len(lines) >= 2:
        signed_for, lines = lines[0], lines[1:]
    name = lines[0].strip()
    if not NAME.match(name) or name.isupper() and len(name.split()) > 4:
        return None
    if markings(name) is not None or kind_of(name):
        return None
    title = " ".join(line.strip() for line in lines[1:3]) or None
    return Closer(name, signed_for, title, lines[3:])


def drafter(paragraph: str) -> str | None:
    """'… for action. [Rusk.]' -> 'Rusk': the drafters an edition prints in brackets."""
    match = re.search(
        rf"\[({NAME_WORD}(?:,?\s+(?:and\s+)?{NAME_WORD})*)\.\]\s*$", paragraph.strip()
    )
    return match.group(1) if match else None


def repeated(line: str) -> str | None:
    """'Sent Dept 3643, repeated info Calcutta 261.': where a telegram was also sent."""
    text = without_markers(line).strip()
    if re.match(r"^(?:Sent\s+\w+.*\b(?:rptd|repeated)\b|Repeated\s+(?:to|info)\b)", text, re.I):
        return text if len(text) < 200 else None
    return None
