"""Vocabulary glossaries: finding terms, defining them in precedence order, marking and printing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from dbq.generate.glossary import make_glossary
from dbq.generate.vocabulary import LessonGlossary, rank_score
from dbq.prepare.lessons import prepare_lesson
from dbq.text.readability import grade_band, reading_load, syllables
from dbq.text.terms import lemma, term_key
from dbq.workspace.glossaries import builtin_glossary, load_glossaries
from dbq.workspace.model import Lesson
from dbq.workspace.settings import load_settings
from dbq.workspace.sources import load_sources
from tests.conftest import Run, write
from tests.helpers import KENNAN, REPO, SAMPLE_SOURCE, STEERE, STEERE_ID, pdf_text, squash

TEST_WORDNET = REPO / "tests" / "data" / "wordnet"
SYSTEM_WORDNET = Path("/usr/share/wordnet")

ACCEPTANCE = f"""\
title: The demarcation line and monitoring
grades: 9-12
documents:
  - source: {SAMPLE_SOURCE}
    excerpt:
      paragraphs: 9-10
  - source: {SAMPLE_SOURCE}
    excerpt:
      paragraphs: 13-15
"""


@pytest.fixture(autouse=True)
def test_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees the same small WordNet, whatever the machine has installed."""
    monkeypatch.setenv("WNSEARCHDIR", str(TEST_WORDNET))


def glossary_of(root: Path, lesson_id: str) -> LessonGlossary:
    """The generator's result for a lesson, through the real loaders."""
    settings = load_settings(root)
    sources, _ = load_sources(root)
    prepared, problems = prepare_lesson(root / "lessons" / f"{lesson_id}.yaml", root, sources)
    assert prepared is not None, problems
    return make_glossary(prepared, settings, load_glossaries(root, settings))


def terms(glossary: LessonGlossary, label: str | None = None) -> dict[str, object]:
    docs = [d for d in glossary.documents if label in (None, d.label)]
    return {e.term: e for d in docs for e in d.entries}


def bold_runs(pdf: Path) -> list[str]:
    """Text drawn in a bold font, page by page, as pypdf reports it."""
    runs: list[str] = []

    def visit(text, cm, tm, font, size) -> None:  # noqa: ANN001 - pypdf's visitor signature
        if font and "Bold" in str(font.get("/BaseFont")) and text.strip():
            runs.append(text.strip())

    for page in PdfReader(str(pdf)).pages:
        page.extract_text(visitor_text=visit)
    # A glossary term and the ": " after it (CSS ::after) are two runs in a tagged PDF
    joined: list[str] = []
    for run in runs:
        if run == ":" and joined:
            joined[-1] += ":"
        else:
            joined.append(run)
    return joined


def out(root: Path, lesson_id: str, kind: str) -> Path:
    return root / "output" / lesson_id / f"{lesson_id}-{kind}.pdf"


# --- Acceptance: the seed and Kennan -----------------------------------------------------


@pytest.mark.slow
def test_seed_demarcation_and_monitoring_glossary(workspace: Path, run: Run) -> None:
    write(workspace / "lessons" / "acc.yaml", ACCEPTANCE)
    result = run("build", "acc")
    assert result.exit_code == 0, result.output
    key = pdf_text(out(workspace, "acc", "answer-key"))
    worksheet = pdf_text(out(workspace, "acc", "worksheet"))
    for text in (key, worksheet):
        assert "demarcation line: The line dividing the ground held by each side" in text
        assert "buffer zone: A strip of land between two opposing armies" in text
        assert "Kaesong: A Korean city just south of the 38th parallel" in text
        assert "Filippov: A cover name used for Joseph Stalin" in text
        assert "cessation of military operations: A stop to the fighting" in text
    glossary = glossary_of(workspace, "acc")
    found = {t.lower() for t in terms(glossary)}
    assert {"demarcation line", "buffer zone", "kaesong", "filippov"} <= found
    assert found & {"armistice", "cessation", "cessation of military operations"}
    assert not found & {"question", "present", "line", "the", "negotiations", "enemy", "troops"}
    assert terms(glossary)["Kaesong"].origin == "built-in glossary"


def test_kennan_excerpt_finds_and_defines_cold_war_terms(workspace: Path, run: Run) -> None:
    assert run("sources", "import", str(KENNAN), "--id", "kennan").exit_code == 0
    write(
        workspace / "lessons" / "kennan.yaml",
        """\
title: The Long Telegram
grades: 11-12
documents:
  - source: kennan
    excerpt:
      from: "USSR still lives in antagonistic"
      to: "no permanent peaceful coexistence."
  - source: kennan
    excerpt:
      from: "Experience has shown that peaceful"
      to: "entirely possible."
""",
    )
    result = run("build", "kennan")
    assert result.exit_code == 0, result.output
    key = pdf_text(out(workspace, "kennan", "answer-key"))
    assert "capitalist encirclement: The Soviet belief that the Soviet Union was surrounded" in key
    assert "peaceful coexistence: Capitalist and Communist countries living side by side" in key
    assert "USSR (Soviet Union): The Communist state (1922\u20131991)" in key
    glossary = glossary_of(workspace, "kennan")
    found = set(terms(glossary, "A"))
    assert {"capitalist encirclement", "peaceful coexistence", "USSR (Soviet Union)"} <= found
    # Document B's single word "coexistence" is asked about in context instead of glossed.
    question = glossary.document("B").question
    assert question is not None and '"coexistence" most nearly mean?' in question.ask
    assert question.choices[question.correct].startswith("Existing side by side")


# --- Where definitions come from -------------------------------------------------------


PRECEDENCE = f"""\
title: Precedence
glossary:
  questions: false
documents:
  - source: {SAMPLE_SOURCE}
    excerpt:
      paragraphs: 9-10
vocabulary:
  - Kaesong: The lesson's own words for Kaesong.
  - demarcation line
"""

WORKSPACE_GLOSSARY = """\
terms:
  - term: Kaesong
    definition: The workspace's words for Kaesong.
  - term: buffer zone
    definition: The workspace's words for a buffer zone. <script>alert(1)</script>
"""


@pytest.mark.slow
def test_definitions_come_from_the_first_source_that_has_one(workspace: Path, run: Run) -> None:
    write(workspace / "lessons" / "prec.yaml", PRECEDENCE)
    write(workspace / "glossary.yaml", WORKSPACE_GLOSSARY)
    found = terms(glossary_of(workspace, "prec"))
    assert found["Kaesong"].definition == "The lesson's own words for Kaesong."
    assert found["Kaesong"].origin == "lesson"
    assert found["buffer zone"].origin == "workspace glossary"
    # Listed without a definition: the lesson's term, the built-in glossary's words.
    assert found["demarcation line"].origin == "built-in glossary"
    assert found["demarcation line"].listed
    assert found["contiguous"].definition == "Touching along a side or boundary (test gloss)."
    assert found["contiguous"].origin == "WordNet 3.0"

    assert run("build", "prec", "--html").exit_code == 0
    key = pdf_text(out(workspace, "prec", "answer-key"))
    worksheet = pdf_text(out(workspace, "prec", "worksheet"))
    assert "[lesson, ¶9]" in key and "[workspace glossary, ¶9]" in key
    assert "[WordNet 3.0, ¶10]" in key
    # The built-in "demarcation line" tells of the 1953 armistice: the worksheet of a 1951
    # telegram prints only its first sentence, and the key says so.
    assert (
        "The 1953 armistice made the front line of that day the Military Demarcation Line "
        "between North and South Korea. [built-in glossary, ¶9; tells of events after the "
        "document: the worksheet prints “The line dividing the ground held by each side when "
        "the fighting stops.”]"
    ) in key
    assert "The line dividing the ground held by each side when the fighting stops." in worksheet
    assert "1953" not in worksheet
    assert "built-in glossary" not in worksheet and "WordNet" not in worksheet
    html = (workspace / "output/prec/prec-worksheet.html").read_text()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    (workspace / "glossary.yaml").unlink()
    found = terms(glossary_of(workspace, "prec"))
    assert found["buffer zone"].origin == "built-in glossary"


def test_fresh_install_defines_from_the_shipped_wordnet(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No WordNet on the machine: the subset shipped in dbq/data defines the hard words."""
    monkeypatch.delenv("WNSEARCHDIR")
    write(workspace / "lessons" / "prec.yaml", PRECEDENCE + "  - contiguous\n")
    found = terms(glossary_of(workspace, "prec"))
    # the teacher lists it: the commonest of its 3 senses, to check (none is printed for a
    # word only found in the text: the sentence does not show which it means)
    assert found["contiguous"].origin == "WordNet 3.0" and found["contiguous"].senses == 3
    assert found["contiguous"].definition == "Very close or connected in space or time."
    result = run("build", "prec")
    assert result.exit_code == 0, result.output
    assert "WordNet" not in result.output  # nothing to install, nothing to say


@pytest.mark.slow
def test_unusable_wnsearchdir_says_so_once_and_uses_the_shipped_wordnet(
    workspace: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-wordnet"
    empty.mkdir()
    monkeypatch.setenv("WNSEARCHDIR", str(empty))
    write(workspace / "lessons" / "acc.yaml", ACCEPTANCE)
    write(workspace / "lessons" / "prec.yaml", PRECEDENCE)
    result = run("build")
    assert result.exit_code == 0, result.output
    assert result.output.count(f"WNSEARCHDIR names {empty}") == 1
    assert out(workspace, "prec", "worksheet").is_file()
    # the shipped WordNet was read: it knows the 3 senses of "contiguous", none of which the
    # sentence shows, so the word is left to the teacher
    missing = {e.term: e for d in glossary_of(workspace, "prec").documents for e in d.missing}
    assert missing["contiguous"].senses == 3


def test_dictionary_off_leaves_words_undefined_and_check_says_what_to_add(
    workspace: Path, run: Run
) -> None:
    lesson = PRECEDENCE.replace("  questions: false\n", "  questions: false\n  wordnet: false\n")
    write(workspace / "lessons" / "prec.yaml", lesson)
    check = run("check")
    assert check.exit_code == 0, check.output
    assert re.search(
        r"lessons/prec\.yaml:\d+:\d+: warning: documents\[1\]\.excerpt: \"contiguous\" \(¶10\) "
        r"needs a definition; add it to glossary\.yaml under `terms:` as "
        r"  - \{term: \"contiguous\", definition: \"\.\.\.\"\}",
        check.output,
    ), check.output
    assert "contiguous" not in terms(glossary_of(workspace, "prec"))


@pytest.mark.skipif(not (SYSTEM_WORDNET / "index.noun").is_file(), reason="no system WordNet")
def test_reads_an_installed_wordnet(monkeypatch: pytest.MonkeyPatch) -> None:
    from dbq.text.wordnet import find_wordnet

    monkeypatch.setenv("WNSEARCHDIR", str(SYSTEM_WORDNET))
    wordnet = find_wordnet()
    assert wordnet is not None and wordnet.name.startswith("WordNet 3")
    assert "peace" in (wordnet.define(["armistice"]) or "")
    assert wordnet.define(["buffer zone"])  # multi-word lemmas too
    assert wordnet.define(["Filippov"]) is None


def test_workspace_glossary_mistakes_are_located(workspace: Path, run: Run) -> None:
    write(workspace / "lessons" / "acc.yaml", ACCEPTANCE)
    write(
        workspace / "glossary.yaml",
        """\
terms:
  - term: Kaesong
    definition: A city.
  - term: buffer zone
  - term: kaesong
    definition: Again.
    colour: red
""",
    )
    result = run("check")
    assert result.exit_code == 1
    assert "glossary.yaml:4:5: terms[2].definition: `definition` is required; add it" in (
        result.output
    )
    assert "glossary.yaml:7:5: terms[3].colour: unknown key `colour`" in result.output
    write(
        workspace / "glossary.yaml",
        "terms:\n  - term: Kaesong\n    definition: A city.\n"
        "  - term: kaesong\n    definition: Again.\n",
    )
    result = run("check")
    assert result.exit_code == 1
    assert 'glossary.yaml:4:11: terms[2].term: "kaesong" is already defined on line 2' in (
        result.output
    )
    assert run("build").exit_code == 1


# --- Finding terms ---------------------------------------------------------------------


def test_inflected_forms_are_one_term(workspace: Path, run: Run) -> None:
    assert lemma("reinforcements") == lemma("reinforcement") == "reinforcement"
    assert lemma("economizing") == lemma("economized") == "economize"
    assert lemma("news") == "news" and lemma("glass") == "glass"
    assert [lemma(w) for w in ("uses", "tries", "armies", "stopped", "Stalin's")] == [
        "use",
        "try",
        "army",
        "stop",
        "stalin",
    ]
    assert term_key("prisoners of war") == term_key("Prisoner of War")
    write(
        workspace / "sources" / "drill.md",
        "---\ntitle: Drill\n---\nThe reinforcements arrived late, and the prisoners of war "
        "waited.\n\nA second reinforcement came; one prisoner of war escaped.\n",
    )
    write(
        workspace / "lessons" / "drill.yaml",
        "title: Drill\nglossary: {questions: false}\ndocuments:\n"
        "  - source: drill\n    excerpt: {paragraphs: 1-2}\n",
    )
    write(
        workspace / "glossary.yaml",
        "terms:\n  - term: prisoner of war\n    definition: A captured soldier.\n",
    )
    found = terms(glossary_of(workspace, "drill"))
    assert list(found) == ["reinforcements", "prisoner of war"]
    assert found["prisoner of war"].origin == "workspace glossary"
    assert found["prisoner of war"].surface == "prisoners of war"
    assert run("build", "drill", "--html").exit_code == 0
    html = (workspace / "output" / "drill" / "drill-worksheet.html").read_text()
    marks = re.findall(r'<strong class="term">([^<]*)</strong>', html)
    assert marks == ["reinforcements", "prisoners of war"]  # first occurrences only


@pytest.mark.slow
def test_first_occurrences_are_bold_in_the_pdf(workspace: Path, run: Run) -> None:
    write(workspace / "lessons" / "acc.yaml", ACCEPTANCE)
    assert run("build", "acc").exit_code == 0
    runs = bold_runs(out(workspace, "acc", "worksheet"))
    excerpt_marks = [r for r in runs if not r.endswith(":")]
    # ¶9-10 say "demarcation line" four times; only the first is marked.
    assert excerpt_marks.count("demarcation line") == 1
    assert excerpt_marks.count("buffer zone") == 1
    assert "demarcation line:" in runs  # the glossary box's entry
    assert excerpt_marks.index("demarcation line") < excerpt_marks.index("buffer zone")


@pytest.mark.slow
def test_marks_survive_cuts_and_editor_glosses(sample_workspace: Path) -> None:
    from click.testing import CliRunner

    from dbq.cli import main

    result = CliRunner().invoke(main, ["-C", str(sample_workspace), "build", "--html"])
    assert result.exit_code == 0, result.output
    html = sample_workspace / "output/mao-armistice-1951/mao-armistice-1951-worksheet.html"
    text = html.read_text()
    assert "contiguous</strong>" not in text  # the editor glossed it: [touching]
    assert '<span class="gloss">[touching]</span>' in text
    assert '<strong class="term">demarcation line</strong>' in text
    worksheet = pdf_text(html.with_suffix(".pdf"))
    assert "[. . .]" in worksheet and "[touching]" in worksheet
    assert "Vocabulary for Document A".upper() in worksheet.upper()


def test_limit_keeps_the_hardest_terms_in_text_order(workspace: Path) -> None:
    write(workspace / "lessons" / "acc.yaml", ACCEPTANCE)
    every = glossary_of(workspace, "acc").document("A")
    write(
        workspace / "lessons" / "acc.yaml",
        ACCEPTANCE.replace("grades: 9-12\n", "grades: 9-12\nglossary: {max_terms: 3}\n"),
    )
    few = glossary_of(workspace, "acc").document("A")
    assert every is not None and few is not None
    # Three hard words chosen: in the box, or asked about in the vocabulary-in-context
    # question. The people named (Mao Zedong, Stalin) and the abbreviations of the trade have
    # as many places again, apart (issue 21): they crowd out no hard word.
    entries = [*few.entries, *([few.question.entry] if few.question else [])]
    chosen = {e.term for e in entries if e.kind != "person" and not e.always}
    people = {e.term for e in entries if e.kind == "person"}
    assert len(chosen) == 3 and len(few.entries) < len(every.entries)
    assert people and len(people) <= 3
    left_out = [e for e in every.entries if e.term not in chosen | people and e.paragraph]
    score = lambda e: rank_score(e.difficulty, e.origin, e.count)  # noqa: E731
    least_hard_chosen = max(score(e) for e in few.entries if e.paragraph and e.term in chosen)
    assert left_out and all(score(e) >= least_hard_chosen for e in left_out)
    assert [e.paragraph for e in few.entries if e.paragraph] == sorted(
        e.paragraph for e in few.entries if e.paragraph
    )


@pytest.mark.slow
def test_one_glossary_per_lesson_and_generation_off(workspace: Path, run: Run) -> None:
    lesson = ACCEPTANCE.replace("grades: 9-12\n", "grades: 9-12\nglossary: {placement: lesson}\n")
    write(workspace / "lessons" / "acc.yaml", lesson)
    assert run("build", "acc").exit_code == 0
    worksheet = pdf_text(out(workspace, "acc", "worksheet"))
    assert "VOCABULARY FOR DOCUMENT" not in worksheet.upper()
    assert worksheet.index("Kaesong: A Korean city") < worksheet.index("Document A")

    lesson = ACCEPTANCE.replace(
        "grades: 9-12\n", "grades: 9-12\nglossary: {generate: false}\nvocabulary: [buffer zone]\n"
    )
    write(workspace / "lessons" / "acc.yaml", lesson)
    glossary = glossary_of(workspace, "acc")
    assert list(terms(glossary)) == ["buffer zone"]
    assert terms(glossary)["buffer zone"].origin == "built-in glossary"


# --- The vocabulary-in-context question ------------------------------------------------


@pytest.mark.slow
def test_vocabulary_in_context_question(workspace: Path, run: Run) -> None:
    write(workspace / "lessons" / "acc.yaml", ACCEPTANCE)
    glossary = glossary_of(workspace, "acc")
    question = glossary.document("B").question
    assert question is not None
    assert question.ask == 'As used in ¶14, what does "reinforcements" most nearly mean?'
    assert question.choices[question.correct].startswith("Extra troops, weapons or supplies")
    assert len(set(question.choices)) == 4
    assert "reinforcements" not in terms(glossary, "B")  # the box would give it away
    assert glossary_of(workspace, "acc").document("B").question == question  # deterministic

    assert run("build", "acc", "--html").exit_code == 0
    worksheet = pdf_text(out(workspace, "acc", "worksheet"))
    key = pdf_text(out(workspace, "acc", "answer-key"))
    # one vocabulary question per lesson is printed: the first document's that has one
    printed = next(d.question for d in glossary.documents if d.question is not None)
    assert worksheet.count("most nearly mean?") == 1
    assert f"{printed.ask} [1]" in worksheet
    letter = "ABCD"[printed.correct]
    assert f"CORRECT {letter}. {printed.choices[printed.correct][:20]}" in squash(key)
    assert "CORRECT" not in worksheet.upper()
    first = (workspace / "output/acc/acc-answer-key.html").read_text()
    assert run("build", "acc", "--html").exit_code == 0
    assert (workspace / "output/acc/acc-answer-key.html").read_text() == first


# --- Reading load ----------------------------------------------------------------------


def test_readability_figures() -> None:
    words = ("the", "table", "armistice", "demarcation", "makes")
    assert [syllables(w) for w in words] == [1, 2, 3, 4, 1]
    load = reading_load(["The cat sat on the mat."])
    assert (load.words, load.sentences, load.syllables, load.grade) == (6, 1, 6, -1.4)
    load = reading_load(["Containment is a policy. It was argued by Kennan."])
    # 0.39 * 9/2 + 11.8 * 15/9 - 15.59 = 5.83
    assert (load.words, load.sentences, load.syllables, load.grade) == (9, 2, 15, 5.8)
    assert reading_load(["Gen. Ridgway met No. 5 at 9 a.m. today."]).sentences == 1
    assert grade_band("9-12") == (9, 12) and grade_band("K-5") == (0, 5)
    assert grade_band(None) == (9, 12)


@pytest.mark.slow
def test_reading_load_in_key_and_check(workspace: Path, run: Run) -> None:
    lesson = ACCEPTANCE.replace("grades: 9-12\n", "grades: 6-8\nglossary: {max_words: 180}\n")
    write(workspace / "lessons" / "acc.yaml", lesson)
    glossary = glossary_of(workspace, "acc")
    a = glossary.document("A").reading
    result = run("check", "acc")
    assert result.exit_code == 0, result.output  # warnings do not fail a check
    assert f"Document A: {a.words} words, Flesch-Kincaid grade {a.grade:.1f}" in result.output
    assert re.search(
        r"lessons/acc\.yaml:6:5: warning: documents\[1\]\.excerpt: Document A reads at grade "
        r"[\d.]+, above the lesson's grades 6-8",
        result.output,
    )
    assert f"Document A is {a.words} words, more than 180" in result.output
    assert run("build", "acc").exit_code == 0
    key = pdf_text(out(workspace, "acc", "answer-key"))
    assert f"Reading load {a.words} words · Flesch–Kincaid grade {a.grade:.1f}".upper() in (
        key.upper()
    )
    assert "READING LOAD" not in pdf_text(out(workspace, "acc", "worksheet")).upper()


# --- The built-in glossary and the schema ------------------------------------------------


def test_builtin_glossary_is_complete_and_consistent() -> None:
    entries = builtin_glossary()
    assert len(entries) >= 60
    keys = [term_key(s) for e in entries for s in [e.term, *e.forms]]
    assert len(keys) == len(set(keys)), "a term or form is defined twice"
    for entry in entries:
        assert entry.definition.strip().endswith((".", ".)")), entry.term
        assert "  " not in entry.definition, entry.term


def test_schema_describes_glossary_settings() -> None:
    schema = Lesson.model_json_schema(by_alias=True)
    options = schema["$defs"]["GlossaryOptions"]["properties"]
    assert {"generate", "placement", "max_terms", "rare_below", "questions", "max_words"} <= set(
        options
    )
    assert all(field.get("description") for field in options.values())


# --- The pure generator ------------------------------------------------------------------


def test_generator_is_pure_and_cuts_break_phrases() -> None:
    from dbq.generate.vocabulary import (
        BUILTIN,
        DocumentInput,
        TermTable,
        generate_glossary,
    )
    from dbq.prepare.excerpts import Passage, Segment
    from dbq.workspace.model import GlossaryOptions

    passages = [
        Passage(
            3,
            [
                Segment("text", "They argued over the demarcation"),
                Segment("cut", "[. . .]"),
                Segment("text", "line of the front, and the buffer zone near Kaesong."),
            ],
        )
    ]
    tables = [
        TermTable.from_vocabulary([]),
        TermTable.from_glossary("workspace glossary", []),
        TermTable.from_glossary(BUILTIN, list(builtin_glossary())),
    ]
    options = GlossaryOptions(questions=False)
    glossary = generate_glossary([DocumentInput("A", passages)], tables, None, options, "9-12")
    found = [e.term for e in glossary.documents[0].entries]
    assert found == ["buffer zone", "Kaesong"]  # no "demarcation line" across the cut
    assert [m.term for m in glossary.documents[0].missing] == ["demarcation"]
    marked = glossary.documents[0].passages[0].segments
    assert [s.kind for s in marked] == ["text", "cut", "text", "term", "text", "term", "text"]
    assert passages[0].segments[2].kind == "text"  # the input is not changed
    again = generate_glossary([DocumentInput("A", passages)], tables, None, options, "9-12")
    assert again == glossary


def test_lesson_settings_override_the_workspace_ones(workspace: Path) -> None:
    write(workspace / "dbq.yaml", "glossary:\n  max_terms: 2\n  questions: false\n")
    lesson = ACCEPTANCE.replace("grades: 9-12\n", "grades: 9-12\nglossary: {placement: lesson}\n")
    write(workspace / "lessons" / "acc.yaml", lesson)
    glossary = glossary_of(workspace, "acc")
    assert glossary.placement == "lesson"
    # two hard words each; document A also names two people, who have places of their own
    hard = [[e for e in d.entries if e.kind != "person"] for d in glossary.documents]
    assert [len(h) for h in hard] == [2, 2]
    assert all(d.question is None for d in glossary.documents)


def test_dictionary_sense_fits_the_part_of_speech() -> None:
    from dbq.text.terms import parts_of_speech
    from dbq.text.wordnet import find_wordnet

    wordnet = find_wordnet()
    assert wordnet is not None and wordnet.name == "WordNet 3.0"
    assert parts_of_speech("incline", "to") == ("verb",)
    assert parts_of_speech("sidetracking") == ("verb", "adj")
    assert parts_of_speech("incline", "the") == ("noun", "adj")
    # Without a hint the most frequent sense wins: the noun, tagged more often here.
    assert wordnet.define(["incline"]) == "A slope, as of a hill (test gloss)."
    assert wordnet.define(["incline"], ("verb",)).startswith("Lean toward an opinion")
    assert wordnet.senses(["incline"]) == 2 and wordnet.senses(["incline"], ("verb",)) == 1
    # No sense in the text's part of speech: no guess from another one (issue 21, item 2);
    # the word is left to the teacher ("augurs well" is no Roman priest).
    assert wordnet.define(["contiguous"], ("verb",)) is None
    assert wordnet.define(["contiguous"]).startswith("Touching")


def test_a_drafted_lesson_still_hears_which_words_need_a_definition(
    workspace: Path, run: Run
) -> None:
    """`generate: drafted` prints only the lesson's own entries, but check still names the gaps."""
    lesson = PRECEDENCE.replace("  questions: false\n", "  questions: false\n  wordnet: false\n")
    write(workspace / "lessons" / "prec.yaml", lesson + "generate: drafted\n")
    check = run("check", "prec")
    assert check.exit_code == 0, check.output
    assert re.search(r'"contiguous" \(¶10\) needs a definition', check.output), check.output
    glossary = terms(glossary_of(workspace, "prec"))
    assert "contiguous" not in glossary and "Kaesong" in glossary  # still only its own entries


def test_a_term_written_as_the_glossary_prints_it_is_found_by_its_form(
    workspace: Path,
) -> None:
    """`dbq draft` writes "Dept (State Department)": the lesson's entry must find "Dept"."""
    write(workspace / "sources" / f"{STEERE_ID}.md", STEERE)
    lesson = f"""\
title: Wool
generate: drafted
documents:
  - source: {STEERE_ID}
    excerpt: {{paragraphs: 1}}
vocabulary:
  - {{term: "Dept (State Department)", definition: "The State Department in Washington."}}
"""
    write(workspace / "lessons" / "wool.yaml", lesson)
    glossary = glossary_of(workspace, "wool")
    found = {term: e.definition for term, e in terms(glossary, "A").items()}  # type: ignore[attr-defined]
    assert found == {"Dept (State Department)": "The State Department in Washington."}
    assert glossary.unplaced == []  # not printed a second time as a word no excerpt uses


def test_a_name_is_never_glossed_as_the_dictionarys_famous_person() -> None:
    """Issue 21: the Meade of a 1951 memorandum (a British Embassy counselor) was glossed as
    the economist, and its author Popper as the philosopher."""
    from dbq.text.wordnet import is_biography, shipped_wordnet

    wordnet = shipped_wordnet()
    assert wordnet is not None
    assert wordnet.define(["Meade"], (), "Mr. Meade showed us a copy", name=True) is None
    assert wordnet.define(["Popper"], (), "", name=True) is None
    assert is_biography("English economist noted for his studies of trade (1907-1995)")
    assert not is_biography("A city in western Korea near the 38th parallel")
    assert wordnet.define(["embargo"], ("noun",)) is not None  # common words still defined


def test_a_sense_that_defines_a_word_by_itself_is_left_to_the_teacher() -> None:
    """Issue 21: "stabilization: The act of stabilizing something"; "summarize: Give a
    summary (of)"."""
    from dbq.text.terms import is_circular
    from dbq.text.wordnet import shipped_wordnet

    assert is_circular("stabilization", "The act of stabilizing something.")
    assert is_circular("summarize", "Give a summary (of).")
    # the stem ends before the shared letters do: impos|ition, impos|ing
    assert is_circular("imposition", "The act of imposing something.")
    assert not is_circular("imposition", "An uncalled-for burden.")
    assert not is_circular("milit", "Military.")  # an abbreviation spelled out
    assert not is_circular("capitalist", "Having to do with capitalism; in Soviet language, …")
    assert not is_circular("Stalin", "Joseph Stalin (1878–1953), leader of the Soviet Union.")
    wordnet = shipped_wordnet()
    assert wordnet is not None
    context = "will summarize the position of the British Government"
    assert wordnet.define(["summarize"], ("verb",), context) is None


def test_a_circular_definition_in_a_glossary_is_a_warning(workspace: Path, run: Run) -> None:
    """A hand-made bad entry: the review says so (G003), a phrase is not judged."""
    vocabulary = (
        "vocabulary:\n"
        "  - {term: designate, definition: To designate something.}\n"
        "  - {term: demarcation line, definition: A line of demarcation.}\n"
    )
    write(workspace / "lessons" / "circ.yaml", ACCEPTANCE + vocabulary)
    check = run("check", "circ")
    warnings = [line for line in check.output.splitlines() if line.endswith("[G003]")]
    assert len(warnings) == 1, check.output
    assert '"designate" is defined by itself ("To designate something.")' in warnings[0]


def test_a_definition_of_another_part_of_speech_is_a_warning(workspace: Path, run: Run) -> None:
    """A hand-made bad entry: "to designate it" defined as a noun; the review says so (G005)."""
    vocabulary = (
        "vocabulary:\n"
        "  - {term: designate, definition: A person named to an office who has not taken it up.}\n"
        "  - {term: cessation, definition: A stopping or ending.}\n"
    )
    write(workspace / "lessons" / "pos.yaml", ACCEPTANCE + vocabulary)
    check = run("check", "pos")
    warnings = [line for line in check.output.splitlines() if line.endswith("[G005]")]
    assert len(warnings) == 1, check.output
    assert '"designate" (¶9) is used as a verb there, but its definition is a noun' in warnings[0]


def test_check_tells_the_teacher_which_words_have_senses_the_text_does_not_show(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No guess printed: `dbq check` names the word, its paragraph and how many senses."""
    monkeypatch.delenv("WNSEARCHDIR")  # the WordNet dbq ships
    source = STEERE.replace(
        "Effect foregoing procedure would be to keep wool from going to China.",
        "The Treasury will prune severely the budget for wool purchases.",
    )
    write(workspace / "sources" / "prune.md", source)
    lesson = "title: Wool\ngrades: 9-12\ndocuments:\n  - source: prune\n    excerpt:\n"
    write(workspace / "lessons" / "wool.yaml", lesson + '      paragraphs: "1-2"\n')
    result = run("check", "wool")
    assert (
        '"prune" (¶2) has 2 dictionary senses and the text does not show which; add the one '
        "it means to glossary.yaml under `terms:`"
    ) in " ".join(result.output.split()), result.output
    assert "G001" in result.output


CABLE_ID = "1948-10-29-massey-to-external-affairs"
# An Australian cable of 1948 (DFAT, vol. 13, doc. 292, abridged): the period's offices and
# places, and a Dutch general the who's who dates.
CABLE = """\
---
title: Cablegram 611, Massey to Department of External Affairs
type: cablegram
author: Massey
recipient: Department of External Affairs
date: 1948-10-29
place: Singapore
---
At Joint Intelligence Committee meeting yesterday, the Chairman read a top secret telegram \
from the Foreign Office on the continued stalemate in Indonesia.

The Dutch, with General Spoor, are going ahead to form an interim government, and \
Jogjakarta may be taken; reparations are not in question.
"""


def test_the_period_s_offices_places_and_people_in_a_built_worksheet(
    workspace: Path, run: Run
) -> None:
    """Issue 21: offices, places and people of the period are explained, as they stood at
    the document's date (Jogjakarta's fall in December 1948 is kept from an October cable)."""
    write(workspace / "sources" / f"{CABLE_ID}.md", CABLE)
    lesson = f"""\
title: The Dutch and the Republic
grades: 9-12
documents:
  - source: {CABLE_ID}
    excerpt: {{paragraphs: 1-2}}
    questions:
      - {{ask: "What did the Foreign Office fear?", answer: "A Dutch offensive."}}
"""
    write(workspace / "lessons" / "jic.yaml", lesson)
    result = run("build", "jic")
    assert result.exit_code == 0, result.output
    worksheet = pdf_text(out(workspace, "jic", "worksheet"))
    key = pdf_text(out(workspace, "jic", "answer-key"))
    box = worksheet[worksheet.upper().index("VOCABULARY FOR DOCUMENT A") :]
    for term in ("Joint Intelligence Committee:", "top secret:", "reparations:", "Jogjakarta:"):
        assert term in box, term
    assert "Simon Spoor, the Dutch general" in box
    # a synonym prints with the headword: the reader finds "interim government" in the text
    assert "interim government (provisional government):" in box
    assert "19 December 1948" not in box  # Jogjakarta's fall: later than the cable
    assert "19 December 1948" in key  # the key tells the teacher


def test_each_document_s_people_are_those_of_its_own_date(workspace: Path) -> None:
    """A lesson comparing a cable of 1947 with one of 1957: Chifley and Attlee are explained
    in the first, Menzies in the second (the who's who once went by every date of the lesson,
    and no office covers both years)."""
    cables = {
        "1947-10-07-chifley-to-attlee": ("Chifley", "Attlee", "1947-10-07"),
        "1957-06-26-mcewen-to-menzies": ("McEwen", "Menzies", "1957-06-26"),
    }
    for source_id, (author, recipient, date) in cables.items():
        write(
            workspace / "sources" / f"{source_id}.md",
            f"---\ntitle: Cablegram, {author} to {recipient}\ntype: cablegram\n"
            f"author: {author}\nrecipient: {recipient}\ndate: {date}\nplace: Canberra\n---\n"
            "We regret that your position has forced you to this conclusion.\n",
        )
    lesson = "title: Two cables\ndocuments:\n" + "".join(
        f"  - source: {source_id}\n    excerpt: {{paragraphs: 1}}\n" for source_id in cables
    )
    write(workspace / "lessons" / "two.yaml", lesson)
    glossary = glossary_of(workspace, "two")
    first, second = terms(glossary, "A"), terms(glossary, "B")
    assert "Prime Minister of Australia" in first["Ben Chifley"].definition  # type: ignore[attr-defined]
    assert "Clement Attlee" in first
    assert "Prime Minister of Australia" in second["Robert Menzies"].definition  # type: ignore[attr-defined]
    assert "Ben Chifley" not in second
