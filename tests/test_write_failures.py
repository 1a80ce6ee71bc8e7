"""A file dbq cannot write: one located error, coded by what stopped it, naming the file asked for.

From issue 24: a file-size limit during rendering ended in "dbq crashed"; a full disk and a
read-only folder got the catch-all code, were located at "output:1:1" for `dbq new` and
`dbq sources import`, or named a hidden temporary file instead of the PDF. Each case runs the
real CLI on a real file system: a small tmpfs mounted for the test (which needs root, as CI
has; elsewhere those tests are skipped), or a real `ulimit -f` in a child process.
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import write
from tests.helpers import ONE_DOCUMENT, REPO, SAMPLE_SOURCE


def _dbq(root: Path, *args: str, file_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.run(
        [sys.executable, "-m", "dbq.cli", "-C", str(root), *args],
        capture_output=True,
        text=True,
        cwd=root,
        preexec_fn=limit,
        # no bytecode written: a file-size limit would leave Python a truncated .pyc
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=300,
    )


def _workspace(root: Path) -> Path:
    for folder in ("sources", "lessons", "output"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "sources" / f"{SAMPLE_SOURCE}.md", root / "sources")
    write(root / "lessons" / "one.yaml", ONE_DOCUMENT)
    return root


def _first_problem(stderr: str) -> str:
    """The line after the build's progress line (stderr is a pipe, so the lesson gets one)."""
    progress, first = stderr.splitlines()[:2]
    failed = r"\[1/1\] lessons/one\.yaml: failed in \d+\.\d s \(see below\)"
    assert re.fullmatch(failed, progress), stderr
    return first


def _temporaries(root: Path) -> list[Path]:
    return [p for p in root.rglob(".*.tmp")]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs at tmp_path/disk, unmounted after the test."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a small disk needs root (CI has it)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _read_only(disk: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)


def _fill(disk: Path) -> None:
    with open(disk / "filler", "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass


def test_a_file_size_limit_while_rendering_names_the_pdf_not_a_crash(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "w")
    result = _dbq(root, "build", file_limit=20 * 1024)  # WeasyPrint's font files go past it
    assert result.returncode == 1, result.stderr
    first = _first_problem(result.stderr)
    assert first == (
        "output/one/one-worksheet.pdf:1:1: cannot be written (File too large); a file-size "
        "limit (`ulimit -f`) stops dbq writing it; raise the limit and run again [W004]"
    )
    assert "crashed" not in result.stderr and "Traceback" not in result.stderr
    assert not list((root / "output").rglob("*.pdf")) and not _temporaries(root)


def test_dbq_new_and_sources_import_name_the_file_they_could_not_write(small_disk: Path) -> None:
    root = _workspace(small_disk / "w")
    raw = write(small_disk.parent / "telegram.txt", "To Comrade Filippov.\n\nA short text.\n")
    _read_only(small_disk)
    result = _dbq(root, "new", "two", "--source", SAMPLE_SOURCE)
    assert result.returncode == 1
    assert result.stderr.startswith("lessons/two.yaml:1:1: cannot be written (Read-only file")
    assert result.stderr.rstrip().endswith("make it writable [W005]"), result.stderr
    result = _dbq(root, "sources", "import", str(raw))
    assert result.returncode == 1
    assert result.stderr.startswith("sources/telegram.md:1:1: cannot be written"), result.stderr
    assert "[W005]" in result.stderr


@pytest.mark.slow
def test_a_read_only_output_folder_names_the_pdf(small_disk: Path) -> None:
    root = _workspace(small_disk / "w")
    _read_only(small_disk)
    result = _dbq(root, "build")
    assert result.returncode == 1
    first = _first_problem(result.stderr)
    assert first.startswith("output/one/one-worksheet.pdf:1:1: cannot be written (Read-only")
    assert first.endswith("[W005]")


@pytest.mark.slow
def test_a_full_disk_keeps_the_pdfs_built_before_and_leaves_no_temporary_file(
    small_disk: Path,
) -> None:
    root = _workspace(small_disk / "w")
    assert _dbq(root, "build").returncode == 0
    pdfs = sorted((root / "output" / "one").glob("*.pdf"))
    before = {pdf: pdf.read_bytes() for pdf in pdfs}
    assert len(before) == 2
    _fill(small_disk)
    result = _dbq(root, "build", "--force")
    assert result.returncode == 1
    first = _first_problem(result.stderr)
    assert first.startswith("output/one/one-worksheet.pdf:1:1: cannot be written (No space left")
    assert first.endswith("free some space and run again (earlier files are intact) [W003]")
    assert {pdf: pdf.read_bytes() for pdf in pdfs} == before
    assert not _temporaries(root)
