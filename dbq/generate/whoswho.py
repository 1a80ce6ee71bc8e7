"""The who's who of the period (dbq/data/glossary-people.yaml): people by the offices they held.

A name is glossed from it only for a lesson whose dated documents all fall inside one office's
dates, and only when no other person of the file goes by the same spelling at those dates: the
"Eden" of a 1952 telegram is the Foreign Secretary, and a lesson with no date gets no entry.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from dbq.assets import data_file
from dbq.text.terms import term_key
from dbq.text.typography import typeset
from dbq.workspace.model import GlossaryTerm


class Office(BaseModel):
    """An office a person held, and what the glossary says of them while they held it."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")
    definition: str = Field(min_length=1)
    source: str = Field(min_length=1)

    def holds(self, dates: list[dt.date]) -> bool:
        """Is the definition right on every one of these dates?"""
        return bool(dates) and all(self.start <= d <= self.end for d in dates)


class PeriodPerson(BaseModel):
    """One person of the who's who: how the papers name them, and their offices."""

    model_config = ConfigDict(extra="forbid")

    term: str = Field(min_length=1)
    forms: list[str] = Field(default_factory=list)
    offices: list[Office] = Field(min_length=1)

    def office_at(self, dates: list[dt.date]) -> Office | None:
        """The office this person held through all these dates, if one."""
        return next((o for o in self.offices if o.holds(dates)), None)


class WhosWho(BaseModel):
    """The file: `people:` and a list of entries."""

    model_config = ConfigDict(extra="forbid")

    people: list[PeriodPerson]


def people_at(people: list[PeriodPerson], dates: list[dt.date]) -> list[GlossaryTerm]:
    """Glossary entries for the people whose office covers every one of these dates (a
    document's, or for an undated one every date of its lesson).

    A spelling two such people share ("Mr Holland", were there two) is dropped from both:
    the glossary never guesses between them.
    """
    holding = [(p, o) for p in people if (o := p.office_at(dates)) is not None]
    owners: dict[tuple[str, ...], set[str]] = {}
    for person, _ in holding:
        for spelling in [person.term, *person.forms]:
            owners.setdefault(term_key(spelling), set()).add(person.term)
    out = []
    for person, office in holding:
        forms = [f for f in person.forms if len(owners[term_key(f)]) == 1]
        if len(owners[term_key(person.term)]) > 1:
            continue
        out.append(
            GlossaryTerm(
                term=person.term,
                forms=forms,
                kind="person",
                definition=office.definition,
                source=office.source,
            )
        )
    return out


PEOPLE_FILE = "glossary-people.yaml"


@lru_cache(maxsize=1)
def builtin_people() -> tuple[PeriodPerson, ...]:
    """The shipped who's who, its definitions typeset as the other glossaries' are."""
    people = WhosWho.model_validate(data_file(PEOPLE_FILE)).people
    for person in people:
        for office in person.offices:
            office.definition = typeset(office.definition)
    return tuple(people)
