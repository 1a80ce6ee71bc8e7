"""The commit that last changed a file, read from .git directly: dbq never runs git.

Running git in an untrusted course repository would run whatever its .git/config names
(core.fsmonitor, filters, gpg.program...). Reading the object store needs only zlib: HEAD,
refs and packed-refs name a commit; loose objects and pack files (with their deltas) hold
commits and trees.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from dbq.errors import DbqError
from dbq.workspace.files import open_regular

MAX_COMMITS = 5000  # history walked back for one file; past it, the version is the content's
MAX_OBJECT = 64 * 1024 * 1024
MAX_DELTA_CHAIN = 1000
SHORT = 7  # as `git log --format=%h` prints in a small repository


def last_commit(root: Path, lesson: Path, content: bytes) -> str | None:
    """The short hash of the last commit that changed `lesson`, if it is committed unchanged."""
    try:
        found = _find_git(root.resolve())
        if found is None:
            return None
        store, top = found
        relative = lesson.resolve().relative_to(top).as_posix()
        return store.last_commit(relative, _blob_id(content))
    except (DbqError, OSError, ValueError, IndexError, KeyError, zlib.error, struct.error):
        return None  # a broken or strange .git: the version falls back to the content hash


def _blob_id(content: bytes) -> bytes:
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).digest()


def _find_git(folder: Path) -> tuple[_Store, Path] | None:
    """The repository holding `folder`: its object store and its top folder."""
    for top in (folder, *folder.parents):
        dot = top / ".git"
        if dot.is_dir():
            return _Store(dot), top
        if dot.is_file():  # a worktree or submodule: "gitdir: PATH"
            text = _read(dot, 4096).decode("utf-8").strip()
            if not text.startswith("gitdir:"):
                return None
            gitdir = (top / text.removeprefix("gitdir:").strip()).resolve()
            if not gitdir.is_relative_to(top):
                return None  # a .git file may not send dbq to read elsewhere
            return _Store(gitdir), top
    return None


def _read(path: Path, limit: int = MAX_OBJECT) -> bytes:
    """A regular file's bytes (never a FIFO or device), at most `limit` of them."""
    with open_regular(path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{path} is too large")
    return data


class _Store:
    """The objects and refs of one repository."""

    def __init__(self, gitdir: Path) -> None:
        self.gitdir = gitdir
        common = gitdir / "commondir"
        shared = _read(common, 4096).decode().strip() if common.is_file() else "."
        self.common = (gitdir / shared).resolve()
        if not self.common.is_relative_to(gitdir.parent):
            raise ValueError("the object store is outside the repository")
        self.cache: dict[bytes, tuple[str, bytes]] = {}
        self.packs: list[_Pack] | None = None

    def head(self) -> bytes | None:
        text = _read(self.gitdir / "HEAD", 4096).decode("utf-8").strip()
        for _ in range(10):  # symbolic refs may chain; a loop is not followed forever
            if not text.startswith("ref:"):
                return bytes.fromhex(text[:40])
            text = self.ref(text.removeprefix("ref:").strip()) or ""
            if not text:
                return None  # a new repository: no commit yet
        return None

    def ref(self, name: str) -> str | None:
        if ".." in name.split("/"):
            return None
        for folder in (self.gitdir, self.common):
            path = folder / name
            if path.is_file():
                return _read(path, 4096).decode("utf-8").strip()
        packed = self.common / "packed-refs"
        if packed.is_file():
            for line in _read(packed).decode("utf-8", "replace").splitlines():
                parts = line.split(" ")
                if len(parts) == 2 and parts[1] == name:
                    return parts[0]
        return None

    def object(self, sha: bytes) -> tuple[str, bytes]:
        if sha not in self.cache:
            self.cache[sha] = self._load(sha)
        return self.cache[sha]

    def _load(self, sha: bytes) -> tuple[str, bytes]:
        hexsha = sha.hex()
        loose = self.common / "objects" / hexsha[:2] / hexsha[2:]
        if loose.is_file():
            raw = _inflate(_read(loose))
            header, _, body = raw.partition(b"\0")
            kind = header.split(b" ")[0].decode()
            return kind, body
        if self.packs is None:
            folder = self.common / "objects" / "pack"
            self.packs = [_Pack(p) for p in sorted(folder.glob("*.idx"))] if folder.is_dir() else []
        for pack in self.packs:
            offset = pack.find(sha)
            if offset is not None:
                return pack.read(offset, self, 0)
        raise KeyError(hexsha)

    def commit(self, sha: bytes) -> tuple[bytes, list[bytes]]:
        """A commit's tree and parents."""
        kind, body = self.object(sha)
        if kind != "commit":
            raise ValueError("not a commit")
        tree, parents = b"", []
        for line in body.split(b"\n"):
            if not line:
                break
            if line.startswith(b"tree "):
                tree = bytes.fromhex(line[5:45].decode())
            elif line.startswith(b"parent "):
                parents.append(bytes.fromhex(line[7:47].decode()))
        return tree, parents

    def entry(self, tree: bytes, relative: str) -> bytes | None:
        """The object id at a path in a tree, or None."""
        sha: bytes | None = tree
        for name in relative.split("/"):
            if sha is None:
                return None
            kind, body = self.object(sha)
            if kind != "tree":
                return None
            sha = dict(_tree_entries(body)).get(name.encode())
        return sha

    def last_commit(self, relative: str, blob: bytes) -> str | None:
        """Walk back from HEAD to the commit that last changed the file (None if uncommitted)."""
        commit = self.head()
        if commit is None:
            return None
        tree, parents = self.commit(commit)
        if self.entry(tree, relative) != blob:
            return None  # changed since the last commit, or never committed
        for _ in range(MAX_COMMITS):
            same = None
            for parent in parents:
                parent_tree, parent_parents = self.commit(parent)
                if self.entry(parent_tree, relative) == blob:
                    same = (parent, parent_parents)
                    break
            if same is None:
                return commit.hex()[:SHORT]
            commit, parents = same
        return None


def _tree_entries(body: bytes) -> Iterator[tuple[bytes, bytes]]:
    at = 0
    while at < len(body):
        space = body.index(b" ", at)
        nul = body.index(b"\0", space)
        yield body[space + 1 : nul], body[nul + 1 : nul + 21]
        at = nul + 21


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, MAX_OBJECT)
    if inflater.unconsumed_tail:
        raise ValueError("object too large")
    return out


_KINDS = {1: "commit", 2: "tree", 3: "blob", 4: "tag"}


class _Pack:
    """A pack file and its version-2 index."""

    def __init__(self, index: Path) -> None:
        self.index = _read(index)
        self.path = index.with_suffix(".pack")
        if self.index[:8] != b"\377tOc\0\0\0\2":
            raise ValueError("unknown pack index version")
        self.count = struct.unpack(">I", self.index[8 + 255 * 4 : 8 + 256 * 4])[0]

    def find(self, sha: bytes) -> int | None:
        first = sha[0]
        low = struct.unpack(">I", self.index[8 + (first - 1) * 4 : 12 + (first - 1) * 4])[0]
        low = low if first else 0
        high = struct.unpack(">I", self.index[8 + first * 4 : 12 + first * 4])[0]
        names = 8 + 256 * 4
        while low < high:
            middle = (low + high) // 2
            found = self.index[names + middle * 20 : names + middle * 20 + 20]
            if found == sha:
                return self._offset(middle)
            low, high = (middle + 1, high) if found < sha else (low, middle)
        return None

    def _offset(self, position: int) -> int:
        table = 8 + 256 * 4 + self.count * 24
        offset = struct.unpack(">I", self.index[table + position * 4 : table + position * 4 + 4])[0]
        if offset & 0x80000000:
            large = table + self.count * 4 + (offset & 0x7FFFFFFF) * 8
            offset = struct.unpack(">Q", self.index[large : large + 8])[0]
        return offset

    def read(self, offset: int, store: _Store, depth: int) -> tuple[str, bytes]:
        if depth > MAX_DELTA_CHAIN:
            raise ValueError("delta chain too long")
        with open_regular(self.path) as pack:
            pack.seek(offset)
            head = pack.read(64)
            byte = head[0]
            kind, at, shift = (byte >> 4) & 7, 1, 4
            while byte & 0x80:
                byte, at, shift = head[at], at + 1, shift + 7
            base: tuple[str, bytes] | None = None
            if kind == 6:  # OFS_DELTA: the base is earlier in this pack
                byte, at = head[at], at + 1
                back = byte & 0x7F
                while byte & 0x80:
                    byte, at = head[at], at + 1
                    back = ((back + 1) << 7) | (byte & 0x7F)
                base = self.read(offset - back, store, depth + 1)
            elif kind == 7:  # REF_DELTA: the base is named by its id
                base = store.object(head[at : at + 20]) if depth < MAX_DELTA_CHAIN else None
                at += 20
            pack.seek(offset + at)
            data = _inflate_stream(pack)
        if kind in _KINDS:
            return _KINDS[kind], data
        if base is None:
            raise ValueError("unknown pack entry")
        return base[0], _apply_delta(base[1], data)


def _inflate_stream(handle: BinaryIO) -> bytes:
    inflater = zlib.decompressobj()
    out = bytearray()
    while not inflater.eof:
        chunk = handle.read(65536)
        if not chunk:
            break
        out += inflater.decompress(chunk, MAX_OBJECT)
        if len(out) > MAX_OBJECT or inflater.unconsumed_tail:
            raise ValueError("object too large")
    return bytes(out)


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def _apply_delta(base: bytes, delta: bytes) -> bytes:
    _, at = _varint(delta, 0)  # the base's size
    size, at = _varint(delta, at)
    if size > MAX_OBJECT:
        raise ValueError("object too large")
    out = bytearray()
    while at < len(delta):
        op = delta[at]
        at += 1
        if op & 0x80:  # copy from the base
            start = length = 0
            for bit in range(4):
                if op & (1 << bit):
                    start |= delta[at] << (8 * bit)
                    at += 1
            for bit in range(3):
                if op & (1 << (4 + bit)):
                    length |= delta[at] << (8 * bit)
                    at += 1
            out += base[start : start + (length or 0x10000)]
        elif op:  # insert new bytes
            out += delta[at : at + op]
            at += op
        else:
            raise ValueError("bad delta")
        if len(out) > size:
            raise ValueError("bad delta")
    return bytes(out)
