"""Reading load of an excerpt: its word count and Flesch-Kincaid grade.

A small implementation of our own: `textstat` looks its syllable dictionary up on the
network at run time, which dbq must never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
# A sentence ends at . ! or ? followed by a space, a closing quote or bracket, or the end.
SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"'\u201d\u2019)\]]|$)")
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "adm",
        "gov",
        "sen",
        "rep",
        "jr",
        "sr",
        "vs",
        "etc",
        "dept",
        "jan",
        "feb",
        "aug",
        "sept",
        "oct",
        "nov",
        "dec",
        "e.g",
        "i.e",
        "u.s",
        "u.n",
        "u.s.s.r",
        "a.m",
        "p.m",
    ]
)
VOWEL_GROUP = re.compile(r"[aeiouy]+")
SILENT_END = re.compile(r"(?:[^aeiouyl]e|[aeiou]le|[^aeiouyscgxzh]es|[^aeiouytd]ed)$")
# Vowel pairs that are two syllables: vi-o-late, A-si-a, Ko-re-a, du-o.
TWO_VOWELS = re.compile(r"[^aeioucgst]i[ao](?=[^n]|$)|[^aeiou]ea$|[^aeiou]uo")


@dataclass(frozen=True)
class ReadingLoad:
    """How much an excerpt asks of a reader."""

    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level, rounded to one decimal."""
        if not self.words:
            return 0.0
        value = 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59
        return round(value, 1)


def syllables(word: str) -> int:
    """Estimated syllables in an English word: vowel groups, less a silent ending."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 1 if any(c.isdigit() for c in word) else 0
    if len(letters) <= 3:
        return 1
    count = len(VOWEL_GROUP.findall(letters))
    if SILENT_END.search(letters):
        count -= 1  # make, makes, walked; but not table, tasted, faces
    count += len(TWO_VOWELS.findall(letters))
    return max(1, count)


def count_sentences(text: str) -> int:
    """Sentences in one paragraph; words after the last full stop (or a heading) count as one."""
    count, last_end = 0, 0
    for match in SENTENCE_END.finditer(text):
        before = re.search(r"([\w.]+)$", text[: match.start()])
        if match.group() == "." and before and before.group(1).lower() in ABBREVIATIONS:
            continue
        if WORD.search(text, last_end, match.start()):
            count += 1
        last_end = match.end()
    if WORD.search(text, last_end):
        count += 1
    return count


def reading_load(paragraphs: list[str]) -> ReadingLoad:
    """Word, sentence and syllable counts of printed paragraphs."""
    words = [w for p in paragraphs for w in WORD.findall(p)]
    sentences = sum(count_sentences(p) for p in paragraphs)
    return ReadingLoad(len(words), max(sentences, 1 if words else 0), sum(map(syllables, words)))


def grade_band(grades: str | None) -> tuple[int, int]:
    """'9-12' -> (9, 12); 'K-5' -> (0, 5); '8' -> (8, 8); nothing usable -> (9, 12)."""
    if not grades:
        return (9, 12)
    numbers = [0 if n.upper() == "K" else int(n) for n in re.findall(r"\d+|\b[Kk]\b", grades)]
    if not numbers:
        return (9, 12)
    return (min(numbers), max(numbers))
