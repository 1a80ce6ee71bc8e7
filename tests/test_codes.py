"""Problem codes: given where each problem is raised, listed in dbq/codes.py and docs/codes.md."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dbq.check import check_lessons
from dbq.codes import CODES, GROUPS
from tests.conftest import write
from tests.helpers import REPO, STEERE, STEERE_ID

PACKAGE = REPO / "dbq"
DOCS = REPO / "docs" / "codes.md"
CODE = re.compile(r"[A-Z]\d{3}")


def _modules() -> dict[str, ast.Module]:
    return {
        path.relative_to(REPO).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _uncoded(tree: ast.Module) -> list[str]:
    """The places in a module that make a problem without naming its code."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name, keywords = _called(node), {k.arg for k in node.keywords}
        if name == "replace" and "rule" in keywords:
            found.append(f"{node.lineno}: replace(rule=...) (write code=...)")
        elif "code" in keywords:
            continue
        elif name == "Problem" and len(node.args) < 7:  # the code is its 7th field
            found.append(f"{node.lineno}: Problem(...)")
        elif name == "problem" and isinstance(node.func, ast.Attribute):  # Located.problem
            found.append(f"{node.lineno}: .problem(...)")
        elif name in ("DbqError", "FileError", "InvalidValue"):
            found.append(f"{node.lineno}: {name}(...)")
    return found


def test_every_problem_is_given_its_code_where_it_is_raised() -> None:
    missing = {name: places for name, tree in _modules().items() if (places := _uncoded(tree))}
    assert not missing, f"pass code=... (a code of dbq/codes.py) at: {missing}"


def _raised_codes() -> dict[str, set[str]]:
    """Every code literal in the package outside the table itself, with the files naming it."""
    raised: dict[str, set[str]] = {}
    for name, tree in _modules().items():
        if name == "dbq/codes.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and CODE.fullmatch(str(node.value)):
                raised.setdefault(node.value, set()).add(name)
    return raised


def _documented() -> dict[str, tuple[str, str]]:
    """docs/codes.md's rows: code -> (meaning, the letter of the section it stands in)."""
    rows: dict[str, tuple[str, str]] = {}
    section = ""
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if heading := re.match(r"### ([A-Z]): ", line):
            section = heading.group(1)
        elif row := re.match(r"\| ([A-Z]\d{3}) \| ([^|]+?) \|", line):
            assert row.group(1) not in rows, f"{row.group(1)} is listed twice in docs/codes.md"
            rows[row.group(1)] = (row.group(2), section)
    return rows


def test_every_code_raised_is_in_the_table_and_documented_with_its_meaning() -> None:
    raised = _raised_codes()
    assert {"L001", "Y001", "C002", "R101", "P003", "X001"} <= set(raised)  # the scan works
    documented = _documented()
    for code, files in sorted(raised.items()):
        assert code in CODES, f"{code} (raised in {sorted(files)}) is not in dbq/codes.py"
        assert code in documented, f"{code} (raised in {sorted(files)}) is not in docs/codes.md"
    for code, meaning in CODES.items():
        said = documented[code][0] if code in documented else None
        assert said == meaning, f"{code}: docs/codes.md says {said!r}, dbq/codes.py {meaning!r}"
    assert set(documented) == set(CODES), "docs/codes.md lists a code dbq/codes.py does not"


def test_codes_are_grouped_by_their_letter() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for code, (_, section) in _documented().items():
        assert code[0] == section, f"{code} stands under ### {section}: in docs/codes.md"
    for letter, where in GROUPS.items():
        assert f"| {letter} | {where} |" in text, f"docs/codes.md does not explain {letter}"
    assert {code[0] for code in CODES} == set(GROUPS)
    assert "`ignore:`" in text and "Errors cannot be silenced" in text


# A lesson citing the Steere telegram (two paragraphs) correctly, for the cases to break.
GOOD = f"""\
title: Wool
documents:
  - source: {STEERE_ID}
    excerpt:
      paragraphs: 1
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A workspace of one source (no seed needed) and a good lesson."""
    write(tmp_path / "sources" / f"{STEERE_ID}.md", STEERE)
    write(tmp_path / "lessons" / "good.yaml", GOOD)
    return tmp_path


def _codes(root: Path, lesson: str | None = None) -> set[tuple[str, str, str]]:
    """(file, key, code) of every error `dbq check` finds."""
    report = check_lessons(root, (lesson,) if lesson else ())
    return {(p.path, p.key, p.code) for p in report.problems if p.severity == "error"}


EXCERPT = "documents[1].excerpt"


@pytest.mark.parametrize(
    ("text", "key", "code"),
    [
        (GOOD.replace("title:", "titel:"), "titel", "L001"),
        (GOOD.replace("title: Wool\n", ""), "title", "L002"),
        (GOOD + "labels: roman\n", "labels", "L003"),
        ("- a list\n", "", "L004"),
        (GOOD.replace("title: Wool", "title: [Wool"), "", "Y001"),
        (GOOD + "title: Again\n", "title", "Y004"),
        (GOOD.replace(STEERE_ID, "nope"), "documents[1].source", "C001"),
        (GOOD.replace("paragraphs: 1", "paragraphs: 3"), f"{EXCERPT}.paragraphs", "C002"),
        (GOOD.replace("paragraphs: 1", "from: Effect\n      to: Embassy"), f"{EXCERPT}.to", "C003"),
        # Codes the old guess from the wording got wrong: X001, C001 ("no source has that many
        # paragraphs"), X001 ("in the source but not in this excerpt").
        ("x: " + "[" * 70 + "]" * 70 + "\n", "", "Y005"),
        (GOOD.replace("paragraphs: 1", "paragraphs: 1-9999999"), f"{EXCERPT}.paragraphs", "C002"),
        (GOOD + "      cut: [Effect foregoing]\n", f"{EXCERPT}.cut[1]", "C004"),
    ],
)
def test_a_broken_lesson_gets_its_code(root: Path, text: str, key: str, code: str) -> None:
    write(root / "lessons" / "bad.yaml", text)
    assert ("lessons/bad.yaml", key, code) in _codes(root, "bad")


def test_a_file_dbq_cannot_decode_or_read(root: Path) -> None:
    (root / "lessons" / "latin1.yaml").write_bytes(GOOD.replace("Wool", "Été").encode("latin-1"))
    (root / "lessons" / "folder.yaml").mkdir()
    codes = _codes(root)
    assert ("lessons/latin1.yaml", "", "Y002") in codes
    assert ("lessons/folder.yaml", "", "Y009") in codes


def test_workspace_files_get_their_codes(root: Path) -> None:
    write(root / "dbq.yaml", "- page_size: a4\n")
    write(root / "sources" / "bare.md", "no front matter\n")
    write(root / "sources" / "listed.md", "---\n- title\n---\nText.\n")
    event = "  - {id: truce, date: 1951-07-10, label: Talks, description: Talks begin}\n"
    write(root / "timeline.yaml", "title: Korea\nevents:\n" + event + event)
    codes = _codes(root)
    assert ("dbq.yaml", "", "L004") in codes
    assert ("sources/bare.md", "", "S001") in codes
    assert ("sources/listed.md", "", "S001") in codes
    assert ("timeline.yaml", "events[2].id", "L005") in codes


def test_an_ignore_entry_that_names_no_code_is_an_error(root: Path) -> None:
    """A mistyped code would silence nothing without a word."""
    write(root / "dbq.yaml", "ignore: [G002, X999]\n")
    assert ("dbq.yaml", "ignore[2]", "L003") in _codes(root)
    write(root / "dbq.yaml", "ignore: [G002, R102]\n")
    assert not {code for code in _codes(root) if code[0] == "dbq.yaml"}
