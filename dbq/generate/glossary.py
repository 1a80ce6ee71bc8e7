"""The lesson glossary: the vocabulary generator run on a prepared lesson.

Pure: the glossaries it draws on are loaded once per run (dbq/workspace/glossaries.py).
"""

from __future__ import annotations

import datetime as dt

from dbq.generate.abbreviations import SPELLED_OUT, spelled_out
from dbq.generate.vocabulary import (
    BUILTIN,
    WORKSPACE,
    DocumentInput,
    LessonGlossary,
    TermTable,
    generate_glossary,
)
from dbq.generate.whoswho import builtin_people, people_at
from dbq.prepare.lessons import PreparedLesson
from dbq.prepare.people import document_people
from dbq.prepare.sourceline import source_line
from dbq.workspace.glossaries import TELEGRAPHESE, Glossaries, builtin_glossary
from dbq.workspace.model import GlossaryOptions, Settings


def builtin_tables() -> list[TermTable]:
    """The built-in glossaries as lookup tables: history terms, then telegraphese.

    Telegraphese is found however common its letters are elsewhere ("re", "info").
    """
    return [
        TermTable.from_glossary(BUILTIN, list(builtin_glossary())),
        TermTable.from_glossary(BUILTIN, list(builtin_glossary(TELEGRAPHESE)), always=True),
    ]


def lesson_options(
    prepared: PreparedLesson, settings: Settings, *, pinned: bool = True
) -> GlossaryOptions:
    """dbq.yaml's glossary settings with the lesson's own on top.

    pinned=False: as if the lesson did not pin generation (`generate: drafted`), to find the
    terms that still need a definition.
    """
    own = prepared.lesson.glossary
    options = settings.glossary
    if own is not None:
        options = options.model_copy(update=own.model_dump(exclude_unset=True))
    if pinned and prepared.lesson.generate.drafted:  # pinned: only the lesson's own `vocabulary:`
        options = options.model_copy(update={"generate": False, "questions": False})
    asks = own is not None and "questions" in own.model_fields_set
    if prepared.lesson.generate.off and not asks:
        # `generate: false` turns generated questions off, the vocabulary question too
        options = options.model_copy(update={"questions": False})
    return options


def lesson_dates(prepared: PreparedLesson) -> list[dt.date]:
    """The dates of the lesson's dated documents."""
    return [d.source.meta.date for d in prepared.documents if d.source.meta.date is not None]


def make_glossary(
    prepared: PreparedLesson, settings: Settings, glossaries: Glossaries, *, pinned: bool = True
) -> LessonGlossary:
    """Run the generator on a prepared lesson."""
    options = lesson_options(prepared, settings, pinned=pinned)
    paragraphs = [p for d in prepared.documents for p in d.source.paragraphs]
    before = [
        TermTable.from_vocabulary(prepared.lesson.vocabulary),
        TermTable.from_glossary(WORKSPACE, glossaries.workspace),
        # what a document spells out itself comes before any general glossary's reading
        TermTable.from_glossary(SPELLED_OUT, spelled_out(paragraphs)),
    ]
    after = builtin_tables()

    def people_table(dates: list[dt.date]) -> TermTable:
        """The period's people by the office they held at these dates, or not at all."""
        return TermTable.from_glossary(BUILTIN, people_at(list(builtin_people()), dates))

    lesson_wide = lesson_dates(prepared)
    tables = [*before, people_table(lesson_wide), *after]
    documents = [
        DocumentInput(
            d.label,
            d.excerpt.passages,
            source_line(d.source.meta, d.excerpt.adapted, d.excerpt.whole),
            d.source.meta.date,
            document_people(d.source.meta, d.source.paragraphs),
            # a dated document's people as they were at its date ("Chifley" in 1947 beside
            # a paper of 1957); an undated one's, at the dates of the whole lesson
            [*before, people_table([date]), *after] if (date := d.source.meta.date) else None,
        )
        for d in prepared.documents
    ]
    dictionary = glossaries.wordnet if options.wordnet else None
    return generate_glossary(documents, tables, dictionary, options, prepared.lesson.grades)
