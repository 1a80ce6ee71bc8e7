"""Whose words each sentence of a document is: the author's, a relayed sender's, a quoted
message's, or someone the author reports.

Pure functions over strings. A question that asks what someone says, thinks or wants must
name that sentence's speaker: "No. 12 from Rusk" makes the body Rusk's words, not those of the
ambassador who sent the cable on; a directive the cable quotes ("the following directive from
Comrade Filippov [Stalin] was sent to Roshchin:") is Stalin's; "Bajpai said …" or "in the
American view, …" is not the author speaking at all. Where the speaker cannot be named, the
sentence has none and is not asked about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_NAME = r"(?:[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|\[[^\]]+\]))*)"
# A relayed message's own head: "No. 12 from Rusk", "For High Commissioner from Bunting.",
# "Following from Dulles", "Eyes only Secretary from Rusk", "Personal for Menzies from Attlee".
_RELAYED = re.compile(
    rf"^(?i:(?:Secret|Top Secret|Confidential|Priority|Immediate|Most Immediate)\s+)*"
    rf"(?i:No\.?\s*\d+\s+|Following\s+(?:(?:personal\s+)?(?:message|text|msg)\s+)?|"
    rf"(?:Eyes only|Personal(?: and secret)?(?: for)?|For)\s+[^.;]{{1,80}}?[;,]?\s+)"
    rf"(?i:from)\s+(?P<name>{_NAME})\s*[.:;]?\s*$"
)
# "… the following directive from Comrade Filippov [Stalin] was sent to Roshchin:" introduces a
# quotation that is Filippov's; "Pass the following to Cde. MAO ZEDONG:" one that is the
# author's own (with no "from", the author sends it).
_INTRODUCES = re.compile(r"\bfollowing\b[^:]*:\s*$|:\s*$", re.I)
_FROM = re.compile(rf"\bfrom\s+(?:(?:Comrade|Cde\.?|Mr\.?|the)\s+)?(?P<name>{_NAME})")
# A view the sentence gives as someone else's: "in the American view", "according to Rhee".
_OTHERS_VIEW = re.compile(
    r"\b(?:in the (?:\w+ )?(?:view|opinion|judgment|judgement) of|in the \w+ (?:view|opinion)|"
    r"according(?: to)?|"
    r"^(?:His|Her|Their)\s+(?:understanding|view|impression|opinion|feeling|belief|position)\s+"
    r"(?:was|is)|"
    r"\w+['’]s (?:release|statement|note|reply|letter|message) (?:reads|says|states))\b",
    re.I,
)
# The author's own telegraphese: "Believe …", "Consider …", "Dept believes …" (from the
# Department), "Emb feels …" (from an embassy): the dropped "I" or the office is the author.
_OWN_VERB_FIRST = re.compile(
    r"^(?:However,?\s+|But\s+|Also\s+|FYI,?\s+|Nevertheless,?\s+)?"
    r"(?:believe|feel|consider|think|agree|doubt|fear|hope|recommend|suggest|propose|urge|"
    r"request|assume|understand|regret|expect|note)\b",
    re.I,
)
_OFFICE_SUBJECT = re.compile(
    r"^(?:However,?\s+|But\s+|FYI,?\s+)?(?:the\s+)?(?P<office>Dept|Department|Emb|Embassy|"
    r"Legation|Mission|Consulate(?: General)?|ConGen|Delegation|Del)\b",
    re.I,
)


def real_name(name: str) -> str:
    """A cover name's real bearer where the text brackets it: 'Filippov [Stalin]' -> 'Stalin'."""
    bracket = re.search(r"\[([A-Z][^\]]+)\]", name)
    if bracket and not re.search(r"\b(?:sic|illegible)\b", bracket.group(1), re.I):
        return bracket.group(1).strip()
    return re.sub(r"\s*\[[^\]]*\]", "", name).strip()


def relayed_author(openings: Sequence[str]) -> str | None:
    """The person a relayed message is from, when one of its first lines says so."""
    for line in openings[:3]:
        match = _RELAYED.match(" ".join(line.split()))
        if match:
            return real_name(match.group("name").rstrip("."))
    return None


def _quote_balance(text: str) -> int:
    return text.count("“") - text.count("”") + (text.count('"') % 2 if "“" not in text else 0)


def sentence_voices(
    sentences: Sequence[str],
    author: str,
    is_reported: Callable[[str], bool],
    offices: frozenset[str] = frozenset(),
) -> list[str | None]:
    """For each sentence: who says it, or None when it is someone else's word the text does not
    let a question name (reported speech, a view it gives as another's).

    `author` is the document's voice (the relayed sender when there is one); `is_reported`
    tells a sentence that reports another's words (textscan.is_reported); `offices` are the
    shorthands of the author's own office ("dept" from the Department, "emb" from an embassy):
    "Dept believes …" is then the author speaking.
    """
    voices: list[str | None] = []
    quoting: str | None = None  # inside a quotation that runs over several sentences
    depth = 0
    introduced: str | None = None  # the last sentence introduced a quotation by this speaker
    for sentence in sentences:
        text = sentence.strip()
        opens = text.startswith(("“", '"'))
        if depth <= 0 and opens and introduced is not None:
            quoting, depth = introduced, 0
        if quoting is not None:
            depth += _quote_balance(text)
            voices.append(quoting or None)
            if depth <= 0:
                quoting = None
            introduced = None
            continue
        introduced = _introduced_speaker(text, author)
        if _OTHERS_VIEW.search(text):
            voices.append(None)
        elif _OWN_VERB_FIRST.match(text) or _office_speaks(text, offices):
            voices.append(author)
        elif is_reported(text):
            voices.append(None)
        else:
            voices.append(author)
    return voices


def _office_speaks(sentence: str, offices: frozenset[str]) -> bool:
    match = _OFFICE_SUBJECT.match(sentence)
    return match is not None and match.group("office").lower() in offices


def author_offices(author: str, role: str) -> frozenset[str]:
    """The shorthands by which a document's author's own office names itself."""
    who = f"{author} {role}".lower()
    if "secretary of state" in who or "department of state" in who:
        return frozenset({"dept", "department"})
    if re.search(r"ambassador|chargé|charge d|minister in|counselor of embassy|embassy", who):
        return frozenset({"emb", "embassy", "legation", "mission"})
    if "consul" in who:
        return frozenset({"consulate", "consulate general", "congen"})
    if "delegat" in who or "representative" in who:
        return frozenset({"del", "delegation", "mission"})
    return frozenset()


def _introduced_speaker(sentence: str, author: str) -> str | None:
    """Who the quotation after this sentence speaks for: '' when not named, None for no quote."""
    if not _INTRODUCES.search(sentence):
        return None
    found = _FROM.search(sentence)
    if found:
        return real_name(found.group("name"))
    if re.search(r"\b(?:pass|transmit|deliver|hand)\b[^:]*\bfollowing\b", sentence, re.I):
        return author  # "Pass the following to Mao:" the author's own message
    return ""
