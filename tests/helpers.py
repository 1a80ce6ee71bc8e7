"""Shared test helpers: real files, real PDFs read back with pypdf."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_7b40d72c6c27a3c4.txt"
CORPUS = SHARED / "corpus"
KENNAN = CORPUS / "kennan-long-telegram-1946-02-22.txt"
TRUMAN = CORPUS / "truman-report-to-american-people-on-korea-1951-04-11.txt"
SAMPLE_SOURCE = "1951-11-14-mao-to-filippov"
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
