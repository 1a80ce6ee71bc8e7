"""People named in a document, identified from the document itself (issue 21, item 1).

Real FRUS documents from tests/data/corpus/frus-1951, imported and built as a teacher would:
the glossary names a person from the memorandum's participants' lines or the editors' notes,
and gives nothing when the document leaves it unsure who a name is.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from dbq.prepare.people import AMBIGUOUS, Person, author_name, document_people
from dbq.workspace.model import SourceMeta
from tests.conftest import Run, write
from tests.helpers import CORPUS, composed_lesson

FRUS = CORPUS / "frus-1951"

LESSON = """\
title: Who is who
grades: 9-12
documents:
  - source: {source}
    excerpt:
      paragraphs: "{paragraphs}"
"""


def build_key(root: Path, run: Run, source_file: Path, source: str, paragraphs: str) -> str:
    """Import a corpus file, build a one-document lesson with `dbq build --html`, and return
    its answer key's text."""
    result = run("sources", "import", str(source_file), "--id", source)
    assert result.exit_code == 0, result.output
    write(root / "lessons" / f"{source}.yaml", LESSON.format(source=source, paragraphs=paragraphs))
    result = run("build", source, "--html")
    assert result.exit_code == 0, result.output
    page = (root / "output" / source / f"{source}-answer-key.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def glossary_entries(root: Path, lesson: str) -> dict[str, object]:
    glossary = composed_lesson(root, lesson).packet.glossary
    assert glossary is not None
    return {e.term: e for d in glossary.documents for e in [*d.entries, *d.missing]}


def test_memorandum_names_the_counselor_from_its_participants(workspace: Path, run: Run) -> None:
    """FRUS d0279: 'Mr. Meade' is the British Embassy's counselor of its participants' line,
    not the Union general or the economist of a dictionary."""
    key = build_key(workspace, run, FRUS / "frus1951v07p2-d0279.txt", "meade", "1-6")
    assert "Meade C. A. Gerald Meade, Counselor of the British Embassy." in key
    assert "[the source's head, ¶3]" in key
    assert "Gettysburg" not in key and "economist" not in key
    # The author is named in the source line, as a person, with his office.
    assert "David H. Popper, Officer in Charge of General Assembly Affairs" in key
    entries = glossary_entries(workspace, "meade")
    assert "Gerald Meade" not in entries  # one entry for every form of his name
    assert entries["Meade"].count >= 3  # type: ignore[attr-defined]


def test_telegram_names_the_people_of_its_editors_notes(workspace: Path, run: Run) -> None:
    """FRUS d0253: the editors' footnotes say who Jebb and Coulson are."""
    key = build_key(workspace, run, FRUS / "frus1951v07p2-d0253.txt", "amc", "1-9")
    assert (
        "Jebb Sir Gladwyn Jebb, United Kingdom Representative to the United Nations. "
        "[the source's notes, ¶1]"
    ) in key
    assert "Coulson John Eltringham Coulson, Deputy United Kingdom Representative" in key


def test_a_name_that_opens_sentences_is_named_from_the_notes(workspace: Path, run: Run) -> None:
    """FRUS d0118: 'Nye listened closely …': the name opens its sentences, and the editors'
    note says who he is; a capitalised word opening a sentence is otherwise no name."""
    key = build_key(workspace, run, FRUS / "frus1951v07p2-d0118.txt", "nye", "1-12")
    assert (
        "Nye Sir Archibald Nye, High Commissioner for the United Kingdom in India. "
        "[the source's notes, ¶"
    ) in key


def test_source_line_names_the_secretary_as_the_document_signs(workspace: Path, run: Run) -> None:
    """A telegram of the Secretary of State's office signed 'Acheson' is Acheson's; a letter
    signed 'Dean Acheson' gives his full name. Nothing beyond what the document says."""
    key = build_key(workspace, run, FRUS / "frus1951v07p2-d0109.txt", "tibet", "1-3")
    assert "Acheson, Secretary of State, telegram to the Embassy in India" in key
    assert "Dean Acheson" not in key
    key = build_key(workspace, run, FRUS / "frus1951v07p2-d0254.txt", "trade", "1-3")
    assert "Dean Acheson, Secretary of State, letter to Lovett" in key


def test_an_unsure_match_gives_no_definition(workspace: Path, run: Run) -> None:
    """Two Wilsons (the author and a President of the notes), a Mrs. Peart beside a noted Fred
    Peart, a Seymour Berry beside a noted Sir William Berry: none is defined."""
    write(
        workspace / "sources" / "two-wilsons.md",
        """\
---
title: Telegram, Wilson to Secretary of State
type: telegram
author: Wilson
author_role: Consul General at Calcutta
recipient: Secretary of State
date: 1951-07-16
notes:
- "[1] Woodrow Wilson, President of the United States, 1913–21."
- "[2] Fred Peart, Minister for Agriculture, 1964–68."
- "[3] Sir William Berry, joint proprietor of the Daily Telegraph."
---
Shakabpa recalled that Wilson[1] had spoken of self-determination for small nations.

The Consul met Peart[2] and Mrs. Peart, with Seymour Berry and Sir William Berry.[3]
""",
    )
    lesson = LESSON.format(source="two-wilsons", paragraphs="1-2")
    write(workspace / "lessons" / "unsure.yaml", lesson)
    entries = glossary_entries(workspace, "unsure")
    assert entries["Wilson"].definition is None  # type: ignore[attr-defined]
    assert entries["Peart"].definition == "Fred Peart, Minister for Agriculture, 1964–68."  # type: ignore[attr-defined]
    assert entries["Berry"].origin == "the source's notes"  # type: ignore[attr-defined]
    for term in ("Mrs. Peart", "Mrs Peart", "Seymour Berry"):
        entry = entries.get(term)
        assert entry is None or entry.definition is None  # type: ignore[attr-defined]


def test_matching_rules() -> None:
    """Surname and every given name or initial shown; a title the person does not hold, or a
    second person of the surname, is no match."""
    meta = SourceMeta.model_validate(
        {
            "title": "Memorandum",
            "author": "Rankin",
            "author_role": "Chargé in the Republic of China",
            "signature": "K. L. Rankin",
            "notes": [
                "[1] Rear Adm. Harry B. Jarrett, Senior Military Attaché in Taipei.",
                "[2] General Yu Ta-wei, Chinese Embassy.",
                "[3] Karl Lott Rankin was Minister and Chargé d’Affaires ad interim.",
                "[4] Not printed.",
                "[5] U.K. Prime Minister.",
            ],
        }
    )
    paragraphs = ["Mr Chamberlain [5] and Admiral Jarrett talked with General Yu."]
    people = document_people(meta, paragraphs)
    jarrett = people.identify(["Jarrett"], "Admiral ")
    assert isinstance(jarrett, Person) and jarrett.name.printed == "Rear Adm. Harry B. Jarrett"
    assert people.identify(["Jarrett"], "President ") == AMBIGUOUS
    assert people.identify(["Tom", "Jarrett"]) == AMBIGUOUS
    yu = people.identify(["Yu"], "General ")
    assert isinstance(yu, Person) and yu.definition == "General Yu Ta-wei, Chinese Embassy."
    chamberlain = people.identify(["Chamberlain"], "Mr ")
    assert isinstance(chamberlain, Person)
    assert chamberlain.definition == "The U.K. Prime Minister."
    rankin = people.identify(["Rankin"])
    assert isinstance(rankin, Person)
    assert rankin.fullest.printed == "Karl Lott Rankin"
    assert people.identify(["Wellington", "Koo"]) is None
    assert author_name(meta) == "Karl Lott Rankin"


def test_an_unsigned_memorandum_is_named_by_its_title_once(workspace: Path, run: Run) -> None:
    """FRUS d0025 names no author: its title names it, without "memorandum of conversation"
    said a second time after "Memorandum of Telephone Conversation"."""
    key = build_key(workspace, run, FRUS / "frus1951v07p2-d0025.txt", "memo", "9-10")
    line = "Memorandum of Telephone Conversation, Prepared in the Department of State, "
    assert line + "February 2, 1951" in " ".join(key.split()), key
    assert "Department of State, memorandum of conversation" not in " ".join(key.split())


def test_a_cablegram_named_by_its_title_is_not_named_twice() -> None:
    """DFAT v25-101, "Cablegram to Canberra", a telegram to Canberra: said once."""
    import datetime as dt

    from dbq.prepare.sourceline import source_line
    from dbq.workspace.model import SourceMeta

    meta = SourceMeta(
        title="Cablegram to Canberra",
        type="telegram",
        recipient="Canberra",
        date=dt.date(1963, 8, 20),
        place="Singapore",
    )
    assert source_line(meta, False, False) == (
        "Cablegram to Canberra, Singapore, August 20, 1963. (excerpt)"
    )
