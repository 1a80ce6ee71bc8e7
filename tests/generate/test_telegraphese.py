"""Finding and defining telegraphese, diplomatic phrases and names; dates after the document."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from dbq.generate.glossary import builtin_tables
from dbq.generate.later import states_later, student_definition
from dbq.generate.termtables import TermTable
from dbq.generate.vocabulary import DocumentInput, LessonGlossary, generate_glossary
from dbq.prepare.excerpts import Passage, Segment
from dbq.text.terms import term_key
from dbq.text.wordnet import find_dictionary, shipped_wordnet
from dbq.workspace.glossaries import builtin_glossary
from dbq.workspace.model import GlossaryOptions
from tests.helpers import REPO


@pytest.fixture(autouse=True)
def no_wordnet_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a fresh machine: only the WordNet subset shipped with dbq."""
    monkeypatch.delenv("WNSEARCHDIR", raising=False)


def glossary(*paragraphs: str, date: dt.date | None = None, **options: object) -> LessonGlossary:
    """The generated glossary of one document made of these paragraphs."""
    passages = [Passage(i + 1, [Segment("text", p)]) for i, p in enumerate(paragraphs)]
    settings = GlossaryOptions(questions=False, max_terms=40, **options)  # type: ignore[arg-type]
    tables = [TermTable.from_vocabulary([]), TermTable.from_glossary("workspace glossary", [])]
    document = DocumentInput("A", passages, date=date)
    return generate_glossary(
        [document], [*tables, *builtin_tables()], shipped_wordnet(), settings, "9-12"
    )


def found(*paragraphs: str, date: dt.date | None = None) -> dict[str, str | None]:
    """Term -> definition, as the generator finds them."""
    return {e.term: e.definition for e in glossary(*paragraphs, date=date).documents[0].entries}


def test_a_verb_is_not_the_glossary_s_adjective() -> None:
    # The writer's point is the opposite of Truman's policy: no "limited war" entry.
    terms = found("The Chinese Communists agreed to limit war-like activities near Hong Kong.")
    assert "limited war" not in terms
    terms = found("Both sides fought limited wars; the limited war in Korea went on.")
    assert "limited war" in terms


def test_capitalized_names_match_only_as_names() -> None:
    terms = found("Dislike is not related to Communist international policy but to prices.")
    assert not any("Comintern" in t or "International" in t for t in terms)


def test_foreign_phrases_stay_whole() -> None:
    terms = found(
        "The chargé d'affaires a.i. delivered a démarche and an aide-mémoire proposing a "
        "modus vivendi that would keep the status quo, a fait accompli in all but name."
    )
    for phrase in (
        "chargé d'affaires",
        "démarche",
        "aide-mémoire",
        "modus vivendi",
        "status quo",
        "fait accompli",
    ):
        assert terms.get(phrase), phrase
    assert not {"modus", "vivendi", "quo", "fait", "accompli", "aide"} & set(terms)


def test_a_dictionary_phrase_with_a_rare_word_is_one_term() -> None:
    terms = found("The envoy was declared persona non grata and left the capital.")
    assert "persona non grata" in terms  # built-in, but found whole either way
    dictionary = shipped_wordnet()
    assert dictionary is not None
    assert dictionary.phrase(["status", "quo"]) and not dictionary.phrase(["limit", "war"])


def test_telegraphese_is_found_and_expanded() -> None:
    terms = found(
        "Re Deptel 2027 and urtel 3398. Emb wld be preferable if ConGen Calcutta shld see "
        "Chi Commies polit moves soonest. Niact. Sent Dept 121; rptd info Delhi 114."
    )
    assert terms["Deptel"] and terms["Deptel"].startswith("Department telegram")
    assert terms["re"] == "About; concerning (Latin for \u201cin the matter of\u201d)."
    assert terms["urtel"] == "Your telegram."
    # A clipped spelling no reference lists (polit) is glossed from its attested use in FRUS
    # 1951; a modal verb without its vowels is a rule of spelling.
    assert terms["polit"] == "Political."
    assert terms["wld"] == "Would (spelled without its vowels, to save words in a telegram)."
    assert terms["shld"] and terms["shld"].startswith("Should")
    assert terms["Chi Commies"] and "Chinese Communists" in terms["Chi Commies"]
    assert terms["soonest"] == "As soon as possible."
    assert terms["niact"] and "Night action" in terms["niact"]
    assert terms["rptd info"] and terms["rptd info"].startswith("Repeated for information")
    assert terms["ConGen"] and "Consul General" in terms["ConGen"]
    assert "info" not in terms  # only "rptd info" is telegraphese; "info" alone is English


def test_everyday_info_is_not_a_term() -> None:
    assert "info" not in found("He will send further info to the embassy soon.")


def test_plural_of_a_telegram_word() -> None:
    terms = found("As confirmed in Contels 114 and 117 of August 13.")
    assert "Contel" in terms


def test_a_name_gets_no_common_noun_sense() -> None:
    terms = found("Yesterday Mr. Rusk saw the envoy in Lhasa.")
    assert terms.get("Rusk") is None  # not "slice of sweet raised bread"
    assert "Lhasa" in terms and "capital of Tibet" in (terms["Lhasa"] or "")


def test_sense_chosen_from_the_text_around_the_word() -> None:
    dictionary = shipped_wordnet()
    assert dictionary is not None
    plain = dictionary.define(["cadre"])
    military = dictionary.define(["cadre"], (), "young people volunteering for military cadre")
    assert plain and plain.startswith("A small unit serving as part of")
    assert military == "A nucleus of military personnel capable of expansion."


def test_fresh_machine_uses_the_shipped_dictionary() -> None:
    dictionary, notes = find_dictionary()
    assert dictionary is not None and dictionary.name == "WordNet 3.0" and notes == []
    terms = found(
        "Through unceasing indoctrination the regime manipulates youth; antagonism and "
        "procrastination grow, and the cadres are incessantly exhorted."
    )
    assert terms["indoctrination"] == "Teaching someone to accept doctrines uncritically."
    # Words of several senses, none of which the sentence shows, are left to the teacher.
    assert dictionary.senses(["antagonism"]) == 4 and "antagonism" not in terms


def test_dates_after_the_document() -> None:
    day = dt.date(1951, 2, 2)
    assert states_later("signed on 27 July 1953", day)
    assert states_later("in March 1951", day) and not states_later("in January 1951", day)
    assert not states_later("in 1951 and 1950", day)  # a year alone: later only after 1951
    assert states_later("on 3 February 1951", day) and not states_later("2 February 1951", day)
    assert not states_later("in 1953", None)  # no date: nothing to compare
    mao = (
        "Mao Zedong (1893-1976), leader of the Chinese Communist Party, who founded the "
        "People's Republic of China in 1949."
    )
    assert student_definition(mao, None, day, person=True) == mao.replace(
        "(1893-1976)", "(born 1893)"
    )
    assert student_definition(mao, None, dt.date(1946, 2, 22), person=True) is None


def test_worksheet_wording_of_builtin_entries() -> None:
    day = dt.date(1951, 2, 2)
    document = glossary(
        "The Security Council met; Stalin and Chiang Kai-shek and Panmunjom were named.",
        date=day,
    ).documents[0]
    entries = {e.term: e for e in document.entries}
    council = entries["Security Council"]
    assert council.later and "until 1971" in (council.definition or "")
    assert council.worksheet and "1971" not in council.worksheet
    assert "Nationalist government (the Republic of China)" in council.worksheet
    assert entries["Stalin"].worksheet == (
        "Joseph Stalin (born 1878), leader of the Soviet Union since the late 1920s."
    )
    assert "1975" not in (entries["Chiang Kai-shek"].worksheet or "")
    assert entries["Panmunjom"].worksheet is None  # talks held there from October 1951
    bold = [s.text for p in document.passages for s in p.segments if s.kind == "term"]
    assert "Stalin" in bold and "Panmunjom" not in bold  # no bold word the worksheet leaves out


def test_corrected_builtin_entries() -> None:
    by_term = {e.term: e.definition for e in builtin_glossary()}
    assert "until 1971" in by_term["Security Council"]
    assert "Nationalist government" in by_term["Security Council"]
    assert "no private ownership of land and factories" in by_term["communism"]
    assert "Mao Zedong\u2019s agreement, given in May 1950" in by_term["Kim Il Sung"]
    assert "a main reason China entered the war" in by_term["Yalu River"]
    assert "police action" in by_term and "Truman" in by_term["police action"]


def test_telegraphese_glossary_is_consistent_with_the_other() -> None:
    history = {term_key(s) for e in builtin_glossary() for s in [e.term, *e.forms]}
    entries = builtin_glossary("glossary-telegraphese.yaml")
    owner: dict[tuple[str, ...], str] = {}
    for entry in entries:
        for spelling in [entry.term, *entry.forms]:
            # Spellings of one term may share a key (bears out, bear out); two terms may not.
            assert owner.setdefault(term_key(spelling), entry.term) == entry.term, spelling
    assert not history & set(owner), "defined in both built-in glossaries"
    for entry in entries:
        assert entry.definition.strip().endswith((".", ".)", '."')), entry.term


def test_a_title_s_stop_does_not_open_a_sentence() -> None:
    terms = found("Ambassador Koo called on Mr. Rusk, and Dr. V. K. Koo saw the U.S. Embassy.")
    assert terms.get("Rusk") is None and "rusk" not in terms  # a name, not a slice of bread


def test_irregular_forms_are_looked_up() -> None:
    dictionary = shipped_wordnet()
    assert dictionary is not None
    assert (dictionary.define(["withheld"]) or "").startswith("Hold back")  # WordNet verb.exc
    assert dictionary.define(["countrymen"]) == "A man from your own country."


def test_shipped_dictionary_is_small_and_carries_its_licence() -> None:
    data = REPO / "dbq" / "data"
    assert (data / "wordnet-subset.zip").stat().st_size < 4_000_000  # a few MB at most
    licence = (data / "WORDNET-LICENSE").read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved." in licence
    assert "tools/make_wordnet_subset.py" in licence


def test_no_vocabulary_question_on_telegraphese() -> None:
    passages = [Passage(4, [Segment("text", "He wld not be justified; Emb will reiterate it.")])]
    tables = [TermTable.from_vocabulary([]), *builtin_tables()]
    options = GlossaryOptions(questions=True)
    document = DocumentInput("A", passages, date=dt.date(1951, 6, 29))
    result = generate_glossary([document], tables, shipped_wordnet(), options, "9-12")
    question = result.documents[0].question
    # "wld" is the rarest word, but the question is on "reiterate", with no telegraphese choice.
    assert question is not None and question.entry.term == "reiterate"
    assert not any(c in ("Would.", 'Embassy; "Embs" means embassies.') for c in question.choices)
    # a verb's choices are verbs, in the answer's own form ("To say, state, or perform again.")
    from dbq.generate.vocab_question import definition_shape

    assert {definition_shape(c) for c in question.choices} == {"verb"}
    assert all(c.startswith("To ") for c in question.choices), question.choices


def test_an_everyday_word_shared_by_chance_does_not_choose_the_sense() -> None:
    """'make' is in the text and in the physics gloss of "inclination"; that says nothing."""
    dictionary = shipped_wordnet()
    assert dictionary is not None
    text = "The Minister said his inclination was to make no statement until the talks resume."
    sense = dictionary.define(["inclination"], ("noun",), text)
    assert sense and "magnetic needle" not in sense and sense.startswith("An attitude of mind")


def test_a_word_before_a_number_names_a_paper() -> None:
    """'despatch 169' is a numbered report, not the verb 'send away'."""
    from dbq.text.terms import parts_of_speech

    assert parts_of_speech("despatch", "calcutta", " 169, October 13") == ("noun",)
    assert parts_of_speech("despatch", "our", " No. 204") == ("noun",)
    assert parts_of_speech("despatch", "government", " an observer") == ()
    assert parts_of_speech("massed", "", " 300,000 troops") == ("verb", "adj")  # still a verb
    terms = found("Re Calcutta despatch 169, October 13 and Contel 221, October 27 to Dept.")
    # the trade's own sense, cited from the Office of the Historian's list of terms
    assert (terms.get("despatch") or "").startswith("A written report that an embassy")


def test_a_paper_s_number_is_not_a_later_year() -> None:
    """'Deptel 2027' in the built-in definition once kept it off a 1951 worksheet."""
    from dbq.generate.later import states_later

    day = dt.date(1951, 10, 30)
    assert not states_later("Deptel 2027 is the Department's telegram number 2027.", day)
    assert not states_later("See telegram No. 1990 from Moscow.", day)
    assert states_later("The fighting ended in 1953.", day)
    entries = glossary("Re Deptel 566 September 10, procedure hampers shipment.", date=day)
    deptel = next(e for e in entries.documents[0].entries if e.term == "Deptel")
    assert not deptel.later and deptel.worksheet == deptel.definition


def test_every_telegraphese_entry_names_its_source() -> None:
    """Issue 21, item 3: at least 150 entries of the trade, each with a citation one can check."""
    entries = builtin_glossary("glossary-telegraphese.yaml")
    assert len(entries) >= 150
    unsourced = [e.term for e in entries if not (e.source and e.source.strip())]
    assert not unsourced
    # the lists of abbreviations are cited by page; the trade's own initials are all there
    terms = {e.term for e in entries}
    assert {"UNCOK", "COMNAVFE", "reftel", "Deptel", "urtel", "niact", "SCAP", "CINCFE"} <= terms
    assert {"HMG", "CRO", "UKHC", "FonOff"} <= terms
    for entry in entries:
        if entry.source and entry.source.startswith("FRUS") and "List of" in entry.source:
            assert ", p. " in entry.source, entry.term


@pytest.mark.parametrize("name", ["glossary-politics.yaml", "glossary-places.yaml"])
def test_every_entry_of_the_period_s_offices_and_places_names_its_source(name: str) -> None:
    entries = builtin_glossary(name)
    assert len(entries) >= 60
    assert not [e.term for e in entries if not (e.source and e.source.strip())]
    if name == "glossary-places.yaml":
        assert {e.kind for e in entries} == {"place"}


def test_everyday_words_in_the_sense_of_diplomatic_papers() -> None:
    # A general dictionary's first sense would be to teach, an urge, computer data.
    terms = found(
        "Dept instructed Emb to make representations to FonOff. The Dalai Lama made his "
        "decision under compulsion. The cargoes were offloaded at Bombay, and the Chiefs of "
        "Staff designated the 38th parallel as the line.",
    )
    assert (terms.get("instruct") or "").startswith("To order or direct officially")
    assert "protest" in (terms.get("representations") or "")
    assert (terms.get("compulsion") or "").startswith("Force or pressure")
    assert (terms.get("offload") or "").startswith("To unload cargo")
    assert "officially" in (terms.get("designate") or "")


def test_an_adjective_before_a_noun_gets_no_noun_sense() -> None:
    # "a southward advance" is not the compass point; "Malayan campaigns" no member of a people
    terms = found(
        "The Japanese are making a southward advance, and we fear a recurrence of the "
        "Greek and Malayan campaigns.",
        date=dt.date(1942, 2, 22),
    )
    assert "compass point" not in (terms.get("southward") or "")
    assert terms.get("Malayan") == "Of Malaya, the Malay Peninsula (“the Malayan campaign”)."


def test_initials_get_no_common_word_sense() -> None:
    # "PAP" is the People's Action Party, never the dictionary's "worthless ideas"
    terms = found("The Tunku will endeavour to maintain the PAP Government's position there.")
    assert "Worthless" not in (terms.get("PAP") or "")


def test_a_later_clause_is_cut_and_the_rest_printed() -> None:
    # WordNet's DDT: "An insecticide …; banned in the United States since 1972."
    entries = (
        glossary("Large shipments of drugs and DDT were reported.", date=dt.date(1951, 2, 2))
        .documents[0]
        .entries
    )
    ddt = next(e for e in entries if e.term == "DDT")
    assert ddt.worksheet == "An insecticide that is also toxic to animals and humans."
    assert "1972" in (ddt.definition or "")  # the key keeps it


def test_a_region_s_later_status_is_left_off_before_it() -> None:
    entries = (
        glossary("Our consul in Urumchi reports on Sinkiang.", date=dt.date(1949, 9, 2))
        .documents[0]
        .entries
    )
    sinkiang = next(e for e in entries if e.term == "Sinkiang (Xinjiang)")
    assert "Uighurs" in (sinkiang.worksheet or "")
    assert "1955" not in (sinkiang.worksheet or "") and "September" not in (
        sinkiang.worksheet or ""
    )


def test_offices_and_institutions_of_the_period_are_found_and_defined() -> None:
    """Issue 21, item 3: the offices, commands and conferences such papers name."""
    terms = found(
        "UKHC informs Commonwealth Relations Office Chiefs of Staff concur. Joint Chiefs of "
        "Staff consider Collective Measures Committee shld meet before First Committee. "
        "Legislative Yuan and Kuomintang leaders recalled Cairo Conference.",
        date=dt.date(1951, 2, 2),
    )
    assert terms["Commonwealth Relations Office"] and "Commonwealth countries" in (
        terms["Commonwealth Relations Office"] or ""
    )
    assert terms["Chiefs of Staff"] and terms["Joint Chiefs of Staff"]
    assert "U.S. Army" in (terms["Joint Chiefs of Staff"] or "")  # the longer name wins
    assert "Uniting for Peace" in (terms["Collective Measures Committee"] or "")
    assert "Political and Security Committee" in (terms["First Committee"] or "")
    assert "Republic of China" in (terms["Legislative Yuan"] or "")
    assert "Nationalist Party" in (terms["Kuomintang"] or "")
    assert "SEXTANT" in (terms["Cairo Conference"] or "")
    # a date after the document goes to the worksheet's undated wording
    entries = glossary("The Dominions Office replied.", date=dt.date(1942, 3, 1)).documents[0]
    office = next(e for e in entries.entries if e.term == "Dominions Office")
    assert office.later and office.worksheet and "1947" not in office.worksheet


def test_a_period_name_opening_a_sentence_is_no_common_word() -> None:
    # "Rusk said …" outside any office dates: no slice of bread; "Chou" is Zhou Enlai
    terms = found("Rusk said the matter was closed. Chou replied at once.")
    assert "bread" not in (terms.get("rusk") or terms.get("Rusk") or "")
    assert (terms.get("Chou (Zhou Enlai)") or "").startswith("Zhou Enlai")


def test_undated_wordings_are_typeset_as_definitions_are() -> None:
    from dbq.workspace.glossaries import TELEGRAPHESE

    undated = [
        t.undated for name in ("glossary.yaml", TELEGRAPHESE) for t in builtin_glossary(name)
    ]
    assert [u for u in undated if u], "some built-in entry has an undated wording"
    assert not [u for u in undated if u and ('"' in u or "'" in u)]


CLIPPED = "# --- Clipped words (attested in FRUS 1951) "
ATTESTED = re.compile(
    r'^FRUS 1951, vol\. VII, part 2, doc\. (\d+) \("(.+)"\) -- attested; the full word is '
    r"clear from the context$"
)


def clipped_entries() -> list[dict[str, object]]:
    """The entries of the telegraphese file's section of attested clipped words."""
    text = (REPO / "dbq" / "data" / "glossary-telegraphese.yaml").read_text(encoding="utf-8")
    section = text.split(CLIPPED, 1)[1].split("\n", 1)[1].split("\n  # ---", 1)[0]
    entries = yaml.safe_load(section)
    assert isinstance(entries, list)
    return entries


def test_clipped_words_of_telegrams_are_spelled_out() -> None:
    """Issue 21, item 3: "Reply not recd", "Tib auths", "econ polit and def objectives"."""
    terms = found(
        "Reply not recd. Tib auths had agreed to ratification; Amers in China. Fol from US "
        "mil liaison off: serious obstacle to those econ polit and def objectives. Subj "
        "treatment US natls discussed in convs with FonMin; ltr from Comite pls inform."
    )
    assert terms["recd"] == "Received."
    assert terms["Tib"] == "Tibet, or Tibetan; \u201cTibs\u201d means Tibetans."
    assert terms["auth"] and terms["auth"].startswith("Authority")
    assert terms["Amer"] and "Americans" in terms["Amer"]
    assert terms["fol"] and terms["fol"].startswith("Following")
    assert terms["mil"] == "Military."
    assert terms["econ"] == "Economic, or the economy."
    assert terms["def"] and terms["def"].startswith("Defense")
    assert terms["subj"] and terms["subj"].startswith("Subject")
    assert terms["natl"] and "nationals" in terms["natl"]
    assert terms["convs"] == "Conversations."
    assert terms["ltr"] and terms["ltr"].startswith("Letter")
    assert terms["comite"] == "Committee."
    assert terms["pls"] == "Please."
    # "tel" is a telegram; "Tel Aviv" the city (the longer entry is found first)
    terms = found("Accord Hong Kong tel 3768 June 13. Our Legation in Tel Aviv agrees.")
    assert terms["tel"] and terms["tel"].startswith("Telegram")
    assert (terms.get("Tel Aviv") or "").startswith("A city")


def test_everyday_english_gets_no_clipped_word() -> None:
    # Words these clippings could be mistaken for, or that share their letters: none is one.
    terms = found(
        "The general told the committee that the hens were back in the coop; nor did the "
        "fish lose a fin. A stab at the port in the den of Phil, Pak Hon-yong and the Viet "
        "Cong was no avail. Father Murphy wrote five min later to wash the Fr. pews in Tel "
        "Aviv."
    )
    clipped = {str(e["term"]) for e in clipped_entries()}
    assert not clipped & set(terms), clipped & set(terms)
    for word in ("coop", "nor", "fin", "stab", "port", "den", "Phil", "Pak", "Cong", "min", "tel"):
        assert word not in terms and word.lower() not in terms, word


def test_every_clipped_word_cites_its_attested_use() -> None:
    """Each source quotes a FRUS 1951 document that holds the quote and the clipping in it."""
    entries = clipped_entries()
    assert len(entries) >= 40
    corpus = REPO / "tests" / "data" / "corpus" / "frus-1951"
    for entry in entries:
        term = str(entry["term"])
        match = ATTESTED.match(" ".join(str(entry["source"]).split()))
        assert match, term
        document = corpus / f"frus1951v07p2-d{int(match.group(1)):04d}.txt"
        text = re.sub(r"\[\d+\]", "", document.read_text(encoding="utf-8"))
        quote = match.group(2)
        assert quote in " ".join(text.split()), term
        assert 6 <= len(quote.split()) <= 16, term
        spellings = [term, *(str(f) for f in entry.get("forms") or [])]
        used = [re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", quote, re.I) for s in spellings]
        assert any(used), term


def test_the_commonwealth_of_an_australian_paper_and_of_its_date() -> None:
    """ "The Commonwealth Shipping Line" of a 1925 letter is Australia's federal government's;
    the entry says so, and says nothing of India and Pakistan (1947) to a 1925 reader."""
    entries = (
        glossary(
            "Questions on the Commonwealth Shipping Line and the Commonwealth Arbitration Court.",
            date=dt.date(1925, 3, 1),
        )
        .documents[0]
        .entries
    )
    entry = next(e for e in entries if e.term == "Commonwealth")
    assert "federal government" in (entry.worksheet or "")
    assert "Pakistan" not in (entry.worksheet or "") and "Pakistan" in (entry.definition or "")


def test_a_sense_of_another_subject_is_no_sense_here() -> None:
    """WordNet's only adjective "emasculated" is a male animal's: in a telegram the word is
    the verb, "deprive of strength"; a sense labelled with a subject the text names stays."""
    terms = found("Nye said agreement emasculated Tib autonomy which we had recognized.")
    assert "testicles" not in str(terms)
    dictionary = shipped_wordnet()
    assert dictionary is not None
    verb = dictionary.define(["emasculate"], ("verb", "adj"), "agreement emasculated autonomy")
    assert verb == "Deprive of strength or vigor."
    assert dictionary is not None
    assert dictionary.has("emasculated", "adj", "the male animal was emasculated")
    assert not dictionary.has("emasculated", "adj", "agreement emasculated Tib autonomy")


def test_a_word_defined_by_its_own_stem_is_left_for_the_built_in_entry() -> None:
    from dbq.text.terms import is_circular

    # WordNet: "suzerainty: The position or authority of a suzerain."
    assert is_circular("suzerainty", "The position or authority of a suzerain.")
    definition = found("China claimed suzerainty over Tibet.")["suzerainty"]
    assert definition and "suzerain." not in definition and "foreign relations" in definition


def test_the_longer_name_is_the_one_glossed() -> None:
    """ "the National Security Council" is the U.S. council, not the UN Security Council."""
    terms = found("Refer this memorandum to the National Security Council for its advice.")
    assert "Security Council" not in terms
    assert "President" in (terms["National Security Council"] or "")


def test_a_territory_is_named_as_it_was_at_the_document_s_date() -> None:
    """North Borneo and Sarawak joined Malaysia on 16 September 1963: a cable of August
    1963 gets the British territory, with nothing of what came after."""
    before = glossary(
        "The Tunku wants Sarawak and North Borneo in Malaysia before the UN mission reports.",
        date=dt.date(1963, 8, 20),
    ).documents[0]
    printed = {e.term: e.worksheet or e.definition for e in before.entries}
    borneo = "The northern tip of the island of Borneo, under British rule."
    assert printed["North Borneo"] == borneo
    assert "16 September 1963" not in (printed["Sarawak"] or "")
    assert "Brooke" in (printed["Sarawak"] or "")
    assert "region of Malaysia" not in str(printed)


def test_a_british_spelling_has_the_american_spelling_s_senses() -> None:
    """WordNet files "realisation" with a musical composition first; "realization" with
    understanding. "apprise" keeps its own senses: "apprize" is also "value highly"."""
    dictionary = shipped_wordnet()
    assert dictionary is not None
    assert dictionary.define(["realisation"]) == (
        "Coming to understand something clearly and distinctly."
    )
    assert dictionary.phrase(["galvanised", "iron"])
    assert dictionary.define(["apprise"]) == "Inform (somebody) of something."


def test_a_proper_adjective_before_a_noun_is_the_adjective() -> None:
    from dbq.text.terms import parts_of_speech

    assert parts_of_speech("Asiatic", "in", " matters of this kind") == ("adj",)
    terms = found("India would not join a joint approach on Asiatic matters.")
    assert "inhabitant" not in (terms.get("Asiatic") or "")


def test_no_sense_the_text_does_not_show_is_printed() -> None:
    """ "prune severely the defence bill": WordNet's senses of "prune" are the gardener's and
    the fruit; the sentence shows neither, so the entry is left to the teacher, who is told
    how many senses there are; a word of one sense, or a sense the sentence shows, is printed."""
    result = glossary("The Treasury will prune severely the defence bill and the austerity plan.")
    document = result.documents[0]
    assert "prune" not in {e.term for e in document.entries}
    left = {e.term: e.senses for e in document.missing}
    assert left.get("prune", 0) > 1
    military = found("young people volunteering for military cadre")
    assert military["cadre"] == "A nucleus of military personnel capable of expansion."


def test_two_forms_of_one_entry_are_one_entry() -> None:
    """ "Chargé d'Affaires" and "Chargé" in one telegram: one entry, not the same one twice."""
    document = glossary(
        "The Chargé d'Affaires called on Bajpai today. Later the Chargé saw the Minister."
    ).documents[0]
    terms = [e.term for e in document.entries]
    assert terms.count("chargé d'affaires") == 1, terms


def test_indochina_is_french_indochina_of_the_period() -> None:
    """WordNet's Indochina includes Myanmar, Malaysia and Thailand: not what a 1951 paper
    means; the French war there is not told to a paper of 1945."""
    terms = found("Communist pressure on Indochina and Dairen grew.", date=dt.date(1951, 1, 17))
    assert "Laos and Cambodia" in (terms["Indochina"] or "") and "Myanmar" not in str(terms)
    early = glossary("The Japanese left Indochina.", date=dt.date(1945, 9, 1)).documents[0]
    printed = {e.term: e.worksheet for e in early.entries}
    assert printed["Indochina"] and "Viet Minh" not in printed["Indochina"]
    assert "1954" not in printed["Indochina"]


def test_an_abbreviation_and_its_full_name_are_one_entry() -> None:
    """ "the United Nations" and "UN" in one paper: one entry, the first in the text; an
    abbreviation alone is still explained."""
    both = found("The United Nations met. The UN resolution passed.", date=dt.date(1951, 2, 1))
    assert "United Nations" in both and "UN" not in both
    first = found("The UN resolution passed. The United Nations met.", date=dt.date(1951, 2, 1))
    assert "UN" in first and "United Nations" not in first
    alone = found("The UN resolution passed.", date=dt.date(1951, 2, 1))
    assert (alone["UN"] or "").startswith("The United Nations")
    # an abbreviation whose definition only begins with another entry's name is its own
    both = found("The United Nations met. UNCOK reported.", date=dt.date(1951, 2, 1))
    assert "UNCOK" in both and "United Nations" in both


def test_a_soviet_telegram_s_cde_is_comrade() -> None:
    terms = found("Kovalev to Cde. Filippov. Copy to Cde. Bulganin.", date=dt.date(1949, 12, 1))
    assert (terms["Cde (comrade)"] or "").startswith("“Fellow member”")


def test_a_place_and_its_other_spelling_in_brackets_are_one_entry() -> None:
    """An editor's "Karasahr [Yanqi]": one entry, not the same town twice."""
    document = glossary("The troops reached Karasahr [Yanqi].", date=dt.date(1949, 12, 1))
    terms = [e.term for e in document.documents[0].entries]
    assert terms == ["Karasahr"], terms


def test_a_person_s_or_a_place_s_name_is_only_a_capitalized_word() -> None:
    """The who's who's "Dill" (Sir John Dill) is not the herb; "Darwin" is a town, "darwin"
    nothing."""
    from dbq.generate.whoswho import builtin_people, people_at

    date = dt.date(1942, 2, 1)
    people = TermTable.from_glossary("built-in glossary", people_at(list(builtin_people()), [date]))
    tables = [TermTable.from_vocabulary([]), people, *builtin_tables()]

    def terms(text: str) -> list[str]:
        passages = [Passage(1, [Segment("text", text)])]
        options = GlossaryOptions(questions=False, max_terms=40)
        made = generate_glossary([DocumentInput("A", passages, date=date)], tables, None, options)
        return [e.term for e in made.documents[0].entries]

    assert terms("Dill's statement was read out before the troops left Darwin.") == [
        "Sir John Dill",
        "Darwin",
    ]
    assert terms("The soup was seasoned with dill; darwin is no word.") == []
