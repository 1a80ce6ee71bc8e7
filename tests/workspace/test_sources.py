"""The source format, paragraph numbering and the raw-telegram importer, on real texts."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from dbq.workspace.importer import import_text
from dbq.workspace.sources import get_source, split_paragraphs
from tests.conftest import Run, write
from tests.helpers import CORPUS, KENNAN, SAMPLE_SOURCE, SEED, TRUMAN, pdf_text


def test_importer_reads_the_seed_telegram_header() -> None:
    found = import_text(SEED.read_text(encoding="utf-8"), SEED.name)
    meta = found.meta
    # Mao Zedong: the family name comes first; the id keeps the whole name, never guesses.
    assert found.proposed_id == "1951-11-14-mao-zedong-to-filippov"
    assert meta["type"] == "telegram"
    assert meta["number"] == "25902"
    assert meta["copies"] == "Stalin (2)"
    assert meta["place"] == "Beijing"
    assert meta["received"] == dt.datetime(1951, 11, 14, 13, 40)
    assert meta["recipient_as"] == "Comrade Filippov"
    assert meta["recipient"] == "Stalin"
    assert meta["signature"] == "MAO ZEDONG"
    assert meta["author"] == "Mao Zedong"
    assert meta["outgoing_number"] == "5631"
    assert meta["date"] == dt.date(1951, 11, 14)
    assert "classification" in " ".join(found.missing)


def test_importer_reads_a_state_department_telegram() -> None:
    meta = import_text(KENNAN.read_text(encoding="utf-8"), KENNAN.name).meta
    assert meta["author"] == "Kennan"
    assert meta["recipient"] == "Secretary of State"
    assert meta["date"] == dt.date(1946, 2, 22)
    assert meta["place"] == "Moscow"
    assert meta["number"] == "511"
    assert meta["classification"] == "SECRET"
    assert meta["received"] == dt.datetime(1946, 2, 22, 15, 52)
    assert meta["signature"] == "KENNAN"
    assert "copies" not in meta and "recipient_as" not in meta


def test_importer_invents_nothing_for_a_speech() -> None:
    found = import_text(TRUMAN.read_text(encoding="utf-8"), TRUMAN.name)
    meta = found.meta
    assert meta["author"] == "Harry S. Truman"
    assert meta["date"] == dt.date(1951, 4, 11)  # from the file name
    for absent in ("number", "recipient", "place", "received", "signature", "copies"):
        assert absent not in meta
    # One paragraph per line in the raw text becomes blank-line separated paragraphs.
    paragraphs, _ = split_paragraphs(found.body)
    assert len(paragraphs) > 50
    assert paragraphs[2].startswith("I want to talk to you plainly tonight")
    assert all(not p.endswith(" ") for p in paragraphs)


@pytest.mark.parametrize("text", [KENNAN, TRUMAN, SEED])
def test_import_command_on_every_real_text(text: Path, run: Run, workspace: Path) -> None:
    result = run("sources", "import", str(text), "--id", "doc", "--force")
    assert result.exit_code == 0, result.output
    assert "found:" in result.output
    source = get_source(workspace, "doc")
    assert len(source.paragraphs) > 20
    front = (workspace / "sources" / "doc.md").read_text().split("---")[1]
    assert isinstance(yaml.safe_load(front), dict)


def test_import_refuses_to_overwrite(run: Run) -> None:
    result = run("sources", "import", str(SEED), "--id", SAMPLE_SOURCE)
    assert result.exit_code == 1
    assert "already exists" in result.output and "--force" in result.output


def test_sources_list_and_show(run: Run) -> None:
    listing = run("sources", "list")
    assert SAMPLE_SOURCE in listing.output and "1951-11-14" in listing.output
    shown = run("sources", "show", SAMPLE_SOURCE)
    assert shown.exit_code == 0
    assert "¶  9  The main question in the negotiations" in shown.output
    # The signature and the outgoing number under it close the telegram: printed, unnumbered.
    # 26: the copy's blank line inside the last sentence ('… construction of' / 'defense.')
    # starts no paragraph (the shipped sources/ copy, imported before, still has 27).
    assert "26 paragraphs; cite them as `paragraphs: 2-3`" in shown.output
    assert "\n      MAO ZEDONG\n" in shown.output and "¶ 28" not in shown.output


def test_show_unknown_source_lists_known_ones(run: Run) -> None:
    result = run("sources", "show", "mao")
    assert result.exit_code == 1
    assert f"no source 'mao' in sources/; the workspace has: {SAMPLE_SOURCE}" in result.output


def test_broken_front_matter_is_located(run: Run, workspace: Path) -> None:
    bad = workspace / "sources" / "bad.md"
    bad.write_text("---\ntitle: A\nautor: X\n---\nText.\n")
    result = run("sources", "list")
    assert result.exit_code == 1
    assert "sources/bad.md:3:1: autor: unknown key `autor`; did you mean `author`?" in result.output


# --- Archives teachers copy from: FRUS on history.state.gov -------------------------------

FRUS = CORPUS / "frus-1951"
HONG_KONG = FRUS / "frus1951v07p2-d0328.txt"  # own numbers 1.-5., a footnote numbered [2]


def _frus(*names: str) -> list[Path]:
    paths = [FRUS / name for name in names]
    if not all(p.is_file() for p in paths):
        pytest.skip(f"the FRUS test corpus is not at {FRUS}")
    return paths


def test_import_several_files_with_a_table(run: Run, workspace: Path) -> None:
    files = _frus("frus1951v07p2-d0120.txt", "frus1951v07p2-d0007.txt")
    result = run("sources", "import", *map(str, files))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"imported {files[0]} -> {workspace}/sources/1951-06-28-steere")
    assert lines[1].startswith(f"imported {files[1]} -> {workspace}/sources/1951-01-17-rusk-to")
    header = next(line for line in lines if line.startswith("source "))
    assert header.split() == [
        "source",
        "author",
        "office",
        "to",
        "date",
        "time",
        "place",
        "number",
        "class",
        "signed",
    ]
    row = next(line for line in lines if line.startswith("1951-01-17-rusk-to-state"))
    # The memorandum's place is the editors' [Washington,]: not a place the document states.
    assert row.split() == [
        "1951-01-17-rusk-to-state",
        *["yes", "yes", "yes", "yes", "-", "[ed.]", "-", "yes", "-"],
    ]
    front = yaml.safe_load(
        (workspace / "sources/1951-01-17-rusk-to-state.md").read_text().split("---")[1]
    )
    assert front["place_editorial"] == "Washington" and "place" not in front
    assert front["archive"] == "NSC–S/S Files: Lot 63 D 351: NSC 101 Series"


def test_import_a_folder_tells_same_day_telegrams_apart(run: Run, workspace: Path) -> None:
    _frus("truth.json")
    result = run("sources", "import", str(FRUS))
    assert result.exit_code == 0, result.output
    assert result.output.count("\nimported ") + result.output.startswith("imported ") == 74
    # Two telegrams from Steere to the Department on 27 June: their numbers tell them apart.
    for number in ("3785", "3798"):
        assert (workspace / "sources" / f"1951-06-27-steere-to-state-{number}.md").is_file()
    assert "fields found" in result.output


def test_an_id_clash_names_both_files_and_writes_nothing(
    run: Run, workspace: Path, tmp_path: Path
) -> None:
    (original,) = _frus("frus1951v07p2-d0119.txt")
    copy = tmp_path / "copy-of-d0119.txt"
    copy.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    other = _frus("frus1951v07p2-d0120.txt")[0]
    before = sorted(p.name for p in (workspace / "sources").iterdir())
    result = run("sources", "import", str(other), str(original), str(copy))
    assert result.exit_code == 1
    assert f"{original} and {copy} would both be sources/1951-06-27-steere-to-state.md" in (
        result.output
    )
    assert sorted(p.name for p in (workspace / "sources").iterdir()) == before


@pytest.mark.slow
def test_footnotes_go_to_the_front_matter_and_own_numbers_win(run: Run, workspace: Path) -> None:
    _frus("frus1951v07p2-d0328.txt")
    assert run("sources", "import", str(HONG_KONG), "--id", "hk").exit_code == 0
    source = get_source(workspace, "hk")
    assert source.meta.notes == [
        "[2] Further details were contained in despatch 885, November 7, from Hong Kong, "
        "not printed (893.00/11–751)."
    ]
    assert source.meta.archive == "893.00/11–151: Telegram"
    # The header block and the footnotes are not paragraphs; the text starts with the number.
    assert source.paragraphs[0] == "1612. Deptel 1754, Oct 26."
    assert not any(p.startswith(("Footnotes", "[2]", "893.00")) for p in source.paragraphs)
    assert source.own_numbers == {2: "1", 3: "2", 6: "3", 7: "4", 12: "5"}
    # Unnumbered paragraphs are cited by the number of the paragraph they continue.
    assert [source.cited_number(n) for n in (1, 2, 4, 5, 6)] == [0, 1, 2, 2, 3]
    shown = run("sources", "show", "hk").output
    assert "cite them as\n`numbered: 1-5`" in shown and "[2] Further details" in shown

    write(
        workspace / "lessons" / "hk.yaml",
        """\
title: Trade controls and China, 1951
generate: false
documents:
  - source: hk
    excerpt:
      numbered: 2-3
  - source: hk
    excerpt:
      quote: ["Further details will be airpouched Nov 6."]
""",
    )
    result = run("build", "hk", "--html")
    assert result.exit_code == 0, result.output
    html = (workspace / "output" / "hk" / "hk-worksheet.html").read_text(encoding="utf-8")
    # The margin shows the cable's own numbers (2, 3), never the positions (3-6), and
    # nothing beside the unnumbered paragraphs that continue its paragraph 2.
    assert re.findall(
        r'class="pnum"[^>]*><span class="sr-only">Paragraph </span>([^<]*)<', html
    ) == [
        "2",
        "3",
    ]
    assert html.count('<p class="passage') == 5
    shown = unescape(html).replace("'", "\u2019")
    assert "the document\u2019s own where it numbers its paragraphs" in shown
    text = pdf_text(workspace / "output" / "hk" / "hk-worksheet.pdf")
    # The margin prints the cable's "2" once; the text no longer repeats it (issue 23).
    assert "Chi seemingly rapidly adjusted" in text and "2. Chi seemingly" not in text
    assert "Further details will be airpouched Nov 6." in text
    assert "Nov 6.[2]" not in text and "[2]" not in text  # the editors' marker is left out


@pytest.mark.slow
def test_editorial_brackets_are_not_footnote_markers(run: Run, workspace: Path) -> None:
    _frus("frus1951v07p2-d0328.txt")
    assert run("sources", "import", str(HONG_KONG), "--id", "hk").exit_code == 0
    write(
        workspace / "lessons" / "hk.yaml",
        "title: Controls\ngenerate: false\ndocuments:\n  - source: hk\n"
        "    excerpt:\n      numbered: 1\n",
    )
    assert run("build", "hk").exit_code == 0
    text = pdf_text(workspace / "output" / "hk" / "hk-worksheet.pdf")
    assert "US Dec 3 [1950] controls" in text  # no note [1950]: it is the editors' text


def test_a_wrapped_line_does_not_split_a_sentence() -> None:
    from dbq.workspace.importer import normalize_body

    long = "The talks at Kaesong went on through the summer while the armies fought along the line"
    text = "\n".join(
        [
            f"{long}, and neither side would give up the ground it held at the front that year.",
            f"{long} that both commanders had drawn on their maps, and so the negotiators argued",
            f"about every hill {long[40:]}, which each side wanted for its own defence in winter.",
            f"{long}. A new paragraph starts here with a capital letter and a stop at its end.",
        ]
    )
    paragraphs = normalize_body(text).split("\n\n")
    assert len(paragraphs) == 3
    assert "so the negotiators argued about every hill" in paragraphs[1]


LONG = "The situation is unchanged and the position of the delegation has been made clear. " * 3


def test_own_numbers_are_the_documents_paragraph_numbering_only() -> None:
    from dbq.workspace.importer import numbered_lines_apart
    from dbq.workspace.sources import own_numbers

    # Numbered from 2. after an unnumbered first paragraph, on consecutive lines.
    lines = numbered_lines_apart([LONG, "", f"2. {LONG}", f"3. {LONG}"])
    paragraphs, _ = split_paragraphs("\n".join(lines))
    assert own_numbers(paragraphs) == {2: "2", 3: "3"}
    # A jump across the editors' omission: 2., [matter omitted], 8.
    jump = [LONG, f"2. {LONG}", "[matter omitted]", f"8. [matter omitted] {LONG}"]
    assert own_numbers(jump) == {2: "2", 4: "8"}
    # A list of questions the lead-in announces is no paragraph numbering.
    questions = [LONG, "The questions he means to raise are essentially:"]
    questions += [f"{n}. On the question of a loan." for n in range(1, 5)] + [LONG]
    assert own_numbers(questions) == {}
    # Items that go on with the lead-in's sentence are a list too.
    that = [LONG, "The recommendations are that:", "1. we should wait;", "2. we should talk."]
    assert own_numbers(that) == {}
    # After a quoted telegram numbered 2. to 4., the cable's own 2. and 3. are its numbers.
    quoted = [LONG, f"2. {LONG}", f"3. {LONG}", f"4. {LONG}", "Ends.", f"2. {LONG}", "3. So."]
    assert own_numbers(quoted) == {6: "2", 7: "3"}
    # A list item on its own lines inside a paragraph keeps its lead-in: one block.
    assert numbered_lines_apart(["Points:", "1. One.", "2. Two."]) == [
        "Points:",
        "1. One.",
        "2. Two.",
    ]
