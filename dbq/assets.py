"""The files dbq ships: built-in templates, fonts, their printed widths and glyph coverage.

Numbered excerpt lines and timeline labels are broken and placed by dbq, not by the layout
engine, so their widths must come from the very fonts the PDF embeds. dbq ships Noto Serif
and Noto Sans cut down to Latin, Greek and Cyrillic; a character outside them prints as
U+FFFD (a visible replacement mark), so a PDF is the same on every machine.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

SERIF = "NotoSerif-Regular"
SANS = "NotoSans-Regular"
SANS_BOLD = "NotoSans-Bold"
SANS_ITALIC = "NotoSans-Italic"
REPLACEMENT = "\ufffd"


def builtin_templates() -> Path:
    """The folder of the built-in templates (dbq/templates, a link to templates/ in the repo)."""
    return Path(str(resources.files("dbq").joinpath("templates")))


@lru_cache(maxsize=8)
def _advances(face: str) -> tuple[dict[int, int], int, int]:
    """Advance width of each character (font units), units per em, and a fallback width."""
    from fontTools.ttLib import TTFont  # comes with WeasyPrint

    with TTFont(str(builtin_templates() / "fonts" / f"{face}.ttf"), lazy=True) as font:
        metrics = font["hmtx"].metrics
        widths = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
        units = font["head"].unitsPerEm
    # Characters the font lacks come from a fallback font; assume a wide letter.
    return widths, units, widths.get(ord("M"), units)


def text_width(text: str, size: float, face: str = SERIF) -> float:
    """Width of text in points when set at `size` points in one of the shipped faces."""
    widths, units, fallback = _advances(face)
    return sum(widths.get(ord(char), fallback) for char in text) * size / units


@lru_cache(maxsize=1)
def printable() -> frozenset[int]:
    """The code points every shipped font has a glyph for."""
    from fontTools.ttLib import TTFont

    fonts = sorted((builtin_templates() / "fonts").glob("*.ttf"))
    maps = [set(TTFont(str(path), lazy=True).getBestCmap()) for path in fonts]
    return frozenset(set.intersection(*maps)) if maps else frozenset()


def unprintable(text: str) -> list[str]:
    """The distinct characters of text that no shipped font prints (controls are ignored)."""
    known = printable()
    # In order of first appearance, so the message names them as the teacher wrote them.
    missing = (c for c in text if ord(c) not in known and unicodedata.category(c) != "Cc")
    return list(dict.fromkeys(missing))


def describe(chars: list[str]) -> str:
    """'中 (U+4E2D), 文 (U+6587)', at most eight of them."""
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars[:8])
    return shown + (f" and {len(chars) - 8} more" if len(chars) > 8 else "")


def replace_unprintable(html: str) -> str:
    """The HTML with every character the fonts lack replaced by U+FFFD (same on any machine)."""
    known = printable()
    missing = [c for c in set(html) if ord(c) not in known and unicodedata.category(c) != "Cc"]
    return html.translate({ord(c): REPLACEMENT for c in missing}) if missing else html
