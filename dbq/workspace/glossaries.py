"""Glossaries on disk: the workspace's glossary file, the built-in ones, and WordNet.

What the pure generator in dbq/generate/glossary.py draws on, loaded once per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from dbq.assets import data_file
from dbq.errors import Problem, display_path
from dbq.text.terms import term_key
from dbq.text.typography import typeset
from dbq.text.wordnet import Lexicon, find_dictionary
from dbq.workspace.files import FileError, is_inside, read_text
from dbq.workspace.model import GlossaryFile, GlossaryTerm, Settings
from dbq.workspace.validation import validation_problems
from dbq.workspace.yamlio import Loc, load_yaml

# The historical glossary, in three files: terms of the Korean War and the Cold War, the
# offices, institutions and political words of the period's papers, and its places.
HISTORY = ("glossary.yaml", "glossary-politics.yaml", "glossary-places.yaml")


@lru_cache(maxsize=8)
def builtin_glossary(name: str | None = None) -> tuple[GlossaryTerm, ...]:
    """A glossary shipped in dbq/data: the historical one (HISTORY, all its files when no
    name is given) or glossary-telegraphese.yaml."""
    names = HISTORY if name is None else (name,)
    terms = [t for n in names for t in GlossaryFile.model_validate(data_file(n)).terms]
    return tuple(
        t.model_copy(
            update={
                "definition": typeset(t.definition),
                "undated": typeset(t.undated) if t.undated else t.undated,
            }
        )
        for t in terms
    )


TELEGRAPHESE = "glossary-telegraphese.yaml"


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
        return [], [Problem("dbq.yaml", 1, 1, "glossary_file", message, code="W001")]
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
                code="L004",
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
                        code="L005",
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
