"""Same workspace, same bytes: built in two folders by two processes, the outputs are identical.

Every test here runs whole builds through WeasyPrint: slow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import dbq
from dbq.cli import main
from tests.helpers import REPO, SAMPLE_LESSON

pytestmark = pytest.mark.slow


def _copy_and_build(target: Path, env: dict[str, str] | None = None) -> dict[str, bytes]:
    for folder in ("sources", "lessons"):
        shutil.copytree(REPO / folder, target / folder)
    result = CliRunner().invoke(main, ["-C", str(target), "build"], env=env)
    assert result.exit_code == 0, result.output
    out = target / "output" / SAMPLE_LESSON
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.pdf"))}


def _build_in_a_process_of_its_own(target: Path, hash_seed: str) -> dict[str, bytes]:
    """`python -m dbq.cli build --html` on a copy of this workspace, in a fresh interpreter
    whose str hashes (and so the iteration order of sets of strings) follow `hash_seed`.
    Returns every file written to output/ (PDFs, HTML, Word, QTI), by path; not the stamps."""
    for folder in ("sources", "lessons"):
        shutil.copytree(REPO / folder, target / folder)
    # The child imports the same dbq as this process, whether installed or the checkout.
    path = [str(Path(dbq.__file__).resolve().parents[1]), os.environ.get("PYTHONPATH")]
    env = {
        **os.environ,
        "PYTHONHASHSEED": hash_seed,
        "PYTHONPATH": os.pathsep.join(filter(None, path)),
    }
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, "-m", "dbq.cli", "-C", str(target), "build", "--html"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = target / "output"
    files = (p for p in sorted(out.rglob("*")) if p.is_file() and p.name != ".dbq-stamp")
    return {str(p.relative_to(out)): p.read_bytes() for p in files}


def test_two_folders_and_two_hash_seeds_give_byte_identical_outputs(tmp_path: Path) -> None:
    first = _build_in_a_process_of_its_own(tmp_path / "one", hash_seed="1")
    second = _build_in_a_process_of_its_own(tmp_path / "elsewhere" / "two", hash_seed="2")
    worksheet = f"{SAMPLE_LESSON}/{SAMPLE_LESSON}-worksheet"
    assert {f"{worksheet}.pdf", f"{worksheet}.html"} <= set(first)
    assert sum(name.endswith(".pdf") for name in first) >= 8  # every lesson, worksheet and key
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert b"CreationDate" not in first[f"{worksheet}.pdf"]
    for name, data in first.items():
        assert str(tmp_path).encode() not in data, name


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
