"""Words: dictionary forms, and how rare each is in everyday English.

Rarity is wordfreq's Zipf frequency: 7 for "the", about 5 for "question", 3 for
"armistice", under 2 for "Filippov". Its word lists ship inside the package; nothing is
fetched at run time.
"""

from __future__ import annotations

import atexit
import bisect
import hashlib
import os
import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from dbq import cache

# A word: letters, with inner apostrophes or hyphens (low-lying, Dept's); or 38th; or an
# abbreviation written with stops (a.i., U.S.), which is one word, not two.
WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*|\d+(?:st|nd|rd|th)\b")
POSSESSIVE = re.compile(r"['\u2019]s?$")
SENTENCE_BREAK = re.compile(r"[.!?:]")
# The most frequent words (this, does, was) are never reduced to a stem.
NO_STEM_ABOVE = 6.0
# A stem must itself be a word people use.
STEM_AT_LEAST = 1.0
# Words that look inflected but are not: "news" is no plural of "new".
NOT_INFLECTED = frozenset(
    [
        "news",
        "politics",
        "species",
        "series",
        "means",
        "economics",
        "physics",
        "arms",
        "goods",
        "tactics",
        "ethics",
    ]
)
# (suffix, replacement) pairs; every stem they make is tried, the most frequent wins.
SUFFIXES = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ied", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ments", "ment"),
)


# Telegrams dropped the vowels of the modal verbs ("wld be preferable", "shld decide"): a
# rule of spelling, not a fact to cite, and only for these three, which nothing else spells.
_MODALS = ("would", "should", "could")


def unvoweled_modal(surface: str) -> str | None:
    """The modal verb a lower-case word spells without its vowels ("wld": "Would")."""
    for modal in _MODALS:
        if surface == modal[0] + re.sub(r"[aeiou]", "", modal[1:]):
            return modal.capitalize()
    return None


@lru_cache(maxsize=1)
def _common_words() -> tuple[str, ...]:
    """English's 40,000 commonest words, sorted: to find the longer word a clipping stands for."""
    from wordfreq import top_n_list

    return tuple(sorted(top_n_list("en", 40000)))


def clipped_name(surface: str) -> str | None:
    """The much commoner word a short capitalized word is the start of ("Tib": "tibet"), if any.

    Telegrams clip names ("Tib reps", "Chi Commies"); a dictionary's sense of the clipped
    letters ("TiB", a tebibyte) is never the text's.
    """
    key = surface.lower()
    if not (3 <= len(key) <= 5 and surface[:1].isupper() and not surface.isupper()):
        return None
    words = _common_words()
    at = bisect.bisect_left(words, key)
    threshold = zipf(key) + 1.0
    while at < len(words) and words[at].startswith(key):
        word = words[at]
        if len(word) >= len(key) + 2 and zipf(word) >= threshold:
            return word
        at += 1
    return None


def zipf(text: str) -> float:
    """Zipf frequency of a word or phrase in English (0 when unknown)."""
    known = _zipf_memo()
    value = known.get(text)
    if value is None:
        from wordfreq import zipf_frequency  # a quarter of a second to import, and its lists

        value = known[text] = zipf_frequency(text, "en")
        _ZIPF_NEW.add(text)
    return value


# The words looked up this run that the memo did not hold; saved when the process ends.
_ZIPF_NEW: set[str] = set()


@lru_cache(maxsize=1)
def _zipf_memo() -> dict[str, float]:
    """The frequencies looked up before, from the user's cache (dbq/cache.py).

    A `dbq check` then needs neither wordfreq's import nor its word lists. The memo is named
    by wordfreq's installed files, so another wordfreq misses it, and what it holds is checked
    to be words and numbers before it is used.
    """
    data = cache.load_json(_zipf_memo_name())
    atexit.register(_save_zipf_memo)
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, (int, float))}


@lru_cache(maxsize=1)
def _zipf_memo_name() -> str:
    spec = find_spec("wordfreq")
    digest = hashlib.sha256()
    if spec is not None and spec.origin:
        package = Path(spec.origin).parent
        for path in sorted([*package.glob("*.py"), *package.glob("data/*_en.msgpack.gz")]):
            info = path.stat()
            digest.update(f"{path}:{info.st_size}:{info.st_mtime_ns};".encode())
    return f"zipf-{digest.hexdigest()[:16]}.json"


def _save_zipf_memo() -> None:
    if not _ZIPF_NEW:
        return
    known = _zipf_memo()
    saved = cache.load_json(_zipf_memo_name())
    merged = dict(saved) if isinstance(saved, dict) else {}
    merged.update({word: known[word] for word in _ZIPF_NEW})
    cache.save_json(_zipf_memo_name(), merged)
    _ZIPF_NEW.clear()


@lru_cache(maxsize=20000)
def lemma(word: str) -> str:
    """The dictionary form of a word, lower case: reinforcements -> reinforcement."""
    word = POSSESSIVE.sub("", word.lower()).replace("\u2019", "'")
    if len(word) <= 3 or "-" in word or word in NOT_INFLECTED or zipf(word) >= NO_STEM_ABOVE:
        return word
    stems = []
    for suffix, replacement in SUFFIXES:
        stem = word[: -len(suffix)] + replacement
        if word.endswith(suffix) and len(stem) >= 3:
            if suffix == "s" and stem.endswith(("s", "u", "i")):
                continue  # glass, status, analysis: not plurals
            if suffix == "es" and not stem.endswith(("s", "x", "z", "ch", "sh")):
                continue  # forces is force + s, not forc + es
            stems.append(stem)
            if suffix in ("ed", "ing") and len(stem) > 3 and stem[-1] == stem[-2]:
                stems.append(stem[:-1])  # stopped -> stop
    found = [(zipf(s), s) for s in stems if zipf(s) >= STEM_AT_LEAST]
    if not found:
        return word
    return max(found)[1]


# Derived forms whose base a reader knows: hopelessly -> hopeless, decisiveness -> decisive.
DERIVATIONS = (
    ("ically", "ic"),
    ("ally", "al"),
    ("ily", "y"),
    ("ably", "able"),
    ("ibly", "ible"),
    ("ly", "le"),
    ("ly", ""),
    ("ness", ""),
    ("iness", "y"),
    ("ance", "e"),
    ("ance", ""),
    ("ant", ""),
    ("ary", ""),
    ("en", ""),  # lessen, weaken: a verb made from a word every reader knows
)


# Prefixes that only negate a word a reader knows: undesirable, dissatisfaction, non-Communist.
PREFIXES = ("un", "dis", "non-", "non", "mis")


@lru_cache(maxsize=20000)
def base_frequency(word: str) -> float:
    """Zipf frequency of the most frequent word this one is derived from (0 if none)."""
    bases = [
        word[: -len(suffix)] + replacement
        for suffix, replacement in DERIVATIONS
        if word.endswith(suffix) and len(word) - len(suffix) >= 2
    ]
    for prefix in PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4:  # unwell, unarmed
            bases += [rest, lemma(rest)]
    return max((zipf(b) for b in bases), default=0.0)


VERB_CUES = frozenset(
    ["to", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "we", "they"]
)
DETERMINERS = frozenset(
    ["a", "an", "the", "this", "these", "those", "his", "her", "its", "their", "our", "my", "no"]
)


# "despatch 169", "telegram No. 43": a word followed by a number names a numbered paper.
NUMBERED = re.compile(r"\s*(?:No\.?\s*)?\d")
# The next word is a lower-case word that can be the noun a modifier stands before.
MODIFIER = re.compile(
    r"\s+(?!(?:and|or|but|to|of|in|on|at|by|for|from|with|as|is|are|was|were|be|had|has|"
    r"have|the|a|an|which|that|who|it)\b)[a-z]{3,}"
)
PASSIVE_CUES = frozenset(["be", "been", "being", "is", "are", "was", "were"])
# "broached this and other questions": a word in -ed before its object is an active verb.
OBJECT = re.compile(
    r"\s+(?:this|these|those|the|a|an|his|her|its|their|our|my|your|it|them|him|us|me)\b"
)
# "augurs well", "bodes ill": a word in -s before one of these is a verb, not a plural noun.
MANNER = re.compile(r"\s+(?:well|ill|badly)\b")


def parts_of_speech(surface: str, previous: str = "", following: str = "") -> tuple[str, ...]:
    """The parts of speech a word can be here, from its ending and the words around; () if any.

    A rough guide for picking a dictionary sense: "sidetracking" is a verb, "to designate"
    too, "the incline" is not, nor is "despatch 169" (a numbered paper: following is the text
    after the word).
    """
    word = surface.lower()
    if previous in VERB_CUES:
        return ("verb",)
    proper_adjective = surface[:1].isupper() and word.endswith(("an", "ese", "ish", "ic"))
    if MODIFIER.match(following) and (word.endswith("ward") or proper_adjective):
        # "a southward advance", "the Malayan campaign", "Asiatic matters": before a noun,
        # the adjective, not the compass point or a member of a people
        return ("adj",)
    if word.endswith("ing") and lemma(word) != word:
        return ("verb", "adj")  # the lemma's noun senses are not the gerund's
    if word.endswith("ed") and lemma(word) != word:
        if previous in PASSIVE_CUES or OBJECT.match(following):
            return ("verb",)  # "to be allotted for military aid", "broached this question"
        return ("verb", "adj")  # "massed 300,000 troops": a verb, whatever number follows
    if NUMBERED.match(following):
        return ("noun",)
    if word.endswith("s") and lemma(word) != word and MANNER.match(following):
        return ("verb",)
    if word.endswith("s") and lemma(word) != word and previous in DETERMINERS:
        return ("noun",)  # "the dissidents": a plural noun, no adjective
    if word.endswith("ly") and len(word) > 4:
        return ("adv", "adj")
    if previous in DETERMINERS or previous.endswith(("'s", "\u2019s")):
        return ("noun", "adj")  # the despatch, the Consulate's despatch
    return ()


def term_key(text: str) -> tuple[str, ...]:
    """The lookup key of a term: its words' dictionary forms, so inflections match."""
    return tuple(lemma(w) for w in WORD.findall(text))


def is_circular(term: str, definition: str) -> bool:
    """Is a word defined by itself: nothing in the definition but the word or its stem
    ("stabilization: The act of stabilizing something", "summarize: Give a summary (of)")?

    Only a lower-case word is judged (names and abbreviations are spelled out by their own
    words), and only a definition of one clause: one that goes on to explain is no circle.
    """
    heads = WORD.findall(term)
    if len(heads) != 1 or not term.islower():
        return False
    head = heads[0]
    clauses = [c for c in re.split(r"[.;:]\s", definition.strip().rstrip(".")) if c.strip()]
    if len(clauses) != 1:
        return False
    for word in WORD.findall(clauses[0]):
        word = word.lower()
        if len(head) < len(word) and word.startswith(head):
            continue  # an abbreviation spelled out: "milit: Military"
        if word == head or lemma(word) == lemma(head):
            return True
        shared = len(os.path.commonprefix([head, word]))
        # the stem may end before the shared letters do: impos|ition, impos|ing
        if any({head[k:], word[k:]} <= _DERIVED for k in range(shared, 4, -1)):
            return True  # one stem, two endings: summar|ize, summar|y ("countryman" is no
            # "country" + ending, so "a man from your own country" stands)
    return False


# Endings that make one word from another (summary, summarize; stabilizing, stabilization).
_DERIVED = frozenset(  # fmt: skip
    [
        "",
        "s",
        "es",
        "e",
        "ed",
        "ing",
        "er",
        "ers",
        "or",
        "ors",
        "ion",
        "ions",
        "ation",
        "ition",
        "ization",
        "isation",
        "ize",
        "ise",
        "ized",
        "ised",
        "izing",
        "ising",
        "y",
        "ies",
        "ied",
        "al",
        "ally",
        "ly",
        "ment",
        "ments",
        "ness",
        "ity",
        "ty",
        "ous",
        "ive",
        "ant",
        "ent",
        "ance",
        "ence",
        "ce",
        "t",
        "ar",
        "ist",
        "ists",
        "ism",
        "ful",
        "able",
        "ible",
        "ate",
        "ated",
        "ating",
        "ative",
        "ic",
        "ical",
    ]
)
