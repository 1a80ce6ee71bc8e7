"""One date style per packet: a lesson's own dates against dbq.yaml's `date_style` (issue 23)."""

from __future__ import annotations

from pathlib import Path

from dbq.check import check_lessons
from tests.conftest import write
from tests.helpers import STEERE, STEERE_ID

LESSON = f"""\
title: Wool
background: |
  The Korean War began on {{date}}, when North Korean forces invaded South Korea.
documents:
  - source: {STEERE_ID}
    excerpt:
      paragraphs: 1
"""


def _warnings(root: Path, date: str, settings: str = "") -> list[str]:
    write(root / "sources" / f"{STEERE_ID}.md", STEERE)
    write(root / "lessons" / "wool.yaml", LESSON.replace("{date}", date))
    write(root / "dbq.yaml", settings)
    report = check_lessons(root, ())
    return [str(p) for p in report.problems if p.code == "L009"]


def test_a_day_first_date_under_the_default_style_is_a_located_warning(tmp_path: Path) -> None:
    (warning,) = _warnings(tmp_path, "25 June 1950")
    assert warning.startswith("lessons/wool.yaml:3:27: warning: “25 June 1950” is written day")
    assert "write `date_style: 14 November 1951` in dbq.yaml" in warning


def test_dates_in_the_style_dbq_writes_are_quiet(tmp_path: Path) -> None:
    assert _warnings(tmp_path, "June 25, 1950") == []
    assert _warnings(tmp_path, "25 June 1950", "date_style: 14 November 1951\n") == []


def test_a_month_first_date_under_the_day_first_style_is_a_warning(tmp_path: Path) -> None:
    (warning,) = _warnings(tmp_path, "June 25, 1950", "date_style: 14 November 1951\n")
    assert "“June 25, 1950” is written month first" in warning
    assert "write `date_style: November 14, 1951`" in warning
