"""The vocabulary glossary: find the words students will stumble on, define them, mark them.

Pure: glossaries and the optional dictionary come in as objects; nothing here reads files.
Definitions come from the first source that has one, in this order: the lesson's own
`vocabulary`, the workspace glossary, the built-in glossary, then a general dictionary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from dbq.excerpts import Passage, Segment
from dbq.generate.readability import ReadingLoad, grade_band, reading_load
from dbq.generate.terms import Token, base_frequency, lemma, term_key, text_tokens, tokens, zipf
from dbq.model import GlossaryOptions, GlossaryTerm, VocabEntry

LESSON, WORKSPACE, BUILTIN = "lesson", "workspace glossary", "built-in glossary"
NAME_KINDS = ("person", "place", "organization", "code name", "name")
# Zipf frequency under which a word counts as rare, by the lowest grade of the band.
RARE_BELOW = ((5, 4.0), (8, 3.7), (12, 3.4))
RARE_BELOW_COLLEGE = 3.0
# A word this frequent is everyday English: never glossed unless the teacher lists it.
EVERYDAY = 5.0


class Dictionary(Protocol):
    """A general-English dictionary (WordNet): the last place a definition can come from."""

    name: str

    def define(self, words: list[str]) -> str | None: ...

    def senses(self, words: list[str]) -> int: ...


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


@dataclass
class Occurrence:
    """A candidate term's first appearance in one document."""

    key: tuple[str, ...]
    surface: str
    passage: int  # index in the document's passages; -1 for the source line
    segment: int
    start: int
    end: int
    order: int
    glossed: bool = False  # an editor's gloss follows it in the excerpt


@dataclass
class DocumentInput:
    """What the generator reads of one document."""

    label: str
    passages: list[Passage]
    source_line: str = ""


@dataclass
class DocumentGlossary:
    """One document's glossary, its excerpt with first occurrences marked, its reading load."""

    label: str
    entries: list[GlossEntry]
    passages: list[Passage]
    reading: ReadingLoad
    missing: list[GlossEntry] = field(default_factory=list)
    question: VocabQuestion | None = None


@dataclass
class VocabQuestion:
    """'As used in ¶10, "contiguous" most nearly means...': the choices and the right one."""

    ask: str
    choices: list[str]
    correct: int
    entry: GlossEntry


@dataclass
class LessonGlossary:
    """The glossary of a whole lesson, by document."""

    placement: str
    documents: list[DocumentGlossary]
    unplaced: list[GlossEntry]  # listed by the lesson but found in no document
    band: tuple[int, int]
    rare_below: float
    max_words: int

    def document(self, label: str) -> DocumentGlossary | None:
        """The glossary of the document with this label."""
        return next((d for d in self.documents if d.label == label), None)

    @property
    def entries(self) -> list[GlossEntry]:
        """Every printed entry, in order of first appearance through the packet."""
        return [e for d in self.documents for e in d.entries] + self.unplaced


def rare_threshold(grades: str | None, options: GlossaryOptions) -> float:
    """The Zipf frequency under which a word is glossed, from the setting or the grade band."""
    if options.rare_below is not None:
        return options.rare_below
    low, _ = grade_band(grades)
    return next((limit for top, limit in RARE_BELOW if low <= top), RARE_BELOW_COLLEGE)


def generate_glossary(
    documents: list[DocumentInput],
    tables: list[TermTable],
    dictionary: Dictionary | None,
    options: GlossaryOptions,
    grades: str | None = None,
) -> LessonGlossary:
    """The glossary of a lesson; tables in precedence order, the lesson's own first."""
    finder = _Finder(tables, rare_threshold(grades, options), options.generate)
    seen: set[tuple[str, ...]] = set()
    out: list[DocumentGlossary] = []
    for document in documents:
        occurrences = [o for o in finder.find(document) if o.key not in seen]
        entries, missing = _choose(occurrences, finder, dictionary, document, options)
        seen.update(e.key for e in entries)
        question = None
        if options.questions:
            question = _question(entries, occurrences, document, tables, dictionary)
            if question:
                entries = [e for e in entries if e is not question.entry]
        keys = {e.key for e in entries}
        marked = _mark(document.passages, [o for o in occurrences if o.key in keys])
        texts = [p.text for p in document.passages]
        out.append(
            DocumentGlossary(
                document.label, entries, marked, reading_load(texts), missing, question
            )
        )
    unplaced = _unplaced(tables, seen, dictionary)
    band = grade_band(grades)
    return LessonGlossary(
        options.placement, out, unplaced, band, rare_threshold(grades, options), options.max_words
    )


class _Finder:
    """Finds candidate terms in a document's words, longest glossary phrase first."""

    def __init__(self, tables: list[TermTable], rare_below: float, generate: bool) -> None:
        self.tables = tables
        # Without generation only the lesson's own terms are looked for (but defined from all).
        self.search = tables if generate else tables[:1]
        self.rare_below = rare_below
        self.generate = generate
        self.longest = max((t.longest for t in self.search), default=1)

    def lookup(
        self, key: tuple[str, ...], surface: str, tables: list[TermTable] | None = None
    ) -> list[Entry]:
        """Every table's entry for key, in precedence order."""
        found = []
        for table in self.tables if tables is None else tables:
            entry = table.entries.get(key)
            if entry and (not entry.exact_case or surface.isupper()):
                found.append(entry)
        return found

    def find(self, document: DocumentInput) -> list[Occurrence]:
        """First occurrences of candidate terms: excerpt first, then the source line."""
        found: dict[tuple[str, ...], Occurrence] = {}
        glossed: set[tuple[str, ...]] = set()
        streams = [(i, p.segments, tokens(p)) for i, p in enumerate(document.passages)]
        if document.source_line:
            streams.append((-1, [], text_tokens(document.source_line)))
        for passage, segments, words in streams:
            for occurrence in self._scan(passage, segments, words):
                if passage < 0 and not self._about_people(occurrence):
                    continue
                found.setdefault(occurrence.key, replace(occurrence, order=len(found)))
                if occurrence.glossed:
                    glossed.add(occurrence.key)
        # A word the editor glossed in the excerpt is explained already: no box entry for it.
        return [o for o in found.values() if o.key not in glossed]

    def _about_people(self, occurrence: Occurrence) -> bool:
        """From the source line only who wrote and received it (and how they are called)."""
        entries = self.lookup(occurrence.key, occurrence.surface)
        return bool(entries) and entries[0].kind in ("person", "code name", "term")

    def _scan(self, passage: int, segments: list[Segment], words: list[Token]):
        """Candidates in one stream of words; the source line only yields glossary terms."""
        detect = self.generate and passage >= 0
        i = 0
        while i < len(words):
            length = self._phrase_at(words, i)
            if length:
                yield self._occurrence(passage, segments, words[i : i + length])
                i += length
                continue
            run = self._name_run(words, i) if detect else 0
            if run and zipf(" ".join(w.surface for w in words[i : i + run])) < self.rare_below:
                yield self._occurrence(passage, segments, words[i : i + run])
            elif detect and not run and self._rare(words[i]):
                yield self._occurrence(passage, segments, words[i : i + 1])
            i += max(run, 1)

    def _phrase_at(self, words: list[Token], i: int) -> int:
        for length in range(min(self.longest, len(words) - i), 0, -1):
            span = words[i : i + length]
            if any(not w.joined for w in span[1:]):
                continue
            key = tuple(w.key for w in span)
            surface = " ".join(w.surface for w in span)
            if self.lookup(key, surface, self.search) and (
                length > 1 or zipf(surface) < EVERYDAY or self._listed(key)
            ):
                return length
        return 0

    def _listed(self, key: tuple[str, ...]) -> bool:
        return (
            bool(self.tables) and self.tables[0].origin == LESSON and key in self.tables[0].entries
        )

    def _name_run(self, words: list[Token], i: int) -> int:
        """Length of a run of capitalized words (a name) starting at i, or 0."""
        if not words[i].capitalized or words[i].sentence_start:
            return 0
        end = i + 1
        while (
            end < len(words)
            and words[end].capitalized
            and words[end].joined
            and not self._phrase_at(words, end)
        ):
            end += 1
        return end - i

    def _rare(self, word: Token) -> bool:
        if len(word.key) < 3 or not any(c.isalpha() for c in word.surface):
            return False
        common = max(zipf(word.surface), zipf(word.key), base_frequency(word.key))
        # Unknown lower-case words are mostly transcription errors ("possiblity"), not terms.
        return 0 < common < self.rare_below

    def _occurrence(self, passage: int, segments: list[Segment], span: list[Token]) -> Occurrence:
        key = tuple(w.key for w in span)
        surface = " ".join(w.surface for w in span)
        return Occurrence(
            key,
            surface,
            passage,
            span[0].segment,
            span[0].start,
            span[-1].end,
            0,
            _glossed(segments, span[-1]),
        )

    def entry(self, occurrence: Occurrence, dictionary: Dictionary | None) -> Entry:
        """The definition of a term: the first table that has one, then the dictionary."""
        entries = self.lookup(occurrence.key, occurrence.surface)
        for found in entries:
            if found.definition:
                return found
        shown = entries[0].term if entries else _headword(occurrence)
        kind = entries[0].kind if entries else ("name" if _is_name(occurrence) else "term")
        if dictionary is not None:
            forms = [shown, occurrence.surface, " ".join(occurrence.key)]
            forms = list(dict.fromkeys(forms))
            if definition := dictionary.define(forms):
                senses = dictionary.senses(forms)
                return Entry(shown, definition, dictionary.name, kind, senses=senses)
        return Entry(shown, None, "", kind)


def _glossed(segments: list[Segment], word: Token) -> bool:
    """The editor already glossed this word: a gloss follows it directly."""
    following = segments[word.segment + 1] if word.segment + 1 < len(segments) else None
    text = segments[word.segment].text if segments else ""
    return bool(following and following.kind == "gloss" and not text[word.end :].strip())


def _is_name(occurrence: Occurrence) -> bool:
    return occurrence.surface[:1].isupper() and not occurrence.surface.isupper()


def _headword(occurrence: Occurrence) -> str:
    """How a found word is printed: its dictionary form; names and acronyms as written."""
    if _is_name(occurrence) or len(occurrence.key) > 1 or occurrence.surface.isupper():
        return occurrence.surface
    return occurrence.key[0]


def _choose(
    occurrences: list[Occurrence],
    finder: _Finder,
    dictionary: Dictionary | None,
    document: DocumentInput,
    options: GlossaryOptions,
) -> tuple[list[GlossEntry], list[GlossEntry]]:
    """The lesson's listed terms, then the hardest defined ones up to max_terms, in text order."""
    ranked: list[tuple[bool, bool, float, int, Occurrence, Entry]] = []
    for occurrence in occurrences:
        entry = finder.entry(occurrence, dictionary)
        listed = finder._listed(occurrence.key)
        # The teacher's terms first, then the excerpt's hardest, then the source line's.
        ranked.append(
            (
                not listed,
                occurrence.passage < 0,
                zipf(occurrence.surface),
                occurrence.order,
                occurrence,
                entry,
            )
        )
    ranked.sort(key=lambda r: r[:4])
    chosen: list[tuple[int, GlossEntry]] = []
    missing: list[GlossEntry] = []
    for not_listed, _, difficulty, order, occurrence, entry in ranked:
        full = len(chosen) >= options.max_terms
        if full and not_listed:
            break
        gloss = _gloss(occurrence, entry, document, difficulty, listed=not not_listed)
        if entry.definition or not not_listed:
            chosen.append((order, gloss))
        else:
            missing.append(gloss)
    chosen.sort(key=lambda pair: pair[0])
    return [g for _, g in chosen], missing


def _gloss(
    occurrence: Occurrence, entry: Entry, document: DocumentInput, difficulty: float, listed: bool
) -> GlossEntry:
    paragraph = document.passages[occurrence.passage].number if occurrence.passage >= 0 else 0
    return GlossEntry(
        entry.term,
        entry.definition,
        entry.origin,
        entry.kind,
        document.label,
        paragraph,
        round(difficulty, 2),
        listed,
        occurrence.key,
        occurrence.surface,
        entry.senses,
    )


def _unplaced(
    tables: list[TermTable], seen: set[tuple[str, ...]], dictionary: Dictionary | None
) -> list[GlossEntry]:
    """Terms the lesson lists that no excerpt uses: printed in the lesson's glossary."""
    if not tables or tables[0].origin != LESSON:
        return []
    out = []
    for key, entry in tables[0].entries.items():
        if key in seen:
            continue
        definition, origin = entry.definition, LESSON
        if not definition:
            for table in tables[1:]:
                if (other := table.entries.get(key)) and other.definition:
                    definition, origin = other.definition, other.origin
                    break
        if not definition and dictionary is not None:
            definition = dictionary.define([entry.term, " ".join(key)])
            origin = dictionary.name if definition else ""
        out.append(
            GlossEntry(
                entry.term,
                definition,
                origin if definition else "",
                entry.kind,
                "",
                0,
                round(zipf(entry.term), 2),
                True,
                key,
                entry.term,
            )
        )
    return out


def _mark(passages: list[Passage], occurrences: list[Occurrence]) -> list[Passage]:
    """Copies of the passages with each term's first occurrence as a `term` segment."""
    by_passage: dict[int, list[Occurrence]] = {}
    for occurrence in occurrences:
        if occurrence.passage >= 0:
            by_passage.setdefault(occurrence.passage, []).append(occurrence)
    out = []
    for index, passage in enumerate(passages):
        marks = sorted(by_passage.get(index, []), key=lambda o: (o.segment, o.start))
        if not marks:
            out.append(passage)
            continue
        segments: list[Segment] = []
        for s_index, segment in enumerate(passage.segments):
            spans = [(o.start, o.end) for o in marks if o.segment == s_index]
            segments += _split(segment, spans) if spans else [segment]
        out.append(Passage(passage.number, segments, passage.indented))
    return out


def _split(segment: Segment, spans: list[tuple[int, int]]) -> list[Segment]:
    pieces, position = [], 0
    for start, end in spans:
        if start < position:
            continue  # overlapping marks cannot happen, but never print a word twice
        if start > position:
            pieces.append(Segment("text", segment.text[position:start]))
        pieces.append(Segment("term", segment.text[start:end]))
        position = end
    if position < len(segment.text):
        pieces.append(Segment("text", segment.text[position:]))
    return pieces


def _question(
    entries: list[GlossEntry],
    occurrences: list[Occurrence],
    document: DocumentInput,
    tables: list[TermTable],
    dictionary: Dictionary | None,
) -> VocabQuestion | None:
    """A vocabulary-in-context question on the hardest found (not listed) word of the excerpt.

    The word leaves the glossary box, or the box would give the answer away.
    """
    # Single words only: key phrases stay in the box, where students need them.
    pool = [
        e
        for e in entries
        if not e.listed
        and e.definition
        and e.senses <= 1  # curated, or a word with one sense only
        and _common_noun(e)
        and e.paragraph > 0
        and " " not in e.term
    ]
    # Curated definitions before a dictionary's first sense, which may not be the text's.
    pool.sort(key=lambda e: (e.origin not in (WORKSPACE, BUILTIN), e.difficulty, e.term))
    if not pool:
        return None
    target = pool[0]
    distractors = _distractors(target, entries, tables)
    if len(distractors) < 2:
        return None
    choices = [target.definition or "", *distractors[:3]]
    # Deterministic shuffle: the right answer's place depends only on the term.
    correct = sum(map(ord, target.term)) % len(choices)
    choices[0], choices[correct] = choices[correct], choices[0]
    ask = f'As used in \u00b6{target.paragraph}, "{target.surface}" most nearly means'
    return VocabQuestion(ask, choices, correct, target)


def _distractors(
    target: GlossEntry, entries: list[GlossEntry], tables: list[TermTable]
) -> list[str]:
    """Other glossary definitions: the lesson's first, then the glossaries', in a fixed order."""
    own = [
        e.definition
        for e in sorted(entries, key=lambda e: " " in e.term)
        if e is not target and _common_noun(e) and e.definition
    ]
    others = sorted(
        {
            e.definition
            for t in tables
            for e in t.entries.values()
            if _common_noun(e) and e.definition and e.term != target.term
        },
        key=lambda d: (_stable(target.term + d), d),
    )
    out: list[str] = []
    for definition in own + others:
        if definition not in out and definition != target.definition and len(definition) < 160:
            out.append(definition)
    return out[:3]


def _common_noun(entry: Entry | GlossEntry) -> bool:
    """A word or phrase, not a name: only these make "most nearly means" questions."""
    return entry.kind == "term" and not entry.term[:1].isupper()


def _stable(text: str) -> int:
    """A fixed pseudo-random order (no hash randomization): FNV-1a."""
    value = 2166136261
    for char in text.encode("utf-8"):
        value = ((value ^ char) * 16777619) & 0xFFFFFFFF
    return value


__all__ = ["generate_glossary", "TermTable", "Entry", "DocumentInput", "LessonGlossary", "lemma"]
