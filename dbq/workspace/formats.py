"""The text of the files teachers have: a born-digital PDF, a web page saved as HTML.

Both are read as hostile: size-capped like every other read (files.read_bytes), never
fetching anything (no network, no external entities, no scripts run: html.parser only
tokenizes, and pypdf only reads the page content streams). What is wrong with a file is a
DbqError naming it, never a traceback.
"""

from __future__ import annotations

import io
import logging
import re
from html.parser import HTMLParser

from dbq.errors import DbqError

# Elements whose text is never the document: scripts, styles, a page's navigation and forms.
SKIPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "title",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "svg",
    "math",
    "iframe",
    "object",
    "canvas",
    "menu",
}
# Elements that end a line of text (a paragraph, a heading, a list item, a table row).
BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "hr",
    "figure",
    "figcaption",
    "address",
}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}
# A line that starts a numbered paragraph or a lettered point starts its own line.
NEW_LINE = re.compile(r"^(?:\d{1,3}\.|\([a-z0-9]{1,4}\)|[a-z]\.)\s")
PDF_PAGES = 500  # a document's text, not a book: more pages than this is refused


class _Text(HTMLParser):
    """The visible text of a page, a blank line between blocks, a line break at <br>."""

    def __init__(self, started: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        # False until <html> or <body> opens: what stands before it (a doctype's internal
        # subset, '<!ENTITY …>]>') is no text of the page.
        self.started = started
        self.parts: list[str] = []
        self.skipping: list[str] = []  # the open skipped elements, innermost last
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.started = self.started or tag in ("html", "body")
        hidden = any(name == "hidden" for name, _ in attrs) or any(
            name == "style" and value and re.search(r"display\s*:\s*none", value)
            for name, value in attrs
        )
        if tag in VOID:
            if tag == "br" and not self.skipping:
                self.parts.append("\n")
            elif tag == "hr" and not self.skipping:
                self.parts.append("\n\n")
            return
        if self.skipping or tag in SKIPPED or hidden:
            self.skipping.append(tag)
            return
        if tag == "pre":
            self.pre += 1
        if tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:
                while self.skipping and self.skipping.pop() != tag:
                    pass
            return
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.started and not self.skipping:
            self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [line.strip(" ") for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _decode_html(data: bytes) -> str:
    """UTF-8 (with or without a BOM), else the charset the page declares, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]{1,40})""", data[:4096], re.I)
    for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["cp1252"]:
        try:
            return data.decode(encoding, errors="replace")
        except LookupError:
            continue
    return data.decode("latin-1")


def html_text(data: bytes, shown: str) -> str:
    """The text a reader sees on a saved web page: its paragraphs, without script or menus."""
    page = _decode_html(data)
    parser = _Text(started=not re.search(r"<(?:html|body)\b", page, re.I))
    try:
        parser.feed(page)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything it still raises is located
        raise DbqError(f"{shown}: not a readable web page ({exc})", code="S002") from exc
    return parser.text()


def pdf_text(data: bytes, shown: str) -> str:
    """The text layer of a born-digital PDF, its paragraphs apart and its wrapped lines joined.

    A scanned PDF (pages that are pictures) has no text to take: that is a DbqError telling
    the teacher what to do instead.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the teacher's
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DbqError(
                f"{shown} is an encrypted PDF; open it, copy the document's text into a .txt "
                "file and import that",
                code="S002",
            )
        if len(reader.pages) > PDF_PAGES:
            raise DbqError(
                f"{shown} has {len(reader.pages)} pages (at most {PDF_PAGES} are read); "
                "import the document's own pages, copied into a .txt file",
                code="S002",
            )
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except DbqError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise DbqError(f"{shown}: not a readable PDF ({exc})", code="S002") from exc
    except RecursionError as exc:
        raise DbqError(f"{shown}: not a readable PDF (nested too deep)", code="S002") from exc
    # A paragraph runs on over a page break unless the page ends a sentence and the next
    # page starts a new one (then the break is a paragraph's).
    joined = ""
    for page in (page.strip("\n") for page in pages if page.strip()):
        ends = bool(re.search(r"[.!?:;\"”’)\]]$", joined.rstrip()))
        starts = not page.lstrip()[:1].islower()
        joined = f"{joined}\n\n{page}" if joined and ends and starts else f"{joined}\n{page}"
    text = _unwrap(joined.strip("\n"))
    if not re.search(r"\w{2,}", text):
        raise DbqError(
            f"{shown} has no text layer (a scanned PDF: its pages are pictures); copy the "
            "document's text into a .txt file, or run OCR on the PDF first (for example "
            "`ocrmypdf in.pdf out.pdf`), then import that",
            code="S002",
        )
    return text + "\n"


def _unwrap(page: str) -> str:
    """The lines of the pages: blank lines part paragraphs; a full line was wrapped, so it goes on.

    A line at least 70% as long as the page's longest line reached the margin and was wrapped
    by the PDF's layout: the next line continues it. A shorter line ended where the text
    ended it (a heading, a signature, a numbered paragraph's last line).
    """
    lines = [" ".join(line.split()) for line in page.split("\n")]
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    wrapped = False
    for line in lines:
        if not line:
            if out and out[-1]:
                out.append("")
            wrapped = False
            continue
        if wrapped and out and out[-1] and not NEW_LINE.match(line):
            joiner = "" if out[-1].endswith("-") and not out[-1].endswith(" -") else " "
            out[-1] = f"{out[-1]}{joiner}{line}"
        else:
            out.append(line)
        wrapped = len(line) >= 0.7 * width
    return "\n".join(out).strip("\n")
