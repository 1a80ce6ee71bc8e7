"""Fingerprints of everything a lesson's PDFs depend on, so that unchanged lessons are skipped.

A lesson depends on its spec, the sources it cites, the workspace's settings and data files
(every *.yaml at the workspace root: dbq.yaml, glossaries, timelines), its templates, and
dbq itself (version, code, data and built-in templates).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import dbq
from dbq.workspace.files import ID_PATTERN, FileError, is_inside, read_bytes

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
def dbq_fingerprint() -> str:
    """dbq's version, code, data and built-in templates (the same for every lesson)."""
    package = Path(dbq.__file__).resolve().parent
    digest = hashlib.sha256(dbq.__version__.encode())
    _hash_tree(digest, package, package)
    _hash_tree(digest, (package / "templates").resolve(), (package / "templates").resolve())
    return digest.hexdigest()


def workspace_fingerprint(root: Path) -> str:
    """What every lesson of this workspace depends on."""
    digest = hashlib.sha256(dbq_fingerprint().encode())
    for path in sorted([*root.glob("*.yaml"), *root.glob("*.yml")]):
        digest.update(path.name.encode())
        digest.update(_content(path, root))
    _hash_tree(digest, root / "templates", root)
    return digest.hexdigest()


MAX_STAMP = 64 * 1024


@dataclass(frozen=True)
class SpecFacts:
    """What the build plan needs of a lesson file: the sources it cites, the copies it asks."""

    sources: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    large_print: bool = False
    formats: tuple[str, ...] = ()

    @classmethod
    def of(cls, spec: bytes) -> SpecFacts:
        """From the lesson's raw YAML (empty when it does not parse: it will be rebuilt)."""
        from dbq.workspace.yamlio import quick_data  # YAML loads only when a lesson changed

        data = quick_data(spec)
        data = data if isinstance(data, dict) else {}
        documents = data.get("documents")
        sources = {
            d["source"]
            for d in (documents if isinstance(documents, list) else [])
            if isinstance(d, dict) and _is_id(d.get("source"))  # no "../x": it would be read
        }
        return cls(
            tuple(sorted(sources)),
            _strings(data.get("tiers")),
            data.get("large_print") is True,
            _strings(data.get("formats")),
        )

    @classmethod
    def recorded(cls, memo: dict[str, Any]) -> SpecFacts | None:
        """The facts a stamp recorded, when they are well formed."""
        sources = _strings(memo.get("sources"))
        if not all(_is_id(s) for s in sources):
            return None
        return cls(
            sources,
            _strings(memo.get("tiers")),
            memo.get("large_print") is True,
            _strings(memo.get("formats")),
        )


def _strings(value: object) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def spec_facts(spec: bytes, memo: dict[str, Any]) -> SpecFacts:
    """The facts of a lesson file: as its stamp recorded them when the file is unchanged (no
    YAML to parse on a no-op build), else read from the file."""
    if memo.get("spec") == hashlib.sha256(spec).hexdigest():
        facts = SpecFacts.recorded(memo)
        if facts is not None:
            return facts
    return SpecFacts.of(spec)


def stamp_text(fingerprint: str, spec: bytes | None = None, facts: SpecFacts | None = None) -> str:
    """A stamp: the fingerprint, then what the plan read of the lesson file, keyed by its hash."""
    if spec is None or facts is None:
        return fingerprint + "\n"
    memo = {"spec": hashlib.sha256(spec).hexdigest(), **dataclasses.asdict(facts)}
    return f"{fingerprint}\n{json.dumps(memo, sort_keys=True)}\n"


def read_stamp(stamp: Path, root: Path) -> tuple[str, dict[str, Any]]:
    """The fingerprint a stamp recorded and its memo of the lesson file ("" and {} when none)."""
    try:
        text = read_bytes(stamp, root, limit=MAX_STAMP).decode("utf-8")
    except (FileError, UnicodeDecodeError):
        return "", {}
    fingerprint, _, rest = text.partition("\n")
    try:
        memo = json.loads(rest) if rest.strip() else {}
    except (ValueError, RecursionError):  # output/ is the workspace's too: never trusted
        memo = {}
    return fingerprint.strip(), memo if isinstance(memo, dict) else {}


def read_lesson_bytes(path: Path, root: Path) -> bytes:
    """A lesson file's bytes for its fingerprint (a marker when it cannot be read)."""
    return _content(path, root)


def quick_formats(root: Path) -> list[str]:
    """dbq.yaml's `formats:`, read without validating (validated when something is built)."""
    if not (root / "dbq.yaml").exists():
        return []
    from dbq.workspace.yamlio import quick_data

    data = quick_data(_content(root / "dbq.yaml", root))
    return list(_strings(data.get("formats"))) if isinstance(data, dict) else []


def cited_sources(spec: bytes) -> list[str]:
    """The source ids a lesson spec cites (empty when it does not parse: it will be rebuilt)."""
    return list(SpecFacts.of(spec).sources)


def _is_id(value: object) -> bool:
    return isinstance(value, str) and bool(ID_PATTERN.fullmatch(value)) and ".." not in value


class SourceBytes:
    """Each source file's bytes for fingerprints, read once per plan."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._read: dict[str, bytes] = {}

    def __call__(self, source_id: str) -> bytes:
        if source_id not in self._read:
            path = self.root / "sources" / f"{source_id}.md"
            self._read[source_id] = _content(path, self.root) if path.exists() else b"<missing>"
        return self._read[source_id]


def lesson_fingerprint(
    spec: bytes,
    sources: Iterable[str],
    shared: str,
    kinds: Iterable[str],
    source_bytes: Callable[[str], bytes],
) -> str:
    """A lesson's own inputs on top of the workspace's, and the copies asked of it."""
    digest = hashlib.sha256(shared.encode())
    digest.update(spec)
    digest.update(" ".join(kinds).encode())
    for source_id in sources:
        digest.update(source_id.encode())
        digest.update(source_bytes(source_id))
    return digest.hexdigest()


def unit_fingerprint(
    root: Path, unit: Path, shared: str, source_bytes: Callable[[str], bytes]
) -> str:
    """A unit depends on its spec and on everything each of its lessons depends on."""
    from dbq.workspace.yamlio import quick_data

    spec = _content(unit, root)
    digest = hashlib.sha256(shared.encode())
    digest.update(spec)
    data = quick_data(spec)
    lessons = data.get("lessons") if isinstance(data, dict) else []
    for lesson_id in lessons if isinstance(lessons, list) else []:
        path = root / "lessons" / f"{lesson_id}.yaml"
        digest.update(str(lesson_id).encode())
        if _is_id(lesson_id) and path.is_file():
            lesson = _content(path, root)
            sources = SpecFacts.of(lesson).sources
            digest.update(lesson_fingerprint(lesson, sources, shared, (), source_bytes).encode())
    return digest.hexdigest()


def is_current(outputs: list[Path], recorded: str, fingerprint: str) -> bool:
    """Were these outputs built from exactly these inputs, and are they all still there?"""
    return recorded == fingerprint and all(path.is_file() for path in outputs)
