"""Run the pipeline for the lessons asked and write their PDFs atomically."""

from __future__ import annotations

import hashlib
import os
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from dbq.errors import DbqError, Problem, ProblemsError, display_path, silenced
from dbq.render.kinds import PDF_KINDS, asked_kinds, kind_paths
from dbq.room import with_room
from dbq.stamps import (
    STAMP_NAME,
    SourceBytes,
    dbq_fingerprint,
    is_current,
    lesson_fingerprint,
    quick_formats,
    read_lesson_bytes,
    read_stamp,
    spec_facts,
    stamp_text,
    unit_fingerprint,
    workspace_fingerprint,
)
from dbq.workspace.files import (
    FileError,
    read_bytes,
    sweep_workspace,
    write_atomically,
    write_failure,
)
from dbq.workspace.settings import load_settings, resolve_names, source_paths

if TYPE_CHECKING:  # the build's heavy stages load when a lesson is built, not for a no-op
    from dbq.prepare.lessons import PreparedLesson
    from dbq.route import Workspace


@dataclass
class LessonOutcome:
    """What happened to one lesson: the files written, or the problems that stopped it."""

    lesson_id: str
    path: Path
    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    target: int | None = None  # the lesson's `pages:`
    seconds: float = 0.0  # how long building it took, measured where it was built

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    @property
    def crashed(self) -> bool:
        """Did a bug in dbq stop this lesson (not anything in the user's files)?"""
        return any(p.code == "X002" for p in self.problems)


def output_paths(root: Path, lesson_id: str, kinds: Iterable[str] = PDF_KINDS) -> dict[str, Path]:
    """Where each output kind goes: output/ID/ID-worksheet.pdf, ID-qti.zip (dbq/render)."""
    return kind_paths(root / "output" / lesson_id, lesson_id, kinds)


def unit_output_paths(root: Path, unit_id: str) -> dict[str, Path]:
    """Where a unit's packet and key go: output/units/ID/ID-packet.pdf, ID-answer-key.pdf."""
    folder = root / "output" / "units" / unit_id
    return {
        "worksheet": folder / f"{unit_id}-packet.pdf",
        "answer-key": folder / f"{unit_id}-answer-key.pdf",
    }


def lesson_version(root: Path, lesson: Path) -> str:
    """The git commit that last touched the lesson, or a hash of its content when uncommitted.

    Read from .git by dbq itself: running git would run what the repository configures.
    """
    from dbq.workspace.gitinfo import last_commit

    content = read_bytes(lesson, root)
    commit = last_commit(root, lesson, content)
    if commit:
        return f"commit {commit}"
    return f"content {hashlib.sha256(content).hexdigest()[:10]}"


@dataclass(frozen=True)
class Job:
    """One lesson to build, with the stamp its outputs will carry (stamps.stamp_text)."""

    path: Path
    root: Path
    stamp: str
    html: bool
    unit: bool = False
    formats: tuple[str, ...] = ()  # asked with --format, on top of the lesson's and dbq.yaml's


def build_lesson(job: Job, workspace: Workspace) -> LessonOutcome:
    """Check, render and write one lesson or unit; on any problem nothing is written."""
    from dbq.text.dates import use_date_style

    use_date_style(workspace.settings.date_style)  # every date dbq writes, in one style
    build = _build_unit if job.unit else _build_lesson
    try:
        return with_room(partial(build, job, workspace))  # no mmap storm (dbq/room.py)
    except DbqError as exc:  # a file it cannot read or write: this lesson fails, others go on
        problems = exc.problems or [
            Problem(display_path(job.path, job.root), 1, 1, "", exc.format_message(), code=exc.code)
        ]
        return LessonOutcome(job.path.stem, job.path, problems=problems)


def _build_lesson(job: Job, workspace: Workspace) -> LessonOutcome:
    from dbq.render.pages import render_pages
    from dbq.render.variants import other_files
    from dbq.route import route_lesson

    root = job.root
    composed, problems = route_lesson(job.path, workspace)
    outcome = LessonOutcome(job.path.stem, job.path, problems=problems)
    outcome.notes = list(workspace.glossaries.notes)
    if composed is None:
        return outcome
    prepared = composed.prepared
    lesson = prepared.lesson
    settings = workspace.settings
    kinds = asked_kinds(
        lesson.tiers, lesson.large_print, [*settings.formats, *lesson.formats, *job.formats]
    )
    version = lesson_version(root, job.path)
    env = workspace.templates()
    pages = render_pages(composed.packet, root, version, kinds, env)
    targets = output_paths(root, prepared.id, kinds)
    extra = {targets[k]: data for k, data in other_files(composed.packet, kinds).items()}
    if job.html:
        copies = render_pages(composed.packet, root, version, kinds, env, screen=True)
        extra.update(html_copies(copies, targets, root))
    _write_pdfs(job, pages, targets, outcome, extra)
    outcome.target = lesson.pages
    outcome.problems += page_target_problems(prepared, outcome.pages.get("worksheet", 0))
    outcome.problems = silenced(outcome.problems, settings)
    return outcome


def page_target_problems(prepared: PreparedLesson, pages: int) -> list[Problem]:
    """A warning when the worksheet runs past the lesson's `pages:` target."""
    target = prepared.lesson.pages
    if target is None or pages <= target or prepared.located is None:
        return []
    problem = prepared.located.problem(
        ("pages",),
        f"the worksheet runs to {pages} pages, past the lesson's `pages: {target}`; cut an "
        "excerpt or a question, give fewer answer `lines`, or raise the target",
        value=True,
        severity="warning",
        code="P003",
    )
    return [problem]


def _build_unit(job: Job, workspace: Workspace) -> LessonOutcome:
    from dbq.units import compose_unit, unit_html

    composed, problems = compose_unit(job.path, workspace)
    outcome = LessonOutcome(job.path.stem, job.path, problems=problems)
    if composed is None:
        return outcome
    versions = {c.prepared.id: lesson_version(job.root, c.prepared.path) for c in composed.lessons}
    pages = unit_html(composed, job.root, workspace, versions)
    targets = unit_output_paths(job.root, composed.id)
    extra = {}
    if job.html:
        copies = unit_html(composed, job.root, workspace, versions, screen=True)
        extra = html_copies(copies, targets, job.root)
    _write_pdfs(job, pages, targets, outcome, extra)
    outcome.problems = silenced(outcome.problems, workspace.settings)
    return outcome


def html_copies(copies: dict[str, str], targets: dict[str, Path], root: Path) -> dict[Path, bytes]:
    """The HTML copy of each PDF, beside it: ID-worksheet.html for ID-worksheet.pdf."""
    from dbq.render.html_copy import self_contained

    return {
        targets[kind].with_suffix(".html"): self_contained(page, root).encode("utf-8")
        for kind, page in copies.items()
    }


def _write_pdfs(
    job: Job,
    pages: dict[str, str],
    targets: dict[str, Path],
    outcome: LessonOutcome,
    extra: dict[Path, bytes] | None = None,
) -> None:
    """Render each page set to PDF and write them, the other files, and the stamp."""
    from dbq.assets import builtin_templates
    from dbq.render.pdf import html_to_pdf  # WeasyPrint loads only when something is built

    files: dict[Path, bytes] = {}
    allowed = [job.root, builtin_templates()]
    shown = display_path(job.path, job.root)
    for kind, markup in pages.items():
        try:
            rendered = html_to_pdf(markup, job.root, allowed)
        except OSError as exc:  # WeasyPrint writes fonts to temporary files: a full disk, ulimit -f
            raise write_failure(display_path(targets[kind], job.root), exc) from exc
        files[targets[kind]], outcome.pages[kind] = rendered.pdf, rendered.pages
        outcome.problems += [
            Problem(shown, 1, 1, "", f"PDF ({kind}): {w}", "warning", "P001")
            for w in rendered.warnings
        ]
    files.update(extra or {})
    files[targets["worksheet"].parent / STAMP_NAME] = job.stamp.encode("utf-8")
    write_atomically(files, job.root)
    outcome.written = [path for path in files if path.name != STAMP_NAME]


_worker_workspace: Workspace | None = None


def _start_worker(root: Path, parent: int) -> None:
    from dbq.route import Workspace

    global _worker_workspace
    _die_with_parent(parent)
    _worker_workspace = Workspace.load(root)


def _die_with_parent(parent: int) -> None:
    """Make this worker end when the dbq process that started it ends (Linux), never linger."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the pool's own shutdown is all there is
    if os.getppid() != parent:  # the parent died before the line above ran
        os._exit(1)


def _build_in_worker(job: Job) -> LessonOutcome:
    assert _worker_workspace is not None
    return _timed_build(job, _worker_workspace)


def _timed_build(job: Job, workspace: Workspace) -> LessonOutcome:
    """Build one lesson (a crash included) and time it, in the process that builds it."""
    start = time.perf_counter()
    outcome = _outcome(job, partial(build_lesson, job, workspace))
    outcome.seconds = time.perf_counter() - start
    return outcome


# Seconds since 1970 that a PDF and its fonts can be stamped with: before the year 10000.
LATEST_EPOCH = 253402300799


def source_date_epoch_problem(value: str | None) -> str | None:
    """What is wrong with SOURCE_DATE_EPOCH, if anything (reproducible builds' fixed clock)."""
    if value is None or value == "":
        return None
    if not value.isdigit() or int(value) > LATEST_EPOCH:
        return (
            f"SOURCE_DATE_EPOCH={value[:40]!r} is not a time dbq can stamp: give whole seconds "
            f"since 1970 up to {LATEST_EPOCH} (the end of the year 9999), or unset it"
        )
    return None


def parse_shard(text: str) -> tuple[int, int]:
    """ "2/4" -> (2, 4): the second of four shards."""
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        index = count = 0
    if not 1 <= index <= count:
        raise DbqError(f"--shard {text!r}: write K/N with 1 <= K <= N, e.g. 1/4", code="X001")
    return index, count


def select_shard(paths: list[Path], shard: tuple[int, int] | None) -> list[Path]:
    """Every N-th lesson, starting at the K-th: shards partition the sorted lesson list."""
    if shard is None:
        return paths
    index, count = shard
    return paths[index - 1 :: count]


@dataclass
class BuildPlan:
    """The lessons asked for, split into those to build and those already up to date."""

    jobs: list[Job]
    up_to_date: list[Path]


def _check_sources(root: Path, source_bytes: SourceBytes) -> None:
    """A broken source file stops every build with the message `dbq check` gives, cited or not.

    A pipe or folder named sources/x.md is refused at once. The files are then validated as
    `dbq check` validates them, unless the user's cache (dbq/cache.py) records these very bytes
    as valid: a no-op build then imports no YAML or models, and is not silent about them either.
    """
    problems: list[Problem] = []
    paths = source_paths(root)
    for path in paths:
        if not path.is_file():
            try:
                read_bytes(path, root)
            except FileError as exc:
                problems += exc.problems
    if problems:
        raise ProblemsError(problems)
    from dbq import cache

    digest = hashlib.sha256(dbq_fingerprint().encode())
    for path in paths:
        digest.update(f"\0{path.name}\0".encode())
        digest.update(hashlib.sha256(source_bytes(path.stem)).digest())
    key = digest.hexdigest()
    if cache.seen("valid-sources", key):
        return
    from dbq.workspace.sources import load_sources

    _, problems = load_sources(root)
    if any(problem.severity == "error" for problem in problems):
        raise ProblemsError(problems)
    cache.remember("valid-sources", key)


def plan_build(
    root: Path,
    names: tuple[str, ...] = (),
    *,
    html: bool = False,
    force: bool = False,
    shard: tuple[int, int] | None = None,
    formats: tuple[str, ...] = (),
) -> BuildPlan:
    """Decide what to build without validating anything or importing the renderer.

    A no-op build reads each lesson's bytes and stamp, and parses no YAML: the stamp records
    what the plan read of the lesson file, keyed by the file's hash. dbq.yaml is validated
    (and a broken one stops everything, with its location) only when something is to be built;
    it is part of every fingerprint, so a broken one never passes for up to date.
    """
    source_bytes = SourceBytes(root)
    _check_sources(root, source_bytes)  # before any worker starts, even when nothing is to build
    lessons, units = resolve_names(root, names)
    if not lessons and not units and shard is None:
        load_settings(root)
        raise DbqError(
            f"no lessons to build in {display_path(root / 'lessons', root)}/; "
            "scaffold one with `dbq new ID --source SOURCE_ID`",
            code="W001",
        )
    shared = workspace_fingerprint(root)
    sweep_workspace(root)  # what a killed build left, even if none rebuilds
    settings_formats = quick_formats(root)
    plan = BuildPlan([], [])
    for path in select_shard(lessons + units, shard):
        is_unit = path in units
        asked = [*settings_formats, *formats]
        if is_unit:
            folder = root / "output" / "units" / path.stem
            recorded, _ = read_stamp(folder / STAMP_NAME, root)
            fingerprint = unit_fingerprint(root, path, shared, source_bytes)
            stamp = stamp_text(fingerprint)
            outputs = list(unit_output_paths(root, path.stem).values())
        else:
            folder = root / "output" / path.stem
            recorded, memo = read_stamp(folder / STAMP_NAME, root)
            spec = read_lesson_bytes(path, root)
            facts = spec_facts(spec, memo)
            # the copies asked are an input: asking for one more rebuilds the lesson
            kinds = asked_kinds(
                facts.tiers, facts.large_print, [*settings_formats, *formats, *facts.formats]
            )
            fingerprint = lesson_fingerprint(spec, facts.sources, shared, kinds, source_bytes)
            stamp = stamp_text(fingerprint, spec, facts)
            outputs = list(output_paths(root, path.stem, kinds).values())
            asked += facts.formats
        html_copy = html or "html" in asked
        if html_copy:
            outputs += [p.with_suffix(".html") for p in outputs if p.suffix == ".pdf"]
        if not force and is_current(outputs, recorded, fingerprint):
            plan.up_to_date.append(path)
        else:
            plan.jobs.append(Job(path, root, stamp, html_copy, unit=is_unit, formats=formats))
    if plan.jobs:
        load_settings(root)  # a broken dbq.yaml stops everything, with its location
    return plan


def run_jobs(
    jobs: list[Job], workers: int, progress: Callable[[LessonOutcome], None] | None = None
) -> list[LessonOutcome]:
    """Build in a process pool (or in this process for one worker); results in lesson order."""
    outcomes: dict[Path, LessonOutcome] = {}
    if not jobs:
        return []
    if workers <= 1 or len(jobs) <= 1:
        from dbq.route import Workspace

        workspace = Workspace.load(jobs[0].root)
        for job in jobs:
            outcomes[job.path] = _timed_build(job, workspace)
            if progress:
                progress(outcomes[job.path])
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        import dbq.render.pdf  # noqa: F401 - load WeasyPrint once, before the workers fork

        pool = ProcessPoolExecutor(
            max_workers=min(workers, len(jobs)),
            initializer=_start_worker,
            initargs=(jobs[0].root, os.getpid()),
        )
        with pool:
            futures = {pool.submit(_build_in_worker, job): job for job in jobs}
            for future in as_completed(futures):
                # a crash is caught in the worker; this catches a worker that died
                outcome = _outcome(futures[future], future.result)
                outcomes[futures[future].path] = outcome
                if progress:
                    progress(outcome)
    return [outcomes[job.path] for job in jobs]


def _outcome(job: Job, result: Callable[[], LessonOutcome]) -> LessonOutcome:
    """A job's outcome; a crash (a bug) is reported for this lesson and others still build."""
    try:
        return result()
    except DbqError as exc:
        shown = display_path(job.path, job.root)
        problems = exc.problems or [Problem(shown, 1, 1, "", str(exc), code=exc.code)]
        return LessonOutcome(job.path.stem, job.path, problems=problems)
    except Exception as exc:  # noqa: BLE001 - a bug: reported with its traceback below
        import traceback

        text = "".join(traceback.format_exception(exc)).rstrip()
        message = f"dbq crashed on this lesson (a bug; please report it):\n{text}"
        shown = display_path(job.path, job.root)
        crash = Problem(shown, 1, 1, "", message, code="X002")
        return LessonOutcome(job.path.stem, job.path, problems=[crash])


def progress_line(outcome: LessonOutcome, done: int, total: int, root: Path) -> str:
    """One lesson finished, for a log: `[2/5] lessons/one.yaml: built in 7.2 s`."""
    count = f"[{done:>{len(str(total))}}/{total}]"
    shown = display_path(outcome.path, root)
    if outcome.ok:
        return f"{count} {shown}: built in {outcome.seconds:.1f} s"
    return f"{count} {shown}: failed in {outcome.seconds:.1f} s (see below)"


def build(
    root: Path,
    names: tuple[str, ...] = (),
    *,
    html: bool = False,
    force: bool = False,
    jobs: int = 1,
    shard: tuple[int, int] | None = None,
    formats: tuple[str, ...] = (),
) -> list[LessonOutcome]:
    """Build the named lessons (or all) that changed; a broken lesson does not stop the others."""
    plan = plan_build(root, names, html=html, force=force, shard=shard, formats=formats)
    return run_jobs(plan.jobs, jobs)
