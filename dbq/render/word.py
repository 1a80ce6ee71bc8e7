"""The worksheet and the answer key as Word files a teacher can finish in Word or Google Docs.

Rendered from the same packet as the PDFs: real Word headings (Title, Heading 1 per document),
paragraph numbers beside the excerpt, the source line, the glossary, numbered questions with
their points and ruled answer lines; the key adds answers, evidence and the rubric.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as new_document
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from dbq.packet.assemble import student_copy
from dbq.packet.items import DocumentView, EssayView, Header, Packet, QuestionView
from dbq.prepare.excerpts import Passage
from dbq.render.plain import passage_runs, plain_blocks, plain_inline, restamp_zip, xml_safe

GREY = RGBColor(0x55, 0x55, 0x55)
FIXED_TIME = dt.datetime(2000, 1, 1)  # Word files record a date; a fixed one keeps builds equal


def word_copies(packet: Packet) -> dict[str, bytes]:
    """The student worksheet and the answer key as .docx bytes."""
    return {
        "worksheet-docx": packet_docx(student_copy(packet)),
        "answer-key-docx": packet_docx(packet),
    }


def packet_docx(packet: Packet) -> bytes:
    """One copy of the packet as a .docx: the key when packet.for_key, else the worksheet."""
    doc = new_document()
    doc.styles["Normal"].font.size = Pt(11)
    props = doc.core_properties
    props.title = xml_safe(_header(packet).title)
    props.author = props.last_modified_by = "dbq"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    _head(doc, packet)
    for document in packet.documents:
        _document(doc, document, packet.for_key)
    if packet.lesson_questions:
        doc.add_heading("Across the documents", level=1)
        for question in packet.lesson_questions:
            _question(doc, question, packet.for_key)
    if packet.essay is not None:
        _essay(doc, packet.essay, packet.for_key)
    buffer = io.BytesIO()
    doc.save(buffer)
    return restamp_zip(buffer.getvalue())


def _head(doc: Document, packet: Packet) -> None:
    lesson = _header(packet)
    doc.add_heading(xml_safe(lesson.title), level=0)
    course = " · ".join(
        p for p in (lesson.course, f"Grades {lesson.grades}" if lesson.grades else "") if p
    )
    if course:
        doc.add_paragraph(xml_safe(course))
    if packet.for_key:
        line = doc.add_paragraph()
        line.add_run("Teacher copy · answer key").bold = True
        line.add_run(f" · {packet.total_points} points in all · not for students")
    else:
        doc.add_paragraph("Name ______________________   Class __________   Date __________")
    if lesson.compelling_question:
        para = doc.add_paragraph()
        para.add_run("Compelling question: ").bold = True
        para.add_run(plain_inline(lesson.compelling_question))
    if lesson.background:
        doc.add_heading("Historical context", level=1)
        for block in plain_blocks(lesson.background):
            doc.add_paragraph(block)
    directions = plain_blocks(lesson.instructions) or [lesson.inline_directions]
    para = doc.add_paragraph()
    para.add_run("Directions: ").bold = True
    para.add_run(" ".join(directions))
    if packet.word_bank:
        doc.add_heading("Word bank", level=1)
        doc.add_paragraph("     ".join(xml_safe(t) for t in packet.word_bank))


def _document(doc: Document, document: DocumentView, key: bool) -> None:
    title = f": {xml_safe(document.title)}" if document.title else ""
    doc.add_heading(f"Document {document.label}{title}", level=1)
    if document.intro:
        for block in plain_blocks(document.intro):
            doc.add_paragraph().add_run(block).italic = True
    _passages(doc, document.passages)
    source = doc.add_paragraph()
    source.add_run("Source: ").bold = True
    source.add_run(xml_safe(document.source_line)).italic = True
    if document.original:
        doc.add_heading("The original text", level=3)
        _passages(doc, document.original)
    if key and document.adaptation is not None:
        _changes(doc, document)
    glossary = document.glossary
    entries = [e for e in glossary.entries if e.definition] if glossary else []
    if entries:
        doc.add_heading("Glossary", level=2)
        for entry in entries:
            para = doc.add_paragraph()
            para.add_run(xml_safe(entry.term)).bold = True
            para.add_run(f" \u2014 {plain_inline(entry.definition)}")
    if document.questions:
        doc.add_heading(f"Questions on Document {document.label}", level=2)
        for question in document.questions:
            _question(doc, question, key)


def _passages(doc: Document, passages: list[Passage]) -> None:
    for passage in passages:
        para = doc.add_paragraph()
        if passage.mark:
            number = para.add_run(f"\u00b6{passage.mark}  ")
            number.font.color.rgb, number.font.size = GREY, Pt(9)
        for kind, text in passage_runs(passage):
            run = para.add_run(text)
            run.italic = kind == "gloss"


def _changes(doc: Document, document: DocumentView) -> None:
    """The key's note on an adapted document: reading loads and what was replaced by what."""
    adaptation = document.adaptation
    assert adaptation is not None
    before, after = adaptation.original_load, adaptation.adapted_load
    _labelled(
        doc,
        "Adapted text",
        f"the worksheet for struggling readers prints this document in adapted wording. "
        f"Reading load: original {before.words} words, grade {before.grade}; "
        f"adapted {after.words} words, grade {after.grade}.",
    )
    if not adaptation.changes:
        return
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("¶", "Original", "Adapted"), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for change in adaptation.changes:
        cells = table.add_row().cells
        cells[0].text = change.paragraph
        cells[1].text = xml_safe(change.before) or "\u2014"
        cells[2].text = xml_safe(change.after) or "\u2014"


def _question(doc: Document, question: QuestionView, key: bool) -> None:
    para = doc.add_paragraph()
    para.add_run(f"{question.number}. ").bold = True
    if question.skill:
        para.add_run(f"{question.skill}: ").italic = True
    para.add_run(plain_inline(question.ask))
    para.add_run(f" [{question.points}]").bold = True
    if question.frame:
        frame = doc.add_paragraph()
        frame.add_run("Sentence frame: ").italic = True
        frame.add_run(xml_safe(question.frame))
    for index, choice in enumerate(question.choices):
        doc.add_paragraph(
            f"{chr(65 + index)}. {xml_safe(choice)}"
        ).paragraph_format.left_indent = Pt(18)
    if not key:
        for _ in range(question.lines):
            _answer_line(doc.add_paragraph())
        return
    if question.correct:
        _labelled(doc, "Correct", question.correct)
    if question.answer:
        _labelled(doc, "Answer", plain_inline(question.answer))
    for evidence in question.evidence:
        where = f" ({evidence.where})" if evidence.where else ""
        _labelled(doc, "Evidence", f"\u201c{evidence.quote}\u201d{where}")
    if not (question.answer or question.correct or question.evidence):
        _labelled(doc, "Answer", "No model answer given in the lesson.")


def _labelled(doc: Document, label: str, text: str) -> None:
    para = doc.add_paragraph()
    para.paragraph_format.left_indent = Pt(18)
    para.add_run(f"{label}: ").bold = True
    para.add_run(xml_safe(text))


def _answer_line(para: Paragraph) -> None:
    """An empty paragraph ruled at the bottom: a line to write on that stays a line when edited."""
    para.paragraph_format.space_before = Pt(10)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    para._p.get_or_add_pPr().append(borders)


def _essay(doc: Document, essay: EssayView, key: bool) -> None:
    doc.add_heading("Essay", level=1)
    para = doc.add_paragraph()
    para.add_run(f"{essay.number}. ").bold = True
    para.add_run(plain_inline(essay.ask))
    if essay.points:
        para.add_run(f" [{essay.points}]").bold = True
    if not key:
        for _ in range(essay.lines):
            _answer_line(doc.add_paragraph())
        return
    if not essay.rubric:
        return
    doc.add_heading(xml_safe(essay.rubric_title) or "Rubric", level=2)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("Criterion", "Points", "What earns them"), strict=True
    ):
        cell.paragraphs[0].add_run(text).bold = True
    for row in essay.rubric:
        cells = table.add_row().cells
        cells[0].text = xml_safe(row.criterion)
        cells[1].text = str(row.points)
        cells[2].text = xml_safe(row.description)


def _header(packet: Packet) -> Header:
    assert packet.header is not None, "build_packet sets the header"
    return packet.header
