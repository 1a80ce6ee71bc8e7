"""The glossary's report for `dbq check`: reading load lines, and warnings for undefined
terms and heavy excerpts."""

from __future__ import annotations

import json

from dbq.errors import Problem
from dbq.generate.glossary import make_glossary
from dbq.generate.vocabulary import LessonGlossary
from dbq.prepare.lessons import PreparedLesson
from dbq.text.terms import is_circular
from dbq.workspace.glossaries import Glossaries
from dbq.workspace.model import Settings
from dbq.workspace.yamlio import Loc


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
        undefined = [e for e in document.entries if not e.definition]
        for entry in [*missing.get(document.label, []), *undefined]:
            where = f"¶{entry.paragraph}" if entry.paragraph else "the source line"
            problems.append(
                located.problem(
                    loc,
                    f'"{entry.term}" ({where}) needs a definition; add it to '
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
