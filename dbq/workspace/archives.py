"""Recognizers for two archives' printed forms beside the State Department's (issue 22).

- Documents on Australian Foreign Policy (DFAT's series, as its web pages give it): a head
  line 'N Sender, office, to Recipient, office' or 'N Cablegram from X to Y'; a dateline
  'Cablegram 346 LONDON, 23 August 1939, 1.20 a.m.' or 'Kuala Lumpur, 9 August 1965' with a
  number-and-marking line '1713. Secret Emergency'; footnotes '1 text' and an archive line
  '[NAA: A1838, …]' printed after the document.
- Soviet-bloc telegrams as the Wilson Center Digital Archive publishes them: a page date line
  and the editors' title 'Cable No. 59976, Kovalev to Cde. Filippov [Stalin]' above the
  document; cipher-office lines ('CABLE Nº 3582', 'from PEKING received at 13:55 …',
  'sent at 0215 2 September', 'Strictly Secret'); a signature with its date ('21.XI.51
  GROMYKO'); below it, the editors' summary, 'Document Information' and the citation.

Each recognizer takes one line and returns what it states, or None when the whole line is not
of its form; a value the line leaves unsure (a name whose capitals were lost) is left out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dbq.workspace import recognizers as rec

MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
AU_DATE = (
    rf"\[?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\]?\s+\[?(?P<month>{MONTHS})\]?,?\s+"
    r"\[?(?P<year>1[89]\d\d|20\d\d)\]?"
)
AU_TIME = r"(?P<time>\d{1,2}(?:[.:]\d{2})?\s*[ap]\.\s?m\.?|noon|midnight)"
AU_KINDS = (
    r"Circular\s+Cablegram|Cablegrams?|Ministerial\s+Dispatch|Despatch|Dispatch|Minute|"
    r"Savingram|Telegraph\s+Message|Telegram|Message|Letter|Memorandum"
)
# 'Cablegram 346', 'Cablegrams 321, 80', 'Cablegram Winch 5', 'Cablegram [Z77]', '179[A]'.
AU_NUMBER = (
    r"unnumbered|\[[A-Z]*\d[\w/]*\]|(?:[A-Z][a-z]+\s|[A-Z]{2,4}\s)?[A-Z]?[\w/.]*\d[\w/\[\]]*"
    r"(?:,\s*[A-Z]?\d[\w/]*)*"
)
PLACE_WORDS = r"[A-Z][A-Za-z’'.-]*(?:\s+[A-Z][A-Za-z’'.-]*){0,3}"
AU_DATELINE = re.compile(
    rf"^(?:(?P<kind>{AU_KINDS})\s+(?:(?P<number>{AU_NUMBER})\s+)?)?"
    rf"(?:(?P<mission>{PLACE_WORDS}),\s+(?={PLACE_WORDS},))?"
    rf"(?:\[(?P<eplace>{PLACE_WORDS})\],?\s*|(?P<place>{PLACE_WORDS}),\s*)?"
    rf"(?P<bracket>\[)?{AU_DATE}(?P<glued>\d)?(?:\s*,\s*{AU_TIME})?\]?,?"
    rf"(?:\s+Received\s+(?P<received>.+))?$"
)
HONORIFICS = re.compile(
    r"^(?:(?:Mr|Mrs|Miss|Ms|Dr|Sir|Dame|General|Lieutenant[- ]General|Major[- ]General|"
    r"Brigadier|Admiral|Air\s+Marshal|Senator|Hon|Rt\.?\s+Hon|Cde|Comrade|Chairman)\.?\s+)+"
)
SMALL_WORDS = {"in", "of", "the", "and", "for", "to", "at", "on", "a"}
ARCHIVE_LINE = re.compile(
    r"^\[\s*(?:N?AA|PRO|TNA|AWM|NLA|ABHS|AAWG|AAEG)\b[^\n]*\]$|"
    r"^\[[^\[\]]*\b(?:Archives|Record Office)\b[^\n]*\]$"
)
FOOTNOTE_LINE = re.compile(r"^_?(?P<n>\d{1,3})\s+(?P<text>\S.*)$")
# The headings a Wilson Center document page prints below the document.
PAGE_HEADINGS = re.compile(r"^(?:Document Information|Source|Author\(s\):|Original Archive)$")
SPONSOR = re.compile(r"^This document was made possible with support from\b")
SOVIET_DATE = (
    r"(?:\d{1,2}\.(?:[IVX]{1,4}|\d{1,2})\.\d{2,4}|\d{1,2}/\d{1,2}-\d{2}|"
    rf"\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?)"
)
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}
ROMAN.update({"X": 10, "XI": 11, "XII": 12})


@dataclass
class CableDate:
    """A dateline of the Australian series."""

    date: dt.date
    kind: str | None = None
    number: str | None = None
    place: str | None = None
    place_editorial: str | None = None
    time: str | None = None
    received: dt.date | None = None


def _date(day: str, month: str, year: str) -> dt.date | None:
    number = rec.month_number(month)
    try:
        return dt.date(int(year), number or 0, int(day))
    except ValueError:
        return None


def _squash(text: str) -> str:
    return " ".join(rec.without_markers(text).split())


def kind_name(phrase: str) -> str:
    """'Cablegrams' -> 'telegram' (the front matter's kinds), 'Savingram' -> 'savingram'."""
    words = " ".join(phrase.lower().split())
    words = {"cablegrams": "cablegram", "ministerial dispatch": "despatch"}.get(words, words)
    return rec.kind_of(words) or words


def cable_dateline(line: str) -> CableDate | None:
    """'Cablegram 346 LONDON, 23 August 1939, 1.20 a.m.', 'Canberra, 14 January 19751'."""
    text = _squash(line)
    match = AU_DATELINE.match(text)
    if not match:
        return None
    if match.group("glued") and not text.endswith(match.group("glued")):
        return None
    when = _date(match.group("day"), match.group("month"), match.group("year"))
    if when is None:
        return None
    found = CableDate(when)
    if match.group("kind"):
        found.kind = kind_name(match.group("kind"))
    number = match.group("number")
    if number and number != "unnumbered":
        found.number = number[1:-1] if number.startswith("[") else number
    if match.group("place"):
        found.place = _place(match.group("place"))
    if match.group("eplace"):
        found.place_editorial = _place(match.group("eplace"))
    if match.group("time"):
        at = rec.clock(re.sub(r"^(\d{1,2})\.(\d{2})", r"\1:\2", match.group("time")))
        found.time = at.strftime("%H:%M") if at else None
    if match.group("received"):
        got = re.fullmatch(AU_DATE, match.group("received").strip())
        found.received = (
            _date(got.group("day"), got.group("month"), got.group("year")) if got else None
        )
    return found


def _place(text: str) -> str:
    text = text.strip()
    return text.title() if text.isupper() else text


def number_marks(line: str) -> tuple[str, str | None, list[str]] | None:
    """'1713. Secret Emergency' -> ('1713', 'Secret', ['Emergency']).

    Two addressees' numbers '1148. 851. Confidential Immediate' -> '1148, 851'.
    """
    text = _squash(line)
    match = re.fullmatch(
        r"(?:No\.?\s*)?(?P<nums>(?:[A-Z]?\d{1,6}\.\s+)+|O\.[A-Z]{2}\d{3,8}\s+)(?P<marks>\S.*)",
        text,
    )
    if not match:
        return None
    marks = rec.markings(match.group("marks"))
    if marks is None:
        return None
    numbers = [n.rstrip(".") for n in match.group("nums").split()]
    return ", ".join(numbers), marks[0], marks[1]


def place_line(line: str) -> str | None:
    """'CANBERRA' alone under the number line (the dateline that gives only a date)."""
    text = line.strip()
    return _place(text) if re.fullmatch(r"[A-Z]{3,}(?:\s[A-Z]{3,})?", text) else None


def title_case(text: str) -> str:
    """'DEPARTMENT OF EXTERNAL AFFAIRS' -> 'Department of External Affairs'."""
    words = text.split()
    out = []
    for index, word in enumerate(words):
        lower = word.lower()
        out.append(lower if index and lower in SMALL_WORDS else word.capitalize())
    return " ".join(out)


def _looks_like_name(text: str) -> bool:
    words = text.replace(".", ". ").split()
    return (
        0 < len(words) <= 6
        and all(w[:1].isupper() or w in ("de", "van", "von", "dos", "da") for w in words)
        and not re.search(r"\d", text)
        and not rec.is_office(text)
    )


def _party(phrase: str, recased: bool) -> tuple[str | None, str | None, str]:
    """'Mr S.M. Bruce, High Commissioner in London' -> ('S.M. Bruce', 'High Commissioner …').

    Returns (person, office, the phrase as printed). A head whose capitals a program made
    ('Cablegram From Mcewen To Menzies') leaves a Mc/Mac name unsure: no person then.
    """
    phrase = _squash(phrase).strip(" ,.")
    if phrase.isupper():
        phrase = title_case(phrase)
        recased = True
    whole = re.sub(r"^(?:the|The)\s+", "", phrase)
    first, _, rest = whole.partition(", ")
    first = HONORIFICS.sub("", first).strip()
    if rest and _looks_like_name(first):
        person, office = first, rest.strip()
    elif rec.is_office(whole):
        return None, whole, whole
    elif _looks_like_name(first) and not rest:
        person, office = first, None
    else:
        return None, None, whole
    if recased and re.search(r"\bMa?c[a-z]", person):
        # 'Mcewen': the program's capitals, not the name's (McEwen? MacEwen?).
        return None, office, f"unsure:{person}"
    return person, office, whole


@dataclass
class AuHead:
    kind: str | None = None
    author: str | None = None
    author_role: str | None = None
    recipient: str | None = None
    recipient_role: str | None = None
    date: dt.date | None = None
    unsure: list[str] = field(default_factory=list)


def numbered_head(line: str) -> AuHead | None:
    """'143 Mr S.M. Bruce, High Commissioner in London, to Mr R.G. Menzies, Prime Minister'.

    The leading number is the volume's document number: never a telegram number.
    """
    match = re.fullmatch(r"(\d{1,4})\s+(?P<rest>[A-Za-z].+)", line.strip())
    if not match:
        return None
    rest = _squash(match.group("rest"))
    dated = re.fullmatch(
        rf"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+{AU_DATE}", rest
    )
    if dated:
        when = _date(dated.group("day"), dated.group("month"), dated.group("year"))
        return AuHead(date=when) if when else None
    head = AuHead()
    recased = bool(re.search(r"\s(?:From|To)\s", rest)) or rest.isupper()
    kind = re.match(rf"(?P<kind>{AU_KINDS})(?:\s*,\s*|\s+(?=(?:from|to)\s))", rest, re.I)
    if kind:
        head.kind = kind_name(kind.group("kind"))
        rest = rest[kind.end() :]
    rest = re.sub(r"^from\s+", "", rest, flags=re.I)
    if re.match(r"^to\s+", rest, re.I):
        sender, recipient = None, re.sub(r"^to\s+", "", rest, flags=re.I)
    else:
        splits = [m for m in re.finditer(r",\s+to\s+", rest, re.I)]
        if len(splits) != 1:
            splits = [m for m in re.finditer(r"\s+to\s+", rest, re.I)]
        if len(splits) != 1:
            return head if head.kind else None
        sender, recipient = rest[: splits[0].start()], rest[splits[0].end() :]
    if sender is not None:
        person, office, whole = _party(sender, recased)
        if person is None and office is None and not head.kind:
            return None
        head.author, head.author_role = person, office
        if whole.startswith("unsure:"):
            head.unsure.append(f"author: {whole[7:]}")
    person, office, whole = _party(recipient, recased)
    if person:
        head.recipient, head.recipient_role = person, office
    elif whole.startswith("unsure:"):
        head.unsure.append(f"recipient: {whole[7:]}")
    else:
        head.recipient = whole
    if not (head.kind or head.author or head.author_role):
        return None
    return head


def address_line(line: str) -> tuple[str, str] | None:
    """'For Feakes/Joseph; from Starey' -> ('Feakes/Joseph', 'Starey')."""
    match = re.fullmatch(r"For\s+(?P<to>[^;]+?)[;,]?\s+from\s+(?P<from>[^;]+?)\.?", _squash(line))
    return (match.group("to"), match.group("from")) if match else None


def split_apparatus(lines: list[str]) -> tuple[list[str], list[str], str | None]:
    """Cut the editors' apparatus printed after a document: (text, notes, archive line).

    Footnotes are lines '1 text' (a marker [1] or a glued 1 for it stands in the text
    above), the first of them numbered 1 or 2, each later one numbered higher; a note may run
    on over several paragraphs. An archive line ('[NAA: A1838, …]') closes the document;
    whatever the page prints after it (footnotes, the editors' introduction to the next
    section) is the editors' too.
    """
    rule = next(
        (i for i, line in enumerate(lines) if re.fullmatch(r"[—–_-]{4,}", line.strip())), None
    )
    if rule is not None and any(
        re.match(r"^(?:x|\d{1,2})/\s", line.strip()) for line in lines[rule:]
    ):
        # A rule, then notes keyed 'x/' (a Soviet copy's note under the text).
        head, notes, archive = split_apparatus(lines[:rule])
        below = [line.strip() for line in lines[rule + 1 :] if line.strip()]
        while head and not head[-1].strip():
            head.pop()
        return head, notes + below, archive
    archive_at = next(
        (i for i in range(len(lines) - 1, -1, -1) if ARCHIVE_LINE.match(lines[i].strip())), None
    )
    first_note = None
    for index, line in enumerate(lines):
        match = FOOTNOTE_LINE.match(line.strip())
        if not match or int(match.group("n")) > 2 or index < 3:
            continue
        above = "\n".join(lines[:index])
        n = match.group("n")
        if not re.search(rf"\[{n}\]|[a-z.,;)’'\]]{n}(?:\b|\s|$)", above):
            continue
        if _notes_follow(lines[index:], int(n)):
            first_note = index
            break
    cut = min(i for i in (archive_at, first_note, len(lines)) if i is not None)
    if cut == len(lines):
        return lines, [], None
    archive = lines[archive_at].strip() if archive_at is not None else None
    notes = []
    for index in range(cut, len(lines)):
        text = lines[index].strip()
        if not text or index == archive_at:
            continue
        match = FOOTNOTE_LINE.match(text)
        if match and index >= (first_note if first_note is not None else len(lines)):
            notes.append(f"[{match.group('n')}] {match.group('text')}")
        elif notes:
            notes[-1] += "\n" + text
        else:
            notes.append(text)
    while cut and not lines[cut - 1].strip():
        cut -= 1
    return lines[:cut], split_run_on_notes(notes), archive


def split_run_on_notes(notes: list[str]) -> list[str]:
    """Notes a printed edition ran together on one line, split: "[13] AA:A3195 … for
    Malaya. 14 Franklin D. Roosevelt." is note 13 and note 14, when no note 14 stands alone
    (else the text's "[14]" marker would be left in the excerpt, its note lost)."""
    out: list[str] = []
    numbers = {m.group(1) for n in notes if (m := re.match(r"\[(\d+)\]", n))}
    for note in notes:
        while (m := re.match(r"\[(\d+)\]", note)) and str(int(m.group(1)) + 1) not in numbers:
            following = str(int(m.group(1)) + 1)
            split = re.search(rf"(?<=[.)\u201d'])\s+{following}\s+(?=[A-Z])", note)
            if not split:
                break
            out.append(note[: split.start()])
            note = f"[{following}] " + note[split.end() :]
            numbers.add(following)
        out.append(note)
    return out


def _notes_follow(rest: list[str], first: int) -> bool:
    """Do the lines from here on read as footnotes numbered first, first+1 … (or archive)?"""
    expected = first
    for line in rest:
        text = line.strip()
        match = FOOTNOTE_LINE.match(text)
        if match and int(match.group("n")) == expected:
            expected += 1
        elif match and int(match.group("n")) > expected + 3:
            return False
    return expected > first


# --- Soviet-bloc telegrams (Wilson Center Digital Archive) ---------------------------------

WILSON_TITLE = re.compile(
    r"^(?P<kind>Ciphered\s+Telegram|Cable|Telegram|Cipher(?:ed)?\s+Cable)"
    r"(?:\s+No\.\s*(?P<number>\d{2,7}))?"
    r"(?:,\s+|\s+from\s+)(?P<sender>.+?)"
    r"(?:\s+to\s+(?P<recipient>.+?)|\s+in\s+(?P<place>[A-Z][\w’'-]+))$",
    re.I,
)


@dataclass
class WilsonTitle:
    kind: str
    number: str | None
    author: str | None
    recipient: str | None
    place: str | None
    cover_names: list[str]


def _real_name(phrase: str, text: str) -> tuple[str | None, list[str]]:
    """'Filippov [Stalin]' -> ('Stalin', ['Filippov']); 'Stalin [via Kuznetsov]' -> Stalin.

    'Chairman Mao [Zedong]' completes a name the text prints whole ('Mao Zedong'): then the
    bracket is part of the name, not a real name for a cover name.
    """
    phrase = phrase.strip()
    if match := re.fullmatch(r"(.+?)\s*\[via\s+([^\]]+)\]", phrase):
        return HONORIFICS.sub("", match.group(1)).strip(), [match.group(2).strip()]
    if match := re.fullmatch(r"(.+?)\s*\[([^\]]+)\]", phrase):
        shown = HONORIFICS.sub("", match.group(1)).strip()
        bracket = match.group(2).strip()
        whole = f"{shown} {bracket}"
        if whole.lower() in text.lower():
            return whole, []
        if "[" in shown or not _looks_like_name(bracket):
            return None, []
        return bracket, [shown]
    if "[" in phrase:
        return None, []
    name = HONORIFICS.sub("", re.sub(r"^(?:the|The)\s+", "", phrase)).strip()
    return (name or None), []


def wilson_title(line: str, text: str) -> WilsonTitle | None:
    """'Cable No. 59976, Kovalev to Cde. Filippov [Stalin]': the editors' title line."""
    match = WILSON_TITLE.fullmatch(line.strip())
    if not match:
        return None
    author, covers = _real_name(match.group("sender"), text)
    recipient: str | None = None
    more: list[str] = []
    if match.group("recipient"):
        recipient, more = _real_name(match.group("recipient"), text)
    if author and not (_looks_like_name(author) or "’" in author or "'" in author):
        author = None
    if author and rec.is_office(author):
        author = None
    place = match.group("place")
    return WilsonTitle(
        kind_name(match.group("kind")),
        match.group("number"),
        author,
        recipient,
        _place(place) if place else None,
        covers + more,
    )


def soviet_date(text: str, year: int | None) -> dt.date | None:
    """'21.XI.1951', '13.1.51', '13/5-50', '2 September' (year from the page) -> a date."""
    text = text.strip().rstrip(".,")
    if match := re.fullmatch(r"(\d{1,2})[./](\d{1,2}|[IVX]{1,4})[.-](\d{2}|\d{4})", text):
        month = ROMAN.get(match.group(2)) or (
            int(match.group(2)) if match.group(2).isdigit() else 0
        )
        full = int(match.group(3))
        if full < 100:
            if year is None:
                return None
            full += year // 100 * 100
        try:
            return dt.date(full, month, int(match.group(1)))
        except ValueError:
            return None
    if match := re.fullmatch(rf"(\d{{1,2}})\s+({MONTHS})(?:\s+(\d{{4}}))?", text):
        got = match.group(3) or (str(year) if year else None)
        return _date(match.group(1), match.group(2), got) if got else None
    return None


def soviet_line(line: str, meta: dict, year: int | None) -> bool:
    """A cipher-office header line: what it states goes to meta; False if it is none."""
    text = " ".join(line.split())
    raw = line.strip()
    parts = [p for p in re.split(r"\s{3,}", raw) if p]
    if len(parts) == 2 and re.fullmatch(
        r"(?:COPY OF AN (?:OUTGOING|INCOMING) TELEGRAM|Cable|CABLE|Ciphered Telegram)",
        parts[0],
        re.I,
    ):
        marks = rec.markings(parts[1])
        if marks is not None:
            add_marks(meta, marks)
            return True
    if match := re.fullmatch(
        r"(?:CABLE|CIPHERED TELEGRAM|TELEGRAM)\s+N[ºo°]\.?\s*(\d{2,7})(?:\s+(.+))?", text, re.I
    ):
        meta.setdefault("number", match.group(1))
        if match.group(2):
            marks = rec.markings(match.group(2))
            if marks is None:
                return False
            add_marks(meta, marks)
        return True
    if re.fullmatch(r"(?:CIPHERED TELEGRAM|COPY OF AN OUTGOING TELEGRAM|MID USSR)", text, re.I):
        return True
    if re.fullmatch(r"Copy\s+N[ºo°]\s*\d+(?:\s+(?:to\s+.+|Distribution list|copy))?", text):
        meta.setdefault("copies_lines", []).append(text)  # a copies list: not paragraphs
        return True
    if re.fullmatch(r"(?:Spets\.|Special)\s+N[ºo°]\.?\s*\d+", text):
        return True  # the cipher office's registry number: not the telegram's
    if re.fullmatch(r"[A-Z][A-Z()]*(?:\s+[A-Z][A-Z()]*){2,11}", text) and not rec.markings(text):
        # The issuing office's heading ('SECOND DIRECTORATE OF THE … GENERAL STAFF').
        meta.setdefault("header_notes", []).append(f"Heading on the copy: {text}")
        return True
    if match := re.fullmatch(r"Copies:\s*(.+)", text):
        meta.setdefault("copies_lines", []).append(match.group(1))
        return True
    if re.fullmatch(r"\[(?:handwritten|stamp|illegible)\b[^\[\]]*\]", text, re.I):
        meta.setdefault("header_notes", []).append(text)  # an annotation on the copy
        return True
    if match := re.fullmatch(
        r"from\s+(?P<place>[A-Z][A-Z-]+(?:\s[A-Z][A-Z-]+)?)"
        r"(?:\s+N[ºo°]\.?\s*(?P<number>\d{2,7}))?"
        r"(?:\s+(?:received\s+at\s+(?P<rtime>\d{2}:?\d{2})\s+(?P<rdate>[\w ]+?\d{4}))?)?"
        r"(?:\s+(?P<hours>\d{1,2})\s+hours\s+(?P<minutes>\d{2})\s+minutes,\s+(?P<sdate>[\d.]+))?"
        r"(?:\s+Copy\s+N[ºo°]\s*\d+)?",
        text.replace("Received", "received"),
        re.I,
    ):
        meta.setdefault("place", _place(match.group("place")))
        if match.group("number"):
            meta.setdefault("number", match.group("number"))
        if match.group("rtime") and (day := soviet_date(match.group("rdate"), year)):
            at = rec.clock(match.group("rtime"))
            if at:
                meta.setdefault("received", dt.datetime.combine(day, at))
        if match.group("hours"):
            hour, minute = int(match.group("hours")), int(match.group("minutes"))
            if hour < 24 and minute < 60:
                meta.setdefault("time", f"{hour:02d}:{minute:02d}")
            if day := soviet_date(match.group("sdate"), year):
                meta.setdefault("date", day)
        return True
    if match := re.fullmatch(
        r"(?:(?P<office>[A-Z][a-z]+\s+Department)\s+)?(?P<how>received|sent)\s+(?:at\s+)?"
        r"(?P<time>\d{1,2}:?\d{2})\s+(?P<date>.+)",
        text,
        re.I,
    ):
        day = soviet_date(match.group("date"), year)
        at = rec.clock(match.group("time"))
        if day is None or at is None:
            return False
        if match.group("how").lower() == "sent":
            meta["time"] = at.strftime("%H:%M")
            meta.setdefault("date", day)
        else:
            meta.setdefault("received", dt.datetime.combine(day, at))
        return True
    if match := re.fullmatch(
        r"To\s+(?P<dest>[A-Z][A-Z ]+?)\s+To\s+(?P<who>[A-Z][A-Z’'-]+)(?:\s+(?P<marks>.+))?", text
    ):
        if match.group("marks"):
            marks = rec.markings(match.group("marks"))
            if marks is None:
                return False
            add_marks(meta, marks)
        meta.setdefault("recipient_as", match.group("who"))
        return True
    if match := re.fullmatch(
        r"(?:To|to)\s+(?P<as>(?:Com\[rade\]|Comrade|Cde\.)\s+[A-Z][\w.\[\] ’'-]+)", text
    ):
        meta.setdefault("recipient_as", match.group("as").strip())
        return True
    return False


# Soviet precedence words printed on a line of their own with the cipher office's code
# ('MOLNIYA EH': molniya, "lightning", the highest precedence).
SOVIET_PRECEDENCE = re.compile(r"MOLNIYA(?:\s+[A-Z]{1,3})?", re.I)


def soviet_address_line(line: str, meta: dict, title: WilsonTitle | None) -> bool:
    """The labels-less FROM/TO lines of a cipher-office copy, read inside its header only.

    'BEIPING [SIC]': a place in capitals alone on its line is where an outgoing copy was sent
    (not where it was sent from: that is never guessed); 'to TEREBIN' / 'to Cde. FILIPPOV':
    the person addressed, who is the recipient (or his cover name) or an intermediary;
    'MOLNIYA EH': a precedence mark. What they state goes to the front matter.
    """
    text = " ".join(line.split())
    if SOVIET_PRECEDENCE.fullmatch(text):
        add_marks(meta, (None, [text]))
        return True
    if re.fullmatch(r"[A-Z][A-Z’'-]{2,}(?:\s[A-Z][A-Z’'-]{2,})?(?:\s*\[[^\[\]]{1,20}\])?", text):
        if rec.markings(text) is not None:
            return False
        meta.setdefault("header_notes", []).append(f"Destination on the copy: {text}")
        return True
    match = re.fullmatch(
        r"[Tt]o\s+(?P<as>(?:(?:Com\[rade\]|Comrade|Cde\.)\s+)?[A-Z][A-Z’'-]+(?:\s[A-Z][A-Z’'-]+)?)",
        text,
    )
    if not match:
        return False
    addressed = match.group("as")
    surname = addressed.split()[-1].casefold()
    known = [meta.get("recipient"), *(title.cover_names if title else [])]
    if any(name and name.split()[-1].casefold() == surname for name in known):
        meta.setdefault("recipient_as", addressed)
    else:  # an intermediary who passes the text on: not the recipient
        meta.setdefault("header_notes", []).append(f"Addressed on the copy: to {addressed}")
        if meta.get("recipient"):
            meta.setdefault("header_warnings", []).append(
                f"recipient: the title names {meta['recipient']}, the copy is addressed to "
                f"{addressed}; {meta['recipient']} is written (check who received it)"
            )
    return True


def add_marks(meta: dict, marks: tuple[str | None, list[str]]) -> None:
    classification, others = marks
    if classification:
        meta.setdefault("classification", classification)
    for mark in others:
        if mark not in meta.setdefault("markings", []):
            meta["markings"].append(mark)


def soviet_signature(line: str, names: list[str]) -> str | None:
    """'21.XI.51 GROMYKO', 'Nº 274 KOVALEV, 11 November', 'Terebin.', 'FILIPPOV”' -> the name.

    The name must be one the title gives (the sender or a cover name), compared without case
    or apostrophe differences; an all-capitals name closing a quotation is a signature too.
    """
    text = " ".join(line.split())
    match = re.fullmatch(
        rf"(?:(?:{SOVIET_DATE}|N[ºo°]\s*\d+)\.?\s+)?"
        r"(?P<name>(?:[A-Z]\.\s*)?[A-Z][A-Za-z’'-]+(?:\s+[A-Z][A-Za-z’'-]+)?)"
        rf"(?P<end>[.”\"]|,\s*{SOVIET_DATE})?",
        text,
    )
    if not match:
        return None
    name = match.group("name")

    def fold(value: str) -> str:
        return re.sub(r"[’']", "'", value).casefold()

    surname = fold(name.split()[-1])
    known = {fold(n.split()[-1]) for n in names if n}
    if surname in known or fold(name) in {fold(n) for n in names if n}:
        return name
    if name.isupper() and match.group("end") in ("”", '"') and len(name.split()) == 1:
        return name
    return None


def wilson_furniture(lines: list[str]) -> tuple[list[str], list[str], str | None]:
    """The page below the document: editors' summary, 'Document Information', the citation."""
    heading = next((i for i, line in enumerate(lines) if PAGE_HEADINGS.match(line.strip())), None)
    if heading is None:
        return lines, [], None
    after = [
        line.strip()
        for line in lines[heading:]
        if line.strip() and not PAGE_HEADINGS.match(line.strip())
    ]
    archive = " ".join(after) or None
    cut = heading
    while cut and not lines[cut - 1].strip():
        cut -= 1
    notes: list[str] = []
    # The editors' one-line summary stands as its own paragraph right above the heading.
    start = cut
    while start and lines[start - 1].strip():
        start -= 1
    if start and cut - start == 1 and not lines[start - 1].strip():
        notes.append(f"Editors' summary: {lines[start].strip()}")
        cut = start
        while cut and not lines[cut - 1].strip():
            cut -= 1
    return lines[:cut], notes, archive
