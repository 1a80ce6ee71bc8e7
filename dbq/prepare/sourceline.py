"""How a document is named in print: its source line and its date in words.

Used by the packet (the line under each excerpt) and by the glossary (names in the source line
are glossed too); it knows nothing of layout.
"""

from __future__ import annotations

import re

from dbq.prepare.people import author_name
from dbq.text.dates import long_date
from dbq.workspace.model import SourceMeta

__all__ = ["long_date", "source_line", "with_article"]


def source_line(meta: SourceMeta, adapted: bool, whole: bool) -> str:
    """Who, to whom, what kind, where and when, archive; then (excerpt) or (adapted)."""
    # The author as a person where the head or the notes name them ("Dean Acheson, Secretary
    # of State"; a telegram the Secretary of State's office sent, signed "Acheson").
    who = ", ".join(p for p in (author_name(meta), meta.author_role) if p)
    recipient = with_article(meta.recipient) if meta.recipient else meta.recipient_as
    if meta.recipient and meta.recipient_as:
        recipient = f"{recipient} (addressed as \u201c{meta.recipient_as}\u201d)"
    kind = "" if meta.type == "document" else meta.type
    title = (meta.title or "").lower() if not who else ""
    if kind and any(k in title for k in _KINDS.get(kind.split()[0].lower(), (kind.split()[0],))):
        kind = ""  # "Memorandum of Telephone Conversation, …" needs no "memorandum of conversation"
    if recipient and f"to {recipient}".lower() in title:
        recipient = ""  # "Cablegram to Canberra" needs no second "to Canberra"
    what = " ".join(p for p in (kind, f"to {recipient}" if recipient else "") if p)
    where_when = ", ".join(p for p in (meta.place, long_date(meta.date)) if p)
    # Without a known author, the title is what names the document.
    parts = [p for p in (who or meta.title, what, where_when) if p]
    line = ", ".join(parts)
    line = line[0].upper() + line[1:] + "."
    for extra in (meta.archive, meta.published_in):
        if extra:
            line += f" {extra.rstrip('.')}."
    if adapted:
        return line + " (adapted)"
    return line if whole else line + " (excerpt)"


# A document's kind and the words a title may name it by.
_KINDS = {"telegram": ("telegram", "cablegram", "cable", "savingram")}

_OFFICES = re.compile(
    r"^(?:acting |deputy |assistant |under |vice |prime |foreign |first |second |chief |high |"
    r"supreme |military |political )*"
    r"(?:secretary|ambassador|minister|president|department|embassy|legation|consul|consulate|"
    r"chargé|charge|director|chairman|chief|commander|joint chiefs|office|ministry|government|"
    r"head|counselor|counsellor|delegation|mission|premier|representative|general|governor|"
    r"commissioner|adviser|advisor|attaché|attache)\b",
    re.I,
)


def with_article(name: str) -> str:
    """'Secretary of State' -> 'the Secretary of State'; a person's name or 'the ...' unchanged.

    Titles keep their case; only a leading 'The' becomes 'the' inside a sentence.
    """
    if name.startswith(("The ", "A ", "An ")):
        return name[0].lower() + name[1:]
    if name.startswith(("the ", "a ", "an ")):
        return name
    office = _OFFICES.match(name)
    if not office:
        return name
    # "General MacArthur" is a person with a title; "Secretary of State" is an office
    names_a_person = not re.search(r"\b(of|in|for|to|at|on|and)\b", name)
    names_a_person = names_a_person and bool(name[office.end() :].strip())
    return name if names_a_person else f"the {name}"
