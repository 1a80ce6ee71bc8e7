"""`dbq draft`: generated items written into the lesson file, round-trip formatting kept,
edited items are the teacher's, drift is warned about, and `generate: drafted` builds print
exactly what the file holds (read back from the PDF)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from dbq.cli import main
from tests.helpers import SAMPLE_SOURCE, pdf_text

# Comments everywhere, a quoted title, a flow list, a folded teacher question, odd spacing.
LESSON = f"""\
# yaml-language-server: $schema=../schema/lesson.schema.json
# A teacher's lesson: every comment and quirk below must survive `dbq draft`.
title: "Talking While Fighting"   # the title, quoted
grades: 9-12
compelling_question: Why were China's leaders willing to accept long armistice talks in Korea?
background: |
  Armistice talks opened at Kaesong in July 1951 and resumed at
  Panmunjom in late October 1951 while the fighting went on.

line_numbers: true
documents:
  # the first excerpt
  - source: {SAMPLE_SOURCE}
    title: Monitors and prisoners
    excerpt:
      paragraphs: [15, 17]   # a flow list stays a flow list
    questions:
      - skill: close_reading
        ask: >-
          Which states did Mao first want to invite
          as neutral monitors?
        answer: 'The Soviet Union, Poland and India.'
        evidence: "the Soviet Union, Poland and India"
  - source: {SAMPLE_SOURCE}
    title: Ready for a long war
    excerpt:
      paragraphs: 25-26
# the end
"""


def dbq(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-C", str(root), *args], catch_exceptions=False)


def _drafted(sample_workspace: Path, text: str = LESSON) -> tuple[Path, str]:
    path = sample_workspace / "lessons" / "d.yaml"
    path.write_text(text, encoding="utf-8")
    result = dbq(sample_workspace, "draft", "d")
    assert result.exit_code == 0, result.output
    assert "drafted " in result.output
    return path, path.read_text(encoding="utf-8")


def test_draft_inserts_items_and_keeps_everything_else_byte_for_byte(
    sample_workspace: Path,
) -> None:
    path, after = _drafted(sample_workspace)
    ops = difflib.SequenceMatcher(None, LESSON.splitlines(True), after.splitlines(True), False)
    changes = [op for op in ops.get_opcodes() if op[0] != "equal"]
    assert changes and all(op[0] == "insert" for op in changes), changes
    data = yaml.safe_load(after)
    assert data["generate"] == "drafted"
    first = data["documents"][0]["questions"]
    assert first[0].get("generated") is None  # the teacher's own, untouched
    drafted = [q for d in data["documents"] for q in d["questions"] if q.get("generated")]
    assert len(drafted) >= 4 and all(re.fullmatch(r"[0-9a-f]{10}", q["generated"]) for q in drafted)
    assert data["essay"]["generated"] and data["vocabulary"]
    assert all(v["definition"] for v in data["vocabulary"])
    assert not list(path.parent.glob(".d.yaml.*"))  # no temporary file left behind


def test_second_draft_changes_nothing(sample_workspace: Path) -> None:
    path, first = _drafted(sample_workspace)
    result = dbq(sample_workspace, "draft", "d")
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
    assert path.read_text(encoding="utf-8") == first


@pytest.mark.slow
def test_an_edited_item_is_the_teachers_and_is_kept(sample_workspace: Path) -> None:
    path, text = _drafted(sample_workspace)
    data = yaml.safe_load(text)
    old = data["documents"][1]["questions"][0]["ask"]
    first_line = text[text.index(old[:30]) :].splitlines()[0]
    mine = first_line.replace(old[:30], "In your own words, " + old[:30])
    edited = text.replace(first_line, mine)
    path.write_text(edited, encoding="utf-8")
    assert dbq(sample_workspace, "draft", "d").exit_code == 0
    again = path.read_text(encoding="utf-8")
    assert "In your own words, " in again
    asks = [q["ask"] for q in yaml.safe_load(again)["documents"][1]["questions"]]
    assert sum("In your own words" in a for a in asks) == 1
    assert old not in asks  # replaced by the edit, not drafted a second time
    assert dbq(sample_workspace, "build", "d").exit_code == 0
    key = pdf_text(sample_workspace / "output" / "d" / "d-answer-key.pdf")
    drafted = sum(
        1 for d in yaml.safe_load(again)["documents"] for q in d["questions"] if q.get("generated")
    )
    assert drafted >= 1
    badges = len(re.findall(r"(?i)generated\s*—\s*review", key))
    # each unedited drafted question and the essay carry the badge; the edited one does not
    unedited = drafted + len(yaml.safe_load(again).get("questions", [])) - 1
    assert badges == unedited + 1


def test_check_warns_when_the_excerpt_changes_under_a_drafted_item(
    sample_workspace: Path,
) -> None:
    path, text = _drafted(sample_workspace)
    assert "[D001]" not in dbq(sample_workspace, "check", "d").output
    # Document B loses ¶26: the drafted quotes from it are no longer printed
    path.write_text(text.replace("paragraphs: 25-26", "paragraphs: 25"), "utf-8")
    result = dbq(sample_workspace, "check", "d")
    assert result.exit_code == 0, result.output  # a warning: the teacher decides
    drift = [line for line in result.output.splitlines() if line.endswith("[D001]")]
    assert drift, result.output
    assert all(line.startswith("lessons/d.yaml:") and "drafted question" in line for line in drift)
    assert all("dbq draft" in line and "Document B prints" in line for line in drift)
    assert "[R103]" not in result.output  # the review's echo of the same cause is dropped


def test_line_references_that_moved_are_drift(sample_workspace: Path) -> None:
    path, text = _drafted(sample_workspace)
    # one more paragraph in front: every quote is still printed, but on later lines
    path.write_text(text.replace("paragraphs: 25-26", "paragraphs: 24-26"), "utf-8")
    result = dbq(sample_workspace, "check", "d")
    drift = [line for line in result.output.splitlines() if line.endswith("[D001]")]
    assert drift and all(re.search(r"cites lines? \d+.*now prints at lines? \d+", x) for x in drift)


@pytest.mark.slow
def test_drafted_lesson_builds_exactly_the_files_questions(sample_workspace: Path) -> None:
    path, text = _drafted(sample_workspace)
    data = yaml.safe_load(text)
    # the teacher deletes one drafted question: nothing is generated in its place
    removed = data["documents"][1]["questions"].pop(0)
    lines = text.splitlines(True)
    start = next(i for i, line in enumerate(lines) if removed["skill"] in line and i > 30)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("      - "))
    path.write_text("".join(lines[:start] + lines[end:]), "utf-8")
    assert yaml.safe_load(path.read_text("utf-8")) == data
    result = dbq(sample_workspace, "build", "d")
    assert result.exit_code == 0, result.output
    sheet = pdf_text(sample_workspace / "output" / "d" / "d-worksheet.pdf")
    asks = [q["ask"] for d in data["documents"] for q in d["questions"]]
    asks += [q["ask"] for q in data.get("questions", [])] + [data["essay"]["ask"]]
    for ask in asks:
        assert _words(ask, 12) in _words(sheet), ask
    assert _words(removed["ask"], 12) not in _words(sheet)
    numbers = [int(n) for n in re.findall(r"(?:^| )(\d{1,2})\. (?=[A-Z“])", sheet)]
    assert max(numbers) == len(asks)


def _words(text: str, count: int = 0) -> str:
    """Text (its first `count` words) as plain words: Markdown escapes and breaks do not matter."""
    words = re.findall(r"[A-Za-z0-9']+", text)
    return " ".join(words[:count] if count else words)


def test_an_item_an_older_dbq_drafted_is_replaced_in_place(sample_workspace: Path) -> None:
    from dbq.draft import draft_hash
    from dbq.workspace.model import Question

    path, text = _drafted(sample_workspace)
    data = yaml.safe_load(text)
    item = data["documents"][1]["questions"][0]
    older = {**item, "points": 9}
    older["generated"] = draft_hash(Question.model_validate(older))  # unedited, as dbq wrote it
    mark = f"generated: {item['generated']}"
    end = text.index(mark)
    start = text.rindex(f"points: {item['points']}\n", 0, end)  # this item's own points line
    stale = text[:start] + "points: 9\n" + text[start:end].split("\n", 1)[1]
    stale += f"generated: {older['generated']}" + text[end + len(mark) :]
    path.write_text(stale, "utf-8")
    assert stale != text
    assert dbq(sample_workspace, "draft", "d").exit_code == 0
    assert path.read_text("utf-8") == text  # back where it was, not moved to the end


def test_a_wrong_key_does_not_hide_lesson_level_evidence(sample_workspace: Path) -> None:
    text = LESSON.replace("grades: 9-12", "grade: 9-12").replace(
        "# the end\n",
        "questions:\n  - skill: corroboration\n    ask: Compare them.\n"
        '    evidence: "words that are in neither document"\n',
    )
    (sample_workspace / "lessons" / "d.yaml").write_text(text, "utf-8")
    result = dbq(sample_workspace, "check", "d")
    assert result.exit_code == 1
    assert "unknown key" in result.output or "[L001]" in result.output
    assert "questions[1].evidence" in result.output, result.output


def _prompts(data: dict) -> list[str]:
    prompts = [p["prompt"] for d in data["documents"] for p in d.get("context") or []]
    return prompts + [p["prompt"] for p in (data.get("context") or {}).get("prompts", [])]


@pytest.mark.slow
def test_in_context_prompts_are_drafted_and_built_from_the_file(sample_workspace: Path) -> None:
    path, text = _drafted(sample_workspace)
    data = yaml.safe_load(text)
    for document in data["documents"]:
        drafted = document["context"]
        assert drafted and all(set(p) == {"prompt", "generated"} for p in drafted), drafted
    assert data["context"]["prompts"][0]["generated"]  # the lesson's own prompt
    # The teacher deletes Document B's prompts: a pinned build generates none in their place.
    deleted = data["documents"][1].pop("context")
    start = text.index("    context:\n", text.index("title: Ready for a long war"))
    end = text.index(f"generated: {deleted[-1]['generated']}\n", start)
    path.write_text(text[:start] + text[text.index("\n", end) + 1 :], "utf-8")
    assert yaml.safe_load(path.read_text("utf-8")) == data
    assert dbq(sample_workspace, "build", "d").exit_code == 0
    sheet = _words(pdf_text(sample_workspace / "output" / "d" / "d-worksheet.pdf"))
    for prompt in _prompts(data):
        assert _words(prompt, 12) in sheet, prompt
    for prompt in deleted:
        assert _words(prompt["prompt"], 8) not in sheet, prompt
    key = pdf_text(sample_workspace / "output" / "d" / "d-answer-key.pdf")
    in_context = re.findall(r"(?<!— )\bGENERATED\b(?!\s*—)", key)  # the prompts' badge
    assert len(in_context) == len(_prompts(data))


@pytest.mark.slow
def test_an_edited_prompt_keeps_its_place_and_loses_its_badge(sample_workspace: Path) -> None:
    path, text = _drafted(sample_workspace)
    first = yaml.safe_load(text)["documents"][0]["context"]
    line = next(x for x in text.splitlines() if x.strip().startswith("- prompt:"))
    start = text.index(line)
    end = text.index("\n        generated:", start)
    mine = "      - prompt: What had just happened at Panmunjom? Use the timeline."
    path.write_text(text[:start] + mine + text[end:], "utf-8")
    result = dbq(sample_workspace, "draft", "d")
    assert result.exit_code == 0, result.output
    again = yaml.safe_load(path.read_text("utf-8"))["documents"][0]["context"]
    assert again[0]["prompt"] == "What had just happened at Panmunjom? Use the timeline."
    assert again[0]["generated"] == first[0]["generated"]  # the mark stays; the text is hers
    assert again[1:] == first[1:]  # the rest as drafted, nothing added after the edit
    assert dbq(sample_workspace, "build", "d").exit_code == 0
    key = pdf_text(sample_workspace / "output" / "d" / "d-answer-key.pdf")
    assert re.search(r"Use the timeline\. How might", key), key  # no badge after the edit


def test_a_dictionary_sense_to_check_is_drafted_with_a_comment(sample_workspace: Path) -> None:
    from tests.helpers import KENNAN

    imported = dbq(sample_workspace, "sources", "import", str(KENNAN), "--id", "kennan")
    assert imported.exit_code == 0, imported.output
    lesson = LESSON.replace(
        f"  - source: {SAMPLE_SOURCE}\n    title: Ready for a long war\n"
        "    excerpt:\n      paragraphs: 25-26",
        "  - source: kennan\n    title: The Soviet outlook\n"
        "    excerpt:\n      paragraphs: [14, 16]",
    )
    assert "source: kennan" in lesson
    path, text = _drafted(sample_workspace, lesson)
    noted = re.findall(r"^  - term: (.+?)  # WordNet 3\.0: one of (\d) senses, (.*)$", text, re.M)
    assert noted, text  # Kennan's "incline" (¶14): the sentence shows which of its senses
    assert all(int(n) > 1 and rest == "chosen from the text; check it fits" for _, n, rest in noted)
    terms = {v["term"]: v for v in yaml.safe_load(text)["vocabulary"]}
    assert all(term in terms for term, _, _ in noted)  # the comment is not part of the value


def test_markdown_escapes_are_dropped_only_where_the_print_is_the_same() -> None:
    from dbq.draft import _unescaped

    assert _unescaped(r"Reread “to introduce \[as monitors\] representatives”") == (
        "Reread “to introduce [as monitors] representatives”"
    )
    for needed in (r"a \*starred\* word", r"\[a link\](https://example.org)", r"1951\. A year"):
        assert _unescaped(needed) == needed  # unescaped, these would print differently


def test_the_drafted_sample_reads_without_needless_escapes() -> None:
    from tests.helpers import REPO

    text = (REPO / "lessons" / "mao-drafted-1951.yaml").read_text("utf-8")
    assert "[as monitors]" in text and "\\[" not in text


def test_a_flow_style_lesson_is_drafted_as_valid_yaml(sample_workspace: Path) -> None:
    """Folded blocks cannot stand inside `{...}`: ruamel wrote their folds as "\\a" there."""
    document = f"{{source: {SAMPLE_SOURCE}, excerpt: {{paragraphs: 25-26}}}}"
    flow = f"{{title: Flow, documents: [{document}]}}\n"
    path, text = _drafted(sample_workspace, flow)
    data = yaml.safe_load(text)
    asks = [q["ask"] for q in data["documents"][0]["questions"]]
    assert asks and not any(re.search(r"[\x00-\x08\x0b-\x1f]", a) for a in asks), asks
    assert dbq(sample_workspace, "check", "d").exit_code == 0
    assert "up to date" in dbq(sample_workspace, "draft", "d").output
    assert path.read_text("utf-8") == text


def test_a_prompt_list_with_a_teachers_own_prompt_is_left_alone(sample_workspace: Path) -> None:
    path, text = _drafted(sample_workspace)
    last = yaml.safe_load(text)["documents"][0]["context"][-1]["generated"]
    mark = f"        generated: {last}\n"
    mine = mark + "      - What else was happening in November 1951?\n"
    path.write_text(text.replace(mark, mine, 1), "utf-8")
    before = path.read_text("utf-8")
    result = dbq(sample_workspace, "draft", "d")
    assert result.exit_code == 0, result.output
    assert path.read_text("utf-8") == before  # the drafted prompts beside hers are kept


@pytest.mark.slow
def test_a_deleted_item_stays_deleted_across_drafts(sample_workspace: Path) -> None:
    """Issue 23: a deleted generated question came back on the next draft."""
    path, text = _drafted(sample_workspace)
    data = yaml.safe_load(text)
    assert "B close_reading" in data["drafted"] and "essay" in data["drafted"]
    lines = text.splitlines(True)
    # Delete Document B's drafted close-reading question, the first drafted glossary entry
    # and the drafted essay, as a teacher does in an editor: whole items, nothing else.
    documents = [i for i, line in enumerate(lines) if line.startswith("  - source:")]
    start = next(
        i for i in range(documents[1], len(lines)) if lines[i].strip() == "- skill: close_reading"
    )
    end = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("generated:"))
    term = next(i for i, line in enumerate(lines) if line.startswith("  - term:"))
    term_end = next(i for i in range(term, len(lines)) if "generated:" in lines[i])
    essay = next(i for i, line in enumerate(lines) if line.startswith("essay:"))
    essay_end = next(i for i in range(essay, len(lines)) if "generated:" in lines[i])
    deleted_term = lines[term].split(":", 1)[1].strip()
    for first, last in sorted([(start, end), (term, term_end), (essay, essay_end)], reverse=True):
        del lines[first : last + 1]
    kept = "".join(lines)
    path.write_text(kept, encoding="utf-8")
    for _ in range(2):
        result = dbq(sample_workspace, "draft", "d")
        assert result.exit_code == 0, result.output
        assert path.read_text(encoding="utf-8") == kept
    again = yaml.safe_load(kept)
    kinds = [(q.get("skill"), q.get("type")) for q in again["documents"][1]["questions"]]
    assert ("close_reading", None) not in kinds  # the written one; a multiple choice may stay
    assert deleted_term not in [v["term"] for v in again["vocabulary"]]
    assert "essay" not in again
    assert dbq(sample_workspace, "build", "d").exit_code == 0
    key = pdf_text(sample_workspace / "output" / "d" / "d-answer-key.pdf")
    assert "Essay" not in key
