"""Whose words a sentence is (issue 20, item 2): real sentences of the corpus that relay,
report or quote, each with the speaker a question may name (None: not the author's words, not
asked about).

Sentences are quoted (some shortened) from ../shared/corpus (file named beside each) or,
for relayed heads of other FRUS years, from the issue's own examples; one is made in the form.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dbq.generate import textscan as ts
from dbq.generate.gist import gist, plain_words
from dbq.generate.speakers import author_offices, real_name, relayed_author, sentence_voices
from tests.conftest import write
from tests.helpers import composed_lesson

STATE = author_offices("", "Secretary of State")
EMBASSY = author_offices("Steere", "Chargé in India")

# (sentence, the document's voice, the author's offices, expected speaker)
ALONE = [
    # frus-1951 d0142, from Calcutta: the consul reports what Linn suggests
    (
        "Linn suggests Emb ask GOI soonest instruct Dayal (GOI rep Gangtok) to be prepared give "
        "Shakabpa assurances re willingness GOI receive DL.",
        "Wilson",
        frozenset(),
        None,
    ),
    # frus-1951: Bajpai's words, reported
    (
        "Bajpai said Pannikar had spoken several times recent weeks to Chi officials on importance "
        "for China to give considerate treatment fon natls if she wished achieve good will abroad.",
        "Steere",
        EMBASSY,
        None,
    ),
    # frus-1951: Nye's view, reported
    (
        "Nye said that he had expressed view to HMG following announcement Sino-Tib agreement that "
        "GOI wld accept it as fait accompli and take no action that might disturb relations with "
        "Chi Commies.",
        "Henderson",
        EMBASSY,
        None,
    ),
    # frus-1951 d0210, from the Secretary of State: "Dept" is the author's own office
    (
        "Dept concurs ur feeling Tibetan resistance likely be ineffective if DL remains Tibet.",
        "the Secretary of State",
        STATE,
        "the Secretary of State",
    ),
    # the same words in an embassy's cable would be the Department's view, not the author's
    (
        "Dept concurs ur feeling Tibetan resistance likely be ineffective if DL remains Tibet.",
        "Steere",
        EMBASSY,
        None,
    ),
    # frus-1951 d0213: telegraphese drops the "I"
    (
        "Believe Chi Govt reply Oct 12 (text sent Embtel 495, Oct 13) sets stage for adequate "
        "budget control.",
        "Rankin",
        EMBASSY,
        "Rankin",
    ),
    # dfat: the author reporting his own words
    (
        "I said that we felt emphatically a base should be in forward areas to be of any real use.",
        "Shedden",
        frozenset(),
        "Shedden",
    ),
    # the DFAT example ("It is therefore essential, in the American view, …"), its end
    # made up: a view the author gives as the Americans'
    (
        "It is therefore essential, in the American view, that the Commonwealth act at once.",
        "Percy Spender",
        frozenset(),
        None,
    ),
    # wilson-03: Mao's words, quoted in Terebin's telegram
    (
        "Summing up the aforesaid Mao Zedong stressed: “one needs to come to an agreement so that "
        "our political course fully coincides with the USSR.”",
        "Terebin",
        frozenset(),
        None,
    ),
    # wilson-10: what Zhou Enlai asked, reported
    (
        "Zhou Enlai asked to give great thanks to comrade Filippov for the advice.",
        "Roshchin",
        frozenset(),
        None,
    ),
    # frus-1951 d0218: "his understanding" is another man's view, as Steere reports it
    (
        "His understanding was Ind trade agent Yatung had been instructed (Embtel 302 July 21) "
        "pass to Dalai Lama info that GOI prepared accord asylum India.",
        "Steere",
        EMBASSY,
        None,
    ),
    # frus-1951: the embassy's own impression is the author's
    (
        "Emb impression was that Dalai Lama and family apprehensive his safety in event return "
        "Lhasa.",
        "Steere",
        EMBASSY,
        "Steere",
    ),
]


@pytest.mark.parametrize(("sentence", "voice", "offices", "expected"), ALONE)
def test_the_speaker_of_a_sentence(
    sentence: str, voice: str, offices: frozenset[str], expected: str | None
) -> None:
    assert sentence_voices([sentence], voice, ts.is_reported, offices) == [expected]


def test_a_quoted_directive_is_its_senders_words() -> None:
    """wilson-11: Gromyko's cable quotes Filippov's (Stalin's) directive, then speaks again."""
    sentences = [
        "On 20 November the following directive from Comrade Filippov [Stalin] was sent to "
        "Roshchin:",
        "“Explain to Mao Zedong and also to Kim Il Sung through Razuvaev, that there is indeed a "
        "difference between Vyshinsky's demand and the present position of the Chinese-Korean "
        "comrades.",
        "Vyshinsky could not speak otherwise in order to demonstrate the injustice of the USA "
        "position.",
        "Vyshinsky's position is advantageous to the Chinese-Korean comrades, since it "
        "demonstrates the greediness of the Americans.”",
        "In view of the fact that Comrade Roshchin does not have communications with you, MID "
        "[Ministry of Foreign Affairs] is sending the directive to you.",
    ]
    voices = sentence_voices(sentences, "Gromyko", ts.is_reported)
    assert voices[1:4] == ["Stalin", "Stalin", "Stalin"]
    assert voices[4] == "Gromyko"


def test_a_message_passed_on_is_the_authors_own() -> None:
    """wilson-04: 'Pass the following to Cde. MAO ZEDONG:' then Filippov's (Stalin's) text."""
    sentences = [
        "Pass the following to Cde. MAO ZEDONG:",
        "“To Cde. MAO ZEDONG. With great regret we have to inform you that the aircraft which "
        "left KULJA a few days ago suffered an accident.",
        "We are taking steps so that a new delegation is sent from KULJA to the Political "
        "Consultative Conference in BEIPING, although with fewer delegates.",
    ]
    voices = sentence_voices(sentences, "Stalin", ts.is_reported)
    assert voices[1:] == ["Stalin", "Stalin"]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (["For High Commissioner from Bunting."], "Bunting"),  # dfat v27-081
        (["For Feakes/Joseph; from Starey"], "Starey"),  # dfat v20-284
        (["This is Sebald's 1631.", "No. 12 from Rusk"], "Rusk"),  # the FRUS example
        (["Eyes only Secretary from Rusk."], "Rusk"),  # the FRUS example
        (["Personal for Menzies from Attlee."], "Attlee"),  # made in the form, not quoted
        (["For the Prime Minister [1] from the Prime Minister."], None),  # dfat v05-357: no name
        (["Dept concurs ur feeling Tibetan resistance likely be ineffective."], None),
    ],
)
def test_a_relayed_message_is_its_senders(head: list[str], expected: str | None) -> None:
    assert relayed_author(head) == expected


def test_a_cover_name_is_its_bearer() -> None:
    assert real_name("Filippov [Stalin]") == "Stalin"
    assert real_name("BEIPING [SIC]") == "BEIPING"
    assert real_name("Mao Zedong") == "Mao Zedong"


# --- keys that answer: what a sentence's form says (gist.py) ---------------------------------


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        (
            "We therefore propose that a listing of objectives be reintroduced into the paper.",
            "proposes that a listing of objectives be reintroduced into the paper",
        ),
        (
            "Believe it wld be unwise press Brit further on this point at present time.",
            "believes that it would be unwise press British further on this point at present time",
        ),
        (
            "It is our belief that Dalai Lama is both a symbol and potential leader of Asian "
            "resistance to Communism.",
            "thinks that Dalai Lama is both a symbol and potential leader of Asian resistance to "
            "Communism",
        ),
        (
            "In ur discretion recount very considerable nr of communications passed.",
            "tells the Embassy, as it sees fit, to recount very considerable number of "
            "communications passed",
        ),
        (
            "Request ur views soonest on the text of the proposed note to the Foreign Office.",
            "asks for your views soonest on the text of the proposed note to the Foreign Office",
        ),
        (
            "Request you inform FonOff of Dept's views.",
            "asks the Embassy to inform the Foreign Office of the Department's views",
        ),
        (
            "I also observed that if DL or Tib Govt did not soon reject agreement Tib autonomy wld "
            "be gone forever.",
            "reports saying that if DL or Tib Government did not soon reject agreement Tib "
            "autonomy would be gone forever",
        ),
        (
            "It wld be particularly desirable to include India because good relations with Peiping "
            "matter.",
            "gives this reason: because good relations with Peiping matter",
        ),
    ],
)
def test_a_sentence_form_gives_the_keys_answer(sentence: str, said: str) -> None:
    found = gist(sentence, "the Embassy")
    assert found is not None and found.said == said


@pytest.mark.parametrize(
    "sentence",
    [
        "Fear and lack of leadership have paralyzed many opposed to Communist regime.",  # no verb
        "If FonOff has comment on our proposed msg pls inform soonest.",  # a condition first
        "We assume you are coordinating.",  # too short to state anything
        "Did the Chinese accept the proposal at the meeting yesterday?",  # a question
    ],
)
def test_no_answer_is_made_up_for_other_forms(sentence: str) -> None:
    found = gist(sentence)
    assert found is None or found.form == "report"
    if found:
        assert "fears" not in found.said


def test_telegraphese_is_written_out_only_where_certain() -> None:
    assert (
        plain_words("The Dept shld inform GOI")
        == "The Department should inform the Government of India"
    )
    assert plain_words("Chi officials") == "Chi officials"  # Chinese or China: left as printed


RELAYED_SOURCE = """\
---
title: Telegram, The Acting Political Adviser in Japan (Sebald) to the Secretary of State
type: telegram
author: Sebald
author_role: Acting Political Adviser in Japan
recipient: Secretary of State
date: 1951-01-15
place: Tokyo
---
No. 12 from Rusk.

We therefore propose that the listing of objectives dropped at the last meeting be put back \
into the paper before it goes to the Council.

Believe it wld be unwise to press the British further on this point at the present time, \
since they have already agreed to the main lines of the plan.

Linn suggests Emb ask the Foreign Office at once to give its views on the whole question \
of the treaty.
"""

RELAYED_LESSON = """\
title: A relayed telegram
documents:
  - source: relayed
    excerpt:
      paragraphs: 1-4
generate:
  sourcing: 0
  contextualization: 0
  corroboration: 0
  close_reading: 2
"""


def test_questions_on_a_relayed_telegram_name_its_sender(workspace: Path) -> None:
    """Through real files: the close-reading questions and keys of a telegram relayed "from
    Rusk" name Rusk, never Sebald who sent it on; Linn's suggestion, reported, is not asked."""
    write(workspace / "sources" / "relayed.md", RELAYED_SOURCE)
    write(workspace / "lessons" / "relayed.yaml", RELAYED_LESSON)
    packet = composed_lesson(workspace, "relayed").packet
    reading = [q for q in packet.questions if q.skill == "Close reading" and not q.choices]
    assert reading, [q.ask for q in packet.questions]
    for question in reading:
        text = f"{question.ask} {question.answer}"
        assert "Rusk" in text and "Sebald" not in text, text
        assert "Linn" not in text
    assert any("Rusk proposes that the listing of objectives" in (q.answer or "") for q in reading)


def test_a_capital_is_a_post_abroad_only_for_a_diplomat_posted_there() -> None:
    """The place's key: an ambassador in London reports the British government at first hand;
    Mao in Beijing is that government, not an observer of it (the sample's generated lesson);
    a telegram from Washington to an embassy passes on instructions."""
    from dbq.generate.facts import _place_view
    from dbq.workspace.model import SourceMeta

    def view(author: str, role: str | None, place: str, recipient: str) -> str:
        meta = SourceMeta.model_validate(
            {
                "title": "t",
                "type": "telegram",
                "author": author,
                "author_role": role,
                "place": place,
                "recipient": recipient,
                "date": "1951-08-01",
            }
        )
        return _place_view(meta, {"author": author, "kind": "telegram"})

    assert "British government" in view("Holmes", "Chargé in the United Kingdom", "London", "X")
    assert "government said and did" not in view("Mao Zedong", None, "Beijing", "Stalin")
    assert "instructions" in view("Acheson", "Secretary of State", "Washington", "Embassy in India")
