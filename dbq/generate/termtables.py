"""Glossaries as lookup tables: a term's key (the dictionary forms of its words) -> entry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from dbq.generate.terms import term_key
from dbq.model import GlossaryTerm, VocabEntry

LESSON, WORKSPACE, BUILTIN = "lesson", "workspace glossary", "built-in glossary"


class Dictionary(Protocol):
    """A general-English dictionary (WordNet): the last place a definition can come from."""

    name: str

    def define(self, words: list[str], pos: tuple[str, ...] = ()) -> str | None: ...

    def senses(self, words: list[str], pos: tuple[str, ...] = ()) -> int: ...


@dataclass(frozen=True)
class Entry:
    """A glossary entry as a lookup table holds it."""

    term: str
    definition: str | None
    origin: str
    kind: str = "term"
    exact_case: bool = False  # acronyms (USSR, POW) match only in capitals
    senses: int = 0  # a dictionary's senses of the word: the first may not be the text's


class TermTable:
    """One glossary: term keys (dictionary forms of its words) -> entries."""

    def __init__(self, origin: str, entries: Iterable[Entry | tuple[str, Entry]]) -> None:
        self.origin = origin
        self.entries: dict[tuple[str, ...], Entry] = {}
        for item in entries:
            spelling, entry = item if isinstance(item, tuple) else (item.term, item)
            key = term_key(spelling)
            if key and key not in self.entries:
                exact = spelling.isupper() and len(spelling) > 1
                self.entries[key] = replace(entry, exact_case=exact)

    @classmethod
    def from_vocabulary(cls, vocabulary: list[VocabEntry]) -> TermTable:
        """The lesson's own entries; a bare term asks dbq to find its definition."""
        return cls(LESSON, [Entry(v.term, v.definition, LESSON) for v in vocabulary])

    @classmethod
    def from_glossary(cls, origin: str, terms: list[GlossaryTerm]) -> TermTable:
        """A glossary file's entries, each reachable by its term and its other forms."""
        items: list[tuple[str, Entry]] = []
        for t in terms:
            for spelling in [t.term, *t.forms]:
                items.append(
                    (spelling, Entry(_shown(spelling, t.term), t.definition, origin, t.kind))
                )
        return cls(origin, items)

    @property
    def longest(self) -> int:
        return max((len(k) for k in self.entries), default=0)


def _shown(spelling: str, term: str) -> str:
    """How an entry found by another form is printed: "USSR (Soviet Union)", "Mao Zedong"."""
    if spelling == term:
        return term
    shared = set(term_key(spelling)) & set(term_key(term))
    return f"{spelling} ({term})" if spelling.isupper() or not shared else term


@dataclass
class GlossEntry:
    """A term printed in a glossary box: where it first appears and whence its definition."""

    term: str
    definition: str | None
    origin: str
    kind: str
    document: str
    paragraph: int  # 0: found in the source line, not the excerpt
    difficulty: float
    listed: bool  # the lesson's own vocabulary lists it
    key: tuple[str, ...] = field(default=(), repr=False)
    surface: str = field(default="", repr=False)  # as first printed in the document
    senses: int = 0  # from a dictionary: how many senses it has (the first one is printed)
