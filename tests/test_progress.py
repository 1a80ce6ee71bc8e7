"""`dbq build` into a log (stderr not a terminal): one line per lesson, as soon as it is built.

Issue 23, item 5: a build printed nothing until every lesson was built when its stderr was a
pipe (CI logs, editor tasks). Each test runs the real CLI as a subprocess, its stderr a pipe.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import write
from tests.helpers import ONE_DOCUMENT, REPO, SAMPLE_SOURCE

# [K/N] lesson: built in S s (or failed in S s (see below))
PROGRESS = re.compile(r"^\[(\d+)/(\d+)\] (\S+): (built|failed) in (\d+\.\d) s( \(see below\))?$")


def _lessons(root: Path, *names: str) -> None:
    for name in names:
        write(root / "lessons" / f"{name}.yaml", ONE_DOCUMENT)


def _command(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "dbq.cli", "-C", str(root), "build", "-j1", *args]


def _env() -> dict[str, str]:
    # the test's own cache folder (conftest's own_cache) and this checkout's dbq
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _dbq_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(root, *args), capture_output=True, text=True, env=_env(), timeout=300
    )


def _progress(stderr: str) -> list[re.Match[str]]:
    return [m for line in stderr.splitlines() if (m := PROGRESS.match(line))]


def test_a_build_into_a_log_prints_a_line_per_lesson_with_its_time(
    sample_workspace: Path,
) -> None:
    _lessons(sample_workspace, "one", "two")
    result = _dbq_build(sample_workspace, "one", "two")
    assert result.returncode == 0, result.stderr
    lines = _progress(result.stderr)
    assert [(m[1], m[2], m[3], m[4], m[6]) for m in lines] == [
        ("1", "2", "lessons/one.yaml", "built", None),
        ("2", "2", "lessons/two.yaml", "built", None),
    ], result.stderr
    assert all(float(m[5]) > 0 for m in lines)  # a real build takes a measurable time
    assert "[" not in result.stdout  # progress goes to stderr only
    assert result.stdout.splitlines() == [
        "built output/one/one-worksheet.pdf (2 pages)",
        "built output/one/one-answer-key.pdf (2 pages)",
        "built output/two/two-worksheet.pdf (2 pages)",
        "built output/two/two-answer-key.pdf (2 pages)",
    ]


def test_each_line_comes_as_its_lesson_is_built_not_at_the_end(sample_workspace: Path) -> None:
    _lessons(sample_workspace, "one", "two")
    second = sample_workspace / "output" / "two" / "two-worksheet.pdf"
    with subprocess.Popen(
        _command(sample_workspace, "one", "two"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    ) as process:
        assert process.stderr is not None
        first = process.stderr.readline()
        two_built_yet = second.exists()  # lesson two takes a second or more after this line
        _, rest = process.communicate(timeout=300)
    assert process.returncode == 0, rest
    assert PROGRESS.match(first.rstrip("\n")), first
    assert first.startswith("[1/2] lessons/one.yaml: built in ")
    assert not two_built_yet, "the line for lesson one came only after lesson two was built"
    assert second.exists()


def test_quiet_prints_no_progress_line(sample_workspace: Path) -> None:
    _lessons(sample_workspace, "one")
    result = _dbq_build(sample_workspace, "one", "--quiet")
    assert result.returncode == 0, result.stderr
    assert _progress(result.stderr) == []
    assert "lessons/one.yaml: built in" not in result.stderr
    assert result.stdout == ""
    assert (sample_workspace / "output" / "one" / "one-worksheet.pdf").is_file()


def test_a_single_lesson_gets_its_line_and_a_no_op_rebuild_none(sample_workspace: Path) -> None:
    _lessons(sample_workspace, "one")
    built = _dbq_build(sample_workspace, "one")
    assert built.returncode == 0, built.stderr
    assert [m[0].split(":")[0] for m in _progress(built.stderr)] == ["[1/1] lessons/one.yaml"]
    again = _dbq_build(sample_workspace, "one")
    assert again.returncode == 0, again.stderr
    assert _progress(again.stderr) == []
    assert "built in" not in again.stderr
    assert again.stdout == "up to date: 1 lesson(s) (use --force to rebuild)\n"


def test_a_failing_lesson_gets_a_failed_line_and_exit_status_1(sample_workspace: Path) -> None:
    _lessons(sample_workspace, "one")
    write(
        sample_workspace / "lessons" / "bad.yaml",
        ONE_DOCUMENT.replace(f"source: {SAMPLE_SOURCE}", "source: no-such-source"),
    )
    result = _dbq_build(sample_workspace, "bad", "one")
    assert result.returncode == 1, result.stderr
    lines = {m[3]: m for m in _progress(result.stderr)}
    assert sorted(lines) == ["lessons/bad.yaml", "lessons/one.yaml"], result.stderr
    assert lines["lessons/bad.yaml"][4] == "failed"
    assert lines["lessons/bad.yaml"][6] == " (see below)"
    assert lines["lessons/one.yaml"][4] == "built"
    assert sorted(m[1] for m in lines.values()) == ["1", "2"]
    stderr = result.stderr.splitlines()
    below = stderr.index(lines["lessons/bad.yaml"][0])
    # the problems and the verdict come after the progress lines, as the line says
    assert any(line.startswith("lessons/bad.yaml:") for line in stderr[below + 1 :])
    assert "not built: lessons/bad.yaml (earlier output left as it was)" in stderr[below + 1 :]
    assert stderr[-1].endswith("1 of 2 build(s) failed"), result.stderr
