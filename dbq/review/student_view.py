"""What the student copy prints, place by place: the text the packet review reads.

Everything but the excerpts themselves (they are the evidence a question may send students
to): historical context, source lines, headings, glossary entries, In context prompts, the
timeline picture's labels and the other questions, each with its origin and document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from dbq.packet import GENERATED, TEACHER, Packet


@dataclass(frozen=True)
class Shown:
    """A piece of text the student copy prints, with what the review needs to know of it."""

    place: str  # "the source line of Document A", "question 3"
    text: str
    origin: str
    document: str | None = None  # its document's label; None for lesson-level text
    kind: str = ""  # source_line, heading, glossary, context, timeline, question, background
    question: int = 0  # the question's number, when it is one


def plain(text: str) -> str:
    """Markdown and markup reduced to the words printed."""
    text = re.sub(r"<[^>]+>", " ", str(text))
    text = re.sub(r"\\([\\`*_\[\]<>#|])", r"\1", text)
    return " ".join(re.sub(r"[*_`#>]+", "", text).split())


def timeline_labels(svg: Markup | str | None) -> list[str]:
    """The words of a timeline picture, label by label."""
    if not svg:
        return []
    texts = re.findall(r"<text[^>]*>(.*?)</text>", str(svg), re.S)
    # a bare year is an axis tick, not a fact
    return [plain(t) for t in texts if plain(t) and not re.fullmatch(r"\d{4}", plain(t))]


def student_texts(packet: Packet, in_context: dict | None = None) -> list[Shown]:
    """Everything the student copy prints except the excerpts themselves, place by place."""
    from dbq.render.context import context_view

    lesson = packet.lesson
    shown: list[Shown] = []
    if lesson.background:
        shown.append(Shown("the historical context", plain(lesson.background), TEACHER))
    if lesson.compelling_question:
        shown.append(Shown("the compelling question", plain(lesson.compelling_question), TEACHER))
    glossary = packet.student_glossary or packet.glossary
    for document in packet.documents:
        label = document.label
        name = f"Document {label}"
        shown.append(Shown(f"the source line of {name}", document.source_line, "source", label))
        for part, what in ((document.title, "heading"), (document.intro, "introduction")):
            if part:
                shown.append(Shown(f"the {what} of {name}", plain(part), TEACHER, label, what))
        own = glossary.document(label) if glossary else None
        for entry in own.entries if own else []:
            if entry.definition:
                shown.append(
                    Shown(
                        f"the glossary entry “{entry.term}” for {name}",
                        plain(f"{entry.term}: {entry.definition}"),
                        entry.origin,
                        label,
                        "glossary",
                    )
                )
    if in_context is None:
        in_context = context_view(packet.context, key=False, page_size=packet.page_size)
    for label, box in in_context.get("documents", {}).items():
        for prompt in box.get("prompts", []):
            origin = GENERATED if prompt["generated"] else TEACHER
            place = f"the In context box of Document {label}"
            shown.append(Shown(place, plain(prompt["text"]), origin, label, "context"))
    for prompt in in_context.get("prompts", []):
        origin = GENERATED if prompt["generated"] else TEACHER
        shown.append(Shown("the timeline's prompt", plain(prompt["text"]), origin, None, "context"))
    for text in timeline_labels(in_context.get("picture")):
        shown.append(Shown("the timeline picture", text, "built-in timeline", None, "timeline"))
    for question in packet.questions:
        text = " ".join([plain(question.ask), *question.choices])
        shown.append(
            Shown(
                f"question {question.number}",
                text,
                question.origin,
                question.document,
                "question",
                question.number,
            )
        )
    return shown
