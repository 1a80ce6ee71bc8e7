"""Same workspace, same bytes: built twice in two folders, the PDFs are identical."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from dbq.cli import main
from tests.helpers import REPO, SAMPLE_LESSON


def _copy_and_build(target: Path, env: dict[str, str] | None = None) -> dict[str, bytes]:
    for folder in ("sources", "lessons"):
        shutil.copytree(REPO / folder, target / folder)
    result = CliRunner().invoke(main, ["-C", str(target), "build"], env=env)
    assert result.exit_code == 0, result.output
    out = target / "output" / SAMPLE_LESSON
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.pdf"))}


def test_two_folders_give_byte_identical_pdfs(tmp_path: Path) -> None:
    first = _copy_and_build(tmp_path / "one")
    second = _copy_and_build(tmp_path / "elsewhere" / "two")
    assert len(first) == 2
    assert first == second
    assert b"CreationDate" not in first[f"{SAMPLE_LESSON}-worksheet.pdf"]
    assert str(tmp_path).encode() not in first[f"{SAMPLE_LESSON}-worksheet.pdf"]


def test_source_date_epoch_is_the_recorded_date(tmp_path: Path) -> None:
    before = os.environ.get("SOURCE_DATE_EPOCH")
    built = _copy_and_build(tmp_path / "one", env={"SOURCE_DATE_EPOCH": "1700000000"})
    path = tmp_path / "one" / "output" / SAMPLE_LESSON / f"{SAMPLE_LESSON}-worksheet.pdf"
    assert PdfReader(str(path)).metadata["/CreationDate"] == "D:20231114221320Z"
    assert built and os.environ.get("SOURCE_DATE_EPOCH") == before


def test_pdfs_embed_only_the_shipped_fonts(tmp_path: Path) -> None:
    _copy_and_build(tmp_path / "one")
    path = tmp_path / "one" / "output" / SAMPLE_LESSON / f"{SAMPLE_LESSON}-worksheet.pdf"
    fonts = set()
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(name.startswith("dbq-") for name in fonts), fonts
