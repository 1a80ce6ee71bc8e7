"""Citation selectors on the real seed and Kennan texts: paragraphs, spans, quotes, cuts."""

from __future__ import annotations

import pytest

from dbq.prepare.excerpts import CUT_MARK, contains, parse_paragraphs, resolve_excerpt
from dbq.workspace.importer import import_text
from dbq.workspace.model import Excerpt
from dbq.workspace.sources import Source, split_paragraphs
from tests.helpers import CORPUS, KENNAN, SEED


def _source(path=SEED) -> Source:
    imported = import_text(path.read_text(encoding="utf-8"), path.name)
    paragraphs, lines = split_paragraphs(imported.body)
    from dbq.workspace.model import SourceMeta

    return Source("s", path, SourceMeta(title="t"), paragraphs, lines)


def _resolve(source: Source, **spec):
    excerpt, issues = resolve_excerpt(source, Excerpt.model_validate(spec))
    assert not issues, issues
    return excerpt


@pytest.mark.parametrize(
    ("value", "numbers"),
    [(7, [7]), ("7-8", [7, 8]), ("3, 5-6", [3, 5, 6]), ([3, 5], [3, 5]), ("9–10", [9, 10])],
)
def test_paragraph_selectors(value, numbers) -> None:
    assert parse_paragraphs(value) == numbers


def test_backwards_range_is_refused() -> None:
    with pytest.raises(ValueError, match="runs backwards; write 8-9"):
        parse_paragraphs("9-8")


def test_paragraph_list_marks_the_gap() -> None:
    excerpt = _resolve(_source(), paragraphs=[22, 26])
    assert [p.number for p in excerpt.passages] == [22, 0, 26]
    assert excerpt.passages[1].text == CUT_MARK


def test_span_across_paragraphs() -> None:
    excerpt = _resolve(_source(), **{"from": "The main question", "to": "buffer zone. At present"})
    assert excerpt.paragraphs == [9, 10]
    assert excerpt.passages[0].text.startswith("The main question in the negotiations")
    assert excerpt.passages[1].text == "At present"


def test_matching_forgives_wrapping_quotes_and_dashes_only() -> None:
    kennan = _source(KENNAN)
    # The source has curly quotes and an em dash; the teacher typed straight ones and a hyphen,
    # and broke the line.
    excerpt = _resolve(kennan, quote=['antagonistic "capitalist\n   encirclement"'])
    assert excerpt.passages[0].text == "antagonistic \u201ccapitalist encirclement\u201d"
    assert contains("MOSCOW, February 22, 1946\u20149 p.m.", "February 22, 1946-9 p.m.")
    # Case and spelling are not forgiven.
    assert not contains("Capitalist world is beset", "capitalist world is beset")
    assert not contains("encirclement", "encirclment")


def test_cuts_become_marks_and_glosses_follow_their_phrase() -> None:
    excerpt = _resolve(
        _source(),
        paragraphs=9,
        cut=["with some alterations and"],
        gloss={"Kaesong": "a city near the 38th parallel"},
    )
    (passage,) = excerpt.passages
    kinds = [s.kind for s in passage.segments]
    assert kinds.count("cut") == 1 and kinds.count("gloss") == 1
    assert "front, [. . .] with the inclusion of the region of Kaesong" in passage.text
    gloss_at = kinds.index("gloss")
    assert passage.segments[gloss_at - 1].text.endswith("Kaesong")
    assert passage.segments[gloss_at + 1].text.startswith(" in the buffer zone")


def test_brackets_in_the_source_stay_plain_text() -> None:
    excerpt = _resolve(_source(), paragraphs=6)
    assert excerpt.passages[0].segments[0].kind == "text"
    assert "[Stalin]" in excerpt.passages[0].text


def test_quote_not_found_suggests_the_closest_passage() -> None:
    source = _source()
    excerpt, issues = resolve_excerpt(source, Excerpt(quote=["we intend to agree"]))
    assert excerpt is None
    ((loc, message),) = issues
    assert loc == ("quote", 0)
    assert 'closest passage (¶15) reads "We intend to agree"' in message


def test_selector_must_be_exactly_one_kind() -> None:
    with pytest.raises(ValueError, match="use only one of paragraphs, quote"):
        Excerpt.model_validate({"paragraphs": 3, "quote": "x"})
    with pytest.raises(ValueError, match="say what to quote"):
        Excerpt.model_validate({})


def test_cuts_in_a_row_print_one_mark() -> None:
    """Issue 23: two cuts with only a space between them printed "[. . .] [. . .]"."""
    source = _source()
    cuts = ["with some alterations and", "with the inclusion of the region of Kaesong"]
    (passage,) = _resolve(source, paragraphs=9, cut=cuts).passages
    assert passage.text.endswith("line of the front, [. . .] in the buffer zone.")
    # A paragraph whose end is cut, before a gap in the paragraphs: one mark, not a line more.
    excerpt = _resolve(source, paragraphs=[9, 11], cut=["in the buffer zone."])
    assert [p.number for p in excerpt.passages] == [9, 11]
    assert excerpt.passages[0].text.endswith("Kaesong [. . .]")


def test_a_document_that_numbers_its_paragraphs_prints_each_number_once() -> None:
    """Issue 23: "2  2. Economic stability…": the margin's number and the text's own."""
    source = _source(CORPUS / "frus-1951" / "frus1951v07p2-d0049.txt")
    number = next(index for index, own in source.own_numbers.items() if own == "2")
    assert source.paragraphs[number - 1].startswith("2. Economic stability")
    (passage,) = _resolve(source, paragraphs=number).passages
    assert passage.label == "2"
    assert passage.text.startswith("Economic stability is the product of psychological")


def test_an_adapted_text_written_in_a_yaml_block_prints_as_flowing_paragraphs(
    sample_workspace,
) -> None:
    """Issue 23: the tiered sample's adapted text kept the line breaks of its YAML block."""
    from tests.helpers import composed_lesson

    prepared = composed_lesson(sample_workspace, "mao-armistice-tiered-1951").prepared
    (adapted,) = [d.adaptation for d in prepared.documents if d.adaptation is not None]
    texts = [passage.text for passage in adapted.passages if passage.number]
    assert texts and all("\n" not in text for text in texts)
    assert texts[0].startswith("The main question in the talks is where to draw the")
    assert "The enemy first wanted the line far behind our troops." in texts[0]


def test_the_signature_closes_the_document_without_a_number() -> None:
    """Issue 22: "¶ 3  Holmes": the signature printed as the document's last paragraph."""
    from dbq.workspace.model import SourceMeta

    source = _source(CORPUS / "frus-1951" / "frus1951v07p2-d0109.txt")
    source.meta = SourceMeta(title="t", signature="Acheson")  # as the importer writes it
    last = len(source.paragraphs)
    assert source.paragraphs[-1] == "Acheson" and source.closing == last
    excerpt = _resolve(source, paragraphs=f"{last - 1}-{last}")
    assert [(p.mark, p.cited) for p in excerpt.passages] == [(str(last - 1), last - 1), ("", 0)]
    assert excerpt.passages[-1].text == "Acheson"  # printed as the document prints it
