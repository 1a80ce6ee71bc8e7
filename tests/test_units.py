"""Unit packets: one PDF for several lessons, with contents and continuous page numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Run, write
from tests.helpers import SAMPLE_SOURCE, pdf_pages, squash

LESSON = """\
title: {title}
documents:
  - source: 1951-11-14-mao-to-filippov
    excerpt: {{paragraphs: "{paragraphs}"}}
    questions:
      - ask: What does Mao propose here?
        answer: {answer}
        points: 2
"""


def _course(run: Run, workspace: Path) -> Path:
    write(
        workspace / "lessons" / "line.yaml",
        LESSON.format(title="Drawing the line", paragraphs="9-10", answer="A line at the front."),
    )
    write(
        workspace / "lessons" / "monitors.yaml",
        LESSON.format(
            title="Neutral monitors", paragraphs="13-16", answer="Monitoring by neutral states."
        ),
    )
    return write(
        workspace / "units" / "korea.yaml",
        "title: Korea, 1951\ncourse: World History\ncover: |\n  Two lessons on *one* telegram.\n"
        "lessons: [line, monitors]\n",
    )


@pytest.mark.slow
def test_unit_packet_has_contents_and_continuous_pages(run: Run, workspace: Path) -> None:
    _course(run, workspace)
    result = run("build", "korea")
    assert result.exit_code == 0, result.output
    folder = workspace / "output" / "units" / "korea"
    pages = [squash(p) for p in pdf_pages(folder / "korea-packet.pdf")]
    total = len(pages)
    assert total >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
    cover = pages[0]
    assert "Korea, 1951" in cover and "Two lessons on one telegram." in cover
    listed = dict(re.findall(r"(Drawing the line|Neutral monitors)[ .]*(\d+)", cover))
    assert set(listed) == {"Drawing the line", "Neutral monitors"}
    for title, page in listed.items():
        # Each lesson starts on a new page, the one the contents names, under its header.
        assert squash(pages[int(page) - 1]).startswith("Name Class Date")
        assert title in pages[int(page) - 1]
    key = " ".join(squash(p) for p in pdf_pages(folder / "korea-answer-key.pdf"))
    assert "TEACHER COPY" in key and "A line at the front." in key
    assert "A line at the front." not in " ".join(pages)
    # Generated questions come along: the excerpts never name "Filippov", the sourcing ones do.
    assert "Filippov" in " ".join(pages)


def test_unit_naming_a_missing_lesson(run: Run, workspace: Path) -> None:
    unit = _course(run, workspace)
    unit.write_text("title: K\nlessons: [line, monitor]\n")
    result = run("check")
    assert result.exit_code == 1
    assert (
        "units/korea.yaml:2:17: lessons[2]: no lesson 'monitor' in lessons/; "
        "did you mean `monitors`?" in result.output
    )


@pytest.mark.slow
def test_unit_rebuilds_when_one_of_its_lessons_changes(run: Run, workspace: Path) -> None:
    _course(run, workspace)
    assert run("build").exit_code == 0
    assert "up to date: 3" in run("build").output
    lesson = workspace / "lessons" / "monitors.yaml"
    lesson.write_text(lesson.read_text().replace("points: 2", "points: 3"))
    rebuilt = run("build").output
    assert "built output/units/korea/korea-packet.pdf" in rebuilt
    assert "built output/monitors/monitors-worksheet.pdf" in rebuilt
    assert "output/line/" not in rebuilt
    assert SAMPLE_SOURCE


def test_a_lesson_listed_twice(run: Run, workspace: Path) -> None:
    unit = _course(run, workspace)
    unit.write_text("title: K\nlessons: [line, line]\n")
    result = run("build", "korea")
    assert result.exit_code == 1
    assert "units/korea.yaml:2:17: lessons[2]: 'line' is listed twice" in result.output
