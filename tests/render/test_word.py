"""The Word copies hold the whole packet (issue 23, item 3): the timeline picture with its
alternative text, the In context prompts, glosses beside their words, the glossary boxes and,
in the key only, the "generated — review" marks; each compared with the PDF of the same build.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree
from PIL import Image

from dbq.cli import main
from dbq.packet.assemble import student_copy
from dbq.packet.items import KEY, STUDENTS, Packet
from dbq.prepare.excerpts import Passage, Segment
from dbq.render.plain import plain_inline
from dbq.render.svg_timeline import LATER_NOTE
from dbq.render.word import GENERATED_MARK, WRITE_IN, passage_text
from dbq.render.word_blocks import answer_lines
from tests.helpers import REPO, SAMPLE_SOURCE, composed_lesson, pdf_text, squash

TIMELINE = "mao-armistice-1951"  # teacher's questions, glosses, a timeline, the lesson's glossary
GENERATED = "mao-generated-1951"  # generated questions, prompts and essay: the key's marks
WRITE_IN_LESSON = f"""\
title: Write in
glossary: {{wordnet: false, questions: false}}
generate: false
documents:
  - source: {SAMPLE_SOURCE}
    excerpt: {{paragraphs: 10}}
    questions:
      - ask: What does the enemy demand?
        answer: A line contiguous with the troops.
vocabulary:
  - contiguous
"""


# --- fast: the parts --------------------------------------------------------------------------


def test_a_passage_prints_glosses_after_a_space_and_terms_in_bold() -> None:
    doc: Document = open_docx()
    para: Paragraph = doc.add_paragraph()
    passage = Passage(
        10,
        [
            Segment("text", "the line in fact "),
            Segment("term", "contiguous"),
            Segment("gloss", "touching"),
            Segment("text", " with the line of the "),
            Segment("term", "demarcation line"),
            Segment("text", " "),
            Segment("cut", ""),
            Segment("text", "."),
        ],
    )
    passage_text(para, passage)
    assert (
        para.text
        == "the line in fact contiguous [touching] with the line of the demarcation line [. . .]."
    )
    runs = {run.text: run for run in para.runs}
    assert runs["contiguous"].bold and runs["demarcation line"].bold
    assert runs["[touching]"].italic and not runs["contiguous"].italic
    assert runs["[touching]"].font.size.pt < 11
    assert not runs["the line in fact "].bold


# --- slow: real builds, read back ---------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two sample lessons and a small one with a term left to students, built with Word copies."""
    root = tmp_path_factory.mktemp("word")
    shutil.copytree(REPO / "sources", root / "sources")
    (root / "lessons").mkdir()
    for lesson in (TIMELINE, GENERATED):
        shutil.copy(REPO / "lessons" / f"{lesson}.yaml", root / "lessons")
    (root / "lessons" / "write-in.yaml").write_text(WRITE_IN_LESSON, encoding="utf-8")
    args = ["-C", str(root), "build", "--format", "docx"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


def _packet(root: Path, lesson: str) -> Packet:
    return composed_lesson(root, lesson).packet


def _file(root: Path, lesson: str, kind: str) -> Path:
    return root / "output" / lesson / f"{lesson}-{kind}"


def _paragraphs(path: Path) -> list[Paragraph]:
    """Every paragraph, those in tables (the boxes) included, in order."""
    doc = open_docx(str(path))
    found: list[Paragraph] = []
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            found.append(block)
        else:
            found += [p for row in block.rows for cell in row.cells for p in cell.paragraphs]
    return found


def _text(path: Path) -> str:
    return squash(" ".join(p.text for p in _paragraphs(path)))


def _descriptions(path: Path) -> list[str]:
    doc = open_docx(str(path))
    return [shape._inline.docPr.get("descr") or "" for shape in doc.inline_shapes]


@pytest.mark.slow
def test_the_worksheet_holds_questions_glosses_prompts_and_glossary(built: Path) -> None:
    packet = student_copy(_packet(built, TIMELINE))
    sheet = _file(built, TIMELINE, "worksheet.docx")
    text, pdf = _text(sheet), pdf_text(_file(built, TIMELINE, "worksheet.pdf"))
    for question in packet.questions:
        assert squash(plain_inline(question.ask)) in text
    # Glosses beside their words, after a space, in brackets.
    glosses = [
        s.text
        for d in packet.documents
        for p in d.passages
        for s in p.segments
        if s.kind == "gloss"
    ]
    assert glosses and "contiguous [touching]" in text
    for gloss in glosses:
        assert f" [{gloss}]" in text
    assert not re.search(r"\S\[touching\]", text)
    bold = {r.text for p in _paragraphs(sheet) for r in p.runs if r.bold}
    assert "demarcation line" in bold  # a glossary term's first occurrence, bold as in print
    # The In context prompts: those of the PDF, under the same heads.
    view = packet.views[STUDENTS]
    prompts = view.prompts + [p for box in view.documents.values() for p in box.prompts]
    assert prompts
    for prompt in prompts:
        words = squash(plain_inline(prompt.text))
        assert words in text and words in pdf
    discuss = "for discussion · no written answer"
    assert text.lower().count(discuss) == pdf.lower().count(discuss) > 1
    assert "Placing the documents in time" in text
    assert "Documents are shown below the line, events above it." in text
    # The glossary terms, in the document boxes and the lesson's box.
    glossary = packet.glossary
    assert glossary is not None
    for entry in glossary.entries:
        assert f"{entry.term} \u2014 " in text and entry.term in pdf
    assert "VOCABULARY FOR DOCUMENT A" in pdf and "Vocabulary for Document A" in text


@pytest.mark.slow
def test_the_worksheets_timeline_is_the_students_picture(built: Path) -> None:
    sheet = _file(built, TIMELINE, "worksheet.docx")
    descriptions = _descriptions(sheet)
    assert len(descriptions) == 1
    alt = descriptions[0]
    assert alt.startswith("Timeline: Ending a War Without Losing It")
    assert alt.index("North Korea invades the South") < alt.index("Talks resume at Panmunjom")
    assert LATER_NOTE not in alt
    doc = open_docx(str(sheet))
    shape = doc.inline_shapes[0]
    blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    image = Image.open(io.BytesIO(blob))
    layout = _packet(built, TIMELINE).views[STUDENTS].timeline
    assert layout is not None
    assert image.format == "PNG" and image.width == pytest.approx(layout.width * 3, abs=1)
    assert shape.width.pt == pytest.approx(layout.width, abs=0.5)  # the PDF's size


@pytest.mark.slow
def test_the_worksheet_has_no_key(built: Path) -> None:
    for lesson in (TIMELINE, GENERATED):
        key = _packet(built, lesson)
        text = _text(_file(built, lesson, "worksheet.docx"))
        assert "generated" not in text.lower()
        assert "For the teacher" not in text and "Reading load" not in text
        for question in key.questions:
            if question.answer:
                assert squash(plain_inline(question.answer)) not in text
        for alt in _descriptions(_file(built, lesson, "worksheet.docx")):
            assert LATER_NOTE not in alt and "Stalin dies" not in alt


@pytest.mark.slow
def test_the_key_marks_what_dbq_wrote_where_the_pdf_key_does(built: Path) -> None:
    key = _file(built, GENERATED, "answer-key.docx")
    pdf = pdf_text(_file(built, GENERATED, "answer-key.pdf"))
    paragraphs = [p.text for p in _paragraphs(key)]
    marked = {
        int(m.group(1))
        for t in paragraphs
        if (m := re.match(r"(\d+)\. ", t)) and GENERATED_MARK in t
    }
    in_pdf = {
        int(m.group(1)) for m in re.finditer(r"\b(\d+)\. (?:[A-Z]+ )*?GENERATED — REVIEW", pdf)
    }
    assert marked == in_pdf and len(marked) > 3
    text = squash(" ".join(paragraphs))
    assert text.count(GENERATED_MARK) == len(re.findall("generated — review", pdf, re.I))
    assert f"{GENERATED_MARK} dbq wrote this prompt from the compelling question." in text
    # The generated In context prompts, each marked as the PDF marks them.
    prompt_marks = r"generated(?! — review)"
    assert len(re.findall(prompt_marks, text, re.I)) == len(re.findall(prompt_marks, pdf, re.I))
    view = _packet(built, GENERATED).views[KEY]
    generated = [p for p in view.prompts if p.generated] + [
        p for box in view.documents.values() for p in box.prompts if p.generated
    ]
    assert generated
    for prompt in generated:
        assert f"{squash(plain_inline(prompt.text))} generated" in text
    # What the author could not yet know, and the later events in the key's picture.
    assert "For the teacher" in text and "(two weeks later):" in text
    (alt,) = _descriptions(key)
    assert alt.index("Talks resume at Panmunjom") < alt.index("Provisional demarcation line")
    assert f"demarcation line agreed ({LATER_NOTE})" in alt
    assert "Events in the shaded part came after the documents were written" in text


@pytest.mark.slow
def test_the_glossary_leaves_write_in_blanks_and_the_key_names_origins(built: Path) -> None:
    sheet = _text(_file(built, "write-in", "worksheet.docx"))
    key = _text(_file(built, "write-in", "answer-key.docx"))
    assert f"contiguous \u2014 {WRITE_IN}" in sheet
    assert f"contiguous \u2014 {WRITE_IN} [needs a definition, ¶10]" in key
    assert "[needs a definition, ¶10]" in pdf_text(_file(built, "write-in", "answer-key.pdf"))
    generated_key = _text(_file(built, GENERATED, "answer-key.docx"))
    generated_pdf = pdf_text(_file(built, GENERATED, "answer-key.pdf"))
    for origin in ("[built-in glossary, ¶15]", "tells of events after the document: key only"):
        assert origin in generated_key and origin in generated_pdf
    assert "Reading load" in generated_key


def test_answer_lines_in_a_row_each_keep_their_rule() -> None:
    """Word and LibreOffice join paragraphs with the same borders into one box, ruled under the
    last only: no two lines in a row may have the same border."""
    doc: Document = open_docx()
    answer_lines(doc, 4)
    rules = [p._p.pPr.find(qn("w:pBdr")) for p in doc.paragraphs[-4:]]
    assert all(rule is not None for rule in rules)
    xml = [etree.tostring(rule) for rule in rules]
    assert all(a != b for a, b in zip(xml, xml[1:], strict=False))
