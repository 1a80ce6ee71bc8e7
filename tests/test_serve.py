"""`dbq serve`: a live HTML preview of one lesson on 127.0.0.1 (issue 25, item 3).

A real `dbq serve` in a subprocess, real HTTP requests, real edits of the lesson file.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from dbq.cli import main
from dbq.render.html_copy import policy_meta, self_contained
from dbq.serve import HOST, NONCE, VERSION_PATH, Preview, render_lesson, site_of, start_server
from tests.conftest import Run, write
from tests.helpers import ONE_DOCUMENT, REPO

TIMEOUT = 20.0  # seconds: a rebuild takes well under one


@pytest.fixture
def one(workspace: Path) -> Path:
    """The workspace with lessons/one.yaml, a one-document lesson, and nothing else."""
    return write(workspace / "lessons" / "one.yaml", ONE_DOCUMENT)


def _dbq(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "dbq.cli", "-C", str(root), *args]


def _env() -> dict[str, str]:
    """This environment (the test's own XDG_CACHE_HOME included), dbq importable from here."""
    return {**os.environ, "PYTHONPATH": str(REPO)}


@contextlib.contextmanager
def serving(root: Path, *args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`dbq serve ARGS --port 0` running; yields the process and the address it printed."""
    process = subprocess.Popen(
        _dbq(root, "serve", *args, "--port", "0"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], TIMEOUT)
        line = process.stdout.readline() if ready else ""
        assert line.startswith("serving "), (line, process.poll())
        url = line.split(" at ", 1)[1].split()[0]
        yield process, url
    finally:
        if process.poll() is None:
            process.terminate()
        process.communicate(timeout=TIMEOUT)


def get(url: str, path: str) -> tuple[int, dict[str, str], str]:
    """GET a path exactly as written (no normalising of `..` or `%2e`): status, headers, body."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=TIMEOUT)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8")
        return response.status, dict(response.getheaders()), body
    finally:
        connection.close()


def page(url: str, path: str = "/") -> str:
    status, _, body = get(url, path)
    assert status == 200, (path, status, body)
    return body


def new_version(url: str, old: str) -> str:
    """Wait for the preview's version to change from `old`, as the page's script does."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        version = page(url, VERSION_PATH)
        if version != old:
            return version
        time.sleep(0.1)
    raise AssertionError(f"the preview did not rebuild within {TIMEOUT} s")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serve_shows_the_lesson_and_reloads_it_on_save(workspace: Path, one: Path) -> None:
    with serving(workspace, "one") as (process, url):
        assert url.startswith(f"http://{HOST}:") and not url.endswith(":0/")
        status, headers, body = get(url, "/")
        assert status == 200
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert headers["Cache-Control"] == "no-store"
        assert "One document" in body and "What does Mao propose?" in body
        assert VERSION_PATH in body  # the reload script
        assert page(url, "/worksheet") == body
        assert "He proposes a demarcation line" in page(url, "/answer-key")
        assert "He proposes a demarcation line" not in body

        version = page(url, VERSION_PATH)
        edit(one, "What does Mao propose?", "What line does Mao propose?")
        edit(one, "title: One document", "title: The demarcation line")
        new_version(url, version)
        body = page(url, "/")
        assert "The demarcation line" in body and "What line does Mao propose?" in body

        process.send_signal(signal.SIGINT)  # Ctrl+C
        out, err = process.communicate(timeout=TIMEOUT)
        assert process.returncode == 0, err
        assert "Traceback" not in err
        assert "stopped" in out


def test_a_broken_lesson_or_settings_file_shows_the_problems_until_fixed(
    workspace: Path, one: Path
) -> None:
    with serving(workspace) as (_, url):  # the only lesson, unnamed
        version = page(url, VERSION_PATH)
        edit(one, "generate: false", "generate: [false")
        version = new_version(url, version)
        body = page(url, "/")
        assert "lessons/one.yaml:3:" in body and "[Y001]" in body
        assert "What does Mao propose?" not in body
        assert page(url, "/answer-key") == body
        assert VERSION_PATH in body  # it reloads by itself

        edit(one, "generate: [false", "generate: false")
        version = new_version(url, version)
        assert "What does Mao propose?" in page(url, "/")

        # The workspace is read anew: a broken dbq.yaml is shown too, and its repair.
        settings = workspace / "dbq.yaml"
        good = settings.read_text(encoding="utf-8")
        write(settings, good + "page_sise: a4\n")
        version = new_version(url, version)
        body = page(url, "/")
        assert "dbq.yaml:" in body and "page_sise" in body and "[L001]" in body
        write(settings, good)
        new_version(url, version)
        assert "What does Mao propose?" in page(url, "/")


def test_only_the_rendered_pages_are_served(workspace: Path, one: Path) -> None:
    with serving(workspace, str(one)) as (_, url):  # a path, as `dbq build` takes
        for path in (
            "/../etc/passwd",
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2fetc%2fpasswd",
            "//etc/passwd",
            "/etc/passwd",
            "/lessons/one.yaml",
            "/sources/",
            "/dbq.yaml",
            "/worksheet/../../dbq.yaml",
            "/nope",
        ):
            status, _, body = get(url, path)
            assert status == 404, path
            assert "root:" not in body and "title:" not in body
        status, _, _ = get(url, "/worksheet?x=1")  # a query is ignored
        assert status == 200


def test_served_pages_are_the_html_copies_plus_the_reload_script(
    workspace: Path, one: Path
) -> None:
    rendered = render_lesson(workspace, one)
    assert rendered.ok and set(rendered.pages) == {"worksheet", "answer-key"}
    from dbq.route import Workspace, route_lesson

    composed, _ = route_lesson(one, Workspace.load(workspace))
    assert composed is not None
    from dbq.render.pages import render_pages

    built = render_pages(composed.packet, workspace, screen=True)
    assert VERSION_PATH not in built["worksheet"]  # the copies `dbq build --html` writes
    # … with their policy, which lets serve's one script run by its nonce
    assert policy_meta(NONCE) in rendered.pages["worksheet"]
    assert policy_meta() in self_contained(built["worksheet"], workspace)
    site = site_of(rendered, "lessons/one.yaml", "answer-key", ["worksheet", "answer-key"])
    for kind, copy in rendered.pages.items():
        served = site.pages[f"/{kind}"]
        start = served.index("<nav data-dbq-serve")
        end = served.index("</script>", start) + len("</script>\n")
        assert served[:start] + served[end:] == copy
    assert site.pages["/"] == site.pages["/answer-key"]


def test_the_server_listens_on_loopback_only(workspace: Path, one: Path) -> None:
    preview = Preview(workspace, one)
    preview.rebuild()
    server = start_server(preview, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        assert "One document" in page(server.url)
        other = _outside_address()
        if other is not None:
            with pytest.raises(OSError), socket.create_connection((other, port), timeout=2):
                pass
    finally:
        server.shutdown()
        server.server_close()


def _outside_address() -> str | None:
    """This machine's address on its network, if it has one besides loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks a route
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_a_port_in_use_is_one_clear_error(workspace: Path, one: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            _dbq(workspace, "serve", "one", "--port", str(port)),
            capture_output=True,
            text=True,
            env=_env(),
            timeout=TIMEOUT,
        )
    assert result.returncode == 1
    assert f"port {port}" in result.stderr and "--port 0" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_which_lesson_to_serve(run: Run, workspace: Path, one: Path, tmp_path: Path) -> None:
    write(workspace / "lessons" / "two.yaml", ONE_DOCUMENT)
    result = run("serve")
    assert result.exit_code == 2
    assert "the lessons are: one, two" in result.output

    result = run("serve", "three")
    assert result.exit_code == 1
    assert "no lesson 'three'" in result.output and "one, two" in result.output

    outside = write(tmp_path / "outside.yaml", ONE_DOCUMENT)
    result = run("serve", str(outside))
    assert result.exit_code == 1
    assert "outside the workspace" in result.output


def test_serve_is_listed_in_the_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "serve" in result.output and "Preview a lesson as HTML" in result.output
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert "127.0.0.1" in result.output and "--port" in result.output


@pytest.mark.slow
def test_a_browser_reloads_the_page_on_save(workspace: Path, one: Path) -> None:
    """In Chromium, under the copies' policy: serve's script alone runs, and reloads on save."""
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.render.test_accessible_html import browser_session

    with serving(workspace, "one") as (_, url), browser_session() as browser:
        browser.get(url)
        assert browser.title == "One document"
        one.write_text(ONE_DOCUMENT.replace("title: One document", "title: Edited"), "utf-8")
        WebDriverWait(browser, TIMEOUT).until(lambda b: b.title == "Edited")
        console = browser.get_log("browser")
        assert not [entry for entry in console if "Content Security Policy" in entry["message"]]
