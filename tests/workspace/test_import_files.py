"""`dbq sources import` on the files teachers have: a born-digital PDF, a saved web page.

Real files through the real CLI: a FRUS telegram rendered to PDF with WeasyPrint, and the
same telegram wrapped the way a web page wraps a document (head, menu, script, footer). Each
must import like the same document's .txt; a scanned or broken PDF is refused with a message
that names the file, and nothing is written.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
import weasyprint
from pypdf import PdfWriter

from dbq.workspace.sources import get_source
from tests.conftest import Run
from tests.helpers import CORPUS

# A telegram signed 'Acheson' with two marking lines, and one with numbered paragraphs, two
# times in its dateline and footnotes.
TEXTS = [
    CORPUS / "frus-1951" / "frus1951v07p2-d0109.txt",
    CORPUS / "frus-1951" / "frus1951v07p2-d0328.txt",
]


def _paragraphs_html(text: str) -> str:
    return "".join(
        f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>" for block in text.split("\n\n")
    )


def _web_page(text: str) -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Office of the Historian</title>"
        "<script>document.write('Subscribe now');</script><style>p{margin:1em}</style></head>"
        "<body><header><h1>Office of the Historian</h1></header>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/search'>Search</a></li></ul></nav>"
        f"<main><article>{_paragraphs_html(text)}</article></main>"
        "<script src='https://example.invalid/tracker.js'></script>"
        "<footer>Contact us · Privacy</footer></body></html>"
    )


def _same_as_text(run: Run, workspace: Path, text_file: Path, other: Path) -> None:
    assert run("sources", "import", str(text_file), "--id", "as-text").exit_code == 0
    result = run("sources", "import", str(other), "--id", "as-other")
    assert result.exit_code == 0, result.output
    want, got = get_source(workspace, "as-text"), get_source(workspace, "as-other")
    assert got.meta == want.meta
    assert got.paragraphs == want.paragraphs
    assert got.own_numbers == want.own_numbers


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_a_born_digital_pdf_imports_like_its_text(
    text: Path, run: Run, workspace: Path, tmp_path: Path
) -> None:
    page = f"<html><body>{_paragraphs_html(text.read_text(encoding='utf-8'))}</body></html>"
    pdf = tmp_path / f"{text.stem}.pdf"
    pdf.write_bytes(weasyprint.HTML(string=page).write_pdf())
    _same_as_text(run, workspace, text, pdf)


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_a_saved_web_page_imports_like_its_text(
    text: Path, run: Run, workspace: Path, tmp_path: Path
) -> None:
    page = tmp_path / f"{text.stem}.html"
    page.write_text(_web_page(text.read_text(encoding="utf-8")), encoding="utf-8")
    _same_as_text(run, workspace, text, page)
    body = (workspace / "sources" / "as-other.md").read_text(encoding="utf-8")
    for chrome in ("Subscribe", "Home", "Search", "Privacy", "Office of the Historian"):
        assert chrome not in body


def test_a_scanned_pdf_gets_one_clear_message(run: Run, workspace: Path, tmp_path: Path) -> None:
    scanned = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)  # a page with no text layer, as a scan has
    with scanned.open("wb") as out:
        writer.write(out)
    before = sorted((workspace / "sources").iterdir())
    result = run("sources", "import", str(scanned))
    assert result.exit_code == 1
    assert str(scanned) in result.output and "no text layer" in result.output
    assert "OCR" in result.output and ".txt" in result.output
    assert "Traceback" not in result.output
    assert sorted((workspace / "sources").iterdir()) == before


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n%%EOF", b"not a pdf at all", b""],
    ids=["truncated", "not-pdf", "empty"],
)
def test_a_broken_pdf_is_a_located_error(
    data: bytes, run: Run, workspace: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data)
    before = sorted((workspace / "sources").iterdir())
    result = run("sources", "import", str(broken))
    assert result.exit_code == 1
    assert str(broken) in result.output and "Traceback" not in result.output
    assert sorted((workspace / "sources").iterdir()) == before


def test_a_web_page_fetches_nothing_and_runs_nothing(
    run: Run, workspace: Path, tmp_path: Path
) -> None:
    page = tmp_path / "page.htm"
    page.write_text(
        '<!DOCTYPE html SYSTEM "https://example.invalid/evil.dtd" [<!ENTITY x SYSTEM '
        '"file:///etc/passwd">]><html><body><p>Dear Clubb: &x; the text &amp; more.</p>'
        "<iframe src='https://example.invalid/'>framed</iframe>"
        "<p hidden>hidden words</p><p>Sincerely yours,</p><p>Dean Rusk</p></body></html>",
        encoding="utf-8",
    )
    result = run("sources", "import", str(page), "--id", "page")
    assert result.exit_code == 0, result.output
    source = get_source(workspace, "page")
    text = "\n".join(source.paragraphs)
    assert "root:" not in text and "framed" not in text and "hidden words" not in text
    assert source.paragraphs[0] == "Dear Clubb: &x; the text & more."


def test_a_pdf_over_the_size_cap_is_refused(run: Run, workspace: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024))
    result = run("sources", "import", str(big))
    assert result.exit_code == 1
    assert str(big) in result.output and "Traceback" not in result.output
