"""Fillable worksheets: a text field over each answer space, a radio button per choice, none in
the key; built for real and read back with pypdf."""

from __future__ import annotations

import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter

from dbq.cli import main
from dbq.render.pages import render_pages
from tests.conftest import Run, write
from tests.helpers import REPO, SAMPLE_SOURCE, composed_lesson, pdf_text
from tests.test_units import _course

MULTILINE = 1 << 12  # text field flag 13
RADIO = 1 << 15  # button field flag 16
RULE = 0.31 * 72 + 0.6  # style.css: .rule { height: 0.31in; border-bottom: 0.6pt … }

LESSON = f"""\
title: Fillable
generate: false
documents:
  - source: {SAMPLE_SOURCE}
    excerpt: {{paragraphs: 9}}
    questions:
      - ask: What does Mao propose?
        answer: He proposes a demarcation line along the present front.
        lines: 3
      - ask: Where would the line be drawn?
        type: multiple_choice
        choices: [Along the present front, Deep in the rear, Along the coast]
        correct: A
      - ask: Does Mao expect the fighting to go on for long?
        type: multiple_choice
        choices: ["Yes", "No"]
        correct: B
        lines: 2
essay:
  ask: Why did the place of the line matter to both sides?
  lines: 8
"""


def _form(reader: PdfReader) -> dict | None:
    return reader.trailer["/Root"].get("/AcroForm")


def _printed(pdf: Path) -> str:
    """The text a PDF prints, less the footer's version of the lesson file."""
    return re.sub(r"content [0-9a-f]+ · ", "", pdf_text(pdf))


def test_worksheet_fields_over_the_answers_and_none_in_the_key(run: Run, workspace: Path) -> None:
    write(workspace / "lessons" / "on.yaml", LESSON)
    result = run("build")
    assert result.exit_code == 0, result.output
    out = workspace / "output"
    sheet = PdfReader(out / "on" / "on-worksheet.pdf")
    fields = sheet.get_fields() or {}

    # One field per answer space, named after its question; the essay's lines after the first
    # five are a field of their own (a field cannot run on to the next page).
    assert set(fields) == {"q1", "q2", "q3", "q3-text", "q4", "q4-2"}
    for name, label in [
        ("q1", "Question 1 answer"),
        ("q3-text", "Question 3 written answer"),
        ("q4", "Question 4 answer"),
        ("q4-2", "Question 4 answer, part 2"),
    ]:
        assert fields[name]["/FT"] == "/Tx"
        assert fields[name]["/Ff"] & MULTILINE, name
        assert fields[name]["/TU"] == label
    for name, letters in [("q2", ["A", "B", "C"]), ("q3", ["A", "B"])]:
        group = fields[name]
        assert group["/FT"] == "/Btn" and group["/Ff"] & RADIO
        assert group["/TU"] == f"Question {name[1:]} answer"
        assert list(group["/Opt"]) == letters
        kids = [kid.get_object() for kid in group["/Kids"]]
        assert len(kids) == len(letters)
        # The buttons are widgets of their group only, not fields named like it.
        assert all("/T" not in kid and "/FT" not in kid for kid in kids)
    listed = [f.get_object()["/T"] for f in _form(sheet)["/Fields"]]
    assert sorted(listed) == sorted(fields)

    # Each text field covers its ruled lines: 3 for question 1, 5 and 3 for the essay.
    heights = {}
    for page in sheet.pages:
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            if widget.get("/FT") == "/Tx":
                bottom, top = sorted(float(v) for v in widget["/Rect"][1::2])
                heights[widget["/T"]] = top - bottom
    assert heights["q1"] == pytest.approx(3 * RULE, abs=1)
    assert heights["q4"] == pytest.approx(5 * RULE, abs=1)
    assert heights["q4-2"] == pytest.approx(3 * RULE, abs=1)

    assert _form(PdfReader(out / "on" / "on-answer-key.pdf")) is None  # the key is never fillable

    # A student's answers go in and come back out.
    writer = PdfWriter(clone_from=sheet)
    for page in writer.pages:
        writer.update_page_form_field_values(
            page, {"q1": "A line along the present front.", "q2": "/0"}, auto_regenerate=False
        )
    saved = io.BytesIO()
    writer.write(saved)
    filled = PdfReader(saved).get_fields() or {}
    assert filled["q1"]["/V"] == "A line along the present front."
    assert filled["q2"]["/V"] == "/0"


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.radios: list[dict[str, str | None]] = []
        self.labels: list[str | None] = []
        self.textareas: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "id" in found:
            self.ids.append(found["id"] or "")
        if tag == "input" and found.get("type") == "radio":
            self.radios.append(found)
        elif tag == "textarea":
            self.textareas.append(found)
        elif tag == "label":
            self.labels.append(found.get("for"))


def test_the_setting_and_the_lesson_decide_and_the_html_is_labelled(workspace: Path) -> None:
    """dbq.yaml's `fillable` holds for every lesson, a lesson's own overrides it; every choice
    has its own labelled button (the same templates make an accessible HTML copy)."""
    write(workspace / "lessons" / "default.yaml", LESSON)
    write(workspace / "lessons" / "asked.yaml", LESSON + "fillable: true\n")
    assert composed_lesson(workspace, "default").packet.fillable
    settings = workspace / "dbq.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "fillable: no\n", encoding="utf-8")
    assert not composed_lesson(workspace, "default").packet.fillable
    packet = composed_lesson(workspace, "asked").packet
    assert packet.fillable

    pages = render_pages(packet, workspace)
    assert "<textarea" not in pages["answer-key"] and "<input" not in pages["answer-key"]
    html = _Controls()
    html.feed(pages["worksheet"])
    assert len(html.ids) == len(set(html.ids))
    assert [r["id"] for r in html.radios] == ["q2-a", "q2-b", "q2-c", "q3-a", "q3-b"]
    assert [r["value"] for r in html.radios] == ["A", "B", "C", "A", "B"]
    assert html.labels == [r["id"] for r in html.radios]
    assert [t["name"] for t in html.textareas] == ["q1", "q3-text", "q4", "q4-2"]


@pytest.mark.slow
def test_every_worksheet_copy_is_fillable_large_print_larger(tmp_path: Path) -> None:
    """The tiered sample: standard, supported and their large print all carry the same fields
    and print as they do with `fillable: false`; the typed text is 11 pt, 16 pt in large print."""
    lesson = "mao-armistice-tiered-1951"
    shutil.copytree(REPO / "sources", tmp_path / "sources")
    spec = yaml.safe_load((REPO / "lessons" / f"{lesson}.yaml").read_text(encoding="utf-8"))
    write(tmp_path / "lessons" / "on.yaml", yaml.safe_dump(spec))
    write(tmp_path / "lessons" / "off.yaml", yaml.safe_dump({**spec, "fillable": False}))
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    kinds = ["worksheet", "worksheet-supported", "worksheet-large", "worksheet-supported-large"]
    names = None
    for kind in kinds:
        on_pdf = tmp_path / "output" / "on" / f"on-{kind}.pdf"
        off_pdf = tmp_path / "output" / "off" / f"off-{kind}.pdf"
        on, off = PdfReader(on_pdf), PdfReader(off_pdf)
        assert _form(off) is None
        # The fields take no room: the same pages, the same printed text (but the version).
        assert len(on.pages) == len(off.pages), kind
        assert _printed(on_pdf) == _printed(off_pdf), kind
        fields = on.get_fields() or {}
        assert names is None or set(fields) == names, kind
        names = set(fields)
        widgets = [a.get_object() for page in on.pages for a in page.get("/Annots") or []]
        sizes = {
            float(re.search(r"([\d.]+) Tf", w["/DA"]).group(1))  # type: ignore[union-attr]
            for w in widgets
            if w.get("/FT") == "/Tx"
        }
        assert sizes == ({16.0} if kind.endswith("large") else {11.0}), kind
    assert names and {"q1", "q2"} <= names
    assert _form(PdfReader(tmp_path / "output" / "on" / "on-answer-key.pdf")) is None


@pytest.mark.slow
def test_a_unit_packet_names_each_lessons_fields_apart(run: Run, workspace: Path) -> None:
    _course(run, workspace)
    result = run("build", "korea")
    assert result.exit_code == 0, result.output
    folder = workspace / "output" / "units" / "korea"
    fields = PdfReader(folder / "korea-packet.pdf").get_fields() or {}
    assert {"l1-q1", "l2-q1"} <= set(fields)
    assert fields["l2-q1"]["/TU"] == "Lesson 2, question 1 answer"
    assert _form(PdfReader(folder / "korea-answer-key.pdf")) is None
