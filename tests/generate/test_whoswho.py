"""The who's who of the period (issue 21, item 1): a name is glossed by the office its bearer
held at the lesson's dates, from the shipped file, or not at all."""

from __future__ import annotations

import datetime as dt

import pytest

from dbq.generate.glossary import builtin_tables
from dbq.generate.termtables import TermTable
from dbq.generate.vocabulary import BUILTIN, DocumentInput, generate_glossary
from dbq.generate.whoswho import Office, PeriodPerson, builtin_people, people_at
from dbq.prepare.excerpts import Passage, Segment
from dbq.text.wordnet import shipped_wordnet
from dbq.workspace.model import GlossaryOptions


@pytest.fixture(autouse=True)
def no_wordnet_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a fresh machine: only the WordNet subset shipped with dbq."""
    monkeypatch.delenv("WNSEARCHDIR", raising=False)


def glossed(text: str, day: dt.date) -> dict[str, str | None]:
    """Term -> definition for a one-paragraph document of this date, with the who's who table
    built for the lesson's dates as dbq.generate.glossary.make_glossary builds it."""
    tables = [
        TermTable.from_vocabulary([]),
        TermTable.from_glossary("workspace glossary", []),
        TermTable.from_glossary(BUILTIN, people_at(list(builtin_people()), [day])),
        *builtin_tables(),
    ]
    document = DocumentInput("A", [Passage(1, [Segment("text", text)])], date=day)
    settings = GlossaryOptions(questions=False, max_terms=40)
    result = generate_glossary([document], tables, shipped_wordnet(), settings, "9-12")
    return {e.term: e.definition for e in result.documents[0].entries}


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


def test_every_person_s_offices_are_dated_name_the_person_and_are_sourced() -> None:
    """Issue 21, item 1: each office is one span, says whose it is, and says where to check it."""
    people = builtin_people()
    assert len(people) >= 75
    for person in people:
        assert person.term not in person.forms, person.term
        for office in person.offices:
            assert office.start <= office.end, (person.term, office.start)
            assert person.term in office.definition, (person.term, office.definition)
            assert len(office.source.strip()) > 10, person.term
        # offices follow one another: a date belongs to one office at most
        for earlier, later in zip(person.offices, person.offices[1:], strict=False):
            assert earlier.end < later.start, person.term


def test_a_new_person_is_glossed_by_the_office_held_at_the_document_s_date() -> None:
    text = (
        "Rusk informed Ambassador Koo that Liu Shao-chi and Chu Teh had met Panikkar; "
        "Dept awaits further word."
    )
    terms = glossed(text, dt.date(1950, 10, 3))
    assert terms["Dean Rusk"] == (
        "Dean Rusk, the U.S. Assistant Secretary of State for Far Eastern Affairs from March 1950."
    )
    assert "Vice-Chairman of the Central People\u2019s Government" in (terms["Liu Shaoqi"] or "")
    # a Wade-Giles spelling with no word of the pinyin name is printed with it
    assert "People\u2019s Liberation Army" in (terms["Chu Teh (Zhu De)"] or "")
    assert "Ambassador to the People\u2019s Republic of China" in (terms["K. M. Panikkar"] or "")
    # the same names in 1961: Rusk is Secretary of State, Liu head of state, Panikkar gone
    terms = glossed(text, dt.date(1961, 6, 1))
    assert terms["Dean Rusk"] == "Dean Rusk, the U.S. Secretary of State from January 1961."
    assert "Chairman (head of state)" in (terms["Liu Shaoqi"] or "")
    assert "K. M. Panikkar" not in terms


def test_a_new_person_is_not_glossed_outside_an_office_s_dates() -> None:
    text = "Mr. Macmillan and Mr Holt spoke with Mrs. Pandit about Van Fleet and Marshal Zhukov."
    inside = glossed(text, dt.date(1957, 3, 1))
    assert inside["Harold Macmillan"] and "Prime Minister" in inside["Harold Macmillan"]
    assert inside["Harold Holt"] and "Labour and National Service" in inside["Harold Holt"]
    assert inside["Georgy Zhukov"] and "Minister of Defense" in inside["Georgy Zhukov"]
    # Mrs. Pandit presided over the General Assembly in 1953-54; Van Fleet left Korea in 1953
    assert "Vijaya Lakshmi Pandit" not in inside and "James A. Van Fleet" not in inside
    outside = glossed(text, dt.date(1947, 6, 1))
    people = {p.term for p in builtin_people()}
    assert not people & set(outside), outside
    # Macmillan's office of 1957 is printed for no other year's letter
    assert not any("Prime Minister" in (d or "") for d in outside.values())


def test_the_third_batch_is_glossed_only_inside_its_offices() -> None:
    people = list(builtin_people())
    in_1951 = {t.term: t for t in people_at(people, [dt.date(1951, 10, 3)])}
    assert "Secretary-General" in in_1951["Sir Girja Shankar Bajpai"].definition
    assert "Pannikar" in in_1951["K. M. Panikkar"].forms
    # Henderson left New Delhi on 21 September; Bowles presented credentials on 1 November
    assert "Chester Bowles" not in in_1951 and "Loy W. Henderson" not in in_1951
    in_june = {t.term: t for t in people_at(people, [dt.date(1951, 6, 1)])}
    assert "India" in in_june["Loy W. Henderson"].definition
    in_1965 = {t.term: t for t in people_at(people, [dt.date(1965, 8, 9)])}
    assert "Prime Minister" in in_1965["Harold Wilson"].definition
    assert "Malaysia" in in_1965["Tom Critchley"].definition
    assert "President" in in_1965["Lyndon B. Johnson"].definition
    assert "John F. Kennedy" not in in_1965 and "Sir Girja Shankar Bajpai" not in in_1965


def test_no_office_s_definition_tells_of_a_later_event() -> None:
    """A definition printed from an office's first day must not tell what came after it
    ("until his assassination in November 1963", "of Malaysia from September 1963"): the
    worksheet would cut the sentence, and the entry would be printed in the key only."""
    from dbq.generate.later import states_later

    for person in builtin_people():
        for office in person.offices:
            assert not states_later(office.definition, office.start), person.term


def test_two_spellings_of_one_person_are_one_entry() -> None:
    """FRUS prints Panikkar three ways; the box explains him once, under his own name."""
    terms = glossed(
        "Lamb will report any info recd from Panikkar, but finds it difficult extract info "
        "from Pannikkar.",
        dt.date(1951, 8, 22),
    )
    panikkar = [t for t, d in terms.items() if "Ambassador to the People" in (d or "")]
    assert panikkar == ["K. M. Panikkar"]
