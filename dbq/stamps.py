"""Fingerprints of everything a lesson's PDFs depend on, so that unchanged lessons are skipped.

A lesson depends on its spec, the sources it cites, the workspace's settings and data files
(every *.yaml at the workspace root: dbq.yaml, glossaries, timelines), its templates, and
dbq itself (version, code, data and built-in templates).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import dbq
from dbq.workspace.files import ID_PATTERN, FileError, is_inside, read_bytes
from dbq.workspace.yamlio import quick_data

STAMP_NAME = ".dbq-stamp"


def _content(path: Path, root: Path) -> bytes:
    """A workspace file's bytes for a fingerprint; a marker when it cannot be read.

    The build reports why it cannot be read; the fingerprint only has to change with it.
    """
    try:
        return read_bytes(path, root)
    except FileError as exc:
        return f"<unreadable: {exc.message}>".encode()


def _hash_tree(digest: hashlib._Hash, folder: Path, base: Path) -> None:
    if not folder.is_dir() or not is_inside(folder, base):
        return  # a templates/ linked out of the workspace is not even listed
    for path in sorted(
        p for p in folder.rglob("*") if not p.is_dir() and "__pycache__" not in p.parts
    ):
        digest.update(path.relative_to(base).as_posix().encode())
        digest.update(_content(path, base))


@lru_cache(maxsize=1)
def _dbq_fingerprint() -> str:
    """dbq's version, code, data and built-in templates (the same for every lesson)."""
    package = Path(dbq.__file__).resolve().parent
    digest = hashlib.sha256(dbq.__version__.encode())
    _hash_tree(digest, package, package)
    _hash_tree(digest, (package / "templates").resolve(), (package / "templates").resolve())
    return digest.hexdigest()


def workspace_fingerprint(root: Path) -> str:
    """What every lesson of this workspace depends on."""
    digest = hashlib.sha256(_dbq_fingerprint().encode())
    for path in sorted([*root.glob("*.yaml"), *root.glob("*.yml")]):
        digest.update(path.name.encode())
        digest.update(_content(path, root))
    _hash_tree(digest, root / "templates", root)
    return digest.hexdigest()


def read_spec(path: Path, root: Path) -> object:
    """A lesson file's raw YAML, or None when it does not parse (it will be rebuilt anyway)."""
    return quick_data(_content(path, root))


def cited_sources(spec: bytes) -> list[str]:
    """The source ids a lesson spec cites (empty when it does not parse: it will be rebuilt)."""
    data = quick_data(spec)
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, list):
        return []
    return sorted(
        {
            d["source"]
            for d in documents
            if isinstance(d, dict) and _is_id(d.get("source"))  # no "../x": it would be read
        }
    )


def _is_id(value: object) -> bool:
    return isinstance(value, str) and bool(ID_PATTERN.fullmatch(value)) and ".." not in value


def lesson_fingerprint(root: Path, lesson: Path, shared: str, kinds: Iterable[str] = ()) -> str:
    """A lesson's own inputs on top of the workspace's, and the copies asked of it."""
    spec = _content(lesson, root)
    digest = hashlib.sha256(shared.encode())
    digest.update(spec)
    digest.update(" ".join(kinds).encode())
    for source_id in cited_sources(spec):
        path = root / "sources" / f"{source_id}.md"
        digest.update(source_id.encode())
        digest.update(_content(path, root) if path.exists() else b"<missing>")
    return digest.hexdigest()


def unit_fingerprint(root: Path, unit: Path, shared: str) -> str:
    """A unit depends on its spec and on everything each of its lessons depends on."""
    spec = _content(unit, root)
    digest = hashlib.sha256(shared.encode())
    digest.update(spec)
    data = quick_data(spec)
    lessons = data.get("lessons") if isinstance(data, dict) else []
    for lesson_id in lessons if isinstance(lessons, list) else []:
        path = root / "lessons" / f"{lesson_id}.yaml"
        digest.update(str(lesson_id).encode())
        if _is_id(lesson_id) and path.is_file():
            digest.update(lesson_fingerprint(root, path, shared).encode())
    return digest.hexdigest()


def is_current(
    outputs: list[Path], stamp: Path, fingerprint: str, root: Path | None = None
) -> bool:
    """Were these outputs built from exactly these inputs, and are they all still there?"""
    try:
        recorded = read_bytes(stamp, root or stamp.parent, limit=1024).decode("ascii")
    except (FileError, UnicodeDecodeError):
        return False
    return recorded == fingerprint and all(path.is_file() for path in outputs)
