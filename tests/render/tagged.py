"""What a screen reader gets from a tagged PDF: its structure tree, read back with pypdf.

Each page's marked content is collected by its MCID (the page stream's BDC … EMC runs); the
tree is then walked in order, an element's /ActualText or /Alt standing for its content, as
assistive technology reads it. Content that is marked but not in the tree (WeasyPrint's running
heads and footers, dbq's line numbers) is not read.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


def marked_texts(reader: PdfReader) -> dict[tuple[int, int], str]:
    """(page number, MCID) -> the text drawn inside that marked content."""
    found: dict[tuple[int, int], str] = {}
    for number, page in enumerate(reader.pages):
        stack: list[int | None] = []

        def before(op: bytes, args: Any, cm: Any, tm: Any, stack: list[int | None] = stack) -> None:
            if op == b"BDC":
                props = args[1] if len(args) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
                stack.append(int(mcid) if mcid is not None else None)
            elif op == b"BMC":
                stack.append(None)
            elif op == b"EMC" and stack:
                stack.pop()

        def text(t: str, *_: Any, stack: list[int | None] = stack, number: int = number) -> None:
            current = next((m for m in reversed(stack) if m is not None), None)
            if current is not None and t:
                key = (number, current)
                found[key] = found.get(key, "") + t

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


class Tree:
    """A tagged PDF's structure: the element kinds, and the text read in order."""

    def __init__(self, path: Path) -> None:
        self.reader = PdfReader(str(path))
        self.catalog = self.reader.trailer["/Root"]
        self.kinds: Counter[str] = Counter()
        self.figures: list[str] = []
        self.pages = {p.indirect_reference.idnum: i for i, p in enumerate(self.reader.pages)}
        self._texts = marked_texts(self.reader)
        self.bare_numbers: list[str] = []  # runs of text read that are a number and nothing else
        root = self.catalog.get("/StructTreeRoot")
        self.read = "" if root is None else self._walk(root.get_object()["/K"], None, False)

    def _walk(self, node: Any, page: int | None, replaced: bool) -> str:
        node = node.get_object() if isinstance(node, IndirectObject) else node
        if isinstance(node, ArrayObject):
            return "".join(self._walk(kid, page, replaced) for kid in node)
        if isinstance(node, int):
            text = self._texts.get((page, node), "") if page is not None else ""
            if text.strip().isdigit() and not replaced:
                self.bare_numbers.append(text.strip())
            return text
        if not isinstance(node, DictionaryObject) or node.get("/Type") == "/OBJR":
            return ""
        if "/Pg" in node:
            page = self.pages.get(node.raw_get("/Pg").idnum, page)
        kind = str(node.get("/S", ""))
        self.kinds[kind] += 1
        replacing = any(r in node for r in ("/ActualText", "/Alt"))
        inner = self._walk(node.get("/K", ArrayObject()), page, replaced or replacing)
        if kind == "/Figure":
            self.figures.append(str(node.get("/Alt", "")))
        for replacement in ("/ActualText", "/Alt"):
            if replacement in node:
                return f" {node[replacement]} "
        return inner
