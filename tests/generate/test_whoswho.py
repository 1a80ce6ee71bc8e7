"""The who's who of the period (issue 21, item 1): a name is glossed by the office its bearer
held at the lesson's dates, from the shipped file, or not at all."""

from __future__ import annotations

import datetime as dt

from dbq.generate.whoswho import Office, PeriodPerson, builtin_people, people_at


def test_every_person_of_the_shipped_file_has_dated_sourced_offices() -> None:
    people = builtin_people()
    assert len(people) >= 30
    for person in people:
        for office in person.offices:
            assert office.start <= office.end, person.term
            assert office.source.strip() and office.definition.endswith("."), person.term


def test_the_office_held_at_the_lesson_s_dates_is_the_one_printed() -> None:
    people = list(builtin_people())
    eden_1952 = {t.term: t for t in people_at(people, [dt.date(1952, 3, 1)])}["Anthony Eden"]
    assert "Foreign Secretary" in eden_1952.definition and "Eden" in eden_1952.forms
    eden_1956 = {t.term: t for t in people_at(people, [dt.date(1956, 5, 1)])}["Anthony Eden"]
    assert "Prime Minister" in eden_1956.definition
    # a lesson whose documents straddle two offices, or have no date, gets no entry
    assert "Anthony Eden" not in {
        t.term for t in people_at(people, [dt.date(1955, 1, 1), dt.date(1956, 1, 1)])
    }
    assert people_at(people, []) == []
    # Acheson was no Secretary of State in 1954
    assert "Dean Acheson" not in {t.term for t in people_at(people, [dt.date(1954, 6, 1)])}


def test_a_spelling_two_people_share_at_the_dates_is_dropped() -> None:
    office = Office.model_validate(
        {"from": "1950-01-01", "to": "1952-12-31", "definition": "X.", "source": "S."}
    )
    one = PeriodPerson(term="Herbert Morrison", forms=["Morrison"], offices=[office])
    two = PeriodPerson(term="Ian Morrison", forms=["Morrison"], offices=[office])
    terms = {t.term: t for t in people_at([one, two], [dt.date(1951, 6, 1)])}
    assert set(terms) == {"Herbert Morrison", "Ian Morrison"}
    assert terms["Herbert Morrison"].forms == [] and terms["Ian Morrison"].forms == []
