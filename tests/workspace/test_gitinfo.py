"""Lesson versions read from .git without running git (so nothing the repository configures)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from dbq.build import lesson_version
from dbq.workspace.gitinfo import last_commit
from tests.helpers import pdf_text
from tests.hostile import LESSON, Hostile, make_base


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with three commits touching two files differently."""
    root = tmp_path / "repo"
    (root / "lessons").mkdir(parents=True)
    a, b = root / "lessons" / "a.yaml", root / "lessons" / "b.yaml"
    git(root, "init", "-q")
    a.write_text("one\n")
    b.write_text("one\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "first")
    a.write_text("two\n" * 200)
    git(root, "commit", "-qam", "second")
    b.write_text("three\n")
    git(root, "commit", "-qam", "third")
    return root


def _expected(root: Path, relative: str) -> str:
    return git(root, "log", "-1", "--format=%h", "--", relative)


@pytest.mark.parametrize("packed", [False, True])
def test_last_commit_matches_git_log(repo: Path, packed: bool) -> None:
    if packed:
        git(repo, "gc", "-q", "--aggressive")
        assert not list((repo / ".git" / "objects").glob("??/*"))
    for name in ("a.yaml", "b.yaml"):
        path = repo / "lessons" / name
        found = last_commit(repo, path, path.read_bytes())
        assert found == _expected(repo, f"lessons/{name}")[:7]
    changed = repo / "lessons" / "a.yaml"
    changed.write_text("edited, not committed\n")
    assert last_commit(repo, changed, changed.read_bytes()) is None
    assert lesson_version(repo, changed).startswith("content ")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_base(tmp_path_factory.mktemp("base") / "ws")


@pytest.mark.slow
def test_repository_config_never_runs(base: Path, tmp_path: Path) -> None:
    ws = Hostile(base, tmp_path)
    git(ws.root, "init", "-q")
    git(ws.root, "add", ".")
    git(ws.root, "commit", "-qm", "course")
    marker = tmp_path / "PWNED"
    for key, value in (
        ("core.fsmonitor", f"touch {marker}"),
        ("log.showSignature", "true"),
        ("gpg.program", f"touch {marker}"),
        ("core.hooksPath", str(tmp_path)),
        ("filter.x.clean", f"touch {marker}"),
    ):
        git(ws.root, "config", key, value)
    (ws.root / ".gitattributes").write_text("*.yaml filter=x\n")
    result = ws.run("build", "good", "--force")  # fails if any program is started
    assert result.code == 0, result.output
    assert not marker.exists()
    commit = git(ws.root, "log", "-1", "--format=%h", "--", "lessons/good.yaml")
    assert f"commit {commit}" in pdf_text(ws.pdf)


@pytest.mark.parametrize(
    "damage", ["fifo-head", "garbage-head", "loop-ref", "bad-objects", "gitdir"]
)
def test_broken_git_falls_back_to_the_content(base: Path, tmp_path: Path, damage: str) -> None:
    ws = Hostile(base, tmp_path)
    dot = ws.root / ".git"
    git(ws.root, "init", "-q")
    git(ws.root, "add", ".")
    git(ws.root, "commit", "-qm", "course")
    if damage == "fifo-head":
        (dot / "HEAD").unlink()
        os.mkfifo(dot / "HEAD")
    elif damage == "garbage-head":
        (dot / "HEAD").write_bytes(b"\xff" * 100_000)
    elif damage == "loop-ref":
        (dot / "HEAD").write_text("ref: refs/heads/x\n")
        (dot / "refs" / "heads" / "x").write_text("ref: HEAD\n")
    elif damage == "bad-objects":
        for path in (dot / "objects").rglob("*"):
            if path.is_file():
                path.chmod(0o644)
                path.write_bytes(b"x\x9c not zlib")
    else:
        import shutil

        shutil.rmtree(dot)
        dot.write_text(f"gitdir: {ws.outside}\n")
    ws.write("lessons/good.yaml", LESSON + "\n")
    version = lesson_version(ws.root, ws.root / "lessons" / "good.yaml")
    assert version.startswith("content "), version
