"""dbq/room.py: deep calls inside `with_room` map no new frame-stack chunks (issue 24, item 5).

CPython maps a 16 kB chunk for frames that do not fit the current one and unmaps it when the
first of them returns; a loop that calls across that boundary storms mmap/munmap (406,000
calls for a 500-page build). Counted with strace, the only honest counter of system calls.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

# Calls down to every depth from 1 to 300, 200 times over: each pass crosses chunk
# boundaries on the way down and back.
SCRIPT = """
import sys
from dbq.room import with_room

def down(depth):
    return 0 if depth == 0 else down(depth - 1) + 1

def work():
    return sum(down(depth) for _ in range(200) for depth in range(1, 300))

print(with_room(work) if sys.argv[1] == "room" else work())
"""


def _maps(tmp_path: Path, mode: str) -> int:
    trace = tmp_path / f"{mode}.strace"
    subprocess.run(
        ["strace", "-f", "-c", "-e", "trace=mmap,munmap", "-o", str(trace)]
        + [sys.executable, "-c", SCRIPT, mode],
        check=True,
        capture_output=True,
        env={"PYTHONPATH": str(REPO)},
    )
    rows = [line.split() for line in trace.read_text().splitlines()]
    return sum(int(row[3]) for row in rows if row and row[-1] in ("mmap", "munmap"))


@pytest.mark.skipif(shutil.which("strace") is None, reason="counting system calls needs strace")
def test_deep_calls_with_room_make_no_mmap_storm(tmp_path: Path) -> None:
    without, within = _maps(tmp_path, "plain"), _maps(tmp_path, "room")
    assert without > 10_000, without  # the storm is real on this Python
    assert within < without / 20, (within, without)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("strace") is None, reason="counting system calls needs strace")
def test_a_build_maps_memory_at_most_200_times_a_page(sample_workspace: Path) -> None:
    trace = sample_workspace.parent / "build.strace"
    built = subprocess.run(
        ["strace", "-f", "-c", "-e", "trace=mmap,munmap", "-o", str(trace)]
        + [sys.executable, "-m", "dbq.cli", "-C", str(sample_workspace), "build", "-j1"]
        + ["mao-armistice-1951"],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    pages = sum(int(n) for n in re.findall(r"\((\d+) pages", built.stdout))
    rows = [line.split() for line in trace.read_text().splitlines()]
    calls = sum(int(row[3]) for row in rows if row and row[-1] in ("mmap", "munmap"))
    assert pages >= 10, built.stdout
    assert calls <= 200 * pages, (calls, pages)
