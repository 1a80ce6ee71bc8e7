"""Finding candidate terms in a document: glossary phrases, rare words and names."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from dbq.generate.terms import Token, text_tokens, tokens
from dbq.generate.termtables import LESSON, WORKSPACE, Dictionary, Entry, TermTable
from dbq.generate.textscan import MONTHS
from dbq.prepare.excerpts import Passage, Segment
from dbq.prepare.people import AMBIGUOUS, People, Person
from dbq.text.terms import base_frequency, parts_of_speech, unvoweled_modal, zipf

# A word this frequent is everyday English: never glossed unless the teacher lists it.
EVERYDAY = 5.0
# A sentence's first word this common (The, In, If) is no part of the name after it.
OPENING_WORD = 5.0
# Longest dictionary phrase looked for (status quo, persona non grata).
DICTIONARY_PHRASE = 4
# Capitalized, but not names: a run of names stops at them (Kalimpong June 7).
NOT_NAMES = frozenset(
    [
        *(month.lower() for month in MONTHS),
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "yesterday",
        "today",
        "tomorrow",
    ]
)


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
    name: bool = False  # capitalized where a sentence does not start: a name
    pos: tuple[str, ...] = ()  # parts of speech it can be here (a dictionary hint)
    count: int = 1  # how many times the excerpt uses it
    # A name the document says who it is (its notes, its head), or AMBIGUOUS: two it could be.
    who: Person | str | None = None


class TermFinder:
    """Finds candidate terms in a document's words, longest glossary phrase first."""

    def __init__(
        self,
        tables: list[TermTable],
        rare_below: float,
        generate: bool,
        dictionary: Dictionary | None = None,
    ) -> None:
        self.tables = tables
        self.dictionary = dictionary
        # Without generation only the lesson's own terms are looked for (but defined from all).
        self.search = tables if generate else tables[:1]
        self.rare_below = rare_below
        self.generate = generate
        self.longest = max((t.longest for t in self.search), default=1)
        self.people: People | None = None  # who the document's names are: for_document()

    def with_tables(self, tables: list[TermTable]) -> TermFinder:
        """This finder over other tables (one document's, with the people of its date)."""
        return TermFinder(tables, self.rare_below, self.generate, self.dictionary)

    def for_document(self, people: People | None) -> TermFinder:
        """This finder for one document, with the people its notes and head name."""
        finder = copy.copy(self)
        finder.people = people
        return finder

    def lookup(
        self, key: tuple[str, ...], surface: str, tables: list[TermTable] | None = None
    ) -> list[Entry]:
        """Every table's entry for key that the words as printed spell, in precedence order."""
        found = []
        words = surface.split(" ")
        for table in self.tables if tables is None else tables:
            entry = table.entries.get(key)
            if entry and (not entry.exact_case or surface.isupper()) and table.fits(key, words):
                found.append(entry)
        return found

    def find(self, passages: list[Passage], source_line: str = "") -> list[Occurrence]:
        """First occurrences of candidate terms: excerpt first, then the source line."""
        found: dict[tuple[str, ...], Occurrence] = {}
        glossed: set[tuple[str, ...]] = set()
        streams = [(i, p.segments, tokens(p)) for i, p in enumerate(passages)]
        if source_line:
            streams.append((-1, [], text_tokens(source_line)))
        for passage, segments, words in streams:
            for occurrence in self._scan(passage, segments, words):
                known = isinstance(occurrence.who, Person) and occurrence.who.definition
                if passage < 0 and not (known or self._about_people(occurrence)):
                    continue
                key = occurrence.key
                if isinstance(occurrence.who, Person):
                    # every form of one person's name (Gerald Meade, Meade) is one entry
                    key = people_key(occurrence.who)
                    same = next(
                        (
                            o
                            for o in found.values()
                            if o.who is not None
                            and isinstance(o.who, Person)
                            and people_key(o.who) == key
                        ),
                        None,
                    )
                    if same is not None:
                        if passage >= 0:
                            found[same.key] = replace(same, count=same.count + 1)
                        continue
                first = found.get(occurrence.key)
                if first is None:
                    found[occurrence.key] = replace(occurrence, order=len(found))
                elif passage >= 0:
                    found[occurrence.key] = replace(first, count=first.count + 1)
                if occurrence.glossed:
                    glossed.add(occurrence.key)
        # A word the editor glossed in the excerpt is explained already: no box entry for it.
        return [o for o in found.values() if o.key not in glossed]

    def _who(self, segments: list[Segment], span: list[Token]) -> Person | str | None:
        """Who the document says a name is: a person, AMBIGUOUS, or None (it does not say)."""
        if self.people is None or not self.people.records:
            return None
        before = segments[span[0].segment].text[: span[0].start] if segments else ""
        return self.people.identify([w.surface for w in span], before[-40:])

    def _author(self, who: Person | str | None) -> bool:
        """The document's author, whose office the document states: its source line says who."""
        return (
            isinstance(who, Person)
            and self.people is not None
            and who.definition is not None
            and self.people.is_author(who)
        )

    def _about_people(self, occurrence: Occurrence) -> bool:
        """From the source line only who wrote and received it (and how they are called)."""
        entries = self.lookup(occurrence.key, occurrence.surface)
        return bool(entries) and entries[0].kind in ("person", "code name", "term")

    def _scan(
        self, passage: int, segments: list[Segment], words: list[Token]
    ) -> Iterator[Occurrence]:
        """Candidates in one stream of words; the source line only yields glossary terms."""
        detect = self.generate and passage >= 0
        i = 0
        while i < len(words):
            length = self._phrase_at(words, i) or (
                self._dictionary_phrase(words, i) if detect else 0
            )
            if length:
                span = words[i : i + length]
                who = self._who(segments, span) if all(w.capitalized for w in span) else None
                i += length
                if self._author(who):
                    continue
                yield replace(self._occurrence(passage, segments, span), who=who)
                continue
            # In the source line, only a name the document's notes or head say who it is
            # (the recipient "Sturdee", whom a note names as Chief of the General Staff).
            names_here = detect or (self.generate and passage < 0)
            run = self._name_run(words, i) if names_here else 0
            who = self._who(segments, words[i : i + run]) if run else None
            if self._author(who):
                i += run
                continue  # the source line names the author and their office
            if passage < 0 and not (isinstance(who, Person) and who.definition):
                run = 0
            if run and (_name_frequency(words[i : i + run]) < self.rare_below or who):
                occurrence = self._occurrence(passage, segments, words[i : i + run])
                yield replace(occurrence, who=who)
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
            key, entries = self._known(key, surface, self.search)
            if entries and (
                length > 1 or zipf(surface) < EVERYDAY or self.listed(key) or entries[0].always
            ):
                return length
        return 0

    def _known(
        self, key: tuple[str, ...], surface: str, tables: list[TermTable] | None = None
    ) -> tuple[tuple[str, ...], list[Entry]]:
        """The table key and entries of these words, trying a plural the stemmer cannot see.

        Words only telegrams use (Contels) have no frequency to tell a plural by.
        """
        entries = self.lookup(key, surface, tables)
        if not entries and len(key) == 1 and len(key[0]) > 3 and key[0].endswith("s"):
            singular = (key[0][:-1],)
            if found := self.lookup(singular, surface[:-1], tables):
                return singular, found
        return key, entries

    def _dictionary_phrase(self, words: list[Token], i: int) -> int:
        """Length of a dictionary phrase with a rare word in it at i (status quo), or 0.

        One rare word keeps a phrase whole, so a foreign phrase is never split into two
        unknown words; phrases of everyday words (carry out) are left to the reader.
        """
        if self.dictionary is None:
            return 0
        for length in range(min(DICTIONARY_PHRASE, len(words) - i), 1, -1):
            span = words[i : i + length]
            if any(not w.joined for w in span[1:]):
                continue
            if not any(self._rare(w) or zipf(w.surface) == 0 for w in span):
                continue
            if self.dictionary.phrase([w.surface for w in span]):
                return length
        return 0

    def listed(self, key: tuple[str, ...]) -> bool:
        """The lesson's own vocabulary lists this term."""
        return (
            bool(self.tables) and self.tables[0].origin == LESSON and key in self.tables[0].entries
        )

    def _name_run(self, words: list[Token], i: int) -> int:
        """Length of a run of capitalized words (a name) starting at i, or 0."""
        if not words[i].capitalized or _not_name(words[i]):
            return 0
        if words[i].sentence_start and not (
            self._name_opens_sentence(words, i) or self._identified(words[i])
        ):
            return 0
        end = i + 1
        while (
            end < len(words)
            and words[end].capitalized
            and words[end].joined
            and not _not_name(words[end])
            and not self._phrase_at(words, end)
        ):
            end += 1
        return end - i

    def _identified(self, word: Token) -> bool:
        """A word the document's notes or head say is a person ("Nye said ...", note: "Sir
        Archibald Nye, High Commissioner ..."): a name even where it opens a sentence."""
        if self.people is None or zipf(word.surface) >= self.rare_below:
            return False  # a commoner word is no word to gloss there ("Gross receipts …")
        return isinstance(self.people.identify([word.surface]), Person)

    def _name_opens_sentence(self, words: list[Token], i: int) -> bool:
        """A sentence opens with a name of several words (Hong Kong Consulate's despatch)."""
        following = words[i + 1] if i + 1 < len(words) else None
        return (
            following is not None
            and following.capitalized
            and following.joined
            and not _not_name(following)
            and zipf(words[i].surface) < OPENING_WORD
        )

    def _rare(self, word: Token) -> bool:
        if len(word.key) < 3 or not any(c.isalpha() for c in word.surface):
            return False
        if any(c.isdigit() for c in word.surface):
            return False  # "80th [81st] Congress": a number, not a word to look up
        if unvoweled_modal(word.surface):
            return True  # "wld", "shld": telegram spellings, however rare the letters
        common = max(zipf(word.surface), zipf(word.key), base_frequency(word.key))
        # Unknown lower-case words are mostly transcription errors ("possiblity"), not terms.
        return 0 < common < self.rare_below

    def _occurrence(self, passage: int, segments: list[Segment], span: list[Token]) -> Occurrence:
        surface = " ".join(w.surface for w in span)
        key, _ = self._known(tuple(w.key for w in span), surface)
        return Occurrence(
            key,
            surface,
            passage,
            span[0].segment,
            span[0].start,
            span[-1].end,
            0,
            _glossed(segments, span[-1]),
            span[0].capitalized and not span[0].sentence_start,
            _parts_of_speech(segments, span),
        )

    def entry(
        self, occurrence: Occurrence, dictionary: Dictionary | None, context: str = ""
    ) -> Entry:
        """The definition of a term: the first table that has one, then the dictionary.

        context: the text around it, to choose the dictionary sense that fits.
        """
        entries = self.lookup(occurrence.key, occurrence.surface)
        # The teacher's own definition first; then who the document itself says a name is.
        for found in entries:
            if found.definition and found.origin in (LESSON, WORKSPACE):
                return found
        who = occurrence.who
        if isinstance(who, Person) and (definition := who.definition):
            return Entry(who.name.surname, definition, who.origin, "person")
        if who == AMBIGUOUS:
            return Entry(_headword(occurrence), None, "", "person")  # never a guess
        for found in entries:
            if found.definition:
                return found
        shown = entries[0].term if entries else _headword(occurrence)
        kind = entries[0].kind if entries else ("name" if occurrence.name else "term")
        pos = occurrence.pos
        if (
            dictionary is not None
            and not entries
            and _adjective_form(occurrence, dictionary, context)
        ):
            # "assorted surplus material" is the adjective, not the verb "assort"
            shown, pos = occurrence.surface.lower(), ("adj",)
        if dictionary is not None:
            forms = [shown, occurrence.surface, " ".join(occurrence.key)]
            forms = list(dict.fromkeys(forms))
            # A name's senses are the dictionary's capitalized ones; a sentence's first word
            # may be either.
            # Initials are a name wherever they stand: "PAP" is a party, no "pap"; so is a
            # person the who's who knows, at any date ("Rusk said …" is no slice of bread).
            acronym = len(occurrence.surface) > 1 and occurrence.surface.isupper()
            capital = occurrence.surface[:1].isupper()
            known = capital and occurrence.surface in _period_names()
            name = True if occurrence.name or acronym or known else None if capital else False
            senses = dictionary.senses(forms, pos)
            # a word the teacher listed gets the commonest sense, marked for checking; a
            # word found in the text only a sense it shows
            sure = not self.listed(occurrence.key)
            if definition := dictionary.define(forms, pos, context, name, sure=sure):
                return Entry(shown, definition, dictionary.name, kind, senses=senses)
            # no sense clearly the text's: the teacher is told how many there are
            return Entry(shown, None, "", kind, senses=senses)
        return Entry(shown, None, "", kind)


@lru_cache(maxsize=1)
def _period_names() -> frozenset[str]:
    """The one-word spellings of the who's who's people (Rusk, Beria, Smuts)."""
    from dbq.generate.whoswho import builtin_people

    spellings = (s for p in builtin_people() for s in [p.term, *p.forms])
    return frozenset(s for s in spellings if len(s.split()) == 1)


def _adjective_form(occurrence: Occurrence, dictionary: Dictionary, context: str) -> bool:
    """An -ed or -ing word the text may use as an adjective, which the dictionary lists as an
    adjective in its own right ("assorted", "foregoing", "avowed"), in a sense that can fit
    the text ("agreement emasculated Tib autonomy" is the verb: the adjective is a male
    animal's)."""
    surface = occurrence.surface
    return (
        len(occurrence.key) == 1
        and "adj" in occurrence.pos
        and surface.lower() != occurrence.key[0]
        and surface.lower().endswith(("ed", "ing"))
        and dictionary.has(surface, "adj", context)
    )


def people_key(person: Person) -> tuple[str, str]:
    """One person however the text names them."""
    return (person.name.surname.lower(), person.fullest.printed)


def _parts_of_speech(segments: list[Segment], span: list[Token]) -> tuple[str, ...]:
    if len(span) != 1:
        return ()
    word = span[0]
    following = segments[word.segment].text[word.end :] if segments else ""
    return parts_of_speech(word.surface, word.previous, following)


def _name_frequency(span: list[Token]) -> float:
    """How common a name is: "Tibetans" as common as "Tibetan"."""
    surface = " ".join(w.surface for w in span)
    return max(zipf(surface), zipf(span[0].key)) if len(span) == 1 else zipf(surface)


def _not_name(word: Token) -> bool:
    return word.surface.lower() in NOT_NAMES


def _glossed(segments: list[Segment], word: Token) -> bool:
    """The editor already glossed this word: a gloss follows it directly."""
    following = segments[word.segment + 1] if word.segment + 1 < len(segments) else None
    text = segments[word.segment].text if segments else ""
    return bool(following and following.kind == "gloss" and not text[word.end :].strip())


def _headword(occurrence: Occurrence) -> str:
    """How a found word is printed: its dictionary form; names and acronyms as written."""
    surface = re.sub(r"['\u2019]s$", "", occurrence.surface)  # Hong Kong Consulate's
    if occurrence.name or len(occurrence.key) > 1 or surface.isupper():
        return surface
    if any(c.isupper() for c in surface[1:]):
        return surface  # anti-Sovietism
    return occurrence.key[0]
