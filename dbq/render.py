"""The one Jinja2 environment: built-in templates, workspace overrides, safe Markdown."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup, escape


def builtin_templates() -> Path:
    """The folder of the built-in templates (dbq/templates, a link to templates/ in the repo)."""
    return Path(str(resources.files("dbq").joinpath("templates")))


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


def make_environment(workspace: Path) -> jinja2.Environment:
    """Workspace templates/ first, then the built-ins ("!builtin/x.html" is always the built-in)."""
    builtin = jinja2.FileSystemLoader(str(builtin_templates()))
    loaders: list[jinja2.BaseLoader] = []
    own = workspace / "templates"
    if own.is_dir() and own.resolve() != builtin_templates().resolve():
        loaders.append(jinja2.FileSystemLoader(str(own)))
    loaders += [jinja2.PrefixLoader({"!builtin": builtin}, delimiter="/"), builtin]
    env = jinja2.Environment(
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
    return env


def render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    """Render one template to an HTML string."""
    return env.get_template(template).render(**context)
