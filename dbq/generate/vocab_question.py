"""Vocabulary-in-context questions: 'As used in ¶10, "contiguous" most nearly means...'."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dbq.assets import data_file
from dbq.generate.later import states_later
from dbq.generate.termtables import BUILTIN, WORKSPACE, Entry, GlossEntry, TermTable
from dbq.text.terms import lemma


@dataclass
class VocabQuestion:
    """'As used in ¶10, "contiguous" most nearly means...': the choices and the right one."""

    ask: str
    choices: list[str]
    correct: int
    entry: GlossEntry


def vocab_question(
    entries: list[GlossEntry],
    tables: list[TermTable],
    date: dt.date | None = None,
    printed: list[str] | None = None,
) -> VocabQuestion | None:
    """A vocabulary-in-context question on the hardest found (not listed) word of the excerpt.

    The word leaves the glossary box, or the box would give the answer away. No choice tells
    of events after the document's date: the worksheet prints them all.
    """
    # Single words only: key phrases stay in the box, where students need them.
    pool = [
        e
        for e in entries
        if not e.listed
        and not e.always  # "wld" most nearly means "Would": no question worth asking
        and e.definition
        and e.senses <= 1  # curated, or a word with one sense only
        and _common_noun(e)
        and e.surface[:1].islower()  # "Rusk" opening a sentence is no word to ask about
        and e.paragraph > 0
        and " " not in e.term
        and not _uses_word(e.definition or "", e)
        and not states_later(e.definition or "", date)
    ]
    # Curated definitions before a dictionary's first sense, which may not be the text's.
    pool.sort(key=lambda e: (e.origin not in (WORKSPACE, BUILTIN), e.difficulty, e.term))
    if not pool:
        return None
    target = pool[0]
    shown = {d for d in printed or [] if d != target.definition}
    shown |= {e.definition for e in entries if e is not target and e.definition}
    distractors = _distractors(target, shown, tables, date)
    if len(distractors) < 2:
        return None
    choices = [target.definition or "", *distractors[:3]]
    # Deterministic shuffle: the right answer's place depends only on the term.
    correct = sum(map(ord, target.term)) % len(choices)
    choices[0], choices[correct] = choices[correct], choices[0]
    ask = f'As used in \u00b6{target.paragraph}, what does "{target.surface}" most nearly mean?'
    return VocabQuestion(ask, choices, correct, target)


def _distractors(
    target: GlossEntry, printed: set[str], tables: list[TermTable], date: dt.date | None
) -> list[str]:
    """Definitions of other words from the glossaries, of the answer's kind, in a fixed order.

    Never one the worksheet prints: a glossary box above the question would let students
    answer by elimination. Never two that mean the same, nor one that means the answer.
    """
    shape = word_shape(target.term) or definition_shape(target.definition or "")
    glossaries = {
        (word_shape(e.term) or definition_shape(e.definition), e.definition)
        for t in tables
        for e in t.entries.values()
        if _common_noun(e) and e.definition and e.term != target.term and not e.always
    }
    # verbs in the answer's own form: "To say again" gets "To examine …"
    infinitive = (target.definition or "").startswith("To ")
    plain = {
        (
            _KIND_SHAPES[kind],
            f"To {d[0].lower()}{d[1:]}" if infinitive and kind == "verb" else d,
        )
        for kind, d in _plain_definitions()
    }
    pool = sorted(glossaries | plain, key=lambda sd: (_stable(target.term + sd[1]), sd[1]))
    others = [definition for kind, definition in pool if kind == shape]
    if infinitive:  # "To name or choose …": a choice that opens otherwise is no verb's
        others = [definition for definition in others if definition.startswith("To ")]
    out: list[str] = []
    for definition in others:
        # A choice that uses the word itself would point to (or away from) the answer.
        if _uses_word(definition, target) or states_later(definition, date):
            continue
        # printed in a box, or said there in other words: students could rule it out
        if definition in printed or any(same_meaning(definition, p) for p in printed):
            continue
        if any(same_meaning(definition, d) for d in [*out, target.definition or ""]):
            continue
        if len(definition) < 160:
            out.append(definition)
    return out[:3]


_KIND_SHAPES = {"verb": "verb", "gerund": "noun", "adjective": "adjective", "adverb": "adverb"}
# Endings that say what kind of word the asked word is, whatever its definition opens with:
# "pessimistic" is an adjective though WordNet defines it "Expecting the worst …".
_WORD_ENDINGS = (
    ("adjective", ("istic", "ous", "able", "ible", "ful", "less")),
    ("noun", ("tion", "sion", "ment", "ness", "ity", "ism", "ship", "ance", "ence")),
)


def word_shape(term: str) -> str:
    """Noun or adjective when the word's ending settles it ('autonomy' does not); else ''."""
    word = term.lower()
    if " " in word or not word.isalpha():
        return ""
    for shape, endings in _WORD_ENDINGS:
        if word.endswith(endings) and len(word) > 6:
            return shape
    if word.startswith(("here", "there", "where")) and len(word) > 6:
        return "adverb"  # herewith, thereby, whereupon
    return ""


# First words that say what kind of word a definition defines.
_ADJECTIVE_STARTS = frozenset(
    [
        "having",
        "of",
        "relating",
        "characterized",
        "not",
        "being",
        "able",
        "full",
        "marked",
        "showing",
        "lacking",
        "capable",
        "likely",
        "free",
        "ready",
        "given",
        "inclined",
        "worthy",
    ]
)
_ADVERB_STARTS = frozenset(["in", "with", "without", "by", "so", "very"])


@lru_cache(maxsize=1)
def _plain_definitions() -> tuple[tuple[str, str], ...]:
    """dbq/data/distractors.yaml: (kind, definition) of verbs, gerunds, adjectives and adverbs,
    the kinds of word the glossaries hardly define."""
    table = data_file("distractors.yaml")
    kinds = ("verb", "gerund", "adjective", "adverb")
    return tuple((kind, d) for kind in kinds for d in table[kind])


def definition_shape(definition: str) -> str:
    """Noun, verb, adjective or adverb, from a definition's opening words: distractors of
    another kind than the answer ('A political organ' for 'unequivocally') are too easy.

    A definition is a verb's only when it opens on a plain word that is nothing else: an
    article, "X of", a gerund or participle ("Existing …", "Limited"), a noun ending
    ("Capitalist …", "troops")
    or a determiner ("Extra troops") say otherwise.
    """
    # "(formal) by means of this": a usage label says nothing of the kind of word either
    text = re.sub(r"^\([^)]*\)\s*", "", definition.lower())
    if re.match(r"^[\w-]+:", text):
        return "noun"  # "Self-government: the right of a people …" names a thing
    # "In Soviet usage, an official body": the qualifier says nothing of the kind of word
    qualifier = re.match(r"(?:in|for|among|during)\b[^,]{0,60},\s*", text)
    words = re.findall(r"[a-z]+", text[qualifier.end() :] if qualifier else text)
    if not words:
        return ""
    first, second = words[0], words[1] if len(words) > 1 else ""
    if first in _NOUN_STARTS or second == "of":
        return "noun"
    if first in _ADVERB_STARTS and second in ("a", "an", "manner", "way"):
        return "adverb"
    if first.endswith("ly") and first not in ("only", "apply", "supply", "rely", "reply"):
        return "adverb"
    if first in _ADJECTIVE_STARTS or first.endswith(_ADJECTIVE_ENDINGS):
        return "adjective"
    if first.endswith(_NOUN_ENDINGS) or (first.endswith("s") and not first.endswith("ss")):
        return "noun"
    return "verb"


_NOUN_STARTS = frozenset(
    ["a", "an", "the", "someone", "something", "one", "any", "extra", "other", "more", "some"]
)
_ADJECTIVE_ENDINGS = ("ful", "ous", "ive", "able", "ible", "ic", "ed")
_NOUN_ENDINGS = (
    "tion",
    "ment",
    "ness",
    "ity",
    "ance",
    "ence",
    "ship",
    "ism",
    "ist",
    "er",
    "or",
    "ing",
)


def same_meaning(one: str, other: str) -> bool:
    """Two options that say the same: four or more content words shared, and half of all.

    ("Sweden, Poland and India" and "The Soviet Union, Poland and India" are a fair pair.)
    """
    a, b = _content_words(one), _content_words(other)
    shared = len(a & b)
    return shared >= 4 and shared / len(a | b) >= 0.5


@lru_cache(maxsize=4096)
def _content_words(text: str) -> frozenset[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return frozenset(lemma(w) for w in words if len(w) > 3 and w not in _FUNCTION_WORDS)


_FUNCTION_WORDS = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "their",
        "they",
        "them",
        "there",
        "were",
        "which",
        "what",
        "when",
        "where",
        "while",
        "into",
        "onto",
        "upon",
        "also",
        "than",
        "then",
        "such",
        "some",
        "other",
        "others",
        "each",
        "every",
        "more",
        "most",
        "much",
        "many",
        "very",
        "have",
        "having",
        "been",
        "being",
        "does",
        "done",
    ]
)


def _uses_word(definition: str, entry: GlossEntry) -> bool:
    """Does a definition use the word it would be a choice for (communism: "Communist")?"""
    text = definition.lower()
    return any(w.lower()[: max(5, len(w) - 3)] in text for w in (entry.surface, entry.term))


def _common_noun(entry: Entry | GlossEntry) -> bool:
    """A word or phrase, not a name: only these make "most nearly means" questions."""
    return entry.kind == "term" and not entry.term[:1].isupper()


def _stable(text: str) -> int:
    """A fixed pseudo-random order (no hash randomization): FNV-1a."""
    value = 2166136261
    for char in text.encode("utf-8"):
        value = ((value ^ char) * 16777619) & 0xFFFFFFFF
    return value
