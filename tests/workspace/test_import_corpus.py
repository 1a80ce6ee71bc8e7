"""The importer measured on 74 real FRUS 1951 documents against their ground truth.

tests/data/corpus/frus-1951/truth.json (a verbatim copy of ../shared/corpus/frus-1951/'s; see
tests/data/corpus/PROVENANCE.md) records each document's header facts from the TEI markup.
Every field counts as right, wrong (a value that differs: the worst outcome) or missing (left
out: the teacher fills it in).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from dbq.workspace.importer import import_text
from tests.helpers import CORPUS

FRUS = CORPUS / "frus-1951"
FIELDS = (
    "author",
    "author_title",
    "recipient",
    "date",
    "time",
    "place",
    "number",
    "classification",
    "other_markings",
    "signature",
)


def _corpus() -> tuple[dict, list[Path]]:
    truth_file = FRUS / "truth.json"
    if not truth_file.is_file():
        pytest.skip(f"the FRUS test corpus is not at {FRUS} (expected {truth_file})")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    return truth, sorted(FRUS.glob("*.txt"))


def _ours(meta: dict) -> dict:
    """The importer's front matter as truth.json names and writes the fields."""
    return {
        "author": meta.get("author"),
        # truth keeps the head's leading article ("The Chargé in India"); ours drops it.
        "author_title": meta.get("author_role"),
        "recipient": meta.get("recipient"),
        "date": meta["date"].isoformat() if meta.get("date") else None,
        "time": meta.get("time"),
        "place": meta.get("place"),
        "number": meta.get("number"),
        "classification": meta.get("classification"),
        "other_markings": meta.get("markings", []),
        "signature": meta.get("signature"),
    }


def _same(field: str, ours: object, truth: object) -> bool:
    if field == "author_title" and isinstance(truth, str) and isinstance(ours, str):
        return re.sub(r"^The\s+", "", truth) == ours
    return ours == truth


def score() -> tuple[dict[str, Counter], list[str], Counter]:
    """Per field: Counter(right, wrong, missing); the wrong values; editorial facts scored."""
    truth, files = _corpus()
    table = {field: Counter() for field in FIELDS}
    editorial: Counter = Counter()
    wrong: list[str] = []
    for path in files:
        expected = truth[path.name]
        meta = import_text(path.read_text(encoding="utf-8"), path.name).meta
        ours = _ours(meta)
        for field in FIELDS:
            want = expected[field] if field != "other_markings" else expected[field] or []
            got = ours[field]
            if _same(field, got, want):
                table[field]["right"] += 1
            elif got in (None, []):
                table[field]["missing"] += 1
            else:
                table[field]["wrong"] += 1
                wrong.append(f"{path.name} {field}: {got!r}, truth {want!r}")
        said = meta.get("place_editorial")
        want = expected["place_editorial_text"]
        editorial["right" if said == want else "missing" if said is None else "wrong"] += 1
    return table, wrong, editorial


def format_table(table: dict[str, Counter], editorial: Counter) -> str:
    """The per-field accuracy table, as the README prints it."""
    rows = ["| field | right | wrong | missing | accuracy |", "|---|---|---|---|---|"]
    total: Counter = Counter()
    for field, counts in table.items():
        total.update(counts)
        n = sum(counts.values())
        rows.append(
            f"| {field} | {counts['right']} | {counts['wrong']} | {counts['missing']} "
            f"| {counts['right'] / n:.1%} |"
        )
    n = sum(total.values())
    rows.append(
        f"| **all fields** | {total['right']} | {total['wrong']} | {total['missing']} "
        f"| {total['right'] / n:.1%} |"
    )
    n = sum(editorial.values())
    rows.append(
        f"| place_editorial (scored apart) | {editorial['right']} | {editorial['wrong']} "
        f"| {editorial['missing']} | {editorial['right'] / n:.1%} |"
    )
    return "\n".join(rows)


def test_frus_header_fields_meet_the_targets() -> None:
    table, wrong, editorial = score()
    print("\n" + format_table(table, editorial))
    for line in wrong:
        print("wrong:", line)
    total: Counter = Counter()
    for counts in table.values():
        total.update(counts)
    fields = sum(total.values())
    assert fields == 74 * len(FIELDS)
    assert total["right"] / fields >= 0.97, format_table(table, editorial)
    assert total["wrong"] * 200 <= fields, wrong
    assert editorial["wrong"] == 0
