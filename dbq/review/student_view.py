"""What the student copy prints, place by place: the text the packet review reads.

Everything but the excerpts themselves (they are the evidence a question may send students
to): historical context, source lines, headings, glossary entries, In context prompts, the
timeline picture's labels and the other questions, each with its origin and document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dbq.packet.items import STUDENTS, TEACHER, InContext, Packet


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


def timeline_labels(view: InContext | None) -> list[str]:
    """The words of the students' timeline picture, label by label."""
    if view is None:
        return []
    texts = [plain(text) for text in view.timeline_labels]
    # a bare year is an axis tick, not a fact
    return [t for t in texts if t and not re.fullmatch(r"\d{4}", t)]


def student_texts(packet: Packet) -> list[Shown]:
    """Everything the student copy prints except the excerpts themselves, place by place."""
    lesson = packet.header
    shown: list[Shown] = []
    if lesson is None:
        return shown
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
    for entry in glossary.unplaced if glossary else []:
        if entry.definition:
            shown.append(
                Shown(
                    f"the lesson's glossary entry “{entry.term}”",
                    plain(f"{entry.term}: {entry.definition}"),
                    entry.origin,
                    None,
                    "glossary",
                )
            )
    view = packet.views.get(STUDENTS)
    for label, box in view.documents.items() if view else ():
        for prompt in box.prompts:
            place = f"the In context box of Document {label}"
            shown.append(Shown(place, plain(prompt.text), prompt.origin, label, "context"))
    for prompt in view.prompts if view else ():
        shown.append(
            Shown("the timeline's prompt", plain(prompt.text), prompt.origin, None, "context")
        )
    for text in timeline_labels(view):
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
