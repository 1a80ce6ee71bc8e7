"""The one Jinja2 environment: built-in templates, workspace overrides, safe Markdown."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from dbq.assets import builtin_templates, replace_unprintable
from dbq.errors import DbqError, Problem, ProblemsError, display_path
from dbq.workspace.files import FileError, check_inside, is_inside, read_text

# What a workspace template may build with `*` and `**` before it is stopped: no page needs
# a million-character string, and "x" * 10**10 would exhaust the memory.
MAX_PRODUCT = 1_000_000
# A page is a few hundred kB of HTML; a template looping past these limits is stopped.
MAX_OUTPUT = 20_000_000
MAX_SECONDS = 60


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # Raw HTML off: a teacher's or a source's "<script>" prints as text.
    return MarkdownIt("commonmark", {"html": False})


def markdown(text: str | None) -> Markup:
    """Markdown blocks -> HTML, with raw HTML shown as text."""
    return Markup(_markdown().render(text or ""))


def markdown_inline(text: str | None) -> Markup:
    """Markdown for one line (a question, a gloss) -> HTML without a paragraph wrapper."""
    return Markup(_markdown().renderInline(text or ""))


def verbatim(text: str) -> Markup:
    """Source text exactly as written: escaped, line breaks kept."""
    lines = text.split("\n")
    # Keep the spaces that join this text to a neighbouring cut mark or gloss; drop indentation.
    lines = [lines[0].rstrip() if len(lines) > 1 else lines[0]] + [
        line.strip() if i < len(lines) - 2 else line.lstrip() for i, line in enumerate(lines[1:])
    ]
    return Markup("<br>").join(escape(line) for line in lines)


class WorkspaceLoader(jinja2.BaseLoader):
    """Templates from the workspace's templates/: regular files inside the workspace only."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder, self.root = folder, root

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        path = self.folder.joinpath(*jinja2.loaders.split_template_path(template))
        if not path.exists() and not path.is_symlink():
            raise jinja2.TemplateNotFound(template)
        check_inside(path, self.root, display_path(path, self.root))
        text = read_text(path, self.root)
        mtime = path.stat().st_mtime
        return text, str(path), lambda: path.exists() and path.stat().st_mtime == mtime


class Sandbox(jinja2.sandbox.SandboxedEnvironment):
    """Jinja2's sandbox (no `__globals__`, no unsafe calls), with `*` and `**` bounded."""

    intercepted_binops = frozenset(["*", "**"])
    workspace: Path | None = None

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise jinja2.sandbox.SecurityError("exponent too large for a template")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                sized = isinstance(seq, (str, list, tuple)) and isinstance(count, int)
                if sized and len(seq) * count > MAX_PRODUCT:
                    raise jinja2.sandbox.SecurityError("repetition too large for a template")
        return super().call_binop(context, operator, left, right)


def make_environment(workspace: Path) -> jinja2.Environment:
    """Workspace templates/ first, then the built-ins ("!builtin/x.html" is always the built-in).

    Workspace templates are untrusted: they render in Jinja2's sandbox and read only files
    inside the workspace.
    """
    builtin = jinja2.FileSystemLoader(str(builtin_templates()))
    loaders: list[jinja2.BaseLoader] = []
    own = workspace / "templates"
    if own.is_dir() and own.resolve() != builtin_templates().resolve():
        loaders.append(WorkspaceLoader(own, workspace))
    loaders += [jinja2.PrefixLoader({"!builtin": builtin}, delimiter="/"), builtin]
    env = Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = markdown
    env.filters["markdown_inline"] = markdown_inline
    env.filters["verbatim"] = verbatim
    env.workspace = workspace
    return env


def render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    """Render one template to an HTML string; a mistake in a template is a located DbqError."""

    loaded = None
    try:
        loaded = env.get_template(template)
        with _time_limit():
            return replace_unprintable(_bounded(loaded.generate(**context)))
    except FileError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise _template_error(env, exc, exc.filename, exc.lineno, exc.message or "") from None
    except Exception as exc:
        where = _template_frame(exc)
        workspace = getattr(env, "workspace", None)
        own = where and workspace and is_inside(Path(where[0]), workspace)
        if not own and not isinstance(exc, jinja2.TemplateError):
            raise  # an error in a built-in template is dbq's bug: keep the traceback
        filename, line = where or (loaded.filename if loaded else None, 1)
        raise _template_error(env, exc, filename, line, str(exc)) from None


def _bounded(chunks: Iterator[str]) -> str:
    """Join a template's output, refusing more than MAX_OUTPUT characters."""
    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise jinja2.sandbox.SecurityError("the page grows past 20 million characters")
        parts.append(chunk)
    return "".join(parts)


@contextlib.contextmanager
def _time_limit() -> Iterator[None]:
    """Stop a template still rendering after MAX_SECONDS (a loop inside a loop...)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise jinja2.sandbox.SecurityError(f"rendering took more than {MAX_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _template_frame(exc: BaseException) -> tuple[str, int] | None:
    """The innermost template file and line in a traceback (Jinja2 puts them there)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if not name.endswith(".py") and not name.startswith("<"):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _template_error(
    env: jinja2.Environment, exc: Exception, filename: str | None, line: int | None, text: str
) -> DbqError:
    workspace = getattr(env, "workspace", None)
    shown = display_path(Path(filename), workspace) if filename else "templates"
    kind = {
        jinja2.TemplateSyntaxError: "template syntax",
        jinja2.UndefinedError: "template: unknown name",
        jinja2.sandbox.SecurityError: "template: not allowed",
        jinja2.TemplateNotFound: "template not found",
    }.get(type(exc), "template error")
    text = text.rstrip(".")
    message = f"{kind}: {text}; fix the template, or delete it to use the built-in one"
    return ProblemsError([Problem(shown, line or 1, 1, "", message, code="P002")])
