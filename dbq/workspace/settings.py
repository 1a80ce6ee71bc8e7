"""A workspace on disk: its folders, settings, lesson files, and the scaffolds init/new write."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dbq.errors import DbqError, Problem, ProblemsError, display_path
from dbq.workspace.files import (
    FileError,
    check_inside,
    read_text,
    why_not_written,
    write_atomically,
)

if TYPE_CHECKING:  # the models load when settings are read: a no-op build never needs them
    from dbq.workspace.model import Settings

SETTINGS_FILE = "dbq.yaml"
SCHEMA_FILE = "schema/lesson.schema.json"
# Editors with the YAML language server autocomplete and check lessons from this line.
SCHEMA_MODELINE = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"


def lesson_schema() -> str:
    """The JSON Schema of the lesson format, as committed and as `dbq schema` prints it."""
    import json

    from dbq.workspace.model import Lesson

    schema = Lesson.model_json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schema(root: Path) -> Path | None:
    """Write schema/lesson.schema.json when missing or stale; return it if written."""
    path = root / SCHEMA_FILE
    text = lesson_schema()
    try:
        if read_text(path, root) == text:
            return None
    except FileError:
        pass  # missing, or not a file dbq can read: written anew (or the write says why)
    write_atomically({path: text.encode()}, root)
    return path


def lesson_paths(root: Path, names: tuple[str, ...] | list[str] = ()) -> list[Path]:
    """Lesson files to work on: the ones named (id or path), or all in lessons/."""
    return resolve_names(root, names, units=False)[0]


def source_paths(root: Path) -> list[Path]:
    """The source files of a workspace, in id order."""
    folder = root / "sources"
    if folder.exists() and not folder.is_dir():
        message = f"{display_path(folder, root)} is a file; sources/ must be a folder"
        raise DbqError(message, code="W001")
    if folder.is_dir():
        check_inside(folder, root, "sources/")
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def unit_paths(root: Path) -> list[Path]:
    return _folder_files(root, "units")


def _folder_files(root: Path, name: str) -> list[Path]:
    """The *.yaml files of a workspace folder; a DbqError when the folder is a file."""
    folder = root / name
    if folder.exists() and not folder.is_dir():
        message = f"{display_path(folder, root)} is a file; {name}/ must be a folder"
        raise DbqError(message, code="W001")
    if folder.is_dir():
        check_inside(folder, root, f"{name}/")
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def resolve_names(
    root: Path, names: tuple[str, ...] | list[str] = (), *, units: bool = True
) -> tuple[list[Path], list[Path]]:
    """Lessons and units named (by id or path), or all of them when none are named."""
    folder = root / "lessons"
    check_workspace(root)
    if not names:
        return _folder_files(root, "lessons"), unit_paths(root) if units else []
    lesson_list: list[Path] = []
    unit_list: list[Path] = []
    for name in names:
        candidate = Path(name)
        if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
            check_inside(candidate, root, name)
            is_unit = units and candidate.resolve().parent == (root / "units").resolve()
            (unit_list if is_unit else lesson_list).append(candidate)
        elif not _plain_name(name):
            raise _unknown_name(root, name)
        elif (folder / f"{name}.yaml").is_file():
            lesson_list.append(folder / f"{name}.yaml")
        elif units and (root / "units" / f"{name}.yaml").is_file():
            unit_list.append(root / "units" / f"{name}.yaml")
        else:
            raise _unknown_name(root, name)
    return lesson_list, unit_list


def _plain_name(name: str) -> bool:
    """A lesson or unit id: a file name without folders, dots first or control characters."""
    return (
        bool(name)
        and name.isprintable()
        and "/" not in name
        and "\\" not in name
        and (not name.startswith("."))
    )


def check_workspace(root: Path) -> Path:
    """The workspace folder, or a DbqError when it does not exist or is a file."""
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        raise DbqError(
            f"workspace {root} {what}; give an existing folder with -C, or run `dbq init`",
            code="W001",
        )
    return root


def _unknown_name(root: Path, name: str) -> DbqError:
    folder = root / "lessons"
    known = [p.stem for p in sorted(folder.glob("*.yaml"))] if folder.is_dir() else []
    hint = f"the lessons are: {', '.join(known)}" if known else "lessons/ has no lessons yet"
    message = f"no lesson {name[:100]!r} in {display_path(folder, root)}/; {hint}"
    return DbqError(message, code="W001")


def load_settings(root: Path) -> Settings:
    """dbq.yaml, or the defaults when there is none."""
    from pydantic import ValidationError

    from dbq.workspace.model import Settings
    from dbq.workspace.validation import validation_problems
    from dbq.workspace.yamlio import load_yaml

    path = root / SETTINGS_FILE
    if not path.exists() and not path.is_symlink():
        return Settings()
    shown = display_path(path, root)
    located, problems = load_yaml(read_text(path, root), shown)
    if not problems:
        if located.data is None:
            return Settings()
        if not isinstance(located.data, dict):
            problems = [Problem(shown, 1, 1, "", "settings are `key: value` lines", code="L004")]
        else:
            try:
                return Settings.model_validate(located.data)
            except ValidationError as exc:
                problems = validation_problems(exc, located, Settings)
    raise ProblemsError(problems)


SETTINGS_TEMPLATE = """\
# dbq workspace settings
page_size: letter   # or a4
# minimum_per_skill: {sourcing: 1, close_reading: 1}   # `dbq check` fails lessons below it
# fillable: false   # worksheet PDFs without fields for students to type into
"""


GLOSSARY_TEMPLATE = """\
# The workspace glossary: definitions every lesson can use, written for students.
# `dbq check` lists the words that still need one, with the line to add. Replace [] with
# entries like:
#   - term: demarcation line
#     definition: The line that separates the areas held by each side when fighting stops.
terms: []
"""


def init_workspace(root: Path) -> list[Path]:
    """Create the workspace folders, settings and glossary files; never overwrite anything."""
    try:
        return _init_workspace(root)
    except OSError as exc:  # under a file, a read-only or virtual file system, a full disk
        code, why = why_not_written(exc)
        where = exc.filename or root
        raise DbqError(
            f"cannot make a workspace at {root}: {where} cannot be written {why}", code=code
        ) from None


def _init_workspace(root: Path) -> list[Path]:
    made: list[Path] = []
    for folder in ("lessons", "sources", "templates", "output"):
        path = root / folder
        if not path.exists():
            path.mkdir(parents=True)
            made.append(path)
    settings = root / SETTINGS_FILE
    if not settings.exists():
        write_atomically({settings: SETTINGS_TEMPLATE.encode()}, root)
        made.append(settings)
    glossary = root / "glossary.yaml"  # where `dbq check` asks for missing definitions
    if not glossary.exists():
        write_atomically({glossary: GLOSSARY_TEMPLATE.encode()}, root)
        made.append(glossary)
    schema = write_schema(root)
    if schema:
        made.append(schema)
    ignore = root / "output" / ".gitignore"
    if not ignore.exists():
        write_atomically({ignore: b"*\n!.gitignore\n"}, root)
    return made
