"""State Department forms of other FRUS volumes (issue 22), on texts made by hand.

There is no corpus of other years, so tests/data/frus-forms holds short texts taken from
the public-domain 1951 documents of tests/data/corpus/frus-1951 with only their *form*
changed to one other volumes print (tests/data/frus-forms/README.md lists each change), and
the fields a careful reader takes from each (truth.yaml). Every field the importer writes
must be the truth's; none may be invented; the archive marks must not reach the text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from dbq.workspace.importer import import_text
from dbq.workspace.sources import closing_start, split_paragraphs

FORMS = Path(__file__).parent.parent / "data" / "frus-forms"
TRUTH: dict = yaml.safe_load((FORMS / "truth.yaml").read_text(encoding="utf-8"))
FIELDS = (
    "type",
    "author",
    "author_role",
    "recipient",
    "recipient_role",
    "date",
    "time",
    "place",
    "place_editorial",
    "number",
    "classification",
    "markings",
    "signature",
    "archive",
    "repeated",
)


def _value(meta: dict, name: str) -> object:
    value = meta.get(name)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _expected(truth: dict, name: str) -> object:
    value = truth.get(name)
    if isinstance(value, dt.date):
        return value.isoformat()
    if name == "type" and value is None:
        return "document"  # the head does not say what it is: the generic type is honest
    return value


def test_the_forms_set_is_whole() -> None:
    assert sorted(TRUTH) == sorted(p.name for p in FORMS.glob("*.txt"))


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_each_form_imports_right(name: str) -> None:
    truth = TRUTH[name]
    imported = import_text((FORMS / name).read_text(encoding="utf-8"), name)
    meta = imported.meta
    wrong = {
        field: (_value(meta, field), _expected(truth, field))
        for field in FIELDS
        if _value(meta, field) != _expected(truth, field)
    }
    assert not wrong, wrong
    # The head says what the document is: its title comes from there, never the file name.
    assert "frus" not in meta["title"].lower() and Path(name).stem not in meta["title"]
    if "title" in truth:
        assert meta["title"] == truth["title"]
    assert imported.body.startswith(truth["body"]), imported.body[:80]
    # Archive marks are the front matter's only: a student never reads them.
    assert truth["archive"] not in imported.body
    # The signature closes the document: it is no numbered paragraph ('¶ 3  Holmes').
    if signature := truth.get("signature"):
        paragraphs, _ = split_paragraphs(imported.body)
        numbered = paragraphs[: closing_start(paragraphs, meta.get("signature")) - 1]
        assert all(p.strip() != signature for p in numbered), numbered[-1]
