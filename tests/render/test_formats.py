"""Every copy of one lesson, read back from the files: Word, QTI, tiers, large print."""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from click.testing import CliRunner
from docx import Document as open_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from dbq.cli import main
from tests.conftest import Run, write
from tests.helpers import REPO, SAMPLE_SOURCE, pdf_text, squash

LESSON = "mao-armistice-tiered-1951"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's tiered sample lesson, built once: its output folder."""
    root = tmp_path_factory.mktemp("tiers")
    shutil.copytree(REPO / "sources", root / "sources")
    (root / "lessons").mkdir()
    shutil.copy(REPO / "lessons" / f"{LESSON}.yaml", root / "lessons")
    result = CliRunner().invoke(main, ["-C", str(root), "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "output" / LESSON


def spec() -> dict:
    return yaml.safe_load((REPO / "lessons" / f"{LESSON}.yaml").read_text(encoding="utf-8"))


def asked() -> list[dict]:
    """The lesson's questions in printed order."""
    data = spec()
    return [q for d in data["documents"] for q in d["questions"]] + data.get("questions", [])


def docx_text(path: Path) -> tuple[list[tuple[str, str]], str]:
    """(style, text) of every paragraph, and all text with tables, folded."""
    doc = open_docx(str(path))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return paragraphs, squash(" ".join([t for _, t in paragraphs] + cells))


@pytest.mark.slow
def test_every_copy_has_a_predictable_name(built: Path) -> None:
    names = sorted(p.name for p in built.iterdir() if not p.name.startswith("."))
    assert names == sorted(
        f"{LESSON}-{kind}"
        for kind in (
            "worksheet.pdf",
            "answer-key.pdf",
            "worksheet-supported.pdf",
            "worksheet-large.pdf",
            "worksheet-supported-large.pdf",
            "worksheet.docx",
            "answer-key.docx",
            "qti.zip",
        )
    )


@pytest.mark.slow
def test_word_worksheet_has_headings_questions_and_lines_but_no_key(built: Path) -> None:
    paragraphs, text = docx_text(built / f"{LESSON}-worksheet.docx")
    data = spec()
    assert ("Title", data["title"]) in paragraphs
    headings = [t for style, t in paragraphs if style == "Heading 1"]
    assert "Document A: Where should the line be drawn?" in headings
    assert "Document B: Who will watch the armistice?" in headings
    assert "Essay" in headings
    for number, question in enumerate(asked(), start=1):
        line = next(t for _, t in paragraphs if t.startswith(f"{number}. "))
        assert squash(question["ask"]) in squash(line)
        assert line.endswith(f"[{question['points']}]")
        assert "answer" not in question or squash(question["answer"]) not in text
    for choice in asked()[2]["choices"]:
        assert choice in text
    assert "¶9" in text and "¶16" in text  # paragraph numbers beside the excerpt
    assert "Source: Mao Zedong, telegram to Stalin" in text
    assert "demarcation line — The line that separates" in text  # the glossary
    ruled = [
        p
        for p in open_docx(str(built / f"{LESSON}-worksheet.docx")).paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    ]
    assert len(ruled) > 20  # answer lines under every written question and the essay
    for key_only in ("Teacher copy", "Correct:", "Answer:", "Evidence:", "Thesis", "Rubric"):
        assert key_only not in text


@pytest.mark.slow
def test_word_key_has_every_answer_choice_evidence_and_the_rubric(built: Path) -> None:
    paragraphs, text = docx_text(built / f"{LESSON}-answer-key.docx")
    assert "Teacher copy" in text
    for question in asked():
        if "answer" in question:
            assert squash(question["answer"]) in text
        assert f"Evidence: “{question['evidence']}”" in text
    assert "Correct: B. The Soviet Union, Poland and India" in text
    tables = open_docx(str(built / f"{LESSON}-answer-key.docx")).tables
    changes, rubric = tables[0], tables[-1]
    assert [c.text for c in changes.rows[1].cells] == ["9", "negotiations", "talks"]
    assert re.search(r"Reading load: original \d+ words, grade [\d.]+; adapted", text)
    assert [c.text for c in rubric.rows[0].cells] == ["Criterion", "Points", "What earns them"]
    assert len(rubric.rows) > 2
    assert any(style == "Heading 2" for style, _ in paragraphs)


def _assessment(package: Path) -> ET.Element:
    with zipfile.ZipFile(package) as archive:
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        resource = manifest.find(f"{CP}resources/{CP}resource")
        assert resource is not None and resource.get("type") == "imsqti_xmlv1p2"
        return ET.fromstring(archive.read(resource.get("href")))


@pytest.mark.slow
def test_qti_package_keeps_the_key_from_students_unless_asked(built: Path) -> None:
    """Issue 23: an LMS shows item feedback to students after they submit; model answers and
    rubrics went there. By default the package holds no feedback at all."""
    assessment = _assessment(built / f"{LESSON}-qti.zip")
    assert not list(assessment.iter(f"{QTI}itemfeedback"))
    assert not list(assessment.iter(f"{QTI}displayfeedback"))
    text = ET.tostring(assessment, encoding="unicode")
    for question in asked():
        if question.get("answer"):
            assert html.escape(question["answer"][:40], quote=False) not in text
    assert "Thesis" not in text  # the essay rubric


@pytest.mark.slow
def test_qti_package_has_every_question_correct_answer_and_feedback(tmp_path: Path) -> None:
    root = tmp_path / "tiers"
    shutil.copytree(REPO / "sources", root / "sources")
    (root / "lessons").mkdir()
    shutil.copy(REPO / "lessons" / f"{LESSON}.yaml", root / "lessons")
    (root / "dbq.yaml").write_text("lms_feedback: true\n", encoding="utf-8")
    args = ["-C", str(root), "build", "--format", "qti", LESSON]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assessment = _assessment(root / "output" / LESSON / f"{LESSON}-qti.zip")
    items = {item.get("ident"): item for item in assessment.iter(f"{QTI}item")}
    assert list(items)[:1] == ["doc-A"]

    def field(item: ET.Element, label: str) -> str:
        for entry in item.iter(f"{QTI}qtimetadatafield"):
            if entry.findtext(f"{QTI}fieldlabel") == label:
                return entry.findtext(f"{QTI}fieldentry") or ""
        return ""

    def texts(element: ET.Element | None) -> str:
        found = element.iter(f"{QTI}mattext") if element is not None else []
        return squash(html.unescape(re.sub(r"<[^>]+>", " ", " ".join(m.text or "" for m in found))))

    for number, question in enumerate(asked(), start=1):
        item = items[f"q{number}"]
        assert squash(question["ask"]) in texts(item.find(f"{QTI}presentation"))
        assert float(field(item, "points_possible")) == question["points"]
        feedback = texts(item.find(f"{QTI}itemfeedback"))
        assert question["evidence"] in feedback
        if question.get("type") == "multiple_choice":
            assert field(item, "question_type") == "multiple_choice_question"
            correct = item.find(f".//{QTI}varequal").text
            label = next(
                lab for lab in item.iter(f"{QTI}response_label") if lab.get("ident") == correct
            )
            assert texts(label) == "The Soviet Union, Poland and India"
        else:
            assert field(item, "question_type") == "essay_question"
            assert squash(question["answer"]) in feedback
    essay = items[f"q{len(asked()) + 1}"]
    assert squash(spec()["essay"]["ask"]) in texts(essay)
    assert "demarcation line" in texts(items["doc-A"])


@pytest.mark.slow
def test_supported_tier_adapts_scaffolds_and_keeps_numbers(built: Path) -> None:
    standard = pdf_text(built / f"{LESSON}-worksheet.pdf")
    supported = pdf_text(built / f"{LESSON}-worksheet-supported.pdf")
    adapted = "The main question in the talks is where to draw the demarcation line."
    assert adapted in supported and adapted not in standard
    assert "Beijing, November 14, 1951. (adapted)" in supported
    assert "THE ORIGINAL TEXT" in supported  # show_original: after
    assert "Word bank" in supported and "Word bank" not in standard
    assert supported.count("SENTENCE FRAME") == len(asked()) and "SENTENCE FRAME" not in standard
    for copy in (standard, supported):
        where = [copy.index(squash(q["ask"])[:50]) for q in asked()]
        assert where == sorted(where)
        points = re.findall(r"\[(\d+)\]", copy)
        assert [int(p) for p in points if p in "123"][: len(asked())] == [
            q["points"] for q in asked()
        ]


@pytest.mark.slow
def test_key_marks_the_adaptation_and_the_tiers(built: Path) -> None:
    key = pdf_text(built / f"{LESSON}-answer-key.pdf")
    assert "supported worksheet" in key
    assert re.search(r"Reading load: original \d+ words, grade [\d.]+; adapted \d+ words", key)
    assert "negotiations talks" in key  # the change log: "negotiations" became "talks"
    assert "The main question in the negotiations is the determination" in key  # original


@pytest.mark.slow
def test_large_print_is_18_point_with_the_same_numbering(built: Path) -> None:
    large = built / f"{LESSON}-worksheet-large.pdf"
    standard = pdf_text(built / f"{LESSON}-worksheet.pdf")
    assert len(PdfReader(str(large)).pages) > len(
        PdfReader(str(built / f"{LESSON}-worksheet.pdf")).pages
    )
    text = pdf_text(large)
    for question in asked():
        assert squash(question["ask"]) in text and squash(question["ask"]) in standard
    small: set[str] = set()
    for page in PdfReader(str(large)).pages:
        if "Placing the documents in time" in (page.extract_text() or ""):
            continue  # the timeline is a picture

        def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            if text.strip() and size * scale < 17.9:
                small.add(text.strip())

        page.extract_text(visitor_text=visit)
    # only the running footer (the title, which may take two lines, and the page count)
    title = squash(spec()["title"])
    assert all("Page" in t or t.rstrip(",") in title or "content" in t for t in small), small


BAD_ADAPTED = f"""\
title: Adapted
generate: false
documents:
  - source: {SAMPLE_SOURCE}
    excerpt: {{paragraphs: 9-10}}
    adapted: |
      Only one paragraph, where the excerpt prints two.
  - source: {SAMPLE_SOURCE}
    excerpt: {{paragraphs: 15}}
    adapted:
      16: Paragraph 16 is not printed.
"""


def test_an_adaptation_must_keep_the_paragraphs(run: Run, workspace: Path) -> None:
    write(workspace / "lessons" / "bad.yaml", BAD_ADAPTED)
    result = run("check", "bad")
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("lessons/")]
    assert lines[0].startswith("lessons/bad.yaml:6:14: documents[1].adapted: `adapted` has 1")
    assert "prints 2 (¶9, ¶10)" in lines[0] and lines[0].endswith("[C006]")
    assert lines[1].startswith("lessons/bad.yaml:11:")
    assert "rewrites ¶16, which Document B does not print (it prints ¶15)" in lines[1]


UNTRUSTED = f"""\
title: "Tags & <b>things</b>"
generate: false
documents:
  - source: {SAMPLE_SOURCE}
    excerpt: {{paragraphs: 15}}
    adapted:
      15: "We want <script>alert(1)</script> three states & India."
    questions:
      - type: multiple_choice
        ask: "Which is </mattext> ]]> right?"
        choices: ["<b>", "a & b"]
        correct: B
        answer: "Because </itemfeedback> & more."
"""


def test_untrusted_text_stays_text_in_word_and_qti(run: Run, workspace: Path) -> None:
    write(workspace / "lessons" / "odd.yaml", UNTRUSTED)
    result = run("build", "odd", "--format", "docx", "--format", "qti")
    assert result.exit_code == 0, result.output
    out = workspace / "output" / "odd"
    with zipfile.ZipFile(out / "odd-qti.zip") as archive:
        assessment = ET.fromstring(archive.read("odd/odd.xml"))
    item = next(i for i in assessment.iter(f"{QTI}item") if i.get("ident") == "q1")
    stem = item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text
    assert html.unescape(stem) == "<p>1. (Document A) Which is </mattext> ]]> right?</p>"
    choices = [m.text for m in item.iter(f"{QTI}mattext")][1:3]
    assert choices == ["<b>", "a & b"]
    assert item.find(f".//{QTI}varequal").text == "q1-b"
    _, text = docx_text(out / "odd-answer-key.docx")
    assert "Because </itemfeedback> & more." in text
    _, sheet = docx_text(out / "odd-worksheet.docx")
    assert "We want <script>alert(1)</script> three states & India." in sheet  # adapted, no tiers
    # A control character written as an escape never reaches Word or QTI: the lesson is refused.
    write(workspace / "lessons" / "odd.yaml", UNTRUSTED.replace("three states &", "\\u0001 &"))
    refused = run("build", "odd", "--format", "docx", "--format", "qti")
    assert refused.exit_code == 1 and "[Y007]" in refused.output


@pytest.mark.slow
def test_formats_are_part_of_the_fingerprint_and_reproducible(run: Run, workspace: Path) -> None:
    write(
        workspace / "lessons" / "plain.yaml",
        f"""\
title: Plain
generate: false
documents:
  - source: {SAMPLE_SOURCE}
    excerpt: {{paragraphs: 15}}
    questions:
      - ask: Which states?
        answer: The Soviet Union, Poland and India.
""",
    )
    assert run("build", "plain").exit_code == 0
    out = workspace / "output" / "plain"
    assert not (out / "plain-worksheet.docx").exists()
    assert "up to date: 1" in run("build", "plain").output
    again = run("build", "plain", "--format", "docx", "--format", "large", "--jobs", "2")
    assert "built output/plain/plain-worksheet.docx" in again.output
    assert "plain-worksheet-large.pdf" in again.output
    first = (out / "plain-worksheet.docx").read_bytes()
    assert "up to date: 1" in run("build", "plain", "--format", "docx", "--format", "large").output
    run("build", "plain", "--format", "docx", "--format", "large", "--force")
    assert (out / "plain-worksheet.docx").read_bytes() == first
    (workspace / "dbq.yaml").write_text("formats: [qti]\n")
    assert "plain-qti.zip" in run("build", "plain").output


def test_check_shows_the_reading_load_of_both_versions(sample_workspace: Path) -> None:
    result = CliRunner().invoke(main, ["-C", str(sample_workspace), "check", LESSON])
    assert result.exit_code == 0, result.output
    line = next(
        x for x in result.output.splitlines() if x.startswith("  Document A: ") and "words" in x
    )
    original, adapted = re.findall(r"(\d+) words, (?:Flesch-Kincaid )?grade ([\d.]+)", line)
    assert int(adapted[0]) < int(original[0]) and float(adapted[1]) < float(original[1])
    # the original reads above grade 12, but students who need it get the adapted text
    assert "Document A reads at grade" not in result.output


GLOSSED = f"""\
title: Glossed
generate: false
documents:
  - source: {SAMPLE_SOURCE}
    excerpt:
      paragraphs: 15
      gloss: {{"India": "then newly independent"}}
    questions:
      - ask: Which states?
        answer: The Soviet Union, Poland and India.
"""


@pytest.mark.slow
def test_word_and_qti_print_the_packets_glosses_and_directions(run: Run, workspace: Path) -> None:
    write(workspace / "lessons" / "glossed.yaml", GLOSSED)
    result = run("build", "glossed", "--format", "docx", "--format", "qti")
    assert result.exit_code == 0, result.output
    out = workspace / "output" / "glossed"
    with zipfile.ZipFile(out / "glossed-qti.zip") as archive:
        assessment = ET.fromstring(archive.read("glossed/glossed.xml"))
    document = next(i for i in assessment.iter(f"{QTI}item") if i.get("ident") == "doc-A")
    passage = " ".join(html.unescape(m.text or "") for m in document.iter(f"{QTI}mattext"))
    assert "India [then newly independent]" in squash(passage)  # a space before it, as in print
    _, sheet = docx_text(out / "glossed-worksheet.docx")
    assert "India [then newly independent]" in squash(sheet)  # a space before it, as in print
    # The directions come from the packet: the same explanation of the numbers as the PDF's.
    assert (
        "Numbers before the paragraphs are paragraph numbers: the document's own where it "
        "numbers its paragraphs" in sheet
    )
    run("build", "glossed", "--force", "--html")
    page = (out / "glossed-worksheet.html").read_text(encoding="utf-8")
    assert "Numbers in the margin are paragraph numbers: the document&#39;s own where it" in page
