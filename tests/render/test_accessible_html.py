"""The accessible HTML copy (issue 25, item 2), checked by axe-core in a real browser.

axe-core (vendored in tests/vendor/axe-core, MPL-2.0) runs its WCAG 2.0/2.1 A and AA rules
in Debian's headless Chromium, driven by Selenium through chromedriver. Where the browser is
not installed the test skips with one line saying what to install; .ci/run installs it.
"""

from __future__ import annotations

import base64
import contextlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BROWSER_SKIP, Run, write
from tests.helpers import ONE_DOCUMENT, REPO, SAMPLE_LESSON

AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIERED = "mao-armistice-tiered-1951"


def _browser_paths() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@contextlib.contextmanager
def browser_session() -> Iterator[Any]:
    """Headless Chromium through chromedriver, or a skip that says what to install."""
    paths = _browser_paths()
    if paths is None:
        pytest.skip(
            f"{BROWSER_SKIP} the axe-core check of the HTML copies runs in headless Chromium; "
            "install it with `apt-get install chromium chromium-driver`"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(paths[1]), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with browser_session() as driver:
        yield driver


def axe_violations(driver: Any, page: Path) -> list[str]:
    """axe-core's WCAG 2.1 AA violations on a page: 'rule (impact): element, …' each."""
    driver.get(page.resolve().as_uri())
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.html)])))"
        ".catch(e => done([['axe-error', String(e), []]]));",
        WCAG_AA,
    )
    return [f"{rule} ({impact}): {' | '.join(nodes[:3])}" for rule, impact, nodes in result]


def _html_copies(run: Run, root: Path, lesson_id: str) -> list[Path]:
    result = run("build", lesson_id, "--html", root=root)
    assert result.exit_code == 0, result.output
    pages = sorted((root / "output" / lesson_id).glob("*.html"))
    assert pages, result.output
    return pages


@pytest.mark.slow
def test_html_copies_pass_axe_wcag_21_aa(sample_workspace: Path, run: Run, browser: Any) -> None:
    """Every copy of the sample lessons: worksheet, key, supported tier, large print."""
    pages = _html_copies(run, sample_workspace, SAMPLE_LESSON)
    pages += _html_copies(run, sample_workspace, TIERED)
    names = {page.name for page in pages}
    assert f"{TIERED}-worksheet-supported-large.html" in names
    assert f"{SAMPLE_LESSON}-answer-key.html" in names
    for page in pages:
        assert axe_violations(browser, page) == [], page.name


@pytest.mark.slow
def test_axe_finds_what_is_wrong(tmp_path: Path, browser: Any) -> None:
    """The check can fail: a page with the faults the copies avoid is reported."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><head></head><body>"
        '<svg role="img" width="10" height="10"></svg>'
        '<p style="color:#bbb">faint</p><textarea></textarea></body></html>',
        encoding="utf-8",
    )
    rules = {line.split(" ")[0] for line in axe_violations(browser, page)}
    assert {"html-has-lang", "document-title", "svg-img-alt", "color-contrast", "label"} <= rules


def test_html_copy_is_one_file_with_nothing_to_fetch(sample_workspace: Path, run: Run) -> None:
    [worksheet, key] = [
        sample_workspace / "output" / SAMPLE_LESSON / f"{SAMPLE_LESSON}-{kind}.html"
        for kind in ("worksheet", "answer-key")
    ]
    _html_copies(run, sample_workspace, SAMPLE_LESSON)
    for page in (worksheet, key):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="en">' in html and "<main>" in html
        # No link, script, font or image to load: every style is inline, fonts are the reader's
        assert not re.search(r"<(?:link|script|img|iframe)\b", html)
        assert "url(" not in html and "dbq:" not in html
        # The timeline: an SVG with a short title that points to the list of its events
        svg = re.search(r"<svg[^>]*>", html)
        assert svg and f'aria-describedby="timeline-events-{SAMPLE_LESSON}"' in svg[0]
        events = re.search(
            rf'<ol class="timeline-events" id="timeline-events-{SAMPLE_LESSON}">(.*?)</ol>',
            html,
            re.S,
        )
        assert events and "Jun 25, 1950: North Korea invades the South" in events[1]
    # The students' copy never holds the key's later events
    assert "Stalin dies" not in worksheet.read_text(encoding="utf-8")
    assert "Stalin dies" in key.read_text(encoding="utf-8")


# A 1×1 PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
HOSTILE_BASE = """\
<!DOCTYPE html>
<script>document.title = "ran"; fetch("http://127.0.0.1:9/leak");</script>
<html lang="en"><head><meta charset="utf-8"><title>{{ lesson.title }}</title>
<link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>
<body><img src="http://127.0.0.1:9/track.png" alt="tracker">
{% block content %}{% endblock %}</body></html>
"""


def _hostile_workspace(workspace: Path) -> Path:
    write(
        workspace / "lessons" / "one.yaml",
        ONE_DOCUMENT + "background: '![A map of Korea](map.png)'\n",
    )
    (workspace / "map.png").write_bytes(PIXEL)
    write(workspace / "templates" / "base.html", HOSTILE_BASE)
    return workspace / "output" / "one" / "one-worksheet.html"


def test_a_copy_runs_no_script_and_fetches_nothing(workspace: Path, run: Run) -> None:
    """A stranger's template cannot make the teacher's browser run or fetch anything."""
    page = _hostile_workspace(workspace)
    result = run("build", "one", "--html")
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    # The policy comes first, before anything the template wrote
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert policy and html.index(policy[0]) < html.index("<script>")
    assert "default-src 'none'" in policy[1] and "script-src" not in policy[1]
    # The teacher's image is in the file; the tracker's source is gone, its alt text stays
    assert f'src="data:image/png;base64,{base64.b64encode(PIXEL).decode()}"' in html
    assert 'src="" alt="tracker"' in html


@pytest.mark.slow
def test_a_hostile_copy_is_inert_in_the_browser(workspace: Path, run: Run, browser: Any) -> None:
    page = _hostile_workspace(workspace)
    assert run("build", "one", "--html").exit_code == 0
    browser.get(page.resolve().as_uri())
    assert browser.title == "One document"  # the template's script did not run
    shown = browser.execute_script(
        "return [...document.images].map(i => [i.alt, i.complete && i.naturalWidth > 0])"
    )
    assert ["A map of Korea", True] in shown and ["tracker", False] in shown


@pytest.mark.slow
def test_a_unit_packet_copy_passes_axe(workspace: Path, run: Run, browser: Any) -> None:
    """Several lessons in one page: one <main>, no id twice."""
    from tests.test_units import _course

    _course(run, workspace)
    assert run("build", "korea", "--html").exit_code == 0
    folder = workspace / "output" / "units" / "korea"
    for name in ("korea-packet.html", "korea-answer-key.html"):
        html = (folder / name).read_text(encoding="utf-8")
        assert html.count("<main>") == 1
        assert axe_violations(browser, folder / name) == [], name
