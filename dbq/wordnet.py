"""An optional general-English dictionary: Princeton WordNet's database files, read in place.

dbq never downloads WordNet. It uses a copy already on the machine, such as Debian's
`wordnet-base` package (/usr/share/wordnet) or the folder named by WNSEARCHDIR, the
variable WordNet's own tools read. The files are the documented wndb(5WN) format:
`index.POS` lines list a lemma's synsets, most frequent sense first, and `data.POS` holds
each synset's gloss at a byte offset. (NLTK's reader would need a `lexnames` file that
Debian does not ship, so this small reader reads the two files it needs itself.)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

SEARCH_DIRS = (
    "/usr/share/wordnet",
    "/usr/local/share/wordnet",
    "/usr/local/WordNet-3.0/dict",
    "/opt/homebrew/share/wordnet",
)
POS = ("noun", "verb", "adj", "adv")
INSTALL_HINT = (
    "WordNet is not installed, so words missing from the glossaries stay undefined "
    "(`dbq check` lists them); install it with `apt-get install wordnet-base`, "
    "or set WNSEARCHDIR to a WordNet dict folder"
)


@dataclass(frozen=True)
class Sense:
    """The first sense of a word in one part of speech."""

    pos: str
    tagged: int  # how often the word was seen in sense-tagged text: a tie-breaker between POS
    offset: int
    count: int  # how many senses the word has in this part of speech


class WordNet:
    """Definitions from a WordNet dict folder; indexes load on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._index: dict[str, dict[str, Sense]] = {}
        self.version = _version(folder / "index.noun")

    @property
    def name(self) -> str:
        return f"WordNet {self.version}" if self.version else "WordNet"

    def _senses(self, pos: str) -> dict[str, Sense]:
        if pos not in self._index:
            table: dict[str, Sense] = {}
            path = self.folder / f"index.{pos}"
            with path.open(encoding="utf-8", errors="replace") as lines:
                for line in lines:
                    if line.startswith(" "):
                        continue  # the licence at the top of the file
                    fields = line.split()
                    try:
                        pointers = int(fields[3])
                        tagged, offset = int(fields[5 + pointers]), int(fields[6 + pointers])
                        table[fields[0]] = Sense(pos, tagged, offset, int(fields[2]))
                    except (ValueError, IndexError):
                        continue  # a damaged line: that word is simply not in the dictionary
            self._index[pos] = table
        return self._index[pos]

    def _first(self, words: list[str]) -> list[Sense]:
        """The senses, by part of speech, of the first of these forms WordNet knows."""
        for word in words:
            lemma = "_".join(word.lower().split())
            senses = [s for pos in POS if (s := self._senses(pos).get(lemma))]
            if senses:
                return senses
        return []

    def _fitting(self, words: list[str], pos: tuple[str, ...]) -> list[Sense]:
        """The senses in the parts of speech the text allows (all, when none of them fits)."""
        senses = self._first(words)
        return [s for s in senses if s.pos in pos] or senses

    def define(self, words: list[str], pos: tuple[str, ...] = ()) -> str | None:
        """The gloss of the commonest sense of the first of these forms WordNet knows.

        pos narrows the choice to the parts of speech the word can be where it stands.
        """
        senses = self._fitting(words, pos)
        if not senses:
            return None
        return self._gloss(max(senses, key=lambda s: (s.tagged, -POS.index(s.pos))))

    def senses(self, words: list[str], pos: tuple[str, ...] = ()) -> int:
        """How many senses the word can have there; with one, its gloss is surely right."""
        return sum(s.count for s in self._fitting(words, pos))

    def _gloss(self, sense: Sense) -> str | None:
        with (self.folder / f"data.{sense.pos}").open("rb") as data:
            data.seek(sense.offset)
            line = data.readline().decode("utf-8", errors="replace")
        if "|" not in line:
            return None
        gloss = line.split("|", 1)[1].strip()
        definition = re.split(r';\s*"', gloss, maxsplit=1)[0].strip().rstrip(";")
        return definition[:1].upper() + definition[1:] + "." if definition else None


def _version(index: Path) -> str:
    try:
        with index.open(encoding="utf-8", errors="replace") as lines:
            for _, line in zip(range(30), lines, strict=False):
                if found := re.search(r"WordNet (\d+\.\d+)", line):
                    return found.group(1)
    except OSError:
        pass
    return ""


def find_wordnet(extra: list[str] | None = None) -> WordNet | None:
    """WordNet from WNSEARCHDIR or the usual install folders, or None when absent."""
    # As with WordNet's own tools, WNSEARCHDIR, when set, is the only place looked.
    if os.environ.get("WNSEARCHDIR"):
        candidates = [os.environ["WNSEARCHDIR"]]
    else:
        candidates = [*(extra or []), *SEARCH_DIRS]
    for folder in candidates:
        path = Path(folder)
        if all((path / f"{kind}.{pos}").is_file() for kind in ("index", "data") for pos in POS):
            return WordNet(path)
    return None
