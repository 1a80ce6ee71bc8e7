"""Make dbq/data/wordnet-subset.zip, the dictionary dbq ships, from a WordNet 3.0 folder.

Run at development time, never by dbq itself:

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb /tmp/wn
    python tools/make_wordnet_subset.py /tmp/wn/usr/share/wordnet

Each line is: lemma, part of speech, tagged count, then a definition per sense, commonest
first, starred when WordNet capitalizes the word in that sense (a name); or an irregular
form, "~", 0 and its base (withheld ~ withhold), from WordNet's exception lists. It keeps what a
glossary can look up: single words rarer than the highest default threshold (Zipf 4.0, the
K-5 band; commoner words are never glossed by default) but used in English text (Zipf above
0), and phrases with such a word in them ("status quo"), at most six senses each, examples
left out. The lines are sorted into one zip member per two first letters (so dbq unpacks
only the parts a glossary needs), with fixed time stamps, so the same WordNet gives the same
bytes. WordNet's licence is copied beside it (dbq/data/WORDNET-LICENSE).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from wordfreq import zipf_frequency

from dbq.text.wordnet import (
    IRREGULAR,
    POS,
    SENSES_COMPARED,
    WordNet,
    bucket,
    is_wordnet_folder,
    read_exceptions,
    read_index,
)

OUT = Path(__file__).resolve().parents[1] / "dbq" / "data"
RARE_BELOW = 4.0  # the highest default threshold (dbq/generate/vocabulary.py RARE_BELOW)
HEADING = """\
The file wordnet-subset.zip is a subset of WordNet 3.0 (lemmas and the definitions of
their senses), made by tools/make_wordnet_subset.py from WordNet's own files. WordNet is
distributed under the following licence, copied from the header of its index files.

WordNet Release 3.0

"""


def licence(folder: Path) -> str:
    """WordNet's licence as its index files print it, line numbers taken off."""
    lines = []
    with (folder / "index.noun").open(encoding="utf-8") as index:
        for line in index:
            if not line.startswith("  "):
                break
            lines.append(line.strip().split(" ", 1)[1].rstrip() if " " in line.strip() else "")
    return HEADING + "\n".join(lines) + "\n"


def wanted(lemma: str) -> bool:
    """A word rare enough to be looked up, or a phrase with such a word in it."""
    # Words English text never uses (zipf 0: Latin species names, misprints) are left out:
    # the glossary does not look them up.
    frequencies = [zipf_frequency(w, "en") for w in lemma.split("_")]
    return min(frequencies) > 0 and min(frequencies) < RARE_BELOW


def main(folder: Path) -> None:
    if not is_wordnet_folder(folder):
        sys.exit(f"{folder} is not a WordNet dict folder (index.noun, data.noun, ...)")
    wordnet = WordNet(folder)
    lines = []
    for pos in POS:
        for lemma, line in read_index(folder / f"index.{pos}", pos).items():
            if not wanted(lemma):
                continue
            senses = [wordnet.sense(pos, o, lemma) for o in line.offsets[:SENSES_COMPARED]]
            # A sense the dictionary capitalizes (a name: Lhasa) is marked with a star.
            glosses = [("*" if proper else "") + g.replace("\t", " ") for g, proper in senses if g]
            if glosses:
                lines.append("\t".join([lemma, pos, str(line.tagged), *glosses]))
    kept = {line.split("\t", 1)[0] for line in lines}
    for form, base in sorted(read_exceptions(folder).items()):
        if base in kept and wanted(form):
            lines.append("\t".join([form, IRREGULAR, "0", base]))  # withheld -> withhold
    lines.sort()
    members: dict[str, list[str]] = {}
    for line in lines:
        members.setdefault(bucket(line.split("\t", 1)[0]), []).append(line)
    target = OUT / "wordnet-subset.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for name in sorted(members):
            # A fixed date: the same WordNet gives the same bytes.
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, "\n".join(members[name]) + "\n", compresslevel=9)
    (OUT / "WORDNET-LICENSE").write_text(licence(folder), encoding="utf-8")
    print(f"{len(lines)} lines in {len(members)} members, {target.stat().st_size} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"))
