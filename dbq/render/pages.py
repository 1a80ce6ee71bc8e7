"""The PDF copies of a packet as HTML: the worksheets (student copies) and the key."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import jinja2

from dbq.packet.items import Packet
from dbq.render.context import packet_context
from dbq.render.html import make_environment, render
from dbq.render.kinds import PDF_KINDS
from dbq.render.variants import tier_notes, worksheet_copies


def render_pages(
    packet: Packet,
    root: Path,
    version: str = "",
    kinds: Iterable[str] = PDF_KINDS,
    env: jinja2.Environment | None = None,
    screen: bool = False,
    lesson_number: int = 0,
) -> dict[str, str]:
    """The PDF copies of a packet as HTML: every worksheet gets a student copy only.

    `env`: the run's one environment (route.Workspace.templates), so templates compile once.
    `screen`: the accessible HTML copies instead, one self-contained page per copy.
    `lesson_number`: the lesson's place in a unit packet, for its own form field names.
    """
    env = env or make_environment(root)
    kinds = list(kinds)
    packet.tier_notes = tier_notes(packet, kinds)
    sheets = worksheet_copies(packet, kinds)
    pages = {
        kind: render(
            env, "worksheet.html", packet_context(sheets[kind], version, screen, lesson_number)
        )
        for kind in sheets
    }
    pages["answer-key"] = render(
        env, "answer-key.html", packet_context(packet, version, screen, lesson_number)
    )
    return {kind: pages[kind] for kind in kinds if kind in pages}
