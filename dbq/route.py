"""Compose a lesson's packet: generate what the teacher left out, assemble it, review it.

What fails the review is not printed: a generated question that gives its answer away, cuts a
quote or names a later fact is replaced by the next stem that passes; a generated glossary or
context text that states what came after the document keeps only what the students may see,
and the rest stays in the key. The teacher's own items are printed as written, with a located
warning for each finding.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field

from dbq.errors import Problem
from dbq.packet import GENERATED, TEACHER, Packet, build_packet
from dbq.prepare.lessons import PreparedLesson
from dbq.render.context import ContextResult
from dbq.review.rules import Finding, later_dates, review
from dbq.workspace.glossaries import Glossaries, make_glossary
from dbq.workspace.model import Settings

MAX_ROUNDS = 6


@dataclass
class Composed:
    """A reviewed packet, and the warnings about the teacher's own items."""

    packet: Packet
    prepared: PreparedLesson  # the lesson with the generated questions that were kept
    findings: list[Finding] = field(default_factory=list)  # all, generated ones included
    problems: list[Problem] = field(default_factory=list)


def compose(
    prepared: PreparedLesson,
    settings: Settings,
    glossaries: Glossaries,
    context: ContextResult | None,
) -> Composed:
    """The lesson's packet with generated items filled in, and the review's findings."""
    from dbq.generate.questions import generate_questions

    banned: set[tuple[str, str]] = set()
    glossary = make_glossary(prepared, settings, glossaries)
    context = _dated_prompts(context)
    # one vocabulary-in-context question per lesson: the same stem twice reads as filler
    asked = [d.label for d in glossary.documents if d.question is not None] if glossary else []
    dropped_vocab: set[str] = set(asked[1:])
    for _ in range(MAX_ROUNDS):
        filled = generate_questions(prepared, banned=banned)
        packet = build_packet(
            filled, settings, context, _without_questions(glossary, dropped_vocab)
        )
        packet.student_glossary = student_glossary(packet)
        findings = review(packet)
        failing = [f for f in findings if f.origin == GENERATED and f.question]
        if not failing:
            break
        for finding in failing:
            if finding.stem == "vocabulary:in-context":
                dropped_vocab.add(finding.document or "")
            banned.add((finding.document or "", finding.stem))
    else:
        packet = _drop_failing(packet, failing)
        findings = review(packet)
    ignored = set(settings.ignore)
    problems = [
        _problem(prepared, f)
        for f in findings
        if f.origin not in (GENERATED,) and f.code not in ignored and _reportable(f)
    ]
    return Composed(packet, filled, findings, problems)


def _reportable(finding: Finding) -> bool:
    """Teacher items are reported; built-in data that was moved to the key is not."""
    return finding.origin in (TEACHER, "source") or finding.loc != ()


def _problem(prepared: PreparedLesson, finding: Finding) -> Problem:
    located = prepared.located
    if located is not None:
        problem = located.problem(finding.loc or (), finding.message, severity="warning")
        return dataclasses.replace(problem, rule=finding.code)
    return Problem(str(prepared.path), 1, 1, "", finding.message, "warning", finding.code)


def _without_questions(glossary, labels: set[str]):  # type: ignore[no-untyped-def]
    """The glossary with the vocabulary questions of these documents left out."""
    if glossary is None or not labels:
        return glossary
    trimmed = copy.copy(glossary)
    trimmed.documents = [
        dataclasses.replace(d, question=None) if d.label in labels else d
        for d in glossary.documents
    ]
    return trimmed


def _drop_failing(packet: Packet, failing: list[Finding]) -> Packet:
    """Generated questions that still fail after every stem was tried are left out."""
    numbers = {f.question for f in failing}
    for document in packet.documents:
        document.questions = [q for q in document.questions if q.number not in numbers]
    packet.lesson_questions = [q for q in packet.lesson_questions if q.number not in numbers]
    _renumber(packet)
    return packet


def _renumber(packet: Packet) -> None:
    number = 0
    for question in packet.questions:
        number += 1
        question.number = number
    if packet.essay is not None:
        packet.essay.number = number + 1


# --- Text students may see ------------------------------------------------------------------


def student_glossary(packet: Packet):  # type: ignore[no-untyped-def]
    """The glossary as students see it: each entry's worksheet wording, key-only entries gone.

    The wording itself (what was known at the document's date) is the glossary generator's
    (dbq/generate/later.py); the review then checks what is left.
    """
    glossary = packet.glossary
    if glossary is None:
        return None
    trimmed = copy.copy(glossary)
    trimmed.documents = []
    for document in glossary.documents:
        entries = [
            dataclasses.replace(entry, definition=entry.worksheet, later=False)
            for entry in document.entries
            if entry.worksheet or not entry.definition
        ]
        trimmed.documents.append(dataclasses.replace(document, entries=entries))
    return trimmed


def _dated_prompts(context: ContextResult | None) -> ContextResult | None:
    """Generated context prompts that name a later date are kept for the key's notes only."""
    if context is None:
        return None
    for document in context.lesson.documents:
        if document.date is None:
            continue
        document.prompts = [
            p for p in document.prompts if not (p.generated and later_dates(p.text, document.date))
        ]
    return context
