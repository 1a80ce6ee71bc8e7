"""The one module that talks to WeasyPrint: HTML string -> PDF bytes, fetching only local files."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import HTML
from weasyprint.urls import URLFetcher


class LocalOnlyFetcher(URLFetcher):
    """Serve data: URLs and files under the allowed folders; refuse the network and the rest."""

    def __init__(self, allowed: list[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.allowed = [folder.resolve() for folder in allowed]

    def fetch(self, url, headers=None):  # noqa: ANN001, ANN201 - WeasyPrint's signature
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise ValueError(f"dbq does not fetch from the network: {url}")
        path = Path(unquote(parsed.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            raise ValueError(f"dbq only reads files inside the workspace: {url}")
        return super().fetch(url, headers)


def html_to_pdf(html: str, base: Path, allowed: list[Path]) -> tuple[bytes, int]:
    """Lay out and write the PDF; return its bytes and page count.

    base is the folder relative links resolve against; only files under `allowed` are read.
    """
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(
        string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=LocalOnlyFetcher(allowed)
    ).render()
    return document.write_pdf(), len(document.pages)
