"""A unit: several lessons printed as one packet, each prepared as a lesson is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from dbq.errors import Problem
from dbq.prepare.lessons import PreparedLesson, prepare_lesson
from dbq.workspace.model import Unit
from dbq.workspace.sources import Source
from dbq.workspace.validation import did_you_mean, validation_problems
from dbq.workspace.yamlio import read_located


@dataclass
class PreparedUnit:
    id: str
    path: Path
    unit: Unit
    lessons: list[PreparedLesson]


def prepare_unit(
    path: Path, root: Path, sources: dict[str, Source]
) -> tuple[PreparedUnit | None, list[Problem]]:
    """The unit and all its lessons ready to print, or every problem found in them."""
    located, _, problems = read_located(path, root)
    if located is None:
        return None, problems
    try:
        unit = Unit.model_validate(located.data if isinstance(located.data, dict) else {})
    except ValidationError as exc:
        return None, validation_problems(exc, located, Unit)
    known = sorted(p.stem for p in (root / "lessons").glob("*.yaml"))
    lessons: list[PreparedLesson] = []
    for index, lesson_id in enumerate(unit.lessons):
        if lesson_id in unit.lessons[:index]:
            problems.append(
                located.problem(
                    ("lessons", index), f"{lesson_id!r} is listed twice", value=True, code="L005"
                )
            )
            continue
        lesson_path = root / "lessons" / f"{lesson_id}.yaml"
        if lesson_id not in known:  # only files of lessons/: no "../x", no absolute paths
            message = f"no lesson {lesson_id!r} in lessons/{did_you_mean(lesson_id, known)}"
            problems.append(located.problem(("lessons", index), message, value=True, code="W001"))
            continue
        prepared, lesson_problems = prepare_lesson(lesson_path, root, sources)
        if prepared is None:
            problems.append(
                located.problem(
                    ("lessons", index),
                    f"lesson {lesson_id!r} has problems (below); fix them first",
                    value=True,
                    code="L006",
                )
            )
            problems += lesson_problems
        else:
            lessons.append(prepared)
    if problems:
        return None, problems
    return PreparedUnit(path.stem, path, unit, lessons), []
