"""The packet review (dbq/review/rules.py): each defect class fires on a teacher's item with a
coded warning; generated items that would fail are replaced; the corpus stays at zero."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from dbq.generate.facts import with_article
from dbq.generate.textscan import is_reported, split_sentences
from dbq.review.rules import is_word_list, references
from dbq.route import Composed
from tests.conftest import Run, write
from tests.helpers import CORPUS, REPO, SAMPLE_SOURCE, composed_lesson, pdf_text

FRUS = CORPUS / "frus-1951"

LESSON = f"""\
title: Review
documents:
  - source: {SAMPLE_SOURCE}
    excerpt:
      paragraphs: 9-10
    questions:
{{questions}}
"""


def _lesson(questions: str, extra: str = "") -> str:
    return LESSON.format(questions=questions) + extra


def _warnings(run: Run, workspace: Path, text: str, code: str) -> list[str]:
    write(workspace / "lessons" / "r.yaml", text)
    result = run("check", "r")
    assert result.exit_code == 0, result.output  # warnings do not fail a check
    return [line for line in result.output.splitlines() if line.endswith(f"[{code}]")]


def _composed(root: Path, lesson_id: str) -> Composed:
    return composed_lesson(root, lesson_id)


def test_answer_printed_in_the_source_line_is_a_located_warning(run: Run, workspace: Path) -> None:
    text = _lesson(
        "      - ask: Who was Comrade Filippov?\n        answer: Stalin.\n        points: 1\n"
    )
    (line,) = _warnings(run, workspace, text, "R101")
    assert line.startswith("lessons/r.yaml:7:9: warning: documents[1].questions[1]:")
    assert "answered by the source line of Document A" in line and "“Stalin”" in line


def test_multiple_choice_answered_by_the_glossary(run: Run, workspace: Path) -> None:
    text = _lesson(
        "      - ask: What is a demarcation line?\n"
        "        type: multiple_choice\n"
        "        choices: [a boundary line, a supply line]\n"
        "        correct: a boundary line\n",
        "vocabulary:\n  - {term: demarcation line, definition: a boundary line}\n",
    )
    (line,) = _warnings(run, workspace, text, "R101")
    assert "the glossary entry “demarcation line” for Document A" in line


def test_later_fact_in_the_background_is_flagged(run: Run, workspace: Path) -> None:
    text = _lesson(
        "      - ask: What is the main question?\n        answer: The line.\n",
        "background: The armistice was signed on 27 July 1953.\n",
    )
    (line,) = _warnings(run, workspace, text, "R102")
    assert "27 July 1953" in line and "1951-11-14" in line


def test_cut_quote_and_word_list_answers(run: Run, workspace: Path) -> None:
    text = _lesson(
        "      - ask: 'The context says: “In February 1946 George F.” Why does it matter?'\n"
        "        answer: It mentions according, principle and exchange.\n"
    )
    (cut,) = _warnings(run, workspace, text, "R104")
    assert "George F." in cut
    (listed,) = _warnings(run, workspace, text, "R105")
    assert "list of words" in listed


def test_rubric_that_cannot_be_earned_and_silencing_it(run: Run, workspace: Path) -> None:
    text = _lesson(
        "      - ask: What is the main question?\n        answer: The line.\n",
        "essay:\n  ask: Why did the talks drag on?\n  rubric: ap-dbq\n",
    )
    (line,) = _warnings(run, workspace, text, "R106")
    assert "at least 4 documents" in line
    write(workspace / "dbq.yaml", "ignore: [R106]\n")
    assert _warnings(run, workspace, text, "R106") == []
    rows = json.loads(run("check", "r", "--format", "json").stdout or "[]")
    assert all(re.fullmatch(r"[A-Z]\d{3}", row["code"]) for row in rows)


def test_every_problem_of_a_broken_lesson_has_a_code(run: Run, workspace: Path) -> None:
    write(
        workspace / "lessons" / "bad.yaml",
        f"titel: x\ndocuments:\n  - source: nope\n    excerpt: {{paragraphs: 1}}\n"
        f"  - source: {SAMPLE_SOURCE}\n    excerpt: {{paragraphs: 99}}\n",
    )
    result = run("check", "bad", "--format", "json")
    rows = json.loads(result.stdout)
    assert rows and all(row["code"] != "X001" for row in rows), rows


@pytest.mark.slow
def test_evidence_is_labelled_with_the_document_that_prints_it(
    sample_workspace: Path, run: Run
) -> None:
    assert run("build", root=sample_workspace).exit_code == 0
    key = pdf_text(sample_workspace / "output/mao-armistice-1951/mao-armistice-1951-answer-key.pdf")
    labels = {m.group(1): int(m.group(2)) for m in re.finditer(r"\(Document ([A-C]), ¶(\d+)", key)}
    composed = _composed(sample_workspace, "mao-armistice-1951")
    printed = {d.label: {p.number for p in d.passages} for d in composed.packet.documents}
    assert labels, key
    for label, paragraph in labels.items():
        assert paragraph in printed[label], (label, paragraph)
    assert references(composed.packet) == []
    # tamper with one label: the review catches it
    question = next(q for q in composed.packet.questions if q.evidence)
    question.evidence[0].label = "B" if question.evidence[0].label != "B" else "A"
    assert [f.code for f in references(composed.packet)] == ["R103"]


@pytest.mark.slow
def test_student_glossary_leaves_out_what_came_later(sample_workspace: Path, run: Run) -> None:
    assert run("build", "mao-generated-1951", root=sample_workspace).exit_code == 0
    out = sample_workspace / "output/mao-generated-1951/mao-generated-1951"
    worksheet = pdf_text(Path(f"{out}-worksheet.pdf"))
    key = pdf_text(Path(f"{out}-answer-key.pdf"))
    assert "1953" not in worksheet and "1976" not in worksheet
    assert "until his death in March 1953" in key
    # the review reads the student copy's wording: nothing later is left in it
    composed = _composed(sample_workspace, "mao-generated-1951")
    assert [f for f in composed.findings if f.code == "R102"] == []


def test_sentences_attribution_and_articles() -> None:
    assert (
        split_sentences("In February 1946 George F. Kennan wrote. It arrived at 3 p. m. Then.")
        == [
            "In February 1946 George F. Kennan wrote.",
            "It arrived at 3 p. m. Then.",
        ]
        or len(split_sentences("In February 1946 George F. Kennan wrote. Next.")) == 2
    )
    assert is_reported("Menzies said that the Americans consider the war lost.")
    assert is_reported("The Americans believe the Chinese will not attack.")
    assert is_reported("Stalin put it this way: “the world will be divided into two centers.”")
    assert not is_reported("We will oppose this at the beginning.")
    assert not is_reported("I told him we would not agree.")
    assert with_article("Robert Menzies") == "Robert Menzies"
    assert with_article("Prime Minister of Australia") == "the Prime Minister of Australia"
    assert with_article("The Ambassador in India") == "the Ambassador in India"
    assert with_article("General MacArthur") == "General MacArthur"
    assert is_word_list("A good answer mentions according, principle and exchange.")
    assert not is_word_list("Britain, France and China sent troops to Korea.")


@pytest.mark.slow
def test_adding_a_source_changes_no_lesson(sample_workspace: Path, run: Run) -> None:
    assert run("build", root=sample_workspace).exit_code == 0
    before = _composed(sample_workspace, "mao-generated-1951").packet
    write(
        sample_workspace / "sources" / "other.md",
        "---\ntitle: Other\nauthor: Dean Acheson\nrecipient: Harry S. Truman\n"
        "date: 1950-06-25\n---\nA short text with several words in it.\n",
    )
    result = run("build", root=sample_workspace)
    lessons = len(list((sample_workspace / "lessons").glob("*.yaml")))
    assert f"up to date: {lessons} lesson(s)" in result.output
    after = _composed(sample_workspace, "mao-generated-1951").packet
    assert [(q.ask, q.choices) for q in before.questions] == [
        (q.ask, q.choices) for q in after.questions
    ]


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("review_corpus", REPO / "bench/review_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["review_corpus"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.skipif(not FRUS.is_dir(), reason=f"the FRUS corpus is expected at {FRUS}")
def test_no_generated_defect_on_a_sample_of_the_corpus(tmp_path: Path) -> None:
    bench = _bench()
    lessons, _ = bench.make_workspace(tmp_path)  # type: ignore[attr-defined]
    sample = [lesson for lesson in lessons if lesson.startswith("one-")][::9]
    sample += [lesson for lesson in lessons if lesson.startswith("three-")][::4]
    counts = bench.measure(tmp_path, sample, False, 0)  # type: ignore[attr-defined]
    assert counts["lessons"] == len(sample) >= 10
    assert counts["generated questions"] >= 3 * len(sample)
    defects = {code: counts[code] for code in bench.CLASSES}  # type: ignore[attr-defined]
    assert defects == dict.fromkeys(defects, 0), defects


def test_keys_that_do_not_answer_are_flagged(run: Run, workspace: Path) -> None:
    """R108 on hand-made bad keys: a description of a good answer, a blank template, the task
    said again; a key that answers passes."""
    text = _lesson(
        "      - ask: Why does Mao want the line drawn at the present front?\n"
        "        answer: A good answer explains why Mao prefers the present front.\n"
        "      - ask: What does Mao say the enemy is demanding?\n"
        "        answer: Mao says the enemy demands ___.\n"
        "      - ask: What does Mao propose about the demarcation line?\n"
        "        answer: Mao proposes something about the demarcation line.\n"
        "      - ask: What is the main question in the negotiations, according to Mao?\n"
        "        answer: Where the demarcation line is drawn; the enemy wants it at the present\n"
        "          front, with Kaesong in the buffer zone (paragraph 9).\n"
    )
    flagged = _warnings(run, workspace, text, "R108")
    assert [line.split(": warning: ")[1].split(":")[0] for line in flagged] == [
        "documents[1].questions[1]",
        "documents[1].questions[2]",
        "documents[1].questions[3]",
    ]
    assert "describes what a good answer would do" in flagged[0]
    assert "unfinished template" in flagged[1]
    assert "only repeats the question's own words" in flagged[2]


def test_generated_keys_answer() -> None:
    """Every generated stem's key states an answer, placeholders and all."""
    import yaml

    from dbq.review.rules import non_answer

    stems = yaml.safe_load((REPO / "dbq" / "data" / "stems.yaml").read_text("utf-8"))
    keys = [
        s
        for skill in ("sourcing", "close_reading", "contextualization", "corroboration")
        for s in stems[skill]
    ]
    assert len(keys) >= 25
    for stem in keys:
        filled = re.sub(r"\{(\w+)\}", lambda m: m[1].replace("_", " ").title(), stem["answer"])
        assert not non_answer(filled, stem["ask"]), (stem["id"], filled)
