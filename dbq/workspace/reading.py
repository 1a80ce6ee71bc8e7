"""Reading a whole raw text: its header block, body, closing lines and footnotes.

The line recognizers (dbq/workspace/recognizers.py) say what one line is; these functions say where
the header ends, where the document ends (before an attachment or the footnotes), and what
the first paragraph and the closing block state.
"""

from __future__ import annotations

import re

from dbq.workspace import recognizers as rec


def split_footnotes(lines: list[str]) -> tuple[list[str], list[str]]:
    """Cut the edition's footnote block off the end: (text lines, notes as '[n] text')."""
    for index, line in enumerate(lines):
        if not rec.footnote_heading(line):
            continue
        rest = [entry for entry in lines[index + 1 :] if entry.strip()]
        if not rest or not rec.MARKER.match(rest[0].strip()):
            continue
        notes: list[str] = []
        for entry in rest:
            if rec.MARKER.match(entry.strip()) or not notes:
                notes.append(entry.strip())
            else:  # a note that runs on over several lines (a quotation in the note)
                notes[-1] += "\n" + entry.strip()
        return lines[:index], notes
    return lines, []


def _header_zone(lines: list[str]) -> int:
    """Index of the first line that is plainly body text: the header is above it.

    Body text is a long line that ends a sentence; a long head line ends without one.
    """
    for index, line in enumerate(lines[:20]):
        if len(line) > 250 or (len(line) > 120 and line.rstrip()[-1:] in '.:;!?”"'):
            return index
    return min(len(lines), 20)


def read_header(lines: list[str], meta: dict, facts: dict) -> set[int]:
    """Apply the line recognizers to the header zone; return the indexes they recognized."""
    recognized: set[int] = set()
    for index, line in enumerate(lines[: _header_zone(lines)]):
        text = line.strip()
        if not text:
            continue
        if (note := rec.source_note(text)) and "archive" not in meta:
            meta["archive"], kind = note
            if kind:
                facts["kind"] = kind
        elif (when := rec.dateline(text)) and "dateline" not in facts:
            facts["dateline"] = when
            meta["date"] = when.date
            if when.time:
                meta["time"] = when.time.strftime("%H:%M")
            if when.place:
                meta["place"] = when.place
            if when.place_editorial:
                meta["place_editorial"] = when.place_editorial
        elif "dateline" in facts and (got := rec.received(text, meta["date"].year)):
            meta["received"] = got
        elif (marks := rec.markings(text)) is not None:
            classification, others = marks
            if classification and "classification" not in meta:
                meta["classification"] = classification
            meta.setdefault("markings", []).extend(others)
        elif (number := rec.number_line(text)) and "number" not in meta:
            meta["number"] = number
            facts["number_line"] = True
        elif (marked := rec.number_with_marks(text)) and "number" not in meta:
            # 'No. 1631, priority': a telegram's number with its precedence (no despatch has one)
            meta["number"], precedence = marked
            meta.setdefault("markings", []).extend(precedence)
        elif (head := rec.head_line(text)) and "head" not in facts:
            facts["head"], facts["head_line"] = head, index
            facts["frus_head_title"] = rec.head_title(text)
            for key in ("author", "author_role", "recipient", "recipient_role"):
                if getattr(head, key):
                    meta[key] = getattr(head, key)
        elif (pair := rec.labelled(text)) and _labelled(pair, meta, facts):
            pass
        else:
            continue
        recognized.add(index)
    return recognized


def _labelled(pair: tuple[str, str], meta: dict, facts: dict) -> bool:
    """FROM: / TO: / DATE: header lines (a memorandum or cable form); False if not used."""
    label, value = pair
    if label == "date" and (when := rec.dateline(value)) and "dateline" not in facts:
        facts["dateline"] = when
        meta["date"] = when.date
        if when.time:
            meta["time"] = when.time.strftime("%H:%M")
        return True
    if label not in ("from", "to"):
        return label in ("subject", "subj", "info", "ref")
    name, role = rec.party(value)
    if label == "to":
        meta.setdefault("recipient", name or role)
        if name and role:
            meta.setdefault("recipient_role", role)
    elif name or rec.is_office(role or ""):
        if name:
            meta.setdefault("author", name)
        if role:
            meta.setdefault("author_role", role)
    elif role:
        meta.setdefault("author", role)
    return True


def paragraph_starts(lines: list[str], begin: int) -> list[int]:
    return [
        i for i in range(begin, len(lines)) if lines[i].strip() and (i == 0 or not lines[i - 1])
    ]


def own_numbering(lines: list[str], begin: int) -> bool:
    """Does the text number its own paragraphs '1.', '2.' (so a leading '1.' is no telegram)?"""
    numbers = [
        int(m.group(1))
        for i in paragraph_starts(lines, begin)
        if (m := re.match(r"^(\d{1,2})\.\s", lines[i].strip()))
    ]
    return any(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


def read_body(lines: list[str], begin: int, meta: dict, facts: dict, guesses: dict) -> None:
    """The number at the start of the body, the closer, drafters and 'repeated' lines."""
    starts = paragraph_starts(lines, begin)
    kind = facts.get("kind") or getattr(facts.get("head"), "kind", None)
    if starts and "number" not in meta:
        first = lines[starts[0]].strip()
        numbered = rec.channel_number(first)
        number, mark = numbered if numbered else (None, None)
        if number and not (number == "1" and own_numbering(lines, begin)):
            if kind in ("telegram", "airgram"):
                meta["number"] = number
                if mark and mark not in meta.setdefault("markings", []):
                    meta["markings"].append(mark)  # 'Niact 604.': the channel's precedence
            elif kind is None and "time" in meta:
                guesses["telegram number"] = f'{number} (line {starts[0] + 1}: "{first[:50]}")'
    end = next((i for i in range(begin, len(lines)) if rec.attachment_marker(lines[i])), None)
    main = [i for i in starts if end is None or i < end]
    if main and "signature" not in meta:
        last = main[-1]
        block = []
        for line in lines[last:]:
            if not line.strip():
                break
            block.append(line)
        if (found := rec.closer(block)) and len(main) > 1:
            meta["signature"] = found.signature
            if found.signed_for:
                meta["signed_for"] = found.signed_for
            if found.signer_title:
                meta["signer_title"] = found.signer_title
            main = main[:-1]
    for index in reversed(main[-3:]):
        if who := rec.drafter(lines[index]):
            meta["drafter"] = who
            break
    for index in main:
        if got := rec.repeated(lines[index]):
            meta["repeated"] = got
            break


def main_text(lines: list[str]) -> list[str]:
    """The lines of the document itself, without an attachment printed after it."""
    end = next((i for i, line in enumerate(lines) if rec.attachment_marker(line)), len(lines))
    return lines[:end]


def is_letter(lines: list[str]) -> bool:
    """A salutation ('Dear Clubb:') opens it and a complimentary close ends it."""
    text = [line.strip() for line in lines if line.strip()]
    opens = any(re.match(r"^(?:My\s+)?[Dd]ear\s+[A-Z][^:,]{0,40}[:,]", line) for line in text[:3])
    closes = any(
        re.fullmatch(r"(?:Very\s+)?(?:Sincerely|Faithfully|Cordially|Respectfully)\s+yours,?", line)
        for line in text[-6:]
    )
    return opens and closes
