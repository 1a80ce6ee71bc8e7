"""The raw-telegram importer: detect the metadata a text states, and never guess the rest.

It reads the header conventions of Soviet ciphered telegrams as the Wilson Center publishes
them (the seed), of State Department telegrams in FRUS, and a speaker line for speeches.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from dbq.workspace import archives as arch
from dbq.workspace import reading
from dbq.workspace import recognizers as rec

FIELD_LABELS = {
    "type": "document type",
    "number": "telegram number",
    "copies": "copies",
    "place": "place sent from",
    "received": "date and time received",
    "recipient_as": "recipient as addressed",
    "recipient": "recipient",
    "author": "author",
    "signature": "signature",
    "date": "date sent",
    "time": "time sent",
    "outgoing_number": "outgoing number",
    "classification": "classification",
    "author_role": "author's office",
}
# Found when the text states them, but not reported missing when it does not.
EXTRA_LABELS = {
    "recipient_role": "recipient's office",
    "place_editorial": "place supplied by the editors",
    "markings": "handling marks",
    "signed_for": "signed for",
    "signer_title": "signer's title",
    "drafter": "drafter",
    "repeated": "repeated to",
    "archive": "archive reference",
    "notes": "editors' notes",
}
FRONT_ORDER = (
    "author",
    "author_role",
    "recipient",
    "recipient_role",
    "recipient_as",
    "date",
    "time",
    "place",
    "place_editorial",
    "number",
    "outgoing_number",
    "copies",
    "received",
    "signature",
    "signed_for",
    "signer_title",
    "drafter",
    "classification",
    "markings",
    "repeated",
    "archive",
    "notes",
)


@dataclass
class Imported:
    """What the importer made of a raw text."""

    meta: dict
    body: str
    proposed_id: str
    found: dict[str, str]
    missing: list[str]
    # Values the text suggests but does not state for certain: label -> "value (line N: ...)".
    guesses: dict[str, str] = field(default_factory=dict)
    # Where two readings are possible and none was written: what to check, and why.
    warnings: list[str] = field(default_factory=list)


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


def normalize_body(text: str) -> str:
    """Unify line endings, strip trailing spaces; a paragraph-per-line text gets blank lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    nonblank = [line for line in lines if line]
    blank = len(lines) - len(nonblank)
    adjacent_long = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if a and b and len(a) > 100 and len(b) > 40
    )
    # Only a text that separates (almost) no paragraphs by blank lines: one whose paragraphs
    # are blank-separated but hold lists of long lines (a web edition) is left alone.
    if nonblank and adjacent_long > len(nonblank) / 4 and blank * 10 < len(nonblank):
        return "\n\n".join(_rejoin_wrapped(nonblank))
    if len(nonblank) >= 6 and blank == 0:
        # No blank line anywhere (a copy that keeps only single line breaks): each line is a
        # paragraph, unless it only wraps a sentence that goes on in the next.
        return "\n\n".join(_rejoin_wrapped(nonblank, wrapped_at=60))
    return "\n".join(lines).strip("\n")


def _rejoin_wrapped(lines: list[str], wrapped_at: int = 0) -> list[str]:
    """Lines as paragraphs, but a line that stops mid-sentence goes on in the next one.

    A line with no closing punctuation followed by one that starts in lower case was only
    wrapped by whoever copied the text: splitting there would cut a sentence in two. Where
    every line break may be a paragraph's (wrapped_at), only a line at least that long can
    have been wrapped: 'Copy Nº 6 to Cde. Kaganovich' / 'from PEKING received at …' are two.
    """
    paragraphs: list[str] = []
    for line in lines:
        stripped = line.strip()
        previous = paragraphs[-1] if paragraphs else ""
        if (
            previous
            and len(previous) >= wrapped_at
            and not re.search(r"[.!?:;\"”’)\]]$", previous)
            and stripped[:1].islower()
        ):
            paragraphs[-1] = f"{previous} {stripped}"
        else:
            paragraphs.append(stripped)
    return paragraphs


# Words no sentence ends on: a line that stops on one and has no closing punctuation goes on.
OPEN_ENDED = re.compile(
    r"\b(?:of|and|the|a|an|to|for|with|by|from|or|in|at|that|which)$"
    # a title's abbreviation cannot end a paragraph: '… the Army Commander Lt.' / '' /
    # 'General Spoor are non-committal …'
    r"|\b(?:Lt|Lieut|Gen|Col|Maj|Capt|Brig|Adm|Cmdr|Mr|Mrs|Dr|Sen|Rep|Hon|Rt|St)\.$"
)


LONE_MARKERS = re.compile(r"^\s*(?:\[\d{1,3}\]\s*)+$")


def attach_lone_markers(lines: list[str]) -> list[str]:
    """A footnote marker a copy printed on a line of its own ('[2]' between two paragraphs)
    belongs to the end of the paragraph above it, not to a paragraph of its own."""
    out: list[str] = []
    for line in lines:
        last = next((i for i in range(len(out) - 1, -1, -1) if out[i].strip()), None)
        if LONE_MARKERS.match(line) and last is not None:
            out[last] = f"{out[last].rstrip()} {line.strip()}"
            while out and not out[-1].strip():
                out.pop()  # the blank line before the marker: it closes that paragraph again
            continue
        out.append(line)
    return out


def join_split_sentences(lines: list[str]) -> list[str]:
    """A blank line a copy put in the middle of a sentence ('… in the South-Western Pacific
    and of' / '' / 'Australian manpower, you felt …') does not start a paragraph."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        after = lines[index + 2] if index + 2 < len(lines) else ""
        if (
            len(line.strip()) > 40
            and OPEN_ENDED.search(line.rstrip())
            and index + 1 < len(lines)
            and not lines[index + 1].strip()
            and after.strip()
            and not re.match(r"^\s*(?:\d{1,3}[.)]|\([\da-z]{1,3}\)|[a-z][.)]\s)", after)
        ):
            out.append(f"{line.rstrip()} {after.strip()}")
            index += 3
            continue
        out.append(line)
        index += 1
    return out


def numbered_lines_apart(lines: list[str]) -> list[str]:
    """A block whose every line starts with the next number ('1. …' / '2. …' / '3. …') holds
    numbered paragraphs a copy left on consecutive lines: each line is a paragraph.

    A list inside a paragraph keeps its lead-in line above the items, so it stays one block.
    """
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
            continue
        numbers = [int(m.group(1)) for b in block if (m := re.match(r"^(\d{1,3})\.\s+\S", b))]
        if (
            len(block) >= 2
            and len(numbers) == len(block)
            and all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))
        ):
            for item in block:
                out += [item, ""]
            out.pop()
        else:
            out += block
        out.append(line)
        block = []
    out.pop()
    return out


def _detect_soviet_header(lines: list[str], meta: dict) -> None:
    for line in lines[:15]:
        if match := re.fullmatch(r"\s*(CIPHERED\s+)?TELEGRAM\s+No\.\s*([\w/-]+)\s*", line, re.I):
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
            at = rec.clock(match.group(2))
            if when and at:
                meta["received"] = dt.datetime.combine(when, at)
        if match := re.match(
            r"\s*To\s+(Comrade\s+)?([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)\s+\[([^\]]+)\]", line
        ):
            meta["recipient_as"] = f"{match.group(1) or ''}{_name_case(match.group(2))}"
            meta["recipient"] = match.group(3).strip()


def _without_sponsor(lines: list[str]) -> list[str]:
    """The Wilson Center's sponsor line ('This document was made possible with support from
    …') is the page's, not the document's."""
    out = [line for line in lines[:8] if not arch.SPONSOR.match(line.strip())] + lines[8:]
    return out if len(out) == len(lines) else _drop_double_blanks(out)


def _drop_double_blanks(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not line.strip() and out and not out[-1].strip():
            continue
        out.append(line)
    return out


def _header_end(lines: list[str], recognized: set[int]) -> int:
    """The first line of the first block that holds a line no recognizer took."""
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].strip():
            end += 1
        if not all(i in recognized for i in range(index, end)):
            return index
        index = end
    return index


def _header_zone(lines: list[str]) -> int:
    """Lines above the first sentence of the body (a long line that ends like one)."""
    for index, line in enumerate(lines[:80]):
        text = line.strip()
        if len(text) > 120 and text[-1:] in '.:;!?”"':
            return index
    return min(len(lines), 80)


def _detect_archive_forms(lines: list[str], meta: dict, facts: dict, taken: set[int]) -> set[int]:
    """The Australian series' and the Soviet-bloc telegrams' header lines (archives.py)."""
    recognized: set[int] = set()
    whole = "\n".join(lines)
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    soviet = any(arch.wilson_title(line.strip(), whole) for line in lines[first : first + 3])
    if soviet:
        # Marks in the order the lines print them: the generic pass took some already.
        meta.pop("markings", None)
        meta.pop("classification", None)
    after_number = False
    for index in range(_header_zone(lines)):
        text = lines[index].strip()
        if not text:
            continue
        year = meta["date"].year if meta.get("date") else None
        number_line = False
        if index == first and (head := arch.numbered_head(text)):
            facts["archive_form"], facts["head_title"] = "dfat", _head_title(text)
            for key in ("author", "author_role", "recipient", "recipient_role"):
                if getattr(head, key):
                    meta[key] = getattr(head, key)
            if head.kind:
                facts["archive_kind"] = head.kind
            if head.date:
                meta.setdefault("date", head.date)
            for value in head.unsure:
                label, name = value.split(": ", 1)
                facts.setdefault("warnings", []).append(
                    f"{label}: the head prints {name!r} in capitals a program made "
                    "(Mc/Mac names lose theirs); left out: write the name as the document has it"
                )
        elif facts.get("archive_form") == "dfat" and index < 6 and _same_head(lines[first], text):
            pass  # the head printed again with its footnote marker
        elif index in taken:
            if soviet and (marks := rec.markings(text)) is not None:
                arch.add_marks(meta, marks)
            after_number = False
            continue
        elif index <= first + 2 and (title := arch.wilson_title(text, whole)):
            facts["archive_form"], facts["wilson_title"] = "wilson", title
            facts["archive_kind"] = title.kind
            for key in ("author", "recipient", "number", "place"):
                if getattr(title, key):
                    meta.setdefault(key, getattr(title, key))
        elif (cable := arch.cable_dateline(text)) and "cable_dateline" not in facts:
            facts["archive_form"] = facts.get("archive_form") or "dfat"
            facts["cable_dateline"] = cable
            meta["date"] = cable.date
            for key in ("number", "place", "place_editorial", "time"):
                if getattr(cable, key):
                    meta[key] = getattr(cable, key)
            if cable.received:
                meta["received"] = cable.received
            if cable.kind:
                facts.setdefault("archive_kind", cable.kind)
        elif (marked := arch.number_marks(text)) and "number" not in meta:
            number, classification, others = marked
            meta["number"] = number
            if classification:
                meta.setdefault("classification", classification)
            meta.setdefault("markings", []).extend(others)
            number_line = True
        elif after_number and "place" not in meta and (place := arch.place_line(text)):
            meta["place"] = place
        elif (
            rec.repeated(text)
            or re.fullmatch(r"Received\s+\d{1,2}\s+\w+\s+\d{4}", text)
            or (facts.get("archive_form") == "wilson" and arch.soviet_line(text, meta, year))
        ):
            pass
        elif (
            facts.get("archive_form") == "wilson"
            and _header_end(lines[:index], recognized | taken) == index
            and arch.soviet_address_line(text, meta, facts.get("wilson_title"))
        ):
            pass  # 'BEIPING [SIC]', 'to TEREBIN', 'MOLNIYA EH' right under the cipher lines
        elif (
            facts.get("archive_form") == "wilson"
            and index + 1 < len(lines)
            and lines[index + 1].strip()
            and arch.soviet_line(f"{text} {lines[index + 1].strip()}", meta, year)
        ):
            recognized.add(index + 1)  # a cipher-office line wrapped over two lines
        elif (address := arch.address_line(text)) and not facts.get("wilson_title"):
            _, sender = address
            if not (meta.get("author") or meta.get("author_role")) and re.fullmatch(
                r"[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+)?", sender
            ):
                meta["author"] = sender
            after_number = False
            continue  # the address line stays in the text: it is the document's
        else:
            after_number = False
            continue
        after_number = number_line
        recognized.add(index)
    facts.setdefault("warnings", []).extend(meta.pop("header_warnings", []))
    _place_conflict(meta, facts)
    _number_conflict(meta, facts)
    if str(meta.get("recipient_as", "")).casefold() == str(meta.get("recipient", "")).casefold():
        meta.pop("recipient_as", None)  # 'To RAZUVAEV' addresses him by his own name
    if copies := meta.pop("copies_lines", None):
        meta.setdefault("copies", "; ".join(copies))
    author, place = meta.get("author"), meta.get("place")
    if facts.get("archive_form") and author and place and author.casefold() == place.casefold():
        del meta["author"]  # a place is never an author
    return recognized


def _place_conflict(meta: dict, facts: dict) -> None:
    """The head's office 'in Vienna' and a dateline 'Canberra': two readings, so a warning."""
    office, place = meta.get("author_role"), meta.get("place")
    city = re.search(r"\b(?:in|at)\s+([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)$", office or "")
    if not (city and place) or city.group(1).casefold() == str(place).casefold():
        return
    facts.setdefault("warnings", []).append(
        f"place: the dateline says {place}, but the head's sender is the {office}; "
        f"{place} is written: check which the document means"
    )


def _number_conflict(meta: dict, facts: dict) -> None:
    """The page title's number and the telegram's own: a warning when they differ."""
    title = facts.get("wilson_title")
    if title and title.number and meta.get("number") and title.number != meta["number"]:
        facts.setdefault("warnings", []).append(
            f"number: the page title says {title.number}, the telegram {meta['number']}; "
            f"{meta['number']} is written"
        )


def _head_title(line: str) -> str:
    """'273 Cablegram to Jakarta' -> 'Cablegram to Jakarta': the series' own title."""
    text = " ".join(rec.without_markers(re.sub(r"^\d{1,4}\s+", "", line.strip())).split())
    return arch.title_case(text) if text.isupper() else text


def _same_head(first: str, line: str) -> bool:
    return rec.without_markers(first).split() == rec.without_markers(line).split()


def _letter_close(lines: list[str], meta: dict) -> None:
    """'I am, Yours very truly, R. G. CASEY': the close and the signature on one line; and
    'My dear P.M.,' names the addressee when nothing else does."""
    text = [line.strip() for line in lines if line.strip()]
    if not text:
        return
    close = re.fullmatch(
        r".*\b(?:[Yy]ours|[Tt]ruly|[Ff]aithfully|[Ss]incerely|[Rr]espectfully),\s*"
        r"(?P<sig>[A-Z](?:[A-Z.’' -]*[A-Z])?)\.?",
        text[-1],
    )
    if close and "signature" not in meta:
        meta["signature"] = close.group("sig")
        if not (meta.get("author") or meta.get("author_role")):
            meta["author"] = _name_case(close.group("sig"))
    for line in text[:4]:
        if "recipient" not in meta and (
            dear := re.fullmatch(r"(?:My\s+)?[Dd]ear\s+(?P<who>[A-Z][^,:]{0,30})[,:]", line)
        ):
            meta["recipient"] = dear.group("who")


def _soviet_signature(lines: list[str], begin: int, meta: dict, title: arch.WilsonTitle) -> None:
    """The first line after the header that signs with the sender's or a cover name."""
    names = [name for name in (meta.get("author"), *title.cover_names) if name]
    for line in lines[begin:]:
        if line.strip() and (name := arch.soviet_signature(line, names)):
            meta["signature"] = name
            return


def _signer_is_author(meta: dict) -> None:
    """The head names an office and a person signs: the author is the person (issue 22).

    A telegram from 'the Secretary of State' signed 'Acheson' is Acheson's, the office his
    author_role. Not where the signer signs for a body ('For the Joint Chiefs of Staff:'):
    the body is the author there.
    """
    signature = meta.get("signature")
    if meta.get("author") or not meta.get("author_role") or not signature:
        return
    if meta.get("signed_for"):
        return
    if rec.is_office(signature.title()) or len(signature.split()) > 3:
        return
    meta["author"] = _name_case(signature)


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
            if not (meta.get("author") or meta.get("author_role")) and not rec.is_office(
                line.title()
            ):
                # No head names the sender: the signature is the only statement of who did.
                meta["author"] = _name_case(line)
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


# The cipher office's and the archive's lines under a signed telegram: how many copies were
# made and for whom, who typed, deciphered or verified it and when, registry numbers, stamps,
# the archive's reference note ('Spravka'). They record the copy, not the document's text.
REGISTRY = re.compile(
    r"^(?:(?:Typed|Deciphered|Verified|Distributed|Issued|Printed|Authenticated|Decoded|"
    r"Encoded|Enciphered)\b(?:\s+(?:by|on|at)\b|:)"
    r"|at\s+\d{3,4}\s+\d{1,2}\s+[A-Z][a-z]+"
    r"|(?:\d+|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve)\s+cop(?:y|ies)\b"
    r"|cop(?:y|ies)\s+N[ºo°]"
    r"|Copies:"
    r"|N[ºo°]\.?\s*\d+(?:/\w+)?\s*$"
    r"|\[(?:Stamp|handwritten|illegible|Seal)\b"
    r"|Spravka\b)",
    re.I,
)


def _registry_after_signature(
    lines: list[str], signature: str | None
) -> tuple[list[str], list[str]]:
    """Registry lines and stamps after the signature out of the text, into notes."""
    if not signature:
        return lines, []
    wanted = " ".join(signature.split()).casefold()
    blocks: list[list[str]] = []
    for line in lines:
        if line.strip():
            if not blocks or not blocks[-1]:
                blocks.append([])
            blocks[-1].append(line)
        elif blocks and blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    signed = [
        i
        for i, block in enumerate(blocks)
        if len(block) <= 4
        and all(len(row.strip()) <= 80 for row in block)
        and wanted in " ".join(" ".join(block).split()).casefold()
    ]
    if not signed:
        return lines, []
    kept, notes = blocks[: signed[-1] + 1], list[str]()
    open_bracket = last_registry = False
    for block in blocks[signed[-1] + 1 :]:
        text = " ".join(row.strip() for row in block)
        goes_on = last_registry and text[:1].islower()  # 'at 1430 11 November' goes on
        if open_bracket or goes_on or REGISTRY.match(block[0].strip()):
            if (open_bracket or goes_on) and notes:
                notes[-1] += " " + text
            else:
                notes.append(f"On the copy, after the signature: {text}")
            depth = notes[-1].count("[") - notes[-1].count("]")
            open_bracket = depth > 0
            last_registry = True
        else:
            kept.append(block)
            last_registry = False
    if not notes:
        return lines, []
    out: list[str] = []
    for block in kept:
        out += [*block, ""]
    return out[:-1], notes


def _title(meta: dict, fallback: str) -> str:
    kind = meta.get("type")
    who = meta.get("author") or meta.get("author_role")
    if kind in ("telegram", "airgram") and who:
        number = f" No. {meta['number']}" if meta.get("number") else ""
        prefix = "Ciphered telegram" if meta.get("copies") else kind.capitalize()
        to = meta.get("recipient_as") or meta.get("recipient")
        if meta.get("recipient_as") and meta.get("recipient"):
            to = f"{meta['recipient_as'].removeprefix('Comrade ')} [{meta['recipient']}]"
        return f"{prefix}{number}, {who} to {to}" if to else f"{prefix}{number}, {who}"
    if kind and kind != "document" and who:
        to = meta.get("recipient")
        return f"{kind[:1].upper()}{kind[1:]}, {who}" + (f" to {to}" if to else "")
    return fallback


def import_text(text: str, file_name: str) -> Imported:
    """Detect what metadata a raw text states; never guess what it does not."""
    lines = numbered_lines_apart(normalize_body(text).split("\n"))
    lines, notes = reading.split_footnotes(lines)
    lines, more_notes, archive = arch.split_apparatus(lines)
    lines, page_notes, citation = arch.wilson_furniture(lines)
    notes = notes + more_notes + page_notes
    lines = _without_sponsor(lines)
    meta: dict = {}
    facts: dict = {}
    guesses: dict[str, str] = {}
    recognized = reading.read_header(lines, meta, facts)
    recognized |= _detect_archive_forms(lines, meta, facts, recognized)
    begin = 0
    first = reading.paragraph_starts(lines, 0)[:2]
    block_end = first[1] - 1 if len(first) > 1 else len(lines)
    block = [i for i in range(first[0] if first else 0, block_end) if lines[i].strip()]
    if set(block) <= recognized and "head" in facts and facts["head_line"] in block:
        # A header copied as one block (a web edition) is all in the front matter now.
        begin = block_end + 1
    elif facts.get("archive_form"):
        # An Australian or Soviet-bloc header, a line or block each: every leading block
        # whose lines were all recognized is in the front matter now.
        begin = _header_end(lines, recognized)
    elif "archive" in meta:
        # The header stays in the text as laid out (its paragraph numbers with it), so the
        # archive reference is there already; the front matter does not print it twice.
        meta.pop("archive")
    if "archive" not in meta and (archive or citation):
        meta["archive"] = archive or citation
    if not facts.get("archive_form"):
        _detect_soviet_header(lines, meta)
    _detect_speaker(lines, meta)
    body_lines = join_split_sentences(attach_lone_markers(lines[begin:]))
    if facts.get("wilson_title"):
        _soviet_signature(lines, begin, meta, facts["wilson_title"])
    reading.read_body(lines, max(begin, max(recognized, default=-1) + 1), meta, facts, guesses)
    _detect_signature(body_lines if "signature" not in meta else [], meta)
    if facts.get("archive_form") == "dfat":
        _letter_close(reading.main_text(body_lines), meta)
    _signer_is_author(meta)
    head = facts.get("head")
    kind = facts.get("archive_kind") or facts.get("kind") or (head.kind if head else None)
    if kind is None and facts.get("number_line"):
        kind = "despatch"
    if kind is None and reading.is_letter(reading.main_text(body_lines)):
        kind = "letter"
    if kind:
        meta["type"] = kind
    if not meta.get("markings"):
        meta.pop("markings", None)
    body_lines, closing_notes = _registry_after_signature(body_lines, meta.get("signature"))
    notes = meta.pop("header_notes", []) + closing_notes + notes
    if notes:
        meta["notes"] = notes
    stem = Path(file_name).stem
    from_file_name = False
    if "date" not in meta and (match := re.search(r"(\d{4})-(\d{2})-(\d{2})", stem)):
        when = _date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if when:
            meta["date"], from_file_name = when, True
    fallback_title = (
        facts.get("head_title")
        or facts.get("frus_head_title")
        or (re.sub(r"[-_]+", " ", stem).strip().capitalize() or "Untitled source")
    )
    ordered = {"title": _title(meta, fallback_title), "type": meta.get("type", "document")}
    ordered.update({key: meta[key] for key in FRONT_ORDER if key in meta})
    labels = {**FIELD_LABELS, **EXTRA_LABELS}
    found = {
        labels[key]: _count_notes(value) if key == "notes" else _show(value)
        for key, value in ordered.items()
        if key in labels and not (key == "type" and "type" not in meta)
    }
    if from_file_name:
        found[labels["date"]] += " (from the file name)"
    missing = [label for key, label in FIELD_LABELS.items() if key not in meta]
    body = "\n".join(body_lines).strip("\n")
    warnings = facts.get("warnings", [])
    return Imported(ordered, body, propose_id(ordered, stem), found, missing, guesses, warnings)


def _show(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, list):
        return _count_notes(value) if value and value[0].startswith("[") else ", ".join(value)
    return str(value)


def _count_notes(notes: list[str]) -> str:
    return "1 note" if len(notes) == 1 else f"{len(notes)} notes"


def propose_id(meta: dict, stem: str) -> str:
    """1951-11-14-mao-zedong-to-filippov: date, author's name, recipient as addressed."""
    parts: list[str] = []
    if meta.get("date"):
        parts.append(meta["date"].isoformat())
    signature = meta.get("signature")
    author = meta.get("author") or signature
    recipient = meta.get("recipient_as") or meta.get("recipient")
    if author:
        parts.append(_slug(name_key(_name_case(author), signature)))
    if author and recipient:
        parts += ["to", _slug(name_key(recipient, None))]
    if len(parts) == 1 and meta.get("type") not in (None, "document"):
        parts.append(_slug(meta["type"]))  # 1951-01-19-memorandum-of-conversation
    if len(parts) < 2:
        return _slug(stem) or "source"
    return "-".join(p for p in parts if p)


def name_key(name: str, signature: str | None) -> str:
    """The word of a name an id keeps: the surname only where the text shows which it is.

    'R. G. Casey' -> 'Casey' (initials come first); 'Dean Acheson' signed 'Acheson' ->
    'Acheson' (the signature names the surname); an office keeps its last word, as ids always
    have ('Secretary of State' -> 'State'). Otherwise the order of a name is not known (Mao
    Zedong's family name comes first, Liu Shaoqi's too): the whole name is kept rather than
    guessed ('Mao Zedong' -> 'Mao Zedong').
    """
    words = re.sub(r"^(?:Com\[rade\]|Comrade|Cde\.|Chairman)\s+", "", name.strip()).split()
    if len(words) <= 1 or rec.is_office(name):
        return words[-1] if words else name
    if all(re.fullmatch(r"(?:[A-Z]\.)+", word) for word in words[:-1]):
        return words[-1]
    signed = (signature or "").strip().rstrip(".").split()
    if len(signed) == 1:
        for word in words:
            if word.casefold() == signed[0].casefold():
                return word
    return " ".join(words)


TABLE_FIELDS = (
    ("author", "author"),
    ("author_role", "office"),
    ("recipient", "to"),
    ("date", "date"),
    ("time", "time"),
    ("place", "place"),
    ("number", "number"),
    ("classification", "class"),
    ("signature", "signed"),
)


def found_table(rows: list[tuple[str, Imported]]) -> str:
    """A table of which fields each import found: 'yes', '-' (not found), 'file', 'guess'."""
    width = max(len(source_id) for source_id, _ in rows)
    columns = [(key, short, max(len(short), 5)) for key, short in TABLE_FIELDS]
    head = "  ".join(short.ljust(size) for _, short, size in columns)
    out = [f"{'source':<{width}}  {head}".rstrip()]
    date_label, number_label = FIELD_LABELS["date"], FIELD_LABELS["number"]
    for source_id, imported in rows:
        cells = []
        for key, _, size in columns:
            cell = "yes" if key in imported.meta else "-"
            if key == "place" and cell == "-" and "place_editorial" in imported.meta:
                cell = "[ed.]"
            if key == "date" and imported.found.get(date_label, "").endswith("file name)"):
                cell = "file"
            if key == "number" and number_label in imported.guesses:
                cell = "guess"
            cells.append(cell.ljust(size))
        out.append(f"{source_id:<{width}}  " + "  ".join(cells).rstrip())
    total = len(rows) * len(TABLE_FIELDS)
    found = sum(1 for _, i in rows for key, _ in TABLE_FIELDS if key in i.meta)
    out.append(
        f"{found} of {total} fields found. -: not found (add it if you know it); "
        "[ed.]: only the editors' bracketed place; file: from the file name"
    )
    return "\n".join(out)
