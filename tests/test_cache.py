"""The user's cache (dbq/cache.py) makes `dbq check` fast and never changes what dbq says.

What it holds (word frequencies, the fonts' glyphs and widths, source files known to be
valid) is derived from files, so a cold cache, a warm one and a cache a stranger filled with
garbage must give the very same report, and none of it may live in the workspace.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import write
from tests.helpers import ONE_DOCUMENT, REPO


def _check(root: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dbq.cli", "-C", str(root), "check"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(cache), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_a_cold_a_warm_and_a_poisoned_cache_give_the_same_check(
    sample_workspace: Path, tmp_path: Path
) -> None:
    write(sample_workspace / "lessons" / "one.yaml", ONE_DOCUMENT)
    cache = tmp_path / "cache"
    cold = _check(sample_workspace, cache)
    assert cold.returncode == 0, cold.stderr
    assert "G002" in cold.stdout + cold.stderr  # the check says something worth comparing
    kept = {p.name.split("-")[0] for p in (cache / "dbq").glob("*.json")}
    assert kept == {"glyphs", "widths", "zipf"}, kept
    warm = _check(sample_workspace, cache)
    said = (cold.returncode, cold.stdout, cold.stderr)
    assert (warm.returncode, warm.stdout, warm.stderr) == said
    for path in (cache / "dbq").glob("*.json"):  # what a stranger could write there
        poison = {"the": "x", "armistice": [1]} if path.name.startswith("zipf") else {"a": 1}
        path.write_text(json.dumps(poison), encoding="utf-8")
    poisoned = _check(sample_workspace, cache)
    assert (poisoned.returncode, poisoned.stdout, poisoned.stderr) == said
    assert not [p for p in sample_workspace.rglob("*") if "cache" in p.name]


def test_a_zipf_memo_entry_that_is_not_a_number_is_looked_up_again(tmp_path: Path) -> None:
    script = (
        "from dbq.text import terms\n"
        "from dbq import cache\n"
        "cache.save_json(terms._zipf_memo_name(), {'armistice': 'high'})\n"
        "print(2 < terms.zipf('armistice') < 4)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path)},
        timeout=120,
    )
    assert result.stdout.split() == ["True"], result.stderr
