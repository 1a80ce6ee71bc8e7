"""No text printed over other text, in standard and large print (issue 23, item 1).

Large print overprinted its footer ("…Sanctions, 1951" over "content 80d329e0e0") and put the
"For discussion" badge over the first line of each In context box. The PDFs are read back
with pypdf: every run of text on a page, its baseline and start, and its width measured in
the very fonts dbq ships (the narrowest of them, so only a certain overlap fails).
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from dbq.assets import SANS, SANS_BOLD, SERIF, text_width
from dbq.cli import main

TIERED = "mao-armistice-tiered-1951"


def _runs(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Each page's text runs: (baseline, start, end, text)."""
    pages = []
    for page in PdfReader(pdf).pages:
        runs: list[tuple[float, float, float, str]] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            runs: list[tuple[float, float, float, str]] = runs,
        ) -> None:
            text = text.strip()
            if not text:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[0] * cm[0]) or 1.0
            width = min(text_width(text, size * scale, face) for face in (SANS, SANS_BOLD, SERIF))
            runs.append((round(y), x, x + width, text))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def _watched(left: tuple[float, float, float, str], right: tuple[float, float, float, str]) -> bool:
    """Pairs where overprinting was seen: the footer's two boxes, the discussion badge against
    its line, a margin number against the text beside it.

    (The timeline's labels are drawn in the picture's own coordinates, which pypdf does not
    map to the page, so a check of every run would see overlaps that are not there.)
    """
    texts = (left[3], right[3])
    footer = any(re.search(r"Page \d+ of \d+", text) for text in texts)
    badge = any("NO WRITTEN ANSWER" in text.upper() for text in texts)
    margin = any(text.isdigit() and len(text) <= 3 for text in texts)
    return footer or badge or margin


def _overprints(pdf: Path) -> list[str]:
    found = []
    for number, runs in enumerate(_runs(pdf), start=1):
        lines: dict[float, list[tuple[float, float, float, str]]] = {}
        for run in runs:
            lines.setdefault(run[0], []).append(run)
        for line in lines.values():
            for left, right in pairwise(sorted(line, key=lambda run: run[1])):
                if not _watched(left, right):
                    continue
                if left[2] > right[1] + 1.0:
                    found.append(f"page {number}: {left[3]!r} runs into {right[3]!r}")
    return found


@pytest.mark.slow
def test_no_copy_of_the_tiered_sample_prints_text_over_text(sample_workspace: Path) -> None:
    built = CliRunner().invoke(main, ["-C", str(sample_workspace), "build", TIERED])
    assert built.exit_code == 0, built.output
    folder = sample_workspace / "output" / TIERED
    pdfs = sorted(folder.glob("*.pdf"))
    assert {p.name.removeprefix(f"{TIERED}-") for p in pdfs} >= {
        "worksheet.pdf",
        "worksheet-large.pdf",
        "worksheet-supported-large.pdf",
        "answer-key.pdf",
    }
    for pdf in pdfs:
        assert _overprints(pdf) == [], pdf.name
    # The check sees what it must: the footer's two boxes share a baseline on every page.
    large = _runs(folder / f"{TIERED}-worksheet-large.pdf")
    footer = [run for run in large[0] if run[0] < 72]
    assert any("Page 1 of" in run[3] for run in footer)
    assert len({run[0] for run in footer}) < len(footer)
