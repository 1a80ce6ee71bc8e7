"""Other renderers of the one packet (dbq/packet/): Word copies, a QTI package, variants.

What they share lives here: plain text from the lesson's Markdown, text safe for XML, and
zip archives that are the same bytes for the same input.
"""

from __future__ import annotations

import io
import re
import zipfile

from markdown_it import MarkdownIt

from dbq.prepare.excerpts import CUT_MARK, Passage

# Characters XML 1.0 cannot hold (lesson text is untrusted: a stray control byte must not crash).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MD = MarkdownIt("commonmark", {"html": False})
# A fixed date for every zip entry: the same lesson gives the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def xml_safe(text: str | None) -> str:
    """Text with the characters XML cannot carry removed."""
    return _NOT_XML.sub("", text or "")


def plain_inline(markdown: str | None) -> str:
    """One line of the lesson's Markdown as plain text (emphasis dropped, no HTML)."""
    if not markdown:
        return ""
    out: list[str] = []
    for block in _MD.parseInline(markdown):
        for token in block.children or []:
            if token.type in ("text", "code_inline"):
                out.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return xml_safe("".join(out).strip())


def plain_blocks(markdown: str | None) -> list[str]:
    """The paragraphs of a Markdown text, each as plain text."""
    if not markdown:
        return []
    return [plain_inline(p) for p in re.split(r"\n\s*\n", markdown.strip()) if p.strip()]


def passage_runs(passage: Passage) -> list[tuple[str, str]]:
    """A printed paragraph as (kind, text) runs: text, cut marks, and glosses in brackets."""
    runs: list[tuple[str, str]] = []
    for segment in passage.segments:
        if segment.kind == "cut":
            runs.append(("cut", CUT_MARK))
        elif segment.kind == "gloss":  # after a space, as print sets it: "contiguous [touching]"
            space = "" if not runs or runs[-1][1][-1:].isspace() else " "
            runs.append(("gloss", f"{space}[{xml_safe(segment.text)}]"))
        else:
            runs.append(("text", xml_safe(segment.text)))
    return runs


def stable_zip(files: dict[str, bytes]) -> bytes:
    """A deflated zip of these files in this order, with fixed dates."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def restamp_zip(data: bytes) -> bytes:
    """The same archive with fixed dates (python-docx stamps each entry with the clock)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    return stable_zip(files)
