"""Pages that fit: a `pages:` target reported by build and warned by check, nothing stranded
from what it belongs to, and an essay that starts its page cleanly (read back from the PDF)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dbq.cli import main
from tests.helpers import pdf_pages, squash

pytestmark = pytest.mark.slow  # every test here builds whole lessons

LESSON = "mao-armistice-1951"


def dbq(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["-C", str(root), *args], catch_exceptions=False)


def _target(root: Path, pages: int) -> None:
    path = root / "lessons" / f"{LESSON}.yaml"
    text = path.read_text("utf-8").replace("documents:\n", f"pages: {pages}\ndocuments:\n", 1)
    path.write_text(text, "utf-8")


def test_build_reports_the_page_target_and_check_warns_past_it(sample_workspace: Path) -> None:
    _target(sample_workspace, 3)
    built = dbq(sample_workspace, "build", LESSON)
    assert built.exit_code == 0, built.output  # a warning, not a failure
    count = int(re.search(r"worksheet\.pdf \((\d+) pages; target 3\)", built.output).group(1))
    assert count > 3
    warning = "past the lesson's `pages: 3`"
    assert any(warning in line and line.endswith("[P003]") for line in built.output.splitlines())
    checked = dbq(sample_workspace, "check", LESSON)
    lines = [line for line in checked.output.splitlines() if line.endswith("[P003]")]
    assert lines and lines[0].startswith(f"lessons/{LESSON}.yaml:") and "pages:" in lines[0]
    assert f"runs to {count} pages" in lines[0]  # check counts what build printed


def test_no_warning_when_the_worksheet_fits(sample_workspace: Path) -> None:
    _target(sample_workspace, 20)
    checked = dbq(sample_workspace, "check", LESSON)
    assert "[P003]" not in checked.output
    built = dbq(sample_workspace, "build", LESSON)
    assert "; target 20)" in built.output and "[P003]" not in built.output


def test_source_lines_stay_with_their_excerpts_and_the_essay_starts_a_page(
    sample_workspace: Path,
) -> None:
    assert dbq(sample_workspace, "build", LESSON).exit_code == 0
    pdf = sample_workspace / "output" / LESSON / f"{LESSON}-worksheet.pdf"
    pages = [squash(p) for p in pdf_pages(pdf)]
    # each excerpt's last words and its source line are on one page
    for last_words in ("will not continue for long", "prisoners of war by both sides"):
        page = next(i for i, text in enumerate(pages) if last_words in text)
        assert "Source: Mao Zedong" in pages[page], (last_words, page)
    # the essay (24 lines: less than a page) is whole on the last page, heading first
    essay = next(i for i, text in enumerate(pages) if "Essay" in text)
    assert essay == len(pages) - 1
    assert re.match(r"Essay \d+\. Using the documents", pages[essay])
    # no page is left with nothing but answer lines
    for text in pages:
        assert re.sub(r"Ending a War.*?Page \d+ of \d+", "", text).strip(), text
