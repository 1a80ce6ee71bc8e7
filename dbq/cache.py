"""What dbq has already verified, remembered in the user's cache folder, never in the workspace.

A workspace may come from a stranger's repository, so nothing in it can vouch for itself. A
marker here is named by a hash of everything the verdict depends on (dbq's own code and the
bytes checked), so a changed file, or another dbq, simply misses the cache. The cache is an
optimisation: a folder that cannot be read or written only means the work is done again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def cache_folder() -> Path:
    """$XDG_CACHE_HOME/dbq, or ~/.cache/dbq."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dbq"


def seen(kind: str, key: str) -> bool:
    """Was this verdict (say, "these source files are all valid") recorded before?"""
    try:
        return (cache_folder() / kind / key).is_file()
    except OSError:
        return False


def remember(kind: str, key: str) -> None:
    """Record a verdict; a cache folder dbq cannot write is left alone."""
    folder = cache_folder() / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / key).touch()
    except OSError:
        pass


def load_json(name: str) -> Any:
    """A JSON file of the cache, or None when it is missing or unreadable."""
    try:
        with open(cache_folder() / name, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError):
        return None


def save_json(name: str, data: Any) -> None:
    """Replace a JSON file of the cache in one step (a reader sees the old file or the new)."""
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, separators=(",", ":"), sort_keys=True)
            os.replace(temp, folder / name)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
    except OSError:
        pass


def derived(
    kind: str, inputs: Iterable[Path], compute: Callable[[], Any], valid: Callable[[Any], bool]
) -> Any:
    """What compute() derives from the input files, as JSON, kept while the files are unchanged.

    For tables dbq reads from its own files (the fonts' glyphs and widths): named by each
    input's path, size and modification time, and used only when valid() accepts it.
    """
    digest = hashlib.sha256(kind.encode())
    for path in inputs:
        try:
            info = os.stat(path)
        except OSError:
            return compute()
        digest.update(f"\0{path}:{info.st_size}:{info.st_mtime_ns}".encode())
    name = f"{kind}-{digest.hexdigest()[:16]}.json"
    kept = load_json(name)
    if kept is not None and valid(kept):
        return kept
    value = compute()
    save_json(name, value)
    return value
