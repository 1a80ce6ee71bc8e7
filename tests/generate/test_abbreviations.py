"""Abbreviations a document spells out itself are glossed with its own words (issue 21, item 3).

"AMC" in a 1951 memorandum of conversation was a term with no definition (a G001 hint), though
the memorandum writes "the Additional Measures Committee (AMC)".
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from dbq.cli import main
from dbq.generate.abbreviations import spelled_out
from tests.conftest import write
from tests.helpers import CORPUS


def test_initials_are_taken_only_when_the_name_spells_them() -> None:
    found = {
        t.term: t.definition
        for t in spelled_out(
            [
                "the United Nations Commission on Korea (UNCOK) met in Pusan.",
                "orders from the Supreme Commander for the Allied Powers (SCAP).",
                "Mr. Rusk (FE) said that the Department (see below) would wait.",
                "the Union of Soviet Socialist Republics (USSR) and the UNCOK (UN) again",
            ]
        )
    }
    assert found == {
        "UNCOK": "United Nations Commission on Korea.",
        "SCAP": "Supreme Commander for the Allied Powers.",
        "USSR": "Union of Soviet Socialist Republics.",
    }


def test_a_memorandum_glosses_the_committee_it_names(tmp_path: Path) -> None:
    root = tmp_path / "w"
    (root / "output").mkdir(parents=True)
    (root / "sources").mkdir()
    runner = CliRunner()
    source = CORPUS / "frus-1951" / "frus1951v07p2-d0279.txt"
    shutil.copy(source, tmp_path / "memo.txt")
    imported = runner.invoke(
        main, ["-C", str(root), "sources", "import", str(tmp_path / "memo.txt"), "--id", "memo"]
    )
    assert imported.exit_code == 0, imported.output
    write(
        root / "lessons" / "m.yaml",
        "title: M\ndocuments:\n  - source: memo\n    excerpt: {paragraphs: 1-8}\n",
    )
    checked = runner.invoke(main, ["-C", str(root), "check", "m"])
    assert '"AMC"' not in checked.output  # no longer a term that needs a definition
    built = runner.invoke(main, ["-C", str(root), "build", "m", "--html"])
    assert built.exit_code == 0, built.output
    key = (root / "output" / "m" / "m-answer-key.html").read_text(encoding="utf-8")
    # the committee's own entry, and the abbreviation the memorandum spells out is not a
    # second entry beside it
    assert "consider further measures against the Chinese Communist" in key
    assert "spelled out in the documents" not in key
