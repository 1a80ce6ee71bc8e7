"""Untrusted text stays text: HTML, scripts and templates print literally; nothing is fetched."""

from __future__ import annotations

from pathlib import Path

from dbq.render.pdf import LocalOnlyFetcher, html_to_pdf
from tests.conftest import Run, write
from tests.helpers import pdf_text

INJECTIONS = ['<img src="file:///etc/passwd">', "<script>alert(1)</script>", "{{ 7*7 }}"]


def test_injection_strings_print_literally(run: Run, workspace: Path) -> None:
    write(
        workspace / "sources" / "evil.md",
        "---\ntitle: 'Evil <b>source</b> {{ 7*7 }}'\nauthor: '<script>x</script>'\n---\n"
        + "\n\n".join(f"Paragraph {i}: {s}" for i, s in enumerate(INJECTIONS, 1))
        + "\n",
    )
    write(
        workspace / "lessons" / "evil.yaml",
        f"""\
title: '{INJECTIONS[2]} lesson'
background: |
  {INJECTIONS[0]} and {INJECTIONS[1]} and ![x](file:///etc/passwd)
documents:
  - source: evil
    excerpt: {{paragraphs: 1-3}}
    questions:
      - ask: '{INJECTIONS[1]} {INJECTIONS[2]}?'
        answer: '{INJECTIONS[0]}'
""",
    )
    result = run("build", "evil", "--html")
    assert result.exit_code == 0, result.output
    folder = workspace / "output" / "evil"
    worksheet = pdf_text(folder / "evil-worksheet.pdf")
    for text in INJECTIONS:
        assert text in worksheet
    assert "49" not in worksheet
    assert "<script>x</script>" in worksheet  # the author, in the source line
    html = (folder / "evil-worksheet.html").read_text()
    assert "<script>" not in html and '<img src="file:///etc/passwd"' not in html
    assert INJECTIONS[0] in pdf_text(folder / "evil-answer-key.pdf")


def test_pdf_step_fetches_nothing_outside_the_workspace(tmp_path: Path) -> None:
    inside = tmp_path / "ws"
    inside.mkdir()
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    fetcher = LocalOnlyFetcher([inside])
    for url in (secret.as_uri(), "http://example.com/x.png", "file:///etc/passwd"):
        try:
            fetcher.fetch(url)
        except ValueError as exc:
            assert "dbq" in str(exc)
        else:
            raise AssertionError(f"fetched {url}")
    html = f'<link rel="stylesheet" href="{secret.as_uri()}"><p>ok</p><img src="http://127.0.0.1:9/x.png">'
    rendered = html_to_pdf(html, inside, [inside])
    assert rendered.pages == 1 and rendered.pdf.startswith(b"%PDF")
    fetched, language = rendered.warnings[:2], rendered.warnings[2:]
    assert all("dbq" in w for w in fetched), rendered.warnings
    # A page without <html lang> is still written, with advice for the template's author
    assert language == [
        'the page names no language (<html lang="en">), so a screen reader cannot tell how to '
        "read the PDF; add a lang attribute to your template's <html> element"
    ]
