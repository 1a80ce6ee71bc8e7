"""The worksheet and the answer key as Word files a teacher can finish in Word or Google Docs.

Rendered from the same packet as the PDFs, in the PDF's order: real Word headings (Title,
Heading 1 per document), the timeline picture and the In context prompts (word_context.py),
the vocabulary boxes with write-in blanks, paragraph numbers beside the excerpt, glosses in
brackets and glossary terms in bold, the source line, numbered questions with their points and
ruled answer lines; the key adds answers, evidence, the rubric, the glossary's origins, the
notes on what came after each document and a "generated — review" mark on what dbq wrote.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from docx import Document as new_document
from docx.document import Document
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from dbq.packet.assemble import student_copy
from dbq.packet.items import DocumentView, EssayView, Header, Packet, QuestionView
from dbq.prepare.excerpts import CUT_MARK, Passage
from dbq.render.plain import plain_blocks, plain_inline, restamp_zip, xml_safe
from dbq.render.word_blocks import (
    GREY,
    answer_lines,
    box,
    box_paragraph,
    keep_together,
    sans,
    set_page,
    small,
    tag,
)
from dbq.render.word_context import document_box, timeline_section

if TYPE_CHECKING:
    from dbq.generate.termtables import GlossEntry

GENERATED_MARK = "generated \u2014 review"  # the key's mark on a question or essay dbq wrote
WRITE_IN = "_" * 28  # where students write a definition the glossary leaves to them
GLOSS_SIZE = Pt(9)  # an editor's gloss: smaller, italic, as the PDF's sans-serif gloss
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
    set_page(doc, packet.page_size)
    doc.styles["Normal"].font.size = Pt(11)
    props = doc.core_properties
    props.title = xml_safe(_header(packet).title)
    props.author = props.last_modified_by = "dbq"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    _head(doc, packet)
    timeline_section(doc, packet, _header(packet).title)
    _lesson_glossary(doc, packet)
    _directions(doc, packet)
    for document in packet.documents:
        _document(doc, packet, document)
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


def _directions(doc: Document, packet: Packet) -> None:
    lesson = _header(packet)
    directions = plain_blocks(lesson.instructions) or [lesson.inline_directions]
    para = doc.add_paragraph()
    para.add_run("Directions: ").bold = True
    para.add_run(" ".join(directions))
    if packet.word_bank:
        doc.add_heading("Word bank", level=1)
        doc.add_paragraph("     ".join(xml_safe(t) for t in packet.word_bank))
    if packet.for_key and packet.tier_notes:
        doc.add_heading("Other copies of this lesson", level=1)
        for note in packet.tier_notes:
            doc.add_paragraph(xml_safe(note))


def _document(doc: Document, packet: Packet, document: DocumentView) -> None:
    key = packet.for_key
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
    if document.has_cuts or document.has_glosses:
        _legend(doc.add_paragraph(), document)
    document_box(doc, packet, document.label)
    _document_glossary(doc, packet, document)
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
        passage_text(para, passage)


def passage_text(para: Paragraph, passage: Passage) -> None:
    """A printed paragraph's runs as the PDF sets them: a glossary term's first occurrence in
    bold, cut marks, and an editor's gloss after a space, in brackets, smaller and italic."""
    last = ""
    for segment in passage.segments:
        if segment.kind == "cut":
            text = CUT_MARK
            para.add_run(text)
        elif segment.kind == "gloss":
            if last and not last[-1].isspace():
                para.add_run(" ")
            text = f"[{xml_safe(segment.text)}]"
            run = sans(para.add_run(text))
            run.italic, run.font.size = True, GLOSS_SIZE
        else:
            text = xml_safe(segment.text)
            run = para.add_run(text)
            if segment.kind == "term":
                run.bold = True
        last = text or last


def _legend(para: Paragraph, document: DocumentView) -> None:
    """What the brackets mean, under the source line as in the PDF."""
    if document.has_cuts:
        small(para, f"{CUT_MARK} marks words left out.", size=8.5)
    if document.has_glosses:
        small(para, " " if document.has_cuts else "", size=8.5)
        sans(small(para, "[sans-serif italic in brackets]", size=8.5)).italic = True
        small(para, " is an editor's explanation; plain [brackets] are in the original.", size=8.5)


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
    if question.type == "quote_evidence":
        para.add_run("Quote the evidence: ").italic = True
    if key and question.generated:
        tag(para, GENERATED_MARK, dark=True)
        para.add_run(" ")
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
        answer_lines(doc, question.lines)
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


def _essay(doc: Document, essay: EssayView, key: bool) -> None:
    doc.add_heading("Essay", level=1)
    para = doc.add_paragraph()
    para.add_run(f"{essay.number}. ").bold = True
    para.add_run(plain_inline(essay.ask))
    if essay.points:
        para.add_run(f" [{essay.points}]").bold = True
    if not key:
        answer_lines(doc, essay.lines)
        return
    if essay.generated:
        note = doc.add_paragraph()
        tag(note, GENERATED_MARK, dark=True)
        small(note, " dbq wrote this prompt from the compelling question.", size=9)
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


def _lesson_glossary(doc: Document, packet: Packet) -> None:
    """The lesson's vocabulary box before the directions, as the PDF's (glossary.lesson_box)."""
    glossary = packet.glossary
    if glossary is not None:
        if glossary.placement == "lesson" and glossary.entries:
            _glossary_box(doc, glossary.entries, packet.for_key, "Vocabulary")
        elif glossary.unplaced:
            _glossary_box(doc, glossary.unplaced, packet.for_key, "Vocabulary", marked=False)
        return
    if packet.vocabulary:
        doc.add_heading("Vocabulary", level=1)
        for entry in packet.vocabulary:
            para = doc.add_paragraph()
            para.add_run(xml_safe(entry.term)).bold = True
            definition = plain_inline(entry.definition) if entry.definition else ""
            para.add_run(f" \u2014 {definition or WRITE_IN}")


def _document_glossary(doc: Document, packet: Packet, document: DocumentView) -> None:
    """A document's vocabulary box and, in the key, its reading load (glossary.document_box)."""
    glossary, own = packet.glossary, document.glossary
    if glossary is None or own is None:
        return
    if packet.for_key:
        reading = own.reading
        load = doc.add_paragraph()
        tag(load, "Reading load")
        note = f"  {reading.words} words \u00b7 Flesch\u2013Kincaid grade {reading.grade:.1f}"
        if reading.words > glossary.max_words:
            note += f" \u00b7 longer than {glossary.max_words} words"
        if reading.grade > glossary.band[1]:
            note += f" \u00b7 above grade {glossary.band[1]}"
        sans(small(load, note))
    if glossary.placement == "document" and own.entries:
        _glossary_box(doc, own.entries, packet.for_key, f"Vocabulary for Document {document.label}")


def _glossary_box(
    doc: Document, entries: list[GlossEntry], key: bool, heading: str, marked: bool = True
) -> None:
    """A boxed glossary: term and definition, a write-in blank where the worksheet leaves the
    definition to students; in the key, every definition with where it came from."""
    shown = [e for e in entries if key or not (e.definition and not e.worksheet)]
    if not shown:
        return
    cell = box(doc, colour="777777")
    head = box_paragraph(cell)
    title = sans(head.add_run(heading))
    title.bold, title.font.all_caps, title.font.size = True, True, Pt(8.5)
    if marked:
        sans(small(head, "    words in "))
        sans(small(head, "bold")).bold = True
        sans(small(head, " in the text"))
    for entry in shown:
        para = box_paragraph(cell)
        para.add_run(xml_safe(entry.term)).bold = True
        text = entry.definition if key else entry.worksheet
        para.add_run(f" \u2014 {plain_inline(text) if text else WRITE_IN}")
        if key:
            sans(small(para, f" [{_origin(entry)}]"))
    keep_together(cell)


def _origin(entry: GlossEntry) -> str:
    """Where the key's glossary entry came from, as the PDF key prints it."""
    origin = entry.origin or "needs a definition"
    if entry.paragraph:
        origin += f", \u00b6{entry.paragraph}"
    elif entry.document:
        origin += ", source line"
    if entry.senses > 1:
        origin += f"; one of {entry.senses} senses, chosen from the text: check it fits"
    if entry.later:
        shown = f"the worksheet prints \u201c{entry.student}\u201d" if entry.student else "key only"
        origin += f"; tells of events after the document: {shown}"
    return xml_safe(origin)
