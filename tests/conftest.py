"""Fixtures: an isolated workspace holding the seed telegram, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dbq.cli import main
from tests.helpers import REPO, SAMPLE_SOURCE, SEED

Run = Callable[..., Result]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A fresh workspace (dbq init) with the seed imported as the sample source."""
    root = tmp_path / "ws"
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(root)]).exit_code == 0
    result = runner.invoke(main, ["-C", str(root), "sources", "import", str(SEED)])
    assert result.exit_code == 0, result.output
    assert (root / "sources" / f"{SAMPLE_SOURCE}.md").is_file()
    return root


@pytest.fixture
def sample_workspace(tmp_path: Path) -> Path:
    """A copy of this repository's own workspace: the sample source and lesson."""
    root = tmp_path / "sample"
    for folder in ("sources", "lessons"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "output").mkdir()
    return root


@pytest.fixture
def run(workspace: Path) -> Run:
    """Run `dbq -C workspace ARGS...` in-process; returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str, root: Path | None = None) -> Result:
        return runner.invoke(main, ["-C", str(root or workspace), *args], catch_exceptions=False)

    return invoke


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
