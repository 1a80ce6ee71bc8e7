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

import yaml

import dbq

STAMP_NAME = ".dbq-stamp"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _hash_tree(digest: hashlib._Hash, folder: Path, base: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(
        p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        digest.update(path.relative_to(base).as_posix().encode())
        digest.update(path.read_bytes())


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
        digest.update(path.read_bytes())
    _hash_tree(digest, root / "templates", root)
    return digest.hexdigest()


def read_spec(path: Path) -> object:
    """A lesson file's raw YAML, or None when it does not parse (it will be rebuilt anyway)."""
    try:
        return yaml.load(path.read_bytes(), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        return None


def cited_sources(spec: bytes) -> list[str]:
    """The source ids a lesson spec cites (empty when it does not parse: it will be rebuilt)."""
    try:
        data = yaml.load(spec, Loader=_Loader)
    except yaml.YAMLError:
        return []
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, list):
        return []
    return sorted(
        {d["source"] for d in documents if isinstance(d, dict) and isinstance(d.get("source"), str)}
    )


def lesson_fingerprint(root: Path, lesson: Path, shared: str, kinds: Iterable[str] = ()) -> str:
    """A lesson's own inputs on top of the workspace's, and the copies asked of it."""
    spec = lesson.read_bytes()
    digest = hashlib.sha256(shared.encode())
    digest.update(spec)
    digest.update(" ".join(kinds).encode())
    for source_id in cited_sources(spec):
        path = root / "sources" / f"{source_id}.md"
        digest.update(source_id.encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def unit_fingerprint(root: Path, unit: Path, shared: str) -> str:
    """A unit depends on its spec and on everything each of its lessons depends on."""
    spec = unit.read_bytes()
    digest = hashlib.sha256(shared.encode())
    digest.update(spec)
    try:
        lessons = (yaml.load(spec, Loader=_Loader) or {}).get("lessons") or []
    except (yaml.YAMLError, AttributeError):
        lessons = []
    for lesson_id in lessons if isinstance(lessons, list) else []:
        path = root / "lessons" / f"{lesson_id}.yaml"
        digest.update(str(lesson_id).encode())
        if path.is_file():
            digest.update(lesson_fingerprint(root, path, shared).encode())
    return digest.hexdigest()


def is_current(outputs: list[Path], stamp: Path, fingerprint: str) -> bool:
    """Were these outputs built from exactly these inputs, and are they all still there?"""
    try:
        recorded = stamp.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return False
    return recorded == fingerprint and all(path.is_file() for path in outputs)
