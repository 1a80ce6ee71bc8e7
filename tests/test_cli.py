"""A teacher's first steps: init, import, new, check, build, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dbq.cli import main
from tests.conftest import Run, new_lesson
from tests.helpers import SAMPLE_SOURCE, STEERE, STEERE_ID, pdf_text


def test_new_lesson_fails_check_until_its_placeholders_are_replaced(
    run: Run, workspace: Path
) -> None:
    result = run("new", "first", "--source", SAMPLE_SOURCE, "--source", SAMPLE_SOURCE)
    assert result.exit_code == 0, result.output
    assert "TODO:" in result.output
    check = run("check", "first")
    assert check.exit_code == 1
    placeholders = [line for line in check.output.splitlines() if line.endswith("[L007]")]
    assert placeholders[0].startswith("lessons/first.yaml:") and "background:" in placeholders[0]
    # the close-reading answers are examples stated from the text, not placeholders: ¶8 of the
    # seed states Mao's judgement of the talks
    assert not any("questions[2].answer" in line for line in placeholders)
    text = (workspace / "lessons" / "first.yaml").read_text(encoding="utf-8")
    assert "Mao Zedong writes that after the resumption of negotiations" in text
    assert run("build", "first").exit_code == 1


def test_init_writes_the_glossary_the_warnings_point_to(tmp_path: Path) -> None:
    import yaml

    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path / "c")]).exit_code == 0
    glossary = tmp_path / "c" / "glossary.yaml"
    assert yaml.safe_load(glossary.read_text(encoding="utf-8")) == {"terms": []}
    assert runner.invoke(main, ["-C", str(tmp_path / "c"), "check"]).exit_code == 0


def test_build_help_mentions_units() -> None:
    result = CliRunner().invoke(main, ["build", "--help"])
    assert "units/ID.yaml" in result.output


@pytest.mark.slow
def test_new_lesson_checks_and_builds(run: Run, workspace: Path) -> None:
    new_lesson(run, workspace, "first")
    assert run("check", "first").exit_code == 0
    built = run("build", "first")
    assert built.exit_code == 0, built.output
    assert "built output/first/first-worksheet.pdf" in built.output
    text = pdf_text(workspace / "output" / "first" / "first-worksheet.pdf")
    # The scaffold cites two neighbouring paragraphs of real prose (8 and 9 of the seed).
    assert "After the resumption of negotiations" in text
    assert "The main question in the negotiations" in text


def test_new_refuses_to_overwrite_and_unknown_source(run: Run) -> None:
    assert run("new", "x", "--source", SAMPLE_SOURCE).exit_code == 0
    again = run("new", "x", "--source", SAMPLE_SOURCE)
    assert again.exit_code == 1 and "already exists" in again.output
    missing = run("new", "y", "--source", "nope")
    assert missing.exit_code == 1 and "no source 'nope'" in missing.output


def test_init_makes_a_workspace_and_is_idempotent(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["init", str(tmp_path / "course")])
    assert first.exit_code == 0
    for folder in ("lessons", "sources", "templates", "output"):
        assert (tmp_path / "course" / folder).is_dir()
    second = runner.invoke(main, ["init", str(tmp_path / "course")])
    assert "already a workspace" in second.output


def test_build_with_no_lessons_says_what_to_do(run: Run) -> None:
    result = run("build")
    assert result.exit_code == 1
    assert "dbq new ID --source SOURCE_ID" in result.output


def test_schema_describes_every_field(run: Run) -> None:
    schema = json.loads(run("schema").output)
    assert "documents" in schema["properties"]
    excerpt = schema["$defs"]["Excerpt"]["properties"]
    assert "from" in excerpt and excerpt["from"]["description"]
    for definition in schema["$defs"].values():
        for name, field in definition.get("properties", {}).items():
            assert field.get("description"), f"{name} has no description"


@pytest.mark.slow
def test_workspace_template_overrides_builtin(run: Run, workspace: Path) -> None:
    new_lesson(run, workspace, "t")
    (workspace / "templates" / "worksheet.html").write_text(
        '{% extends "!builtin/worksheet.html" %}'
        "{% block header %}<p>Mr. Lee's class</p>{{ super() }}{% endblock %}"
    )
    assert run("build", "t").exit_code == 0
    worksheet = pdf_text(workspace / "output" / "t" / "t-worksheet.pdf")
    assert "Mr. Lee's class" in worksheet and "Document A" in worksheet
    key = pdf_text(workspace / "output" / "t" / "t-answer-key.pdf")
    assert "Mr. Lee's class" in key


def test_a4_setting(run: Run, workspace: Path) -> None:
    from pypdf import PdfReader

    (workspace / "dbq.yaml").write_text("page_size: a4\n")
    new_lesson(run, workspace, "t")
    assert run("build", "t").exit_code == 0
    box = PdfReader(str(workspace / "output" / "t" / "t-worksheet.pdf")).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210
    (workspace / "dbq.yaml").write_text("page_size: A3\n")
    bad = run("build", "t")
    assert bad.exit_code == 1
    assert "dbq.yaml:1:12: page_size: 'A3' is not allowed; use one of: letter, a4" in bad.output


def test_committed_schema_is_current() -> None:
    from dbq.workspace.settings import SCHEMA_FILE, lesson_schema
    from tests.helpers import REPO

    committed = (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == lesson_schema(), (
        "schema/lesson.schema.json is stale: run `dbq schema > schema/lesson.schema.json`"
    )


def test_new_lesson_points_editors_at_the_schema(run: Run, workspace: Path) -> None:
    from dbq.workspace.settings import SCHEMA_MODELINE

    assert run("new", "x", "--source", SAMPLE_SOURCE).exit_code == 0
    first_line = (workspace / "lessons" / "x.yaml").read_text().splitlines()[0]
    assert first_line == SCHEMA_MODELINE
    schema_path = workspace / "lessons" / first_line.split("$schema=")[1]
    assert json.loads(schema_path.read_text())["title"] == "Lesson"
    assert run("schema").output == schema_path.read_text()


def test_new_lesson_on_two_authors_reads_right(run: Run, workspace: Path) -> None:
    import yaml

    (workspace / "sources" / f"{STEERE_ID}.md").write_text(STEERE, "utf-8")
    result = run("new", "two", "--source", SAMPLE_SOURCE, "--source", STEERE_ID)
    assert result.exit_code == 0, result.output
    lesson = yaml.safe_load((workspace / "lessons" / "two.yaml").read_text("utf-8"))
    question = lesson["compelling_question"]
    assert question == "What do these documents reveal about their authors' aims?"
    steere = lesson["documents"][1]["questions"][0]["answer"]
    # An example answer in sentences from the source's facts, never a list of words (R105)
    assert steere.startswith(
        "Steere wrote this telegram to the Secretary of State from New Delhi on October 30, 1951."
    ), steere
    from dbq.review.rules import is_word_list, non_answer

    ask = lesson["documents"][1]["questions"][0]["ask"]
    assert not is_word_list(steere) and not non_answer(steere, ask)


def test_new_lesson_on_an_unsigned_memorandum_reads_right(run: Run, workspace: Path) -> None:
    """A memorandum with no author: "the author" mid-sentence, not "The author"."""
    import yaml

    memo = STEERE.replace("author: Steere\n", "").replace("type: telegram", "type: memorandum")
    (workspace / "sources" / "memo.md").write_text(memo, "utf-8")
    assert run("new", "memo", "--source", "memo").exit_code == 0
    lesson = yaml.safe_load((workspace / "lessons" / "memo.yaml").read_text("utf-8"))
    answer = lesson["documents"][0]["questions"][0]["answer"]
    assert answer.startswith("The author wrote this memorandum"), answer
    assert "what the author wanted" in answer, answer
