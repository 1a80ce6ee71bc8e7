"""The raw-telegram importer: detect the metadata a text states, and never guess the rest.

It reads the header conventions of Soviet ciphered telegrams as the Wilson Center publishes
them (the seed), of State Department telegrams in FRUS, and a speaker line for speeches.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
FIELD_LABELS = {
    "type": "document type",
    "number": "telegram number",
    "copies": "copies",
    "place": "place sent from",
    "received": "date and time received",
    "recipient_as": "recipient as addressed",
    "recipient": "recipient's real name",
    "author": "author",
    "signature": "signature",
    "date": "date sent",
    "outgoing_number": "outgoing number",
    "classification": "classification",
    "author_role": "author's office",
}


@dataclass
class Imported:
    """What the importer made of a raw text."""

    meta: dict
    body: str
    proposed_id: str
    found: dict[str, str]
    missing: list[str]


def _name_case(text: str) -> str:
    """BEIJING -> Beijing, MAO ZEDONG -> Mao Zedong; mixed case is kept."""
    text = " ".join(text.split())
    return text.title() if text.isupper() else text


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _date(day: int, month: int, year: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _clock(text: str) -> tuple[int, int] | None:
    """'13:40', '9 p.m.', '3:52 p.m.' -> (hour, minute)."""
    match = re.match(r"(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.)?", text.strip(), re.I)
    if not match or (match.group(2) is None and match.group(3) is None):
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3):
        hour = hour % 12 + (12 if match.group(3).lower().startswith("p") else 0)
    return (hour, minute) if hour < 24 and minute < 60 else None


def normalize_body(text: str) -> str:
    """Unify line endings, strip trailing spaces; a paragraph-per-line text gets blank lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    nonblank = [line for line in lines if line]
    adjacent_long = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if a and b and len(a) > 100 and len(b) > 40
    )
    if nonblank and adjacent_long > len(nonblank) / 4:
        return "\n\n".join(nonblank)
    return "\n".join(lines).strip("\n")


def _detect_soviet_header(lines: list[str], meta: dict) -> None:
    for line in lines[:15]:
        if match := re.search(r"\b(CIPHERED\s+)?TELEGRAM\s+No\.\s*([\w/-]+)", line, re.I):
            meta["type"] = "telegram"
            meta["number"] = match.group(2)
        if match := re.match(r"\s*Copies:\s*(.+)", line, re.I):
            meta["copies"] = match.group(1).strip()
        if match := re.match(
            r"\s*From\s+([A-Za-z .'-]+?)\s+Received\s+(\d{1,2}:\d{2})\s+"
            r"(\d{1,2})\.(\d{1,2})\.(\d{4})",
            line,
        ):
            meta["place"] = _name_case(match.group(1))
            when = _date(int(match.group(3)), int(match.group(4)), int(match.group(5)))
            clock = _clock(match.group(2))
            if when and clock:
                meta["received"] = dt.datetime.combine(when, dt.time(*clock))
        if match := re.match(
            r"\s*To\s+(Comrade\s+)?([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)\s*\[([^\]]+)\]", line
        ):
            meta["recipient_as"] = f"{match.group(1) or ''}{_name_case(match.group(2))}"
            meta["recipient"] = match.group(3).strip()


def _detect_state_department_header(lines: list[str], meta: dict) -> None:
    for line in lines[:15]:
        stripped = line.strip()
        if re.search(r":\s*Telegram\s*$", stripped):
            meta.setdefault("type", "telegram")
        if stripped in ("SECRET", "TOP SECRET", "CONFIDENTIAL", "RESTRICTED", "URGENT"):
            meta["classification"] = stripped
        if match := re.match(
            r"^(?:The\s+)?(.+?)\s+\(([^)]+)\)\s+to\s+(?:the\s+)?(.+?)\.?$", stripped
        ):
            meta["author_role"] = match.group(1).strip()
            meta["author"] = match.group(2).strip()
            meta["recipient"] = match.group(3).strip()
        if match := re.match(
            r"^([A-Z][A-Z .'-]+),\s+([A-Z][a-z]+)\s+(\d{1,2}),\s+(\d{4})(?:\s*[—–-]+\s*(.+))?$",
            stripped,
        ):
            month = MONTHS.get(match.group(2).lower())
            when = _date(int(match.group(3)), month, int(match.group(4))) if month else None
            if when:
                meta["place"] = _name_case(match.group(1))
                meta["date"] = when
        if match := re.match(
            r"^\[Received\s+([A-Z][a-z]+)\s+(\d{1,2})(?:,\s*(\d{4}))?\s*[—–-]+\s*(.+?)\]$", stripped
        ):
            month = MONTHS.get(match.group(1).lower())
            year = int(match.group(3)) if match.group(3) else (meta.get("date") or dt.date.min).year
            when = _date(int(match.group(2)), month, year) if month and year > 1 else None
            clock = _clock(match.group(4))
            if when and clock:
                meta["received"] = dt.datetime.combine(when, dt.time(*clock))
    for line in lines[:25]:
        if meta.get("type") == "telegram" and (match := re.match(r"^(\d{1,5})\.\s+\S", line)):
            meta.setdefault("number", match.group(1))
            break


def _detect_speaker(lines: list[str], meta: dict) -> None:
    for line in lines[:5]:
        if match := re.match(r"^(President|Speaker|Author):\s*(.+)$", line.strip()):
            meta.setdefault("author", match.group(2).strip())
            if match.group(1) == "President":
                meta.setdefault("author_role", "President")


def _detect_signature(lines: list[str], meta: dict) -> None:
    """The signature: the last short all-capitals name line in the second half of the text."""
    half = len(lines) // 2
    skip = {"SECRET", "TOP SECRET", "CONFIDENTIAL", "END", "STOP"}
    for index in range(len(lines) - 1, half - 1, -1):
        line = lines[index].strip()
        if (
            re.fullmatch(r"[A-Z][A-Z.' -]{2,40}", line)
            and line not in skip
            and len(line.split()) <= 4
        ):
            meta["signature"] = line
            meta.setdefault("author", _name_case(line))
            for after in lines[index + 1 : index + 4]:
                match = re.match(r"^\s*No\.\s*(\d+)\s+(\d{1,2})\.(\d{1,2})\.(\d{2,4})\s*$", after)
                if match:
                    meta["outgoing_number"] = match.group(1)
                    year = int(match.group(4))
                    if year < 100:
                        received = meta.get("received")
                        if not isinstance(received, dt.datetime):
                            break
                        year += received.year // 100 * 100
                    sent = _date(int(match.group(2)), int(match.group(3)), year)
                    if sent:
                        meta["date"] = sent
            return


def _title(meta: dict, fallback: str) -> str:
    kind = meta.get("type")
    if kind == "telegram" and meta.get("author"):
        number = f" No. {meta['number']}" if meta.get("number") else ""
        prefix = "Ciphered telegram" if meta.get("copies") else "Telegram"
        to = meta.get("recipient_as") or meta.get("recipient")
        if meta.get("recipient_as") and meta.get("recipient"):
            to = f"{meta['recipient_as'].removeprefix('Comrade ')} [{meta['recipient']}]"
        return (
            f"{prefix}{number}, {meta['author']} to {to}"
            if to
            else f"{prefix}{number}, {meta['author']}"
        )
    return fallback


def import_text(text: str, file_name: str) -> Imported:
    """Detect what metadata a raw text states; never guess what it does not."""
    body = normalize_body(text)
    lines = body.split("\n")
    meta: dict = {}
    _detect_soviet_header(lines, meta)
    _detect_state_department_header(lines, meta)
    _detect_speaker(lines, meta)
    _detect_signature(lines, meta)
    stem = Path(file_name).stem
    if "date" not in meta and (match := re.search(r"(\d{4})-(\d{2})-(\d{2})", stem)):
        when = _date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if when:
            meta["date"] = when
    fallback_title = re.sub(r"[-_]+", " ", stem).strip().capitalize() or "Untitled source"
    ordered = {"title": _title(meta, fallback_title)}
    ordered["type"] = meta.get("type", "document")
    for key in (
        "author",
        "author_role",
        "recipient",
        "recipient_as",
        "date",
        "place",
        "number",
        "outgoing_number",
        "copies",
        "received",
        "signature",
        "classification",
    ):
        if key in meta:
            ordered[key] = meta[key]
    found = {
        FIELD_LABELS[key]: _show(value)
        for key, value in ordered.items()
        if key in FIELD_LABELS and not (key == "type" and "type" not in meta)
    }
    missing = [label for key, label in FIELD_LABELS.items() if key not in meta]
    return Imported(ordered, body, propose_id(ordered, stem), found, missing)


def _show(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def propose_id(meta: dict, stem: str) -> str:
    """1951-11-14-mao-to-filippov: date, author's first name word, recipient as addressed."""
    parts: list[str] = []
    if meta.get("date"):
        parts.append(meta["date"].isoformat())
    author = meta.get("author")
    recipient = meta.get("recipient_as") or meta.get("recipient")
    if author:
        parts.append(_slug(author.split()[0] if meta.get("copies") else author.split()[-1]))
    if author and recipient:
        parts += ["to", _slug(recipient.split()[-1])]
    if len(parts) < 2:
        return _slug(stem) or "source"
    return "-".join(p for p in parts if p)
