"""Source files: front matter, numbered paragraphs, and the raw-telegram importer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from dbq.errors import DbqError, Problem, ProblemsError, display_path
from dbq.files import check_id, check_inside, read_text, write_atomically
from dbq.model import SourceMeta
from dbq.validation import validation_problems
from dbq.yamlio import load_yaml

SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*\Z")  # \Z: "$" allows a final newline


@dataclass
class Source:
    """A primary source: metadata plus its paragraphs, numbered from 1."""

    id: str
    path: Path
    meta: SourceMeta
    paragraphs: list[str]
    paragraph_lines: list[int] = field(default_factory=list)
    # Data later stages derive from the text once (the folded text for matching).
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split '---' front matter from the body; return (yaml, body, body's first line number)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith("---\n"):
        raise ValueError("a source file starts with a line '---', then its metadata, then '---'")
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise ValueError("the metadata block is not closed: add a line '---' after it")
    front = text[4 : end + 1]
    body_start_line = front.count("\n") + 3
    return front, text[end + 5 :], body_start_line


def split_paragraphs(body: str, first_line: int = 1) -> tuple[list[str], list[int]]:
    """Paragraphs are separated by blank lines; return them with their first line numbers."""
    paragraphs: list[str] = []
    lines_at: list[int] = []
    current: list[str] = []
    start = first_line
    for number, line in enumerate(body.split("\n"), start=first_line):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            paragraphs.append("\n".join(current))
            lines_at.append(start)
            current = []
    if current:
        paragraphs.append("\n".join(current))
        lines_at.append(start)
    return paragraphs, lines_at


def load_source(path: Path, root: Path | None = None) -> Source:
    """Read one source file; raise ProblemsError naming the file and line on any mistake."""
    shown = display_path(path, root)
    raw = read_text(path, root if root is not None else path.parent)
    try:
        front, body, body_line = split_front_matter(raw)
    except ValueError as exc:
        raise ProblemsError([Problem(shown, 1, 1, "", str(exc))]) from exc
    located, problems = load_yaml(front, shown)
    # Front matter starts on line 2 of the file.
    located.keys = {k: (line + 1, col) for k, (line, col) in located.keys.items()}
    located.values = {k: (line + 1, col) for k, (line, col) in located.values.items()}
    problems = [Problem(p.path, p.line + 1, p.col, p.key, p.message) for p in problems]
    meta = None
    if located.data is not None and not isinstance(located.data, dict):
        problems.append(Problem(shown, 2, 1, "", "the metadata must be `key: value` lines"))
    elif not problems:
        try:
            meta = SourceMeta.model_validate(located.data or {})
        except ValidationError as exc:
            problems.extend(validation_problems(exc, located, SourceMeta))
    paragraphs, lines_at = split_paragraphs(body, body_line)
    if not paragraphs:
        problems.append(
            Problem(shown, body_line, 1, "", "the source has no text after its metadata")
        )
    if problems or meta is None:
        raise ProblemsError(problems)
    return Source(path.stem, path, meta, paragraphs, lines_at)


def source_paths(root: Path) -> list[Path]:
    """The source files of a workspace, in id order."""
    folder = root / "sources"
    if folder.exists() and not folder.is_dir():
        raise DbqError(f"{display_path(folder, root)} is a file; sources/ must be a folder")
    if folder.is_dir():
        check_inside(folder, root, "sources/")
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def load_sources(root: Path) -> tuple[dict[str, Source], list[Problem]]:
    """All sources of a workspace; problems in broken ones are returned, not raised."""
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    for path in source_paths(root):
        try:
            sources[path.stem] = load_source(path, root)
        except ProblemsError as exc:
            problems.extend(exc.problems)
        except DbqError as exc:
            problems.append(Problem(display_path(path, root), 1, 1, "", exc.message))
    return sources, problems


def get_source(root: Path, source_id: str) -> Source:
    """One source by id, or a DbqError listing the ids there are."""
    check_id(source_id, "source id")
    path = root / "sources" / f"{source_id}.md"
    if not path.is_file():
        known = [p.stem for p in source_paths(root)]
        hint = f"the workspace has: {', '.join(known)}" if known else "sources/ is empty"
        raise DbqError(
            f"no source {source_id!r} in {display_path(root / 'sources', root)}/; {hint}"
        )
    return load_source(path, root)


def write_source(root: Path, source_id: str, meta: dict, body: str) -> Path:
    """Write sources/<id>.md with front matter in a stable key order."""
    check_id(source_id, "source id")
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    path = root / "sources" / f"{source_id}.md"
    write_atomically({path: f"---\n{front}---\n{body.rstrip()}\n".encode()}, root)
    return path
