"""What dbq has already verified, remembered in the user's cache folder, never in the workspace.

A workspace may come from a stranger's repository, so nothing in it can vouch for itself. A
marker here is named by a hash of everything the verdict depends on (dbq's own code and the
bytes checked), so a changed file, or another dbq, simply misses the cache. The cache is an
optimisation: a folder that cannot be read or written only means the work is done again.
"""

from __future__ import annotations

import os
from pathlib import Path


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
