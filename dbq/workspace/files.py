"""The one way dbq reads and writes workspace files: inside the workspace, capped, atomic.

A workspace is untrusted: a file may be a FIFO, a folder, a symlink out of the workspace,
gigabytes long or not UTF-8. Every read goes through `read_text`/`read_bytes`, every write
through `write_atomically`, so each of those is a located `DbqError`, never a hang, a
traceback or a half-written file.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from dbq.errors import Problem, ProblemsError, display_path

# Far above any lesson, source or glossary a teacher writes (the longest FRUS document is
# ~60 kB), far below what would hurt the machine.
MAX_BYTES = 4 * 1024 * 1024
# An id names a file in a workspace folder: no separators, no dots first, no newline.
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")
TEMP_SUFFIX = ".tmp"


class FileError(ProblemsError):
    """A file dbq cannot or may not read or write, located at the file."""

    def __init__(self, shown: str, message: str, line: int = 1, col: int = 1, *, code: str) -> None:
        super().__init__([Problem(shown, line, col, "", message, code=code)])


def is_inside(path: Path, root: Path) -> bool:
    """Is path, with every symlink resolved, inside root (also resolved)?"""
    try:
        return Path(path).resolve().is_relative_to(Path(root).resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def check_inside(path: Path, root: Path, shown: str | None = None) -> Path:
    """path itself when it stays inside the workspace; a FileError otherwise."""
    if not is_inside(path, root):
        shown = shown or str(path)
        raise FileError(
            shown,
            "is outside the workspace (or a link out of it); dbq reads and writes only "
            "files inside the workspace folder",
            code="W001",
        )
    return path


def check_id(value: object, what: str = "id") -> str:
    """An id a file name is made from: lower-case letters, digits, '.', '-', '_' only."""
    text = value if isinstance(value, str) else ""
    if not ID_PATTERN.fullmatch(text) or ".." in text:
        from dbq.errors import DbqError

        raise DbqError(
            f"{value!r} is not a usable {what}: use lower-case letters, digits, '-', '.' "
            "and '_' (no folders, no spaces, at most 100 characters)",
            code="W007",
        )
    return text


def read_bytes(
    path: Path, root: Path, *, limit: int = MAX_BYTES, shown: str | None = None
) -> bytes:
    """The bytes of a regular file inside the workspace, at most `limit` of them."""
    shown = shown or display_path(path, root)
    check_inside(path, root, shown)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError as exc:
        raise FileError(shown, "is a folder, not a file; remove or rename it", code="Y009") from exc
    except FileNotFoundError as exc:
        raise FileError(shown, "does not exist (or is a link to nothing)", code="Y006") from exc
    except PermissionError as exc:
        message = f"cannot be read ({exc.strerror}); give yourself permission to read it"
        raise FileError(shown, message, code="Y010") from exc
    except OSError as exc:
        raise FileError(shown, f"cannot be read ({exc.strerror})", code="Y006") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = (
                "is a folder, not a file; remove or rename it"
                if stat.S_ISDIR(info.st_mode)
                else "is not a regular file (a pipe, device or socket); dbq reads only files"
            )
            raise FileError(shown, kind, code="Y009")
        if info.st_size > limit:
            raise FileError(shown, _too_big(info.st_size, limit), code="Y005")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FileError(shown, _too_big(size, limit), code="Y005")
        return b"".join(chunks)
    except OSError as exc:
        raise FileError(shown, f"cannot be read ({exc.strerror})", code="Y006") from exc
    finally:
        os.close(fd)


def open_regular(path: Path) -> BinaryIO:
    """A regular file opened for reading: a FIFO, device or folder is an OSError, no wait."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{path} is not a regular file")
    return os.fdopen(fd, "rb")


def _too_big(size: int, limit: int) -> str:
    return (
        f"is too large ({size // 1024} kB; dbq reads files up to {limit // 1024 // 1024} MB); "
        "split it into smaller files"
    )


def read_text(path: Path, root: Path, *, limit: int = MAX_BYTES, shown: str | None = None) -> str:
    """A workspace file as text; bytes that are not UTF-8 are a located error."""
    shown = shown or display_path(path, root)
    return decode(read_bytes(path, root, limit=limit, shown=shown), shown)


def decode(data: bytes, shown: str) -> str:
    """UTF-8 bytes -> text (a leading BOM dropped), or a FileError at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise FileError(
            shown,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            line,
            col,
            code="Y002",
        ) from exc


def write_atomically(files: dict[Path, bytes], root: Path | None = None) -> None:
    """Write every file under a temporary name in its folder, then move all into place.

    A crash or a full disk leaves the old files as they were; temporary files of an earlier
    run that died are removed first. With root given, every target must stay inside it. A
    file that exists keeps its permissions; a new one gets the user's usual ones. Each
    temporary file stays locked until it is moved, so another dbq sweeping stale ones never
    takes it (sweep_temps).
    """
    staged: list[tuple[str, Path, BinaryIO]] = []
    target: Path | None = None  # the file being written when a system call fails
    try:
        for target in files:
            shown = display_path(target, root) if root else str(target)
            if root is not None:
                check_inside(target, root, shown)
            _prepare_folder(target.parent, root, shown)
        for folder in dict.fromkeys(path.parent for path in files):
            sweep_temps(folder, recursive=False)  # before this write stages its own
        for target, data in files.items():
            mode = _mode_for(target)
            temp, out = _locked_temp(target)
            staged.append((temp, target, out))
            out.write(data)
            out.flush()
            os.chmod(temp, mode)  # mkstemp makes private files; outputs are not
        for temp, target, _ in staged:
            if target.is_dir() and not target.is_symlink():
                raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
            os.replace(temp, target)
    except OSError as exc:
        # Named by the file asked for: never a temporary name, never a folder not written.
        shown = display_path(target, root) if target and root else str(target or exc.filename)
        raise write_failure(shown, exc) from exc
    finally:
        for temp, _, out in staged:
            out.close()
            if os.path.exists(temp):
                os.unlink(temp)


def _locked_temp(target: Path) -> tuple[str, BinaryIO]:
    """A new temporary file beside target, opened and locked (flock) for this process."""
    while True:
        handle, temp = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_SUFFIX
        )
        out = os.fdopen(handle, "wb")
        _lock(handle, wait=True)
        if os.fstat(handle).st_nlink:  # a sweep took it between mkstemp and the lock: again
            return temp, out
        out.close()


def _lock(fd: int, *, wait: bool) -> bool:
    """Take an exclusive flock on fd; False when another process holds it (and wait=False)."""
    try:
        import fcntl
    except ImportError:  # no flock here (Windows): sweeps then rely on names alone
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def write_failure(shown: str, exc: OSError) -> FileError:
    """The located error for a file that could not be written, coded by what stopped it."""
    code, why = why_not_written(exc)
    return FileError(shown, f"cannot be written {why}", code=code)


def why_not_written(exc: OSError) -> tuple[str, str]:
    """The code of a failed write and its reason with what to do: "(No space left …); free …"."""
    code, hint = _WRITE_FAILURES.get(exc.errno or 0, _WRITE_FAILED)
    return code, f"({exc.strerror or exc}); {hint}"


_WRITE_FAILED = ("W002", "check that its folder exists and can be written, and run again")
_FULL = ("W003", "the disk is full; free some space and run again (earlier files are intact)")
_SIZE_LIMIT = (
    "W004",
    "a file-size limit (`ulimit -f`) stops dbq writing it; raise the limit and run again",
)
_READ_ONLY = ("W005", "the folder or file system is read-only; make it writable")
_NAME_CLASH = ("W006", "a folder and a file have the same name; remove or rename one")
_WRITE_FAILURES: dict[int, tuple[str, str]] = {
    errno.ENOSPC: _FULL,
    errno.EDQUOT: _FULL,
    errno.EFBIG: _SIZE_LIMIT,
    errno.EACCES: _READ_ONLY,
    errno.EPERM: _READ_ONLY,
    errno.EROFS: _READ_ONLY,
    errno.EISDIR: _NAME_CLASH,
    errno.ENOTDIR: _NAME_CLASH,
    errno.EEXIST: _NAME_CLASH,
}


def _prepare_folder(folder: Path, root: Path | None, shown: str) -> None:
    if folder.exists() and not folder.is_dir():
        message = f"cannot be written: {folder.name} is a file, not a folder; remove or rename it"
        raise FileError(shown, message, code="W006")
    folder.mkdir(parents=True, exist_ok=True)


def _mode_for(target: Path) -> int:
    try:
        # what the user gave the file, less set-id bits, and always theirs to read and write
        return (stat.S_IMODE(os.stat(target).st_mode) & 0o777) | 0o600
    except OSError:  # a new file
        return 0o666 & ~_umask()


# The names write_atomically gives its temporary files: ".NAME." + mkstemp's 8 characters.
TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))


def sweep_temps(folder: Path, *, recursive: bool = True) -> None:
    """Delete the temporary files of interrupted writes under a folder (output/, say).

    A temporary file another dbq is still writing is locked, and left alone.
    """
    try:
        found = folder.rglob(f".*{TEMP_SUFFIX}") if recursive else folder.glob(f".*{TEMP_SUFFIX}")
        for stale in found:
            if TEMP_NAME.fullmatch(stale.name) and stale.is_file() and not stale.is_symlink():
                _remove_unless_locked(stale)
    except OSError:
        pass  # a folder dbq cannot use is reported by the write itself


def _remove_unless_locked(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return  # gone already, or not dbq's to remove
    try:
        if _lock(fd, wait=False):
            path.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        os.close(fd)


def sweep_workspace(root: Path) -> None:
    """Remove what interrupted writes left in the workspace: output/ and the files dbq writes.

    Every command starts with it, so no temporary file outlives the next command of any kind.
    """
    for name, recursive in (("output", True), ("lessons", False), ("sources", False)):
        folder = root / name
        if folder.is_dir() and is_inside(folder, root):
            sweep_temps(folder, recursive=recursive)
    sweep_temps(root, recursive=False)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
