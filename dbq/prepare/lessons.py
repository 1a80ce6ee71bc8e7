"""Load a lesson spec, validate it against the model and its sources, resolve its excerpts."""

from __future__ import annotations

import string
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from dbq.errors import Problem, display_path
from dbq.prepare.adapt import RULE as ADAPTED_RULE
from dbq.prepare.adapt import Adaptation, adapt
from dbq.prepare.excerpts import ResolvedExcerpt, SourceText, contains, resolve_excerpt
from dbq.workspace.model import Document, Excerpt, Lesson, Question
from dbq.workspace.sources import Source
from dbq.workspace.validation import did_you_mean, validation_problems
from dbq.workspace.yamlio import Loc, Located, read_located

# A document-based question has a handful of documents (the AP history DBQ has seven);
# some checks compare every pair of documents, so a lesson of hundreds would run for hours.
MAX_DOCUMENTS = 30
# Kennan's Long Telegram (shared/corpus), among the longest documents a class reads whole,
# is about 5,400 words with its headers.
MAX_EXCERPT_WORDS = 20_000
MAX_QUESTIONS = 200
MAX_PHRASES = 100  # cuts, glosses or quotes in one excerpt (each is searched in the source)
PLACEHOLDER = "TODO:"  # how `dbq new` marks the text a teacher must write


@dataclass
class PreparedDocument:
    """A document with its label, its source and the text it prints."""

    label: str
    spec: Document
    source: Source
    excerpt: ResolvedExcerpt
    index: int = 0  # its place in the lesson's `documents:` list
    adaptation: Adaptation | None = None  # the adapted wording, when the lesson gives one


@dataclass
class PreparedLesson:
    """A lesson that passed every check, ready to generate and render."""

    id: str
    path: Path
    lesson: Lesson
    documents: list[PreparedDocument]
    warnings: list[Problem] = field(default_factory=list)
    located: Located | None = None  # the lesson file with positions, for warnings
    text: str = ""  # the lesson file as read, once, through the safe reader


def document_label(index: int, style: str) -> str:
    """0 -> "A" (letters) or "1" (numbers); past Z: AA, AB..."""
    if style == "numbers":
        return str(index + 1)
    label = ""
    index += 1
    while index:  # bijective base 26: A..Z, AA..ZZ, AAA...
        index, rest = divmod(index - 1, 26)
        label = string.ascii_uppercase[rest] + label
    return label


def prepare_lesson(
    path: Path, root: Path, sources: dict[str, Source]
) -> tuple[PreparedLesson | None, list[Problem]]:
    """Every problem in one lesson file at once, or the lesson ready to build."""
    shown = display_path(path, root)
    located, text, problems = read_located(path, root)
    if located is None:
        return None, problems
    if not isinstance(located.data, dict):
        return None, [
            Problem(
                shown,
                1,
                1,
                "",
                "a lesson is a set of `key: value` lines; "
                "start from `dbq new ID --source SOURCE_ID`",
                code="L004",
            )
        ]
    too_big = _size_problems(located)
    if too_big:
        return None, too_big
    problems += placeholder_problems(located.data, located)
    lesson: Lesson | None = None
    try:
        lesson = Lesson.model_validate(located.data)
    except ValidationError as exc:
        problems += validation_problems(exc, located, Lesson)
    # Documents are checked one by one, so a typo in one does not hide problems in the others.
    label_style = located.data.get("labels", "letters")
    documents: list[PreparedDocument] = []
    for index, raw in enumerate(_raw_documents(located.data)):
        # The lesson's own document object when it validated, so later stages can find it.
        spec = lesson.documents[index] if lesson else _document_or_partial(raw)
        if spec is None:
            continue  # already reported with the lesson
        prepared = _prepare_document(
            spec,
            document_label(index, label_style),
            sources,
            located,
            ("documents", index),
            problems,
        )
        if prepared:
            documents.append(prepared)
    if lesson is None:
        return None, problems + _raw_lesson_questions(located, documents)
    labels = {d.label: d for d in documents}
    for q_index, question in enumerate(lesson.questions):
        qloc: Loc = ("questions", q_index)
        cited = documents
        if question.documents:
            all_labels = [document_label(i, lesson.labels) for i in range(len(lesson.documents))]
            wrong = [label for label in question.documents if label not in all_labels]
            if wrong:
                problems.append(
                    located.problem(
                        (*qloc, "documents"),
                        f"no document {wrong[0]!r}; the documents are {', '.join(all_labels)}",
                        code="C005",
                        value=True,
                    )
                )
                continue
            cited = [labels[label] for label in question.documents if label in labels]
        problems += _evidence_problems(question, cited, located, qloc)
    if any(p.severity == "error" for p in problems):
        return None, problems
    warnings = problems + _answer_warnings(lesson, located)  # drafted items that drifted
    return PreparedLesson(path.stem, path, lesson, documents, warnings, located, text), []


def _size_problems(located: Located) -> list[Problem]:
    """Limits far above any worksheet, so that a hostile lesson cannot run for hours."""
    documents = _raw_documents(located.data)
    if len(documents) > MAX_DOCUMENTS:
        message = (
            f"a lesson holds at most {MAX_DOCUMENTS} documents; "
            "split it into lessons and print them together as a unit (units/ID.yaml)"
        )
        return [located.problem(("documents",), message, code="L008")]
    problems = []
    asked = _count(located.data.get("questions"))
    for index, document in enumerate(documents):
        raw = document if isinstance(document, dict) else {}
        asked += _count(raw.get("questions"))
        excerpt = raw.get("excerpt")
        if not isinstance(excerpt, dict):
            excerpt = {}
        for key in ("cut", "gloss", "quote"):
            if _count(excerpt.get(key)) > MAX_PHRASES:
                message = f"at most {MAX_PHRASES} entries here; an excerpt needs a handful"
                where = ("documents", index, "excerpt", key)
                problems.append(located.problem(where, message, code="L008"))
    if asked > MAX_QUESTIONS:
        message = f"{asked} questions: a lesson asks at most {MAX_QUESTIONS}; split it"
        problems.append(located.problem(("documents",), message, code="L008"))
    return problems


def _count(value: object) -> int:
    return len(value) if isinstance(value, (list, dict)) else 0


def placeholder_problems(value: object, located: Located, loc: Loc = ()) -> list[Problem]:
    """The scaffold's `TODO:` texts still in the lesson: they must not reach a printed page."""
    if isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER):
        what = value.strip().splitlines()[0][len(PLACEHOLDER) :].strip().rstrip(".")
        message = f"placeholder text from `dbq new` ({what}); replace it"
        return [located.problem(loc, message, code="L007", value=True)]
    if not isinstance(value, (dict, list)):
        return []
    items = value.items() if isinstance(value, dict) else enumerate(value)
    return [p for key, child in items for p in placeholder_problems(child, located, (*loc, key))]


def _answer_warnings(lesson: Lesson, located: Located) -> list[Problem]:
    """A question the teacher wrote without any model answer leaves a gap in the key."""
    asked: list[tuple[Loc, Question]] = [
        (("documents", d, "questions", q), question)
        for d, document in enumerate(lesson.documents)
        for q, question in enumerate(document.questions)
    ]
    asked += [(("questions", q), question) for q, question in enumerate(lesson.questions)]
    return [
        located.problem(
            loc,
            "no `answer`: the answer key will have no model answer here; add one",
            code="Q002",
            severity="warning",
        )
        for loc, question in asked
        if question.type != "essay" and not (question.answer or question.correct)
    ]


def _raw_lesson_questions(located: Located, documents: list[PreparedDocument]) -> list[Problem]:
    """A wrong key elsewhere does not hide the lesson-level questions' evidence problems."""
    raw = located.data.get("questions")
    problems: list[Problem] = []
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        question = _question_or_partial(item)
        if question is None:
            continue  # already reported with the lesson
        cited = [d for d in documents if d.label in (question.documents or [])] or documents
        problems += _evidence_problems(question, cited, located, ("questions", index))
    return problems


def _raw_documents(data: dict) -> list:
    raw = data.get("documents")
    return raw if isinstance(raw, list) else []


def _document_or_partial(raw: object) -> Document | None:
    """The document, or only its source and excerpt when a question is wrong (worth checking)."""
    try:
        return Document.model_validate(raw)
    except ValidationError:
        pass
    if not isinstance(raw, dict) or not isinstance(raw.get("source"), str):
        return None
    try:
        excerpt = Excerpt.model_validate(raw.get("excerpt"))
    except ValidationError:
        return None
    raw_questions = raw.get("questions")
    questions = (
        [_question_or_partial(q) for q in raw_questions or []]
        if isinstance(raw_questions, list)
        else []
    )
    kept = [q for q in questions if q is not None]
    return Document.model_construct(source=raw["source"], excerpt=excerpt, questions=kept)


def _question_or_partial(raw: object) -> Question | None:
    """A question, or the question less its unknown keys (a typo must not hide its evidence).

    The unknown keys are reported with the lesson; this copy is only checked, never built.
    """
    try:
        return Question.model_validate(raw)
    except ValidationError:
        pass
    if not isinstance(raw, dict):
        return None
    known = {k: v for k, v in raw.items() if k in Question.model_fields}
    try:
        return Question.model_validate(known)
    except ValidationError:
        return None


def _prepare_document(
    spec: Document,
    label: str,
    sources: dict[str, Source],
    located: Located,
    loc: Loc,
    problems: list[Problem],
) -> PreparedDocument | None:
    """Resolve one document's excerpt and check its evidence; problems are appended."""
    source = sources.get(spec.source)
    if source is None:
        problems.append(
            located.problem(
                (*loc, "source"), _unknown_source(spec.source, sources), code="C001", value=True
            )
        )
        return None
    excerpt, issues = resolve_excerpt(source, spec.excerpt)
    for issue in issues:
        where = (*loc, "excerpt", *issue.loc)
        problems.append(located.problem(where, issue.message, code=issue.code, value=True))
    if excerpt is None:
        return None
    words = len(excerpt.visible_text.split())
    if words > MAX_EXCERPT_WORDS:
        message = (
            f"the excerpt is {words} words; a document prints at most {MAX_EXCERPT_WORDS} "
            "(about 40 pages): choose fewer paragraphs"
        )
        problems.append(located.problem((*loc, "excerpt"), message, code="L008"))
        return None
    prepared = PreparedDocument(label, spec, source, excerpt, index=int(loc[-1]))
    prepared.adaptation, misfits = adapt(spec, excerpt, label)
    for sub, message in misfits:
        problems.append(located.problem((*loc, *sub), message, code=ADAPTED_RULE, value=True))
    for q_index, question in enumerate(spec.questions):
        problems += _evidence_problems(question, [prepared], located, (*loc, "questions", q_index))
    return prepared


def _unknown_source(source_id: str, sources: dict[str, Source]) -> str:
    if not sources:
        return f"no source {source_id!r}: sources/ is empty; add one with `dbq sources import FILE`"
    hint = did_you_mean(source_id, sorted(sources))
    return (
        f"no source {source_id!r} in sources/{hint} "
        f"(the workspace has: {', '.join(sorted(sources))})"
    )


def _evidence_problems(
    question: Question, documents: list[PreparedDocument], located: Located, loc: Loc
) -> list[Problem]:
    problems = []
    for index, quote in enumerate(question.evidence):
        if any(contains(d.excerpt.visible_text, quote) for d in documents):
            continue
        message = _evidence_miss(quote, documents)
        problem = located.problem((*loc, "evidence", index), message, code="C004", value=True)
        if question.generated:  # drafted by dbq: the excerpt changed under it
            problem = replace(
                problem,
                message=f"drafted question: {message}; the excerpt changed under it, "
                "run `dbq draft` again",
                severity="warning",
                code="D001",
            )
        problems.append(problem)
    return problems


def _evidence_miss(quote: str, documents: list[PreparedDocument]) -> str:
    for document in documents:
        text = SourceText.of(document.source)
        hits = text.folded.find_all(quote)
        if hits:
            number = text.paragraph_at(hits[0][0])
            return (
                f'"{quote.strip()}" is in the source (¶{number}) but not in the text Document '
                f"{document.label} prints; quote the excerpt, or widen it"
            )
    closest = SourceText.of(documents[0].source).closest(quote) if documents else ""
    return f'"{quote.strip()}" is not in the excerpt; evidence must quote it exactly{closest}'
