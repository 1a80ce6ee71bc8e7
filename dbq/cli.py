"""The dbq command line: parse arguments, call one library function, print.

Heavy libraries (yaml, jinja2, weasyprint) are imported inside the commands so that
`dbq --help` starts at once.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dbq import __version__

if TYPE_CHECKING:
    from dbq.build import LessonOutcome


def _root(ctx: click.Context) -> Path:
    """The workspace, cleared of what a killed dbq left half-written."""
    from dbq.workspace.files import sweep_workspace
    from dbq.workspace.settings import check_workspace

    root = check_workspace(ctx.obj["root"])
    sweep_workspace(root)
    return root


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "--directory",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="Workspace folder (default: the current one).",
)
@click.version_option(__version__, prog_name="dbq")
@click.pass_context
def main(ctx: click.Context, directory: Path) -> None:
    """Turn primary sources into document-based-question worksheets and answer keys."""
    try:
        Path.cwd()
    except OSError:  # the folder dbq was started in has been deleted
        raise click.UsageError(
            "the current folder no longer exists; cd into a workspace (or name one with -C DIR)"
        ) from None
    ctx.obj = {"root": directory}


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
def init(directory: Path) -> None:
    """Make a workspace: lessons/, sources/, templates/, output/, dbq.yaml, glossary.yaml."""
    from dbq.workspace.settings import init_workspace

    made = init_workspace(directory)
    for path in made:
        click.echo(f"created {path}")
    if not made:
        click.echo(f"{directory} is already a workspace; nothing changed")
    click.echo("next: dbq sources import TELEGRAM.txt")


@main.group()
def sources() -> None:
    """Import, list and show primary sources."""


@sources.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--id", "source_id", help="Id for the source (one file only; default: proposed).")
@click.option("--force", is_flag=True, help="Replace sources with the same ids.")
@click.pass_context
def sources_import(
    ctx: click.Context, files: tuple[Path, ...], source_id: str | None, force: bool
) -> None:
    """Read raw texts (files, or folders of .txt files) into sources/ID.md, detecting metadata."""
    from dbq.workspace.files import check_id
    from dbq.workspace.importer import found_table
    from dbq.workspace.sources import plan_imports, write_source

    root = _root(ctx)
    if source_id and (len(files) > 1 or files[0].is_dir()):
        raise click.UsageError("--id names one source: give one file with it")
    if source_id is not None:
        check_id(source_id, "source id")
    planned = plan_imports(root, list(files), source_id, force=force)
    for plan in planned:
        path = write_source(root, plan.id, plan.imported.meta, plan.imported.body)
        paragraphs = plan.imported.body.count("\n\n") + 1
        notes = len(plan.imported.meta.get("notes", []))
        extra = f", {notes} editors' note{'s' if notes > 1 else ''} in the front matter"
        extra = extra if notes else ""
        click.echo(f"imported {plan.file} -> {path} ({paragraphs} paragraphs{extra})")
    if len(planned) == 1:
        imported = planned[0].imported
        click.echo("found:")
        for label, value in imported.found.items():
            click.echo(f"  {label}: {value}")
        for label, value in imported.guesses.items():
            click.echo(f"  {label}: {value} (a guess, not written: add it if it is right)")
        for warning in imported.warnings:
            click.echo(f"warning: {warning}")
        if imported.missing:
            click.echo("not found (add them to the front matter if you know them):")
            click.echo("  " + ", ".join(imported.missing))
    else:
        click.echo()
        click.echo(found_table([(plan.id, plan.imported) for plan in planned]))
        for plan in planned:
            for warning in plan.imported.warnings:
                click.echo(f"warning: {plan.id}: {warning}")
    click.echo(f"next: dbq sources show {planned[0].id}")


@sources.command("list")
@click.pass_context
def sources_list(ctx: click.Context) -> None:
    """List the workspace's sources: id, date, author, title."""
    from dbq.errors import ProblemsError
    from dbq.workspace.sources import load_sources

    found, problems = load_sources(_root(ctx))
    if not found and not problems:
        click.echo("no sources yet; add one with `dbq sources import FILE`")
    rows = [
        (s.id, s.meta.date.isoformat() if s.meta.date else "-", s.meta.author or "-", s.meta.title)
        for s in found.values()
    ]
    widths = [max([len(r[i]) for r in rows] + [0]) for i in range(3)]
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]
        )
    if problems:
        raise ProblemsError(problems)


@sources.command("show")
@click.argument("source_id")
@click.pass_context
def sources_show(ctx: click.Context, source_id: str) -> None:
    """Print a source with its paragraph numbers, for citing."""
    import textwrap

    from dbq.workspace.sources import get_source

    source = get_source(_root(ctx), source_id)
    click.echo(f"{source.meta.title}")
    numbered = source.closing - 1
    closing = len(source.paragraphs) - numbered
    example = f"{min(2, numbered)}-{min(3, numbered)}" if numbered > 1 else "1"
    click.echo(f"{numbered} paragraphs; cite them as `paragraphs: {example}`")
    if closing:
        click.echo("The signature and the lines after it close the document: no number.")
    if own := list(source.own_numbers.values()):
        click.echo(
            f"The document numbers its own paragraphs ({own[0]}. to {own[-1]}.): cite them as\n"
            f"`numbered: {own[0]}-{own[-1]}`; printed excerpts show its numbers in the margin."
        )
    click.echo()
    for number, paragraph in enumerate(source.paragraphs, start=1):
        for index, line in enumerate(paragraph.split("\n")):
            wrapped = textwrap.wrap(line.strip(), 90) or [""]
            for w_index, piece in enumerate(wrapped):
                first = index == 0 and w_index == 0 and number <= numbered
                head = f"¶{number:>3}  " if first else " " * 6
                click.echo(head + piece)
        click.echo()
    if source.meta.notes:
        click.echo("Editors' notes (in the front matter; their markers do not print in excerpts):")
        for note in source.meta.notes:
            for index, piece in enumerate(textwrap.wrap(note, 88)):
                click.echo(("  " if index == 0 else "      ") + piece)


@main.command()
@click.argument("lesson_id")
@click.option(
    "--source",
    "source_ids",
    required=True,
    multiple=True,
    help="Id of a source the lesson cites; repeat for several documents.",
)
@click.option("--force", is_flag=True, help="Replace an existing lesson file.")
@click.pass_context
def new(ctx: click.Context, lesson_id: str, source_ids: tuple[str, ...], force: bool) -> None:
    """Scaffold lessons/ID.yaml citing the sources; replace its TODO: texts, then check."""
    from dbq.scaffold import write_lesson

    path = write_lesson(_root(ctx), lesson_id, list(source_ids), force=force)
    click.echo(f"created {path}")
    click.echo(
        f"next: replace its TODO: texts, then `dbq check {lesson_id}` and `dbq build {lesson_id}`"
    )


@main.command()
@click.argument("lesson")
@click.pass_context
def draft(ctx: click.Context, lesson: str) -> None:
    """Write what dbq would generate into the lesson file, marked `generated:`, for review.

    Edit or delete the drafted items; an edited item is yours. The lesson gets
    `generate: drafted`, so builds print only what the file holds.
    """
    from dbq.draft import draft_lesson
    from dbq.errors import display_path
    from dbq.workspace.settings import resolve_names

    root = _root(ctx)
    paths, _ = resolve_names(root, (lesson,))
    if len(paths) != 1:
        raise click.UsageError(f"{lesson!r} is not one lesson; name a lesson in lessons/")
    result = draft_lesson(paths[0], root)
    for problem in result.problems:  # the warnings any command gives this lesson
        click.echo(str(problem), err=True)
    shown = display_path(result.path, root)
    counts = result.counts
    what = (
        f"{counts['questions']} question(s), {counts['vocabulary']} glossary entr"
        f"{'y' if counts['vocabulary'] == 1 else 'ies'}"
        + (f", {counts['prompts']} In context prompt(s)" if counts["prompts"] else "")
        + (", an essay prompt" if counts["essay"] else "")
    )
    if not result.changed:
        click.echo(f"{shown} is up to date ({what} drafted); nothing changed")
        return
    click.echo(f"drafted {what} into {shown}")
    click.echo("next: review them (git diff), edit or delete, then `dbq build`")


@main.command()
@click.argument("lessons", nargs=-1)
@click.option(
    "--format",
    "style",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: path:line:col lines; json: a list; github: annotations.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.pass_context
def check(ctx: click.Context, lessons: tuple[str, ...], style: str, strict: bool) -> None:
    """Validate lessons (all when none named); print problems as path:line:col."""
    from dbq.check import check_lessons, format_problems
    from dbq.errors import DbqError

    report = check_lessons(_root(ctx), lessons)
    if style == "json":
        click.echo(format_problems(report.problems, "json"))
    else:
        for line in report.lines:
            click.echo(line)
        if report.problems:
            click.echo(format_problems(report.problems, style), err=style == "text")
    failures = report.failures(strict=strict)
    if failures:
        what = "problem(s)" if strict else "error(s)"
        message = f"{failures} {what} found; fix them and run `dbq check` again"
        raise DbqError(message, code="X001")


@main.command()
@click.argument("lessons", nargs=-1)
@click.option(
    "--html",
    is_flag=True,
    help="Also write an accessible HTML copy beside each PDF (as --format html).",
)
@click.option("--force", is_flag=True, help="Rebuild even the lessons that are up to date.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Lessons built at once (default: the number of cores).",
)
@click.option("--shard", metavar="K/N", help="Build only every N-th lesson, from the K-th.")
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["docx", "qti", "large", "html"]),
    help="Also build: docx (Word worksheet and key), qti (LMS quiz), large (large print), "
    "html (an accessible web page of each copy). Repeat for several.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
@click.pass_context
def build(
    ctx: click.Context,
    lessons: tuple[str, ...],
    html: bool,
    force: bool,
    jobs: int | None,
    shard: str | None,
    formats: tuple[str, ...],
    quiet: bool,
) -> None:
    """Build worksheet and answer-key PDFs into output/ (all lessons and units when none named).

    LESSONS are lesson or unit ids (lessons/ID.yaml, units/ID.yaml) or paths; a unit prints
    its lessons as one numbered packet.

    Only lessons whose spec, sources, templates, settings or data changed are rebuilt.
    """
    import itertools
    import os

    from dbq.build import (
        parse_shard,
        plan_build,
        progress_line,
        run_jobs,
        source_date_epoch_problem,
    )
    from dbq.errors import CrashError, DbqError

    epoch = source_date_epoch_problem(os.environ.get("SOURCE_DATE_EPOCH"))
    if epoch:
        raise click.UsageError(epoch)
    root = _root(ctx)
    try:
        parts = parse_shard(shard) if shard is not None else None
    except DbqError as exc:
        raise click.BadParameter(exc.message, param_hint="'--shard'") from None
    plan = plan_build(root, lessons, html=html, force=force, shard=parts, formats=formats)
    workers = jobs or os.cpu_count() or 1
    total, terminal = len(plan.jobs), _is_terminal()
    if not quiet and terminal and total > 1:
        with click.progressbar(length=total, label="building", file=sys.stderr) as bar:
            outcomes = run_jobs(plan.jobs, workers, progress=lambda _: bar.update(1))
    elif not quiet and not terminal:  # a log (CI, an editor): a line per lesson as it finishes
        done = itertools.count(1)
        outcomes = run_jobs(
            plan.jobs,
            workers,
            progress=lambda o: click.echo(progress_line(o, next(done), total, root), err=True),
        )
    else:
        outcomes = run_jobs(plan.jobs, workers)
    failed = [o for o in outcomes if not o.ok]
    for outcome in outcomes:
        _report_outcome(root, outcome, quiet)
    # Notes (say, that WordNet is not installed) are about the run, not each lesson.
    for note in dict.fromkeys(note for outcome in outcomes for note in outcome.notes):
        click.echo(f"note: {note}", err=True)
    if plan.up_to_date and not quiet:
        click.echo(f"up to date: {len(plan.up_to_date)} lesson(s) (use --force to rebuild)")
    summary = f"{len(failed)} of {len(outcomes)} build(s) failed"
    if any(outcome.crashed for outcome in failed):
        raise CrashError(f"{summary}: dbq crashed (a bug in dbq, not in your files)")
    if failed:
        raise DbqError(summary, code="X001")


def _is_terminal() -> bool:
    return sys.stderr.isatty()


def _report_outcome(root: Path, outcome: LessonOutcome, quiet: bool) -> None:
    from dbq.errors import display_path

    for problem in outcome.problems:
        click.echo(str(problem), err=True)
    if not outcome.ok:
        click.echo(
            f"not built: {display_path(outcome.path, root)} (earlier output left as it was)",
            err=True,
        )
        return
    if quiet:
        return
    for path in outcome.written:
        kind = path.stem.removeprefix(f"{outcome.lesson_id}-")
        count = outcome.pages.get(kind, outcome.pages.get("worksheet"))
        pages = f" ({count} pages)" if path.suffix == ".pdf" and count else ""
        if pages and kind == "worksheet" and outcome.target:
            pages = f" ({count} pages; target {outcome.target})"
        click.echo(f"built {display_path(path, root)}{pages}")


@main.command()
@click.argument("lesson", required=False)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 to serve on; 0 picks a free one.",
)
@click.option(
    "--copy",
    "copy",
    default="worksheet",
    show_default=True,
    metavar="KIND",
    help="The copy shown at /: worksheet, answer-key, worksheet-TIER, worksheet-large...",
)
@click.pass_context
def serve(ctx: click.Context, lesson: str | None, port: int, copy: str) -> None:
    """Preview a lesson as HTML in the browser, rebuilt and reloaded each time you save.

    LESSON is a lesson id or path (default: the workspace's only lesson). The preview
    listens on 127.0.0.1 only, so no other machine can see it; Ctrl+C stops it.
    """
    from dbq.serve import pick_lesson
    from dbq.serve import serve as serve_lesson

    root = _root(ctx)
    serve_lesson(root, pick_lesson(root, lesson), port=port, copy=copy)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the lesson format."""
    from dbq.workspace.settings import lesson_schema

    click.echo(lesson_schema(), nl=False)


def run() -> None:
    """The `dbq` program: main() with room on the frame stack, no mmap storm (dbq/room.py)."""
    from dbq.room import with_room

    with_room(main)


if __name__ == "__main__":
    run()
