"""Which characters dbq's shipped fonts print, and located warnings for those they cannot.

dbq ships Noto Serif and Noto Sans cut down to Latin, Greek and Cyrillic (templates/fonts).
A character outside them (Chinese, Japanese, Korean, Hebrew, Arabic, emoji...) would print as
a blank box, or in whatever font the machine happens to have. Instead dbq warns, naming the
file, line and characters, and prints U+FFFD (a visible replacement mark) in their place, so
a PDF is the same on every machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dbq.assets import describe, unprintable
from dbq.errors import Problem, display_path
from dbq.workspace.files import FileError, read_text

if TYPE_CHECKING:
    from dbq.prepare.lessons import PreparedLesson
    from dbq.workspace.model import Settings

MAX_LINES = 5  # lines reported per file; the rest are summed up in one more warning


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
                code="P004",
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
                code="P004",
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
    shown = display_path(prepared.path, root)
    problems += text_warnings(shown, prepared.text, skip_comments=True)
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
