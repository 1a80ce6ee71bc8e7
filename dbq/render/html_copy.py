"""The HTML copy as written: one file a browser opens with nothing to fetch and nothing to run.

Templates may come from a stranger's workspace, and unlike WeasyPrint a browser runs scripts
and fetches what a page names. So every copy starts with a Content-Security-Policy that lets
it use its own inline styles and embedded images, and nothing else: no script, no request to
the network or the disk. Images a teacher put in Markdown (`![a map](maps/korea.png)`) are
embedded, so the copy stays one file.
"""

from __future__ import annotations

import base64
import re
from html import escape, unescape
from pathlib import Path

from dbq.workspace.files import FileError, read_bytes

# Everything else is refused, scripts included. `nonce`: the one script dbq serve adds.
POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "form-action 'none'; base-uri 'none'"
)
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
MAX_IMAGE = 5_000_000
_DOCTYPE = re.compile(r"\A\s*<!doctype[^>]*>", re.I)
_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
_SOURCE = re.compile(r'\bsrc\s*=\s*"([^"]*)"', re.I)


def policy_meta(nonce: str = "") -> str:
    script = f"; script-src 'nonce-{nonce}'; connect-src 'self'" if nonce else ""
    return f'<meta http-equiv="Content-Security-Policy" content="{POLICY}{script}">'


def self_contained(html: str, root: Path, nonce: str = "") -> str:
    """The page with its policy first and its workspace images embedded.

    The policy goes right after the doctype, before anything a template wrote, so it covers
    the whole page (a later `<html lang>` still gives the page its language).
    """
    html = _IMAGE.sub(lambda m: _embedded(m[0], root), html)
    doctype = _DOCTYPE.match(html)
    at = doctype.end() if doctype else 0
    return html[:at] + "\n" + policy_meta(nonce) + html[at:]


def _embedded(tag: str, root: Path) -> str:
    """An <img> whose file is in the workspace, as a data: URL; any other source is dropped
    (the policy would block it anyway), leaving the image's alt text."""
    source = _SOURCE.search(tag)
    if source is None or source[1].startswith("data:"):
        return tag
    data = _image_data(unescape(source[1]), root)
    return tag.replace(source[0], f'src="{escape(data)}"' if data else 'src=""', 1)


def _image_data(url: str, root: Path) -> str | None:
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) or url.startswith("//"):
        return None  # the network, file: URLs and the like
    path = root / url.split("#")[0].split("?")[0]
    kind = IMAGE_TYPES.get(path.suffix.lower())
    if kind is None:
        return None
    try:
        content = read_bytes(path, root, limit=MAX_IMAGE)
    except FileError:
        return None  # outside the workspace, missing, too large: the PDF build says which
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"
