"""One typographic voice: the packet's date style everywhere dbq writes a date, typographic
quotes and en dashes in dbq's own words, glossary terms bold in line-numbered excerpts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dbq.cli import main
from dbq.text.dates import DAY_MONTH, MONTH_DAY, date_style, short_span
from dbq.text.typography import typeset
from tests.helpers import pdf_text

LESSON = "mao-generated-1951"


def _build(root: Path, *extra: str) -> tuple[str, str]:
    result = CliRunner().invoke(main, ["-C", str(root), "build", LESSON, *extra])
    assert result.exit_code == 0, result.output
    out = root / "output" / LESSON / LESSON
    return pdf_text(Path(f"{out}-worksheet.pdf")), pdf_text(Path(f"{out}-answer-key.pdf"))


@pytest.mark.slow
def test_date_style_words_every_date_dbq_writes(sample_workspace: Path) -> None:
    sheet, key = _build(sample_workspace)
    assert "November 14, 1951" in sheet and "14 November 1951" not in sheet + key
    # dbq's words follow the style; the background it quotes keeps the teacher's words (the
    # sample now writes its own dates in the same style: L009 warns when it does not)
    assert "By November 14, 1951" in key and "began on June 25, 1950" in sheet
    (sample_workspace / "dbq.yaml").write_text("date_style: 14 November 1951\n", "utf-8")
    sheet, key = _build(sample_workspace)
    for text in (sheet, key):
        assert "14 November 1951" in text  # the source line and the generated questions
        assert "November 14, 1951" not in text
    assert "By 14 November 1951" in key


def test_a_wrong_date_style_is_a_located_error(sample_workspace: Path) -> None:
    (sample_workspace / "dbq.yaml").write_text("date_style: 14/11/1951\n", "utf-8")
    result = CliRunner().invoke(main, ["-C", str(sample_workspace), "check"])
    assert result.exit_code == 1
    assert "dbq.yaml:1:13: date_style:" in result.output


def test_timeline_labels_follow_the_style_with_en_dashes() -> None:
    with date_style(MONTH_DAY):
        assert short_span((1953, 4, 20), (1953, 5, 3)) == "Apr 20\u2013May 3, 1953"
        assert short_span((1953, 4, 20), (1953, 4, 27)) == "Apr 20\u201327, 1953"
    with date_style(DAY_MONTH):
        assert short_span((1953, 4, 20), (1953, 5, 3)) == "20 Apr\u20133 May 1953"
        assert short_span((1950, 8, None), (1950, 9, None)) == "Aug\u2013Sept 1950"


def test_typeset_quotes_apostrophes_and_year_ranges_not_iso_dates() -> None:
    text = typeset('"Fellow member": as in "Comrade Filippov". Mao\'s (1893-1976), 1950-06-25')
    assert text == (
        "\u201cFellow member\u201d: as in \u201cComrade Filippov\u201d. "
        "Mao\u2019s (1893\u20131976), 1950-06-25"
    )
    assert typeset("{author}'s 'regime'") == "{author}\u2019s \u2018regime\u2019"


@pytest.mark.slow
def test_builtin_definitions_print_typographic_quotes(sample_workspace: Path) -> None:
    _, key = _build(sample_workspace)
    assert "\u201cFellow member\u201d" in key  # the built-in glossary's entry for "comrade"
    assert '"Fellow member"' not in key


@pytest.mark.slow
def test_glossary_terms_are_bold_in_numbered_excerpts_without_moving_lines(
    sample_workspace: Path,
) -> None:
    _build(sample_workspace, "--html")
    html = (sample_workspace / "output" / LESSON / f"{LESSON}-worksheet.html").read_text("utf-8")
    numbered = html[html.index('class="excerpt numbered"') :]
    numbered = numbered[: numbered.index("</div>\n</div>")]
    terms = re.findall(r'<strong class="term">([^<]+)</strong>', numbered)
    assert terms, "no bold term in the numbered excerpt"
    from dbq.prepare.lines import number_lines, term_spans
    from tests.review.test_review import _composed

    packet = _composed(sample_workspace, LESSON).packet
    document = packet.documents[0]
    plain = [line.text for line in number_lines(document.excerpt)]
    bold = number_lines(document.excerpt, term_spans(document.passages))
    assert [line.text for line in bold] == plain  # same breaks, so "lines 3–5" still hold
    assert any(s.kind == "term" for line in bold for s in line.segments)
