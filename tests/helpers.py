"""Shared test helpers: real files, real PDFs read back with pypdf."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the repository (DBQ_TEST_SHARED names another place, or a missing one to
# see what a clone without it runs): what may not be redistributed.
SHARED = Path(os.environ.get("DBQ_TEST_SHARED") or REPO.parent / "shared").resolve()
# The seed telegram, which the project ships as its sample source: tests/data/seed/PROVENANCE.md.
SEED = REPO / "tests" / "data" / "seed" / "000_7b40d72c6c27a3c4.txt"
SHARED_CORPUS = SHARED / "corpus"  # dfat/, wilson/: read from ../shared only
# Public-domain documents (US government works) copied verbatim from ../shared/corpus, so the
# tests that read them run in any clone: see tests/data/corpus/PROVENANCE.md.
CORPUS = REPO / "tests" / "data" / "corpus"
KENNAN = CORPUS / "kennan-long-telegram-1946-02-22.txt"
TRUMAN = CORPUS / "truman-report-to-american-people-on-korea-1951-04-11.txt"
SAMPLE_SOURCE = "1951-11-14-mao-to-filippov"

# The smallest lesson that builds: one paragraph of the seed telegram, one teacher question.
ONE_DOCUMENT = f"""\
title: One document
generate: false
documents:
  - source: {SAMPLE_SOURCE}
    excerpt: {{paragraphs: 9}}
    questions:
      - ask: What does Mao propose?
        answer: He proposes a demarcation line along the present front.
"""
SAMPLE_LESSON = "mao-armistice-1951"
# A short telegram from an office to an office (FRUS d0219, abridged), for tests of names.
STEERE_ID = "1951-10-30-steere-to-state"
STEERE = """\
---
title: Telegram No. 1534, Steere to Secretary of State
type: telegram
author: Steere
recipient: Secretary of State
date: 1951-10-30
place: New Delhi
---
Embassy strongly recommends that Dept and Treasury ease the import of Tibetan wool.

Effect foregoing procedure would be to keep wool from going to China.
"""


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def pdf_text(path: Path) -> str:
    """A PDF's text with white space folded, for 'is this phrase printed' checks."""
    return squash("\n".join(pdf_pages(path)))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def composed_lesson(root: Path, lesson_id: str, prepared=None):  # type: ignore[no-untyped-def]
    """The lesson down dbq's one route, as every command composes it (a prepared lesson may
    stand in for the file)."""
    from dbq.route import Workspace, compose_lesson, route_lesson

    workspace = Workspace.load(root)
    if prepared is None:
        composed, problems = route_lesson(root / "lessons" / f"{lesson_id}.yaml", workspace)
    else:
        composed, problems = compose_lesson(prepared, workspace)
    assert composed is not None, problems
    return composed


def lesson_pages(root: Path, lesson_id: str, version: str = "") -> dict[str, str]:
    """The worksheet and answer-key HTML of a lesson, as the build renders them."""
    from dbq.render.pages import render_pages

    return render_pages(composed_lesson(root, lesson_id).packet, root, version)
