"""Which copies a lesson asks for, and their file names: light enough for a no-op build plan.

The copies themselves are made in dbq/render/variants.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

PDF_KINDS = ("worksheet", "answer-key")


def asked_kinds(tiers: Iterable[str], large_print: bool, formats: Iterable[str]) -> list[str]:
    """The output kinds a lesson asks for, in a fixed order: PDFs, then Word, then QTI."""
    formats = set(formats)
    names = ["standard"] + [t for t in dict.fromkeys(tiers) if t != "standard"]
    kinds = ["worksheet", "answer-key"]
    kinds += [f"worksheet-{tier}" for tier in names[1:]]
    if large_print or "large" in formats:
        kinds += ["worksheet-large"] + [f"worksheet-{tier}-large" for tier in names[1:]]
    if "docx" in formats:
        kinds += ["worksheet-docx", "answer-key-docx"]
    if "qti" in formats:
        kinds.append("qti")
    return kinds


def kinds_from_spec(data: object, settings_formats: Iterable[str], cli: Iterable[str]) -> list[str]:
    """asked_kinds from a lesson file's raw YAML (the build plan does not validate lessons)."""
    spec = data if isinstance(data, dict) else {}
    tiers = spec.get("tiers")
    formats = spec.get("formats")
    if not isinstance(tiers, list):
        tiers = []
    if not isinstance(formats, list):
        formats = []
    return asked_kinds(
        [t for t in tiers if isinstance(t, str)],
        spec.get("large_print") is True,
        [*settings_formats, *cli, *(f for f in formats if isinstance(f, str))],
    )


def output_name(lesson_id: str, kind: str) -> str:
    """ID-worksheet-supported.pdf, ID-worksheet.docx, ID-qti.zip."""
    if kind == "qti":
        return f"{lesson_id}-qti.zip"
    if kind.endswith("-docx"):
        return f"{lesson_id}-{kind.removesuffix('-docx')}.docx"
    return f"{lesson_id}-{kind}.pdf"


def kind_paths(folder: Path, lesson_id: str, kinds: Iterable[str]) -> dict[str, Path]:
    return {kind: folder / output_name(lesson_id, kind) for kind in kinds}
