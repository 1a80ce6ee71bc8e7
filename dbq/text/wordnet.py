"""The general-English dictionary: Princeton WordNet 3.0, shipped with dbq or read in place.

dbq ships a compact subset of WordNet 3.0 (dbq/data/wordnet-subset.zip, made by
tools/make_wordnet_subset.py; licence in dbq/data/WORDNET-LICENSE): every word and phrase
rare enough for a glossary to look it up, with the definitions of its senses. So a plain
`pip install` defines hard words, and every machine gives the same definitions.

A full WordNet dict folder can be used instead by naming it in WNSEARCHDIR, the variable
WordNet's own tools read (Debian's `wordnet-base` installs one in /usr/share/wordnet). Its
files are the documented wndb(5WN) format: `index.POS` lines list a lemma's synsets, most
frequent sense first, and `data.POS` holds each synset's gloss at a byte offset.

The sense printed is the one whose definition shares most words with the text around the
word, among the senses of the parts of speech the word can be there; the commonest sense
when none shares more than it.
"""

from __future__ import annotations

import bisect
import io
import os
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from dbq.text.terms import WORD, is_circular, lemma, zipf

POS = ("noun", "verb", "adj", "adv")
SUBSET = "data/wordnet-subset.zip"
# The part of speech of a subset line that gives an irregular form's base (cargoes -> cargo).
IRREGULAR = "~"
# Only the commonest senses compete: a rare sense that shares one word by chance must not win.
SENSES_COMPARED = 6
# Words at least this common (Zipf frequency: make 6.1, give 5.7, person 5.6) are in any
# paragraph and any gloss; sharing one is chance (checked on the FRUS corpus's sense choices).
EVERYDAY_ZIPF = 5.5
# Words too common to tell senses apart, whatever their frequency says.
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "but",
        "not",
        "no",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "what",
        "or",
        "any",
        "some",
        "such",
        "one",
        "ones",
        "something",
        "someone",
        "especially",
        "usually",
        "often",
        "very",
        "more",
        "most",
        "other",
        "than",
        "into",
        "out",
        "up",
        "he",
        "she",
        "they",
        "them",
        "his",
        "her",
        "their",
        "we",
        "our",
        "you",
        "your",
        "i",
    ]
)
BAD_FOLDER = (
    "WNSEARCHDIR names {folder}, which holds no WordNet dict files (index.noun, data.noun, "
    "...); using the WordNet subset shipped with dbq instead. Unset WNSEARCHDIR or point it "
    "at a WordNet dict folder"
)


@dataclass(frozen=True)
class SenseSet:
    """A word's senses in one part of speech, commonest first."""

    pos: str
    tagged: int  # how often the word was seen in sense-tagged text: a tie-breaker between POS
    glosses: tuple[str, ...]
    proper: tuple[bool, ...] = ()  # per sense: the dictionary capitalizes it (Lhasa, Rusk)


class Lexicon:
    """What both dictionaries answer, from a lemma's sense sets."""

    name = "WordNet 3.0"

    def _lookup(self, lemma_: str) -> list[SenseSet]:
        raise NotImplementedError

    def _irregular(self, form: str) -> str | None:
        """The base of an irregular form WordNet lists (withheld -> withhold)."""
        raise NotImplementedError

    def _first(self, words: list[str]) -> list[SenseSet]:
        """The sense sets of the first of these forms the dictionary knows."""
        for word in words:
            key = "_".join(word.lower().split())
            found = self._spelled(key)
            if not found and (base := self._irregular(key)):
                found = self._lookup(base)
            if not found and key.endswith("men"):
                found = self._lookup(key[:-3] + "man")  # countrymen: regular in WordNet too
            if found:
                return found
        return []

    def _fitting(self, words: list[str], pos: tuple[str, ...]) -> list[SenseSet]:
        """The senses in the parts of speech the text allows (all, when none of them fits)."""
        senses = self._first(words)
        return [s for s in senses if s.pos in pos] or senses

    def define(
        self,
        words: list[str],
        pos: tuple[str, ...] = (),
        context: str = "",
        name: bool | None = False,
        sure: bool = False,
    ) -> str | None:
        """The definition of the sense that fits the text best; the commonest by default.

        sure: only a sense the text shows, else None: the only sense the word can have
        there, or one whose definition shares words with the text (a glossary for students
        prints no guess; "prune the defence bill" is no gardener's pruning).

        name: True when the word is capitalized as a name is, so that only the senses the
        dictionary capitalizes fit ("Rusk" is no slice of bread); False for a lower-case
        word ("china" is no country); None when it cannot tell (a sentence's first word).
        """
        found = self._first(words)
        if pos and found and not any(s.pos in pos for s in found):
            return None  # "augurs well" is a verb; a noun's sense would be a wrong sense
        sets = sorted(self._fitting(words, pos), key=lambda s: (-s.tagged, POS.index(s.pos)))
        plural = any(w.lower().endswith("s") and lemma(w.lower()) != w.lower() for w in words)
        candidates = [
            g
            for s in sets
            for g, proper in zip(
                s.glosses[:SENSES_COMPARED],
                (s.proper or (False,) * len(s.glosses))[:SENSES_COMPARED],
                strict=True,
            )
            if (name is None or proper == name)
            and not (proper and is_biography(g))
            # "all of the trimmings" are things, not "the act of adding decoration"
            and not (plural and s.pos == "noun" and g.lower().startswith("the act of"))
        ]
        here = _lemmas(context)
        candidates = [g for g in candidates if not _elsewhere(g, here)]
        if not candidates:
            return None
        own = {lemma(w) for word in words for w in WORD.findall(word)}
        # a word of the same family in the text ("telegrams" by "telegraphic") tells no sense
        seen = {w for w in _content(context) - own if not _kin(w, own)}
        best, best_score = candidates[0], len(_content(candidates[0]) & seen)
        for gloss in candidates[1:]:
            score = len(_content(gloss) & seen)
            if score > best_score:  # strictly more: ties keep the commoner sense
                best, best_score = gloss, score
        if any(is_circular(word, best) for word in words):
            return None  # the sense that fits defines the word by itself: the teacher's call
        if sure and best_score == 0 and len(set(candidates)) > 1:
            return None  # no sense is clearly the text's: the teacher's call
        return best

    def has(self, word: str, pos: str, context: str = "") -> bool:
        """Does the dictionary list this very form in this part of speech ("assorted", adj),
        in a sense that is not of a subject the context leaves out (a male animal's)?"""
        here = _lemmas(context)
        return any(
            s.pos == pos and any(not _elsewhere(g, here) for g in s.glosses)
            for s in self._spelled("_".join(word.lower().split()))
        )

    def sense_of(self, words: list[str], definition: str) -> tuple[str, bool] | None:
        """Which of the word's senses a printed definition is: (part of speech, capitalized).

        None when the definition is none of the dictionary's glosses (a teacher's own words).
        """
        wanted = _plain(definition)
        for senses in self._first(words):
            proper = senses.proper or (False,) * len(senses.glosses)
            for gloss, capitalized in zip(senses.glosses, proper, strict=True):
                if _plain(gloss) == wanted:
                    return senses.pos, capitalized
        return None

    def senses(self, words: list[str], pos: tuple[str, ...] = ()) -> int:
        """How many senses the word can have there; with one, its gloss is surely right."""
        return sum(len(s.glosses) for s in self._fitting(words, pos))

    def phrase(self, words: list[str]) -> bool:
        """Is this run of words one dictionary entry (status quo, persona non grata)?"""
        return len(words) > 1 and bool(self._spelled("_".join(w.lower() for w in words)))

    def _spelled(self, key: str) -> list[SenseSet]:
        """The senses of a word or phrase, under its American spelling when WordNet has it:
        WordNet files only some senses under the British one, in another order
        ("realisation" opens with a musical composition; "realization" with understanding)."""
        own = self._lookup(key)
        american = AMERICAN.sub(r"iz\1", key)
        if american == key or not (senses := self._lookup(american)):
            return own
        glosses = {g for s in senses for g in s.glosses}
        # the same word ("apprize" is also "value highly": not "apprise")
        return senses if all(g in glosses for s in own for g in s.glosses) else own


# A person's entry: "(1907-1995)", "(born 1945)", "(died 1879)", "(flourished 1300)".
_LIFE = re.compile(r"\((?:\d{3,4}\s*[-\u2013]\s*\d{2,4}|(?:born|died|flourished|fl\.) [^)]*)\)")


def is_biography(gloss: str) -> bool:
    """Is this the dictionary's entry for a famous person? Never the person a document names:
    the Meade of a 1951 State Department memorandum is a British Embassy counselor, not the
    economist, and the Popper who wrote it no philosopher. People are identified from the
    source, the built-in glossary or the teacher, or not at all."""
    return bool(_LIFE.search(gloss))


# British -ise/-isation spellings (realisation, galvanised_iron), read as -ize/-ization.
AMERICAN = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)(?=_|$)")
# Subjects of a gloss's opening label ("(of a male animal) having the testicles removed",
# "(baseball) …", "(botany) …") that diplomatic and military papers do not write about: such a
# sense fits only a text that names its subject. Usage labels ("(law)", "(military)",
# "(formal)", "(of persons)") stay.
_ELSEWHERE_WORDS = """animal male female hair leaf plant flower soil farmland skin bird
    conifer colloid liquid fluid substance clothing color colour tempo arrow fish insect tooth
    fruit seed egg baseball football golf tennis cricket basketball sport ballet music
    chemistry physics biology botany zoology anatomy physiology medicine pathology genetics
    biochemistry geology astronomy astrology electronics psychoanalysis psychiatry linguistics
    mathematics computer card cards poker chess"""
ELSEWHERE = frozenset(_ELSEWHERE_WORDS.split())
LABEL = re.compile(r"^\(([^)]{1,40})\)")


def _lemmas(text: str) -> set[str]:
    return {lemma(w) for w in WORD.findall(text.lower())}


def _elsewhere(gloss: str, words_here: set[str]) -> bool:
    """Is this a sense of a subject the text does not mention (a male animal, baseball)?"""
    label = LABEL.match(gloss)
    if not label:
        return False
    subjects = {lemma(w) for w in WORD.findall(label.group(1).lower())} & ELSEWHERE
    return bool(subjects) and not subjects & words_here


def _kin(word: str, own: set[str]) -> bool:
    """Does a word share a long stem with the word being defined (telegram, telegraphic)?"""
    return any(len(w) >= 6 and len(word) >= 6 and word[:6] == w[:6] for w in own)


def _content(text: str) -> set[str]:
    """The dictionary forms of a text's words that can tell senses apart."""
    return {k for w in WORD.findall(text) if _telling(k := lemma(w))}


@lru_cache(maxsize=20000)
def _telling(word: str) -> bool:
    """Can a shared word tell senses apart? Not an everyday one: "make" in the text and in
    a physics gloss of "inclination" says nothing about which sense the text means."""
    return word not in STOP and len(word) > 2 and zipf(word) < EVERYDAY_ZIPF


def _plain(text: str) -> str:
    """A definition as compared: straight quotes, single spaces, no final stop, lower case."""
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2013", "-")
    return " ".join(text.split()).rstrip(".").lower()


def _clean(gloss: str) -> str:
    """A WordNet gloss's definition, without its quoted examples, as a sentence."""
    definition = re.split(r';\s*"', gloss, maxsplit=1)[0].strip().rstrip(";").strip()
    return definition[:1].upper() + definition[1:] + "." if definition else ""


def bucket(lemma_: str) -> str:
    """The member of the shipped zip that holds a lemma: by its first two characters."""
    return re.sub(r"[^a-z0-9]", "_", lemma_[:2].ljust(2, "_")) + ".tsv"


class ShippedWordNet(Lexicon):
    """The WordNet subset in dbq/data; a part is unpacked only when a word needs it.

    The zip holds one sorted member per two first letters, so a glossary of twenty words
    unpacks twenty small members, not the whole dictionary.
    """

    name = "WordNet 3.0"

    def __init__(self, data: bytes) -> None:
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._members = set(self._zip.namelist())
        self._buckets: dict[str, list[str]] = {}

    def _lookup(self, lemma_: str) -> list[SenseSet]:
        return [s for s in self._read(lemma_) if s.pos != IRREGULAR]

    def _irregular(self, form: str) -> str | None:
        return next((s.glosses[0] for s in self._read(form) if s.pos == IRREGULAR), None)

    def _bucket(self, lemma_: str) -> list[str]:
        name = bucket(lemma_)
        if name not in self._buckets:
            text = self._zip.read(name).decode("utf-8") if name in self._members else ""
            self._buckets[name] = text.splitlines()
        return self._buckets[name]

    def _read(self, lemma_: str) -> list[SenseSet]:
        lines = self._bucket(lemma_)
        prefix = lemma_ + "\t"
        out = []
        at = bisect.bisect_left(lines, prefix)  # the lines are sorted
        while at < len(lines) and lines[at].startswith(prefix):
            _, pos, tagged, *glosses = lines[at].split("\t")
            proper = tuple(g.startswith("*") for g in glosses)
            out.append(SenseSet(pos, int(tagged), tuple(g.lstrip("*") for g in glosses), proper))
            at += 1
        return out


@dataclass(frozen=True)
class _IndexLine:
    pos: str
    tagged: int
    offsets: tuple[int, ...]


class WordNet(Lexicon):
    """Definitions from a WordNet dict folder; indexes load on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._index: dict[str, dict[str, _IndexLine]] = {}
        self._exceptions: dict[str, str] | None = None
        self.version = _version(folder / "index.noun")
        self.name = f"WordNet {self.version}" if self.version else "WordNet"

    def _irregular(self, form: str) -> str | None:
        if self._exceptions is None:
            self._exceptions = read_exceptions(self.folder)
        return self._exceptions.get(form)

    def _lines(self, pos: str) -> dict[str, _IndexLine]:
        if pos not in self._index:
            self._index[pos] = read_index(self.folder / f"index.{pos}", pos)
        return self._index[pos]

    def _lookup(self, lemma_: str) -> list[SenseSet]:
        out = []
        for pos in POS:
            line = self._lines(pos).get(lemma_)
            if line:
                senses = [self.sense(pos, o, lemma_) for o in line.offsets[:SENSES_COMPARED]]
                senses = [(g, p) for g, p in senses if g]
                glosses = tuple(g for g, _ in senses)
                out.append(SenseSet(pos, line.tagged, glosses, tuple(p for _, p in senses)))
        return out

    def sense(self, pos: str, offset: int, lemma_: str) -> tuple[str, bool]:
        """A synset's definition, and whether it capitalizes this lemma (a name)."""
        with (self.folder / f"data.{pos}").open("rb") as data:
            data.seek(offset)
            line = data.readline().decode("utf-8", errors="replace")
        if "|" not in line:
            return "", False
        fields = line.split("|", 1)[0].split()
        count = int(fields[3], 16) if len(fields) > 3 else 0
        spelled = [fields[4 + 2 * i] for i in range(count) if 4 + 2 * i < len(fields)]
        same = [w for w in spelled if re.sub(r"\(.*\)$", "", w).lower() == lemma_]
        return _clean(line.split("|", 1)[1]), bool(same) and same[0][:1].isupper()


def read_index(path: Path, pos: str) -> dict[str, _IndexLine]:
    """An index.POS file: lemma -> its synsets' offsets, commonest sense first."""
    table: dict[str, _IndexLine] = {}
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.startswith(" "):
                continue  # the licence at the top of the file
            fields = line.split()
            try:
                synsets, pointers = int(fields[2]), int(fields[3])
                tagged = int(fields[5 + pointers])
                offsets = tuple(int(f) for f in fields[6 + pointers : 6 + pointers + synsets])
                table[fields[0]] = _IndexLine(pos, tagged, offsets)
            except (ValueError, IndexError):
                continue  # a damaged line: that word is simply not in the dictionary
    return table


def read_exceptions(folder: Path) -> dict[str, str]:
    """WordNet's lists of irregular forms (POS.exc): form -> its first base."""
    table: dict[str, str] = {}
    for pos in POS:
        path = folder / f"{pos}.exc"
        if path.is_file():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                fields = line.split()
                if len(fields) >= 2 and fields[0] != fields[1]:
                    table.setdefault(fields[0], fields[1])
    return table


def _version(index: Path) -> str:
    try:
        with index.open(encoding="utf-8", errors="replace") as lines:
            for _, line in zip(range(30), lines, strict=False):
                if found := re.search(r"WordNet (\d+\.\d+)", line):
                    return found.group(1)
    except OSError:
        pass
    return ""


def is_wordnet_folder(path: Path) -> bool:
    """Does this folder hold WordNet's index and data files?"""
    return all((path / f"{kind}.{pos}").is_file() for kind in ("index", "data") for pos in POS)


def find_wordnet(extra: list[str] | None = None) -> WordNet | None:
    """A full WordNet from WNSEARCHDIR or the given folders, or None."""
    candidates = [os.environ["WNSEARCHDIR"]] if os.environ.get("WNSEARCHDIR") else extra or []
    for folder in candidates:
        if is_wordnet_folder(Path(folder)):
            return WordNet(Path(folder))
    return None


def shipped_wordnet() -> ShippedWordNet | None:
    """The WordNet subset installed with dbq (None only in a broken install)."""
    try:
        return ShippedWordNet(resources.files("dbq").joinpath(SUBSET).read_bytes())
    except (FileNotFoundError, OSError, zipfile.BadZipFile):
        return None


def find_dictionary() -> tuple[Lexicon | None, list[str]]:
    """The dictionary to define words from, and a note when WNSEARCHDIR could not be used.

    WNSEARCHDIR, when set, names a full WordNet to use; otherwise the subset shipped with
    dbq, so that the same lesson gives the same glossary on every machine.
    """
    folder = os.environ.get("WNSEARCHDIR")
    if folder:
        if is_wordnet_folder(Path(folder)):
            return WordNet(Path(folder)), []
        return shipped_wordnet(), [BAD_FOLDER.format(folder=folder)]
    return shipped_wordnet(), []
