"""A workspace on disk: its folders, settings, lesson files, and the scaffolds init/new write."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from dbq.errors import DbqError, Problem, ProblemsError, display_path
from dbq.model import Settings
from dbq.validation import validation_problems
from dbq.yamlio import load_yaml

SETTINGS_FILE = "dbq.yaml"


def lesson_paths(root: Path, names: tuple[str, ...] | list[str] = ()) -> list[Path]:
    """Lesson files to work on: the ones named (id or path), or all in lessons/."""
    folder = root / "lessons"
    if not names:
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    paths = []
    for name in names:
        candidate = Path(name)
        if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
            paths.append(candidate)
        elif (folder / f"{name}.yaml").is_file():
            paths.append(folder / f"{name}.yaml")
        else:
            known = [p.stem for p in sorted(folder.glob("*.yaml"))] if folder.is_dir() else []
            hint = f"the lessons are: {', '.join(known)}" if known else "lessons/ has no lessons yet"
            raise DbqError(f"no lesson {name!r} in {display_path(folder, root)}/; {hint}")
    return paths


def load_settings(root: Path) -> Settings:
    """dbq.yaml, or the defaults when there is none."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        return Settings()
    shown = display_path(path, root)
    located, problems = load_yaml(path.read_text(encoding="utf-8"), shown)
    if not problems:
        if located.data is None:
            return Settings()
        if not isinstance(located.data, dict):
            problems = [Problem(shown, 1, 1, "", "settings are `key: value` lines")]
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
"""


def init_workspace(root: Path) -> list[Path]:
    """Create the workspace folders and a settings file; never overwrite anything."""
    made: list[Path] = []
    for folder in ("lessons", "sources", "templates", "output"):
        path = root / folder
        if not path.exists():
            path.mkdir(parents=True)
            made.append(path)
    settings = root / SETTINGS_FILE
    if not settings.exists():
        settings.write_text(SETTINGS_TEMPLATE, encoding="utf-8")
        made.append(settings)
    ignore = root / "output" / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n!.gitignore\n", encoding="utf-8")
    return made
