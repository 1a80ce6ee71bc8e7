"""The review of glossary entries (issue 21, item 4): G004, a name defined as a common word;
G005, a definition of another part of speech than the word's use in the text. Hand-made bad
entries, judged with the WordNet subset dbq ships (the real data, not a stand-in)."""

from __future__ import annotations

from dbq.generate.termtables import GlossEntry
from dbq.review.glossary import definition_pos, name_as_common_word, wrong_part_of_speech
from dbq.text.terms import parts_of_speech
from dbq.text.wordnet import shipped_wordnet


def entry(term: str, definition: str, **fields: object) -> GlossEntry:
    made = GlossEntry(term, definition, "WordNet 3.0", "term", "A", 2, 2.5, False)
    for key, value in fields.items():
        setattr(made, key, value)
    return made


def test_a_name_defined_as_the_common_word_is_reported() -> None:
    wordnet = shipped_wordnet()
    bread = "Slice of sweet raised bread baked again until it is brown and hard and crisp."
    rusk = entry("Rusk", bread, kind="name", surface="Rusk", name=True)
    assert name_as_common_word(rusk, wordnet)
    # the same gloss for the lower-case word is right; a name's own sense is no common word
    assert not name_as_common_word(entry("rusk", bread, surface="rusk"), wordnet)
    lhasa = wordnet.define(["Lhasa"], (), "", name=True)
    assert lhasa is not None
    assert not name_as_common_word(entry("Lhasa", lhasa, kind="name", surface="Lhasa"), wordnet)
    # a definition in a teacher's own words is not the dictionary's: not judged
    own = entry("Rusk", "Dean Rusk, Assistant Secretary of State.", kind="person", surface="Rusk")
    assert not name_as_common_word(own, wordnet)


def test_a_definition_of_another_part_of_speech_is_reported() -> None:
    wordnet = shipped_wordnet()
    assert parts_of_speech("augurs", "and", " well for the talks") == ("verb",)
    priest = "(ancient Rome) a religious official who interpreted omens to guide public policy."
    augur = entry("augur", priest, surface="augurs", pos=("verb",))
    assert wrong_part_of_speech(augur, wordnet) == "noun"
    right = entry("augur", "Indicate by signs.", surface="augurs", pos=("verb",))
    assert wrong_part_of_speech(right, wordnet) is None
    card = "(cards) the act of throwing out a useless card or of failing to follow suit."
    discard = entry("discard", card, surface="discard", pos=("verb",))
    assert wrong_part_of_speech(discard, wordnet) == "noun"
    # without a hint of the word's use nothing is judged
    assert wrong_part_of_speech(entry("discard", card, surface="discard"), wordnet) is None


def test_a_teacher_s_definition_shows_its_part_of_speech_by_its_wording() -> None:
    noun = entry("designate", "A person named to an office who has not yet taken it up.")
    assert definition_pos(noun, None) == "noun"
    assert definition_pos(entry("designate", "To name officially."), None) == "verb"
    assert definition_pos(entry("designate", "Appointed but not installed."), None) is None
    noun.pos = ("verb",)
    assert wrong_part_of_speech(noun, None) == "noun"
