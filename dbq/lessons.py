"""Load a lesson spec, validate it against the model and its sources, resolve its excerpts."""

from __future__ import annotations

import dataclasses
import string
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from dbq.errors import Problem, display_path
from dbq.excerpts import ResolvedExcerpt, SourceText, contains, resolve_excerpt
from dbq.formats.adapt import RULE as ADAPTED_RULE
from dbq.formats.adapt import Adaptation, adapt
from dbq.model import Document, Excerpt, Lesson, Question
from dbq.sources import Source
from dbq.validation import did_you_mean, validation_problems
from dbq.yamlio import Loc, Located, load_yaml


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


def document_label(index: int, style: str) -> str:
    """0 -> "A" (letters) or "1" (numbers); past Z: AA, AB..."""
    if style == "numbers":
        return str(index + 1)
    letters = string.ascii_uppercase
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def prepare_lesson(
    path: Path, root: Path, sources: dict[str, Source]
) -> tuple[PreparedLesson | None, list[Problem]]:
    """Every problem in one lesson file at once, or the lesson ready to build."""
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(shown, 1, 1, "", f"not UTF-8 text ({exc.reason}); save it as UTF-8")]
    located, problems = load_yaml(text, shown)
    if problems:
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
            )
        ]
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
        return None, problems
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
                        value=True,
                    )
                )
                continue
            cited = [labels[label] for label in question.documents if label in labels]
        problems += _evidence_problems(question, cited, located, qloc)
    if problems:
        return None, problems
    warnings = _answer_warnings(lesson, located)
    return PreparedLesson(path.stem, path, lesson, documents, warnings, located), []


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
            severity="warning",
        )
        for loc, question in asked
        if question.type != "essay" and not (question.answer or question.correct)
    ]


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
    return Document.model_construct(source=raw["source"], excerpt=excerpt, questions=[])


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
            located.problem((*loc, "source"), _unknown_source(spec.source, sources), value=True)
        )
        return None
    excerpt, issues = resolve_excerpt(source, spec.excerpt)
    for sub, message in issues:
        problems.append(located.problem((*loc, "excerpt", *sub), message, value=True))
    if excerpt is None:
        return None
    prepared = PreparedDocument(label, spec, source, excerpt, index=int(loc[-1]))
    prepared.adaptation, misfits = adapt(spec, excerpt, label)
    for sub, message in misfits:
        problem = located.problem((*loc, *sub), message, value=True)
        problems.append(dataclasses.replace(problem, rule=ADAPTED_RULE))
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
        problems.append(located.problem((*loc, "evidence", index), message, value=True))
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
