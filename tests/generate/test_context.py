"""Contextualization: timelines, prompts placed in time, key-only notes, the picture."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from dbq.cli import main
from dbq.generate.context import choose_after, choose_before, contextualize, interval_words
from dbq.generate.labels import Box, LabelRequest, Segment, place_labels, place_required
from dbq.generate.picture import picture
from dbq.generate.relevance import Names
from dbq.prepare.lessons import prepare_lesson
from dbq.render.svg_timeline import Layout, Mark, layout, picture_svg, render_svg
from dbq.route import Workspace, lesson_context
from dbq.workspace.sources import load_sources
from dbq.workspace.timelines import (
    PartialDate,
    builtin_timeline,
    context_names,
    context_stems,
    parse_partial_date,
)
from tests.conftest import write
from tests.helpers import KENNAN, SAMPLE_LESSON, pdf_text, squash

DATA = Path(__file__).parents[1] / "data"
MAO_DAY = dt.date(1951, 11, 14)
KENNAN_DAY = dt.date(1946, 2, 22)
KENNAN_SOURCE = "1946-02-22-kennan-to-state"
NAMES = Names.of(context_names())


def _dbq(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), *args], catch_exceptions=False)


def _outputs(root: Path, lesson: str) -> tuple[str, str]:
    """Build with --html; return the worksheet and key PDF text."""
    result = _dbq(root, "build", lesson, "--html")
    assert result.exit_code == 0, result.output
    base = root / "output" / lesson / lesson
    return pdf_text(Path(f"{base}-worksheet.pdf")), pdf_text(Path(f"{base}-answer-key.pdf"))


def _html(root: Path, lesson: str, kind: str) -> str:
    return (root / "output" / lesson / f"{lesson}-{kind}.html").read_text(encoding="utf-8")


def _svg(html: str) -> ET.Element:
    match = re.search(r"<svg .*?</svg>", html, re.S)
    assert match, "no timeline picture in the page"
    return ET.fromstring(match.group(0))


@pytest.fixture
def two_telegrams(workspace: Path) -> Path:
    """The seed workspace plus the Kennan Long Telegram and a lesson citing both."""
    assert _dbq(workspace, "sources", "import", str(KENNAN)).exit_code == 0
    assert (workspace / "sources" / f"{KENNAN_SOURCE}.md").is_file()
    shutil.copy(DATA / "two-telegrams.yaml", workspace / "lessons" / "two-telegrams.yaml")
    return workspace


# ---- dates and intervals ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("1951-07-10", "1951-11-14", "four months"),  # Kaesong -> Mao's telegram
        ("1951-10-25", "1951-11-14", "three weeks"),  # Panmunjom -> Mao's telegram
        ("1951-08-23", "1951-11-14", "almost three months"),
        ("1946-02-09", "1946-02-22", "two weeks"),  # Stalin's speech -> Kennan
        ("1951-11-13", "1951-11-14", "a day"),
        ("1951-11-10", "1951-11-14", "four days"),
        ("1950-06-25", "1951-11-14", "a year and five months"),
        ("1945-08", "1951-11-14", "six years"),
        ("1951-11-14", "1953-07-27", "a year and eight months"),
        ("1951-03", "1951-11-14", "eight months"),
        ("1948", "1951-11-14", "three years"),
        ("1951-11-14", "1951-11-14", ""),
        ("1951-11", "1951-11-14", ""),
    ],
)
def test_interval_words(start: str, end: str, words: str) -> None:
    assert interval_words(parse_partial_date(start), parse_partial_date(end)) == words


def test_partial_dates_parse_and_reject() -> None:
    assert parse_partial_date(dt.date(1951, 7, 10)) == PartialDate(1951, 7, 10)
    assert parse_partial_date("1951-07").latest == dt.date(1951, 7, 31)
    assert parse_partial_date(1951).precision == "year"
    for bad in ("1951-13", "1951-02-30", "July 1951", "51"):
        with pytest.raises(ValueError):
            parse_partial_date(bad)


# ---- the built-in timeline ------------------------------------------------------------------


def test_builtin_timeline_is_big_cited_and_in_range() -> None:
    timeline = builtin_timeline()
    events = timeline.events
    assert len(events) >= 40
    assert len({e.id for e in events}) == len(events)
    for event in events:
        assert event.citation and len(event.citation) > 20, event.id
        assert event.clause, event.id
        assert dt.date(1945, 1, 1) <= event.date.earliest <= dt.date(1953, 12, 31), event.id
        if event.end:
            assert event.end.latest >= event.date.earliest, event.id


@pytest.mark.parametrize(
    ("event_id", "date"),
    [
        ("north-korea-invades", "1950-06-25"),
        ("incheon-landing", "1950-09-15"),
        ("kaesong-talks-open", "1951-07-10"),
        ("talks-suspended-1951", "1951-08-23"),
        ("panmunjom-talks-resume", "1951-10-25"),
        ("demarcation-line-agreed", "1951-11-27"),
        ("stalin-dies", "1953-03-05"),
        ("armistice-signed", "1953-07-27"),
        ("stalin-election-speech", "1946-02-09"),
        ("iron-curtain-speech", "1946-03-05"),
        ("prc-proclaimed", "1949-10-01"),
        ("macarthur-relieved", "1951-04-11"),
    ],
)
def test_builtin_anchor_dates(event_id: str, date: str) -> None:
    events = {e.id: e for e in builtin_timeline().events}
    assert events[event_id].date.iso() == date


# ---- choosing events around a date ----------------------------------------------------------


def test_events_before_and_after_mao_telegram() -> None:
    events = builtin_timeline().events
    before = choose_before(events, MAO_DAY, "the region of Kaesong in the buffer zone", "", NAMES)
    named = {p.event.id: p.interval for p in before}
    # Kaesong is named: the events at Kaesong, most recent first, and nothing else.
    assert named == {
        "talks-suspended-1951": "almost three months",
        "kaesong-talks-open": "four months",
    }
    assert all(p.event.date.latest < MAO_DAY for p in before)
    sentences = [p.sentence() for p in before]
    assert sentences[0].startswith("Almost three months earlier, the Chinese and North Korean side")
    line = choose_before(events, MAO_DAY, "the negotiations on the demarcation line", "", NAMES)
    assert (
        line[0]
        .sentence()
        .startswith("Three weeks earlier, armistice talks had resumed at Panmunjom")
    )
    after = choose_after(events, MAO_DAY)
    assert after[0].event.id == "demarcation-line-agreed" and after[0].interval == "two weeks"
    assert "armistice-signed" in {p.event.id for p in after}
    assert all(p.event.date.earliest > MAO_DAY for p in after)


def test_events_before_kennan() -> None:
    before = choose_before(
        builtin_timeline().events, KENNAN_DAY, "As stated by Stalin in 1927", "", NAMES
    )
    assert before[0].event.id == "stalin-election-speech"
    assert before[0].sentence().startswith("Two weeks earlier, Stalin had said")


# ---- the sample lesson, built -----------------------------------------------------------------


@pytest.mark.slow
def test_sample_lesson_prompts_and_key_only_notes(sample_workspace: Path) -> None:
    worksheet, key = _outputs(sample_workspace, SAMPLE_LESSON)
    assert "Placing the documents in time" in worksheet
    assert worksheet.index("Historical context") < worksheet.index("Placing the documents")
    assert "Three weeks earlier, armistice talks had resumed at Panmunjom" in worksheet
    assert "Four months earlier, armistice talks had opened at Kaesong." in worksheet
    assert "In context" in worksheet or "IN CONTEXT" in worksheet
    # What came after the telegram is for the teacher only.
    for later in ("could not yet know", "November 27, 1951", "July 27, 1953", "Eisenhower"):
        assert later not in worksheet, later
    assert "Mao Zedong could not yet know what came next" in key
    assert "November 27, 1951 (two weeks later)" in key
    assert "July 27, 1953 (a year and eight months later)" in key
    assert "GENERATED" in key.upper() and "GENERATED" not in worksheet.upper()


@pytest.mark.slow
def test_sample_picture_places_documents_and_hides_later_events(sample_workspace: Path) -> None:
    _outputs(sample_workspace, SAMPLE_LESSON)
    # The words of every label in order, so that a label wrapped onto more lines still reads.
    sheet_svg, key_svg = (
        " ".join(t.text or "" for t in _svg(_html(sample_workspace, SAMPLE_LESSON, kind)).iter())
        for kind in ("worksheet", "answer-key")
    )
    assert "Documents A\u2013C" in sheet_svg and "Nov 14, 1951" in sheet_svg
    assert "Armistice talks" in sheet_svg and "Talks resume at" in sheet_svg
    for later in ("Provisional", "Armistice signed", "Stalin dies"):
        assert later not in sheet_svg, later
    # The key's line runs on only as far as the students' events still fit (issue 21): the
    # next weeks' events, not 1953's.
    assert "Provisional demarcation line" in key_svg and "Armistice signed" not in key_svg
    assert "After the documents" in key_svg and "After the documents" not in sheet_svg


# ---- the seed and the Kennan telegram ---------------------------------------------------------


def _prepared(root: Path, lesson: str):
    sources, _ = load_sources(root)
    prepared, problems = prepare_lesson(root / "lessons" / f"{lesson}.yaml", root, sources)
    assert prepared is not None, problems
    result, problems = lesson_context(prepared, Workspace.load(root))
    assert result is not None, problems
    return prepared, result


@pytest.mark.slow
def test_two_telegrams_prompts_name_real_events(two_telegrams: Path) -> None:
    worksheet, key = _outputs(two_telegrams, "two-telegrams")
    assert (
        "Document A was sent on February 22, 1946. Two weeks earlier, Stalin had said" in worksheet
    )
    assert (
        "Document B was sent on November 14, 1951. Three weeks earlier, armistice talks had "
        "resumed at Panmunjom" in worksheet
    )
    assert "Documents A and B were written almost six years apart" in worksheet
    # Kennan could not know of Churchill's speech eleven days later; students do not see it here.
    assert "March 5, 1946 (eleven days later)" in key
    assert "March 5, 1946 (eleven days later)" not in worksheet


def test_two_telegrams_picture_puts_each_document_in_its_place(two_telegrams: Path) -> None:
    prepared, result = _prepared(two_telegrams, "two-telegrams")
    for key in (False, True):
        chosen = picture(result.lesson, key=key)
        assert chosen is not None
        assert [(labels, day) for labels, day in chosen.documents] == [
            (["A"], KENNAN_DAY),
            (["B"], MAO_DAY),
        ]
        svg, laid = picture_svg(chosen)
        drawn = {d.mark.key: d for d in laid.labels}
        x_a, x_b = laid.x(KENNAN_DAY), laid.x(MAO_DAY)
        assert "doc-A" in drawn and "doc-B" in drawn
        assert x_a < x_b
        for d in laid.labels:  # every event sits on the right side of each document
            if d.mark.kind == "document":
                continue
            x = laid.x(d.mark.start)
            assert (x < x_a) == (d.mark.start < KENNAN_DAY), d.mark.key
            assert (x < x_b) == (d.mark.start < MAO_DAY), d.mark.key
        if not key:  # nothing after the last document on the students' copy
            assert all(d.mark.start <= MAO_DAY for d in laid.labels)
            named = {p.event.id for d in result.lesson.documents for p in d.before}
            drawn_keys = {key for d in laid.labels for key in d.mark.keys}
            assert named <= drawn_keys  # all the prompts name is drawn
        assert not [m.keys for m in laid.dropped if m.required]  # the key's notes' events too
        _assert_no_collisions(laid)
        ET.fromstring(svg)  # well-formed


@pytest.mark.slow
def test_two_telegrams_pdf_contains_the_picture(two_telegrams: Path) -> None:
    _outputs(two_telegrams, "two-telegrams")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    import subprocess

    pdf = two_telegrams / "output" / "two-telegrams" / "two-telegrams-worksheet.pdf"
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Document A" in text and "Feb 22, 1946" in text
    assert "Document B" in text and "Nov 14, 1951" in text


# ---- label placement ------------------------------------------------------------------------


def _assert_no_collisions(laid: Layout) -> None:
    boxes = [d.box for d in laid.labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    for box in boxes:
        assert box.x0 >= 0 and box.x1 <= laid.width, box
        assert box.y0 >= 0 and box.y1 <= laid.height, box
    for d in laid.labels:
        if d.mark.kind == "document":
            continue
        leader = Segment(laid.anchor(d.mark), laid.axis_y, d.foot, d.box.y1)
        for other in laid.labels:
            if other is not d:
                assert not leader.crosses_box(other.box), (d.mark.key, other.mark.key)


def test_real_layouts_never_overlap(sample_workspace: Path) -> None:
    prepared, result = _prepared(sample_workspace, SAMPLE_LESSON)
    for key in (False, True):
        chosen = picture(result.lesson, key=key)
        _, laid = picture_svg(chosen)
        _assert_no_collisions(laid)
        named = {p.event.id for d in result.lesson.documents for p in d.before}
        drawn_keys = {key for d in laid.labels for key in d.mark.keys}
        assert named <= drawn_keys  # every event a prompt names is drawn
        assert not [m.keys for m in laid.dropped if m.required]
        for d in laid.labels:  # no leader runs almost flat along the axis
            gap = abs(laid.axis_y - (d.box.y1 if d.mark.kind != "document" else d.box.y0))
            assert abs(d.foot - laid.anchor(d.mark)) <= gap * 1.5 + 0.1, d.mark.key


def test_crowded_labels_are_dropped_not_overlapped() -> None:
    # Thirty labels crammed into 120 points: some must go, none may overlap.
    requests = [LabelRequest(200 + 4 * i, ((60.0, 26.0), (100.0, 17.0))) for i in range(30)]
    spots = place_labels(requests, 10, 494, 140, 6)
    placed = [s for s in spots if s is not None]
    assert 3 < len(placed) < 30
    for a, b in itertools.combinations(placed, 2):
        assert not a.box.overlaps(b.box), (a.box, b.box)
        assert not a.leader.crosses_box(b.box) and not b.leader.crosses_box(a.box)
        assert not a.leader.crosses(b.leader)
    for request, spot in zip(requests, spots, strict=True):
        if spot is not None:  # each leader starts at its own day and ends on its own box
            assert spot.leader.x0 == request.anchor and spot.leader.y0 == 0
            assert spot.box.x0 <= spot.leader.x1 <= spot.box.x1
            assert spot.box.y1 <= 140 and spot.box.x0 >= 10 and spot.box.x1 <= 494


def test_required_labels_get_a_retry() -> None:
    # A tight cluster at the right edge: in importance order the last would be boxed in.
    requests = [LabelRequest(x, ((62.0, 26.0), (110.0, 17.0))) for x in (470.0, 462.0, 454.0)]
    spots = place_required(requests, {0, 1, 2}, 10, 494, 140, 6)
    assert all(spots)
    for a, b in itertools.combinations(spots, 2):
        assert not a.box.overlaps(b.box)


def _event(key: str, day: str, text: str, *, required: bool = True) -> Mark:
    date = parse_partial_date(day)
    end = None if date.precision == "day" else date.latest
    return Mark(key, date.earliest, end, date.short(), text, "event", end is None, required, date)


def test_required_events_in_one_spot_share_a_label() -> None:
    # A day in August 1945 and an event known only to August 1945 sit 1.4 points apart at the
    # left end of a seven-year axis: stacked, one leader would cross the other's box.
    start, end = dt.date(1944, 11, 1), dt.date(1952, 6, 1)
    marks = [
        Mark("doc-A", KENNAN_DAY, None, "22 Feb 1946", "Document A", "document"),
        _event("stalin-speech", "1946-02-09", "Stalin's election speech"),
        _event("war-on-japan", "1945-08-08", "Soviet Union declares war on Japan"),
        _event("korea-divided", "1945-08", "Korea divided at the 38th parallel"),
        _event("yalta", "1945-02-04", "Yalta Conference", required=False),
        _event("potsdam", "1945-07-17", "Potsdam Conference", required=False),
    ]
    laid = layout(marks, start, end)
    assert abs(laid.anchor(marks[2]) - laid.anchor(marks[3])) < 2
    shared = [d for d in laid.labels if len(d.mark.keys) > 1]
    assert [d.mark.keys for d in shared] == [("war-on-japan", "korea-divided")]
    mark = shared[0].mark
    assert mark.required and mark.date_text == "Aug 1945"
    assert shared[0].lines[0].startswith("Soviet Union")
    text = " ".join(shared[0].lines)
    assert "Soviet Union declares war on Japan (Aug 8);" in text
    assert text.endswith("Korea divided at the 38th parallel")
    assert not any(set(m.keys) & {"war-on-japan", "korea-divided"} for m in laid.dropped)
    _assert_no_collisions(laid)
    svg = render_svg(laid)
    # The shared label still shows each event on the axis: the day's dot, the month's bar.
    assert f'<circle cx="{laid.x(dt.date(1945, 8, 8)):.1f}"' in svg
    assert f'<rect x="{laid.x(dt.date(1945, 8, 1)):.1f}"' in svg
    assert svg == render_svg(layout(marks, start, end))  # deterministic


def test_only_required_events_close_together_share_a_label() -> None:
    start, end = dt.date(1944, 11, 1), dt.date(1952, 6, 1)
    laid = layout(
        [
            _event("a", "1945-08-08", "First"),
            _event("b", "1945-08-09", "Second"),
            _event("c", "1945-08-10", "Optional", required=False),
            _event("d", "1948-06-24", "Far away"),
        ],
        start,
        end,
    )
    by_keys = {d.mark.keys: d for d in laid.labels}
    assert ("a", "b") in by_keys and ("d",) in by_keys
    assert by_keys[("a", "b")].mark.date_text == "Aug 8\u20139, 1945"
    assert " ".join(by_keys[("a", "b")].lines) == "First (Aug 8); Second (Aug 9)"
    assert "c" not in {k for d in laid.labels for k in d.mark.keys if len(d.mark.keys) > 1}
    _assert_no_collisions(laid)


def test_segment_and_box_geometry() -> None:
    box = Box(10, 10, 20, 20)
    assert Segment(0, 0, 30, 30).crosses_box(box)
    assert not Segment(0, 0, 5, 30).crosses_box(box)
    assert Segment(0, 0, 10, 10).crosses(Segment(10, 0, 0, 10))
    assert not Segment(0, 0, 0, 10).crosses(Segment(5, 0, 5, 10))
    assert box.overlaps(Box(19, 19, 30, 30)) and not box.overlaps(Box(20, 0, 30, 30))


# ---- the workspace timeline, teacher prompts, warnings -------------------------------------------

LESSON = """\
title: Test lesson
documents:
  - source: 1951-11-14-mao-to-filippov
    excerpt:
      paragraphs: 9
{extra}
"""


@pytest.mark.slow
def test_workspace_timeline_overrides_and_text_is_escaped(workspace: Path) -> None:
    write(
        workspace / "timeline.yaml",
        """\
title: My timeline
events:
  - id: panmunjom-talks-resume
    date: 1951-10-25
    label: "Talks resume <script>alert(1)</script> & go on"
    clause: the talks had resumed <b>at Panmunjom</b>
    description: Overridden.
    tags: [negotiations, demarcation line]
    citation: My own notes.
""",
    )
    write(workspace / "lessons" / "t.yaml", LESSON.format(extra=""))
    worksheet, _ = _outputs(workspace, "t")
    assert "Three weeks earlier, the talks had resumed <b>at Panmunjom</b>." in worksheet
    html = _html(workspace, "t", "worksheet")
    assert "<script" not in html and "<b>at" not in html
    svg = _svg(html)  # parses: every label was escaped
    texts = "".join(svg.itertext())
    assert "Talks resume <script>alert(1)</script> & go on" in re.sub(r"\s+", " ", texts) or (
        "<script>alert(1)</script>" in texts
    )


@pytest.mark.slow
def test_teacher_prompts_are_verbatim_and_generation_can_be_off(workspace: Path) -> None:
    extra = """\
    context:
      - "What had *happened* at Kaesong by then?"
context:
  prompts: [My own lesson prompt.]
"""
    write(workspace / "lessons" / "t.yaml", LESSON.format(extra=extra))
    worksheet, key = _outputs(workspace, "t")
    assert "What had happened at Kaesong by then?" in worksheet
    assert "My own lesson prompt." in worksheet
    assert "Three weeks earlier" not in worksheet  # the teacher's prompt fills that gap
    assert "could not yet know" in key  # teacher notes are still generated for the key
    write(
        workspace / "lessons" / "t.yaml",
        LESSON.format(extra="context:\n  generate: false\n  timeline: false"),
    )
    worksheet, key = _outputs(workspace, "t")
    assert "Three weeks earlier" not in worksheet and "could not yet know" not in key
    assert "<svg" not in _html(workspace, "t", "worksheet")


def test_bad_timeline_gets_located_messages(workspace: Path) -> None:
    write(workspace / "lessons" / "t.yaml", LESSON.format(extra=""))
    write(workspace / "timeline.yaml", "events:\n  - id: one\n    date: 1951-02-30\n")
    result = _dbq(workspace, "check")
    assert result.exit_code == 1
    assert "timeline.yaml:3:11: not a real date (day is out of range for month)" in result.output
    write(
        workspace / "timeline.yaml",
        """\
events:
  - id: one
    date: 1951-13
    label: Bad month
    description: x
  - id: two
    date: 1951-03-01
    label: Unknown key
    description: x
    colour: red
""",
    )
    result = _dbq(workspace, "check")
    assert result.exit_code == 1
    assert re.search(r"timeline\.yaml:3:11: events\[1\]\.date: .*1951-13", result.output)
    assert "timeline.yaml:10:5: events[2].colour: unknown key `colour`" in result.output
    assert "Traceback" not in result.output
    build = _dbq(workspace, "build")
    assert build.exit_code == 1 and "timeline.yaml:3:11" in build.output


def test_check_warns_about_uncited_events_and_undated_context(workspace: Path) -> None:
    extra = """\
context:
  builtin: false
  events:
    - id: long-ago
      date: 1920
      label: Long ago
      description: Something happened.
"""
    write(workspace / "lessons" / "t.yaml", LESSON.format(extra=extra))
    result = _dbq(workspace, "check")
    assert result.exit_code == 0, result.output  # warnings do not fail the check
    assert re.search(
        r"lessons/t\.yaml:3:13: warning: documents\[1\]\.source: Document A is dated "
        r"November 14, 1951, outside every timeline in use",
        result.output,
    )
    assert re.search(
        r"lessons/t\.yaml:\d+:\d+: warning: context\.events\[1\]: event 'long-ago' has no "
        r"citation",
        result.output,
    )


def test_contextualization_is_deterministic(sample_workspace: Path) -> None:
    prepared, result = _prepared(sample_workspace, SAMPLE_LESSON)
    events = result.timelines.events()
    again = contextualize(prepared, list(reversed(events)), context_stems(), NAMES)
    assert again.prompts == result.lesson.prompts
    assert [d.prompts for d in again.documents] == [d.prompts for d in result.lesson.documents]
    first = picture_svg(picture(result.lesson, key=True))[0]
    assert first == picture_svg(picture(again, key=True))[0]


def test_undated_source_gets_a_dating_prompt_and_no_picture(workspace: Path) -> None:
    write(
        workspace / "sources" / "undated-note.md",
        "---\ntitle: An undated note\nauthor: Someone\n---\nWe met at Kaesong again today.\n",
    )
    lesson = (
        "title: Undated\ndocuments:\n  - source: undated-note\n    excerpt:\n      paragraphs: 1\n"
    )
    write(workspace / "lessons" / "u.yaml", lesson)
    worksheet, key = _outputs(workspace, "u")
    assert "The date of Document A is not known." in worksheet
    assert "<svg" not in _html(workspace, "u", "worksheet")
    assert "could not yet know" not in key


def _dated_documents(*dated: tuple[str, str]) -> object:
    """A lesson's documents as lesson_prompts reads them: label, date and author."""
    from types import SimpleNamespace

    documents = [
        SimpleNamespace(
            label="ABC"[i],
            source=SimpleNamespace(
                id=f"s{i}", meta=SimpleNamespace(date=dt.date.fromisoformat(day), author=author)
            ),
        )
        for i, (day, author) in enumerate(dated)
    ]
    return SimpleNamespace(documents=documents)


def test_a_lesson_prompt_asks_about_events_between_only_when_there_are_some() -> None:
    from dbq.generate.context import lesson_prompts

    events = builtin_timeline().events
    stems = context_stems()
    days = _dated_documents(
        ("1951-06-27", "Steere"), ("1951-06-28", "Steere"), ("1951-06-29", "Gifford")
    )
    (prompt,) = lesson_prompts(days, stems, events)  # type: ignore[arg-type]
    assert prompt.text.startswith(
        "Documents A, B and C were written over a period of two days, between June 27, 1951 and"
    )
    assert "between those dates" not in prompt.text and "to their authors" in prompt.text
    one_author = _dated_documents(("1951-06-27", "Steere"), ("1951-06-29", "Steere"))
    (prompt,) = lesson_prompts(one_author, stems, events)  # type: ignore[arg-type]
    assert "two days apart" in prompt.text and "mattered most to Steere" in prompt.text
    years = _dated_documents(("1946-02-22", "Kennan"), ("1951-11-14", "Mao Zedong"))
    (prompt,) = lesson_prompts(years, stems, events)  # type: ignore[arg-type]
    assert "almost six years apart" in prompt.text and "between those dates" in prompt.text


def test_a_lesson_prompt_needs_a_timeline_to_send_students_to() -> None:
    from dbq.generate.context import lesson_prompts

    days = _dated_documents(("1951-06-27", "Steere"), ("1951-06-29", "Gifford"))
    assert lesson_prompts(days, context_stems(), []) == []  # type: ignore[arg-type]


def test_a_prompt_with_a_colon_is_read_as_the_text_it_is() -> None:
    from dbq.workspace.timelines import ContextSettings

    settings = ContextSettings.model_validate({"prompts": ["Plain", {"Look at the date": "why?"}]})
    assert [p.prompt for p in settings.prompts] == ["Plain", "Look at the date: why?"]
    schema = ContextSettings.model_json_schema()["properties"]["prompts"]["items"]
    assert {"type": "string"} in schema["anyOf"]  # editors accept plain-text prompts


OWN_EVENTS = """\
context:
  events:
    - id: class-visit
      date: 1951-11-05
      label: Class visit to the museum
      description: Our class visits the war museum.
      citation: The teacher's own note.
    - id: class-reunion
      date: 1952-03-01
      label: Class reunion at the museum
      description: The class meets again at the museum.
      citation: The teacher's own note.
"""


@pytest.mark.slow
def test_a_lessons_own_events_print_on_its_timeline(sample_workspace: Path) -> None:
    """docs/contextualization.md: `context: events:` are events for this lesson only. The
    teacher put them there to be seen: each is drawn, one after the documents only in the key."""
    lesson = sample_workspace / "lessons" / "mao-armistice-1951.yaml"
    text = lesson.read_text(encoding="utf-8")
    assert "\ncontext:" not in text
    lesson.write_text(text + OWN_EVENTS, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["-C", str(sample_workspace), "build", "mao-armistice-1951"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    out = sample_workspace / "output" / "mao-armistice-1951" / "mao-armistice-1951"
    worksheet = squash(pdf_text(Path(f"{out}-worksheet.pdf")))
    key = squash(pdf_text(Path(f"{out}-answer-key.pdf")))
    assert "Class visit to the museum" in worksheet
    assert "Class visit to the museum" in key
    assert "Class reunion" not in worksheet  # after every document: not for students
    assert "Class reunion at the museum" in key


def test_no_prompt_sends_students_to_a_timeline_that_cannot_answer_it(
    sample_workspace: Path,
) -> None:
    """Issue 21: an Australian letter of 1982 got an empty timeline (only the document on it)
    and the prompt "Which event on the timeline do you think mattered most…". The flagship,
    whose timeline shows the events before it, keeps both."""
    from tests.helpers import SHARED_CORPUS, composed_lesson

    runner = CliRunner()
    imported = runner.invoke(
        main,
        [
            "-C",
            str(sample_workspace),
            "sources",
            "import",
            str(SHARED_CORPUS / "dfat" / "v23-254.txt"),
            "--id",
            "nz82",
        ],
    )
    assert imported.exit_code == 0, imported.output
    write(
        sample_workspace / "lessons" / "nz.yaml",
        "title: T\ndocuments:\n  - source: nz82\n    excerpt: {paragraphs: 1-4}\n",
    )
    for lesson, has_timeline in (("nz", False), ("mao-generated-1951", True)):
        packet = composed_lesson(sample_workspace, lesson).packet
        students = packet.views["students"]
        prompts = [p.text for p in students.prompts]
        prompts += [p.text for box in students.documents.values() for p in box.prompts]
        assert (students.timeline is not None) is has_timeline, lesson
        assert any("timeline" in p for p in prompts) is has_timeline, prompts


def test_a_between_prompt_is_printed_only_over_events_the_students_see(
    sample_workspace: Path,
) -> None:
    """Issue 21: a lesson's prompt asked about "events on the timeline between those dates"
    (5 February to 11 April 1951) while the students' timeline showed none there. Whenever
    the prompt is printed, the students' picture draws, in standard and in large print, an
    event strictly between the first and the last document; and the picture draws the turning
    point of the lesson's window (MacArthur relieved, on the day of the last document)."""
    from dbq.generate.timeline_layout import event_keys, lay_out_picture
    from dbq.render.context import LARGE_TIMELINE
    from tests.helpers import CORPUS, KENNAN, SAMPLE_SOURCE, composed_lesson

    runner = CliRunner()
    frus = CORPUS / "frus-1951"
    for path, name in (
        (KENNAN, "kennan"),
        (frus / "frus1951v07p2-d0252.txt", "d0252"),
        (frus / "frus1951v07p2-d0279.txt", "d0279"),
    ):
        result = runner.invoke(
            main, ["-C", str(sample_workspace), "sources", "import", str(path), "--id", name]
        )
        assert result.exit_code == 0, result.output
    lessons = {"years": ("kennan", SAMPLE_SOURCE), "spring": ("d0252", "d0279")}
    printed = 0
    for lesson, ids in lessons.items():
        write(
            sample_workspace / "lessons" / f"{lesson}.yaml",
            "title: T\ndocuments:\n"
            + "".join(f"  - source: {i}\n    excerpt: {{paragraphs: 1-2}}\n" for i in ids),
        )
        students = composed_lesson(sample_workspace, lesson).packet.views["students"]
        picture = students.picture
        assert picture is not None and students.timeline is not None
        first, last = picture.documents[0][1], picture.documents[-1][1]
        drawn = event_keys(students.timeline) & event_keys(
            lay_out_picture(picture, students.width / LARGE_TIMELINE)
        )
        between = [
            e.id
            for e, _ in picture.events
            if e.id in drawn and first < e.date.earliest and e.date.latest < last
        ]
        asks = [p.text for p in students.prompts if "between those dates" in p.text]
        assert not asks or between, (lesson, asks)
        printed += bool(asks)
        if lesson == "spring":
            assert "macarthur-relieved" in drawn
    assert printed  # the years-apart lesson keeps its prompt, over the events it shows
