"""Odd dates and odd environments get one clear message through the real CLI, never a traceback.

From issue 24: sources dated at the ends of the calendar, `dbq init` where no folder can be
made, a working folder deleted under dbq, and a SOURCE_DATE_EPOCH no PDF can carry.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dbq.cli import main
from tests.conftest import write
from tests.helpers import ONE_DOCUMENT, REPO, SAMPLE_SOURCE


def _invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _dated(root: Path, date: str) -> None:
    source = root / "sources" / f"{SAMPLE_SOURCE}.md"
    text = source.read_text(encoding="utf-8")
    assert "\ndate: 1951-11-14\n" in text
    source.write_text(text.replace("\ndate: 1951-11-14\n", f"\ndate: {date}\n"), encoding="utf-8")
    write(root / "lessons" / "one.yaml", ONE_DOCUMENT)


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_a_source_dated_at_the_ends_of_the_calendar_is_a_located_warning(
    sample_workspace: Path, date: str
) -> None:
    _dated(sample_workspace, date)
    code, output = _invoke("-C", str(sample_workspace), "check", "one")
    assert code == 0, output
    warning = next(line for line in output.splitlines() if line.endswith("[T001]"))
    assert warning.startswith("lessons/one.yaml:")
    assert "so the timeline picture leaves it out" in warning
    assert "Traceback" not in output


@pytest.mark.slow
def test_a_lesson_dated_9999_builds_without_its_document_on_the_timeline(
    sample_workspace: Path,
) -> None:
    _dated(sample_workspace, "9999-12-31")
    code, output = _invoke("-C", str(sample_workspace), "build", "one", "--html")
    assert code == 0, output
    assert "crashed" not in output
    page = (sample_workspace / "output" / "one" / "one-worksheet.html").read_text("utf-8")
    assert "Document A" in page
    assert 'class="timeline-svg"' not in page  # no picture for a document it cannot place


def test_init_under_a_file_or_in_a_virtual_file_system_says_where(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    code, output = _invoke("init", str(blocker / "sub"))
    assert code == 1, output
    assert output.startswith(f"cannot make a workspace at {blocker / 'sub'}: "), output
    assert "(Not a directory); a folder and a file have the same name" in output
    code, output = _invoke("init", "/proc/dbq-cannot-be-here")
    assert code == 1, output
    assert "/proc/dbq-cannot-be-here cannot be written (No such file or directory)" in output


def test_a_deleted_working_folder_is_a_usage_error(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    dbq = f"{shlex.quote(sys.executable)} -m dbq.cli check"
    script = f"mkdir {gone} && cd {gone} && rmdir {gone} && {dbq}"
    result = subprocess.run(
        ["sh", "-c", script], capture_output=True, text=True, env={"PYTHONPATH": str(REPO)}
    )
    assert result.returncode == 2, result.stderr
    assert "the current folder no longer exists" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_source_date_epoch_no_pdf_can_carry_is_a_usage_error(sample_workspace: Path) -> None:
    for value in ("99999999999999999", "yesterday"):
        code, output = _invoke(
            "-C", str(sample_workspace), "build", env={"SOURCE_DATE_EPOCH": value}
        )
        assert code == 2, output
        assert f"SOURCE_DATE_EPOCH='{value}' is not a time dbq can stamp" in output
    assert not any((sample_workspace / "output").iterdir())  # nothing was built


def test_a_pipe_or_a_folder_among_the_sources_stops_dbq_build_as_it_stops_check(
    sample_workspace: Path,
) -> None:
    """Issue 24: `dbq check` refused them, while `dbq build` said "up to date" without a word."""
    os.mkfifo(sample_workspace / "sources" / "pipe.md")
    (sample_workspace / "sources" / "folder.md").mkdir()
    code, built = _invoke("-C", str(sample_workspace), "build")
    assert code == 1, built
    assert "sources/pipe.md:1:1: is not a regular file (a pipe, device or socket)" in built
    assert "sources/folder.md:1:1: is a folder, not a file; remove or rename it" in built
    assert "up to date" not in built
    assert not any((sample_workspace / "output").iterdir())
    _, checked = _invoke("-C", str(sample_workspace), "check")
    for line in built.splitlines():
        if line.startswith("sources/"):
            assert line in checked.splitlines()


@pytest.mark.slow
def test_a_broken_source_no_lesson_cites_stops_even_a_no_op_build(sample_workspace: Path) -> None:
    """Issue 24: `dbq check` refused it, while `dbq build` said "up to date" without a word."""
    write(sample_workspace / "lessons" / "one.yaml", ONE_DOCUMENT)
    code, output = _invoke("-C", str(sample_workspace), "build", "one")
    assert code == 0, output
    broken = write(sample_workspace / "sources" / "broken.md", "---\ntitle: [unclosed\n---\nA.\n")
    code, built = _invoke("-C", str(sample_workspace), "build", "one")
    assert code == 1, built
    assert "up to date" not in built
    errors = [line for line in built.splitlines() if line.startswith("sources/broken.md:")]
    assert errors and errors[0].endswith("[Y001]"), built
    _, checked = _invoke("-C", str(sample_workspace), "check", "one")
    assert set(errors) <= set(checked.splitlines())
    broken.unlink()
    code, output = _invoke("-C", str(sample_workspace), "build", "one")
    assert (code, output.strip()) == (0, "up to date: 1 lesson(s) (use --force to rebuild)")
