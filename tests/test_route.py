"""One route: a lesson gets the same warnings whichever command reaches it.

The case the issue was found with: the sample lesson with an essay rubric its three documents
cannot fill (`ap-dbq`, R106) warned in `dbq build LESSON` but not in a unit holding it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dbq.cli import main
from dbq.packet.items import KEY, STUDENTS
from dbq.route import Workspace, route_lesson
from tests.conftest import write
from tests.helpers import SAMPLE_LESSON

LESSON_FILE = f"lessons/{SAMPLE_LESSON}.yaml"


def _invoke(root: Path, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["-C", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.output.splitlines()


def _with_ap_rubric(root: Path) -> None:
    path = root / LESSON_FILE
    text = path.read_text(encoding="utf-8")
    assert "rubric: document-essay" in text
    path.write_text(text.replace("rubric: document-essay", "rubric: ap-dbq"), encoding="utf-8")
    write(root / "units" / "one.yaml", f"title: One lesson\nlessons: [{SAMPLE_LESSON}]\n")


def _coded(lines: list[str], code: str) -> list[str]:
    return [line for line in lines if line.endswith(f"[{code}]")]


def test_check_of_a_lesson_and_of_its_unit_give_the_same_review(sample_workspace: Path) -> None:
    _with_ap_rubric(sample_workspace)
    code, lesson = _invoke(sample_workspace, "check", SAMPLE_LESSON)
    assert code == 0, lesson
    code, unit = _invoke(sample_workspace, "check", "one")
    assert code == 0, unit
    assert _coded(lesson, "R106"), lesson
    assert _coded(unit, "R106") == _coded(lesson, "R106")
    assert _coded(unit, "G002") == _coded(lesson, "G002")


@pytest.mark.slow
def test_build_of_a_lesson_and_of_its_unit_give_the_same_review(sample_workspace: Path) -> None:
    _with_ap_rubric(sample_workspace)
    code, lesson = _invoke(sample_workspace, "build", SAMPLE_LESSON)
    assert code == 0, lesson
    code, unit = _invoke(sample_workspace, "build", "one")
    assert code == 0, unit
    assert _coded(lesson, "R106"), lesson
    assert _coded(unit, "R106") == _coded(lesson, "R106")
    assert (sample_workspace / "output" / "units" / "one" / "one-packet.pdf").is_file()


def test_draft_reports_the_warnings_a_check_gives(sample_workspace: Path) -> None:
    _with_ap_rubric(sample_workspace)
    _, checked = _invoke(sample_workspace, "check", SAMPLE_LESSON)
    code, drafted = _invoke(sample_workspace, "draft", SAMPLE_LESSON)
    assert code == 0, drafted
    assert _coded(drafted, "R106") == _coded(checked, "R106") != []


def test_the_packet_holds_each_audiences_timeline_laid_out(sample_workspace: Path) -> None:
    composed, problems = route_lesson(
        sample_workspace / LESSON_FILE, Workspace.load(sample_workspace)
    )
    assert composed is not None, problems
    views = composed.packet.views
    students, key = views[STUDENTS], views[KEY]
    assert students.timeline is not None and key.timeline is not None
    # The students' picture never shows what came after the documents; the key's may.
    assert students.cutoff is None
    assert {d.mark.kind for d in students.timeline.labels} <= {"event", "document"}
    labels = students.timeline_labels
    assert labels and all(isinstance(text, str) and text for text in labels)
    assert all(p.origin in ("teacher", "generated") for p in students.prompts)
    assert not any(box.notes for box in students.documents.values())


def test_the_workspace_is_read_once_per_run(sample_workspace: Path) -> None:
    workspace = Workspace.load(sample_workspace)
    first, _ = route_lesson(sample_workspace / LESSON_FILE, workspace)
    # A source removed after the run started does not change this run's lessons.
    for source in (sample_workspace / "sources").glob("*.md"):
        source.unlink()
    again, problems = route_lesson(sample_workspace / LESSON_FILE, workspace)
    assert first is not None and again is not None, problems
    assert [q.ask for q in again.packet.questions] == [q.ask for q in first.packet.questions]
