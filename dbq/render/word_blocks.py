"""The pieces of Word markup the Word copies are built from: boxes, tags, ruled lines, the page.

python-docx covers paragraphs and runs; borders, shading and page margins are set here in the
document's XML, each in one place.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

GREY = RGBColor(0x55, 0x55, 0x55)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
# The PDF's page: its side margins, so that the timeline picture, laid out for the PDF's
# text width, prints at the same size in Word.
PAGES = {"letter": (Inches(8.5), Inches(11)), "a4": (Inches(210 / 25.4), Inches(297 / 25.4))}
SIDE_MARGIN = Inches(0.75)
RULES = ("000000", "111111")  # two blacks, told apart by Word (see answer_lines)
KEEP_TOGETHER = 1500  # characters: about a third of a page


def set_page(doc: Document, page_size: str) -> None:
    """The page size of the PDF copies and their 0.75in side margins."""
    width, height = PAGES.get(page_size, PAGES["letter"])
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
        section.left_margin = section.right_margin = SIDE_MARGIN


def text_width(doc: Document) -> int:
    """The width of the text block of the first section, in EMU."""
    section = doc.sections[0]
    return (
        int(section.page_width or 0)
        - int(section.left_margin or 0)
        - int(section.right_margin or 0)
    )


def small(para: Paragraph, text: str, *, size: float = 8, grey: bool = True) -> Run:
    """A run of small text (grey unless told), as the PDF's notes and origins print."""
    run = para.add_run(text)
    run.font.size = Pt(size)
    if grey:
        run.font.color.rgb = GREY
    return run


def sans(run: Run) -> Run:
    """The run in the document's heading face: the theme's sans-serif (Calibri in Word's own
    theme), as the PDF sets glosses and labels in its sans beside a serif text."""
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for name in ("w:asciiTheme", "w:hAnsiTheme"):
        fonts.set(qn(name), "majorHAnsi")
    return run


def tag(para: Paragraph, text: str, *, dark: bool = False) -> Run:
    """A small capitalised label: "For discussion", "generated"; `dark`: white on black, as the
    key's "generated — review" prints. The run holds the words as written (search finds them);
    Word shows them in capitals."""
    run = sans(para.add_run(text))
    run.bold = True
    run.font.size = Pt(7.5)
    run.font.all_caps = True
    if dark:
        run.font.color.rgb = WHITE
        _run_shading(run, "333333")
    else:
        run.font.color.rgb = RGBColor(0x33, 0x33, 0x33)
        _run_border(run)
    return run


def _run_shading(run: Run, fill: str) -> None:
    shading = OxmlElement("w:shd")
    for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(name), value)
    run._r.get_or_add_rPr().append(shading)


def _run_border(run: Run) -> None:
    border = OxmlElement("w:bdr")
    for name, value in (
        ("w:val", "single"),
        ("w:sz", "4"),
        ("w:space", "0"),
        ("w:color", "555555"),
    ):
        border.set(qn(name), value)
    run._r.get_or_add_rPr().append(border)


def box(doc: Document, *, left: int = 6, colour: str = "888888") -> _Cell:
    """A bordered one-cell table to write a box into (its first paragraph is empty and ready);
    `left`: the width of its left border in eighths of a point (the In context box's is thick).
    Call `keep_together` when it is written.

    A paragraph follows it, so that two boxes in a row stay two boxes in Word.
    """
    table = doc.add_table(rows=1, cols=1)
    cell = table.rows[0].cells[0]
    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        wide = side == "left"
        for name, value in (
            ("w:val", "single"),
            ("w:sz", str(left if wide else 6)),
            ("w:space", "0"),
            ("w:color", "444444" if wide and left > 6 else colour),
        ):
            edge.set(qn(name), value)
        borders.append(edge)
    properties.append(borders)
    margins = OxmlElement("w:tcMar")
    for side, twips in (("top", 60), ("left", 140), ("bottom", 60), ("right", 140)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    properties.append(margins)
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_after = Pt(0)
    spacer.paragraph_format.line_spacing = Pt(6)
    return cell


def keep_together(cell: _Cell) -> None:
    """Keep a box on one page, as the PDF does, when it is short enough that a page holds it
    (Word cuts off a row that may not break and is taller than the page)."""
    if sum(len(p.text) for p in cell.paragraphs) > KEEP_TOGETHER:
        return
    row = cell._tc.getparent()
    properties = row.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def box_paragraph(cell: _Cell, style: str | None = None) -> Paragraph:
    """The next paragraph of a box: its empty first one, then new ones."""
    first = cell.paragraphs[0]
    if len(cell.paragraphs) == 1 and not first.runs:
        para = first
        if style is not None:
            para.style = style
    else:
        para = cell.add_paragraph(style=style)
    para.paragraph_format.space_after = Pt(2)
    return para


def answer_lines(doc: Document, count: int) -> None:
    """`count` empty paragraphs, each ruled at the bottom: lines to write on that stay lines
    when edited.

    Word and LibreOffice draw paragraphs in a row with the same borders as one bordered group,
    ruled under the last only; every other line's rule is a shade lighter, so that no two in a
    row are the same and each paragraph keeps its own rule.
    """
    for index in range(count):
        para = doc.add_paragraph()
        para.paragraph_format.space_before = Pt(10)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for name, value in (
            ("w:val", "single"),
            ("w:sz", "4"),
            ("w:space", "1"),
            ("w:color", RULES[index % 2]),
        ):
            bottom.set(qn(name), value)
        borders.append(bottom)
        para._p.get_or_add_pPr().append(borders)
