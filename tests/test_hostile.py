"""Hostile workspaces: whatever the files hold, dbq answers with a located message.

No traceback, no hang, no memory blow-up, nothing read, written or run outside the
workspace, and the PDFs of an earlier build left intact (see tests/hostile.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import SAMPLE_SOURCE
from tests.hostile import LESSON, Hostile, make_base


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_base(tmp_path_factory.mktemp("base") / "ws")


@pytest.fixture
def ws(base: Path, tmp_path: Path) -> Hostile:
    return Hostile(base, tmp_path)


def _alias_bomb() -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def _merge_bomb() -> str:
    lines = ["m0: &m0 {x: 1, y: 2}"]
    for level in range(1, 8):
        refs = ", ".join([f"*m{level - 1}"] * 9)
        lines.append(f"m{level}: &m{level} {{<<: [{refs}]}}")
    return "\n".join(lines) + "\n"


PAYLOADS: dict[str, str | bytes] = {
    "alias-bomb": _alias_bomb(),
    "merge-key-bomb": _merge_bomb(),
    "alias-cycle": "title: &t [*t]\n",
    "nested-500-flow": "title: " + "[" * 500 + "]" * 500 + "\n",
    "nested-200-block": "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "x\n",
    "escape-char": "title: a\x1bb\n",
    "nul-byte": "title: a\x00b\n",
    "form-feed": "title: a\x0cb\n",
    "vertical-tab": "title: a\x0bb\n",
    "invalid-utf8": b"title: caf\xe9 \xff\xfe\n",
    "utf16-bom": "title: x\n".encode("utf-16"),
    "huge-file": "title: x\n" + "# padding\n" * 500_000,
    "python-tag": "title: !!python/object/apply:os.system [echo PWNED]\n",
    "binary-tag": "title: !!binary '@@@'\n",
    "impossible-date": "date: 1951-02-30\n",
    "huge-integer": "title: " + "9" * 5000 + "\n",
    "unhashable-key": "{[1, 2]: x}\n",
    "list-at-top": "- a\n- b\n",
    "text-at-top": "just some words\n",
    "tab-indent": "title:\n\tx: 1\n",
    "unclosed-quote": 'title: "never closed\n',
}

# Where each YAML payload goes; {} is the payload.
PLACES = {
    "lesson": "lessons/bad.yaml",
    "settings": "dbq.yaml",
    "glossary": "glossary.yaml",
    "timeline": "timeline.yaml",
    "unit": "units/bad.yaml",
    "source": "sources/bad.md",
}


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_hostile_yaml_is_a_located_error(ws: Hostile, place: str, payload: str) -> None:
    data = PAYLOADS[payload]
    if place == "source":
        data = (b"---\n" if isinstance(data, bytes) else "---\n") + data
        data += b"---\nSome text.\n" if isinstance(data, bytes) else "---\nSome text.\n"
    ws.write(PLACES[place], data)
    result = ws.run("check")
    name = Path(PLACES[place]).name
    if payload in ("text-at-top",) and place == "source":
        return  # a plain title line in front matter is an error elsewhere; only no crash
    assert result.code == 1 or payload in {"list-at-top", "tab-indent", "binary-tag"}, result.output
    if result.code == 1 and place != "unit":
        assert name in result.output, result.output


def test_one_bad_lesson_does_not_stop_the_others(ws: Hostile) -> None:
    ws.write("lessons/bomb.yaml", _alias_bomb())
    ws.write("lessons/deep.yaml", "title: " + "[" * 500 + "]" * 500)
    ws.write("lessons/other.yaml", LESSON.replace("A good lesson", "Another lesson"))
    result = ws.run("build", "-j", "1")
    assert result.code == 1
    assert "lessons/bomb.yaml" in result.output and "lessons/deep.yaml" in result.output
    assert (ws.root / "output" / "other" / "other-worksheet.pdf").is_file()
    assert ws.intact()


def test_paragraph_range_is_checked_before_it_is_built(ws: Hostile) -> None:
    ws.write("lessons/good.yaml", LESSON.replace('"9-10"', '"1-100000000"'))
    result = ws.run("check", "good")
    assert result.code == 1 and "no source has that many paragraphs" in result.output
    assert ws.run("build", "good").code == 1 and ws.intact()


ODD = {
    "folder": lambda p: p.mkdir(parents=True),
    "dangling-link": lambda p: p.symlink_to(p.parent / "nowhere"),
    "fifo": lambda p: os.mkfifo(p),
    "link-out": None,  # a symlink to the secret outside the workspace
    "link-loop": lambda p: p.symlink_to(p),
}
ODD_PLACES = [
    "sources/odd.md",
    "lessons/odd.yaml",
    "dbq.yaml",
    "glossary.yaml",
    "timeline.yaml",
    "units/odd.yaml",
    "odd.yaml",
    "templates/worksheet.html",
    "templates/style.css",
]


@pytest.mark.parametrize("place", ODD_PLACES)
@pytest.mark.parametrize("kind", sorted(ODD))
def test_odd_files_never_hang_or_leak(ws: Hostile, place: str, kind: str) -> None:
    path = ws.root / place
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    make = ODD[kind]
    if make is None:
        path.symlink_to(ws.secret)
    else:
        make(path)
    for command in (["check"], ["sources", "list"], ["build", "-j", "1"]):
        result = ws.run(*command)
        assert result.code in (0, 1)
    if place.startswith("templates/") or place in ("dbq.yaml",):
        assert ws.intact()


def test_out_of_workspace_references_are_refused(ws: Hostile) -> None:
    secret = str(ws.secret)
    relative = os.path.relpath(ws.secret.with_suffix(""), ws.root / "sources")
    ws.write("units/u.yaml", f"title: U\nlessons: [good, ../../outside/secret, {secret}]\n")
    result = ws.run("check", "u")
    assert result.code == 1 and "no lesson '../../outside/secret'" in result.output
    ws.write("dbq.yaml", f"glossary_file: {secret}\n")
    result = ws.run("check")
    assert result.code == 1 and "dbq.yaml:1" in result.output and "outside" in result.output
    ws.write("dbq.yaml", "glossary_file: ../outside/secret.yaml\n")
    assert ws.run("check").code == 1
    ws.write("dbq.yaml", "page_size: letter\n")
    ws.write("lessons/good.yaml", LESSON.replace(SAMPLE_SOURCE, relative))
    assert ws.run("check", "good").code == 1
    assert ws.run("build", "good").code == 1 and ws.intact()
    for args in (
        ["sources", "show", relative],
        ["sources", "show", secret],
        ["new", "x", "--source", relative],
        ["check", secret],
        ["check", "../outside/secret.yaml"],
        ["build", str(ws.secret)],
        ["new", "x\n", "--source", SAMPLE_SOURCE],
        ["new", "../x", "--source", SAMPLE_SOURCE],
        ["sources", "import", str(ws.secret), "--id", "../../x"],
        ["sources", "import", str(ws.secret), "--id", "ok\n"],
    ):
        if args[:2] == ["sources", "import"]:
            ws.secret.rename(ws.root / "incoming.txt")
            args[2] = str(ws.root / "incoming.txt")
        result = ws.run(*args)
        if args[:2] == ["sources", "import"]:
            (ws.root / "incoming.txt").rename(ws.secret)
        assert result.code in (1, 2), (args, result.output)
    assert not (ws.root.parent / "x.yaml").exists() and not (ws.root.parent / "x.md").exists()


def test_symlink_in_workspace_pointing_out_is_refused(ws: Hostile) -> None:
    (ws.root / "lessons" / "link.yaml").symlink_to(ws.secret)
    result = ws.run("check", "link")
    assert result.code == 1 and "outside the workspace" in result.output
    (ws.root / "sources" / "link.md").symlink_to(ws.secret)
    assert ws.run("sources", "show", "link").code == 1


def test_templates_are_sandboxed_and_errors_located(
    ws: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dbq.render.html.MAX_SECONDS", 1)  # the real limit is a minute
    loop = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    cases = {
        loop: "took more than 1 s",
        "{% for i in range(99999) %}{{ 'x' * 999999 }}{% endfor %}": "20 million",
        "{{ lipsum.__globals__['os'].popen('echo PWNED').read() }}": "not allowed",
        "{{ cycler.__init__.__globals__.os.system('echo PWNED') }}": "not allowed",
        "ok\n{% if %}": "worksheet.html:2",
        "a\nb\n{{ nothing.here }}": "worksheet.html:3",
        "{{ 'x' * 1000000000 }}": "not allowed",
        "{{ 7 ** 99999999 }}": "not allowed",
        "{% include '../../outside/secret.yaml' %}": "worksheet.html",
        "{% extends '!builtin/nope.html' %}": "worksheet.html",
    }
    for template, expected in cases.items():
        ws.write("templates/worksheet.html", template)
        result = ws.run("build", "good", "--force", "-j", "1")
        assert result.code == 1 and expected in result.output, (template, result.output)
        assert "PWNED" not in result.output and ws.intact()


@pytest.mark.slow
def test_output_trouble_is_a_message_and_earlier_pdfs_stay(ws: Hostile) -> None:
    folder = ws.root / "output" / "good"
    ws.write("lessons/second.yaml", LESSON)
    second = ws.root / "output" / "second"
    second.write_text("a file where a folder should be")
    result = ws.run("build", "--force", "-j", "1")
    assert result.code == 1 and "output/second" in result.output
    assert (folder / "good-worksheet.pdf").is_file()
    second.unlink()
    second.mkdir()
    (second / "second-worksheet.pdf").mkdir()
    assert ws.run("build", "second", "--force").code == 1
    (second / "second-worksheet.pdf").rmdir()
    second.rmdir()
    second.symlink_to(ws.outside)
    (ws.outside / ".dbq-stamp").write_text("a stamp dbq must not read")
    for args in (["build", "second"], ["build", "second", "--force"]):
        result = ws.run(*args)
        assert result.code == 1 and "outside the workspace" in result.output
    (ws.outside / ".dbq-stamp").unlink()
    assert list(ws.outside.iterdir()) == [ws.secret]


@pytest.mark.slow
def test_stale_temporary_files_are_removed_by_the_next_build(ws: Hostile) -> None:
    stale = ws.root / "output" / "good" / ".good-worksheet.pdf.k3j4h5ab.tmp"
    stale.write_bytes(b"%PDF half written when the machine died")
    assert ws.run("build", "good").code == 0  # up to date, and the leftover is gone
    assert not stale.exists()
    stale.write_bytes(b"%PDF half written when the machine died")
    other = ws.write("output/notes/.keep.tmp", "a file of the teacher's, not dbq's")
    from dbq.build import plan_build

    plan_build(ws.root, ("good",))  # sweeps output/ again
    assert other.exists() and not stale.exists()  # only dbq's own temporary names go
    other.unlink()
    assert ws.run("build", "good", "--force").code == 0  # asserts no *.tmp is left anywhere
    (ws.root / "sources" / f".{SAMPLE_SOURCE}.md.a1b2c3d4.tmp").write_text("half")
    seed = ws.root / "incoming.txt"
    seed.write_bytes((ws.root / "sources" / f"{SAMPLE_SOURCE}.md").read_bytes())
    assert ws.run("sources", "import", str(seed), "--id", SAMPLE_SOURCE, "--force").code == 0


def test_workspace_itself_and_arguments(ws: Hostile, tmp_path: Path) -> None:
    assert ws.run("check", root=tmp_path / "nonexistent").code == 1
    assert ws.run("build", root=ws.secret).code == 2  # click: -C must be a folder
    (ws.root / "lessons").rename(ws.root / "lessons.bak")
    (ws.root / "lessons").write_text("not a folder")
    result = ws.run("check")
    assert result.code == 1 and "lessons" in result.output
    (ws.root / "lessons").unlink()
    (ws.root / "lessons.bak").rename(ws.root / "lessons")
    for shard in ("", "0/0", "x", "1/0", "2/1", "9" * 5000 + "/1"):
        assert ws.run("build", "--shard", shard).code == 2
    assert ws.run("build", "nope\n").code == 1
    empty = ws.write("empty.txt", "")
    blank = ws.write("blank.txt", "\n \n")
    binary = ws.write("binary.txt", b"\xff\xfe\x00\x01")
    for path in (empty, blank, binary, Path("/dev/zero"), Path("/dev/null"), ws.root):
        assert ws.run("sources", "import", str(path)).code in (1, 2), path
    fifo = ws.root / "pipe.txt"
    os.mkfifo(fifo)
    assert ws.run("sources", "import", str(fifo)).code == 1
    assert not list((ws.root / "sources").glob("empty*"))


def test_workers_die_with_the_build(ws: Hostile) -> None:
    """Killing `dbq build --jobs 2` leaves no worker running (and writing) behind."""
    import signal
    import subprocess
    import sys
    import time

    for number in range(6):
        ws.write(f"lessons/l{number}.yaml", LESSON.replace("A good", f"Lesson {number}, a good"))
    command = [sys.executable, "-m", "dbq.cli", "-C", str(ws.root), "build", "--jobs", "2", "-q"]
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    for _ in range(600):  # wait (up to a minute on a busy machine) for the workers to start
        children = _children_of(parent.pid)
        if len(children) >= 2 or parent.poll() is not None:
            break
        time.sleep(0.1)
    assert parent.poll() is None and children, "the build ended before its workers started"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    for _ in range(300):
        alive = [pid for pid in children if _alive(pid)]
        if not alive:
            break
        time.sleep(0.1)
    assert not alive, f"workers still running after their parent died: {alive}"


def _children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_lesson_of_hundreds_of_documents_is_refused_at_once(ws: Hostile) -> None:
    documents = f'  - source: {SAMPLE_SOURCE}\n    excerpt: {{paragraphs: "1"}}\n' * 710
    ws.write("lessons/many.yaml", "title: Many\ndocuments:\n" + documents)
    result = ws.run("check", "many")
    assert result.code == 1 and "at most 30 documents" in result.output


def test_an_excerpt_of_a_whole_book_is_refused(ws: Hostile) -> None:
    paragraphs = "\n\n".join(f"Paragraph {n} of a very long source, in words." for n in range(3000))
    ws.write("sources/book.md", f"---\ntitle: A book\n---\n{paragraphs}\n")
    ws.write("lessons/book.yaml", LESSON.replace(SAMPLE_SOURCE, "book").replace("9-10", "1-3000"))
    result = ws.run("check", "book")
    assert result.code == 1 and "a document prints at most 20000" in result.output


def test_thousands_of_questions_or_cuts_are_refused_at_once(ws: Hostile) -> None:
    questions = "".join(f"      - ask: Question {n}?\n        answer: x\n" for n in range(300))
    cuts = "".join(f"        - phrase {n} that is nowhere\n" for n in range(150))
    ws.write(
        "lessons/many.yaml",
        f"title: Many\ndocuments:\n  - source: {SAMPLE_SOURCE}\n    excerpt:\n"
        f'      paragraphs: "9"\n      cut:\n{cuts}    questions:\n{questions}',
    )
    result = ws.run("check", "many")
    assert result.code == 1
    assert "300 questions" in result.output and "at most 100 entries" in result.output


@pytest.mark.parametrize("folder", ["lessons", "sources", "templates", "units", "output"])
def test_workspace_folders_linked_out_are_refused(ws: Hostile, folder: str) -> None:
    target = ws.outside / folder
    (target / "x").mkdir(parents=True)
    for name in ("good.yaml", f"{SAMPLE_SOURCE}.md", "worksheet.html", "x.yaml"):
        (target / name).write_text("title: SECRET\n")
    link = ws.root / folder
    if link.exists():
        link.rename(ws.root / f"{folder}.bak")
    link.symlink_to(target)
    for args in (["check"], ["build", "--force", "-j", "1"], ["sources", "list"]):
        result = ws.run(*args)
        assert result.code in (0, 1), result.output
    assert sorted(p.name for p in target.iterdir()) == sorted(
        ["x", "good.yaml", f"{SAMPLE_SOURCE}.md", "worksheet.html", "x.yaml"]
    )
