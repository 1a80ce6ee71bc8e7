"""Abbreviations a document spells out itself: "the United Nations Commission on Korea (UNCOK)".

A telegram that writes a body's name in full once, with its initials in brackets, and the
initials ever after, defines them better than any glossary: the glossary prints what the
document itself says. The initials must be the name's own: each capitalised word gives the next
letter, and a small word ("on", "for the") may give one or none; otherwise nothing is taken.
"""

from __future__ import annotations

import re
from functools import cache

from dbq.workspace.model import GlossaryTerm

SPELLED_OUT = "spelled out in the documents"
_INITIALS = re.compile(r"\(([A-Z][A-Z&]{1,7})\)")
_WORD = re.compile(r"[A-Za-z][\w'\u2019.-]*|&")
_SMALL = frozenset(["of", "on", "for", "the", "and", "in", "to", "de", "du", "la", "le", "&"])
_LOOK_BACK = 12  # words before the brackets that may belong to the name


def spelled_out(paragraphs: list[str]) -> list[GlossaryTerm]:
    """The abbreviations the text defines, as glossary terms, first definition winning."""
    found: dict[str, str] = {}
    for paragraph in paragraphs:
        for match in _INITIALS.finditer(paragraph):
            initials = match.group(1)
            words = _WORD.findall(paragraph[: match.start()])[-_LOOK_BACK:]
            name = _name_for(tuple(words), initials)
            if name and initials not in found:
                found[initials] = name
    return [GlossaryTerm(term=initials, definition=f"{name}.") for initials, name in found.items()]


def _name_for(words: tuple[str, ...], initials: str) -> str | None:
    """The shortest run of words before the brackets whose initials these are."""
    for start in range(len(words) - 1, -1, -1):
        run = words[start:]
        if run[0].lower() in _SMALL or not run[0][:1].isupper():
            continue
        if _spells(run, initials):
            return " ".join(run)
    return None


@cache
def _spells(words: tuple[str, ...], letters: str) -> bool:
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if word.lower() in _SMALL:
        if _spells(rest, letters):
            return True
        return bool(letters) and word[:1].upper() == letters[0] and _spells(rest, letters[1:])
    if not word[:1].isupper() or not letters or word[0] != letters[0]:
        return False
    return _spells(rest, letters[1:])
