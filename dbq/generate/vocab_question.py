"""Vocabulary-in-context questions: 'As used in ¶10, "contiguous" most nearly means...'."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dbq.generate.later import states_later
from dbq.generate.termtables import BUILTIN, WORKSPACE, Entry, GlossEntry, TermTable


@dataclass
class VocabQuestion:
    """'As used in ¶10, "contiguous" most nearly means...': the choices and the right one."""

    ask: str
    choices: list[str]
    correct: int
    entry: GlossEntry


def vocab_question(
    entries: list[GlossEntry], tables: list[TermTable], date: dt.date | None = None
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
    distractors = _distractors(target, entries, tables, date)
    if len(distractors) < 2:
        return None
    choices = [target.definition or "", *distractors[:3]]
    # Deterministic shuffle: the right answer's place depends only on the term.
    correct = sum(map(ord, target.term)) % len(choices)
    choices[0], choices[correct] = choices[correct], choices[0]
    ask = f'As used in \u00b6{target.paragraph}, what does "{target.surface}" most nearly mean?'
    return VocabQuestion(ask, choices, correct, target)


def _distractors(
    target: GlossEntry, entries: list[GlossEntry], tables: list[TermTable], date: dt.date | None
) -> list[str]:
    """Other glossary definitions: the lesson's first, then the glossaries', in a fixed order."""
    own = [
        e.definition
        for e in sorted(entries, key=lambda e: " " in e.term)
        if e is not target and _common_noun(e) and e.definition and not e.always
    ]
    others = sorted(
        {
            e.definition
            for t in tables
            for e in t.entries.values()
            if _common_noun(e) and e.definition and e.term != target.term and not e.always
        },
        key=lambda d: (_stable(target.term + d), d),
    )
    out: list[str] = []
    for definition in own + others:
        # A choice that uses the word itself would point to (or away from) the answer.
        if _uses_word(definition, target) or states_later(definition, date):
            continue
        if definition not in out and definition != target.definition and len(definition) < 160:
            out.append(definition)
    return out[:3]


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
