"""Issue 22: the Wilson Center copies' head lines without labels, and ids from names.

The Wilson texts are read from ../shared/corpus/wilson (not copied into the repository:
see that folder's README for their rights); the tests skip where it is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dbq.workspace.importer import import_text, join_split_sentences, name_key
from dbq.workspace.sources import split_paragraphs
from tests.helpers import CORPUS, SHARED_CORPUS

WILSON = SHARED_CORPUS / "wilson"


def _wilson(name: str) -> Path:
    path = WILSON / name
    if not path.is_file():
        pytest.skip(f"needs ../shared: {path}")
    return path


def _imported(path: Path):  # type: ignore[no-untyped-def]
    return import_text(path.read_text(encoding="utf-8"), path.name)


def test_an_outgoing_copy_keeps_destination_and_intermediary_out_of_the_text() -> None:
    found = _imported(_wilson("wilson-04-cable-3582-filippov-to-mao.txt"))
    paragraphs, _ = split_paragraphs(found.body)
    # 'BEIPING [SIC]' and 'to TEREBIN' were paragraphs 1 and 2 of the document.
    assert paragraphs[0].startswith("Pass the following to Cde. MAO ZEDONG:")
    assert "BEIPING" not in found.body.split("Pass the following")[0]
    notes = found.meta["notes"]
    assert "Destination on the copy: BEIPING [SIC]" in notes
    assert "Addressed on the copy: to TEREBIN" in notes
    # A destination is not where it was sent from; an intermediary is not the recipient.
    assert "place" not in found.meta and found.meta["recipient"] == "Mao Zedong"
    assert any("TEREBIN" in warning for warning in found.warnings)


def test_a_general_staff_cable_keeps_its_precedence_and_addressee_in_the_header() -> None:
    found = _imported(_wilson("wilson-06-cable-59976-kovalev-to-filippov.txt"))
    paragraphs, _ = split_paragraphs(found.body)
    assert paragraphs[0] == "I report:"
    assert found.meta["markings"] == ["MOLNIYA EH"]
    # 'to Cde. FILIPPOV' addresses Stalin by his cover name, as the title glosses it.
    assert found.meta["recipient_as"] == "Cde. FILIPPOV"
    assert found.meta["recipient"] == "Stalin"


def test_a_capitals_line_below_the_first_paragraph_is_no_destination() -> None:
    found = _imported(_wilson("wilson-11-cable-26044-gromyko-to-razuvaev.txt"))
    assert not any("Destination" in note for note in found.meta.get("notes", []))
    assert found.body.startswith("On 20 November the following directive")


def test_the_id_keeps_a_name_whose_order_is_not_shown() -> None:
    found = _imported(_wilson("wilson-02-mao-to-filippov.txt"))
    # Mao is the family name: 'zedong' would be a given name taken for a surname.
    assert found.proposed_id == "1948-05-10-mao-zedong-to-stalin"


@pytest.mark.parametrize(
    ("name", "signature", "key"),
    [
        ("Mao Zedong", "Mao Zedong", "Mao Zedong"),
        ("Liu Shaoqi", None, "Liu Shaoqi"),
        ("R. G. Casey", None, "Casey"),
        ("R.G. Menzies", None, "Menzies"),
        ("Dean Acheson", "Acheson", "Acheson"),
        ("Acheson", "Acheson", "Acheson"),
        ("Cde. FILIPPOV", None, "FILIPPOV"),
        ("Comrade Filippov", None, "Filippov"),
        ("Secretary of State", None, "State"),
        ("W. L. Mackenzie King", None, "W. L. Mackenzie King"),
    ],
)
def test_the_name_an_id_keeps(name: str, signature: str | None, key: str) -> None:
    assert name_key(name, signature) == key


def test_a_document_without_a_sender_gets_an_id_from_its_date_and_kind() -> None:
    path = CORPUS / "frus-1951" / "frus1951v07p2-d0009.txt"  # FRUS 1951, VII/2, doc. 9
    found = import_text(path.read_text(encoding="utf-8"), "call.txt")
    assert found.proposed_id == "1951-01-19-memorandum-of-conversation"
    assert found.meta["title"] == (
        "Memorandum of Telephone Conversation, Prepared in the Department of State"
    )


def test_a_blank_line_in_the_middle_of_a_sentence_starts_no_paragraph() -> None:
    path = SHARED_CORPUS / "dfat" / "v06-069.txt"
    if not path.is_file():
        pytest.skip(f"needs ../shared: {path}")
    found = import_text(path.read_text(encoding="utf-8"), path.name)
    paragraphs, _ = split_paragraphs(found.body)
    joined = [p for p in paragraphs if p.startswith("1. Owing to the situation")]
    assert joined and "and of Australian manpower, you felt" in joined[0]


def test_a_line_ending_a_lead_in_before_a_numbered_point_stays_apart() -> None:
    lines = [
        "The three items on which there was major disagreement relate to the",
        "",
        "1. A naval blockade of China;",
    ]
    assert join_split_sentences(lines) == lines
    short = ["Memorandum of", "", "Conversation"]  # a short line is no sentence cut in two
    assert join_split_sentences(short) == short


def test_notes_run_together_on_one_line_are_split() -> None:
    """DFAT v05-357 prints note 14 ("Franklin D. Roosevelt") on note 13's line: the text's
    "[14]" must get its note, or the excerpt keeps a bare marker."""
    path = SHARED_CORPUS / "dfat" / "v05-357.txt"
    if not path.is_file():
        pytest.skip(f"needs ../shared: {path}")
    notes = import_text(path.read_text(encoding="utf-8"), path.name).meta["notes"]
    assert "[14] Franklin D. Roosevelt." in notes
    assert any(n.startswith("[13] ") and n.endswith("for Malaya.") for n in notes)


def test_a_note_s_own_numbers_are_not_split_off() -> None:
    from dbq.workspace.archives import split_run_on_notes

    notes = ["[1] See Documents 3 and 4. 2 Then …", "[2] Franklin D. Roosevelt."]
    assert split_run_on_notes(notes) == notes  # note 2 stands alone: nothing to split
    assert split_run_on_notes(["[1] Volume 2 Part 3."]) == ["[1] Volume 2 Part 3."]


def test_a_paragraph_does_not_end_on_a_title_s_abbreviation() -> None:
    """DFAT v13-160: '… the Army Commander Lt.' / '' / 'General Spoor are non-committal …' is
    one sentence the copy broke, not two paragraphs."""
    lines = [
        "3. My opinion still remains that the Dutch will not reopen hostilities, and the Lt.",
        "",
        "General Spoor are non-committal in ordinary conversations.",
    ]
    assert join_split_sentences(lines) == [
        "3. My opinion still remains that the Dutch will not reopen hostilities, and the Lt. "
        "General Spoor are non-committal in ordinary conversations."
    ]


def test_a_footnote_marker_on_a_line_of_its_own_ends_the_paragraph_above() -> None:
    from dbq.workspace.importer import attach_lone_markers

    lines = [
        "4. A very strong counter would be made.",
        "",
        "[2]",
        "",
        "5. I have not discussed it.",
    ]
    assert attach_lone_markers(lines) == [
        "4. A very strong counter would be made. [2]",
        "",
        "5. I have not discussed it.",
    ]
    path = SHARED_CORPUS / "dfat" / "v13-160.txt"
    if not path.is_file():
        pytest.skip(f"needs ../shared: {path}")
    found = import_text(path.read_text(encoding="utf-8"), path.name)
    paragraphs, _ = split_paragraphs(found.body)
    assert not [p for p in paragraphs if not re.sub(r"\[\d+\]", "", p).strip()]
    assert any(p.endswith("[2]") and p.startswith("4. In view") for p in paragraphs)
