"""What a printed packet shows: labels, numbering, source lines, answer space, and the key."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from dbq.excerpts import Passage, SourceText
from dbq.lessons import PreparedDocument, PreparedLesson
from dbq.model import Question, RubricRow, Settings, SourceMeta

if TYPE_CHECKING:
    from dbq.generate.vocabulary import DocumentGlossary, LessonGlossary

SKILL_NAMES = {
    "sourcing": "Sourcing",
    "contextualization": "Contextualization",
    "corroboration": "Corroboration",
    "close_reading": "Close reading",
}


@dataclass
class QuestionView:
    """A numbered question; answer fields are empty in the student's copy."""

    number: int
    ask: str
    skill: str | None
    type: str
    points: int
    lines: int
    choices: list[str]
    documents: list[str]
    answer: str | None = None
    correct: str | None = None
    evidence: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class DocumentView:
    label: str
    title: str | None
    intro: str | None
    source_line: str
    passages: list[Passage]
    has_glosses: bool
    has_cuts: bool
    questions: list[QuestionView]
    glossary: DocumentGlossary | None = None


def default_lines(question: Question) -> int:
    """Answer lines: sized by the question's weight unless the teacher said how many."""
    if question.lines is not None:
        return question.lines
    if question.type == "multiple_choice":
        return 0
    if question.type == "essay":
        return 14
    return min(2 + 2 * question.points, 10)


def long_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value.strftime('%B')} {value.day}, {value.year}"


def source_line(meta: SourceMeta, adapted: bool, whole: bool) -> str:
    """Author, recipient, kind, place and date, archive; then (excerpt) or (adapted)."""
    kind = meta.type if meta.type != "document" else ""
    who = meta.author or ""
    if meta.author_role and meta.author:
        who = f"{meta.author}, {meta.author_role}"
    what = kind
    if meta.recipient or meta.recipient_as:
        to = meta.recipient or meta.recipient_as
        if meta.recipient and meta.recipient_as:
            to = f"{meta.recipient} (addressed as \u201c{meta.recipient_as}\u201d)"
        what = f"{kind} to {to}" if kind else f"to {to}"
    where_when = ", ".join(p for p in (meta.place, long_date(meta.date)) if p)
    parts = [p for p in (who, what, where_when) if p]
    line = ", ".join(parts) if parts else meta.title
    if not parts or (not meta.author and meta.title):
        line = f"{meta.title}, {where_when}" if where_when and meta.title not in line else meta.title
    line = line[0].upper() + line[1:] + "."
    for extra in (meta.archive, meta.published_in):
        if extra:
            line += f" {extra.rstrip('.')}."
    if adapted:
        line += " (adapted)"
    elif not whole:
        line += " (excerpt)"
    return line


@lru_cache(maxsize=1)
def builtin_rubrics() -> dict:
    text = resources.files("dbq").joinpath("data/rubrics.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def rubric_rows(rubric: str | list[RubricRow] | None) -> tuple[str, list[RubricRow]]:
    if rubric is None:
        return "", []
    if isinstance(rubric, str):
        data = builtin_rubrics()[rubric]
        return data["title"], [RubricRow.model_validate(row) for row in data["rows"]]
    return "Rubric", list(rubric)


def _evidence(quotes: list[str], documents: list[PreparedDocument]) -> list[tuple[str, str]]:
    """Each evidence quote with where it stands: 'Document A, ¶9'."""
    out = []
    for quote in quotes:
        where = ""
        for document in documents:
            text = SourceText(document.source)
            hits = text.folded.find_all(quote)
            if hits:
                where = f"Document {document.label}, \u00b6{text.paragraph_at(hits[0][0])}"
                break
        out.append((quote.strip(), where))
    return out


def _view(number: int, question: Question, documents: list[PreparedDocument], key: bool) -> QuestionView:
    view = QuestionView(
        number=number,
        ask=question.ask,
        skill=SKILL_NAMES.get(question.skill or ""),
        type=question.type,
        points=question.points,
        lines=default_lines(question),
        choices=list(question.choices or []),
        documents=list(question.documents or []),
    )
    if key:
        view.answer = question.answer
        index = question.correct_index()
        if index is not None:
            view.correct = f"{chr(65 + index)}. {view.choices[index]}"
        view.evidence = _evidence(question.evidence, documents)
    return view


def _vocab_view(number: int, glossary: DocumentGlossary | None, key: bool) -> list[QuestionView]:
    """The generated vocabulary-in-context question of a document, if any, as number."""
    if glossary is None or glossary.question is None:
        return []
    q = glossary.question
    view = QuestionView(number, q.ask, SKILL_NAMES["close_reading"], "multiple_choice", 1, 0,
                        list(q.choices), [])
    if key:
        view.correct = f"{chr(65 + q.correct)}. {q.choices[q.correct]}"
        view.answer = f"Definition source: {q.entry.origin}; the other choices define other terms."
    return [view]


def packet_context(
    prepared: PreparedLesson, settings: Settings, *, key: bool,
    glossary: LessonGlossary | None = None,
) -> dict:
    """Everything a template needs; the student's copy gets no answer, evidence or rubric."""
    lesson = prepared.lesson
    number = 0
    documents: list[DocumentView] = []
    for document in prepared.documents:
        views = []
        for question in document.spec.questions:
            number += 1
            views.append(_view(number, question, [document], key))
        own_glossary = glossary.document(document.label) if glossary else None
        extra = _vocab_view(number + 1, own_glossary, key)
        views += extra
        number += len(extra)
        passages = own_glossary.passages if own_glossary else document.excerpt.passages
        documents.append(
            DocumentView(
                label=document.label,
                title=document.spec.title,
                intro=document.spec.intro,
                source_line=source_line(document.source.meta, document.excerpt.adapted,
                                        document.excerpt.whole),
                passages=passages,
                has_glosses=any(s.kind == "gloss" for p in passages for s in p.segments),
                has_cuts=any(s.kind == "cut" for p in passages for s in p.segments),
                questions=views,
                glossary=own_glossary,
            )
        )
    by_label = {d.label: d for d in prepared.documents}
    lesson_questions = []
    for question in lesson.questions:
        number += 1
        cited = [by_label[label] for label in question.documents or [] if label in by_label]
        lesson_questions.append(_view(number, question, cited or prepared.documents, key))
    essay = None
    if lesson.essay:
        number += 1
        title, rows = rubric_rows(lesson.essay.rubric) if key else ("", [])
        essay = {
            "number": number,
            "ask": lesson.essay.ask,
            "lines": lesson.essay.lines,
            "rubric_title": title,
            "rubric": rows,
            "points": sum(r.points for r in rubric_rows(lesson.essay.rubric)[1]),
        }
    total = sum(q.points for d in documents for q in d.questions)
    total += sum(q.points for q in lesson_questions) + (essay["points"] if essay else 0)
    return {
        "key": key,
        "lesson": lesson,
        "lesson_id": prepared.id,
        "page_size": settings.page_size,
        "documents": documents,
        "lesson_questions": lesson_questions,
        "essay": essay,
        "vocabulary": [v for v in lesson.vocabulary],
        "glossary": glossary,
        "total_points": total,
    }
