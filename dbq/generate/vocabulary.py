"""The vocabulary glossary: find the words students will stumble on, define them, mark them.

Pure: glossaries and the optional dictionary come in as objects; nothing here reads files.
Definitions come from the first source that has one, in this order: the lesson's own
`vocabulary`, the workspace glossary, the built-in glossary, then a general dictionary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from dbq.generate.abbreviations import SPELLED_OUT
from dbq.generate.finder import Occurrence, TermFinder
from dbq.generate.later import states_later, student_definition
from dbq.generate.termtables import (
    BUILTIN,
    LESSON,
    WORKSPACE,
    Dictionary,
    Entry,
    GlossEntry,
    TermTable,
)
from dbq.generate.vocab_question import VocabQuestion, vocab_question
from dbq.prepare.excerpts import Passage, Segment
from dbq.prepare.people import HEAD, NOTES, People
from dbq.text.readability import ReadingLoad, grade_band, reading_load
from dbq.text.terms import clipped_name, unvoweled_modal, zipf
from dbq.workspace.model import GlossaryOptions

# Zipf frequency under which a word counts as rare, by the lowest grade of the band.
RARE_BELOW = ((5, 4.0), (8, 3.7), (12, 3.4))
RARE_BELOW_COLLEGE = 3.0
# How much harder (in Zipf points) a glossary's own term counts when choosing what to gloss.
CURATED_BONUS = 1.0
REPEAT_BONUS, MAX_REPEATS = 0.2, 3  # each use after the first, up to three, counts this much


@dataclass
class DocumentInput:
    """What the generator reads of one document."""

    label: str
    passages: list[Passage]
    source_line: str = ""
    date: dt.date | None = None  # what a definition may tell in the student copy
    people: People | None = None  # who its notes and head say the people it names are
    # Its own lookup tables, when they differ from the lesson's: the who's who at its date
    tables: list[TermTable] | None = None


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
    finder = TermFinder(tables, rare_threshold(grades, options), options.generate, dictionary)
    seen: set[tuple[str, ...]] = set()  # glossed in an earlier document: not again
    found = [
        _found(d, finder.with_tables(d.tables) if d.tables else finder, dictionary, options, seen)
        for d in documents
    ]
    earliest = min((d.date for d in documents if d.date), default=None)
    unplaced = [_dated(e, None, earliest) for e in _unplaced(tables, seen, dictionary)]
    # Every definition the lesson prints, in a document's box or the lesson's: no choice of a
    # vocabulary question may be one of them.
    printed = [e.definition for _, entries, _ in found for e in entries if e.definition]
    printed += [e.definition for e in unplaced if e.definition]
    out = [
        _document(d, occurrences, entries, missing, tables, options, printed)
        for d, (occurrences, entries, missing) in zip(documents, found, strict=True)
    ]
    return LessonGlossary(
        options.placement,
        out,
        unplaced,
        grade_band(grades),
        rare_threshold(grades, options),
        options.max_words,
    )


def _found(
    document: DocumentInput,
    finder: TermFinder,
    dictionary: Dictionary | None,
    options: GlossaryOptions,
    seen: set[tuple[str, ...]],
) -> tuple[list[Occurrence], list[GlossEntry], list[GlossEntry]]:
    """One document's terms found, its entries and those left undefined; updates seen."""
    found = finder.for_document(document.people).find(document.passages, document.source_line)
    occurrences = [o for o in found if o.key not in seen]
    entries, missing = _choose(
        occurrences, finder.for_document(document.people), dictionary, document, options
    )
    seen.update(e.key for e in entries)
    return occurrences, entries, missing


def _document(
    document: DocumentInput,
    occurrences: list[Occurrence],
    entries: list[GlossEntry],
    missing: list[GlossEntry],
    tables: list[TermTable],
    options: GlossaryOptions,
    printed: list[str],
) -> DocumentGlossary:
    """One document's entries, question, marked passages and reading load."""
    question = None
    if options.questions:
        question = vocab_question(entries, tables, document.date, printed)
    if question:
        entries = [e for e in entries if e is not question.entry]
    # A word whose entry only the key prints is not bold: the worksheet would not explain it.
    keys = {e.key for e in entries if e.worksheet or not e.definition}
    marked = _mark(document.passages, [o for o in occurrences if o.key in keys])
    load = reading_load([p.text for p in document.passages])
    return DocumentGlossary(document.label, entries, marked, load, missing, question)


def rank_score(difficulty: float, origin: str, count: int = 1) -> float:
    """Hardest first (lowest Zipf frequency), a glossary's term counting as harder.

    A term a glossary lists is one the history needs ("socialism"); a word found only in a
    general dictionary ("beset") yields its place unless it is a good deal rarer. A term the
    excerpt uses again and again ("GOI" five times in one telegram) counts as harder too.
    """
    curated = CURATED_BONUS if origin in (LESSON, WORKSPACE, BUILTIN, NOTES, HEAD) else 0.0
    return difficulty - curated - REPEAT_BONUS * min(count - 1, MAX_REPEATS)


def _choose(
    occurrences: list[Occurrence],
    finder: TermFinder,
    dictionary: Dictionary | None,
    document: DocumentInput,
    options: GlossaryOptions,
) -> tuple[list[GlossEntry], list[GlossEntry]]:
    """The lesson's listed terms, then the hardest defined ones up to max_terms, in text order."""
    ranked: list[tuple[bool, bool, float, int, Occurrence, Entry]] = []
    for occurrence in occurrences:
        entry = finder.entry(occurrence, dictionary, _context(document, occurrence))
        if dictionary is not None and entry.origin == dictionary.name and occurrence.name:
            surface = occurrence.surface
            if _clipped(surface, document.passages) or clipped_name(surface):
                entry = replace(entry, definition=None)  # "Tib" is Tibet, not a tebibyte
            elif _names_an_event(document, occurrence):
                entry = replace(entry, definition=None)  # "since Lusaka": the meeting there
        if entry.definition is None and (full := unvoweled_modal(occurrence.surface)):
            entry = Entry(occurrence.surface, _UNVOWELED.format(full), CLIPPED, always=True)
        listed = finder.listed(occurrence.key)
        # The teacher's terms first, then the excerpt's hardest, then the source line's.
        ranked.append(
            (
                not listed,
                occurrence.passage < 0,
                rank_score(zipf(occurrence.surface), entry.origin, occurrence.count),
                occurrence.order,
                occurrence,
                entry,
            )
        )
    ranked.sort(key=lambda r: r[:4])
    chosen: list[tuple[int, GlossEntry]] = []
    missing: list[GlossEntry] = []
    # The trade's abbreviations and the people named are the key to reading a cable at all
    # ("Deptel", "UKHC", "Dutt"): they have places of their own (twice max_terms: a telegram
    # can use a dozen), so that they crowd out no hard word.
    counts = {True: 0, False: 0}
    places = places_for(document.passages, options)
    # Two spellings of one entry ("Panikkar's" and "Pannikkar"; "Chargé" and "Chargé
    # d'Affaires") are one entry: the first in the text.
    first: dict[tuple[str, str, str], int] = {}
    spelled = _spelled_out_by([r[5] for r in ranked])
    for _, _, _, order, _, entry in sorted(ranked, key=lambda r: r[3]):
        first.setdefault(spelled(entry), order)
    for not_listed, _, _, order, occurrence, entry in ranked:
        if entry.definition and not_listed and first[spelled(entry)] != order:
            continue
        abbreviation = is_abbreviation(entry)
        room = places * (REFERENCE_PLACES if abbreviation else 1)
        if counts[abbreviation] >= room and not_listed:
            continue
        difficulty = zipf(occurrence.surface)
        gloss = _gloss(occurrence, entry, document, difficulty, listed=not not_listed)
        if entry.definition or not not_listed:
            chosen.append((order, gloss))
            counts[abbreviation] += 1
        else:
            missing.append(gloss)
    chosen.sort(key=lambda pair: pair[0])
    return [g for _, g in chosen], missing


def _same(entry: Entry) -> tuple[str, str, str]:
    """What makes two found words one glossary entry: one headword and definition, or one
    person or one glossary entry however the text spells it ("Karasahr [Yanqi]")."""
    term = (
        "" if entry.kind == "person" or entry.origin in (LESSON, WORKSPACE, BUILTIN) else entry.term
    )
    return (entry.origin, term, entry.definition or "")


def _spelled_out_by(entries: list[Entry]) -> Callable[[Entry], tuple[str, str, str]]:
    """_same, with an abbreviation one entry with the full name its definition opens with,
    when the document uses both ("UN: The United Nations, ..." and "United Nations")."""
    full = {e.term.casefold(): _same(e) for e in entries if e.definition and len(e.term) > 6}

    def same(entry: Entry) -> tuple[str, str, str]:
        if entry.definition and entry.kind != "person" and is_abbreviation(entry):
            opening = re.sub(r"^(?:the|a|an) ", "", entry.definition.casefold())
            for name, key in full.items():
                rest = opening[len(name) :] if opening.startswith(name) else "x"
                if not rest or rest[0] in ",.;:" or rest.startswith(" ("):
                    return key  # the whole name: "Department telegram" is no "Department"
        return _same(entry)

    return same


CLIPPED = "a telegram's spelling"
REFERENCE_PLACES = 2  # abbreviations and people: this many times max_terms places
_UNVOWELED = "{} (spelled without its vowels, to save words in a telegram)."


def places_for(passages: list[Passage], options: GlossaryOptions) -> int:
    """max_terms for an excerpt of up to max_words words; a longer one (which `dbq check`
    warns about, G002) gets max_terms more for each max_words begun, so that a long letter
    is not glossed as thinly as a short telegram."""
    words = sum(len(p.text.split()) for p in passages)
    return options.max_terms * max(1, -(-words // options.max_words))


def _clipped(surface: str, passages: list[Passage]) -> bool:
    """Is a capitalized word the clipped form of a longer name the excerpt spells in full?

    "Tib auths" in a telegram that names Tibet: the dictionary's "Tib" is something else.
    """
    if not (3 <= len(surface) <= 5 and surface[:1].isupper() and not surface.isupper()):
        return False
    longer = {
        w
        for p in passages
        for w in re.findall(rf"\b{re.escape(surface)}[a-z]+", p.text)
        if w not in (surface + "s", surface + "es")
    }
    return any(len(w) >= len(surface) + 2 for w in longer)


# "Since Lusaka", "after Yalta": a place named after these words stands for the meeting held
# there, which a dictionary's sense of the place does not explain.
_EVENT_CUES = re.compile(r"\b(?:since|after|before|until)\s+$", re.IGNORECASE)


def _names_an_event(document: DocumentInput, occurrence: Occurrence) -> bool:
    if occurrence.passage < 0:
        return False
    segment = document.passages[occurrence.passage].segments[occurrence.segment]
    return bool(_EVENT_CUES.search(segment.text[: occurrence.start]))


def is_abbreviation(entry: Entry) -> bool:
    """What a reader of cables must look up, not a hard word: telegraphese, initials the
    document spells out itself ("UNCOK"), and the people it names."""
    return entry.always or entry.origin == SPELLED_OUT or entry.kind == "person"


def _context(document: DocumentInput, occurrence: Occurrence) -> str:
    """The sentence a term stands in (the source line for the source line's terms).

    Not the whole paragraph: "understanding" five lines above "apprehensive of results"
    would choose the sense "quick to understand".
    """
    if occurrence.passage < 0:
        return document.source_line
    text = document.passages[occurrence.passage].text
    word = re.compile(rf"\b{re.escape(occurrence.surface)}\b")
    return next((s for s in _SENTENCE_END.split(text) if word.search(s)), text)


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


def _dated(gloss: GlossEntry, undated: str | None, date: dt.date | None) -> GlossEntry:
    """The entry with what the student copy may print of it, for a document of this date.

    The teacher's own definitions are printed as written.
    """
    if gloss.origin == LESSON or not gloss.definition or not states_later(gloss.definition, date):
        return gloss
    student = student_definition(gloss.definition, undated, date, gloss.kind == "person")
    return replace(gloss, later=True, student=student)


def _gloss(
    occurrence: Occurrence, entry: Entry, document: DocumentInput, difficulty: float, listed: bool
) -> GlossEntry:
    paragraph = document.passages[occurrence.passage].cited if occurrence.passage >= 0 else 0
    gloss = GlossEntry(
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
        always=entry.always,
        count=occurrence.count,
        pos=occurrence.pos,
        name=occurrence.name,
    )
    return _dated(gloss, entry.undated, document.date)


def _unplaced(
    tables: list[TermTable], seen: set[tuple[str, ...]], dictionary: Dictionary | None
) -> list[GlossEntry]:
    """Terms the lesson lists that no excerpt uses: printed in the lesson's glossary."""
    if not tables or tables[0].origin != LESSON:
        return []
    out = []
    keys: dict[str, list[tuple[str, ...]]] = {}  # a term may be found by two spellings
    for key, entry in tables[0].entries.items():
        keys.setdefault(entry.term, []).append(key)
    for key, entry in tables[0].entries.items():
        if keys[entry.term][0] != key or any(k in seen for k in keys[entry.term]):
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
        out.append(
            Passage(passage.number, segments, passage.indented, passage.label, passage.section)
        )
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


__all__ = [
    "BUILTIN",
    "LESSON",
    "WORKSPACE",
    "DocumentInput",
    "Entry",
    "GlossEntry",
    "LessonGlossary",
    "TermTable",
    "generate_glossary",
]
