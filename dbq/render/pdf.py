"""The one module that talks to WeasyPrint: HTML string -> PDF bytes, fetching only local files."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from dbq.assets import builtin_templates
from dbq.workspace.files import is_inside, read_bytes


def _import_weasyprint() -> None:
    """Import WeasyPrint without ctypes' library search on Linux, and with it elsewhere.

    WeasyPrint tries several names for each library (libgobject-2.0-0, …, libgobject-2.0.so.0);
    for each name dlopen cannot load, cffi asks ctypes.util.find_library, which on Linux runs
    ldconfig and gcc: some 40 programs and 0.3 s at every start of a build. The names that
    work on Linux need no search. Should a library be found only by searching, the import is
    done again the usual way.
    """
    import ctypes.util
    import io
    import sys

    if not sys.platform.startswith("linux"):
        import weasyprint  # noqa: F401

        return
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints when it gives up
            import weasyprint  # noqa: F401
    except OSError:
        for name in [m for m in sys.modules if m.split(".")[0] == "weasyprint"]:
            del sys.modules[name]
        ctypes.util.find_library = search
        import weasyprint  # noqa: F401
    finally:
        ctypes.util.find_library = search


_import_weasyprint()

from pydyf import Array, Dictionary  # noqa: E402  (WeasyPrint's PDF writer)
from weasyprint import HTML  # noqa: E402
from weasyprint.pdf import tags as _tags  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

BUILTIN_SCHEME = "dbq:"

# Tagged PDF/UA-1 (issue 25): a structure tree in reading order, the language and title in
# the metadata. PDF 1.7, which every reader opens; the tree costs about 5% of a render.
PDF_VARIANT = "pdf/ua-1"


def _tag_like_aria() -> None:
    """Teach WeasyPrint's tagging two things the HTML already says for screen readers.

    `aria-hidden="true"` (line numbers every fifth line): kept out of the structure tree, as
    WeasyPrint keeps running heads and footers, so a screen reader does not read "5" into a
    sentence. `data-actual-text` (a paragraph's own number): read as that text instead, e.g.
    "Paragraph 2." rather than a bare "2". Without the hook (another WeasyPrint), the PDF is
    still tagged, and tests/render/test_accessible_pdf.py says so.
    """
    build = getattr(_tags, "_build_box_tree", None)
    if build is None or getattr(build, "dbq_hook", False):
        return

    relabelled: set[int] = set()  # elements whose number is being relabelled right now

    def build_box_tree(box, parent, *args):  # type: ignore[no-untyped-def]
        element = getattr(getattr(box, "_box", box), "element", None)
        text = None if element is None else element.get("data-actual-text")
        if element is not None and element.get("aria-hidden") == "true":
            for _ in build(box, parent, *args):  # map its marked content, then drop it
                pass
        elif text and id(element) not in relabelled:  # the outermost box of the element
            relabelled.add(id(element))
            try:
                for made in build(box, parent, *args):
                    made["ActualText"] = _tags.pydyf.String(text)
                    yield made
            finally:
                relabelled.discard(id(element))
        else:
            yield from build(box, parent, *args)

    build_box_tree.dbq_hook = True  # type: ignore[attr-defined]
    _tags._build_box_tree = build_box_tree


_tag_like_aria()


class LocalOnlyFetcher(URLFetcher):
    """Serve data: URLs and files under the allowed folders; refuse the network and the rest.

    `dbq:fonts/x.ttf` names a file of the built-in templates, so the HTML holds no
    machine-specific path.
    """

    def __init__(self, allowed: list[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.allowed = [folder.resolve() for folder in allowed]

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(BUILTIN_SCHEME):
            return self._builtin(url)
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise ValueError(f"dbq does not fetch from the network: {url}")
        path = Path(unquote(parsed.path))
        inside = [folder for folder in self.allowed if is_inside(path, folder)]
        if not inside:
            raise ValueError(f"dbq only reads files inside the workspace: {url}")
        # Through the one reader: a FIFO or a huge file is refused, not waited on.
        return URLFetcherResponse(url, read_bytes(path, inside[0]))

    def _builtin(self, url: str) -> URLFetcherResponse:
        folder = builtin_templates().resolve()
        path = (folder / url.removeprefix(BUILTIN_SCHEME)).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            raise ValueError(f"dbq has no built-in file {url}")
        return URLFetcherResponse(url, path.read_bytes())


@dataclass
class Rendered:
    """A written PDF, its page count, and what WeasyPrint warned about while making it."""

    pdf: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


def html_to_pdf(html: str, base: Path, allowed: list[Path]) -> Rendered:
    """Lay out and write the PDF.

    base is the folder relative links resolve against; only files under `allowed` are read.
    """
    with _fixed_timestamps() as when, _collect_warnings() as warnings:
        document = HTML(
            string=html,
            base_url=base.resolve().as_uri() + "/",
            url_fetcher=LocalOnlyFetcher(allowed),
        ).render()
        if when is not None:
            stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
            document.metadata.created = document.metadata.modified = stamp
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT, finisher=_mend_radio_groups)
    _freeze_long_lived()
    return Rendered(pdf, len(document.pages), warnings)


def _mend_radio_groups(document: object, pdf: Any) -> None:
    """Make each radio group of a fillable worksheet one field whose buttons are its widgets.

    WeasyPrint 70 writes every button of a group as a field as well: named like the group,
    typed as a button without the radio flag (a check box), and listed among the form's
    fields beside the group. Readers then see the group q4 and four check boxes q4.q4; a
    button of a group is only a widget, so the name, the type and the listing go.
    """
    form = pdf.catalog.get("AcroForm")
    if form is None:
        return
    buttons = set()
    for item in pdf.objects:
        if isinstance(item, Dictionary) and item.get("Subtype") == "/Widget" and "Parent" in item:
            for key in ("T", "TU", "FT"):
                item.pop(key, None)
            buttons.add(item.reference)
    form["Fields"] = Array(f for f in form["Fields"] if f not in buttons)


_frozen = False


def _freeze_long_lived() -> None:
    """After the first PDF of a process, move what lives on (modules, WeasyPrint's fonts and
    caches, the dictionary) out of the garbage collector's sight: each later layout's
    collections then scan its own objects only. Measured on the benchmark course: WeasyPrint
    runs 10-18% faster inside dbq. Garbage is collected first, so none is kept for good."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


# WeasyPrint's notice that it subsets fonts with fontTools (dbq's choice: a pip-only install).
_EXPECTED = ("Using fontTools instead of HarfBuzz-Subset",)


def _accessibility_advice(message: str) -> str:
    """WeasyPrint's PDF/UA complaints, said as what the teacher can do about them."""
    if message.startswith('Missing required "lang" attribute'):
        return (
            'the page names no language (<html lang="en">), so a screen reader cannot tell '
            "how to read the PDF; add a lang attribute to your template's <html> element"
        )
    image = re.match(r'Image "(.*)" has no required alt description', message)
    if image:
        return (
            f"the image {image[1]} has no description (alt text) for students who cannot see "
            'it; write one: ![what the image shows](file) in Markdown, alt="…" in a template'
        )
    return message


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = _accessibility_advice(record.getMessage())
        if not message.startswith(_EXPECTED) and message not in self.messages:
            self.messages.append(message)


@contextlib.contextmanager
def _collect_warnings() -> Iterator[list[str]]:
    """WeasyPrint's warnings (a refused file, bad CSS) become dbq's, not stderr noise."""
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    previous = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)
        logger.propagate = previous


# 1980-01-01, as zip and wheel builds use when no SOURCE_DATE_EPOCH is given.
DEFAULT_EPOCH = "315532800"


@contextlib.contextmanager
def _fixed_timestamps() -> Iterator[dt.datetime | None]:
    """Same input, same bytes: pin the clock that font subsetting stamps into fonts.

    fontTools reads SOURCE_DATE_EPOCH for the fonts' head tables; when the caller set it,
    the PDF also records it as its creation date, otherwise the PDF has no date.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH")
    when = None
    if given and given.isdigit():
        when = dt.datetime.fromtimestamp(int(given), dt.timezone.utc).replace(tzinfo=None)
    os.environ["SOURCE_DATE_EPOCH"] = given if given and when else DEFAULT_EPOCH
    try:
        yield when
    finally:
        if given is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = given
