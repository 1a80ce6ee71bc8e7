"""Words in printed text: tokens, where they stand, and what they look like.

Dictionary forms and rarity are dbq/text/terms.py's.
"""

from __future__ import annotations

from dataclasses import dataclass

from dbq.prepare.excerpts import Passage, Segment
from dbq.text.terms import SENTENCE_BREAK, WORD, lemma


@dataclass(frozen=True)
class Token:
    """One word of a passage, where it stands, and what it looks like."""

    surface: str
    key: str
    segment: int
    start: int
    end: int
    sentence_start: bool
    joined: bool  # only white space separates it from the word before
    previous: str = ""  # the word before, lower case, when joined to it

    @property
    def capitalized(self) -> bool:
        """Title case (Kaesong), not a word in an all-capitals heading."""
        return self.surface[:1].isupper() and not self.surface.isupper()


# Titles written with a stop that does not end a sentence: "Mr. Rusk".
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "col",
        "maj",
        "capt",
        "lt",
        "adm",
        "amb",
        "st",
        "no",
        "nos",
        "vol",
    ]
)


def _sentence_starts(before: list[Token], gap: str) -> bool:
    """Does a word after these, with this text between, open a sentence?"""
    if not before:
        return True
    last = before[-1].surface
    if gap.strip() == "." and (last.lower() in TITLES or (len(last) == 1 and last.isupper())):
        return False  # Mr. Rusk, V. K. Wellington Koo
    # An abbreviation with stops (U.S.) usually goes on: "the U.S. Embassy".
    return bool(SENTENCE_BREAK.search(gap))


def tokens(passage: Passage) -> list[Token]:
    """The words of a passage's source text; cuts and glosses break phrases."""
    out: list[Token] = []
    gap = ""
    for index, segment in enumerate(passage.segments):
        if segment.kind not in ("text", "term"):
            gap = "."  # a cut or an editor's gloss: no phrase runs across it
            continue
        position = 0
        for match in WORD.finditer(segment.text):
            gap += segment.text[position : match.start()]
            surface = match.group()
            out.append(
                Token(
                    surface=surface,
                    key=lemma(surface),
                    segment=index,
                    start=match.start(),
                    end=match.end(),
                    sentence_start=_sentence_starts(out, gap),
                    joined=bool(out) and gap.strip() == "",
                    previous=out[-1].surface.lower() if out and gap.strip() == "" else "",
                )
            )
            gap, position = "", match.end()
        gap += segment.text[position:]
    return out


def text_tokens(text: str) -> list[Token]:
    """The words of a plain line of text (a source line), as one passage."""
    return tokens(Passage(0, [Segment("text", text)]))
