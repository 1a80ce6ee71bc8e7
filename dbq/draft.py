"""`dbq draft`: write what dbq would generate into the lesson file, for the teacher to review.

Drafted items are ordinary questions, vocabulary entries and an essay with `generated:` set to
a fingerprint of the text dbq wrote. While an item still matches its fingerprint it is dbq's
(the key marks it for review, and the next draft may replace it); once edited it is the
teacher's. The file is edited with ruamel.yaml's round-trip mode, so its comments, key order and
quoting stay as the teacher wrote them, and written atomically.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from dbq.errors import DbqError, Problem, display_path
from dbq.prepare.lessons import PreparedLesson
from dbq.render.html import markdown, markdown_inline
from dbq.workspace.files import write_atomically
from dbq.workspace.model import (
    DRAFT_INTERNAL,
    Essay,
    Question,
    VocabEntry,
    draft_hash,
    is_drafted,
    was_drafted,
)
from dbq.workspace.timelines import ContextPrompt

# The order a drafted question's keys are written in (as the sample lessons write them).
_QUESTION_ORDER: tuple[str, ...] = ("skill", "type", "ask", "choices", "correct", "answer")
_QUESTION_ORDER += ("evidence", "points", "lines", "documents", "frame")
# What `dbq draft` writes into a lesson: questions, glossary entries, In context prompts.
DraftedItem = Question | VocabEntry | ContextPrompt
NOTE = "#"  # an item's note for the teacher, written as a comment on its first line
_WRAP = 88  # fold long text at this column, as the sample lessons do


# --- What dbq would generate -----------------------------------------------------------------


@dataclass
class Drafted:
    """The generated items of a lesson, as the plain data the lesson file holds."""

    documents: dict[int, list[dict]]  # document index -> its questions
    questions: list[dict]
    vocabulary: list[dict]
    essay: dict | None
    context: dict[int, list[dict]] = field(default_factory=dict)  # document index -> prompts
    lesson_context: list[dict] = field(default_factory=list)  # the lesson's own prompts


def without_drafts(prepared: PreparedLesson) -> PreparedLesson:
    """The lesson less its unedited drafted items, with generation on: what a draft starts from."""
    lesson = prepared.lesson
    # Every drafted prompt goes, edited or not: prompts are drafted per document as a set, and
    # an edited one keeps its place when the new set is merged in (see _merge_prompts).
    documents = [
        d.model_copy(
            update={
                "questions": [q for q in d.questions if not is_drafted(q)],
                "context": [p for p in d.context if not was_drafted(p)],
            }
        )
        for d in lesson.documents
    ]
    update: dict[str, Any] = {
        "documents": documents,
        "questions": [q for q in lesson.questions if not is_drafted(q)],
        "vocabulary": [v for v in lesson.vocabulary if not is_drafted(v)],
        "generate": lesson.generate.model_copy(update={"drafted": False}),
    }
    if lesson.essay is not None and is_drafted(lesson.essay):
        update["essay"] = None
    if lesson.context is not None:
        prompts = [p for p in lesson.context.prompts if not was_drafted(p)]
        update["context"] = lesson.context.model_copy(update={"prompts": prompts})
    bare = lesson.model_copy(update=update)
    prepared_docs = [replace(d, spec=bare.documents[d.index]) for d in prepared.documents]
    return replace(prepared, lesson=bare, documents=prepared_docs)


def _item(model: BaseModel, kind: type[BaseModel], order: tuple[str, ...] = ()) -> dict:
    """The item as the file will hold it: its own keys in reading order, then its fingerprint."""
    data = model.model_dump(
        mode="json", exclude=DRAFT_INTERNAL, exclude_none=True, exclude_defaults=True, by_alias=True
    )
    if isinstance(model, Question) and "skill" not in data and model.skill:
        data["skill"] = model.skill
    ordered = {k: data[k] for k in order if k in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    ordered = {k: _unescaped(v) if k in _MARKDOWN else v for k, v in ordered.items()}
    ordered["generated"] = draft_hash(kind.model_validate(ordered))
    return ordered


_MARKDOWN = {"ask", "answer", "definition", "prompt"}  # the texts printed as Markdown
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _unescaped(text: str) -> str:
    """Text without the Markdown escapes it does not need: a teacher reads `[as monitors]`.

    The escapes are dropped only when the text prints the same without them, inline or not.
    """
    if not isinstance(text, str) or "\\" not in text:
        return text
    plain = _ESCAPE.sub(r"\1", text)
    same = all(render(plain) == render(text) for render in (markdown_inline, markdown))
    return plain if same else text


def drafted_items(composed: Any) -> Drafted:
    """The generated questions, glossary entries and essay the composed packet prints."""
    packet, prepared = composed.packet, composed.prepared
    kept = {(q.document, q.stem) for q in packet.questions if q.generated and q.stem}
    order = _QUESTION_ORDER
    documents: dict[int, list[dict]] = {}
    for document in prepared.documents:
        view = packet.document(document.label)
        items = [
            _item(q, Question, order)
            for q in document.spec.questions
            if getattr(q, "stem", "") and (document.label, q.stem) in kept
        ]
        if view is not None:
            items += [
                _item(_vocab_question(q), Question, order)
                for q in view.questions
                if q.stem == "vocabulary:in-context"
            ]
        if items:
            documents[document.index] = items
    questions = [
        _item(q, Question, order)
        for q in prepared.lesson.questions
        if getattr(q, "stem", "") and (None, q.stem) in kept
    ]
    vocabulary = []
    have = {v.term.lower() for v in prepared.lesson.vocabulary}
    glossary = packet.student_glossary or packet.glossary
    for entry in glossary.entries if glossary else []:
        if entry.origin == "lesson" or not entry.definition or entry.term.lower() in have:
            continue
        have.add(entry.term.lower())
        term = VocabEntry(term=entry.term, definition=entry.definition)
        item = _item(term, VocabEntry, ("term", "definition"))
        if entry.senses > 1:  # the key says so too; the file is where the teacher reviews it
            item[NOTE] = f"{entry.origin}: one of {entry.senses} senses, chosen from the text"
            item[NOTE] += "; check it fits"
        vocabulary.append(item)
    essay = None
    if packet.essay is not None and packet.essay.generated and prepared.lesson.essay:
        essay = _item(prepared.lesson.essay, Essay, ("ask", "rubric", "lines"))
    context, lesson_context = _drafted_prompts(composed)
    return Drafted(documents, questions, vocabulary, essay, context, lesson_context)


def _drafted_prompts(composed: Any) -> tuple[dict[int, list[dict]], list[dict]]:
    """The generated In context prompts the packet prints: per document, and the lesson's."""
    result = composed.packet.context
    if result is None:
        return {}, []
    index = {d.label: d.index for d in composed.prepared.documents}

    def items(prompts: list) -> list[dict]:
        return [
            _item(ContextPrompt(prompt=p.text), ContextPrompt, ("prompt",))
            for p in prompts
            if p.generated
        ]

    documents = {index[d.label]: items(d.prompts) for d in result.lesson.documents}
    return {i: found for i, found in documents.items() if found}, items(result.lesson.prompts)


def _vocab_question(view: Any) -> Question:
    """The vocabulary-in-context question of a document as an ordinary question."""
    return Question(
        skill="close_reading",
        type="multiple_choice",
        ask=view.ask,
        choices=view.choices,
        correct=(view.correct or "A")[0],
        answer=view.answer,
        lines=0,
    )


# --- Writing the lesson file -----------------------------------------------------------------


def _yaml():  # type: ignore[no-untyped-def]
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the teacher's lines
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout `dbq new` and the samples use
    return yaml


def _folded(text: str) -> Any:
    """Long text as a folded block (`>-`) wrapped near _WRAP columns: a diff reads line by line."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    if len(text) <= _WRAP - 20 or "\n" in text or text != text.strip() or "  " in text:
        return text
    folded = FoldedScalarString(text)
    positions, start = [], 0
    while len(text) - start > _WRAP - 12:
        cut = text.rfind(" ", start, start + _WRAP - 12)
        if cut <= start:
            break
        positions.append(cut)
        start = cut + 1
    folded.fold_pos = positions
    return folded


def _node(item: dict) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = CommentedMap()
    for key, value in item.items():
        if key == NOTE:
            continue
        if isinstance(value, list):
            seq = CommentedSeq(_folded(v) if isinstance(v, str) else v for v in value)
            node[key] = seq
        elif isinstance(value, str) and key != "generated":
            node[key] = _folded(value)
        else:
            node[key] = value
    if item.get(NOTE):
        node.yaml_add_eol_comment(item[NOTE], next(iter(node)))
    return node


def _last_slot(container: Any, key: Any) -> tuple[Any, Any]:
    """The innermost block item that ends at `key`: where ruamel keeps the comments after it."""
    value = container[key]
    while hasattr(value, "ca") and len(value) and not value.fa.flow_style():
        container = value
        key = list(value.keys())[-1] if hasattr(value, "keys") else len(value) - 1
        value = container[key]
    return container, key


def _comment(container: Any, key: Any) -> list:
    slots = container.ca.items.setdefault(key, [None, None, None, None])
    return slots


def _slot(container: Any) -> int:
    return 2 if hasattr(container, "keys") else 0  # ruamel: after a key, after a list item


def _take_trailing(container: Any, key: Any) -> str:
    """Cut the full-line comments and blank lines that follow an item; they stay below new ones."""
    inner, last = _last_slot(container, key)
    slots, slot = _comment(inner, last), _slot(inner)
    token = slots[slot]
    if token is None or "\n" not in token.value:
        return ""
    head, tail = token.value.split("\n", 1)
    token.value = head + "\n"
    return tail


def _give_trailing(container: Any, key: Any, tail: str) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if tail:
        inner, last = _last_slot(container, key)
        _comment(inner, last)[_slot(inner)] = CommentToken("\n" + tail, CommentMark(0), None)


def _append(seq: Any, node: Any) -> None:
    tail = _take_trailing(seq, len(seq) - 1) if len(seq) else ""
    seq.append(node)
    _give_trailing(seq, len(seq) - 1, tail)


def _place(prefix: str, item: dict) -> str:
    """Where a drafted item goes, as the lesson's `drafted:` record names it: 'A sourcing',
    'lesson corroboration', 'A close_reading multiple_choice', 'vocabulary armistice'."""
    skill, kind, term = _kind(item)
    if term:
        return f"vocabulary {str(term).lower()}"
    return f"{prefix} {skill}" + (f" {kind}" if kind != "short_answer" else "")


def _not_deleted(
    prefix: str, models: Sequence[DraftedItem], new: list[dict], record: Counter[str]
) -> list[dict]:
    """The new items less those that would fill a place the teacher emptied.

    A place the record holds more often than the list does lost an item to the teacher: the
    new items of that place may replace the drafted ones still there, never add one.
    """
    have = Counter(_place(prefix, m.model_dump(exclude_none=True)) for m in models)
    unedited = Counter(
        _place(prefix, m.model_dump(exclude_none=True)) for m in models if is_drafted(m)
    )
    wanted = Counter(_place(prefix, item) for item in new)
    kept, taken = [], Counter[str]()
    for item in new:
        place = _place(prefix, item)
        deleted = max(0, record[place] - have[place])
        additions = max(0, wanted[place] - unedited[place])
        if taken[place] < wanted[place] - min(deleted, additions):
            kept.append(item)
            taken[place] += 1
    return kept


def _merge(seq: Any, models: Sequence[DraftedItem], new: list[dict]) -> None:
    """Replace the unedited drafted items of a list by the new ones, keeping identical ones.

    A changed item takes the place of the old one of its kind (its skill, or its term), so a
    second draft's diff shows the change where it is; what is left goes at the end.
    """
    present = {m.generated for m in models if is_drafted(m)}
    pending = [item for item in new if item["generated"] not in present]
    wanted = {item["generated"] for item in new}
    for index in reversed(range(len(models))):
        model = models[index]
        if not is_drafted(model) or model.generated in wanted:
            continue
        kind = _kind(model.model_dump(exclude_none=True))
        twin = next((item for item in pending if _kind(item) == kind), None)
        if twin is None:
            del seq[index]
        else:
            pending.remove(twin)
            seq[index] = _node(twin)
    for item in pending:
        _append(seq, _node(item))


def _merge_prompts(seq: Any, models: Sequence[DraftedItem], new: list[dict]) -> None:
    """Prompts are merged by place: the n-th drafted prompt replaces the n-th unedited one.

    An edited prompt keeps its place; unedited ones past the new set are removed. A list that
    holds a prompt the teacher wrote is the teacher's: it is left as it is.
    """
    if any(not was_drafted(model) for model in models):
        return
    for place, item in enumerate(new):
        if place >= len(models):
            _append(seq, _node(item))
        elif is_drafted(models[place]) and models[place].generated != item["generated"]:
            seq[place] = _node(item)
    for place in reversed(range(len(new), len(models))):
        if is_drafted(models[place]):
            del seq[place]


def _kind(item: dict) -> tuple:
    """What makes two drafted items the same slot: a question's skill and type, or a term."""
    return (item.get("skill"), item.get("type", "short_answer"), item.get("term"))


def _put(mapping: Any, key: str, value: Any, after: tuple[str, ...]) -> None:
    """Add a key after the last of `after` the mapping has (at the end when none)."""
    keys = list(mapping.keys())
    place = max((keys.index(k) + 1 for k in after if k in keys), default=len(keys))
    tail = _take_trailing(mapping, keys[place - 1]) if place else ""
    mapping.insert(place, key, value)
    _give_trailing(mapping, key, tail)


def _edit(data: Any, prepared: PreparedLesson, drafted: Drafted) -> None:
    from ruamel.yaml.comments import CommentedSeq

    lesson = prepared.lesson
    record = Counter(lesson.drafted)
    written: Counter[str] = Counter()
    labels = {d.index: d.label for d in prepared.documents}
    for index, document in enumerate(lesson.documents):
        raw = data["documents"][index]
        asked: list[DraftedItem] = list(document.questions)
        new = _not_deleted(labels[index], asked, drafted.documents.get(index, []), record)
        written.update(_place(labels[index], item) for item in new)
        if "questions" in raw and raw["questions"] is not None:
            _merge(raw["questions"], asked, new)
        elif new:
            _put(raw, "questions", CommentedSeq(_node(i) for i in new), ("excerpt", "intro"))
    for index, document in enumerate(lesson.documents):
        raw = data["documents"][index]
        new = drafted.context.get(index, [])
        place = f"{labels[index]} prompt"
        if record[place] > len(document.context):
            continue  # the teacher deleted a drafted prompt: the list is theirs now
        written[place] = len(new)
        if raw.get("context") is not None:
            _merge_prompts(raw["context"], list(document.context), new)
        elif new:
            _put(raw, "context", _prompt_seq(new), ("questions", "excerpt", "intro"))
    lists: list[tuple[str, Sequence[DraftedItem], list[dict], tuple[str, ...]]] = [
        ("questions", lesson.questions, drafted.questions, ("documents",)),
        ("vocabulary", lesson.vocabulary, drafted.vocabulary, ("questions", "documents")),
    ]
    for key, models, new, after in lists:
        new = _not_deleted("lesson", list(models), new, record)
        written.update(_place("lesson", item) for item in new)
        if key in data and data[key] is not None:
            _merge(data[key], list(models), new)
        elif new:
            _put(data, key, CommentedSeq(_node(i) for i in new), after)
    essay = drafted.essay
    if record["essay"] and lesson.essay is None:
        essay = None  # the teacher deleted the drafted essay prompt
    if essay is not None:
        written["essay"] = 1
    if essay is not None and (lesson.essay is None or is_drafted(lesson.essay)):
        if lesson.essay is not None and lesson.essay.generated == essay["generated"]:
            pass  # the same prompt: leave it as it stands
        elif "essay" in data:
            data["essay"] = _node(essay)
        else:
            _put(data, "essay", _node(essay), ("vocabulary", "questions", "documents"))
    settings = lesson.context
    if record["lesson prompt"] <= len(settings.prompts if settings else []):
        written["lesson prompt"] = len(drafted.lesson_context)
        _edit_lesson_prompts(data, prepared, drafted.lesson_context)
    _write_record(data, record | written)
    generate = data.get("generate")
    if generate is None and "generate" not in data:
        after = ("context", "essay", "vocabulary", "questions", "documents")
        _put(data, "generate", "drafted", after)
    elif generate is True:
        data["generate"] = "drafted"
    elif hasattr(generate, "keys") and not generate.get("drafted"):
        generate["drafted"] = True


def _write_record(data: Any, record: Counter[str]) -> None:
    """The lesson's `drafted:` list, one place a line, at the end of the file: a diff shows
    what a draft added, and a place the teacher emptied is remembered."""
    from ruamel.yaml.comments import CommentedSeq

    places = [place for place, count in record.items() for _ in range(count) if count > 0]
    if not places or list(data.get("drafted") or []) == places:
        return
    if "drafted" in data:
        data["drafted"] = CommentedSeq(places)
        return
    _put(data, "drafted", CommentedSeq(places), tuple(data.keys()))
    data.yaml_set_comment_before_after_key(
        "drafted", before="Where `dbq draft` has put items: one you delete stays deleted."
    )


def _prompt_seq(items: list[dict]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(_node(i) for i in items)


def _edit_lesson_prompts(data: Any, prepared: PreparedLesson, new: list[dict]) -> None:
    """The lesson's own prompts live under `context: prompts:`; add the mapping if need be."""
    from ruamel.yaml.comments import CommentedMap

    settings = prepared.lesson.context
    raw = data.get("context")
    if raw is not None and raw.get("prompts") is not None:
        _merge_prompts(raw["prompts"], list(settings.prompts if settings else []), new)
    elif new and raw is not None:
        raw.insert(0, "prompts", _prompt_seq(new))
    elif new:
        after = ("essay", "vocabulary", "questions", "documents")
        _put(data, "context", CommentedMap([("prompts", _prompt_seq(new))]), after)


def drafted_text(text: str, prepared: PreparedLesson, drafted: Drafted) -> str:
    """The lesson file's text with the drafted items merged in."""
    yaml = _yaml()
    data = yaml.load(text)
    _edit(data, prepared, drafted)
    _unfold_in_flow(data)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _unfold_in_flow(node: Any, flow: bool = False) -> None:
    """Plain strings where the file is written in flow style (`{...}`, `[...]`): a folded block
    cannot stand there (ruamel would write its folds as the control character \\a)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import FoldedScalarString

    if not isinstance(node, (CommentedMap, CommentedSeq)):
        return
    flow = flow or bool(node.fa.flow_style())
    for key, value in list(node.items() if isinstance(node, CommentedMap) else enumerate(node)):
        if flow and isinstance(value, FoldedScalarString):
            node[key] = str(value)
        else:
            _unfold_in_flow(value, flow)


@dataclass
class DraftResult:
    path: Path
    changed: bool
    counts: dict[str, int]
    problems: list[Problem] = field(default_factory=list)  # the lesson's warnings


def draft_lesson(path: Path, root: Path) -> DraftResult:
    """Compose the lesson with generation on and write the generated items into its file."""
    from dbq.errors import ProblemsError
    from dbq.prepare.lessons import prepare_lesson
    from dbq.route import Workspace, compose_lesson

    workspace = Workspace.load(root)
    prepared, problems = prepare_lesson(path, root, workspace.sources)
    errors = [p for p in problems if p.severity == "error"]
    if prepared is None or errors:
        raise ProblemsError(errors or problems)
    if not any(
        getattr(prepared.lesson.generate, k)
        for k in ("sourcing", "close_reading", "contextualization", "corroboration", "essay")
    ):
        raise DbqError(
            f"{display_path(path, root)}: `generate: false` asks for no generated questions; "
            "remove it (or give counts) to draft them",
            code="L003",
        )
    composed, problems = compose_lesson(without_drafts(prepared), workspace)
    if composed is None:
        raise ProblemsError(problems)
    drafted = drafted_items(composed)
    text = prepared.text  # as read once, through the safe reader
    new_text = drafted_text(text, prepared, drafted)
    counts = {
        "questions": sum(len(v) for v in drafted.documents.values()) + len(drafted.questions),
        "vocabulary": len(drafted.vocabulary),
        "essay": 1 if drafted.essay else 0,
        "prompts": sum(len(v) for v in drafted.context.values()) + len(drafted.lesson_context),
    }
    if new_text == text:
        return DraftResult(path, False, counts, problems)
    write_atomically({path: new_text.encode("utf-8")}, root)
    return DraftResult(path, True, counts, problems)
