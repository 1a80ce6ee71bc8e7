"""Each audience's contextualization as packet items: the timeline picture chosen once per
lesson and laid out once per audience, the In context prompts and the key's notes."""

from __future__ import annotations

from dbq.generate.context import ContextResult, Placed, Prompt
from dbq.generate.picture import picture
from dbq.generate.timeline_layout import lay_out_picture
from dbq.packet.items import (
    GENERATED,
    KEY,
    STUDENTS,
    TEACHER,
    ContextBox,
    ContextPromptItem,
    InContext,
)
from dbq.workspace.timelines import PartialDate

# Width of the printed page's text block in points: the page less the 0.75in side margins.
TEXT_WIDTH = {"letter": 8.5 * 72 - 108, "a4": 210 / 25.4 * 72 - 108}


def _prompt_item(prompt: Prompt) -> ContextPromptItem:
    return ContextPromptItem(prompt.text, GENERATED if prompt.generated else TEACHER)


def _note(placed: Placed) -> dict[str, str]:
    """'November 27, 1951 (two weeks later)' and what happened, for the key's teacher note."""
    return {"when": placed.when_later(), "text": placed.event.description}


def in_context(result: ContextResult, audience: str, page_size: str = "letter") -> InContext:
    """One audience's contextualization, the timeline picture chosen and laid out once."""
    key = audience == KEY
    lesson = result.lesson
    chosen = picture(lesson, key=key) if lesson.picture else None
    if chosen is not None and not chosen.events:
        chosen = None  # a line with only the documents on it places them in nothing
    width = TEXT_WIDTH.get(page_size, TEXT_WIDTH["letter"])
    documents = {
        document.label: ContextBox(
            date=PartialDate.of(document.date).words() if document.date else "",
            prompts=[_prompt_item(p) for p in document.prompts],
            notes_intro=document.notes_intro if key else "",
            notes=[_note(p) for p in document.after] if key and document.notes else [],
        )
        for document in lesson.documents
    }
    return InContext(
        audience,
        lay_out_picture(chosen, width) if chosen is not None else None,
        chosen.cutoff if chosen is not None else None,
        [_prompt_item(p) for p in lesson.prompts],
        documents,
        picture=chosen,
        width=width,
    )


def in_context_views(result: ContextResult | None, page_size: str) -> dict[str, InContext]:
    """Both audiences' contextualization (none when the lesson has no context)."""
    if result is None:
        return {}
    return {audience: in_context(result, audience, page_size) for audience in (STUDENTS, KEY)}
