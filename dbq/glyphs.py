"""Which characters dbq's shipped fonts print, and located warnings for those they cannot.

dbq ships Noto Serif and Noto Sans cut down to Latin, Greek and Cyrillic (templates/fonts).
A character outside them (Chinese, Japanese, Korean, Hebrew, Arabic, emoji...) would print as
a blank box, or in whatever font the machine happens to have. Instead dbq warns, naming the
file, line and characters, and prints U+FFFD (a visible replacement mark) in their place, so
a PDF is the same on every machine.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from dbq.errors import Problem, display_path
from dbq.files import FileError, read_text

if TYPE_CHECKING:
    from dbq.lessons import PreparedLesson
    from dbq.model import Settings

REPLACEMENT = "\ufffd"
MAX_LINES = 5  # lines reported per file; the rest are summed up in one more warning


@lru_cache(maxsize=1)
def printable() -> frozenset[int]:
    """The code points every shipped font has a glyph for."""
    from fontTools.ttLib import TTFont

    from dbq.render import builtin_templates

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


def text_warnings(
    shown: str, text: str, only: set[str] | None = None, *, skip_comments: bool = False
) -> list[Problem]:
    """One warning per line holding characters the fonts lack (`only`: just those)."""
    problems: list[Problem] = []
    extra = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if skip_comments and line.lstrip().startswith("#"):
            continue
        chars = [c for c in unprintable(line) if only is None or c in only]
        if not chars:
            continue
        if len(problems) == MAX_LINES:
            extra += 1
            continue
        col = min(line.index(c) for c in chars) + 1
        problems.append(
            Problem(
                shown,
                number,
                col,
                "",
                f"dbq's fonts (Latin, Greek, Cyrillic) cannot print {describe(chars)}; "
                "they will print as \ufffd. Transliterate or translate them",
                "warning",
            )
        )
    if extra:
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                f"{extra} more line(s) hold characters dbq's fonts cannot print",
                "warning",
            )
        )
    return problems


def workspace_glyph_warnings(root: Path, settings: Settings) -> list[Problem]:
    """Warnings for the workspace glossary and timeline, whose text lessons print."""
    problems: list[Problem] = []
    for name in (settings.glossary_file, "timeline.yaml"):
        path = root / name
        try:
            text = read_text(path, root) if path.is_file() else ""
        except FileError:
            continue  # reported where the file is loaded
        problems += text_warnings(display_path(path, root), text, skip_comments=True)
    return problems


def lesson_glyph_warnings(prepared: PreparedLesson, root: Path) -> list[Problem]:
    """Warnings for the lesson's own text and the cited source text it prints."""
    problems: list[Problem] = []
    try:
        text = read_text(prepared.path, root)
    except FileError:
        text = ""
    problems += text_warnings(display_path(prepared.path, root), text, skip_comments=True)
    by_source: dict[Path, set[str]] = {}
    for document in prepared.documents:
        printed = [s.text for p in document.excerpt.passages for s in p.segments]
        printed += [v for v in document.source.meta.model_dump().values() if isinstance(v, str)]
        chars = set(unprintable("\n".join(printed)))
        if chars:
            by_source.setdefault(document.source.path, set()).update(chars)
    for path, chars in sorted(by_source.items()):
        try:
            source_text = read_text(path, root)
        except FileError:
            continue
        problems += text_warnings(display_path(path, root), source_text, chars)
    return problems
