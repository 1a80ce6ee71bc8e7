"""Fair multiple choice (issue 20, item 4): no choice the worksheet prints elsewhere, no two
choices that say the same, and generated distractors never taken from the printed glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from dbq.check import check_lessons
from dbq.generate.vocab_question import definition_shape, same_meaning, word_shape
from tests.conftest import write
from tests.helpers import SAMPLE_LESSON, SAMPLE_SOURCE, composed_lesson

LESSON = f"""\
title: The line
generate: false
vocabulary:
  - term: demarcation line
    definition: The line that separates the areas held by each side when fighting stops.
documents:
  - source: {SAMPLE_SOURCE}
    excerpt: {{paragraphs: 9}}
    questions:
      - type: multiple_choice
        ask: What does Mao call "the main question in the negotiations"?
        choices:
          - The exchange of prisoners of war
          - The determination of the demarcation line
          - The line that separates the areas held by each side when fighting stops.
          - {{choice}}
        correct: B
"""


def _findings(root: Path, last_choice: str) -> list[str]:
    write(root / "lessons" / "line.yaml", LESSON.replace("{choice}", last_choice))
    report = check_lessons(root, ("line",))
    return [str(p) for p in report.problems if p.code in ("R101", "R107")]


def test_a_wrong_choice_printed_in_a_glossary_box_is_a_giveaway(sample_workspace: Path) -> None:
    (finding,) = _findings(sample_workspace, "The neutral monitoring of the rear")
    assert "question 1: choice C is printed as the glossary entry “demarcation line”" in finding
    assert finding.endswith("[R101]")


def test_two_choices_that_say_the_same_are_a_warning(sample_workspace: Path) -> None:
    twin = "A line separating the areas each side holds once the fighting stops"
    findings = _findings(sample_workspace, twin)
    same = [f for f in findings if f.endswith("[R107]")]
    assert same and "choices C and D say the same" in same[0], findings


def test_generated_vocabulary_choices_are_never_printed_definitions(
    sample_workspace: Path,
) -> None:
    """Flagship Q10 was answered by elimination: its distractors were the definitions of
    economize, advantageous and stabilization printed in the Document C box above it."""
    for lesson in ("mao-generated-1951", SAMPLE_LESSON):
        packet = composed_lesson(sample_workspace, lesson).packet
        glossary = packet.student_glossary or packet.glossary
        assert glossary is not None
        printed = {e.definition for e in glossary.entries if e.definition}
        asked = [q for q in packet.questions if q.stem == "vocabulary:in-context"]
        assert asked, "the sample lesson asks a vocabulary question"
        for question in asked:
            right = question.correct.split(". ", 1)[1] if question.correct else ""
            wrong = [c for c in question.choices if c != right and not c.endswith(right)]
            assert len(wrong) == len(question.choices) - 1
            assert not printed & {c.split(". ", 1)[-1] for c in wrong}, question.choices
            # nor one the page says in other words (the lesson's box on page 1 included)
            for choice in wrong:
                text = choice.split(". ", 1)[-1]
                assert not any(same_meaning(text, p) for p in printed), (choice, question.choices)


def test_a_verb_s_choices_are_all_verbs(sample_workspace: Path) -> None:
    """The flagship asks "designate" ("To name or choose …"): "Raw materials and goods …"
    was once offered beside it, a choice students rule out by its grammar alone."""
    packet = composed_lesson(sample_workspace, SAMPLE_LESSON).packet
    asked = [q for q in packet.questions if q.stem == "vocabulary:in-context"]
    verbs = [q for q in asked if q.correct and q.correct.split(". ", 1)[1].startswith("To ")]
    assert verbs, "the sample lesson asks the meaning of a verb"
    for question in verbs:
        assert all(c.split(". ", 1)[-1].startswith("To ") for c in question.choices), question


def test_distractors_are_of_the_answers_kind() -> None:
    """Flagship-like items on an Australian cable: "perished" (a verb) was offered noun
    definitions ("Capitalist and Communist countries …", "In Soviet usage, an official body")."""
    verb = "Pass from physical life and lose all bodily attributes and functions."
    nouns = [
        "Capitalist and Communist countries living side by side without war.",
        "Rule of a territory by one or more countries, under United Nations supervision.",
        "In Soviet and Communist usage, an official body or agency, such as a committee.",
        "Extra troops, weapons or supplies sent to make an army stronger.",
        "Making something, such as prices or a country's economy, steady.",
    ]
    assert definition_shape(verb) == "verb"
    assert definition_shape("Impose something unpleasant.") == "verb"
    assert {definition_shape(n) for n in nouns} == {"noun"}
    assert definition_shape("Forcefully and clearly.") == "adverb"


def test_the_plain_distractors_are_of_the_kind_they_are_listed_under() -> None:
    """dbq/data/distractors.yaml gives verbs, adjectives and adverbs the glossaries lack: each
    must read as its kind, or it would be offered beside the wrong answers."""
    from dbq.assets import data_file

    kinds = {"verb": "verb", "gerund": "noun", "adjective": "adjective", "adverb": "adverb"}
    for listed, definitions in data_file("distractors.yaml").items():
        assert {definition_shape(d) for d in definitions} == {kinds[listed]}, listed


@pytest.mark.parametrize(
    ("term", "definition", "shape"),
    [
        ("pessimistic", "Expecting the worst possible outcome.", "adjective"),
        ("herewith", "(formal) by means of this.", "adverb"),
        ("autonomy", "Self-government: the right of a people to run its own affairs.", "noun"),
        ("overstaying", "Stay too long.", "verb"),
    ],
)
def test_the_kind_of_the_asked_word(term: str, definition: str, shape: str) -> None:
    """Distractors come in the asked word's kind: its ending first, else its definition's form
    (judged-questions-3.md items 6, 9 and 21 were answerable by form)."""
    assert (word_shape(term) or definition_shape(definition)) == shape


def test_generate_false_asks_no_vocabulary_question(sample_workspace: Path) -> None:
    """`generate: false` turns generated questions off, the glossary's vocabulary question
    too ("designate", ¶9, has a built-in definition); the lesson's glossary can ask for it."""
    lesson = LESSON.replace("{choice}", "A demand for the 38th parallel")
    write(sample_workspace / "lessons" / "line.yaml", lesson)
    questions = composed_lesson(sample_workspace, "line").packet.questions
    assert not [q for q in questions if q.stem == "vocabulary:in-context"]
    asked = lesson.replace("generate: false\n", "generate: false\nglossary: {questions: true}\n")
    write(sample_workspace / "lessons" / "line.yaml", asked)
    questions = composed_lesson(sample_workspace, "line").packet.questions
    assert [q for q in questions if q.stem == "vocabulary:in-context"]
