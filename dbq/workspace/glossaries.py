"""Glossaries on disk (the workspace's, the built-in one, WordNet) and the lesson glossary.

The reading side of vocabulary: it loads what the pure generator in
dbq/generate/vocabulary.py needs, runs it for a prepared lesson, and turns what it finds
into `dbq check` lines and warnings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from dbq.errors import Problem, display_path
from dbq.generate.terms import term_key
from dbq.generate.vocabulary import (
    BUILTIN,
    WORKSPACE,
    DocumentInput,
    LessonGlossary,
    TermTable,
    generate_glossary,
)
from dbq.prepare.lessons import PreparedLesson
from dbq.prepare.sourceline import source_line
from dbq.text.typography import typeset
from dbq.text.wordnet import Lexicon, find_dictionary
from dbq.workspace.files import FileError, is_inside, read_text
from dbq.workspace.model import GlossaryFile, GlossaryOptions, GlossaryTerm, Settings
from dbq.workspace.validation import validation_problems
from dbq.workspace.yamlio import Loc, load_yaml


@lru_cache(maxsize=2)
def builtin_glossary(name: str = "glossary.yaml") -> tuple[GlossaryTerm, ...]:
    """A glossary shipped in dbq/data: the historical one, or glossary-telegraphese.yaml."""
    text = resources.files("dbq").joinpath(f"data/{name}").read_text(encoding="utf-8")
    terms = GlossaryFile.model_validate(yaml.safe_load(text)).terms
    return tuple(t.model_copy(update={"definition": typeset(t.definition)}) for t in terms)


TELEGRAPHESE = "glossary-telegraphese.yaml"


def builtin_tables() -> list[TermTable]:
    """The built-in glossaries as lookup tables: history terms, then telegraphese.

    Telegraphese is found however common its letters are elsewhere ("re", "info").
    """
    return [
        TermTable.from_glossary(BUILTIN, list(builtin_glossary())),
        TermTable.from_glossary(BUILTIN, list(builtin_glossary(TELEGRAPHESE)), always=True),
    ]


def load_workspace_glossary(
    root: Path, settings: Settings
) -> tuple[list[GlossaryTerm], list[Problem]]:
    """The workspace glossary (glossary.yaml), or nothing when there is none."""
    path = root / settings.glossary_file
    if not is_inside(path, root):
        message = (
            f"glossary_file {settings.glossary_file!r} is outside the workspace; "
            "name a file inside it, such as glossary.yaml"
        )
        return [], [Problem("dbq.yaml", 1, 1, "glossary_file", message)]
    if not path.exists() and not path.is_symlink():
        return [], []
    shown = display_path(path, root)
    try:
        text = read_text(path, root)
    except FileError as exc:
        return [], exc.problems
    located, problems = load_yaml(text, shown)
    if problems:
        return [], problems
    if located.data is None:
        return [], []
    if not isinstance(located.data, dict):
        return [], [
            Problem(
                shown,
                1,
                1,
                "",
                "a glossary starts with `terms:` followed by a "
                "list of `- term: ...` / `definition: ...` entries",
            )
        ]
    try:
        glossary = GlossaryFile.model_validate(located.data)
    except ValidationError as exc:
        return [], validation_problems(exc, located, GlossaryFile)
    problems = []
    first: dict[tuple[str, ...], int] = {}
    for index, entry in enumerate(glossary.terms):
        for spelling in [entry.term, *entry.forms]:
            key = term_key(spelling)
            if key in first and first[key] != index:
                loc: Loc = ("terms", index, "term")
                line = located.where(("terms", first[key]))[0]
                problems.append(
                    located.problem(
                        loc,
                        f'"{spelling}" is already defined on line {line}; keep one entry',
                        value=True,
                    )
                )
            first.setdefault(key, index)
    return (glossary.terms if not problems else []), problems


@dataclass
class Glossaries:
    """Everything definitions can come from, loaded once per command."""

    workspace: list[GlossaryTerm]
    wordnet: Lexicon | None  # the general dictionary: WordNet, shipped or installed
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def load_glossaries(root: Path, settings: Settings) -> Glossaries:
    """The workspace glossary and the dictionary (a note when WNSEARCHDIR is unusable)."""
    workspace, problems = load_workspace_glossary(root, settings)
    wordnet, notes = find_dictionary()  # cheap: its data loads only when a word needs it
    return Glossaries(workspace, wordnet, problems, notes if settings.glossary.wordnet else [])


def lesson_options(
    prepared: PreparedLesson, settings: Settings, *, pinned: bool = True
) -> GlossaryOptions:
    """dbq.yaml's glossary settings with the lesson's own on top.

    pinned=False: as if the lesson did not pin generation (`generate: drafted`), to find the
    terms that still need a definition.
    """
    own = prepared.lesson.glossary
    options = settings.glossary
    if own is not None:
        options = options.model_copy(update=own.model_dump(exclude_unset=True))
    if pinned and prepared.lesson.generate.drafted:  # pinned: only the lesson's own `vocabulary:`
        options = options.model_copy(update={"generate": False, "questions": False})
    return options


def make_glossary(
    prepared: PreparedLesson, settings: Settings, glossaries: Glossaries, *, pinned: bool = True
) -> LessonGlossary:
    """Run the generator on a prepared lesson."""
    options = lesson_options(prepared, settings, pinned=pinned)
    tables = [
        TermTable.from_vocabulary(prepared.lesson.vocabulary),
        TermTable.from_glossary(WORKSPACE, glossaries.workspace),
        *builtin_tables(),
    ]
    documents = [
        DocumentInput(
            d.label,
            d.excerpt.passages,
            source_line(d.source.meta, d.excerpt.adapted, d.excerpt.whole),
            d.source.meta.date,
        )
        for d in prepared.documents
    ]
    dictionary = glossaries.wordnet if options.wordnet else None
    return generate_glossary(documents, tables, dictionary, options, prepared.lesson.grades)


def yaml_line(term: str) -> str:
    """The glossary line to add for a term; JSON strings are valid YAML, whatever the term."""
    return f'  - {{term: {json.dumps(term, ensure_ascii=False)}, definition: "..."}}'


def glossary_report(
    prepared: PreparedLesson, settings: Settings, glossaries: Glossaries, root: Path
) -> tuple[list[str], list[Problem]]:
    """Reading load lines for `dbq check`, and warnings: undefined terms, heavy excerpts."""
    glossary = make_glossary(prepared, settings, glossaries)
    # A drafted lesson prints only its own entries; the hard words it leaves undefined are
    # still worth a hint.
    unpinned = glossary
    if prepared.lesson.generate.drafted:
        unpinned = make_glossary(prepared, settings, glossaries, pinned=False)
    missing = {d.label: d.missing for d in unpinned.documents}
    shown = display_path(prepared.path, root)
    located, _ = load_yaml(prepared.path.read_text(encoding="utf-8"), shown)
    low, high = glossary.band
    lines, problems = [], []
    adaptations = {d.label: d.adaptation for d in prepared.documents}
    for index, document in enumerate(glossary.documents):
        load = document.reading
        adapted = adaptations.get(document.label)
        easier = (
            f"; adapted: {adapted.adapted_load.words} words, grade {adapted.adapted_load.grade:.1f}"
            if adapted
            else ""
        )
        lines.append(
            f"  Document {document.label}: {load.words} words, "
            f"Flesch-Kincaid grade {load.grade:.1f}, {len(document.entries)} glossed{easier}"
        )
        loc: Loc = ("documents", index, "excerpt")
        if load.grade > high and not (adapted and adapted.adapted_load.grade <= high):
            problems.append(
                located.problem(
                    loc,
                    f"Document {document.label} reads at grade {load.grade:.1f}, above the "
                    f"lesson's grades {low}-{high}; shorten it, cut clauses, or gloss more",
                    severity="warning",
                )
            )
        if load.words > glossary.max_words:
            problems.append(
                located.problem(
                    loc,
                    f"Document {document.label} is {load.words} words, more than "
                    f"{glossary.max_words}; cut it or split it into two documents",
                    severity="warning",
                )
            )
        undefined = [e for e in document.entries if not e.definition]
        for entry in [*missing.get(document.label, []), *undefined]:
            where = f"¶{entry.paragraph}" if entry.paragraph else "the source line"
            problems.append(
                located.problem(
                    loc,
                    f'"{entry.term}" ({where}) needs a definition; add it to '
                    f"{settings.glossary_file} under `terms:` as {yaml_line(entry.term)}",
                    severity="warning",
                )
            )
    for entry in glossary.unplaced:
        if not entry.definition:
            problems.append(
                located.problem(
                    ("vocabulary",),
                    f'"{entry.term}" needs a definition; write one in the lesson, or add it to '
                    f"{settings.glossary_file} under `terms:` as {yaml_line(entry.term)}",
                    severity="warning",
                )
            )
    return lines, problems
