"""A build killed at any moment leaves whole outputs, and the next command of any kind clears
what it left (issue 24, item 7).

The kills are real SIGKILLs: at each rename a build makes (strace's fault injection stops the
process at that very system call) and at fractions of a build's measured length (so a faster
build is not outrun by fixed sleeps). Builds are reproducible (SOURCE_DATE_EPOCH), so "whole"
means byte-identical to the outputs of an uninterrupted build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dbq.workspace.files import TEMP_SUFFIX, sweep_temps
from tests.conftest import write
from tests.helpers import ONE_DOCUMENT, REPO

STRACE = shutil.which("strace")
NEXT_COMMANDS = (("check",), ("build", "one", "-j1"), ("draft", "one"))


def _env(cache: Path) -> dict[str, str]:
    return {
        "PYTHONPATH": str(REPO),
        "PATH": "/usr/bin:/bin",
        "XDG_CACHE_HOME": str(cache),
        "SOURCE_DATE_EPOCH": "1700000000",
        "PYTHONDONTWRITEBYTECODE": "1",  # no renames of Python's own
    }


def _dbq(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "dbq.cli", "-C", str(root), *args]


def _outputs(root: Path) -> dict[str, bytes]:
    folder = root / "output" / "one"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def _temporaries(root: Path) -> list[Path]:
    return sorted(root.rglob(f".*{TEMP_SUFFIX}"))


@pytest.fixture
def built(sample_workspace: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, bytes], float]:
    """A workspace with one lesson built uninterrupted: root, cache, outputs, build seconds."""
    root, cache = sample_workspace, tmp_path / "cache"
    write(root / "lessons" / "one.yaml", ONE_DOCUMENT)
    subprocess.run(_dbq(root, "build", "one", "-j1"), env=_env(cache), check=True)
    start = time.perf_counter()
    forced = _dbq(root, "build", "one", "-j1", "--force", "--html")
    subprocess.run(forced, env=_env(cache), check=True, capture_output=True)
    return root, cache, _outputs(root), time.perf_counter() - start


def _after_the_kill(root: Path, cache: Path, outputs: dict[str, bytes], turn: int) -> int:
    """What is in place is whole, and the next command leaves no temporary file behind.

    Returns how many temporary files the kill had left."""
    assert _outputs(root) == outputs
    left = len(_temporaries(root))
    command = NEXT_COMMANDS[turn % len(NEXT_COMMANDS)]
    subprocess.run(_dbq(root, *command), env=_env(cache), capture_output=True)
    assert not _temporaries(root), (command, _temporaries(root))
    assert _outputs(root) == outputs
    return left


@pytest.mark.slow
@pytest.mark.skipif(STRACE is None, reason="killing a build at each rename needs strace")
def test_a_build_killed_at_each_rename_leaves_whole_outputs(
    built: tuple[Path, Path, dict[str, bytes], float],
) -> None:
    root, cache, outputs, _ = built
    force = _dbq(root, "build", "one", "-j1", "--force", "--html")
    trace = root.parent / "renames.strace"
    counted = ["strace", "-f", "-qq", "-e", "trace=rename", "-o", str(trace)]
    subprocess.run([*counted, *force], env=_env(cache), check=True, capture_output=True)
    renames = [line for line in trace.read_text().splitlines() if "rename(" in line]
    assert len(renames) == len(outputs) + 1, renames  # each output, then the stamp
    assert all(str(root / "output" / "one") in line for line in renames), renames
    left = []
    for turn in range(1, len(renames) + 1):
        kill = ["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=rename"]
        kill += ["-e", f"inject=rename:signal=KILL:when={turn}"]
        result = subprocess.run([*kill, *force], env=_env(cache), capture_output=True)
        assert result.returncode != 0  # it was killed, not finished
        left.append(_after_the_kill(root, cache, outputs, turn))
    assert left[0] == len(renames)  # killed at the first rename: every staged file was left


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_whole_outputs(
    built: tuple[Path, Path, dict[str, bytes], float],
) -> None:
    root, cache, outputs, seconds = built
    force = _dbq(root, "build", "one", "-j2", "--force", "--html")
    for turn, fraction in enumerate((0.15, 0.35, 0.55, 0.75, 0.9, 0.98)):
        process = subprocess.Popen(
            force,
            env=_env(cache),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(seconds * fraction)
        with contextlib.suppress(ProcessLookupError):  # if it finished first, all the same
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        _after_the_kill(root, cache, outputs, turn)


def test_a_sweep_leaves_a_temporary_file_another_writer_holds(tmp_path: Path) -> None:
    import fcntl

    live = tmp_path / f".one-worksheet.pdf.abcd1234{TEMP_SUFFIX}"
    stale = tmp_path / f".one-answer-key.pdf.efgh5678{TEMP_SUFFIX}"
    live.write_bytes(b"%PDF being written")
    stale.write_bytes(b"%PDF of a killed build")
    with open(live, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        sweep_temps(tmp_path)
        assert live.exists() and not stale.exists()
    sweep_temps(tmp_path)
    assert not live.exists()
