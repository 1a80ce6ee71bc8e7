"""The importer measured on real documents of three archives against their ground truth.

- frus-1951: 74 FRUS 1951 documents (tests/data/corpus/frus-1951, a verbatim copy of
  ../shared/corpus/frus-1951; see tests/data/corpus/PROVENANCE.md), truth from the TEI markup;
- dfat: 35 cables and letters of Documents on Australian Foreign Policy, as copied from the
  series' web pages (../shared/corpus/dfat: read from ../shared only);
- wilson: 11 Soviet-bloc telegrams as the Wilson Center Digital Archive publishes them
  (../shared/corpus/wilson: read from ../shared only).

Every header field counts as right (the value, or nothing where the text states nothing),
wrong (a value that differs, or one the text does not state: the worst outcome) or missing
(left out: the teacher fills it in). Separately, every body paragraph that is editors'
apparatus (a footnote, the archive reference, the page's source citation) is counted: the
importer must put those in the front matter, never among the document's numbered paragraphs.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dbq.workspace.importer import import_text
from dbq.workspace.sources import closing_start, own_numbers, split_paragraphs
from tests.helpers import CORPUS, SHARED_CORPUS

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
# Page furniture of the Wilson Center's document pages (headings above the citation).
FURNITURE = re.compile(r"^(?:Document Information|Source|Author\(s\):|Original Archive:?)$")
# A footnote as the editions print it: '1 Document 25.', '[1] Not printed.', 'x/ …'.
FOOTNOTE = re.compile(r"^(?:\[\d{1,3}\]\s*|\d{1,3}\s+|x/\s*)\S")


@dataclass
class Score:
    """One folder's score: per field right/wrong/missing, and apparatus in the text."""

    fields: dict[str, Counter] = field(default_factory=lambda: {f: Counter() for f in FIELDS})
    wrong: list[str] = field(default_factory=list)
    editorial: Counter = field(default_factory=Counter)
    apparatus: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    paragraph_counts: Counter = field(default_factory=Counter)
    numbering: Counter = field(default_factory=Counter)
    documents: int = 0
    signers_as_authors: int = 0

    @property
    def total(self) -> Counter:
        total: Counter = Counter()
        for counts in self.fields.values():
            total.update(counts)
        return total


def _ours(meta: dict) -> dict:
    """The importer's front matter as truth.json names and writes the fields."""
    return {
        "author": meta.get("author"),
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


def _signer_as_author(ours: dict, expected: dict) -> bool:
    """The FRUS markup records no author where the head names only an office ('The Secretary
    of State to …'); the importer names the person who signs ('Acheson'), as issue 22 asks:
    right when it is the recorded signature, the head's office kept as author_role, and the
    signer signs for no one else."""
    signature = expected.get("signature")
    return bool(
        expected.get("author") is None
        and expected.get("author_title")
        and signature
        and not expected.get("signed_for")
        and ours.get("author") == " ".join(signature.split())
        and ours.get("author_title")
    )


def _same(field: str, ours: object, truth: object) -> bool:
    if isinstance(truth, str) and isinstance(ours, str):
        if field == "author_title":
            # truth keeps the head's leading article ("The Chargé in India"); ours drops it.
            return re.sub(r"^The\s+", "", truth) == ours
        if field == "place":
            # dfat's truth keeps the dateline's capitals (LONDON); the front matter writes a
            # place in capitals as a name (London): the same place.
            return ours.casefold() == truth.casefold()
    return ours == truth


def _apparatus(paragraph: str, expected: dict) -> bool:
    """Is a paragraph of the imported text editors' apparatus rather than the document?"""
    text = paragraph.strip()
    archive = expected.get("archive_reference")
    if text == expected.get("head"):
        return False  # the page's head line: header, scored by the fields above
    # A paragraph opening '1 …' is a footnote only where the editors print that many notes
    # ('20 October 1949 SAVEL’YEV' is a signature, '17 copies.' a registry line).
    note = FOOTNOTE.match(text)
    numbered = re.match(r"\[?(\d+)", text)
    if note and numbered and int(numbered.group(1)) > (expected.get("footnotes") or 0):
        note = None
    return bool(
        note
        or FURNITURE.match(text)
        or (archive and (archive in text or text in archive and len(text) > 12))
    )


def _folded(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def _closing_numbered(paragraphs: list[str], numbered: int, expected: dict) -> list[str]:
    """The signature line and what follows it (registry lines, stamps), where numbered.

    From the last short paragraph holding the true signature to the end (to the signature
    only where an attachment follows the document).
    """
    signature = expected.get("signature")
    if not signature:
        return []
    holding = [
        i for i, p in enumerate(paragraphs) if len(p) <= 120 and _folded(signature) in _folded(p)
    ]
    if not holding:
        return []
    end = holding[-1] + 1 if expected.get("has_attachment") else len(paragraphs)
    return [p for i, p in enumerate(paragraphs[:end]) if i >= holding[-1] and i < numbered]


def score(folder: Path) -> Score:
    truth_file = folder / "truth.json"
    if not truth_file.is_file():
        pytest.skip(f"the test corpus is not at {folder} (expected {truth_file})")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    result = Score()
    for path in sorted(folder.glob("*.txt")):
        expected = truth[path.name]
        imported = import_text(path.read_text(encoding="utf-8"), path.name)
        meta = imported.meta
        ours = _ours(meta)
        accept = expected.get("accept") or {}
        result.documents += 1
        for name in FIELDS:
            want = expected[name] if name != "other_markings" else expected[name] or []
            got = ours[name]
            alternatives = [want, *accept.get(name, [])]
            if want not in (None, []):
                result.fields[name]["stated"] += 1
            signer = name == "author" and _signer_as_author(ours, expected)
            result.signers_as_authors += signer
            if signer or any(_same(name, got, value) for value in alternatives):
                result.fields[name]["right"] += 1
                result.fields[name]["stated right"] += want not in (None, [])
            elif got in (None, []):
                result.fields[name]["missing"] += 1
            else:
                result.fields[name]["wrong"] += 1
                result.wrong.append(f"{path.name} {name}: {got!r}, truth {want!r}")
        if "place_editorial_text" in expected:
            said = meta.get("place_editorial")
            want = expected["place_editorial_text"]
            verdict = "right" if said == want else "missing" if said is None else "wrong"
            result.editorial[verdict] += 1
        paragraphs, _ = split_paragraphs(imported.body)
        numbered = closing_start(paragraphs, meta.get("signature")) - 1
        for paragraph in _closing_numbered(paragraphs, numbered, expected):
            result.closing.append(f"{path.name}: {paragraph.strip()[:60]!r}")
        result.paragraph_counts["right" if numbered == expected["paragraphs"] else "wrong"] += 1
        for paragraph in paragraphs:
            if _apparatus(paragraph, expected):
                result.apparatus.append(f"{path.name}: {paragraph.strip()[:60]!r}")
        if "own_numbering" in expected:
            said = bool(own_numbers(paragraphs[:numbered]))
            result.numbering["right" if said == expected["own_numbering"] else "wrong"] += 1
    return result


def format_table(score: Score) -> str:
    """The per-field accuracy table, as the README prints it."""
    rows = [
        "| field | right | wrong | missing | accuracy | stated: right of |",
        "|---|---|---|---|---|---|",
    ]
    for name, counts in [*score.fields.items(), ("**all fields**", score.total)]:
        n = counts["right"] + counts["wrong"] + counts["missing"]
        rows.append(
            f"| {name} | {counts['right']} | {counts['wrong']} | {counts['missing']} "
            f"| {counts['right'] / n:.1%} | {counts['stated right']} of {counts['stated']} |"
        )
    if score.editorial:
        e = score.editorial
        n = sum(e.values())
        rows.append(
            f"| place_editorial (scored apart) | {e['right']} | {e['wrong']} "
            f"| {e['missing']} | {e['right'] / n:.1%} | |"
        )
    if score.numbering:
        rows.append(
            f"| own paragraph numbering found | {score.numbering['right']} "
            f"| {score.numbering['wrong']} | | | |"
        )
    if score.signers_as_authors:
        rows.append(
            f"| author: the signer where the head names an office (right) "
            f"| {score.signers_as_authors} | | | | |"
        )
    rows.append(f"| apparatus lines numbered as paragraphs | {len(score.apparatus)} | | | | |")
    rows.append(f"| closing lines numbered as paragraphs | {len(score.closing)} | | | | |")
    counts = score.paragraph_counts
    rows.append(
        f"| numbered paragraphs as many as truth's | {counts['right']} | {counts['wrong']} | | | |"
    )
    return "\n".join(rows)


def _report(name: str, result: Score) -> None:
    print(f"\n{name} ({result.documents} documents)\n" + format_table(result))
    for line in result.wrong:
        print("wrong:", line)
    for line in result.apparatus:
        print("apparatus:", line)
    for line in result.closing:
        print("closing line numbered:", line)


def test_frus_header_fields_meet_the_targets() -> None:
    result = score(FRUS)
    _report("frus-1951", result)
    total = result.total
    assert total["right"] + total["wrong"] + total["missing"] == 74 * len(FIELDS)
    assert total["right"] == 74 * len(FIELDS), result.wrong
    assert result.editorial["wrong"] == 0
    assert not result.apparatus
    # d0221: a letter's signature with the Joint Chiefs' memorandum enclosed after it stays
    # numbered (the closing lines are found at the end of a source only).
    assert len(result.closing) <= 1, result.closing


def _meets_the_targets(result: Score) -> None:
    """Issue 22: at least 90% of fields right, none wrong, no apparatus among paragraphs."""
    total = result.total
    fields = total["right"] + total["wrong"] + total["missing"]
    assert total["right"] / fields >= 0.9, format_table(result)
    assert total["stated right"] / total["stated"] >= 0.9, format_table(result)
    assert total["wrong"] == 0, result.wrong
    assert not result.apparatus
    assert not result.closing


def test_dfat_header_fields() -> None:
    result = score(SHARED_CORPUS / "dfat")
    _report("dfat", result)
    assert result.documents == 35
    _meets_the_targets(result)


def test_wilson_header_fields() -> None:
    result = score(SHARED_CORPUS / "wilson")
    _report("wilson", result)
    assert result.documents == 11
    _meets_the_targets(result)
