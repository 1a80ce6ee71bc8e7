"""Tagged PDF/UA packets (issue 25, item 1): what a screen reader gets from the PDFs.

Read back with pypdf (tests/render/tagged.py): the structure tree in reading order, the
language, the title, the timeline's alternative text, and the numbers in the margin read as
"Paragraph 2." or not at all, never into a sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Run, write
from tests.helpers import ONE_DOCUMENT, SAMPLE_LESSON
from tests.render.tagged import Tree


def _built(run: Run, root: Path, lesson_id: str, *args: str) -> Path:
    result = run("build", lesson_id, *args, root=root)
    assert result.exit_code == 0, result.output
    return root / "output" / lesson_id


def test_both_copies_are_tagged_pdf_ua_with_language_and_title(run: Run, workspace: Path) -> None:
    write(workspace / "lessons" / "one.yaml", ONE_DOCUMENT)
    folder = _built(run, workspace, "one")
    for name in ("one-worksheet.pdf", "one-answer-key.pdf"):
        tree = Tree(folder / name)
        catalog = tree.catalog
        assert catalog["/Lang"] == "en"
        assert bool(catalog["/MarkInfo"]["/Marked"])
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
        assert tree.reader.metadata.title.startswith("One document")
        xmp = catalog["/Metadata"].get_object().get_data().decode()
        assert re.search(r"pdfuaid:part[^0-9]*1", xmp), "no PDF/UA-1 identification"
        assert tree.kinds["/H1"] == 1 and tree.kinds["/H2"] >= 1
        # The question is read, in reading order after its document
        read = re.sub(r"\s+", " ", tree.read)
        assert read.index("Document A") < read.index("What does Mao propose?")
        # The footer ("Page 1 of 2") is a running artifact, not part of the text
        assert "Page 1 of" not in read


def test_paragraph_numbers_are_read_as_paragraphs(run: Run, workspace: Path) -> None:
    write(workspace / "lessons" / "one.yaml", ONE_DOCUMENT)
    tree = Tree(_built(run, workspace, "one") / "one-worksheet.pdf")
    read = re.sub(r"\s+", " ", tree.read)
    assert "Paragraph 9." in read
    # … and the bare "9" is not read before the paragraph's first words
    assert not re.search(r"(?<![\w.])9 ?At present the enemy", read)


@pytest.mark.slow
def test_line_numbers_stay_out_of_the_text(sample_workspace: Path, run: Run) -> None:
    """mao-generated-1951 numbers every fifth line: a screen reader must not read "5" mid-line."""
    folder = _built(run, sample_workspace, "mao-generated-1951")
    tree = Tree(folder / "mao-generated-1951-worksheet.pdf")
    printed = "\n".join(page.extract_text() for page in tree.reader.pages)
    assert re.search(r"\D5 ¶16", printed), "the worksheet should print line numbers in the margin"
    assert "Paragraph 16." in tree.read
    assert tree.bare_numbers == [], "a number in the margin is read into the text"


@pytest.mark.slow
def test_the_timeline_is_described_event_by_event(sample_workspace: Path, run: Run) -> None:
    folder = _built(run, sample_workspace, SAMPLE_LESSON)
    worksheet = Tree(folder / f"{SAMPLE_LESSON}-worksheet.pdf")
    key = Tree(folder / f"{SAMPLE_LESSON}-answer-key.pdf")
    [students] = worksheet.figures
    [teacher] = key.figures
    assert students.startswith("Timeline: Ending a War Without Losing It")
    # Every event the students' picture shows, oldest first, the documents in their place
    order = [
        "North Korea invades the South",
        "Armistice talks open at Kaesong",
        "Talks resume at Panmunjom",
        "Documents A–C",
    ]
    positions = [students.index(event) for event in order]
    assert positions == sorted(positions)
    assert "Jun 25, 1950" in students
    # What came after the documents is the teacher's alone, and said to be so
    assert "Stalin dies" not in students and "After the documents" not in students
    assert "Provisional demarcation line" not in students
    # (the key's line runs on only as far as the students' events still fit: the next weeks)
    assert "demarcation line agreed (after the documents; not on the students' copy)" in teacher
