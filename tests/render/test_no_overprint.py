"""No text printed over other text, in standard and large print (issue 23, item 1).

Large print overprinted its footer ("…Sanctions, 1951" over "content 80d329e0e0") and put the
"For discussion" badge over the first line of each In context box. The PDFs are read back
with pdfplumber, which places every glyph on the page, the timeline's SVG labels included
(pypdf did not map the picture's own coordinates to the page, so an earlier check looked at
the footer, badges and margin numbers only). Every pair of glyphs is compared: two that
cover much of each other are two texts printed in one place. Glyphs, not words: text
printed over text runs into one garbled word.

Measured: the flagship lesson's large print before the fix (2cea093^) had 123 such pairs,
every page's footer; every copy of every repository lesson now has none.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest
import weasyprint
from click.testing import CliRunner

from dbq.cli import main
from tests.helpers import REPO, composed_lesson

LESSONS = sorted(p.stem for p in (REPO / "lessons").glob("*.yaml"))
CELL = 12.0  # points: glyphs are compared only with those in the same cells of this grid

Glyph = dict  # pdfplumber's char: text, x0, x1, top, bottom, size


def _covers(a: Glyph, b: Glyph) -> bool:
    """Much of one glyph's box under the other's: a third of the narrower's width and half the
    shorter's height (neighbours in a word or on adjacent lines touch, they do not cover)."""
    across = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    narrower = min(a["x1"] - a["x0"], b["x1"] - b["x0"])
    shorter = min(a["bottom"] - a["top"], b["bottom"] - b["top"])
    return across > narrower / 3 and down > shorter / 2


def _cells(glyph: Glyph) -> list[tuple[int, int]]:
    columns = range(int(glyph["x0"] // CELL), int(glyph["x1"] // CELL) + 1)
    rows = range(int(glyph["top"] // CELL), int(glyph["bottom"] // CELL) + 1)
    return [(x, y) for x in columns for y in rows]


def _overprints(pdf: Path) -> list[str]:
    """Each pair of glyphs printed over each other, with the words' neighbourhood."""
    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            glyphs = [c for c in page.chars if c["text"].strip()]
            grid: dict[tuple[int, int], list[int]] = defaultdict(list)
            pairs: set[tuple[int, int]] = set()
            for index, glyph in enumerate(glyphs):
                for cell in _cells(glyph):
                    for other in grid[cell]:
                        if (other, index) not in pairs and _covers(glyphs[other], glyph):
                            pairs.add((other, index))
                    grid[cell].append(index)
            for other, index in sorted(pairs):
                a, b = glyphs[other], glyphs[index]
                found.append(
                    f"page {number}: {a['text']!r} at ({a['x0']:.0f}, {a['top']:.0f}) under "
                    f"{b['text']!r} at ({b['x0']:.0f}, {b['top']:.0f})"
                )
    return found


def _pdf(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "probe.pdf"
    weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf(path)
    return path


def test_the_check_sees_text_over_text_in_html_and_in_a_picture(tmp_path: Path) -> None:
    """Real WeasyPrint output: two boxes placed over each other, and two labels of an SVG
    picture drawn at one spot by its transform, are found; the same texts apart are not."""
    stacked = (
        '<p style="position:absolute;top:100px;left:50px">content 80d329e0e0</p>'
        '<p style="position:absolute;top:101px;left:52px">Sanctions, 1951</p>'
    )
    assert _overprints(_pdf(tmp_path, stacked))
    apart = stacked.replace("top:101px", "top:160px")
    assert _overprints(_pdf(tmp_path, apart)) == []
    picture = (
        '<svg width="300" height="120" viewBox="0 0 600 240"><g transform="translate(40 60)">'
        '<text x="10" y="50" font-size="24">Talks resume</text>'
        '<text x="{x}" y="{y}" font-size="24">Panmunjom</text></g></svg>'
    )
    assert _overprints(_pdf(tmp_path, picture.format(x=14, y=52)))
    assert _overprints(_pdf(tmp_path, picture.format(x=10, y=120))) == []


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every repository lesson, built with large print: the output folder."""
    root = tmp_path_factory.mktemp("every-lesson")
    for folder in ("sources", "lessons"):
        shutil.copytree(REPO / folder, root / folder)
    args = ["-C", str(root), "build", "--quiet", "--format", "large", *LESSONS]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "output"


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_no_copy_of_a_repository_lesson_prints_text_over_text(built: Path, lesson: str) -> None:
    pdfs = sorted((built / lesson).glob("*.pdf"))
    kinds = {p.name.removeprefix(f"{lesson}-") for p in pdfs}
    assert kinds >= {"worksheet.pdf", "worksheet-large.pdf", "answer-key.pdf"}
    for pdf in pdfs:
        assert _overprints(pdf) == [], pdf.name
    # Pages filled sensibly: large print at most about twice the standard page count (measured
    # 19/9, 10/5, 14/6, 14/7; the drafted lesson was 16/6 while two questions never shared a page).
    counts = []
    for kind in ("worksheet", "worksheet-large"):
        with pdfplumber.open(built / lesson / f"{lesson}-{kind}.pdf") as pdf:
            counts.append(len(pdf.pages))
    assert counts[1] <= 2.5 * counts[0], counts
    # The check sees what it must: the footer's boxes, and the timeline's labels on the page.
    with pdfplumber.open(built / lesson / f"{lesson}-worksheet-large.pdf") as large:
        first = large.pages[0]
        footer = "".join(c["text"] for c in first.chars if c["top"] > first.height - 72)
        assert "Page 1 of" in footer and "content" in footer
    students = composed_lesson(built.parent, lesson).packet.views.get("students")
    labels = students.timeline_labels if students is not None else []
    if labels:
        label = max(labels, key=len).replace(" ", "")
        with pdfplumber.open(built / lesson / f"{lesson}-worksheet.pdf") as standard:
            printed = ["".join(c["text"] for c in page.chars) for page in standard.pages]
        assert any(label in text.replace(" ", "") for text in printed), label
