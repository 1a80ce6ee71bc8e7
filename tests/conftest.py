"""Fixtures: an isolated workspace holding the seed telegram, and a CLI runner.

The seed telegram (the project's sample source) and the public-domain corpus documents are
copied in tests/data/; what may not be redistributed stays in ../shared beside the repository,
as in development and CI. In a clone without ../shared, the tests that need it skip, saying
where it is expected, the rest run, and the run ends with one line counting those skips.
"""

from __future__ import annotations

import inspect
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dbq.cli import main
from tests.helpers import REPO, SAMPLE_SOURCE, SEED, SHARED

Run = Callable[..., Result]

# What marks a test as reading ../shared: a name for a file there in the test's own source (its
# decorators included). SEED, CORPUS, KENNAN and TRUMAN are copies in tests/data/, always there.
_SHARED_FIXTURES: set[str] = set()
_SHARED_NAMES = re.compile(r"\b(?:SHARED|SHARED_CORPUS)\b")
# Every skip for lack of ../shared starts so, for the count at the end of the run.
SHARED_SKIP = "needs ../shared:"
# … and every skip for lack of a browser (tests/render/test_accessible_html.py) so.
BROWSER_SKIP = "needs Chromium:"
SKIP_REASON = f"{SHARED_SKIP} documents that may not be redistributed, expected in {SHARED}"


def _needs_shared(item: pytest.Item) -> bool:
    if _SHARED_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    try:
        source = inspect.getsource(item.function)  # type: ignore[attr-defined]
    except (AttributeError, OSError, TypeError):
        return False
    return bool(_SHARED_NAMES.search(source))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without ../shared, skip the tests that read it, naming where it is expected."""
    if SHARED.is_dir():
        return
    for item in items:
        if _needs_shared(item):
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item):  # type: ignore[no-untyped-def]
    """A test that reaches ../shared through a helper skips too, when it is not there."""
    outcome = yield
    error = outcome.excinfo[1] if outcome.excinfo else None
    if isinstance(error, FileNotFoundError) and not SHARED.is_dir() and str(SHARED) in str(error):
        outcome.force_exception(pytest.skip.Exception(SKIP_REASON, _use_item_location=True))


def _skipped_for_shared(report: pytest.TestReport) -> bool:
    """A skip for lack of ../shared: ours, or another's that names the folder it looked in."""
    reason = _skip_reason(report)
    return reason.startswith(SHARED_SKIP) or (
        not SHARED.is_dir() and (str(SHARED) in reason or str(REPO.parent / "shared") in reason)
    )


@pytest.hookimpl(wrapper=True, tryfirst=True)  # outermost: after the short summary
def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    """One line at the end: how many tests skipped because ../shared is not there."""
    result = yield
    skipped = terminalreporter.stats.get("skipped", [])
    count = sum(1 for report in skipped if _skipped_for_shared(report))
    if count or not SHARED.is_dir():
        where = "is not there" if not SHARED.is_dir() else "lacks a file they read"
        terminalreporter.write_line(
            f"{count} tests skipped for lack of ../shared: {SHARED} {where}",
            yellow=True,
            bold=True,
        )
    browser = [r for r in skipped if _skip_reason(r).startswith(BROWSER_SKIP)]
    if browser:
        terminalreporter.write_line(
            f"{len(browser)} tests skipped: {_skip_reason(browser[0])}", yellow=True, bold=True
        )
    return result


def _skip_reason(report: pytest.TestReport) -> str:
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    return reason.removeprefix("Skipped: ")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A fresh workspace (dbq init) with the seed imported as the sample source."""
    root = tmp_path / "ws"
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(root)]).exit_code == 0
    result = runner.invoke(
        main, ["-C", str(root), "sources", "import", str(SEED), "--id", SAMPLE_SOURCE]
    )
    assert result.exit_code == 0, result.output
    assert (root / "sources" / f"{SAMPLE_SOURCE}.md").is_file()
    return root


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets an empty user cache folder (dbq/cache.py), never the real ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


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


def new_lesson(run: Run, root: Path, lesson_id: str, *sources: str, answers: bool = True) -> Path:
    """`dbq new`, then the teacher's part: the scaffold's TODO: texts replaced (or the answers
    left out, when `answers` is false)."""
    args = [arg for source in sources or (SAMPLE_SOURCE,) for arg in ("--source", source)]
    assert run("new", lesson_id, *args, root=root).exit_code == 0
    path = root / "lessons" / f"{lesson_id}.yaml"
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if not answers and "answer:" in line and lines and "main point" in lines[-1]:
            continue  # the close-reading question left without an answer
        if "TODO:" in line and "answer:" in line:
            line = line.split("answer:")[0] + "answer: Where the demarcation line is drawn.\n"
        elif "TODO:" in line and not line.startswith("#"):
            line = "  Armistice talks resumed at Panmunjom in late October 1951.\n"
        lines.append(line)
    path.write_text("".join(lines), encoding="utf-8")
    return path
