"""Glossaries as lookup tables: a term's key (the dictionary forms of its words) -> entry."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from dbq.text.terms import WORD, lemma, term_key
from dbq.workspace.model import GlossaryTerm, VocabEntry

LESSON, WORKSPACE, BUILTIN = "lesson", "workspace glossary", "built-in glossary"


class Dictionary(Protocol):
    """A general-English dictionary (WordNet): the last place a definition can come from."""

    name: str

    def define(
        self,
        words: list[str],
        pos: tuple[str, ...] = (),
        context: str = "",
        name: bool | None = False,
        sure: bool = False,
    ) -> str | None: ...

    def senses(self, words: list[str], pos: tuple[str, ...] = ()) -> int: ...

    def has(self, word: str, pos: str, context: str = "") -> bool: ...

    def phrase(self, words: list[str]) -> bool: ...


@dataclass(frozen=True)
class Entry:
    """A glossary entry as a lookup table holds it."""

    term: str
    definition: str | None
    origin: str
    kind: str = "term"
    exact_case: bool = False  # acronyms (USSR, POW) match only in capitals
    senses: int = 0  # a dictionary's senses of the word: the first may not be the text's
    always: bool = False  # found however common the word (re, info): telegraphese
    undated: str | None = None  # the definition without events after the document


# One word of a spelling: its lower-case form ("" when the text may inflect it), and
# whether the text must capitalize it (the later words of a name).
Shape = tuple[tuple[str, bool], ...]


def shape(spelling: str, name: bool = False) -> Shape:
    """Where a spelling allows inflection: its head word only, and only when written plain.

    "limited war" matches "limited wars" but not "limit war"; "prisoner of war" matches
    "prisoners of war"; an inflected spelling ("nationals") matches only itself, so that the
    adjective "national" is not taken for the noun. The later words of a name must be
    capitalized: "Communist International" is not "Communist international policy"; so must
    the first of a person's or a place's name ("Dill" is not "dill").
    """
    words = WORD.findall(spelling)
    lower = [w.lower().replace("\u2019", "'") for w in words]
    heads = {len(words) - 1}
    if "of" in lower[1:]:
        heads.add(lower.index("of", 1) - 1)
    return tuple(
        ("" if i in heads and lemma(w) == w else w, (i > 0 or name) and words[i][:1].isupper())
        for i, w in enumerate(lower)
    )


def fits(shapes: list[Shape], surfaces: list[str]) -> bool:
    """Do these words of the text, as printed, spell one of a term's spellings?"""
    lower = [w.lower().replace("\u2019", "'") for w in surfaces]
    return any(
        len(s) == len(surfaces)
        and all(
            (not word or word == low) and (not cap or text[:1].isupper())
            for (word, cap), low, text in zip(s, lower, surfaces, strict=True)
        )
        for s in shapes
    )


class TermTable:
    """One glossary: term keys (dictionary forms of its words) -> entries."""

    def __init__(self, origin: str, entries: Iterable[Entry | tuple[str, Entry]]) -> None:
        self.origin = origin
        self.entries: dict[tuple[str, ...], Entry] = {}
        self.shapes: dict[tuple[str, ...], list[Shape]] = {}
        for item in entries:
            spelling, entry = item if isinstance(item, tuple) else (item.term, item)
            key = term_key(spelling)
            if not key:
                continue
            if key not in self.entries:
                exact = spelling.isupper() and len(spelling) > 1
                self.entries[key] = replace(entry, exact_case=exact)
            if self.entries[key].definition == entry.definition:  # not another term's key
                name = entry.kind in ("person", "place")
                self.shapes.setdefault(key, []).append(shape(spelling, name))

    def fits(self, key: tuple[str, ...], surfaces: list[str]) -> bool:
        """Do these words of the text spell this table's term, not a lookalike?"""
        return fits(self.shapes.get(key, []), surfaces)

    @classmethod
    def from_vocabulary(cls, vocabulary: list[VocabEntry]) -> TermTable:
        """The lesson's own entries; a bare term asks dbq to find its definition.

        A term written as a glossary prints one found by another form, "Dept (State
        Department)", is found by that form too ("Dept"), as `dbq draft` writes it.
        """
        items: list[tuple[str, Entry]] = []
        for v in vocabulary:
            entry = Entry(v.term, v.definition, LESSON)
            items.append((v.term, entry))
            shown = _SHOWN_FORM.match(v.term)
            spelling, term = shown.groups() if shown else ("", "")
            if shown and v.term in {_shown(spelling, term, kind) for kind in ("person", "term")}:
                items.append((shown.group(1), entry))
        return cls(LESSON, items)

    @classmethod
    def from_glossary(
        cls, origin: str, terms: list[GlossaryTerm], always: bool = False
    ) -> TermTable:
        """A glossary file's entries, each reachable by its term and its other forms.

        always: find its terms however common the word is elsewhere (telegraphese "re").
        """
        items: list[tuple[str, Entry]] = []
        for t in terms:
            for spelling in [t.term, *t.forms]:
                shown = _shown(spelling, t.term, t.kind)
                entry = Entry(shown, t.definition, origin, t.kind, always=always)
                items.append((spelling, replace(entry, undated=t.undated)))
        return cls(origin, items)

    @property
    def longest(self) -> int:
        return max((len(k) for k in self.entries), default=0)


_SHOWN_FORM = re.compile(r"^(.+?) \((.+)\)$")  # "USSR (Soviet Union)"


def _shown(spelling: str, term: str, kind: str = "person") -> str:
    """How an entry found by another form is printed: "USSR (Soviet Union)", "Mao Zedong";
    a term by a synonym, "interim government (provisional government)", not the headword
    alone, which the reader would not find in the text."""
    if spelling == term:
        return term
    words, headwords = set(term_key(spelling)), set(term_key(term))
    part = words & headwords if kind == "person" else words <= headwords or headwords <= words
    return f"{spelling} ({term})" if spelling.isupper() or not part else term


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
    # What the worksheet prints when the definition tells of events after the document (None:
    # the key only); `later` says the key's wording holds such events.
    student: str | None = None
    later: bool = False
    always: bool = False  # telegraphese: no vocabulary question is asked about it
    count: int = 1  # how many times the excerpt uses it
    pos: tuple[str, ...] = ()  # the parts of speech its first use can be (() when any)
    name: bool = False  # capitalized where no sentence starts: the text uses it as a name

    @property
    def worksheet(self) -> str | None:
        """The definition as the student copy prints it."""
        return self.student if self.later else self.definition
