"""Context that fits the passage and the moment: events chosen for what they share with the
excerpt, ranged events told as they stood on the document's date, and the built-in timelines
(with the historian's corrections)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from dbq.cli import main
from dbq.generate.context import choose_after, choose_before
from dbq.generate.relevance import Names, relevance
from dbq.workspace.timelines import BUILTIN_TIMELINES, builtin_timeline, context_names
from tests.conftest import write
from tests.helpers import KENNAN, pdf_text

NAMES = Names.of(context_names())
KENNAN_SOURCE = "1946-02-22-kennan-to-state"
SOCIETY = 73  # "(3) Much depends on health and vigor of our own society. ..."


def _events() -> list:
    return sorted(
        (e for name in BUILTIN_TIMELINES for e in builtin_timeline(name).events),
        key=lambda e: (e.date.earliest, e.id),
    )


def _korean(event) -> bool:
    words = " ".join([event.label, *event.places, *event.tags])
    return "Korea" in words or "38th parallel" in words or "Panmunjom" in words


def _build(root: Path, lesson: str) -> tuple[str, str]:
    result = CliRunner().invoke(main, ["-C", str(root), "build", lesson], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    base = root / "output" / lesson / lesson
    return pdf_text(Path(f"{base}-worksheet.pdf")), pdf_text(Path(f"{base}-answer-key.pdf"))


# ---- choosing by what the passage shares -----------------------------------------------------


@pytest.mark.slow
def test_kennan_on_american_society_gets_no_korea_event(workspace: Path) -> None:
    runner = CliRunner()
    assert (
        runner.invoke(main, ["-C", str(workspace), "sources", "import", str(KENNAN)]).exit_code == 0
    )
    write(
        workspace / "lessons" / "society.yaml",
        f"title: Kennan on our own society\ndocuments:\n  - source: {KENNAN_SOURCE}\n"
        f"    excerpt:\n      paragraphs: {SOCIETY}\n",
    )
    worksheet, _ = _build(workspace, "society")
    assert "Much depends on health and vigor of our own society" in worksheet
    # The passage speaks of Moscow and world communism: Stalin's speech of two weeks before,
    # and nothing about Korea (the Moscow conference's trusteeship plan was chosen before).
    box = worksheet[worksheet.upper().index("IN CONTEXT") :]
    box = box[box.index("Document A was sent") : box.index("Using the timeline")]
    assert box == (
        "Document A was sent on February 22, 1946. Two weeks earlier, Stalin had said in a public "
        "speech that capitalism made wars inevitable. "
    )


def test_passage_without_korea_never_gets_a_korea_event() -> None:
    text = (
        "Much depends on health and vigor of our own society. World communism is like "
        "malignant parasite which feeds only on diseased tissue. Moscow will profit."
    )
    chosen = choose_before(_events(), dt.date(1946, 2, 22), text, "", NAMES)
    assert [p.event.id for p in chosen] == ["stalin-election-speech"]
    assert not any(_korean(p.event) for p in chosen)


def test_generic_names_alone_do_not_tie_a_passage_to_an_event() -> None:
    # "American" and "Soviet" are in a third of the events: together they are not enough.
    scores = relevance(_events(), "The Americans and the Soviets disagree.", "", NAMES)
    assert "nsc-68" not in scores and "moscow-conference" not in scores
    # A rare name is: Tibet.
    tibet = relevance(_events(), "The situation in Tibet is grave.", "", NAMES)
    assert {"prc-enters-tibet", "tibet-17-point-agreement"} <= set(tibet)


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        (
            "Not Peiping but Formosa? No: London has recognized Peking.",
            "1950-02-01",
            "uk-recognizes-prc",
        ),
        (
            "The GA resolution on the embargo of strategic materials to Communist China",
            "1951-06-01",
            "un-embargo-china",
        ),
        (
            "Nehru told our Ambassador that India would not join the San Francisco treaty.",
            "1950-01-10",
            "india-recognizes-prc",
        ),
        (
            "ChiComs continue to attack UN forces south of the Chongchon.",
            "1950-12-11",
            "chinese-offensive-1950",
        ),
    ],
)
def test_old_spellings_and_telegraphese_find_their_events(
    text: str, day: str, expected: str
) -> None:
    chosen = choose_before(_events(), dt.date.fromisoformat(day), text, "", NAMES)
    assert expected in [p.event.id for p in chosen], [p.event.id for p in chosen]


# ---- an event still going on -----------------------------------------------------------------


CABLE = """\
---
title: Telegram from the Embassy in London
type: telegram
author: A. Diplomat
recipient: Secretary of State
date: 1950-12-11
---
British opinion is deeply disturbed by the retreat of the United Nations forces before the
Chinese Communist armies in North Korea.
"""


@pytest.mark.slow
def test_cable_of_11_december_1950_finds_the_offensive_still_going_on(workspace: Path) -> None:
    write(workspace / "sources" / "cable.md", CABLE)
    write(
        workspace / "lessons" / "cable.yaml",
        "title: A cable of December 1950\ndocuments:\n  - source: cable\n"
        "    excerpt:\n      paragraphs: 1\n",
    )
    worksheet, key = _build(workspace, "cable")
    assert (
        "A massive Chinese offensive against UN forces in North Korea had begun on November 25, "
        "1950, two weeks earlier, and was still going on." in worksheet
    )
    assert "had driven UN forces out" not in worksheet
    # How and when the offensive ended comes after the cable: never on the student's copy.
    for later in ("24 Dec", "24 December", "Dec 24", "December 24", "Hungnam"):
        assert later not in worksheet, later
    assert "from Nov 25, 1950" in worksheet  # the picture's label (the default date style)


def test_ongoing_event_in_words() -> None:
    chosen = choose_before(
        _events(), dt.date(1949, 7, 1), "the airlift to Berlin goes on", "", NAMES
    )
    assert [p.event.id for p in chosen] == ["berlin-blockade"]
    assert chosen[0].ongoing  # the blockade was lifted in May 1949, the airlift went on
    assert chosen[0].sentence() == (
        "The Berlin airlift had begun on June 24, 1948, a year earlier, and was still going on."
    )


# ---- the built-in timelines --------------------------------------------------------------------


def test_builtin_timelines_are_cited_and_in_range() -> None:
    events = _events()
    assert len({e.id for e in events}) == len(events)  # no id in both files
    assert len(events) >= 100
    for event in events:
        assert event.citation and len(event.citation) > 20, event.id
        assert event.clause, event.id
        assert dt.date(1945, 1, 1) <= event.date.earliest <= dt.date(1953, 12, 31), event.id
        if event.end:
            assert event.name, f"{event.id}: a ranged event needs a `name`"
        if event.url:
            assert event.url.startswith("https://"), event.id


@pytest.mark.parametrize(
    ("event_id", "date"),
    [
        ("prc-proclaimed", "1949-10-01"),
        ("sino-soviet-treaty", "1950-02-14"),
        ("tibet-17-point-agreement", "1951-05-23"),
        ("prc-land-reform-law", "1950-06"),
        ("un-embargo-china", "1951-05-18"),
        ("seventh-fleet-taiwan", "1950-06-27"),
        ("un-names-prc-aggressor", "1951-02-01"),
        ("japan-peace-treaty", "1951-09-08"),
        ("uk-recognizes-prc", "1950-01-06"),
        ("anzus-signed", "1951-09-01"),
        ("colombo-plan-begins", "1951-07-01"),
        ("india-independence", "1947-08-15"),
        ("india-republic", "1950-01-26"),
        ("india-recognizes-prc", "1949-12-30"),
        ("chinese-offensive-1950", "1950-11-25"),
    ],
)
def test_new_anchor_dates(event_id: str, date: str) -> None:
    events = {e.id: e for e in _events()}
    assert events[event_id].date.iso() == date


def test_historians_corrections() -> None:
    events = {e.id: e for e in _events()}
    potsdam = events["potsdam-conference"].description
    assert "the United States, Britain and China call on Japan to surrender" in potsdam
    assert "Soviet Union, not yet at war with Japan, does not sign it" in potsdam
    berlin = events["berlin-blockade"]
    assert berlin.end is not None and berlin.end.iso() == "1949-09-30"
    assert "12 May 1949" in berlin.description and "30 September 1949" in berlin.description
    assert "8 July, Truman names General Douglas MacArthur" in events["un-command"].description
    test = events["soviet-thermonuclear-test"]
    assert "partly thermonuclear" in test.description and "first thermonuclear" not in (
        test.clause or ""
    )
    treaty = events["us-rok-defense-treaty"]
    assert "Syngman Rhee" not in treaty.people and "Rhee" not in treaty.description
    assert {"John Foster Dulles", "Pyun Yung-tai"} <= set(treaty.people)
    offensive = events["chinese-offensive-1950"]
    assert offensive.end is not None and offensive.end.iso() == "1950-12-24"


def test_what_came_next_includes_the_next_event_the_passage_is_about() -> None:
    day = dt.date(1951, 1, 10)
    text = "Reports from Lhasa say the Tibetan government may yet negotiate with Peking."
    after = choose_after(_events(), day, text, "", NAMES)
    ids = [p.event.id for p in after]
    assert "tibet-17-point-agreement" in ids
    assert ids[:2] == [p.event.id for p in choose_after(_events(), day)][:2]  # the next two
    assert [p.event.date.earliest for p in after] == sorted(p.event.date.earliest for p in after)


# ---- Australian and Commonwealth documents (issue 21) ---------------------------------------


def _dfat_body(name: str) -> str:
    """A DFAT text (../shared/corpus/dfat) without its head line, as the passage to place."""
    from tests.helpers import SHARED_CORPUS

    path = SHARED_CORPUS / "dfat" / name
    if not path.is_file():
        pytest.skip(f"needs {path}")
    return path.read_text(encoding="utf-8").split("\n", 1)[1]


@pytest.mark.parametrize(
    ("name", "day", "expected"),
    [
        # Eaton's despatch from Batavia on the Consular Commission and the Dutch-Republic talks
        ("v13-160.txt", "1948-06-03", {"renville-agreement", "good-offices-indonesia"}),
        # Ballard from Batavia, a month into the first Dutch offensive
        ("v11-292.txt", "1947-08-19", {"dutch-police-action-1947", "un-ceasefire-indonesia"}),
        # The Washington embassy on Australia's Colombo Plan aid, May 1951
        ("v24-169.txt", "1951-05-23", {"colombo-conference"}),
    ],
)
def test_australian_cables_get_their_own_context(name: str, day: str, expected: set) -> None:
    """Issue 21: no Australian or Commonwealth event appeared for Australian cables. The
    events the built-in timelines now hold on Indonesia, the Commonwealth and Australia are
    named for the cables that are about them."""
    text = _dfat_body(name)
    chosen = {
        p.event.id for p in choose_before(_events(), dt.date.fromisoformat(day), text, text, NAMES)
    }
    assert expected <= chosen, chosen


def test_an_australian_cable_is_not_tied_by_its_own_country() -> None:
    """'Australia', 'the Commonwealth' (meaning Australia's own government) and a minister's
    name in the address are in every Australian cable: the Colombo Plan's Consultative
    Committee at work in September 1950 is not about Australia's troops for Korea."""
    text = _dfat_body("v24-101.txt")
    chosen = {p.event.id for p in choose_before(_events(), dt.date(1950, 9, 18), text, text, NAMES)}
    assert "commonwealth-troops-korea" not in chosen and "colombo-conference" in chosen, chosen


# ---- events that lasted, in every interval sentence (issue 21) ------------------------------


def test_every_event_that_lasted_is_told_with_its_real_start_and_end() -> None:
    """ "Six weeks earlier, a massive Chinese offensive had driven UN forces out of North Korea"
    for a cable of 5 January 1951: six weeks from its start, but it ended on 24 December. Seen
    from after its end, every built-in event that lasted names its start and its end and how
    long before it ended; while it goes on, when it began; seen from before, the key's note
    gives both dates."""
    from dbq.generate.context import place, span_words

    lasted = [e for e in _events() if e.end is not None and e.end.latest > e.date.latest]
    assert len(lasted) >= 8
    for event in lasted:
        after = event.end.latest + dt.timedelta(days=12)  # type: ignore[union-attr]
        told = place(event, after).sentence()
        assert told.startswith(f"From {span_words(event.date, event.end)}, ending "), told
        during = place(event, event.end.earliest - dt.timedelta(days=1))  # type: ignore[union-attr]
        if during.relation == "before":
            assert "had begun" in during.sentence() and "still going on" in during.sentence()
        note = place(event, event.date.earliest - dt.timedelta(days=30)).note()
        assert note.startswith(span_words(event.date, event.end)), note
    offensive = next(e for e in lasted if e.id == "chinese-offensive-1950")
    assert place(offensive, dt.date(1951, 1, 5)).sentence() == (
        "From November 25 to December 24, 1950, ending twelve days earlier, a massive Chinese"
        " offensive had driven UN forces out of North Korea."
    )


# ---- what does not tie a passage to an event (bench/judged-context.md) -----------------------


@pytest.mark.parametrize(
    ("text", "day", "not_named"),
    [
        # the drafter's family name is not George C. Marshall's (judged box 15)
        (
            "Draft Telegram, Drafted by Charles Burton Marshall of the Policy Planning Staff. "
            "Instructions requested in your message are as follows.",
            "1951-06-19",
            "marshall-plan-proposed",
        ),
        # China and the Chinese Communists alone are not Tibet (judged boxes 8 and 13)
        (
            "Violent suppression of persons in opposition to the Communists has strengthened "
            "Communist control in China; the CPG denies arrested foreigners their rights.",
            "1951-08-15",
            "tibet-17-point-agreement",
        ),
        # "generally recognised" is not diplomatic recognition (judged box 4)
        (
            "It is generally recognised that the report will go to India and Pakistan first.",
            "1950-09-18",
            "india-recognizes-prc",
        ),
    ],
)
def test_what_does_not_tie_a_passage_to_an_event(text: str, day: str, not_named: str) -> None:
    chosen = {
        p.event.id for p in choose_before(_events(), dt.date.fromisoformat(day), text, text, NAMES)
    }
    assert not_named not in chosen, chosen


def test_the_same_forms_still_tie_what_they_should() -> None:
    """The rules above leave the ties that are right: Secretary Marshall's plan, Tibet by name,
    and recognition written as diplomats write it."""
    cases = [
        (
            "Secretary Marshall spoke of aid to Europe at Harvard.",
            "1947-07-01",
            "marshall-plan-proposed",
        ),
        (
            "The Dalai Lama may leave Tibet and disavow the agreement.",
            "1951-06-26",
            "tibet-17-point-agreement",
        ),
        (
            "New Delhi has recognized Peking; London will follow.",
            "1950-01-02",
            "india-recognizes-prc",
        ),
    ]
    for text, day, event in cases:
        chosen = {
            p.event.id
            for p in choose_before(_events(), dt.date.fromisoformat(day), text, text, NAMES)
        }
        assert event in chosen, (text, chosen)


def test_who_signed_or_received_a_document_is_not_what_it_is_about() -> None:
    """Judged box 4 of the second sample: a telegram on Americans held in China, signed
    'Acheson', was given Acheson's Pacific perimeter speech and the China White Paper. The
    signer's and the addressee's names never count; the same words in the text without them
    being the signer still do."""
    text = (
        "Dept expects send msg re situation Amers in China to FonMins fol powers. "
        "If FonOff has comment on our proposed msg pls inform soonest.\n\nAcheson"
    )
    day = dt.date(1951, 8, 28)
    signed = {p.event.id for p in choose_before(_events(), day, text, text, NAMES, "Acheson")}
    assert "acheson-perimeter-speech" not in signed, signed
    unsigned = {p.event.id for p in choose_before(_events(), day, text, text, NAMES)}
    assert "acheson-perimeter-speech" in unsigned, unsigned


@pytest.mark.parametrize(
    ("text", "day", "not_named"),
    [
        # Congress named as who acts is not McCarthy's speech (third sample, rows 8 and 12)
        (
            "Our friends in Congress will ask how much of the aid Congress appropriates "
            "reaches the forces on Formosa.",
            "1951-06-30",
            "mccarthy-wheeling",
        ),
        # "New Delhi" is India's capital named as where to ask, not Gandhi's death in Delhi
        (
            "FonOff asked UK HC New Delhi to obtain from MEA New Delhi what info he could.",
            "1951-08-17",
            "gandhi-assassinated",
        ),
        # the bare word "recognition" is not diplomatic recognition
        (
            "Nationalist Govt assumes new responsibility. This may be only recognition actual "
            "situation but again might be affected by US aid.",
            "1951-06-30",
            "soviet-un-boycott",
        ),
        # India's "intervention" for detained Americans is not China's entry into Korea
        (
            "GOI has passed on its mission's intervention on behalf of US nationals held in "
            "Peking.",
            "1951-10-15",
            "chinese-spring-offensive",
        ),
    ],
)
def test_actors_and_longer_names_do_not_tie(text: str, day: str, not_named: str) -> None:
    chosen = {
        p.event.id for p in choose_before(_events(), dt.date.fromisoformat(day), text, text, NAMES)
    }
    assert not_named not in chosen, chosen
