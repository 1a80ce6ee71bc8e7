"""What the context templates print (templates/context-*.html), from the packet's items.

The timeline was laid out once per audience when the packet was made; here it is drawn.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from dbq.generate.timeline_layout import lay_out_picture
from dbq.packet.items import KEY, STUDENTS, ContextPromptItem, InContext, Packet
from dbq.render.svg_timeline import events_in_order, render_svg

# Large print lays the timeline out this much narrower, so it prints this much larger.
LARGE_TIMELINE = 1.6


def context_view(
    view: InContext | None,
    title: str = "",
    large: bool = False,
    screen: bool = False,
    events_id: str = "timeline-events",
) -> dict[str, Any]:
    """The template's view of one audience's contextualization.

    `screen`: for the HTML copy, whose timeline is followed by the list of its events, which
    has the id `events_id` (one per lesson: a unit's packet holds several).
    """
    if view is None:
        return {"picture": None, "prompts": [], "documents": {}, "events": []}
    svg, events = None, []
    layout = view.timeline
    if large and view.picture is not None:
        layout = lay_out_picture(view.picture, view.width / LARGE_TIMELINE)
    if layout is not None:
        name = f"Timeline: {title}" if title else "Timeline"
        text = render_svg(layout, view.cutoff, name, described=events_id if screen else "")
        svg = Markup(text)  # every piece of text in it was escaped by svg_timeline
        events = events_in_order(layout, view.cutoff) if screen else []
    documents = {
        label: {
            "date": box.date,
            "prompts": [_prompt(p) for p in box.prompts],
            "notes_intro": box.notes_intro,
            "notes": box.notes,
        }
        for label, box in view.documents.items()
    }
    return {
        "picture": svg,
        "later_shown": bool(view.audience == KEY and view.timeline is not None and view.cutoff),
        "prompts": [_prompt(p) for p in view.prompts],
        "documents": documents,
        "events": events,
        "events_id": events_id,
    }


def _prompt(prompt: ContextPromptItem) -> dict[str, Any]:
    return {"text": prompt.text, "generated": prompt.generated}


def field_names(lesson_number: int = 0) -> dict[str, str]:
    """How a fillable worksheet names its fields: q3, "Question 3 answer"; in a unit packet,
    which holds several lessons' question 3, l2-q3, "Lesson 2, question 3 answer"."""
    if lesson_number:
        return {"name": f"l{lesson_number}-", "label": f"Lesson {lesson_number}, question"}
    return {"name": "", "label": "Question"}


def packet_context(
    packet: Packet, version: str = "", screen: bool = False, lesson_number: int = 0
) -> dict[str, Any]:
    """What the templates get: the packet's parts under the names the templates use.

    `screen`: for the HTML copy rather than the PDF (templates/screen.css, the events list).
    `lesson_number`: the lesson's place in a unit packet, which its field names carry.
    """
    key = packet.for_key
    header = packet.header
    assert header is not None, "build_packet sets the header"
    return {
        "key": key,
        # `lesson` in templates: the packet's header, under the name user templates know
        "lesson": header,
        "lesson_id": packet.lesson_id,
        "page_size": packet.page_size,
        "documents": packet.documents,
        "lesson_questions": packet.lesson_questions,
        "essay": packet.essay,
        "vocabulary": packet.vocabulary,
        "glossary": packet.glossary,
        "total_points": packet.total_points,
        "line_numbers": packet.line_numbers,
        "scaffolds": packet.scaffolds,
        "version": version,
        "tier": packet.tier,
        "large": packet.large,
        # Students type into their worksheet; the key is never fillable.
        "fillable": packet.fillable and not key,
        "fields": field_names(lesson_number),
        "word_bank": packet.word_bank,
        "tier_notes": packet.tier_notes,
        "screen": screen,
        "in_context": context_view(
            packet.views.get(KEY if key else STUDENTS),
            header.title,
            large=packet.large,
            screen=screen,
            events_id=f"timeline-events-{packet.lesson_id}",
        ),
    }
