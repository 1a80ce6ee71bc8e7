"""Assemble the packet of a prepared lesson whose generated parts are filled in."""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import TYPE_CHECKING

from dbq.assets import data_file
from dbq.generate.context import ContextResult
from dbq.packet.context import in_context_views
from dbq.packet.items import (
    DRAFTED,
    GENERATED,
    TEACHER,
    DocumentView,
    EssayView,
    Evidence,
    Header,
    InContext,
    Packet,
    QuestionView,
)
from dbq.prepare.excerpts import Folded
from dbq.prepare.lessons import PreparedDocument, PreparedLesson
from dbq.prepare.lines import line_span, lines_label, number_lines, term_spans
from dbq.prepare.sourceline import source_line
from dbq.workspace.model import (
    SKILL_NAMES,
    Essay,
    Lesson,
    Question,
    RubricRow,
    Settings,
    is_drafted,
)
from dbq.workspace.yamlio import Loc

if TYPE_CHECKING:
    from dbq.generate.vocabulary import DocumentGlossary, LessonGlossary

# The directions dbq prints when the lesson gives none, by what the copy numbers.
READ = "Read each document and answer the questions that follow it."
POINTS = "Point values are in [brackets]."
OWN_NUMBERS = (
    "the document's own where it numbers its paragraphs, otherwise the count of paragraphs "
    "in the full source text."
)
MARGIN_NUMBERS = f"Numbers in the margin are paragraph numbers: {OWN_NUMBERS}"
LINE_NUMBERS = (
    "Numbers in the left margin count the lines of each document; \u00b6 marks paragraph "
    f"numbers: {OWN_NUMBERS}"
)
INLINE_NUMBERS = f"Numbers before the paragraphs are paragraph numbers: {OWN_NUMBERS}"


def header_of(lesson: Lesson) -> Header:
    """The lesson's head and directions as every copy prints them."""
    numbers = LINE_NUMBERS if lesson.line_numbers else MARGIN_NUMBERS
    return Header(
        title=lesson.title,
        course=lesson.course,
        grades=lesson.grades,
        compelling_question=lesson.compelling_question,
        background=lesson.background,
        instructions=lesson.instructions,
        tiers=list(lesson.tiers),
        directions=f"{READ} {numbers} {POINTS}",
        inline_directions=f"{READ} {INLINE_NUMBERS} {POINTS}",
    )


def default_lines(question: Question) -> int:
    """Answer lines: sized by the question's weight unless the teacher said how many."""
    if question.lines is not None:
        return question.lines
    if question.type == "multiple_choice":
        return 0
    if question.type == "essay":
        return 14
    return min(2 + 2 * question.points, 10)


@lru_cache(maxsize=1)
def builtin_rubrics() -> dict:
    return data_file("rubrics.yaml")


_COUNTS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _documents_phrase(count: int, every: bool) -> str:
    """'the document', 'both documents', 'all three documents'; 'one document', 'two documents'."""
    if every:
        if count == 1:
            return "the document"
        if count == 2:
            return "both documents"
        return f"all {_COUNTS[count] if count < len(_COUNTS) else count} documents"
    word = _COUNTS[count] if count < len(_COUNTS) else str(count)
    return f"at least {word} document{'s' if count != 1 else ''}"


def rubric_rows(
    rubric: str | list[RubricRow] | None, documents: int = 4
) -> tuple[str, list[RubricRow]]:
    """A rubric's title and rows; a scaled built-in rubric is fitted to the documents."""
    if rubric is None:
        return "", []
    if isinstance(rubric, str):
        data = builtin_rubrics()[rubric]
        rows = [RubricRow.model_validate(row) for row in data["rows"]]
        if data.get("scaled"):
            words = {
                "all": _documents_phrase(max(documents, 1), True),
                "some": _documents_phrase(max(1, (documents + 1) // 2), False),
            }
            rows = [
                r.model_copy(update={"description": r.description.format(**words)}) for r in rows
            ]
        return data["title"], rows
    return "Rubric", list(rubric)


def locate_evidence(
    quote: str, documents: list[PreparedDocument], line_numbers: bool = False
) -> Evidence:
    """The first of the documents whose printed excerpt holds the quote, and where."""
    for document in documents:
        for passage in document.excerpt.passages:
            visible = "".join(s.text for s in passage.segments if s.kind in ("text", "term"))
            if Folded.of(visible).find_all(quote):
                lines = ""
                if line_numbers:
                    span = line_span(number_lines(document.excerpt), document.excerpt, quote)
                    lines = lines_label(span) if span else ""
                return Evidence(quote.strip(), document.label, passage.cited, lines)
    return Evidence(quote.strip())


def _question_view(
    number: int,
    question: Question,
    documents: list[PreparedDocument],
    lesson: Lesson,
    document: str | None,
    loc: Loc,
) -> QuestionView:
    from dbq.generate.questions import scaffold_frame

    origin = _origin(question)
    view = QuestionView(
        number=number,
        ask=question.ask,
        skill=SKILL_NAMES.get(question.skill or ""),
        type=question.type,
        points=question.points,
        lines=default_lines(question),
        choices=list(question.choices or []),
        documents=list(question.documents or []),
        answer=question.answer,
        origin=origin,
        document=document,
        loc=() if origin == GENERATED else loc,
        reveals=list(getattr(question, "reveals", []) or []),
        stem=getattr(question, "stem", ""),
    )
    view.support_frame = scaffold_frame(question)
    if lesson.scaffolds or origin == GENERATED:
        view.frame = view.support_frame
    index = question.correct_index()
    if index is not None:
        view.correct = f"{chr(65 + index)}. {view.choices[index]}"
    view.evidence = [
        locate_evidence(q, documents, bool(lesson.line_numbers)) for q in question.evidence
    ]
    return view


def _vocab_view(number: int, glossary: DocumentGlossary | None, label: str) -> list[QuestionView]:
    """The generated vocabulary-in-context question of a document, if any, as number."""
    if glossary is None or glossary.question is None:
        return []
    q = glossary.question
    view = QuestionView(
        number,
        q.ask,
        SKILL_NAMES["close_reading"],
        "multiple_choice",
        1,
        0,
        list(q.choices),
        [],
        origin=GENERATED,
        document=label,
        stem="vocabulary:in-context",
    )
    view.correct = f"{chr(65 + q.correct)}. {q.choices[q.correct]}"
    view.answer = f"Definition source: {q.entry.origin}; the other choices define other terms."
    view.reveals = [q.choices[q.correct]]
    return [view]


def build_packet(
    prepared: PreparedLesson,
    settings: Settings,
    context: ContextResult | None = None,
    glossary: LessonGlossary | None = None,
    in_context: dict[str, InContext] | None = None,
) -> Packet:
    """The packet of a prepared lesson whose generated parts are already filled in."""
    lesson = prepared.lesson
    number = 0
    documents: list[DocumentView] = []
    for document in prepared.documents:
        views = []
        for q_index, question in enumerate(document.spec.questions):
            number += 1
            loc = ("documents", document.index, "questions", q_index)
            views.append(_question_view(number, question, [document], lesson, document.label, loc))
        own_glossary = glossary.document(document.label) if glossary else None
        extra = _vocab_view(number + 1, own_glossary, document.label)
        views += extra
        number += len(extra)
        passages = own_glossary.passages if own_glossary else document.excerpt.passages
        meta = document.source.meta
        documents.append(
            DocumentView(
                label=document.label,
                title=document.spec.title,
                intro=document.spec.intro,
                source_line=source_line(meta, document.excerpt.adapted, document.excerpt.whole),
                passages=passages,
                has_glosses=any(s.kind == "gloss" for p in passages for s in p.segments),
                has_cuts=any(s.kind == "cut" for p in passages for s in p.segments),
                questions=views,
                date=meta.date,
                excerpt=document.excerpt,
                lines=number_lines(document.excerpt, term_spans(passages))
                if lesson.line_numbers
                else [],
                glossary=own_glossary,
                adaptation=document.adaptation,
            )
        )
    by_label = {d.label: d for d in prepared.documents}
    lesson_questions = []
    for q_index, question in enumerate(lesson.questions):
        number += 1
        cited = [by_label[label] for label in question.documents or [] if label in by_label]
        lesson_questions.append(
            _question_view(
                number, question, cited or prepared.documents, lesson, None, ("questions", q_index)
            )
        )
    essay = None
    if lesson.essay:
        number += 1
        title, rows = rubric_rows(lesson.essay.rubric, len(documents))
        essay = EssayView(
            number=number,
            ask=lesson.essay.ask,
            lines=lesson.essay.lines,
            rubric_title=title,
            rubric=rows,
            points=sum(r.points for r in rows),
            origin=_origin(lesson.essay),
            rubric_name=lesson.essay.rubric if isinstance(lesson.essay.rubric, str) else "",
        )
    return Packet(
        prepared.id,
        lesson,
        settings.page_size,
        documents,
        lesson_questions,
        essay,
        glossary,
        context,
        views=in_context
        if in_context is not None
        else in_context_views(context, settings.page_size),
        header=header_of(lesson),
        vocabulary=list(lesson.vocabulary),
        line_numbers=bool(lesson.line_numbers),
        scaffolds=lesson.scaffolds,
        lms_feedback=bool(settings.lms_feedback),
        fillable=settings.fillable if lesson.fillable is None else lesson.fillable,
    )


def _origin(item: Question | Essay) -> str:
    """Generated (set by the generator that made it), drafted and unedited, or the teacher's."""
    if item.origin == GENERATED:
        return GENERATED
    return DRAFTED if is_drafted(item) else TEACHER


def student_copy(packet: Packet) -> Packet:
    """The packet as students get it: no answers, evidence, rubric, origins or key notes."""
    copied = copy.copy(packet)
    copied.for_key = False
    if packet.student_glossary is not None:
        copied.glossary = packet.student_glossary

    def strip(question: QuestionView) -> QuestionView:
        blank = copy.copy(question)
        blank.answer, blank.correct, blank.evidence, blank.reveals = None, None, [], []
        blank.origin, blank.stem = TEACHER, ""
        if not packet.scaffolds:
            blank.frame = None
        return blank

    copied.documents = []
    for document in packet.documents:
        shown = copy.copy(document)
        shown.questions = [strip(q) for q in document.questions]
        if copied.glossary is not None:
            shown.glossary = copied.glossary.document(document.label)
        copied.documents.append(shown)
    copied.lesson_questions = [strip(q) for q in packet.lesson_questions]
    if packet.essay is not None:
        copied.essay = copy.copy(packet.essay)
        copied.essay.rubric_title, copied.essay.rubric = "", []
        copied.essay.origin = TEACHER
    return copied
