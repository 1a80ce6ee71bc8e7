"""What a printed packet shows: labels, numbering, source lines, answer space, and the key."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from dbq.context_view import ContextResult, context_view
from dbq.excerpts import Passage, SourceText
from dbq.lessons import PreparedDocument, PreparedLesson
from dbq.lines import PrintedLine, line_span, lines_label, number_lines
from dbq.model import Lesson, Question, RubricRow, Settings, SourceMeta

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
    generated: bool = False  # written by dbq: the key asks the teacher to review it
    frame: str | None = None  # sentence frame (scaffolds), printed under the question


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
    lines: list[PrintedLine] = field(default_factory=list)  # set when lines are numbered
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
    """Who, to whom, what kind, where and when, archive; then (excerpt) or (adapted)."""
    who = ", ".join(p for p in (meta.author, meta.author_role) if p)
    recipient = meta.recipient or meta.recipient_as
    if meta.recipient and meta.recipient_as:
        recipient = f"{meta.recipient} (addressed as \u201c{meta.recipient_as}\u201d)"
    kind = "" if meta.type == "document" else meta.type
    what = " ".join(p for p in (kind, f"to {recipient}" if recipient else "") if p)
    where_when = ", ".join(p for p in (meta.place, long_date(meta.date)) if p)
    # Without a known author, the title is what names the document.
    parts = [p for p in (who or meta.title, what, where_when) if p]
    line = ", ".join(parts)
    line = line[0].upper() + line[1:] + "."
    for extra in (meta.archive, meta.published_in):
        if extra:
            line += f" {extra.rstrip('.')}."
    if adapted:
        return line + " (adapted)"
    return line if whole else line + " (excerpt)"


def frame_for(question: Question, lesson: Lesson, key: bool) -> str | None:
    """The sentence frame shown: with `scaffolds: true`, and in the key for generated questions."""
    from dbq.generate.questions import scaffold_frame  # the frames live with the stems

    if lesson.scaffolds or (key and getattr(question, "generated", False)):
        return scaffold_frame(question)
    return None


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


def _evidence(
    quotes: list[str], documents: list[PreparedDocument], line_numbers: bool = False
) -> list[tuple[str, str]]:
    """Each evidence quote with where it stands: 'Document A, ¶9' (', lines 3–5')."""
    out = []
    for quote in quotes:
        where = ""
        for document in documents:
            text = SourceText.of(document.source)
            hits = text.folded.find_all(quote)
            if hits:
                cited = document.source.cited_number(text.paragraph_at(hits[0][0]))
                where = f"Document {document.label}" + (f", \u00b6{cited}" if cited else "")
                if line_numbers:
                    span = line_span(number_lines(document.excerpt), document.excerpt, quote)
                    where += f", {lines_label(span)}" if span else ""
                break
        out.append((quote.strip(), where))
    return out


def _view(
    number: int,
    question: Question,
    documents: list[PreparedDocument],
    key: bool,
    lesson: Lesson | None = None,
) -> QuestionView:
    view = QuestionView(
        number=number,
        ask=question.ask,
        skill=SKILL_NAMES.get(question.skill or ""),
        type=question.type,
        points=question.points,
        lines=default_lines(question),
        choices=list(question.choices or []),
        documents=list(question.documents or []),
        generated=bool(getattr(question, "generated", False)),
    )
    if lesson is not None:
        view.frame = frame_for(question, lesson, key)
    if key:
        view.answer = question.answer
        index = question.correct_index()
        if index is not None:
            view.correct = f"{chr(65 + index)}. {view.choices[index]}"
        numbered = bool(lesson and lesson.line_numbers)
        view.evidence = _evidence(question.evidence, documents, numbered)
    return view


def _vocab_view(number: int, glossary: DocumentGlossary | None, key: bool) -> list[QuestionView]:
    """The generated vocabulary-in-context question of a document, if any, as number."""
    if glossary is None or glossary.question is None:
        return []
    q = glossary.question
    view = QuestionView(
        number, q.ask, SKILL_NAMES["close_reading"], "multiple_choice", 1, 0, list(q.choices), []
    )
    if key:
        view.correct = f"{chr(65 + q.correct)}. {q.choices[q.correct]}"
        view.answer = f"Definition source: {q.entry.origin}; the other choices define other terms."
    return [view]


def packet_context(
    prepared: PreparedLesson,
    settings: Settings,
    *,
    key: bool,
    context: ContextResult | None = None,
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
            views.append(_view(number, question, [document], key, lesson))
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
                source_line=source_line(
                    document.source.meta, document.excerpt.adapted, document.excerpt.whole
                ),
                passages=passages,
                has_glosses=any(s.kind == "gloss" for p in passages for s in p.segments),
                has_cuts=any(s.kind == "cut" for p in passages for s in p.segments),
                questions=views,
                lines=number_lines(document.excerpt) if lesson.line_numbers else [],
                glossary=own_glossary,
            )
        )
    by_label = {d.label: d for d in prepared.documents}
    lesson_questions = []
    for question in lesson.questions:
        number += 1
        cited = [by_label[label] for label in question.documents or [] if label in by_label]
        lesson_questions.append(_view(number, question, cited or prepared.documents, key, lesson))
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
            "generated": bool(getattr(lesson.essay, "generated", False)),
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
        "line_numbers": lesson.line_numbers,
        "scaffolds": lesson.scaffolds,
        "in_context": context_view(
            context, key=key, page_size=settings.page_size, title=lesson.title
        ),
    }
