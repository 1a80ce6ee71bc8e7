"""User-fixable problems, located in the file that causes them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) at a place in a file, with its stable code."""

    path: str
    line: int
    col: int
    key: str
    message: str
    severity: str = "error"
    # The stable code (dbq/codes.py) that `dbq.yaml`'s `ignore:` and `--format json` name,
    # given where the problem is raised (never guessed from the wording).
    code: str = ""

    def __post_init__(self) -> None:
        _known(self.code)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        key = f" {self.key}:" if self.key else ""
        tag = " warning:" if self.severity == "warning" else ""
        return f"{where}:{tag}{key} {self.message} [{self.code}]"


class DbqError(click.ClickException):
    """A problem the user can fix; click prints it without a traceback and exits 1."""

    exit_code = 1

    def __init__(self, message: str, problems: Iterable[Problem] = (), *, code: str) -> None:
        super().__init__(message)
        self.problems = list(problems)
        self.code = _known(code)  # the code a Problem made from this error carries

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.format_message(), err=True, file=file)


class CrashError(DbqError):
    """A bug in dbq stopped a build: exit status 70 (EX_SOFTWARE), never 1, so CI can tell."""

    exit_code = 70

    def __init__(self, message: str) -> None:
        super().__init__(message, code="X002")


class ProblemsError(DbqError):
    """Several located problems, reported together."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        problems = sorted(problems)
        errors = [p for p in problems if p.severity == "error"]
        text = "\n".join(str(p) for p in problems)
        first = (errors or problems)[:1]
        super().__init__(text, problems, code=first[0].code if first else "X001")
        self.errors = errors


class InvalidValue(ValueError):
    """A value a model or parser refuses, with the code of the problem it becomes.

    dbq/workspace/validation.py gives a plain ValueError raised in a validator L003.
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


def _known(code: str) -> str:
    """A code of the table in dbq/codes.py; any other is a bug in dbq, not the user's."""
    from dbq.codes import CODES

    if code not in CODES:
        raise ValueError(f"problem code {code!r} is not in dbq/codes.py")
    return code


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the user would type it: relative to the workspace when inside it."""
    path = Path(path)
    for base in (root, _cwd()):
        if base is None:
            continue
        # The path as named first (a link shows as the link), then with links resolved.
        for mine, theirs in ((os.path.abspath, os.path.abspath), (_resolve, _resolve)):
            try:
                return Path(mine(path)).relative_to(theirs(base)).as_posix()
            except ValueError:
                continue
    return str(path)


def _cwd() -> Path | None:
    """The working folder, or None when it has been deleted under dbq."""
    try:
        return Path.cwd()
    except OSError:
        return None


def silenced(problems: list[Problem], settings: Any) -> list[Problem]:
    """Problems less the warnings whose codes `dbq.yaml` lists under `ignore:`."""
    ignored = set(getattr(settings, "ignore", []) or [])
    return [p for p in problems if p.severity == "error" or p.code not in ignored]


def _resolve(path: Path | str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return os.path.abspath(path)
