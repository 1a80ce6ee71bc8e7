"""dbq breaks numbered excerpts into lines itself: every word once, in order, cuts and glosses
kept, and quotes located on the lines that print them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dbq import assets as metrics
from dbq.generate.questions import generate_questions
from dbq.prepare.excerpts import resolve_excerpt
from dbq.prepare.lessons import prepare_lesson
from dbq.prepare.lines import LINE_WIDTH, TEXT_SIZE, line_span, lines_label, number_lines
from dbq.workspace.model import Excerpt
from dbq.workspace.sources import load_sources
from tests.conftest import Run, write
from tests.helpers import SAMPLE_LESSON, SAMPLE_SOURCE, pdf_text, squash


def _excerpt(root: Path, **selector: object):
    sources, _ = load_sources(root)
    excerpt, issues = resolve_excerpt(sources[SAMPLE_SOURCE], Excerpt.model_validate(selector))
    assert excerpt is not None, issues
    return excerpt


def test_lines_keep_every_word_in_order_within_the_width(workspace: Path) -> None:
    excerpt = _excerpt(workspace, paragraphs="22-26")
    lines = number_lines(excerpt)
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    printed = " ".join(line.text for line in lines if line.paragraph)
    assert squash(printed) == squash(" ".join(p.text for p in excerpt.passages if p.number))
    widths = [metrics.text_width(line.text, TEXT_SIZE) for line in lines]
    assert max(widths) <= LINE_WIDTH
    # ...and fills it: a full line leaves less than a long word's width unused.
    assert sorted(widths)[len(widths) // 2] > LINE_WIDTH - 60
    assert [line.number for line in lines if line.show_number] == list(range(5, len(lines) + 1, 5))
    assert sum(line.first for line in lines) == len(excerpt.passages)


def test_cuts_and_glosses_are_printed_in_their_lines(workspace: Path) -> None:
    excerpt = _excerpt(
        workspace,
        paragraphs=10,
        cut=["with the introduction of alterations in the line contiguous to troops of both sides"],
        gloss={"contiguous": "touching", "demarcation line": "the line between the armies"},
    )
    text = " ".join(line.text for line in number_lines(excerpt))
    assert "contiguous [touching] with" in text
    assert "demarcation line [the line between the armies] without" in text
    assert "[. . .]" in text


def test_quotes_are_located_on_their_lines(workspace: Path) -> None:
    excerpt = _excerpt(workspace, paragraphs="22-26")
    lines = number_lines(excerpt)
    quote = "we also are not afraid of dragging out the negotiations"
    first, last = line_span(lines, excerpt, quote) or (0, 0)
    span = " ".join(line.text for line in lines[first - 1 : last])
    assert squash(quote) in squash(span)
    assert squash(quote) not in squash(" ".join(line.text for line in lines[first:last]))
    assert line_span(lines, excerpt, "words that are not there") is None
    assert lines_label((12, 14)) == "lines 12\u201314" and lines_label((3, 3)) == "line 3"


@pytest.mark.slow
def test_teacher_evidence_in_a_numbered_lesson_cites_lines(
    sample_workspace: Path, run: Run
) -> None:
    spec = sample_workspace / "lessons" / f"{SAMPLE_LESSON}.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("documents:", "line_numbers: true\ndocuments:", 1),
        encoding="utf-8",
    )
    assert run("build", root=sample_workspace).exit_code == 0
    out = sample_workspace / "output" / SAMPLE_LESSON / SAMPLE_LESSON
    key = pdf_text(Path(f"{out}-answer-key.pdf"))
    # the teacher's own evidence quote, now located by printed line as well as paragraph
    assert "(Document A, ¶9, line 1)" in key
    assert "Numbers in the left margin count the lines" in pdf_text(Path(f"{out}-worksheet.pdf"))


def test_timeline_events_feed_contextualization(workspace: Path) -> None:
    write(
        workspace / "lessons" / "events.yaml",
        f"""\
title: Events
documents:
  - source: {SAMPLE_SOURCE}
    excerpt: {{paragraphs: 22}}
    generate: {{sourcing: 0, close_reading: 0, contextualization: 1}}
""",
    )
    sources, _ = load_sources(workspace)
    prepared, problems = prepare_lesson(workspace / "lessons" / "events.yaml", workspace, sources)
    assert prepared is not None, problems
    events = [
        (dt.date(1951, 7, 10), "armistice talks opened at Kaesong"),
        (dt.date(1953, 7, 27), "the armistice was signed"),  # after the document: not used
    ]
    generated = generate_questions(prepared, events=events)
    (question,) = generated.documents[0].spec.questions
    assert question.ask.startswith("On July 10, 1951, armistice talks opened at Kaesong.")
    assert "about 4 months before" in (question.answer or "")
    assert "1953" not in question.ask + (question.answer or "")
