"""Text the shipped fonts cannot print is a located warning and prints the same everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from dbq.assets import printable, replace_unprintable, unprintable
from tests.conftest import Run, write
from tests.helpers import SAMPLE_SOURCE, pdf_text

LESSON = f"""\
title: Scripts of the period
documents:
  - source: {SAMPLE_SOURCE}
    excerpt: {{paragraphs: "9"}}
    questions:
      - ask: Mao writes from Beijing; Stalin reads in Москва. Compare Ελλάδα.
        answer: Latin, Cyrillic and Greek print.
        points: 1
      - ask: "What do 北京 and שלום and سلام mean? 🙂"
        answer: They do not print.
        points: 1
"""


def test_shipped_fonts_cover_latin_greek_cyrillic_only() -> None:
    known = printable()
    for text in ("Zhou Enlai, Molotov", "é ñ ø ł ß", "Москва Сталин", "Ελλάδα", "— “ ” ‘ ’ … €"):
        assert not unprintable(text), text
    for char in "北京שלוםسلام🙂":
        assert ord(char) not in known
    assert replace_unprintable("<p>北京 ok</p>") == "<p>\ufffd\ufffd ok</p>"
    assert unprintable("tab\there\x0c") == []  # control characters print nothing anyway


@pytest.mark.slow
def test_unprintable_text_is_a_located_warning(run: Run, workspace: Path) -> None:
    write(workspace / "lessons" / "scripts.yaml", LESSON)
    result = run("build", "scripts", "--html")
    assert result.exit_code == 0, result.output
    assert "lessons/scripts.yaml:9:" in result.output
    for char in "北京שלוםسلام🙂":
        assert f"U+{ord(char):04X}" in result.output or "more" in result.output
    assert "Москва" not in result.output.split("lessons/scripts.yaml:9:")[1].split("\n")[0]
    html = (workspace / "output" / "scripts" / "scripts-worksheet.html").read_text()
    assert "北" not in html and "\ufffd" in html
    text = pdf_text(workspace / "output" / "scripts" / "scripts-worksheet.pdf")
    assert "Москва" in text and "Ελλάδα" in text
    strict = run("check", "scripts", "--strict")
    assert strict.exit_code == 1 and "cannot print" in strict.output


def test_unprintable_source_text_names_the_source_line(run: Run, workspace: Path) -> None:
    write(
        workspace / "sources" / "cn.md",
        "---\ntitle: A note\n---\nFirst paragraph, plain.\n\nSecond, with\nthe words 停战 in it.\n"
        "\nThird, with שלום, not quoted.\n",
    )
    lesson = LESSON.replace(SAMPLE_SOURCE, "cn").replace('"9"', '"1-2"')
    write(workspace / "lessons" / "cn.yaml", lesson.split('      - ask: "What')[0])
    result = run("check", "cn")
    assert "sources/cn.md:7:11: warning:" in result.output, result.output
    assert "停 (U+505C), 战 (U+6218)" in result.output
    assert "U+05E9" not in result.output  # the third paragraph does not print
