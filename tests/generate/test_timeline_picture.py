"""The timeline picture never drops a document, at any spacing of dates; nothing after the
documents is dated in the worksheet's picture."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from dbq.cli import main
from dbq.generate.picture import Picture
from dbq.render.svg_timeline import picture_svg
from dbq.workspace.timelines import BUILTIN_TIMELINES, builtin_timeline
from tests.conftest import write
from tests.helpers import REPO, composed_lesson, pdf_text

LETTERS = "ABCDEFGHIJKL"

SPACINGS = {
    "a day apart": ["1951-01-05", "1951-01-06"],
    "same day and next day": ["1951-01-05", "1951-01-05", "1951-01-06"],
    "five in one month": ["1951-11-01", "1951-11-03", "1951-11-05", "1951-11-13", "1951-11-14"],
    "ten years apart": ["1945-03-01", "1955-03-01"],
    "three months apart": ["1950-12-11", "1951-01-05", "1951-04-11"],
    "twelve in a week": [
        f"1951-06-{d:02d}" for d in (20, 20, 21, 21, 22, 22, 23, 23, 24, 25, 26, 26)
    ],
    "cluster and a loner": ["1946-02-22", "1951-11-13", "1951-11-14", "1951-11-15"],
}


def _events() -> list:
    return [e for name in BUILTIN_TIMELINES for e in builtin_timeline(name).events]


def _picture(days: list[str], *, key: bool) -> Picture:
    """A picture like dbq draws: the documents by day, events around them."""
    dates = [dt.date.fromisoformat(d) for d in days]
    groups: dict[dt.date, list[str]] = {}
    for label, day in zip(LETTERS, dates, strict=False):
        groups.setdefault(day, []).append(label)
    first, last = min(dates), max(dates)
    start = first - dt.timedelta(days=max(60, (last - first).days // 10))
    end = last + dt.timedelta(days=max(40, (last - first).days // 9))
    shown = [e for e in _events() if start <= e.date.earliest and e.date.latest <= end]
    if not key:
        shown = [e for e in shown if e.date.latest <= last]
    return Picture(
        start,
        end,
        sorted(((labels, day) for day, labels in groups.items()), key=lambda g: g[1]),
        [(e, e.date.earliest > last) for e in shown[:13]],
        last if key else None,
        set(),
        None if key else last,
    )


def document_labels(texts: list[str]) -> set[str]:
    """The labels a picture's tags name: 'Document A', 'Documents A–C', 'Documents A, D'."""
    found: set[str] = set()
    for text in texts:
        match = re.fullmatch(r"Documents? (.+)", text.strip())
        if not match:
            continue
        for part in match.group(1).split(", "):
            if "\u2013" in part:
                low, high = part.split("\u2013")
                found.update(chr(c) for c in range(ord(low), ord(high) + 1))
            else:
                found.add(part)
    return found


@pytest.mark.parametrize("spacing", sorted(SPACINGS))
@pytest.mark.parametrize("key", [False, True])
def test_every_document_is_in_the_picture(spacing: str, key: bool) -> None:
    days = SPACINGS[spacing]
    svg, laid = picture_svg(_picture(days, key=key))
    texts = [t.text or "" for t in ET.fromstring(svg).iter() if t.tag.endswith("text")]
    assert document_labels(texts) == set(LETTERS[: len(days)]), (spacing, texts)
    assert not [m for m in laid.dropped if m.kind == "document"]
    tags = [d for d in laid.labels if d.mark.kind == "document"]
    for a in tags:  # shared tags never overlap either
        for b in tags:
            if a is not b:
                assert not a.box.overlaps(b.box), (a.mark.key, b.mark.key)
    # A tag shared by documents of different days says so: "Jan 5–6, 1951".
    for tag in tags:
        if len({p.start for p in tag.mark.points}) > 1:
            assert "\u2013" in tag.mark.date_text, tag.mark.date_text


def test_a_day_apart_share_one_tag_with_both_days() -> None:
    svg, laid = picture_svg(_picture(SPACINGS["a day apart"], key=False))
    tags = [d.mark for d in laid.labels if d.mark.kind == "document"]
    assert [(t.text, t.date_text) for t in tags] == [("Documents A, B", "Jan 5\u20136, 1951")]
    assert svg.count("<path d=") == 2  # each document still has its own marker on the axis


def test_worksheet_picture_dates_nothing_after_the_last_document() -> None:
    # On 11 December 1950 the Chinese offensive (25 November to 24 December) was going on.
    sheet, _ = picture_svg(_picture(["1950-12-11"], key=False))
    key, _ = picture_svg(_picture(["1950-12-11"], key=True))
    assert "from Nov 25, 1950" in sheet and "Dec 24" not in sheet
    assert "Nov 25\u2013Dec 24, 1950" in key


def _source(root: Path, name: str, day: str) -> None:
    write(
        root / "sources" / f"{name}.md",
        f"---\ntitle: Telegram {name}\ntype: telegram\nauthor: A. Diplomat\ndate: {day}\n---\n"
        "The armistice negotiations continue at Panmunjom.\n",
    )


@pytest.mark.slow
def test_five_documents_in_one_month_all_print(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    days = SPACINGS["five in one month"]
    docs = ""
    for index, day in enumerate(days):
        _source(root, f"t{index}", day)
        docs += f"  - source: t{index}\n    excerpt:\n      paragraphs: 1\n"
    write(root / "lessons" / "five.yaml", f"title: Five in a month\ndocuments:\n{docs}")
    result = CliRunner().invoke(main, ["-C", str(root), "build", "five", "--html"])
    assert result.exit_code == 0, result.output
    for kind in ("worksheet", "answer-key"):
        html = (root / "output" / "five" / f"five-{kind}.html").read_text(encoding="utf-8")
        svg = ET.fromstring(re.search(r"<svg .*?</svg>", html, re.S).group(0))
        texts = [t.text or "" for t in svg.iter() if t.tag.endswith("text")]
        assert document_labels(texts) == set("ABCDE"), texts
        printed = pdf_text(root / "output" / "five" / f"five-{kind}.pdf")
        tags = [t for t in texts if t.startswith("Document")]
        assert all(t in printed for t in tags), (tags, printed[:400])


def _svg_words(svg: str) -> str:
    """Every piece of text an SVG draws, joined by single spaces (a wrapped label reads whole)."""
    return " ".join(t.text or "" for t in ET.fromstring(svg).iter() if t.tag.endswith("text"))


@pytest.mark.parametrize("lesson", sorted(p.stem for p in (REPO / "lessons").glob("*.yaml")))
def test_the_keys_timeline_shows_every_event_the_students_one_does(lesson: str) -> None:
    """Issue 21: the key's line ran on to 1953, and the part before the documents, squeezed,
    could not fit the students' labels (3 of 11 missing on the flagship). In standard and
    large print, every event label the students' SVG draws, the key's SVG draws too."""
    from dbq.generate.timeline_layout import event_keys, lay_out_picture
    from dbq.render.context import LARGE_TIMELINE, context_view

    packet = composed_lesson(REPO, lesson).packet
    students, key = packet.views["students"], packet.views["key"]
    assert students.picture is not None and key.picture is not None
    later_somewhere = False
    for large in (False, True):
        width = students.width / (LARGE_TIMELINE if large else 1)
        sheet, answers = (
            lay_out_picture(students.picture, width),
            lay_out_picture(key.picture, width),
        )
        shown = event_keys(sheet)
        assert len(shown) >= 5, shown  # a picture worth checking
        assert shown <= event_keys(answers), (large, shown - event_keys(answers))
        # And in the SVGs the pages print, by the events' own words.
        sheet_words = _svg_words(str(context_view(students, large=large)["picture"]))
        key_words = _svg_words(str(context_view(key, large=large)["picture"]))
        labels = [e.label for e, _ in students.picture.events if e.id in shown]
        assert labels and all(label in sheet_words for label in labels)
        assert [x for x in labels if x not in key_words] == [], large
        later_somewhere |= any(d.mark.kind == "later" for d in answers.labels)
    assert later_somewhere  # the key still shows what came after, where it fits


def test_a_document_older_than_every_event_builds_without_a_picture(
    sample_workspace: Path,
) -> None:
    """Curtin's cable of 22 February 1942 (DFAT), three years before the first built-in event:
    the picture's line began at Yalta, after the document, and its layout raised an error that
    stopped the build. Now the lesson composes, the students' copy with no picture (nothing on
    it before the document) and a box that asks what was happening."""
    from tests.helpers import SHARED_CORPUS

    source = SHARED_CORPUS / "dfat" / "v05-357.txt"
    if not source.is_file():
        pytest.skip(f"needs {source}")
    imported = CliRunner().invoke(
        main, ["-C", str(sample_workspace), "sources", "import", str(source), "--id", "curtin42"]
    )
    assert imported.exit_code == 0, imported.output
    write(
        sample_workspace / "lessons" / "curtin.yaml",
        "title: T\ndocuments:\n  - source: curtin42\n    excerpt: {paragraphs: 1-2}\n",
    )
    packet = composed_lesson(sample_workspace, "curtin").packet
    students, key = packet.views["students"], packet.views["key"]
    assert students.timeline is None
    # The key may show what came after it: only that.
    shown = (
        [d.mark for d in key.timeline.labels if d.mark.kind != "document"] if key.timeline else []
    )
    assert all(m.kind == "later" and m.start > dt.date(1942, 2, 22) for m in shown), shown
    (box,) = students.documents.values()
    assert box.date == "February 22, 1942"
    assert [p.text for p in box.prompts if "What was happening" in p.text]
