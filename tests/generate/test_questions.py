"""Generated questions on real documents: every skill, a key entry each, line references that
match the printed PDF, determinism, and coverage in `dbq check`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dbq.generate.questions import GeneratedQuestion, skill_coverage
from dbq.prepare.lessons import PreparedLesson, prepare_lesson
from dbq.prepare.lines import number_lines
from dbq.route import Composed
from dbq.workspace.model import SKILLS
from dbq.workspace.sources import load_sources
from tests.conftest import Run, write
from tests.helpers import (
    KENNAN,
    SAMPLE_SOURCE,
    composed_lesson,
    lesson_pages,
    pdf_pages,
    pdf_text,
    squash,
)

KENNAN_ID = "1946-02-22-kennan-to-state"

SEED_LESSON = f"""\
title: "Mao's Telegram to Stalin, November 1951"
course: World History
grades: 9-12
compelling_question: Why were China's leaders willing to accept long armistice talks in Korea?
background: |
  The Korean War began on 25 June 1950, when North Korean forces invaded South Korea.
  In October 1950 Chinese troops entered the war on the side of North Korea.
  Armistice talks opened at Kaesong in July 1951 and resumed at Panmunjom in late October
  1951 while the fighting went on.
documents:
  - source: {SAMPLE_SOURCE}
    excerpt:
      paragraphs: 9-10
  - source: {SAMPLE_SOURCE}
    excerpt:
      paragraphs: 15-17
"""

KENNAN_LESSON = f"""\
title: "Two Secret Telegrams of the Early Cold War"
compelling_question: How did leaders on each side of the Cold War explain the other side's aims?
background: |
  The United States and the Soviet Union fought as allies against Nazi Germany in the Second
  World War, which ended in 1945. In February 1946 the State Department asked its embassy in
  Moscow to explain Soviet policy. In October 1950 Chinese troops entered the Korean War.
line_numbers: true
documents:
  - source: {KENNAN_ID}
    excerpt:
      paragraphs: 31-32
  - source: {SAMPLE_SOURCE}
    excerpt:
      paragraphs: 24-25
"""

AUTHORS = {SAMPLE_SOURCE: "Mao Zedong", KENNAN_ID: "Kennan"}


@pytest.fixture
def accept(workspace: Path, run: Run) -> Path:
    """The seed workspace plus the Kennan telegram, and the two acceptance lessons."""
    result = run("sources", "import", str(KENNAN))
    assert result.exit_code == 0, result.output
    write(workspace / "lessons" / "seed-only.yaml", SEED_LESSON)
    write(workspace / "lessons" / "kennan-and-mao.yaml", KENNAN_LESSON)
    return workspace


def _generated(root: Path, lesson_id: str) -> PreparedLesson:
    sources, problems = load_sources(root)
    assert not problems
    prepared, problems = prepare_lesson(root / "lessons" / f"{lesson_id}.yaml", root, sources)
    assert prepared is not None, problems
    return _composed(root, prepared).prepared


def _composed(root: Path, prepared: PreparedLesson) -> Composed:
    """The lesson as the build composes it: generated, reviewed, refused stems replaced."""
    return composed_lesson(root, prepared.id, prepared)


def _all_questions(prepared: PreparedLesson) -> list[tuple[list[str], GeneratedQuestion]]:
    """(labels of the documents it is about, question) for every question of the lesson."""
    out = [([d.label], q) for d in prepared.documents for q in d.spec.questions]
    labels = [d.label for d in prepared.documents]
    return out + [(list(q.documents or labels), q) for q in prepared.lesson.questions]


@pytest.mark.slow
@pytest.mark.parametrize("lesson_id", ["seed-only", "kennan-and-mao"])
def test_lessons_without_questions_get_every_skill(accept: Path, run: Run, lesson_id: str) -> None:
    result = run("build", lesson_id)
    assert result.exit_code == 0, result.output
    prepared = _generated(accept, lesson_id)
    for label, counts in skill_coverage(prepared).items():
        assert all(counts[skill] >= 1 for skill in SKILLS), (label, counts)
    by_label = {d.label: d for d in prepared.documents}
    out = accept / "output" / lesson_id / lesson_id
    worksheet = _ellipsis(pdf_text(Path(f"{out}-worksheet.pdf")))
    key = _ellipsis(pdf_text(Path(f"{out}-answer-key.pdf")))
    for labels, question in _all_questions(prepared):
        assert isinstance(question, GeneratedQuestion) and question.answer
        # specific, never generic: names its documents' authors or quotes their text
        for label in labels:
            document = by_label[label]
            author = AUTHORS[document.source.id]
            quoted = any(
                squash(e) in squash(document.excerpt.visible_text) for e in question.evidence
            )
            assert author in question.ask or quoted, question.ask
        ask = _plain(question.ask)
        assert ask in worksheet and ask in key
        answer = _plain(question.answer)
        assert answer in key, answer
        assert answer not in worksheet
        for quote in question.evidence:
            assert squash(quote) in key
    sources, _ = load_sources(accept)
    original, _ = prepare_lesson(accept / "lessons" / f"{lesson_id}.yaml", accept, sources)
    assert original is not None
    packet = _composed(accept, original).packet
    generated = [q for q in packet.questions if q.generated]  # vocabulary questions too
    assert key.count("GENERATED — REVIEW") == len(generated) + 1  # + the essay
    assert "GENERATED" not in worksheet.upper() and "TEACHER COPY" not in worksheet.upper()
    assert "Thesis / claim" in key and "Thesis / claim" not in worksheet


def _plain(markdown: str) -> str:
    """A generated Markdown string as the PDF prints it (a line may break after an ellipsis)."""
    return _ellipsis(squash(re.sub(r"\\(.)", r"\1", markdown)))


def _ellipsis(text: str) -> str:
    return text.replace("… ", "…")


def test_generated_questions_are_never_answered_on_the_page(accept: Path) -> None:
    for lesson_id in ("seed-only", "kennan-and-mao"):
        sources, _ = load_sources(accept)
        prepared, _ = prepare_lesson(accept / "lessons" / f"{lesson_id}.yaml", accept, sources)
        assert prepared is not None
        composed = _composed(accept, prepared)
        kinds = {q.type for q in composed.packet.questions}
        assert "short_answer" in kinds
        assert kinds <= {"short_answer", "quote_evidence", "multiple_choice"}
        # nothing dbq wrote fails the review: no leak, later fact, bad reference or cut quote
        assert [f for f in composed.findings if f.origin == "generated"] == []
        for question in composed.packet.questions:
            assert "?" in question.ask, question.ask


def test_generation_is_deterministic_and_never_repeats_a_stem(accept: Path) -> None:
    for lesson_id in ("seed-only", "kennan-and-mao"):
        first, second = _generated(accept, lesson_id), _generated(accept, lesson_id)
        dump = [q.model_dump() for _, q in _all_questions(first)]
        assert dump == [q.model_dump() for _, q in _all_questions(second)]
        stems = [q.stem for _, q in _all_questions(first)]
        assert len(stems) == len(set(stems))
        html = lesson_pages(accept, lesson_id, "v1")
        assert html == lesson_pages(accept, lesson_id, "v1")
        assert "v1" in html["worksheet"]


def _printed_lines(pdf: Path) -> list[str]:
    return [squash(line) for page in pdf_pages(pdf) for line in page.split("\n")]


@pytest.mark.slow
def test_line_references_match_the_printed_pdf(accept: Path, run: Run) -> None:
    assert run("build", "kennan-and-mao").exit_code == 0
    prepared = _generated(accept, "kennan-and-mao")
    printed = _printed_lines(accept / "output/kennan-and-mao/kennan-and-mao-worksheet.pdf")
    referenced = 0
    for document in prepared.documents:
        lines = number_lines(document.excerpt)
        assert len(lines) > 10
        at: dict[int, str] = {}
        for line in lines:
            # every line dbq broke is printed as one line; every fifth carries its number
            marks = {str(line.number)} if line.show_number else set()
            marks |= {f"¶{line.paragraph}"} if line.first and line.paragraph else set()
            hits = [p for p in printed if _unmark(p, marks) == squash(line.text)]
            assert hits, (line.number, line.text)
            at[line.number] = squash(line.text)
        for question in document.spec.questions:
            match = re.search(
                r"lines? (\d+)(?:–(\d+))? of Document " + document.label, question.ask
            )
            if not match:
                continue
            first, last = int(match.group(1)), int(match.group(2) or match.group(1))
            span = " ".join(at[n] for n in range(first, last + 1))
            # the words quoted in the question are on exactly those printed lines
            quoted = re.search(r"“\u2026?(.+?)\u2026?”", question.ask)
            assert quoted, question.ask
            words = squash(quoted.group(1).replace("\\", "")).rstrip(".")
            assert words in span, (question.ask, span)
            assert words not in " ".join(at[n] for n in range(first + 1, last + 1))
            referenced += 1
            if "the sentence that begins" in question.ask:
                continue  # its opening words start the lines cited for the whole sentence
            assert words not in " ".join(at[n] for n in range(first, last))
    assert referenced >= 2
    key = pdf_text(accept / "output/kennan-and-mao/kennan-and-mao-answer-key.pdf")
    assert re.search(r"\(Document A, ¶3\d, lines? \d+", key)


def _unmark(printed: str, marks: set[str]) -> str:
    """A printed line without the line number and paragraph mark pypdf glues to its end.

    Longest mark first: "¶25" also ends with the line number "5" (a set's order varies from
    run to run, which made this test pass or fail by chance)."""
    for _ in range(2):
        for mark in sorted(marks, key=len, reverse=True):
            if printed.endswith(mark):
                printed = printed[: -len(mark)].rstrip()
    return printed


def test_teacher_questions_are_kept_and_gaps_filled(sample_workspace: Path) -> None:
    prepared = _generated(sample_workspace, "mao-armistice-1951")
    sources, _ = load_sources(sample_workspace)
    original, _ = prepare_lesson(
        sample_workspace / "lessons/mao-armistice-1951.yaml", sample_workspace, sources
    )
    assert original is not None
    for before, after in zip(original.documents, prepared.documents, strict=True):
        teacher = before.spec.questions
        assert after.spec.questions[: len(teacher)] == teacher
        assert not any(isinstance(q, GeneratedQuestion) for q in teacher)
        have = {s: sum(q.skill == s for q in teacher) for s in SKILLS}
        for question in after.spec.questions[len(teacher) :]:
            assert have[question.skill] == 0  # only the skills the teacher left out are filled
    assert prepared.lesson.essay == original.lesson.essay  # the teacher's essay is not replaced
    coverage = skill_coverage(prepared)
    assert all(coverage[label][s] >= 1 for label in coverage for s in SKILLS)


def test_generation_can_be_switched_off_and_counted(workspace: Path, run: Run) -> None:
    lesson = SEED_LESSON.replace(
        "documents:", "generate: {sourcing: 1, close_reading: 3, per_document: 5}\ndocuments:"
    )
    lesson = lesson.replace(
        "      paragraphs: 15-17\n", "      paragraphs: 15-17\n    generate: false\n"
    )
    write(workspace / "lessons" / "counted.yaml", lesson)
    prepared = _generated(workspace, "counted")
    coverage = skill_coverage(prepared)
    assert coverage["A"] == {
        "sourcing": 1,
        "contextualization": 1,
        "corroboration": 0,
        "close_reading": 3,
    }
    assert coverage["B"] == dict.fromkeys(SKILLS, 0)
    result = run("check", "counted")
    assert result.exit_code == 0
    assert "Document A: sourcing 1, contextualization 1, corroboration 0, close reading 3" in (
        result.output
    )


def test_check_fails_a_lesson_below_the_workspace_minimum(workspace: Path, run: Run) -> None:
    write(workspace / "dbq.yaml", "minimum_per_skill: {sourcing: 1}\n")
    write(
        workspace / "lessons" / "bare.yaml",
        SEED_LESSON.replace("documents:", "generate: false\ndocuments:"),
    )
    write(workspace / "lessons" / "full.yaml", SEED_LESSON)
    runner_result = run("check")
    assert runner_result.exit_code == 1
    assert (
        "lessons/bare.yaml:12:5: documents[1]: Document A has 0 sourcing question(s); "
        "dbq.yaml requires 1"
    ) in runner_result.output
    full_errors = [
        line
        for line in runner_result.output.splitlines()
        if line.startswith("lessons/full.yaml:")
        and ": warning:" not in line
        and not line.startswith("lessons/full.yaml: ok")
    ]
    assert full_errors == []
    assert run("check", "full").exit_code == 0


def test_bad_generate_settings_are_located(workspace: Path, run: Run) -> None:
    write(
        workspace / "lessons" / "typo.yaml",
        SEED_LESSON.replace("documents:", "generate: {sourcng: 1}\ndocuments:"),
    )
    result = run("check", "typo")
    assert result.exit_code == 1
    assert "lessons/typo.yaml:10:" in result.output and "did you mean `sourcing`" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_scaffolds_print_frames_for_students(accept: Path, run: Run) -> None:
    path = accept / "lessons" / "seed-only.yaml"
    assert run("build", "seed-only").exit_code == 0
    plain = pdf_text(accept / "output/seed-only/seed-only-worksheet.pdf")
    assert "SENTENCE FRAME" not in plain.upper()
    path.write_text(
        SEED_LESSON.replace("documents:", "scaffolds: true\ndocuments:"), encoding="utf-8"
    )
    assert run("build", "seed-only").exit_code == 0
    framed = pdf_text(accept / "output/seed-only/seed-only-worksheet.pdf")
    questions = _all_questions(_generated(accept, "seed-only"))
    assert framed.upper().count("SENTENCE FRAME") == len(questions)
    assert "used the name “Comrade Filippov” because ___" in framed


@pytest.mark.parametrize(
    ("sentence", "filing"),
    [
        # FRUS d0207 (Cochran, Djakarta): routing of papers, once quoted as "Document C claims".
        (
            "Reply dated Sept 27 read from Indo FonOff Oct 6 to Emb note Sept 1 conveying msg "
            "contained Depcirtel 220.",
            True,
        ),
        ("Joint msg to State Defense ECA from Rankin, Chase, Moyer re Deptel 273, Sept 28.", True),
        ("This memorandum is in reply to your memorandum, dated 10 October 1951.", True),
        # FRUS d0119 (Steere): what was done with a numbered paper (judged item 29)
        (
            "Suggestion final para Deptel 2252 June 22 carried out with GOI (Dutt) late June 26 "
            "following talk UKHC.",
            True,
        ),
        ("I have the honor to refer to the Department's instruction No. 12.", True),
        # A claim that cites its papers in brackets is still a claim.
        (
            "Believe Chi Govt reply Oct 12 (text sent Embtel 495, Oct 13) sets stage for adequate "
            "budget control.",
            False,
        ),
        ("We intend to agree to the establishment of monitoring at 1 or 2 border points.", False),
        ("In response to the Chinese offensive, Truman declared a national emergency.", False),
        ("We note that the Soviet reply of 5 October leaves the door open to talks.", False),
        ("I have your letter and your note of 14 November; the Chinese will fight.", False),
        (
            "Our note No. 12 delivered June 26; Nehru replied India will oppose Chinese terms.",
            False,
        ),
        ("The delegates met at the hotel with a cartel of 12 firms and wrote a letter.", False),
    ],
)
def test_sentences_that_only_route_papers_are_not_claims(sentence: str, filing: bool) -> None:
    from dbq.generate.textscan import is_filing

    assert is_filing(sentence) is filing


JCS = """\
---
title: Memorandum by the Joint Chiefs of Staff to the Secretary of Defense (Marshall)
type: memorandum
author_role: The Joint Chiefs of Staff
recipient: Marshall
date: 1951-04-10
place: Washington
classification: Secret
---
The Joint Chiefs of Staff, from the military point of view, have no objection to the
policies proposed in this paper.

They note the omission of any reference to Hong Kong and Macao but understand that the
problem of those two localities is being handled as a separate study.

We believe that the United States should press its allies to curtail trade with the Soviet
bloc, because such trade adds to its war potential.
"""


def test_a_plural_author_gets_plural_verbs(workspace: Path) -> None:
    """'the Joint Chiefs of Staff were writing', never 'was' (FRUS d0278)."""
    write(workspace / "sources" / "1951-04-10-jcs-to-marshall.md", JCS)
    lesson = "title: JCS\ndocuments:\n  - source: 1951-04-10-jcs-to-marshall\n"
    write(workspace / "lessons" / "jcs.yaml", lesson + "    excerpt: {paragraphs: 1-3}\n")
    prepared = _generated(workspace, "jcs")
    composed = _composed(workspace, prepared)
    texts = [f"{q.ask} {q.answer} {q.frame or ''}" for q in composed.packet.questions]
    context = composed.packet.context
    assert context is not None
    texts += [p.text for d in context.lesson.documents for p in d.prompts]
    joined = " ".join(texts)
    assert "the Joint Chiefs of Staff" in joined
    singular = r"\b(?:is|was|has|does) the Joint Chiefs of Staff\b(?!['’])"
    singular += r"|Joint Chiefs of Staff (?:is|was|has|does|writes|says|uses|means)\b"
    assert not re.search(singular, joined, re.I), joined


def test_office_authors_take_the_article_and_the_verb_they_need() -> None:
    from dbq.generate.facts import agree, is_plural
    from dbq.prepare.sourceline import with_article

    assert with_article("Governor of Hong Kong") == "the Governor of Hong Kong"
    assert with_article("High Commissioner for Germany") == "the High Commissioner for Germany"
    scap = with_article("Supreme Commander for the Allied Powers")
    assert scap == "the Supreme Commander for the Allied Powers" and not is_plural(scap)
    assert not is_plural("Francis Gary Powers") and is_plural("the Joint Chiefs of Staff")
    assert agree("What is {author} saying?", scap) == "What is {author} saying?"


def test_no_question_asks_about_an_everyday_word_or_a_name() -> None:
    """Issue 20: what does "information" mean (no 10th grader needs it); what does "Rusk"
    most nearly mean (a name opening a sentence, glossed as a slice of bread)."""
    from dbq.generate.facts import asked_word
    from dbq.generate.glossary import builtin_tables
    from dbq.generate.termtables import GlossEntry
    from dbq.generate.vocab_question import vocab_question

    assert asked_word(["information", "demarcation"]) == "demarcation"
    assert asked_word(["information", "negotiations"]) is None
    assert asked_word(["Rusk", "Kaesong"]) is None

    def entry(term: str, surface: str, definition: str) -> GlossEntry:
        return GlossEntry(
            term,
            definition,
            "built-in glossary",
            "term",
            "A",
            3,
            2.0,
            False,
            surface=surface,
            senses=1,
        )

    tables = builtin_tables()
    bread = "Slice of sweet raised bread baked again until brown and hard."
    assert vocab_question([entry("rusk", "rusk", bread)], tables) is not None  # a word: asked
    assert vocab_question([entry("rusk", "Rusk", bread)], tables) is None  # a name: never


@pytest.mark.parametrize(
    ("quote", "sentence", "cue", "before", "worth"),
    [
        # FRUS d0110 (Steere): a conditional cut before the clause it depends on
        (
            "However, if it shld subsequently develop Dalai Lama and followers cld not remain "
            "India or Ceylon",
            "However, if it shld subsequently develop Dalai Lama and followers cld not remain "
            "India or Ceylon, Dept wld consider their admission to US.",
            "",
            "",
            False,
        ),
        # A "he" nobody names: first in its excerpt, and short
        ("If necessary, he could go to Washington.", "", "", "", False),
        # … named in the sentence before it in the excerpt: fine, were it long enough
        (
            "They will insist on the present line of the front as the demarcation line.",
            "They will insist on the present line of the front as the demarcation line.",
            "insist",
            "The Americans have answered our proposal.",
            True,
        ),
        # The seed: a whole sentence with a cue
        (
            "It is possible that the Americans will oppose this at the beginning.",
            "It is possible that the Americans will oppose this at the beginning.",
            "",
            "",
            True,
        ),
    ],
)
def test_quotes_that_stand_in_a_question(
    quote: str, sentence: str, cue: str, before: str, worth: bool
) -> None:
    from dbq.generate.textscan import is_worth_quoting

    assert is_worth_quoting(quote, sentence or quote, cue, before) is worth
