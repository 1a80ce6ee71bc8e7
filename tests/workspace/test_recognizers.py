"""The line recognizers on conventions beyond the FRUS test set, and what they must refuse."""

from __future__ import annotations

import datetime as dt

import pytest

from dbq.workspace import recognizers as rec
from dbq.workspace.importer import import_text


@pytest.mark.parametrize(
    ("line", "place", "editorial", "date", "time"),
    [
        ("New Delhi, June 15, 1951—4 p. m.", "New Delhi", None, "1951-06-15", "16:00"),
        ("[Washington,] January 17, 1951.", None, "Washington", "1951-01-17", None),
        ("[Washington, January 17, 1951.]", None, "Washington", "1951-01-17", None),
        ("Washington, 2 February 1951.", "Washington", None, "1951-02-02", None),
        ("London, October 15, 1951, 3 p. m.", "London", None, "1951-10-15", "15:00"),
        ("Taipei, October 17, 1951—noon.", "Taipei", None, "1951-10-17", "12:00"),
        ("Hong Kong, Nov. 1, 1951—9 p. m. and 11 p. m.", "Hong Kong", None, "1951-11-01", "21:00"),
        # Forms the FRUS set does not have.
        ("MOSCOW, 22nd February 1946, 1330 hours", "Moscow", None, "1946-02-22", "13:30"),
        ("Paris, the 3 of March 1949", None, None, None, None),
        ("Berlin, Sept. 5, 1948, 11:45 a.m.", "Berlin", None, "1948-09-05", "11:45"),
        ("[London,] 4 May 1950.", None, "London", "1950-05-04", None),
        ("Saigon, 1st December 1950—midnight", "Saigon", None, "1950-12-01", "00:00"),
        ("January 3, 1951", None, None, "1951-01-03", None),
    ],
)
def test_datelines(line, place, editorial, date, time) -> None:
    found = rec.dateline(line)
    if date is None:
        assert found is None
        return
    assert found is not None
    assert (found.place, found.place_editorial) == (place, editorial)
    assert found.date.isoformat() == date
    assert (found.time.strftime("%H:%M") if found.time else None) == time


@pytest.mark.parametrize(
    "line",
    [
        "On October 15, 1951, 3 p. m. the Minister called.",  # a sentence, not a dateline
        "London, February 30, 1951.",  # no such day
        "Secret Agent",
        "Priority shipments",
    ],
)
def test_body_sentences_are_not_header_lines(line) -> None:
    assert rec.dateline(line) is None and rec.markings(line) is None


@pytest.mark.parametrize(
    ("line", "classification", "marks"),
    [
        ("Top Secret Priority", "Top Secret", ["Priority"]),
        ("SECRET", "SECRET", []),
        ("RESTRICTED", "RESTRICTED", []),
        ("Secret Niact", "Secret", ["Niact"]),
        ("Confidential / Immediate", "Confidential", ["Immediate"]),
        ("TOP SECRET EMERGENCY", "TOP SECRET", ["EMERGENCY"]),
        ("Official—Informal", None, ["Official—Informal"]),
        ("Top Secret Air Pouch", "Top Secret", ["Air Pouch"]),
    ],
)
def test_classification_and_precedence(line, classification, marks) -> None:
    assert rec.markings(line) == (classification, marks)


@pytest.mark.parametrize(
    ("line", "author", "role", "recipient", "kind"),
    [
        (
            "4. The Ambassador in India (Henderson) to the Secretary of State",
            "Henderson",
            "Ambassador in India",
            "Secretary of State",
            None,
        ),
        (
            "Telegram from the Embassy in Moscow to the Department of State",
            None,
            "Embassy in Moscow",
            "Department of State",
            "telegram",
        ),
        (
            "Cablegram from the Ambassador in France (Bruce) to the Secretary of State",
            "Bruce",
            "Ambassador in France",
            "Secretary of State",
            "telegram",
        ),
        (
            "Memorandum of Conversation, by the Secretary of State",
            None,
            "Secretary of State",
            None,
            "memorandum of conversation",
        ),
        (
            "Memorandum by the Joint Chiefs of Staff to the Secretary of Defense (Marshall)",
            None,
            "Joint Chiefs of Staff",
            "Marshall",
            "memorandum",
        ),
    ],
)
def test_head_lines_keep_office_and_name_apart(line, author, role, recipient, kind) -> None:
    head = rec.head_line(line)
    assert head is not None
    assert (head.author, head.author_role, head.recipient, head.kind) == (
        author,
        role,
        recipient,
        kind,
    )


def test_an_ambiguous_head_is_left_alone() -> None:
    # Which "to" separates sender from recipient? The text does not say, so nothing is taken.
    assert rec.head_line("The Special Assistant to the Secretary to the Ambassador") is None


def test_closers() -> None:
    signed = rec.closer(["For the Ambassador:", "John M. Allison", "Counselor of Embassy"])
    assert signed is not None
    assert (signed.signature, signed.signed_for, signed.signer_title) == (
        "John M. Allison",
        "For the Ambassador:",
        "Counselor of Embassy",
    )
    assert rec.closer(["Pouched Taipei."]) is None
    assert rec.closer(["Sincerely yours,"]) is None
    assert rec.drafter("Thai Amb is communicating this info. [Rusk.]") == "Rusk"


def test_a_cable_form_with_labelled_header_lines() -> None:
    text = (
        "FROM: Embassy Paris\nTO: Secretary of State\nDATE: 3 March 1949\n"
        "SUBJECT: Coal deliveries\n\n"
        "217. The Foreign Minister asked today whether deliveries would continue.\n\nBRUCE\n"
    )
    meta = import_text(text, "cable.txt").meta
    # The header names an office, a person signs: he is the author (issue 22).
    assert meta["author_role"] == "Embassy Paris" and meta["author"] == "Bruce"
    assert meta["recipient"] == "Secretary of State"
    assert meta["date"] == dt.date(1949, 3, 3)
    assert meta["signature"] == "BRUCE"


def test_nothing_is_invented() -> None:
    text = (
        "The Minister said on June 2, 1951, that he would reply.\n\n"
        "1. He would consult the cabinet.\n\n2. He would write.\n"
    )
    found = import_text(text, "notes-1951-06-30.txt")
    # The date in a sentence is no dateline: the file name's date is used, and said to be.
    assert found.meta["date"] == dt.date(1951, 6, 30)
    assert found.found["date sent"] == "1951-06-30 (from the file name)"
    for absent in ("number", "place", "author", "signature", "classification", "time"):
        assert absent not in found.meta
    assert found.body.startswith("The Minister said")
