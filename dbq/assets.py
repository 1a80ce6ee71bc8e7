"""The files dbq ships: data tables, built-in templates, fonts, their widths and glyph coverage.

Numbered excerpt lines and timeline labels are broken and placed by dbq, not by the layout
engine, so their widths must come from the very fonts the PDF embeds. dbq ships Noto Serif
and Noto Sans cut down to Latin, Greek and Cyrillic; a character outside them prints as
U+FFFD (a visible replacement mark), so a PDF is the same on every machine.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

SERIF = "NotoSerif-Regular"
SANS = "NotoSans-Regular"
SANS_BOLD = "NotoSans-Bold"
SANS_ITALIC = "NotoSans-Italic"
REPLACEMENT = "\ufffd"


@cache
def data_file(name: str) -> Any:
    """A YAML table shipped in dbq/data, parsed once: dbq's own data, so libyaml's fast
    parser when it is installed, with the safe constructors (never a workspace file)."""
    import yaml

    text = resources.files("dbq").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def builtin_templates() -> Path:
    """The folder of the built-in templates (dbq/templates, a link to templates/ in the repo)."""
    return Path(str(resources.files("dbq").joinpath("templates")))


def font_file(face: str) -> Path:
    """The file of one of the shipped faces: font_file(SANS) is .../fonts/NotoSans-Regular.ttf."""
    return builtin_templates() / "fonts" / f"{face}.ttf"


@lru_cache(maxsize=8)
def _advances(face: str) -> tuple[dict[int, int], int, int]:
    """Advance width of each character (font units), units per em, and a fallback width."""
    from dbq import cache

    path = font_file(face)
    table = cache.derived("widths", [path], lambda: _read_advances(path), _is_advances)
    widths = {int(code): width for code, width in table["widths"].items()}
    units = table["units"]
    # Characters the font lacks come from a fallback font; assume a wide letter.
    return widths, units, widths.get(ord("M"), units)


def _read_advances(path: Path) -> dict[str, Any]:
    from fontTools.ttLib import TTFont  # comes with WeasyPrint

    with TTFont(str(path), lazy=True) as font:
        metrics = font["hmtx"].metrics
        widths = {str(code): metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
        return {"widths": widths, "units": font["head"].unitsPerEm}


def _is_advances(table: Any) -> bool:
    return (
        isinstance(table, dict)
        and isinstance(table.get("units"), int)
        and isinstance(table.get("widths"), dict)
        and all(k.isdigit() and isinstance(v, int) for k, v in table["widths"].items())
    )


def text_width(text: str, size: float, face: str = SERIF) -> float:
    """Width of text in points when set at `size` points in one of the shipped faces."""
    widths, units, fallback = _advances(face)
    return sum(widths.get(ord(char), fallback) for char in text) * size / units


@lru_cache(maxsize=1)
def printable() -> frozenset[int]:
    """The code points every shipped font has a glyph for."""
    from dbq import cache

    fonts = sorted((builtin_templates() / "fonts").glob("*.ttf"))
    codes = cache.derived(
        "glyphs",
        fonts,
        lambda: _common_glyphs(fonts),
        lambda kept: isinstance(kept, list) and all(isinstance(c, int) for c in kept),
    )
    return frozenset(codes)


def _common_glyphs(fonts: list[Path]) -> list[int]:
    from fontTools.ttLib import TTFont

    maps = [set(TTFont(str(path), lazy=True).getBestCmap()) for path in fonts]
    return sorted(set.intersection(*maps)) if maps else []


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
