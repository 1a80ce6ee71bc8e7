"""Incremental, parallel and sharded builds over a small course."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from dbq.build import parse_shard, plan_build, select_shard
from dbq.errors import DbqError
from tests.conftest import Run, write
from tests.helpers import SAMPLE_SOURCE, SEED, pdf_text


def _lesson(source: str, paragraphs: str) -> str:
    return f"""\
title: Lesson on {source} {paragraphs}
documents:
  - source: {source}
    excerpt: {{paragraphs: "{paragraphs}"}}
    questions:
      - ask: What does the author want?
        answer: An armistice on his terms.
"""


@pytest.fixture
def course(run: Run, workspace: Path) -> Path:
    """Three lessons: two cite the seed, one cites a second source."""
    assert run("sources", "import", str(SEED), "--id", "other").exit_code == 0
    write(workspace / "lessons" / "a.yaml", _lesson(SAMPLE_SOURCE, "9"))
    write(workspace / "lessons" / "b.yaml", _lesson(SAMPLE_SOURCE, "10"))
    write(workspace / "lessons" / "c.yaml", _lesson("other", "15"))
    return workspace


def _built(output: str) -> list[str]:
    return sorted(line.split("/")[1] for line in output.splitlines() if line.startswith("built "))


@pytest.mark.slow
def test_only_changed_lessons_rebuild(run: Run, course: Path) -> None:
    first = run("build", "--jobs", "1")
    assert first.exit_code == 0, first.output
    assert _built(first.output) == ["a", "a", "b", "b", "c", "c"]

    again = run("build")
    assert _built(again.output) == []
    assert "up to date: 3 lesson(s)" in again.output

    source = course / "sources" / "other.md"
    source.write_text(source.read_text().replace("We intend to agree", "We intend to agree"))
    assert _built(run("build").output) == []  # same bytes, nothing to do
    source.write_text(source.read_text().replace("three states", "three neutral states"))
    assert _built(run("build").output) == ["c", "c"]

    (course / "dbq.yaml").write_text("page_size: a4\n")
    assert _built(run("build").output) == ["a", "a", "b", "b", "c", "c"]

    (course / "output" / "b" / "b-worksheet.pdf").unlink()
    assert _built(run("build").output) == ["b", "b"]
    assert _built(run("build", "--force", "a").output) == ["a", "a"]


@pytest.mark.slow
def test_a_failing_lesson_does_not_stop_a_parallel_build(run: Run, course: Path) -> None:
    write(course / "lessons" / "b.yaml", _lesson(SAMPLE_SOURCE, "99"))
    result = run("build", "--jobs", "2")
    assert result.exit_code == 1
    assert "lessons/b.yaml:4:" in result.output and "no paragraph 99" in result.output
    assert "not built: lessons/b.yaml" in result.output
    assert "1 of 3 build(s) failed" in result.output
    assert _built(result.output) == ["a", "a", "c", "c"]
    assert "The main question" in pdf_text(course / "output" / "a" / "a-worksheet.pdf")
    assert not (course / "output" / "b").exists()
    # The failed lesson is retried next time; the good ones are up to date.
    retry = run("build")
    assert "up to date: 2 lesson(s)" in retry.output and retry.exit_code == 1


def test_shards_partition_the_lessons(course: Path) -> None:
    everything = [job.path.name for job in plan_build(course).jobs]
    shards = [[j.path.name for j in plan_build(course, shard=(k, 2)).jobs] for k in (1, 2)]
    assert sorted(shards[0] + shards[1]) == everything == ["a.yaml", "b.yaml", "c.yaml"]
    assert not set(shards[0]) & set(shards[1])
    assert select_shard(list(range(10)), (3, 4)) == [2, 6]
    assert parse_shard("2/4") == (2, 4)
    for bad in ("0/2", "3/2", "x", "1/0"):
        with pytest.raises(DbqError, match="write K/N"):
            parse_shard(bad)


@pytest.mark.slow
def test_footer_carries_the_lesson_version(run: Run, course: Path) -> None:
    assert run("build", "a").exit_code == 0
    assert "content " in pdf_text(course / "output" / "a" / "a-worksheet.pdf")

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=course,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "course")
    commit = git("log", "-1", "--format=%h")
    assert run("build", "a", "--force").exit_code == 0
    text = pdf_text(course / "output" / "a" / "a-worksheet.pdf")
    assert f"commit {commit}" in text
    # the footer copies as typed: no "ﬀ" or "ﬁ" ligature in a commit id ("4a18ffa") or a title
    footer = text.rsplit("Page", 1)[0][-80:]
    assert not set(footer) & {"\ufb00", "\ufb01", "\ufb02", "\ufb03", "\ufb04"}, footer


@pytest.mark.slow
def test_progress_is_reported_once_per_lesson(course: Path) -> None:
    from dbq.build import run_jobs

    seen: list[str] = []
    outcomes = run_jobs(plan_build(course).jobs, 2, progress=lambda o: seen.append(o.lesson_id))
    assert sorted(seen) == ["a", "b", "c"]
    assert [o.lesson_id for o in outcomes] == ["a", "b", "c"]  # results in lesson order


@pytest.mark.slow
def test_a_no_op_plan_reads_the_stamps_memo_and_a_changed_lesson_is_read_again(
    run: Run, course: Path
) -> None:
    assert run("build", "--jobs", "1").exit_code == 0
    stamp = (course / "output" / "c" / ".dbq-stamp").read_text(encoding="utf-8")
    fingerprint, memo = stamp.splitlines()
    assert json.loads(memo)["sources"] == ["other"]
    assert plan_build(course).jobs == []

    # The lesson now cites the sample source: its memo no longer matches, the file is read.
    lesson = course / "lessons" / "c.yaml"
    lesson.write_text(lesson.read_text().replace("source: other", f"source: {SAMPLE_SOURCE}"))
    assert [job.path.stem for job in plan_build(course).jobs] == ["c"]
    assert _built(run("build").output) == ["c", "c"]
    memo = (course / "output" / "c" / ".dbq-stamp").read_text(encoding="utf-8").splitlines()[1]
    assert json.loads(memo)["sources"] == [SAMPLE_SOURCE]
    other = course / "sources" / "other.md"
    other.write_text(other.read_text().replace("three states", "three neutral states"))
    assert plan_build(course).jobs == []  # c no longer depends on it

    # A broken dbq.yaml is part of every fingerprint: never up to date, reported with its line.
    (course / "dbq.yaml").write_text("page_size: [a4\n")
    result = run("build")
    assert result.exit_code == 1 and "dbq.yaml:" in result.output


def test_a_hostile_stamp_is_neither_trusted_nor_a_crash(run: Run, course: Path) -> None:
    """output/ comes with the workspace: a stamp may hold anything, and the plan survives it."""
    folder = course / "output" / "a"
    folder.mkdir(parents=True)
    spec = (course / "lessons" / "a.yaml").read_bytes()
    digest = hashlib.sha256(spec).hexdigest()
    outside = json.dumps({"spec": digest, "sources": ["../../etc/passwd"]})
    for memo in ("[" * 40_000, outside):
        (folder / ".dbq-stamp").write_text(f"0000\n{memo}\n")
        plan = plan_build(course, ("a",))
        assert [job.path.stem for job in plan.jobs] == ["a"]  # never up to date
        assert json.loads(plan.jobs[0].stamp.splitlines()[1])["sources"] == [SAMPLE_SOURCE]
