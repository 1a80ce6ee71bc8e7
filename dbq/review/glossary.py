"""The glossary's report for `dbq check`: reading load lines, and warnings for undefined
terms and heavy excerpts."""

from __future__ import annotations

import json
import re

from dbq.errors import Problem
from dbq.generate.glossary import make_glossary
from dbq.generate.vocabulary import GlossEntry, LessonGlossary
from dbq.prepare.lessons import PreparedLesson
from dbq.text.terms import is_circular
from dbq.text.wordnet import Lexicon
from dbq.workspace.glossaries import Glossaries
from dbq.workspace.model import Settings
from dbq.workspace.yamlio import Loc, Located

# How a definition's own wording shows its part of speech, for definitions no dictionary wrote.
_VERB_DEFINITION = re.compile(r"^(?:\([^)]*\)\s*)?to\s", re.IGNORECASE)
_NOUN_DEFINITION = re.compile(r"^(?:\([^)]*\)\s*)?(?:a|an|the|any|one)\s", re.IGNORECASE)


def definition_pos(entry: GlossEntry, dictionary: Lexicon | None) -> str | None:
    """The part of speech a printed definition defines: the dictionary's, for one of its
    senses; else what its wording shows ("To ..." a verb, "A ..." a noun); None if unclear."""
    definition = entry.definition or ""
    if dictionary is not None:
        sense = dictionary.sense_of([entry.term, entry.surface or entry.term], definition)
        if sense is not None:
            return sense[0]
    if _VERB_DEFINITION.match(definition):
        return "verb"
    if _NOUN_DEFINITION.match(definition):
        return "noun"
    return None


def wrong_part_of_speech(entry: GlossEntry, dictionary: Lexicon | None) -> str | None:
    """The other part of speech a definition gives, when the text's use rules it out
    ("augurs well" defined as a Roman priest; "to designate" defined as "A person named")."""
    if not entry.definition or not entry.pos:
        return None
    pos = definition_pos(entry, dictionary)
    return pos if pos is not None and pos not in entry.pos else None


def name_as_common_word(entry: GlossEntry, dictionary: Lexicon | None) -> bool:
    """Is a name the text capitalizes defined by a dictionary sense of the common word
    ("Rusk" as a slice of bread)?"""
    surface = entry.surface or entry.term
    named = entry.name or entry.kind in ("name", "person")
    if dictionary is None or not entry.definition or not named:
        return False
    if not surface[:1].isupper() or surface.isupper():
        return False
    sense = dictionary.sense_of([entry.term, surface], entry.definition)
    return sense is not None and not sense[1]


def yaml_line(term: str) -> str:
    """The glossary line to add for a term; JSON strings are valid YAML, whatever the term."""
    return f'  - {{term: {json.dumps(term, ensure_ascii=False)}, definition: "..."}}'


def glossary_report(
    prepared: PreparedLesson, settings: Settings, glossaries: Glossaries, glossary: LessonGlossary
) -> tuple[list[str], list[Problem]]:
    """Reading load lines for `dbq check`, and warnings: undefined terms, heavy excerpts.

    `glossary` is the one the packet prints.
    """
    # A drafted lesson prints only its own entries; the hard words it leaves undefined are
    # still worth a hint.
    unpinned = glossary
    if prepared.lesson.generate.drafted:
        unpinned = make_glossary(prepared, settings, glossaries, pinned=False)
    missing = {d.label: d.missing for d in unpinned.documents}
    located = prepared.located
    if located is None:
        return [], []
    low, high = glossary.band
    lines, problems = [], []
    adaptations = {d.label: d.adaptation for d in prepared.documents}
    for index, document in enumerate(glossary.documents):
        load = document.reading
        adapted = adaptations.get(document.label)
        easier = (
            f"; adapted: {adapted.adapted_load.words} words, grade {adapted.adapted_load.grade:.1f}"
            if adapted
            else ""
        )
        lines.append(
            f"  Document {document.label}: {load.words} words, "
            f"Flesch-Kincaid grade {load.grade:.1f}, {len(document.entries)} glossed{easier}"
        )
        loc: Loc = ("documents", index, "excerpt")
        if load.grade > high and not (adapted and adapted.adapted_load.grade <= high):
            problems.append(
                located.problem(
                    loc,
                    f"Document {document.label} reads at grade {load.grade:.1f}, above the "
                    f"lesson's grades {low}-{high}; shorten it, cut clauses, or gloss more",
                    severity="warning",
                    code="G002",
                )
            )
        if load.words > glossary.max_words:
            problems.append(
                located.problem(
                    loc,
                    f"Document {document.label} is {load.words} words, more than "
                    f"{glossary.max_words}; cut it or split it into two documents",
                    severity="warning",
                    code="G002",
                )
            )
        for entry in document.entries:
            if entry.definition and is_circular(entry.term, entry.definition):
                problems.append(
                    located.problem(
                        loc,
                        f'"{entry.term}" is defined by itself ("{entry.definition}"); say what '
                        f"it means in other words in {settings.glossary_file} or the lesson's "
                        "`vocabulary:`",
                        severity="warning",
                        code="G003",
                    )
                )
            problems += _sense_problems(entry, glossaries.wordnet, located, loc, settings)
        undefined = [e for e in document.entries if not e.definition]
        for entry in [*missing.get(document.label, []), *undefined]:
            where = f"¶{entry.paragraph}" if entry.paragraph else "the source line"
            why = "needs a definition; add it to"
            if entry.senses > 1:
                why = (
                    f"has {entry.senses} dictionary senses and the text does not show which; "
                    "add the one it means to"
                )
            problems.append(
                located.problem(
                    loc,
                    f'"{entry.term}" ({where}) {why} '
                    f"{settings.glossary_file} under `terms:` as {yaml_line(entry.term)}",
                    severity="warning",
                    code="G001",
                )
            )
    for entry in glossary.unplaced:
        if not entry.definition:
            problems.append(
                located.problem(
                    ("vocabulary",),
                    f'"{entry.term}" needs a definition; write one in the lesson, or add it to '
                    f"{settings.glossary_file} under `terms:` as {yaml_line(entry.term)}",
                    severity="warning",
                    code="G001",
                )
            )
    return lines, problems


def _sense_problems(
    entry: GlossEntry, dictionary: Lexicon | None, located: Located, loc: Loc, settings: Settings
) -> list[Problem]:
    """G004 (a name defined as a common word) and G005 (another part of speech)."""
    where = f"¶{entry.paragraph}" if entry.paragraph else "the source line"
    fix = f"write the right one in {settings.glossary_file} or the lesson's `vocabulary:`"
    out = []
    if name_as_common_word(entry, dictionary):
        message = (
            f'"{entry.term}" ({where}) is a name, but its definition is the common word\'s '
            f'("{entry.definition}"); {fix}, or leave it out'
        )
        out.append(located.problem(loc, message, severity="warning", code="G004"))
    if (pos := wrong_part_of_speech(entry, dictionary)) is not None:
        use = " or ".join(entry.pos)
        message = (
            f'"{entry.term}" ({where}) is used as a {use} there, but its definition is a '
            f'{pos}\'s ("{entry.definition}"); {fix}'
        )
        out.append(located.problem(loc, message, severity="warning", code="G005"))
    return out
