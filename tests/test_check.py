"""`dbq check`: every mistake a teacher can make, located and explained, all at once."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import Run, new_lesson, write
from tests.helpers import SAMPLE_SOURCE

SRC = SAMPLE_SOURCE

BAD = f"""\
title: Bad lesson
documents:
  - source: 1951-11-14-mao-to-filipov
    excerpt:
      paragraphs: 9
  - source: {SRC}
    excerpt:
      paragraphs: 40
  - source: {SRC}
    excerpt:
      from: "The main question in negotiations"
      to: "buffer zone."
    questions:
      - skil: sourcing
        ask: Who?
      - skill: close reading
        ask: What?
  - source: {SRC}
    excerpt:
      paragraphs: 9
      cut: ["nothing like this"]
    questions:
      - ask: What does Mao propose?
        evidence: "the enemy has proposed to designate it on the present line"
      - ask: And the monitors?
        evidence: "We intend to agree to the establishment of monitoring"
"""


def _check(run: Run, workspace: Path, text: str, name: str = "bad") -> list[str]:
    write(workspace / "lessons" / f"{name}.yaml", text)
    result = run("check", name)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("lessons/")]
    assert all(re.search(r" \[[A-Z]\d{3}\]$", line) for line in lines), lines
    return [re.sub(r" \[[A-Z]\d{3}\]$", "", line) for line in lines]


def test_every_problem_reported_at_once_in_line_order(run: Run, workspace: Path) -> None:
    lines = _check(run, workspace, BAD)
    assert lines == [
        f"lessons/bad.yaml:3:13: documents[1].source: no source '1951-11-14-mao-to-filipov' in "
        f"sources/; did you mean `{SRC}`? (the workspace has: {SRC})",
        f"lessons/bad.yaml:8:19: documents[2].excerpt.paragraphs: no paragraph 40 (the source has "
        f"29); see the numbers with `dbq sources show {SRC}`",
        f'lessons/bad.yaml:11:13: documents[3].excerpt.from: "The main question in negotiations" '
        f"is not in the source `{SRC}`; copy the words exactly; the closest passage (¶9) reads "
        f'"The main question in the negotiations"',
        "lessons/bad.yaml:14:9: documents[3].questions[1].skil: unknown key `skil`; "
        "did you mean `skill`?",
        "lessons/bad.yaml:16:16: documents[3].questions[2].skill: 'close reading' is not allowed; "
        "use one of: sourcing, contextualization, corroboration, close_reading; "
        "did you mean `close_reading`?",
        f'lessons/bad.yaml:21:13: documents[4].excerpt.cut[1]: "nothing like this" is not in the '
        f"source `{SRC}`; copy the words exactly",
        'lessons/bad.yaml:24:19: documents[4].questions[1].evidence[1]: "the enemy has proposed to '
        'designate it on the present line" is not in the excerpt; evidence must quote it exactly; '
        "the closest passage (¶9) reads "
        '"the enemy has proposed to designate it on the basis of the"',
        'lessons/bad.yaml:26:19: documents[4].questions[2].evidence[1]: "We intend to agree to the '
        'establishment of monitoring" is in the source (¶15) but not in the text Document D '
        "prints; quote the excerpt, or widen it",
    ]


def test_yaml_syntax_error_is_located(run: Run, workspace: Path) -> None:
    lines = _check(run, workspace, "title: x\ndocuments:\n  - source: a\n   excerpt: 1\n")
    assert len(lines) == 1
    assert lines[0].startswith("lessons/bad.yaml:4:")
    assert "YAML syntax" in lines[0]


def test_missing_and_misspelled_top_level_keys(run: Run, workspace: Path) -> None:
    lines = _check(run, workspace, "titel: x\ndocuments: []\n")
    assert "lessons/bad.yaml:1:1: titel: unknown key `titel`; did you mean `title`?" in lines
    assert "lessons/bad.yaml:1:1: title: `title` is required; add it" in lines
    assert "lessons/bad.yaml:2:12: documents: needs at least one entry" in lines


def test_multiple_choice_needs_a_valid_correct_answer(run: Run, workspace: Path) -> None:
    text = f"""\
title: MC
documents:
  - source: {SRC}
    excerpt: {{paragraphs: 15}}
    questions:
      - type: multiple_choice
        ask: Which states?
        choices: [a, b]
        correct: D
"""
    (line,) = _check(run, workspace, text)
    assert line.startswith("lessons/bad.yaml:6:9: documents[1].questions[1]: `correct` is 'D'")


def test_duplicate_key_and_span_without_end(run: Run, workspace: Path) -> None:
    text = f"""\
title: A
title: B
documents:
  - source: {SRC}
    excerpt: {{from: "The main question"}}
"""
    lines = _check(run, workspace, text)
    assert "lessons/bad.yaml:2:1: title: this key appears twice; keep one" in lines


def test_span_to_phrase_must_follow_from(run: Run, workspace: Path) -> None:
    text = f"""\
title: A
documents:
  - source: {SRC}
    excerpt:
      from: "The main question"
      to: "After the resumption of negotiations"
"""
    (line,) = _check(run, workspace, text)
    assert line.startswith(
        'lessons/bad.yaml:6:11: documents[1].excerpt.to: "After the resumption of negotiations" '
        "is not after the `from` phrase"
    )


def test_check_passes_on_a_good_lesson_and_summarises(run: Run, workspace: Path) -> None:
    new_lesson(run, workspace, "good", SRC)
    result = run("check")
    assert result.exit_code == 0, result.output
    assert re.search(r"lessons/good\.yaml: ok \(1 document, \d+ questions\)", result.output)
    assert "[R" not in result.output, result.output  # the scaffold passes the packet review


def test_unknown_lesson_name(run: Run) -> None:
    result = run("check", "nope")
    assert result.exit_code == 1
    assert "no lesson 'nope' in lessons/" in result.output


def test_usage_error_exits_2(run: Run) -> None:
    assert run("build", "--bogus").exit_code == 2


def test_json_format_lists_every_problem(run: Run, workspace: Path) -> None:
    import json

    write(workspace / "lessons" / "bad.yaml", BAD)
    result = run("check", "bad", "--format", "json")
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert len(rows) == 8
    assert rows[0] == {
        "file": "lessons/bad.yaml",
        "line": 3,
        "column": 13,
        "code": "C001",
        "key": "documents[1].source",
        "severity": "error",
        "message": f"no source '1951-11-14-mao-to-filipov' in sources/; did you mean `{SRC}`? "
        f"(the workspace has: {SRC})",
    }


def test_github_format_prints_workflow_annotations(run: Run, workspace: Path) -> None:
    write(workspace / "lessons" / "bad.yaml", BAD)
    result = run("check", "bad", "--format", "github")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(lines) == 8
    assert lines[1] == (
        "::error file=lessons/bad.yaml,line=8,col=19,title=C002::documents[2].excerpt.paragraphs: "
        f"no paragraph 40 (the source has 29); see the numbers with `dbq sources show {SRC}`"
    )


def test_strict_fails_on_warnings(run: Run, workspace: Path) -> None:
    new_lesson(run, workspace, "w", SRC, answers=False)  # one question has no answer
    relaxed = run("check", "w")
    assert relaxed.exit_code == 0
    assert "warning: documents[1].questions[2]: no `answer`" in relaxed.output
    strict = run("check", "w", "--strict", "--format", "github")
    assert strict.exit_code == 1
    assert "::warning file=lessons/w.yaml,line=" in strict.output


def test_broken_timeline_is_reported_with_a_broken_lesson(run: Run, workspace: Path) -> None:
    write(workspace / "timeline.yaml", "events:\n  - id: x\n    date: 1951-02-30\n")
    lines = _check(run, workspace, "titel: x\ndocuments: []\n")
    assert any(line.startswith("lessons/bad.yaml:1:1: titel:") for line in lines)
    result = run("check", "bad")
    assert "timeline.yaml:3:11: not a real date" in result.output


WRONG_KEY_AND_BAD_QUOTE = f"""\
title: A typo and a wrong quote in one question
documents:
  - source: {SRC}
    excerpt:
      paragraphs: 9
    questions:
      - ask: What does Mao propose?
        answer: A line along the present front.
        evidence: "the enemy has proposed to designate it on the present line"
        colour: red
      - ask: And the monitors?
        answer: Monitors from neutral states.
        evidence: "a quote that appears nowhere at all"
"""


def test_a_wrong_key_does_not_hide_the_evidence_checks(run: Run, workspace: Path) -> None:
    lines = _check(run, workspace, WRONG_KEY_AND_BAD_QUOTE)
    assert any("questions[1].colour: unknown key `colour`" in line for line in lines), lines
    # Both questions' quotes are still checked: the one with the typo and its neighbour.
    assert any(
        line.startswith("lessons/bad.yaml:9:19: documents[1].questions[1].evidence[1]")
        for line in lines
    ), lines
    assert any(
        line.startswith("lessons/bad.yaml:13:19: documents[1].questions[2].evidence[1]")
        for line in lines
    ), lines


def test_a_control_character_written_as_an_escape_is_refused(run: Run, workspace: Path) -> None:
    lines = _check(run, workspace, 'title: "Bell \\a in the title"\ndocuments: []\n')
    assert lines == [
        "lessons/bad.yaml:1:8: contains a control character (#x0007), written as an escape such "
        'as "\\a" or "\\x07"; delete it (it prints as nothing or as a box)'
    ]


STRICT = f"""\
title: !!binary aGVsbG8=
documents:
  - source: {SRC}
    excerpt: {{paragraphs: 9}}
"""

LOOSE_VALUES = f"""\
title: Loose values
line_numbers: "yes"
documents:
  - source: {SRC}
    excerpt: {{paragraphs: true}}
"""


def test_yaml_tags_and_loose_values_are_refused_where_they_stand(run: Run, workspace: Path) -> None:
    """Issue 24: `!!binary` was read as bytes, `paragraphs: true` as paragraph 1 and
    `line_numbers: "yes"` as true; each is now a located error with what to write instead."""
    write(workspace / "lessons" / "tagged.yaml", STRICT)
    write(workspace / "lessons" / "loose.yaml", LOOSE_VALUES)
    write(workspace / "timeline.yaml", "events: !!set {a, b}\n")
    result = run("check", "tagged", "loose")
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert "lessons/tagged.yaml:1:8: the tag `!!binary` is not one dbq reads;" in result.output
    assert any(line.startswith("timeline.yaml:1:9: the tag `!!set`") for line in lines), lines
    assert "lessons/loose.yaml:2:15: line_numbers: write true or false (found 'yes') [L003]" in (
        lines
    )
    assert any(
        line.startswith("lessons/loose.yaml:5:")
        and 'write paragraph numbers such as 7, "7-8" or [3, 5], not true [L003]' in line
        for line in lines
    ), lines
    assert sum(line.endswith("[Y008]") for line in lines) == 2
