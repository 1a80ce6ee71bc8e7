"""The lesson's questions as a QTI 1.2 package, the format Canvas, Moodle and Schoology import.

Written with xml.etree rather than text2qti: text2qti reads its own Markdown-like quiz text, so
lesson text would first have to be escaped into that syntax (a choice or answer starting with
"1." or "*a)" would be misread) and its Markdown turned back into HTML; here every piece of
lesson text is an XML text node, escaped by the serializer, and the item ids are fixed.

Each document comes first as a text-only item (its excerpt and source line), then its
questions: multiple choice with the correct answer scored, the others as essay items. An LMS
shows students an item's feedback after they submit, so model answers, evidence and rubrics
go there only when dbq.yaml asks for them (`lms_feedback: true`): by default the key stays in
the teacher's PDF.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from dbq.packet.items import DocumentView, EssayView, Packet, QuestionView
from dbq.render.plain import passage_runs, plain_inline, stable_zip, xml_safe

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"


def qti_package(packet: Packet) -> bytes:
    """imsmanifest.xml and the assessment XML, zipped."""
    ident = f"dbq-{packet.lesson_id}"
    assessment = f"{packet.lesson_id}/{packet.lesson_id}.xml"
    return stable_zip(
        {
            "imsmanifest.xml": _xml(_manifest(ident, assessment)),
            assessment: _xml(_assessment(packet, ident)),
        }
    )


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _manifest(ident: str, href: str) -> ET.Element:
    manifest = ET.Element("manifest", {"identifier": f"{ident}-manifest", "xmlns": CP_NS})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    resource = ET.SubElement(
        resources, "resource", {"identifier": ident, "type": "imsqti_xmlv1p2", "href": href}
    )
    ET.SubElement(resource, "file", {"href": href})
    return manifest


def _assessment(packet: Packet, ident: str) -> ET.Element:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    test = ET.SubElement(
        root,
        "assessment",
        {
            "ident": ident,
            "title": xml_safe(packet.header.title if packet.header else packet.lesson_id),
        },
    )
    _metadata(test, {"cc_maxattempts": "1"})
    section = ET.SubElement(test, "section", {"ident": "root_section"})
    for document in packet.documents:
        _document_item(section, document)
        for question in document.questions:
            _question_item(section, question, packet.lms_feedback)
    for question in packet.lesson_questions:
        _question_item(section, question, packet.lms_feedback)
    if packet.essay is not None:
        _essay_item(section, packet.essay, packet.lms_feedback)
    return root


def _metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    block = ET.SubElement(parent, "qtimetadata")
    for label, entry in fields.items():
        field = ET.SubElement(block, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry


def _material(parent: ET.Element, paragraphs: list[str]) -> None:
    """Paragraphs as escaped HTML inside mattext (the serializer escapes it once more)."""
    material = ET.SubElement(parent, "material")
    text = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
    ET.SubElement(material, "mattext", {"texttype": "text/html"}).text = text


def _item(section: ET.Element, ident: str, title: str, kind: str, points: int) -> ET.Element:
    item = ET.SubElement(section, "item", {"ident": ident, "title": title})
    meta = ET.SubElement(item, "itemmetadata")
    _metadata(meta, {"question_type": kind, "points_possible": f"{points:.1f}"})
    return item


def _document_item(section: ET.Element, document: DocumentView) -> None:
    title = f"Document {document.label}"
    item = _item(section, f"doc-{document.label}", title, "text_only_question", 0)
    heading = f"{title}: {xml_safe(document.title)}" if document.title else title
    # as Word and the PDF print it: cuts marked and the editor's glosses in brackets
    text = [heading] + [
        (f"\u00b6{p.mark} " if p.mark else "") + "".join(run for _, run in passage_runs(p))
        for p in document.passages
    ]
    _material(ET.SubElement(item, "presentation"), [*text, f"Source: {document.source_line}"])


def _stem(question: QuestionView) -> list[str]:
    where = f"(Document {question.document}) " if question.document else ""
    return [f"{question.number}. {where}{plain_inline(question.ask)}"]


def _question_item(section: ET.Element, question: QuestionView, key: bool) -> None:
    ident = f"q{question.number}"
    title = f"Question {question.number}"
    if question.choices:
        item = _item(section, ident, title, "multiple_choice_question", question.points)
        presentation = ET.SubElement(item, "presentation")
        _material(presentation, _stem(question))
        response = ET.SubElement(
            presentation, "response_lid", {"ident": "response1", "rcardinality": "Single"}
        )
        render = ET.SubElement(response, "render_choice")
        for index, choice in enumerate(question.choices):
            label = ET.SubElement(render, "response_label", {"ident": f"{ident}-{chr(97 + index)}"})
            material = ET.SubElement(label, "material")
            mattext = ET.SubElement(material, "mattext", {"texttype": "text/plain"})
            mattext.text = xml_safe(choice)
        correct = _correct_ident(question, ident)
        processing = _processing(item, key)
        if correct:
            condition = ET.SubElement(processing, "respcondition", {"continue": "No"})
            test = ET.SubElement(condition, "conditionvar")
            ET.SubElement(test, "varequal", {"respident": "response1"}).text = correct
            score = ET.SubElement(condition, "setvar", {"action": "Set", "varname": "SCORE"})
            score.text = "100"
        _close(processing)
    else:
        item = _item(section, ident, title, "essay_question", question.points)
        presentation = ET.SubElement(item, "presentation")
        _material(presentation, _stem(question))
        _free_text(presentation)
        _close(_processing(item, key))
    if key:
        _feedback(item, _key_text(question))


def _correct_ident(question: QuestionView, ident: str) -> str | None:
    """The correct choice's response id, from the key's "B. text"."""
    if not question.correct:
        return None
    return f"{ident}-{question.correct[0].lower()}"


def _free_text(presentation: ET.Element) -> None:
    response = ET.SubElement(
        presentation, "response_str", {"ident": "response1", "rcardinality": "Single"}
    )
    render = ET.SubElement(response, "render_fib")
    ET.SubElement(render, "response_label", {"ident": "answer1", "rshuffle": "No"})


def _processing(item: ET.Element, key: bool) -> ET.Element:
    processing = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(
        outcomes,
        "decvar",
        {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"},
    )
    if key:
        general = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
        ET.SubElement(ET.SubElement(general, "conditionvar"), "other")
        ET.SubElement(
            general, "displayfeedback", {"feedbacktype": "Response", "linkrefid": "general_fb"}
        )
    return processing


def _close(processing: ET.Element) -> None:
    """QTI 1.2.1 wants at least one respcondition in resprocessing: an item scored by hand
    (an essay, or a choice without a key) gets one that matches any answer and sets nothing."""
    if processing.find("respcondition") is None:
        condition = ET.SubElement(processing, "respcondition", {"continue": "No"})
        ET.SubElement(ET.SubElement(condition, "conditionvar"), "other")


def _key_text(question: QuestionView) -> list[str]:
    """The key's answer, correct choice and evidence, as feedback paragraphs."""
    lines = []
    if question.correct:
        lines.append(f"Correct: {xml_safe(question.correct)}")
    if question.answer:
        lines.append(f"Model answer: {plain_inline(question.answer)}")
    for evidence in question.evidence:
        where = f" ({evidence.where})" if evidence.where else ""
        lines.append(f"Evidence: \u201c{xml_safe(evidence.quote)}\u201d{where}")
    return lines


def _feedback(item: ET.Element, paragraphs: list[str]) -> None:
    if not paragraphs:
        return
    feedback = ET.SubElement(item, "itemfeedback", {"ident": "general_fb"})
    _material(ET.SubElement(feedback, "flow_mat"), paragraphs)


def _essay_item(section: ET.Element, essay: EssayView, key: bool) -> None:
    item = _item(
        section, f"q{essay.number}", f"Question {essay.number}", "essay_question", essay.points
    )
    presentation = ET.SubElement(item, "presentation")
    _material(presentation, [f"{essay.number}. {plain_inline(essay.ask)}"])
    _free_text(presentation)
    _close(_processing(item, key))
    if not key:
        return
    rubric = [
        f"{row.criterion} ({row.points}): {xml_safe(row.description)}" for row in essay.rubric
    ]
    _feedback(item, [f"{essay.rubric_title}:" if rubric else "", *rubric])


def _title(packet: Packet) -> str:
    return packet.header.title if packet.header is not None else packet.lesson_id
