"""Printed widths of text in the fonts dbq ships, for layout that dbq decides itself.

Numbered excerpt lines and timeline labels are broken and placed by dbq, not by the layout
engine, so their widths must come from the very fonts the PDF embeds.
"""

from __future__ import annotations

from functools import lru_cache

from dbq.render import builtin_templates

SERIF = "NotoSerif-Regular"
SANS = "NotoSans-Regular"
SANS_BOLD = "NotoSans-Bold"
SANS_ITALIC = "NotoSans-Italic"


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
