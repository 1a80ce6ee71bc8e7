"""`dbq serve`: a live preview of one lesson as HTML, rebuilt whenever a file it reads changes.

Three parts: `render_lesson` (the lesson's screen copies, or the problems that stop it, as
`dbq check` prints them), `Watcher` (polls the files a lesson depends on) and `PreviewServer`
(serves the pages and a version endpoint the pages poll to reload). The server binds
127.0.0.1 only and serves nothing from disk: the rendered pages and the version, every other
path is a 404.
"""

from __future__ import annotations

import errno
import hashlib
import html
import os
import secrets
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import click

from dbq.errors import DbqError, Problem, display_path
from dbq.workspace.settings import SETTINGS_FILE, resolve_names

HOST = "127.0.0.1"  # never 0.0.0.0: a preview is for the teacher at this machine only
VERSION_PATH = "/__dbq/version"
POLL_SECONDS = 0.4  # how often the watcher looks at the files
BASE_KINDS = ("worksheet", "answer-key")


def pick_lesson(root: Path, name: str | None) -> Path:
    """The one lesson to serve: named by id or path, or the workspace's only lesson."""
    if name is not None:
        lessons, units = resolve_names(root, (name,))
        if units:
            raise click.UsageError(
                f"{name!r} is a unit; `dbq serve` previews one lesson: name one of its lessons"
            )
        if len(lessons) != 1:
            raise click.UsageError(f"{name!r} is not one lesson; name a lesson in lessons/")
        return lessons[0]
    lessons, _ = resolve_names(root, (), units=False)
    if len(lessons) == 1:
        return lessons[0]
    if not lessons:
        raise click.UsageError(
            "no lessons in lessons/ to serve; scaffold one with `dbq new ID --source SOURCE_ID`"
        )
    ids = ", ".join(path.stem for path in lessons)
    raise click.UsageError(f"name the lesson to serve: `dbq serve ID`; the lessons are: {ids}")


@dataclass(frozen=True)
class Rendered:
    """A lesson's screen copies by kind, or none and the problems that stop it."""

    pages: dict[str, str]
    problems: list[Problem]
    glossary_file: str | None = None  # the workspace glossary dbq.yaml names, when it loaded

    @property
    def ok(self) -> bool:
        return bool(self.pages)


def render_lesson(root: Path, lesson: Path) -> Rendered:
    """The lesson's copies as `dbq build --html` writes them, from a freshly loaded workspace.

    A problem the user can fix is returned, not raised; a bug in dbq is returned as an X002
    problem with its traceback, so the preview stays up while the teacher edits.
    """
    from dbq.build import lesson_version
    from dbq.render.html_copy import self_contained
    from dbq.render.kinds import asked_kinds
    from dbq.render.pages import render_pages
    from dbq.route import Workspace, route_lesson
    from dbq.text.dates import use_date_style

    shown = display_path(lesson, root)
    try:
        workspace = Workspace.load(root)  # anew each time: settings, glossaries, templates
        use_date_style(workspace.settings.date_style)
        glossary_file = workspace.settings.glossary_file
        composed, problems = route_lesson(lesson, workspace)
        if composed is None:
            return Rendered({}, problems, glossary_file)
        spec = composed.prepared.lesson
        formats = [*workspace.settings.formats, *spec.formats]
        kinds = asked_kinds(spec.tiers, spec.large_print, formats)
        version = lesson_version(root, lesson)
        env = workspace.templates()
        pages = render_pages(composed.packet, root, version, kinds, env, screen=True)
        pages = {kind: self_contained(page, root, NONCE) for kind, page in pages.items()}
        return Rendered(pages, problems, glossary_file)
    except DbqError as exc:
        located = Problem(shown, 1, 1, "", exc.format_message(), code=exc.code)
        return Rendered({}, exc.problems or [located])
    except Exception as exc:  # noqa: BLE001 - a bug: shown on the page with its traceback
        text = "".join(traceback.format_exception(exc)).rstrip()
        message = f"dbq crashed on this lesson (a bug; please report it):\n{text}"
        return Rendered({}, [Problem(shown, 1, 1, "", message, code="X002")])


def problems_page(shown: str, problems: list[Problem]) -> str:
    """A page naming what stops the lesson, each problem as `dbq check` prints it, escaped."""
    from dbq.check import format_problems

    errors = [p for p in problems if p.severity == "error"] or problems
    listing = html.escape(format_problems(sorted(set(errors)), "text"))
    name = html.escape(shown)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{name}: cannot be built</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<style>body{font-family:sans-serif;margin:2em;max-width:60em}"
        "pre{white-space:pre-wrap;background:#fff4f4;border-left:4px solid #b00;"
        "padding:1em}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{name} cannot be built</h1>\n"
        f"<p>Fix the problem{'s' if len(errors) > 1 else ''} below and save: this page "
        "reloads by itself.</p>\n"
        f"<pre>{listing}</pre>\n</main>\n</body>\n</html>\n"
    )


def missing_copy_page(copy: str, kinds: list[str]) -> str:
    """The page `/` shows when --copy names a copy the lesson does not make."""
    names = ", ".join(html.escape(k) for k in kinds)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>No such copy</title>\n</head>\n<body>\n<main>\n"
        f"<p>This lesson has no copy {html.escape(copy)!r}; its copies are: {names}.</p>\n"
        "</main>\n</body>\n</html>\n"
    )


# The pages carry the HTML copies' policy (dbq/render/html_copy.py: no script, no fetch), which
# lets through serve's own script alone, by this number, new in every run.
NONCE = secrets.token_hex(16)

# What serve adds to each page, before </body>: the copies, and polling for a new version.
_RELOAD = """\
<nav data-dbq-serve style="position:fixed;bottom:0;right:0;background:#fff;\
border:1px solid #999;padding:.2em .5em;font:12px sans-serif">{links}</nav>
<script data-dbq-serve nonce="{nonce}">
(function () {{
  var shown = "{version}";
  function poll() {{
    fetch("{endpoint}", {{cache: "no-store"}})
      .then(function (r) {{ return r.text(); }})
      .then(function (v) {{ if (v !== shown) location.reload(); else setTimeout(poll, 500); }})
      .catch(function () {{ setTimeout(poll, 2000); }});
  }}
  setTimeout(poll, 500);
}})();
</script>
"""


def with_reload(page: str, version: str, kinds: list[str]) -> str:
    """The page with serve's nav and reload script before </body> (built copies have neither)."""
    links = " | ".join(f'<a href="/{html.escape(k)}">{html.escape(k)}</a>' for k in kinds)
    extra = _RELOAD.format(links=links, version=version, endpoint=VERSION_PATH, nonce=NONCE)
    at = page.rfind("</body>")
    return page[:at] + extra + page[at:] if at >= 0 else page + extra


def _with_policy(page: str) -> str:
    from dbq.render.html_copy import policy_meta

    return page.replace("<head>", "<head>\n" + policy_meta(NONCE), 1)


@dataclass(frozen=True)
class Site:
    """What the server answers: a page for each URL path, and the version the pages poll."""

    pages: dict[str, str]
    version: str


def site_of(rendered: Rendered, shown: str, copy: str, known: list[str]) -> Site:
    """The URL paths of a render: `/` (the --copy), `/worksheet`, `/answer-key`, ...

    When the lesson cannot be built, `/` and every copy it had show the problems instead.
    """
    kinds = list(rendered.pages) or known
    digest = hashlib.sha256()
    for kind, page in sorted(rendered.pages.items()):
        digest.update(f"\0{kind}\0{page}".encode())
    if not rendered.ok:
        digest.update(("\0problems\0" + "\n".join(map(str, rendered.problems))).encode())
    version = digest.hexdigest()[:16]
    if rendered.ok:
        raw = {f"/{kind}": page for kind, page in rendered.pages.items()}
        raw["/"] = rendered.pages.get(copy) or _with_policy(missing_copy_page(copy, kinds))
    else:
        error = _with_policy(problems_page(shown, rendered.problems))
        raw = {"/": error, **{f"/{kind}": error for kind in kinds}}
    return Site({path: with_reload(page, version, kinds) for path, page in raw.items()}, version)


# --- Watching ---------------------------------------------------------------------------------

Stamp = tuple[int, int, int]  # a file's inode, size and mtime in ns


def watched_files(root: Path, lesson: Path, glossary_file: str | None) -> list[Path]:
    """What a lesson's pages depend on: the lesson, sources/, templates/, dbq.yaml, the
    workspace glossary and timeline (the workspace's top-level YAML files)."""
    files = [lesson, root / SETTINGS_FILE, root / (glossary_file or "glossary.yaml")]
    try:
        files += sorted([*root.glob("*.yaml"), *root.glob("*.yml")])
        for folder in ("sources", "templates"):
            if (root / folder).is_dir():
                files += sorted(p for p in (root / folder).rglob("*") if not p.is_dir())
    except OSError:
        pass  # a folder vanished while listed: the next look sees what is there
    return list(dict.fromkeys(files))


def file_stamps(files: list[Path]) -> dict[Path, Stamp | None]:
    """Each file's inode, size and mtime (None when it is missing or unreadable)."""
    stamps: dict[Path, Stamp | None] = {}
    for path in files:
        try:
            info = os.stat(path)
            stamps[path] = (info.st_ino, info.st_size, info.st_mtime_ns)
        except OSError:
            stamps[path] = None
    return stamps


@dataclass
class Preview:
    """The lesson being served, its current site, and the rebuild on change."""

    root: Path
    lesson: Path
    copy: str = "worksheet"
    report: Callable[[str], None] = field(default=lambda _: None)
    site: Site = field(default_factory=lambda: Site({}, ""))
    glossary_file: str | None = None
    known: list[str] = field(default_factory=lambda: list(BASE_KINDS))
    _shown_problems: list[str] = field(default_factory=list)

    @property
    def shown(self) -> str:
        return display_path(self.lesson, self.root)

    def rebuild(self) -> Rendered:
        """Render the lesson from scratch and swap in the new site."""
        rendered = render_lesson(self.root, self.lesson)
        if rendered.glossary_file is not None:
            self.glossary_file = rendered.glossary_file
        if rendered.ok:
            self.known = list(rendered.pages)
        self.site = site_of(rendered, self.shown, self.copy, self.known)  # one assignment
        return rendered

    def tell(self, rendered: Rendered) -> None:
        """Print the problems, as `dbq check` does, when they are not the ones printed last."""
        lines = [str(p) for p in sorted(set(rendered.problems))]
        if lines != self._shown_problems:
            for line in lines:
                self.report(line)
            self._shown_problems = lines

    def files(self) -> list[Path]:
        return watched_files(self.root, self.lesson, self.glossary_file)


class Watcher(threading.Thread):
    """Polls the files a preview depends on and rebuilds it when any of them changes."""

    def __init__(self, preview: Preview, interval: float = POLL_SECONDS) -> None:
        super().__init__(name="dbq-serve-watcher", daemon=True)
        self.preview = preview
        self.interval = interval
        self.stopped = threading.Event()
        self.stamps = file_stamps(preview.files())

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            stamps = file_stamps(self.preview.files())
            if stamps == self.stamps:
                continue
            self.stamps = stamps  # taken before the rebuild: an edit made during it is seen
            rendered = self.preview.rebuild()
            self.preview.tell(rendered)
            state = "rebuilt" if rendered.ok else "cannot build"
            self.preview.report(f"{state} {self.preview.shown}")

    def stop(self) -> None:
        self.stopped.set()


# --- Serving ----------------------------------------------------------------------------------


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 that answers from a Preview's site, nothing from disk."""

    daemon_threads = True

    def __init__(self, preview: Preview, port: int) -> None:
        self.preview = preview
        super().__init__((HOST, port), PreviewHandler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


class PreviewHandler(BaseHTTPRequestHandler):
    """GET and HEAD of a rendered page or the version; a 404 for any other path."""

    server: PreviewServer

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self._answer(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        site = self.server.preview.site
        path = urlsplit(self.path).path  # the query is ignored; nothing is unquoted or joined
        if path == VERSION_PATH:
            status, kind, text = 200, "text/plain", site.version
        elif path in site.pages:
            status, kind, text = 200, "text/html", site.pages[path]
        else:
            status, kind, text = 404, "text/plain", "404: not a page of this preview\n"
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        """Requests are not logged: the terminal shows rebuilds and problems only."""


def start_server(preview: Preview, port: int) -> PreviewServer:
    """A server listening on 127.0.0.1:port (0: a free port); a DbqError when it cannot."""
    try:
        return PreviewServer(preview, port)
    except OverflowError:
        raise DbqError(f"--port {port}: give a port from 0 to 65535", code="X001") from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            reason = "is already in use (another `dbq serve`, or another server?)"
        elif exc.errno == errno.EACCES:
            reason = "needs privileges to listen on (ports below 1024 usually do)"
        else:
            reason = f"cannot be listened on: {exc.strerror or exc}"
        message = f"port {port} on {HOST} {reason}; try another with --port N, or --port 0"
        raise DbqError(message, code="X001") from None


def serve(
    root: Path,
    lesson: Path,
    port: int = 8000,
    copy: str = "worksheet",
    echo: Callable[[str], None] = click.echo,
    report: Callable[[str], None] = lambda line: click.echo(line, err=True),
) -> None:
    """Serve the lesson until Ctrl+C: bind, render, print the address, rebuild on change."""
    preview = Preview(root, lesson, copy, report)
    server = start_server(preview, port)  # a port in use fails before anything is rendered
    watcher: Watcher | None = None
    try:
        watcher = Watcher(preview)  # stamps taken before the first render: no edit is missed
        rendered = preview.rebuild()
        if rendered.ok and copy not in rendered.pages:
            raise click.BadParameter(
                f"the lesson has no copy {copy!r}; its copies are: {', '.join(rendered.pages)}",
                param_hint="'--copy'",
            )
        watcher.start()
        echo(f"serving {preview.shown} at {server.url} (Ctrl+C to stop)")
        preview.tell(rendered)
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        echo("stopped")
    finally:
        if watcher is not None:
            watcher.stop()
        server.server_close()
