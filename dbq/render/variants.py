"""Which copies a lesson asks for, and the student packet of each tier and print size.

One packet serves every copy: a tier changes only what students read beside the questions
(adapted excerpts, sentence frames, a word bank), never the question numbers or points, so one
key and one discussion serve the whole class.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from dbq.packet.assemble import student_copy
from dbq.packet.items import Packet
from dbq.render.kinds import output_name


def worksheet_copies(packet: Packet, kinds: Iterable[str]) -> dict[str, Packet]:
    """The student packet of every worksheet kind asked (worksheet, worksheet-supported-large)."""
    tiers = list(dict.fromkeys(packet.header.tiers if packet.header else []))
    copies = {}
    for kind in kinds:
        if not kind.startswith("worksheet") or kind.endswith("-docx"):
            continue
        parts = kind.split("-")[1:]
        tier = next((p for p in parts if p != "large"), "standard")
        # Without tiers, the one worksheet prints the adaptations the lesson gives.
        copies[kind] = tier_copy(packet, tier, adapted=tier == "supported" or not tiers)
        copies[kind].large = "large" in parts
    return copies


def tier_copy(packet: Packet, tier: str, adapted: bool) -> Packet:
    """The student copy of one tier: supported adds frames and a word bank."""
    shown = student_copy(packet)
    shown.tier = tier
    if adapted:
        shown.documents = [_adapted(d) for d in shown.documents]
    if tier == "supported":
        for question in shown.questions:
            question.frame = question.frame or question.support_frame
        shown.word_bank = word_bank(shown)
    return shown


def _adapted(document):  # type: ignore[no-untyped-def]
    """The document with its adapted wording (and the original after, if asked)."""
    adaptation = document.adaptation
    if adaptation is None:
        return document
    shown = copy.copy(document)
    shown.passages = adaptation.passages
    shown.lines = []  # dbq numbers the lines of source text only; paragraphs stay numbered
    shown.original = adaptation.original if adaptation.show_original else []
    shown.has_glosses = False  # the original after it prints without the editor's glosses
    shown.has_cuts = document.has_cuts and bool(shown.original)
    line = document.source_line.removesuffix(" (excerpt)")
    shown.source_line = line if line.endswith("(adapted)") else f"{line} (adapted)"
    return shown


def word_bank(packet: Packet) -> list[str]:
    """The glossary's terms and the lesson's vocabulary, each once, alphabetically."""
    terms = [entry.term for entry in packet.vocabulary]
    if packet.glossary is not None:
        terms += [e.term for d in packet.glossary.documents for e in d.entries]
        terms += [e.term for e in packet.glossary.unplaced]
    return sorted(dict.fromkeys(terms), key=str.casefold)


def tier_notes(packet: Packet, kinds: Iterable[str]) -> list[str]:
    """What the key says about the copies that differ from the standard worksheet."""
    kinds = list(kinds)
    notes = []
    adapted = [d.label for d in packet.documents if d.adaptation is not None]
    if "worksheet-supported" in kinds:
        what = ["a sentence frame under every question", "a word bank"]
        if adapted:
            what.insert(0, f"adapted wording of Document {', '.join(adapted)}")
        notes.append(
            f"The supported worksheet ({output_name(packet.lesson_id, 'worksheet-supported')}) "
            f"prints {', '.join(what)}; its questions, numbers and points are the same."
        )
    elif adapted:
        notes.append(
            f"The worksheet prints Document {', '.join(adapted)} in adapted wording; "
            "this key quotes the original."
        )
    if any(k.endswith("-large") for k in kinds):
        notes.append("The large-print worksheet has the same numbering in 18-point type.")
    return notes


def other_files(packet: Packet, kinds: Iterable[str]) -> dict[str, bytes]:
    """The Word copies and the QTI package asked for, by kind."""
    kinds = list(kinds)
    files: dict[str, bytes] = {}
    if "worksheet-docx" in kinds:
        from dbq.render.word import packet_docx

        files["worksheet-docx"] = packet_docx(worksheet_copies(packet, ["worksheet"])["worksheet"])
        files["answer-key-docx"] = packet_docx(packet)
    if "qti" in kinds:
        from dbq.render.qti import qti_package

        files["qti"] = qti_package(packet)
    return files
