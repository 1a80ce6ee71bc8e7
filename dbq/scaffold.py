"""`dbq new`: a lesson spec that cites a source and passes `dbq check` as written."""

from __future__ import annotations

import json
from pathlib import Path

from dbq.errors import DbqError
from dbq.prepare.lessons import PLACEHOLDER
from dbq.prepare.sourceline import long_date, with_article
from dbq.workspace.files import check_id, write_atomically
from dbq.workspace.settings import SCHEMA_MODELINE, write_schema
from dbq.workspace.sources import Source, get_source

SOURCING_ASK = (
    "The source line says who wrote this document, to whom, and when. "
    "How might those facts shape what it says?"
)


def _pick_paragraphs(source: Source) -> tuple[int, int]:
    """The first two neighbouring paragraphs of real prose (25 words or more)."""
    long = [i for i, p in enumerate(source.paragraphs, start=1) if len(p.split()) >= 25]
    for number in long:
        if number + 1 in long:
            return number, number + 1
    if long:
        return long[0], long[0]
    return 1, min(2, len(source.paragraphs))


def _q(text: str) -> str:
    """A YAML double-quoted string (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _sourcing_answer(source: Source) -> str:
    """An example answer in sentences, from the source's own facts: who wrote what to whom,
    where and when, and what that lets a reader expect (R105: never a list of words)."""
    meta = source.meta
    who = meta.author or "the author"
    what = f"this {meta.type}" if meta.type else "this document"
    to = meta.recipient or meta.recipient_as
    parts = [f"{who[:1].upper()}{who[1:]} wrote {what}"]
    if to:
        addressed = meta.recipient_as if meta.recipient_as and meta.recipient_as != to else ""
        parts.append(
            f"to {with_article(to)}" + (f" (addressed as “{addressed}”)" if addressed else "")
        )
    if meta.place:
        parts.append(f"from {meta.place}")
    if meta.date:
        parts.append(f"on {long_date(meta.date)}")
    reader = with_article(to) if to else "its reader"
    return (
        " ".join(parts) + f". Written for {reader}, it reports what {who} wanted {reader} to "
        "know and do at that moment, so it shows that purpose more than an outside view."
    )


def _main_point_answer(source: Source, first: int, last: int) -> str:
    """An example answer to "What is the main point …?": the sentence of the excerpt whose form
    states the author's argument (a recommendation, a judgement, a reason …), said in plain
    words with its quote; a `TODO:` when no sentence states one in a form dbq can read."""
    from dbq.generate.gist import gist
    from dbq.generate.speakers import author_offices, sentence_voices
    from dbq.generate.textscan import is_filing, is_reported, split_sentences

    meta = source.meta
    who = meta.author or "the author"
    numbered = [
        (number, sentence)
        for number in range(first, last + 1)
        for sentence in split_sentences(source.paragraphs[number - 1])
    ]
    sentences = [sentence for _, sentence in numbered]
    voices = sentence_voices(
        sentences, who, is_reported, author_offices(who, meta.author_role or "")
    )
    reader = with_article(meta.recipient) if meta.recipient else ""
    found = [
        (g, sentence, number)
        for (number, sentence), voice in zip(numbered, voices, strict=True)
        if voice == who and not is_filing(sentence) and (g := gist(sentence, reader))
    ]
    if not found:
        return PLACEHOLDER + " the answer you expect, for the key"
    said, sentence, number = min(found, key=lambda f: f[0].form == "report")
    where = source.cited_number(number) or number
    if said.form == "report":  # the sentence itself, written out: no need to quote it again
        return f"{who} {said.said} (¶{where})."
    quote = " ".join(sentence.split()).rstrip(".")
    return f"{who} {said.said}, as “{quote}” (¶{where}) shows."


def _document(source: Source) -> str:
    """One `documents:` item citing the source, with a sourcing and a close-reading question."""
    meta = source.meta
    first, last = _pick_paragraphs(source)
    span = str(first) if first == last else f"{first}-{last}"
    who = meta.author or "the author"
    answer = _sourcing_answer(source)
    return f"""\
  - source: {source.id}
    excerpt:
      paragraphs: {_q(span)}     # or: from: "first words"  to: "last words"
      # cut: ["a phrase to leave out"]          printed as [. . .]
      # gloss: {{"a hard phrase": "its meaning"}}  printed in brackets
    questions:
      - skill: sourcing
        ask: {_q(SOURCING_ASK)}
        answer: {_q(answer)}
        points: 2
      - skill: close_reading
        ask: {_q(f"What is the main point {who} makes here? Quote one phrase that shows it.")}
        answer: {_q(_main_point_answer(source, first, last))}
        points: 2
"""


def lesson_text(sources: list[Source]) -> str:
    """The scaffold's YAML, with comments that teach the format; `TODO:` marks what to write."""
    ids = " ".join(s.id for s in sources)
    title = f"Reading {sources[0].meta.title}" if len(sources) == 1 else "Comparing the documents"
    documents = "".join(_document(source) for source in sources)
    authors = {s.meta.author for s in sources}
    if len(sources) == 1:
        question = "What does this document reveal about its author's aims?"
    elif len(authors) == 1:
        question = "What do these documents reveal about their author's aims?"
    else:
        question = "What do these documents reveal about their authors' aims?"
    essay = "the document" if len(sources) == 1 else "the documents"
    return f"""\
{SCHEMA_MODELINE}
# A dbq lesson. Check it with `dbq check`, build it with `dbq build`.
# See the paragraph numbers with `dbq sources show {ids}`.
# Replace every `TODO:` text: `dbq check` fails until none is left.
title: {_q(title)}
course: World History
grades: 9-12
compelling_question: {_q(question)}
background: |
  {PLACEHOLDER} two or three sentences of historical context for students.
  *Markdown* works; raw HTML is printed as text.
documents:
{documents}vocabulary: []     # terms, or {{term: ..., definition: ...}}
essay:
  ask: {_q(f"Using {essay}, answer the compelling question.")}
  rubric: document-essay
"""


def write_lesson(root: Path, lesson_id: str, source_ids: list[str], *, force: bool = False) -> Path:
    """Write lessons/<lesson_id>.yaml citing the sources in order; never overwrite unforced."""
    check_id(lesson_id, "lesson id")
    sources = [get_source(root, source_id) for source_id in source_ids]
    path = root / "lessons" / f"{lesson_id}.yaml"
    if path.exists() and not force:
        message = f"{path} already exists; pick another id or add --force to replace it"
        raise DbqError(message, code="W001")
    write_atomically({path: lesson_text(sources).encode()}, root)
    write_schema(root)  # so the editor line at the top of the lesson points at a file
    return path
