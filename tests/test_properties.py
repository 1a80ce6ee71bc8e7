"""Property tests: the YAML loader, the citation parser and the importer on any input.

Whatever text they get, they answer with data or located problems, never an exception,
and they never build more than the limits allow.
"""

from __future__ import annotations

import contextlib
import copy
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dbq.check import check_lessons
from dbq.errors import DbqError, Problem
from dbq.prepare.excerpts import MAX_PARAGRAPH, parse_paragraphs
from dbq.workspace.importer import import_text
from dbq.workspace.sources import load_source, write_source
from dbq.workspace.yamlio import load_yaml
from tests.helpers import REPO, SAMPLE_LESSON, lesson_pages

FAST = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Characters that make YAML structure, so examples reach the parser's corners quickly.
YAML_BITS = st.sampled_from(
    [
        "a",
        "b: ",
        "- ",
        "\n",
        "  ",
        "\t",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "&x ",
        "*x",
        "<<: ",
        "? ",
        "!!binary ",
        "!!python/object ",
        "!!timestamp ",
        '"',
        "'",
        "|",
        ">",
        "#",
        "---\n",
        "...\n",
        "%YAML 1.1\n",
        "1951-02-30",
        "\x1b",
        "\x00",
        "\ufeff",
        "é",
        "中",
        "99999999999999999999",
    ]
)
YAML_TEXT = st.one_of(st.text(max_size=200), st.lists(YAML_BITS, max_size=60).map("".join))


@FAST
@given(YAML_TEXT)
def test_yaml_loader_never_raises(text: str) -> None:
    located, problems = load_yaml(text, "f.yaml")
    assert all(isinstance(p, Problem) and p.path == "f.yaml" for p in problems)
    assert all(p.line >= 1 and p.col >= 1 for p in problems)
    if problems and problems[0].message.startswith(("YAML", "contains", "nested", "expands")):
        assert located.data is None


@FAST
@given(st.integers(min_value=2, max_value=12), st.integers(min_value=2, max_value=12))
def test_alias_bombs_of_any_shape_are_refused(width: int, levels: int) -> None:
    lines = ["a0: &a0 [" + ", ".join(["x"] * width) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    located, problems = load_yaml("\n".join(lines), "f.yaml")
    sizes = [1 + width]  # each list with its aliases written out
    for _ in range(levels):
        sizes.append(1 + width * sizes[-1])
    if 1 + sum(1 + size for size in sizes) > 200_000:  # the mapping, its keys and values
        assert problems and "expands to more than" in problems[0].message
    else:
        assert not problems and located.data is not None


PARAGRAPH_TEXT = st.one_of(
    st.text(alphabet="0123456789-–, x", max_size=40),
    st.integers(),
    st.lists(st.integers(), max_size=20),
    st.text(max_size=40),
)


@FAST
@given(PARAGRAPH_TEXT)
def test_paragraph_selector_is_bounded_or_an_error(value: str | int | list[int]) -> None:
    try:
        numbers = parse_paragraphs(value)
    except ValueError as exc:
        assert str(exc)
        return
    assert all(isinstance(n, int) for n in numbers)
    if isinstance(value, str):
        assert all(1 <= n <= MAX_PARAGRAPH or n == 0 for n in numbers)
        assert len(numbers) <= MAX_PARAGRAPH * (value.count(",") + 1)


TELEGRAM_BITS = st.sampled_from(
    [
        "CIPHERED TELEGRAM No. 25902\n",
        "Copies: Stalin (2)\n",
        "From Beijing Received 13:40 14.11.1951\n",
        "TO FILIPPOV\n",
        "MAO ZEDONG\n",
        "Secretary of State to the Embassy in Korea\n",
        "Washington, November 14, 1951—9 p.m.\n",
        "SECRET\n",
        "\n",
        "\r\n",
        "---\n",
        "title: x\n",
        "32. 31 February 1951\n",
        "Acheson\n",
        "The talks went on. ",
        "\x0c",
        "\u2028",
        "Москва ",
        "שלום ",
    ]
)
TELEGRAM = st.one_of(st.text(max_size=300), st.lists(TELEGRAM_BITS, max_size=40).map("".join))


@FAST
@given(TELEGRAM)
def test_importer_output_is_a_source_dbq_reads_back(tmp_path: Path, text: str) -> None:
    imported = import_text(text, "telegram.txt")
    assert isinstance(imported.body, str) and isinstance(imported.meta, dict)
    if not text.strip():
        return  # the command refuses empty files before the importer sees them
    try:
        path = write_source(tmp_path, "t", imported.meta, imported.body)
    except DbqError:
        return  # refused with a message: fine
    try:
        load_source(path, tmp_path)
    except DbqError as exc:
        assert exc.problems or exc.message  # an unreadable import is reported, not a crash


def _key_paths(data: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _key_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _key_paths(value, (*prefix, index))
    return found


SAMPLE = yaml.safe_load((REPO / "lessons" / f"{SAMPLE_LESSON}.yaml").read_text(encoding="utf-8"))
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(
        ["", "0", "-1", "1-100000000", "A", "ZZ", "essay", "multiple_choice", "{{ 7*7 }}"]
        + ["<script>", "../../x", "1951-02-30", "\n", "12-9", "numbers", "sourcing", "北京"]
    ),
    st.lists(st.sampled_from(["A", "B", "", "1", "9-10"]), max_size=3),
    st.dictionaries(st.sampled_from(["term", "definition", "ask", "x"]), st.text(max_size=5)),
)


@pytest.fixture(scope="module")
def sample_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "ws"
    shutil.copytree(REPO / "sources", root / "sources")
    (root / "lessons").mkdir()
    return root


@FAST
@given(st.lists(st.tuples(st.sampled_from(_key_paths(SAMPLE)), ODD_VALUES), min_size=1, max_size=5))
def test_any_value_in_any_lesson_field_is_checked_not_crashed(
    sample_ws: Path, changes: list[tuple[tuple, object]]
) -> None:
    data = copy.deepcopy(SAMPLE)
    for path, value in changes:
        target = data
        with contextlib.suppress(KeyError, IndexError, TypeError):
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = value
    lesson = sample_ws / "lessons" / "fuzz.yaml"
    lesson.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = check_lessons(sample_ws, ("fuzz",))
    assert all(isinstance(p, Problem) for p in report.problems)
    if report.failed:
        return
    pages = lesson_pages(sample_ws, "fuzz", "v")
    assert "{{" not in pages["worksheet"] or "{{ 7*7 }}" in yaml.safe_dump(data)
