"""The source format, paragraph numbering and the raw-telegram importer, on real texts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from dbq.importer import import_text
from dbq.sources import get_source, split_paragraphs
from tests.conftest import Run
from tests.helpers import KENNAN, SAMPLE_SOURCE, SEED, TRUMAN


def test_importer_reads_the_seed_telegram_header() -> None:
    found = import_text(SEED.read_text(encoding="utf-8"), SEED.name)
    meta = found.meta
    assert found.proposed_id == "1951-11-14-mao-to-filippov"
    assert meta["type"] == "telegram"
    assert meta["number"] == "25902"
    assert meta["copies"] == "Stalin (2)"
    assert meta["place"] == "Beijing"
    assert meta["received"] == dt.datetime(1951, 11, 14, 13, 40)
    assert meta["recipient_as"] == "Comrade Filippov"
    assert meta["recipient"] == "Stalin"
    assert meta["signature"] == "MAO ZEDONG"
    assert meta["author"] == "Mao Zedong"
    assert meta["outgoing_number"] == "5631"
    assert meta["date"] == dt.date(1951, 11, 14)
    assert "classification" in " ".join(found.missing)


def test_importer_reads_a_state_department_telegram() -> None:
    meta = import_text(KENNAN.read_text(encoding="utf-8"), KENNAN.name).meta
    assert meta["author"] == "Kennan"
    assert meta["recipient"] == "Secretary of State"
    assert meta["date"] == dt.date(1946, 2, 22)
    assert meta["place"] == "Moscow"
    assert meta["number"] == "511"
    assert meta["classification"] == "SECRET"
    assert meta["received"] == dt.datetime(1946, 2, 22, 15, 52)
    assert meta["signature"] == "KENNAN"
    assert "copies" not in meta and "recipient_as" not in meta


def test_importer_invents_nothing_for_a_speech() -> None:
    found = import_text(TRUMAN.read_text(encoding="utf-8"), TRUMAN.name)
    meta = found.meta
    assert meta["author"] == "Harry S. Truman"
    assert meta["date"] == dt.date(1951, 4, 11)  # from the file name
    for absent in ("number", "recipient", "place", "received", "signature", "copies"):
        assert absent not in meta
    # One paragraph per line in the raw text becomes blank-line separated paragraphs.
    paragraphs, _ = split_paragraphs(found.body)
    assert len(paragraphs) > 50
    assert paragraphs[2].startswith("I want to talk to you plainly tonight")
    assert all(not p.endswith(" ") for p in paragraphs)


@pytest.mark.parametrize("text", [KENNAN, TRUMAN, SEED])
def test_import_command_on_every_real_text(text: Path, run: Run, workspace: Path) -> None:
    result = run("sources", "import", str(text), "--id", "doc", "--force")
    assert result.exit_code == 0, result.output
    assert "found:" in result.output
    source = get_source(workspace, "doc")
    assert len(source.paragraphs) > 20
    front = (workspace / "sources" / "doc.md").read_text().split("---")[1]
    assert isinstance(yaml.safe_load(front), dict)


def test_import_refuses_to_overwrite(run: Run) -> None:
    result = run("sources", "import", str(SEED))
    assert result.exit_code == 1
    assert "already exists" in result.output and "--force" in result.output


def test_sources_list_and_show(run: Run) -> None:
    listing = run("sources", "list")
    assert SAMPLE_SOURCE in listing.output and "1951-11-14" in listing.output
    shown = run("sources", "show", SAMPLE_SOURCE)
    assert shown.exit_code == 0
    assert "¶  9  The main question in the negotiations" in shown.output
    assert "30 paragraphs" in shown.output


def test_show_unknown_source_lists_known_ones(run: Run) -> None:
    result = run("sources", "show", "mao")
    assert result.exit_code == 1
    assert f"no source 'mao' in sources/; the workspace has: {SAMPLE_SOURCE}" in result.output


def test_broken_front_matter_is_located(run: Run, workspace: Path) -> None:
    bad = workspace / "sources" / "bad.md"
    bad.write_text("---\ntitle: A\nautor: X\n---\nText.\n")
    result = run("sources", "list")
    assert result.exit_code == 1
    assert "sources/bad.md:3:1: autor: unknown key `autor`; did you mean `author`?" in result.output
