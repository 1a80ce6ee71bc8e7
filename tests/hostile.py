"""Helpers for the hostile-input tests: a built workspace to copy, and a watchful runner.

Every case runs dbq in-process and asserts what an untrusted workspace must never cause:
a traceback, a file opened or a program run outside the workspace, a `.tmp` file left over.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from dbq.cli import main
from tests.helpers import SAMPLE_SOURCE, SEED

LESSON = f"""\
title: A good lesson
documents:
  - source: {SAMPLE_SOURCE}
    excerpt: {{paragraphs: "9-10"}}
    questions:
      - ask: What does Mao propose here?
        answer: A line at the front.
        points: 2
"""


@dataclass
class Watch:
    """Paths opened and programs started while a case runs (from Python's audit hooks)."""

    active: bool = False
    opened: list[str] = field(default_factory=list)
    started: list[str] = field(default_factory=list)


WATCH = Watch()


def _hook(event: str, args: tuple) -> None:
    if not WATCH.active:
        return
    if event == "open" and args and isinstance(args[0], (str, bytes, Path)):
        WATCH.opened.append(str(args[0]))
    elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"):
        WATCH.started.append(repr(args[:2]))


sys.addaudithook(_hook)


def make_base(root: Path) -> Path:
    """A workspace with the seed source and one lesson, built once (its PDFs exist)."""
    if not SEED.is_file():
        pytest.skip(f"needs ../shared: the seed telegram, expected at {SEED}")
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(root)]).exit_code == 0
    result = runner.invoke(
        main, ["-C", str(root), "sources", "import", str(SEED), "--id", SAMPLE_SOURCE]
    )
    assert result.exit_code == 0, result.output
    (root / "lessons" / "good.yaml").write_text(LESSON, encoding="utf-8")
    result = runner.invoke(main, ["-C", str(root), "build", "good", "-j", "1"])
    assert result.exit_code == 0, result.output
    return root


@dataclass
class Outcome:
    """What one hostile run did."""

    code: int
    output: str


class Hostile:
    """A fresh copy of the base workspace and a secret folder beside it that must stay unread."""

    def __init__(self, base: Path, tmp: Path) -> None:
        self.root = tmp / "ws"
        shutil.copytree(base, self.root, symlinks=True)
        self.outside = tmp / "outside"
        self.outside.mkdir()
        self.secret = self.outside / "secret.yaml"
        self.secret.write_text("terms: [{term: SECRET-TERM, definition: x}]\ntitle: SECRET\n")
        self.pdf = self.root / "output" / "good" / "good-worksheet.pdf"
        self.earlier = self.pdf.read_bytes()

    def run(self, *args: str, root: Path | None = None) -> Outcome:
        """dbq ARGS in the workspace: exit 0, 1 or 2 with a message, never an exception."""
        WATCH.opened.clear()
        WATCH.started.clear()
        WATCH.active = True
        try:
            result = CliRunner().invoke(main, ["-C", str(root or self.root), *args])
        finally:
            WATCH.active = False
        shown = f"dbq {' '.join(args)}:\n{result.output}"
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"uncaught {result.exception!r}\n{shown}") from result.exception
        assert "Traceback" not in result.output, shown
        assert result.exit_code in (0, 1, 2), shown
        assert result.exit_code == 0 or result.output.strip(), "failed without a message"
        outside = str(self.outside.resolve())
        assert not [p for p in WATCH.opened if str(Path(p).resolve()).startswith(outside)], (
            f"opened outside the workspace: {WATCH.opened}"
        )
        assert not WATCH.started, f"started a program: {WATCH.started}"
        assert "SECRET" not in result.output
        leftovers = [p for p in self.root.rglob("*.tmp") if p.is_file()]
        assert not leftovers, f"partial files left: {leftovers}"
        tally = os.environ.get("DBQ_HOSTILE_TALLY")  # a file to count the cases run, by outcome
        if tally:
            with open(tally, "a", encoding="utf-8") as out:
                out.write(f"{result.exit_code}\t{' '.join(args)[:60]!r}\n")
        return Outcome(result.exit_code, result.output)

    def intact(self) -> bool:
        """Is the PDF of the earlier build still there, byte for byte?"""
        return self.pdf.is_file() and self.pdf.read_bytes() == self.earlier

    def write(self, relative: str, data: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path
