"""The contextualization in the Word copies, as the PDF prints it (templates/context-*.html).

The timeline is the audience's own layout (the students' events, or the key's with the later
ones shaded), drawn as the PDF's SVG and rasterized (dbq/render/raster.py), because Word
cannot hold SVG; the picture carries the same alternative text as the PDF's.
"""

from __future__ import annotations

import io

from docx.document import Document
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph

from dbq.packet.items import KEY, STUDENTS, ContextBox, ContextPromptItem, InContext, Packet
from dbq.render.plain import plain_inline, xml_safe
from dbq.render.raster import svg_png
from dbq.render.svg_timeline import alternative_text, events_in_order, render_svg
from dbq.render.word_blocks import (
    box,
    box_paragraph,
    keep_together,
    sans,
    small,
    tag,
    text_width,
)

HEADING = "Placing the documents in time"
DISCUSS = "For discussion \u00b7 no written answer"
CAPTION = "Documents are shown below the line, events above it."
LATER_CAPTION = (
    " Events in the shaded part came after the documents were written and are not on the "
    "students' copy."
)
GENERATED_PROMPT = "generated"  # the key's mark on a prompt dbq wrote
SCALE = 3.0  # pixels per point of the picture: 216 dpi, sharp in print


def audience_view(packet: Packet) -> InContext | None:
    """The contextualization this copy prints: the key's in the key, else the students'."""
    return packet.views.get(KEY if packet.for_key else STUDENTS)


def timeline_alt(view: InContext, title: str) -> str:
    """The picture's alternative text: its name and every event it shows, in order."""
    assert view.timeline is not None
    return alternative_text(_name(title), events_in_order(view.timeline, view.cutoff))


def _name(title: str) -> str:
    return f"Timeline: {title}" if title else "Timeline"


def timeline_section(doc: Document, packet: Packet, title: str) -> None:
    """ "Placing the documents in time": the picture, its caption and the lesson's prompts."""
    view = audience_view(packet)
    if view is None or not (view.timeline or view.prompts):
        return
    doc.add_heading(HEADING, level=1)
    if view.timeline is not None:
        layout = view.timeline
        png, _ = svg_png(render_svg(layout, view.cutoff, _name(title)), SCALE)
        width = min(Pt(layout.width), Emu(text_width(doc)))
        picture = doc.add_paragraph()
        picture.paragraph_format.keep_with_next = True
        shape = picture.add_run().add_picture(io.BytesIO(png), width=width)
        shape._inline.docPr.set("descr", xml_safe(timeline_alt(view, title)))
        later = view.audience == KEY and bool(view.cutoff)
        caption = doc.add_paragraph(style="Caption")
        sans(small(caption, CAPTION + (LATER_CAPTION if later else ""), size=8)).bold = False
    if view.prompts:
        head = doc.add_paragraph()
        head.paragraph_format.keep_with_next = True
        tag(head, DISCUSS)
        for prompt in view.prompts:
            _prompt(doc.add_paragraph(style="List Bullet"), prompt, packet.for_key)


def _prompt(para: Paragraph, prompt: ContextPromptItem, key: bool) -> None:
    para.add_run(plain_inline(prompt.text))
    if key and prompt.generated:
        para.add_run(" ")
        tag(para, GENERATED_PROMPT)


def document_box(doc: Document, packet: Packet, label: str) -> None:
    """A document's In context box: its date, its prompts and, in the key, what its author
    could not yet know."""
    view = audience_view(packet)
    found: ContextBox | None = view.documents.get(label) if view is not None else None
    if found is None or not (found.prompts or found.notes_intro):
        return
    cell = box(doc, left=24)
    head = box_paragraph(cell)
    run = sans(
        head.add_run("In context" + (f" \u00b7 {xml_safe(found.date)}" if found.date else ""))
    )
    run.bold, run.font.all_caps, run.font.size = True, True, Pt(8)
    if found.prompts:
        head.add_run("    ")
        tag(head, DISCUSS)
    for prompt in found.prompts:
        _prompt(box_paragraph(cell, "List Bullet"), prompt, packet.for_key)
    if packet.for_key and found.notes_intro:
        intro = box_paragraph(cell)
        intro.paragraph_format.space_before = Pt(4)
        tag(intro, "For the teacher")
        intro.add_run(f"  {xml_safe(found.notes_intro)}")
        for note in found.notes:
            item = box_paragraph(cell, "List Bullet")
            item.add_run(f"{xml_safe(note.get('when', ''))}: ").bold = True
            item.add_run(xml_safe(note.get("text", "")))
    keep_together(cell)
