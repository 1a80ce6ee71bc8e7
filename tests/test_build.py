"""End to end: the sample lesson builds into a worksheet and a key that keep their roles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dbq.build import LessonOutcome
from dbq.cli import main
from tests.helpers import SAMPLE_LESSON, pdf_pages, pdf_text, squash

OUT = f"output/{SAMPLE_LESSON}/{SAMPLE_LESSON}"


def _build(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), "build", *args], catch_exceptions=False)


def _lesson(root: Path) -> dict:
    return yaml.safe_load((root / "lessons" / f"{SAMPLE_LESSON}.yaml").read_text())


@pytest.mark.slow
def test_sample_builds_worksheet_and_key(sample_workspace: Path) -> None:
    result = _build(sample_workspace)
    assert result.exit_code == 0, result.output
    # Nothing refused, no bad CSS, every answer given: the only warnings are the reading load
    # of the telegram's own prose, the very ones `dbq check` gives (one route, one review).
    warnings = [line for line in result.output.splitlines() if "warning" in line]
    assert warnings and all(line.endswith("[G002]") for line in warnings), result.output
    checked = CliRunner().invoke(main, ["-C", str(sample_workspace), "check"])
    assert set(warnings) <= set(checked.output.splitlines())
    worksheet = pdf_text(sample_workspace / f"{OUT}-worksheet.pdf")
    key = pdf_text(sample_workspace / f"{OUT}-answer-key.pdf")
    lesson = _lesson(sample_workspace)

    assert "Name" in worksheet and "Class" in worksheet and "Date" in worksheet
    for label in ("Document A", "Document B", "Document C"):
        assert label in worksheet
    assert worksheet.count("Source: Mao Zedong, telegram to Stalin") == 3
    assert (
        "The main question in the negotiations is the determination of the demarcation line."
        in worksheet
    )
    assert "[. . .]" in worksheet  # the cut
    assert "[touching]" in worksheet  # the gloss
    questions = [q for d in lesson["documents"] for q in d["questions"]] + lesson["questions"]
    for question in questions:
        assert squash(question["ask"]) in worksheet
        if "answer" in question:
            assert squash(question["answer"]) not in worksheet
            assert squash(question["answer"]) in key
    assert "TEACHER COPY" in key and "TEACHER COPY" not in worksheet.upper()
    assert "Thesis / claim" in key and "Thesis / claim" not in worksheet
    _assert_questions_fill_their_lines(sample_workspace / f"{OUT}-worksheet.pdf")
    # Each document's vocabulary box prints on the page of its source line (issue 23).
    for page in pdf_pages(sample_workspace / f"{OUT}-worksheet.pdf"):
        if re.search(r"(?i)vocabulary for document [A-C]", page):
            assert "Source: Mao Zedong" in page


def _assert_questions_fill_their_lines(pdf: Path) -> None:
    """No stray break inside a question: every line but its last runs most of the width.

    WeasyPrint broke "…from Mao Zedong to / Stalin. / How does…" after a skill badge in a
    smaller font (issue 23); the question's text now stands in its own span.
    """
    lines = "\n".join(pdf_pages(pdf)).splitlines()
    asks = [i for i, line in enumerate(lines) if re.match(r"\d+\. [A-Z ]+ ", line)]
    assert len(asks) >= 10
    for first in asks:
        end = next(i for i in range(first, len(lines)) if re.search(r"\[\d+\]$", lines[i]))
        widths = [len(line) for line in lines[first:end]]  # every line of the ask but its last
        assert all(width > 60 for width in widths), lines[first : end + 1]


@pytest.mark.slow
def test_worksheet_numbers_questions_through_the_packet(sample_workspace: Path) -> None:
    _build(sample_workspace)
    worksheet = pdf_text(sample_workspace / f"{OUT}-worksheet.pdf")
    lesson = _lesson(sample_workspace)
    total = sum(len(d["questions"]) for d in lesson["documents"]) + len(lesson["questions"]) + 1
    positions = [worksheet.find(f" {n}. ") for n in range(1, total + 1)]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)
    assert "[2]" in worksheet and "Page 1 of" in worksheet


@pytest.mark.slow
def test_html_flag_writes_html_beside_pdfs(sample_workspace: Path) -> None:
    assert _build(sample_workspace, "--html").exit_code == 0
    html = (sample_workspace / f"{OUT}-worksheet.html").read_text()
    assert "Document A" in html and "<script" not in html


@pytest.mark.slow
def test_failed_build_leaves_earlier_pdfs_intact(sample_workspace: Path) -> None:
    assert _build(sample_workspace).exit_code == 0
    pdf = sample_workspace / f"{OUT}-worksheet.pdf"
    before = pdf.read_bytes()
    spec = sample_workspace / "lessons" / f"{SAMPLE_LESSON}.yaml"
    spec.write_text(spec.read_text().replace("paragraphs: 9-10", "paragraphs: 90-91"))
    result = _build(sample_workspace)
    assert result.exit_code == 1
    assert "no paragraph 90 (the source has 30)" in result.output
    assert "earlier output left as it was" in result.output
    assert pdf.read_bytes() == before
    assert not list(pdf.parent.glob("*.tmp"))


def test_source_lines_for_real_documents() -> None:
    import datetime as dt

    from dbq.prepare.sourceline import source_line
    from dbq.workspace.importer import import_text
    from dbq.workspace.model import SourceMeta
    from tests.helpers import KENNAN, TRUMAN

    kennan = SourceMeta.model_validate(import_text(KENNAN.read_text(), KENNAN.name).meta)
    assert source_line(kennan, adapted=False, whole=False) == (
        "Kennan, Chargé in the Soviet Union, telegram to the Secretary of State, Moscow, "
        "February 22, 1946. (excerpt)"
    )
    truman = SourceMeta.model_validate(import_text(TRUMAN.read_text(), TRUMAN.name).meta)
    assert source_line(truman, adapted=True, whole=False) == (
        "Harry S. Truman, President, April 11, 1951. (adapted)"
    )
    untitled = SourceMeta(title="A letter home", date=dt.date(1950, 7, 4), archive="Box 3.")
    assert source_line(untitled, adapted=False, whole=True) == "A letter home, July 4, 1950. Box 3."


def test_a_bug_in_dbq_is_told_apart_from_a_problem_in_the_lesson(tmp_path: Path) -> None:
    """A crash is X002 (exit status 70 from `dbq build`), never a code for the user's files."""
    from dbq.build import Job, _outcome
    from dbq.errors import CrashError

    job = Job(tmp_path / "lessons" / "one.yaml", tmp_path, "stamp", html=False)

    def bug() -> LessonOutcome:
        raise ZeroDivisionError("a bug")

    outcome = _outcome(job, bug)
    assert outcome.crashed and not outcome.ok
    assert outcome.problems[0].code == "X002"
    assert "dbq crashed on this lesson (a bug; please report it)" in outcome.problems[0].message
    assert CrashError("x").exit_code == 70
