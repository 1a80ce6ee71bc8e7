"""How a document is named in print: its source line and its date in words.

Used by the packet (the line under each excerpt) and by the glossary (names in the source line
are glossed too); it knows nothing of layout.
"""

from __future__ import annotations

from dbq.dates import long_date
from dbq.model import SourceMeta

__all__ = ["long_date", "source_line"]


def source_line(meta: SourceMeta, adapted: bool, whole: bool) -> str:
    """Who, to whom, what kind, where and when, archive; then (excerpt) or (adapted)."""
    who = ", ".join(p for p in (meta.author, meta.author_role) if p)
    recipient = meta.recipient or meta.recipient_as
    if meta.recipient and meta.recipient_as:
        recipient = f"{meta.recipient} (addressed as \u201c{meta.recipient_as}\u201d)"
    kind = "" if meta.type == "document" else meta.type
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
