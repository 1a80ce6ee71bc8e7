"""Adapted excerpts: a document's simplified wording beside its original, checked and diffed.

`adapted:` is a full text (one paragraph per printed paragraph, separated by blank lines) or a
mapping from printed paragraph numbers to their new wording. The adaptation must keep the
original's paragraphs, so paragraph numbers, questions and the key still match.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field

from dbq.prepare.excerpts import Passage, ResolvedExcerpt, Segment
from dbq.text.readability import ReadingLoad, reading_load
from dbq.workspace.model import Document
from dbq.workspace.yamlio import Loc

RULE = "C006"


@dataclass(frozen=True)
class Change:
    """One edit between the original and the adaptation: what was replaced by what."""

    paragraph: str  # the printed paragraph mark
    before: str  # "" for words added
    after: str  # "" for words left out


@dataclass
class Adaptation:
    """A document's adapted paragraphs, the reading load of both versions, and the change log."""

    passages: list[Passage]
    original: list[Passage]
    original_load: ReadingLoad
    adapted_load: ReadingLoad
    changes: list[Change] = field(default_factory=list)
    show_original: bool = False


def _reflowed(text: str) -> str:
    """One adapted paragraph as one line: the breaks of a YAML block are not the teacher's."""
    return " ".join(line.strip() for line in text.strip().splitlines() if line.strip())


def adapt(
    spec: Document, excerpt: ResolvedExcerpt, label: str
) -> tuple[Adaptation | None, list[tuple[Loc, str]]]:
    """The document's adaptation, or where and why it does not fit the excerpt."""
    if spec.adapted is None:
        return None, []
    printed = [p for p in excerpt.passages if p.number]
    marks = [p.mark or str(p.cited) for p in printed]
    listing = ", ".join(f"\u00b6{m}" for m in marks)
    if isinstance(spec.adapted, str):
        texts = [_reflowed(t) for t in re.split(r"\n\s*\n", spec.adapted.strip()) if t.strip()]
        if len(texts) != len(printed):
            return None, [
                (
                    ("adapted",),
                    f"`adapted` has {len(texts)} paragraph(s) but Document {label} prints "
                    f"{len(printed)} ({listing}): write one adapted paragraph for each, "
                    "separated by a blank line, so paragraph numbers stay the same",
                )
            ]
        wording = dict(zip((id(p) for p in printed), texts, strict=True))
    else:
        by_number = {p.cited: p for p in printed}
        wrong = [n for n in spec.adapted if n not in by_number]
        if wrong:
            return None, [
                (
                    ("adapted",),
                    f"`adapted` rewrites \u00b6{wrong[0]}, which Document {label} does not print "
                    f"(it prints {listing}); key each adapted paragraph by its printed number",
                )
            ]
        empty = [n for n, text in spec.adapted.items() if not text.strip()]
        if empty:
            return None, [
                (
                    ("adapted",),
                    f"`adapted` leaves \u00b6{empty[0]} empty; keep the paragraph in simpler words",
                )
            ]
        wording = {id(by_number[n]): _reflowed(text) for n, text in spec.adapted.items()}
    passages = [
        dataclasses.replace(p, segments=[Segment("text", wording[id(p)])])
        if id(p) in wording
        else p
        for p in excerpt.passages
    ]
    changes = [
        change
        for before, after in zip(excerpt.passages, passages, strict=True)
        if before is not after
        for change in word_changes(before.mark or str(before.cited), before.text, after.text)
    ]
    return (
        Adaptation(
            passages,
            list(excerpt.passages),
            reading_load([p.text for p in printed]),
            reading_load([p.text for p in passages if p.number]),
            changes,
            spec.show_original == "after",
        ),
        [],
    )


def word_changes(mark: str, before: str, after: str) -> list[Change]:
    """What was replaced by what, word by word (difflib), in reading order."""
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        Change(mark, " ".join(old[i1:i2]), " ".join(new[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
