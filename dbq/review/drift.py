"""Drift: drafted items whose excerpt changed under them (D001).

`dbq draft` writes ¶ and line references into the lesson; when the excerpt changes later, the
review warns where a reference no longer matches the quote it points to.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from dbq.errors import Problem
from dbq.packet.items import Packet
from dbq.prepare.lessons import PreparedLesson
from dbq.workspace.model import was_drafted

_PARAGRAPH = re.compile(r"¶\s?(\d+)")
_LINES = re.compile(r"\blines? (\d+)(?:[–-](\d+))?")


def drift_problems(prepared: PreparedLesson, packet: Packet) -> list[Problem]:
    """Warnings for drafted questions whose ¶ or line references no longer match their quotes."""
    located = prepared.located
    found = []
    for view in packet.questions:
        if not view.loc:
            continue
        model = _model_at(prepared, view.loc)
        if model is None or not was_drafted(model):
            continue
        if not view.evidence:
            found += _unprinted_paragraphs(prepared, view.loc, f"{view.ask} {view.answer or ''}")
            continue
        if any(not e.label for e in view.evidence):
            continue  # a quote the excerpt lost: the lesson's evidence check warns about it
        paragraphs = {f"¶{e.paragraph}" for e in view.evidence if e.paragraph}
        lines = {e.lines for e in view.evidence if e.lines}
        text = f"{view.ask} {view.answer or ''}"
        moved = [m.group(0) for m in _PARAGRAPH.finditer(text)]
        moved = [ref for ref in moved if ref.replace(" ", "") not in paragraphs]
        moved += [m.group(0) for m in _LINES.finditer(text) if m.group(0) not in lines]
        if moved and located is not None:
            now = ", ".join(sorted(lines) or sorted(paragraphs))
            problem = located.problem(
                view.loc,
                f"drafted question cites {', '.join(dict.fromkeys(moved))}, but its evidence "
                f"now prints at {now}: the excerpt changed under it; run `dbq draft` again or "
                "fix the reference",
                severity="warning",
                code="D001",
            )
            found.append(problem)
    return found


def _unprinted_paragraphs(prepared: PreparedLesson, loc: tuple, text: str) -> list[Problem]:
    """A drafted question without quoted evidence ("As used in ¶26, …") that cites a paragraph
    its document no longer prints."""
    if loc[0] != "documents" or prepared.located is None:
        return []
    document = prepared.documents[loc[1]]
    printed = {f"¶{p.mark or p.cited}" for p in document.excerpt.passages if p.number}
    lost = [
        m.group(0) for m in _PARAGRAPH.finditer(text) if m.group(0).replace(" ", "") not in printed
    ]
    if not lost:
        return []
    message = (
        f"drafted question cites {', '.join(dict.fromkeys(lost))}, not among the paragraphs "
        f"Document {document.label} prints ({', '.join(sorted(printed))}): the excerpt changed "
        "under it; run `dbq draft` again or fix the reference"
    )
    return [prepared.located.problem(loc, message, severity="warning", code="D001")]


def without_echoes(problems: list[Problem]) -> list[Problem]:
    """Drift warnings say it all: the review's reference warnings on the same item are dropped."""
    drifted = {p.key for p in problems if p.code == "D001"}
    return [
        p
        for p in problems
        if p.code != "R103" or not any(k == p.key or k.startswith(p.key + ".") for k in drifted)
    ]


def _model_at(prepared: PreparedLesson, loc: tuple) -> BaseModel | None:
    lesson = prepared.lesson
    try:
        if loc[0] == "documents":
            return lesson.documents[loc[1]].questions[loc[3]]
        return lesson.questions[loc[1]]
    except (IndexError, TypeError):
        return None
