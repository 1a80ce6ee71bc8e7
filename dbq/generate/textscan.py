"""Reading an excerpt the way a question writer does: sentences, claims, key words, dates.

Pure functions over strings. The word lists they use live in dbq/data/stems.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dbq.prepare.excerpts import ResolvedExcerpt

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH = "|".join(MONTHS)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s+(\d{{4}})\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH})(?:\s+of)?\s+(\d{{4}})\b")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Sentence:
    """A whole sentence printed in a document, found in one run of source text."""

    text: str
    order: int


@dataclass(frozen=True)
class Claim:
    """A sentence that carries the author's claim, intention or evaluation."""

    sentence: Sentence
    quote: str  # exact words from the excerpt (a clause of the sentence when it is long)
    cue: str  # the words that made it a claim, as printed
    kind: str  # intention, evaluation, request or claim
    score: float
    speaker: str = ""  # whose words they are, where the document names them (speakers.py)


@dataclass(frozen=True)
class DatedText:
    """A sentence of the lesson's own text with the date it names."""

    year: int
    month: int | None
    day: int | None
    sentence: str

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


def sentences(excerpt: ResolvedExcerpt) -> list[Sentence]:
    """Whole sentences of the excerpt's printed text; fragments left by cuts are skipped."""
    found: list[Sentence] = []
    for passage in excerpt.passages:
        for index, segment in enumerate(passage.segments):
            if segment.kind != "text":
                continue
            after_cut = index > 0 and passage.segments[index - 1].kind == "cut"
            before_cut = (
                index + 1 < len(passage.segments) and passage.segments[index + 1].kind == "cut"
            )
            pieces = split_sentences(segment.text)
            for p_index, piece in enumerate(pieces):
                piece = _balanced(piece.strip())
                if (p_index == 0 and after_cut) or (p_index == len(pieces) - 1 and before_cut):
                    continue
                if len(piece.split()) >= 5 and piece[0].isupper() and piece[-1] in '.!?"”':
                    found.append(Sentence(piece, len(found)))
    if not found:
        # an excerpt of fragments (quotes, cuts everywhere): its longest runs stand in
        runs = [" ".join(s.text.split()) for p in excerpt.passages for s in p.segments]
        runs = [r for r in runs if len(r.split()) >= 5 and r[:1].isalnum()]
        found = [Sentence(run, order) for order, run in enumerate(runs)]
    return found


def split_sentences(text: str) -> list[str]:
    """The sentences of a text, white space folded.

    sentencex (Wikimedia's rule-based segmenter) knows initials ("George F. Kennan"),
    abbreviations ("Gen.", "U.S.") and times ("3 p. m."), which a full stop alone does not.
    """
    from sentencex import segment

    folded = " ".join(text.split())
    return [piece.strip() for piece in segment("en", folded) if piece.strip()] if folded else []


# Verbs that report what someone else said or thought: such a sentence is not the author's
# own claim unless the author (I, we) is the one speaking.
_REPORTING = re.compile(
    r"\b(said|says|say|told|tells|tell|stated|states|declared|declares|believes?|believed|"
    r"considers?|considered|thinks?|thought|feels?|felt|according to|in the (?:view|opinion) of|"
    r"maintains?|maintained|claims?|claimed|argued|argues|insists?|insisted|reported|reports|"
    r"informed|assured|remarked|expressed|indicated|stressed|emphasized|pointed out|added|"
    r"replied|asked|suggested|urged|confirmed|agreed|noted|observed|commented|explained|"
    r"mentioned|announced|acknowledged|responded|recalled|warned|predicted|hoped|wished|"
    r"wants?|wanted|expects?|expected|understood|understands|desired|inquired|wondered|"
    r"report|suggesting|proposing|urging|saying|stating|suggests|proposes|proposed|recommends|recommended|urges|requests|requested|concurs|"
    r"concurred|doubts|doubted|fears|feared|hopes|intends|intended)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(I|we|We)\s+(?:\w+\s+)?$")
_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


# Sentences that only file the message (references to earlier telegrams, despatch formulas):
# nothing for a student to read closely.
_FILING = re.compile(
    r"^(?:I have the honou?r to|Reference|Ref\b|Re\b|Reurtel|Urtel|Deptel|Embtel|Mytel|"
    r"Your (?:telegram|tel|despatch)|My (?:telegram|tel|despatch)|Following is|Text follows|"
    r"Sent \w+|Repeated|Subject:|Subj:|Participants:|Present:|Dear \w+|"
    r"In (?:reply|response) to (?:your|ur|my|our|the Department|Dept|\w+tel\b)|"
    r"Complying|In compliance with|"
    r"This (?:memorandum|telegram|letter|despatch|note|message) "
    r"(?:is in (?:reply|response)|refers))",
    re.I,
)
# Papers a message names: "Deptel", "Embdesp", "msg", "note", "reply", "aide-mémoire" ("We
# note that" is a verb; "hotel" no telegram).
_PAPER = (
    r"(?:(?:dep|emb|con|depcir|cir|circ|ref|ur|my|our|reur|uref|re)(?:tel|desp)s?|tels?|desp|"
    r"(?<!we )(?<!I )notes?|msgs?|messages?|letters?|reply|despatch|airgram|memo|memorandum|"
    r"circular|communication|aide-m[ée]moire)"
)
_PAPERS = re.compile(rf"\b{_PAPER}\b", re.I)
# A paper named by its number or date: "Depcirtel 220", "note Sept 1", "reply dated Oct 12".
_NUMBERED_PAPER = re.compile(
    rf"\b{_PAPER}\b,?\s+(?:No\.?\s*|dated\s+|of\s+)?(?:[A-Z][a-z]{{2,8}}\.?\s+)?\d", re.I
)
_ROUTING_WORDS = 22  # a sentence this short that names two papers is about their routing
# What was done with a paper: "Suggestion final para Deptel 2252 June 22 carried out with GOI".
_HANDLED = re.compile(
    r"\b(?:carried out|delivered|handed|transmitted|forwarded|conveyed|acknowledged|"
    r"complied with|passed (?:to|on))\b",
    re.I,
)


def is_filing(sentence: str) -> bool:
    """Whether a sentence only files the message: 'I have the honor to refer to…', 'Deptel 91',
    or routes papers: 'Reply dated Sept 27 read from Indo FonOff Oct 6 to Emb note Sept 1
    conveying msg contained Depcirtel 220.' (references in brackets do not count, and every
    clause must route papers: 'I have your note of 14 November; the Chinese will fight' is a
    claim), or says in a short sentence what was done with a numbered paper ('Suggestion
    final para Deptel 2252 June 22 carried out with GOI')."""
    text = sentence.strip()
    if _FILING.match(text):
        return True
    outside = re.sub(r"\([^)]*\)", " ", text)
    if len(outside.split()) > _ROUTING_WORDS:
        return False
    clauses = [c for c in re.split(r"[;:]", outside) if len(c.split()) >= 3]
    return bool(clauses) and all(_routes(c) for c in clauses)


def _routes(clause: str) -> bool:
    """A clause about papers: two papers, one by number or date ('reply dated Sept 27 … to Emb
    note Sept 1'), or what was done with a numbered paper ('Deptel 2252 carried out')."""
    if not _NUMBERED_PAPER.search(clause):
        return False
    return len(_PAPERS.findall(clause)) >= 2 or bool(_HANDLED.search(clause))


def is_reported(sentence: str) -> bool:
    """Whether a sentence reports someone else's words or views rather than the author's.

    A quotation of three words or more, or a reporting verb ("said", "believes", "according
    to") whose subject is not the author's "I" or "we".
    """
    if any(len(quoted.split()) >= 3 for quoted in _QUOTED.findall(sentence)):
        return True
    for match in _REPORTING.finditer(sentence):
        if not _FIRST_PERSON.search(sentence[: match.start()]):
            return True
    return False


def _balanced(text: str) -> str:
    """Drop a quotation mark that opens or closes outside the sentence (a quote within a quote)."""
    pairs = (("“", "”"), ("‘", "’"))
    for open_, close in pairs:
        if text.endswith(close) and text.count(open_) < text.count(close):
            text = text[:-1]
        if text.startswith(open_) and text.count(open_) > text.count(close):
            text = text[1:]
    if text.count('"') % 2 and text[:1] == '"':
        text = text[1:]
    elif text.count('"') % 2 and text[-1:] == '"':
        text = text[:-1]
    return text


def words(text: str) -> list[str]:
    """The words of a text, apostrophes and hyphens kept inside words."""
    return _WORD.findall(text)


# A clause that leans on another: "If …", "However, if …", "Although …".
_DEPENDENT = re.compile(
    r"^(?:however,?\s+|but\s+|and\s+)?(?:if|unless|although|though|when|whenever|while|"
    r"whereas|since|should|whether|in case|as soon as|provided that)\b",
    re.I,
)
# A person the quote names only as "he", "she" or "they", near its start.
_LEADING_PRONOUN = re.compile(r"^(?:\W*\w+\W+){0,2}?(?:he|she|they)\b", re.I)
SHORTEST_PLAIN_QUOTE = 8  # words: a shorter sentence without a cue is seldom worth asking


def is_worth_quoting(quote: str, sentence: str, cue: str, before: str = "") -> bool:
    """Whether a quote can stand in a question: not a dependent clause cut before the clause
    it depends on ("However, if it shld subsequently develop Dalai Lama … cld not remain
    India…"), not about a "he" or "they" that neither it nor the sentence `before` it in the
    excerpt names ("If necessary, he could go to Washington." first in its excerpt), and,
    without a cue, long enough to say something."""
    _, cut_end = is_truncated(quote, sentence)
    if cut_end and _DEPENDENT.match(quote.strip()):
        return False
    if _LEADING_PRONOUN.match(quote.strip()) and not _names_someone(before):
        return False
    return bool(cue) or len(quote.split()) >= SHORTEST_PLAIN_QUOTE


def _names_someone(sentence: str) -> bool:
    """A capitalised word past the sentence's first: a name "he" or "they" may stand for."""
    return any(w[:1].isupper() and w != "I" for w in re.findall(r"[\w’']+", sentence)[1:])


def find_claims(
    found: list[Sentence],
    cues: dict[str, dict[str, float]],
    max_words: int,
    voices: Sequence[str | None] | None = None,
) -> list[Claim]:
    """Sentences ranked by how much they carry the author's claims, intentions, evaluations.

    `voices` names each sentence's speaker (None: someone else's words, not asked about);
    without it a sentence that reports another's words is left out.
    """
    claims = []
    for index, sentence in enumerate(found):
        if voices is not None:
            speaker = voices[index]
        else:
            speaker = None if is_reported(sentence.text) else ""
        if speaker is None or is_filing(sentence.text):
            continue  # someone else's words, or a reference to other telegrams
        best: tuple[float, str, str, int] | None = None
        for kind, table in cues.items():
            for cue, weight in table.items():
                match = re.search(
                    rf"(?<![A-Za-z]){re.escape(cue)}(?![A-Za-z])", sentence.text, re.I
                )
                if match and (best is None or weight > best[0]):
                    best = (weight, kind, match.group(0), match.start())
        if best is None:
            # no cue: still quotable, after every sentence that has one; longer ones first
            best = (min(len(sentence.text.split()), 30) / 100, "claim", "", 0)
        weight, kind, cue, at = best
        score = weight + (0.5 if re.search(r"\b(we|I|our|us)\b", sentence.text) else 0.0)
        quote = _clause(sentence.text, at, max_words)
        before = found[index - 1].text if index else ""
        if is_worth_quoting(quote, sentence.text, cue, before):
            claims.append(Claim(sentence, quote, cue, kind, score, speaker))
    return sorted(claims, key=lambda c: (-c.score, c.sentence.order))


def _clause(text: str, at: int, max_words: int) -> str:
    """The sentence, or when it is long the clause holding the cue, cut to max_words words."""
    if len(text.split()) <= max_words:
        return text
    boundaries = [m.end() for m in re.finditer(r"[,;:]\s+", text) if m.end() <= at]
    # start at the clause that holds the cue, unless that leaves too little to quote
    start = next((b for b in reversed(boundaries) if len(text[b:].split()) >= 8), 0)
    pieces = text[start:].split()
    if len(pieces) <= max_words:
        return text[start:]
    cut = " ".join(pieces[:max_words])
    # end at a clause boundary when one leaves enough words: a semicolon, else a comma
    for mark, least in ((";", 8), (",", 12)):
        at_mark = cut.rfind(mark)
        if at_mark > 0 and len(cut[:at_mark].split()) >= least:
            return cut[:at_mark]
    return cut.rstrip(",;:")


def is_truncated(quote: str, sentence: str) -> tuple[bool, bool]:
    """Whether a quote leaves out the start and/or the end of its sentence."""
    folded_quote, folded_sentence = " ".join(quote.split()), " ".join(sentence.split())
    return (
        not folded_sentence.startswith(folded_quote),
        not folded_sentence.endswith(folded_quote),
    )


def key_terms(
    text: str, stopwords: set[str], limit: int = 3, exclude: Iterable[str] = ()
) -> list[str]:
    """The words that say what a passage is about: names first, then long repeated words."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    shown: dict[str, str] = {}
    proper: set[str] = set()
    excluded = {_stem(w) for w in exclude}
    for index, match in enumerate(_WORD.finditer(text)):
        word = re.sub(r"['’]s$", "", match.group(0))
        lower = word.lower()
        proper_looking = word[0].isupper() and not word.isupper()
        if lower in stopwords or len(word) < (4 if proper_looking else 5):
            continue
        key = _stem(lower)
        if key in excluded:
            continue
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, index)
        shown.setdefault(key, lower)
        before = text[: match.start()].rstrip()
        if word[0].isupper() and not word.isupper() and before and before[-1] not in '.!?("“':
            proper.add(key)
            shown[key] = word
    ranked = sorted(counts, key=lambda k: (k not in proper, -counts[k], -len(shown[k]), first[k]))
    return [shown[k] for k in ranked[:limit]]


def _stem(word: str) -> str:
    """A crude stem so that Russia, Russian and Russians count as one word."""
    return re.sub(r"['’]s$", "", word.lower())[:6]


def dated_sentences(text: str) -> list[DatedText]:
    """Each date, month or year a text names, with the sentence it is in."""
    plain = re.sub(r"[*_`#>]+", "", text or "")
    out = []
    for sentence in split_sentences(plain):
        sentence = sentence.strip()
        taken: list[tuple[int, int]] = []
        for year, month, day, span in _dates_in(sentence):
            if any(s <= span[0] < e for s, e in taken):
                continue  # "June 1950" inside "25 June 1950"
            taken.append(span)
            out.append(DatedText(year, month, day, sentence))
    return out


def _dates_in(sentence: str) -> list[tuple[int, int | None, int | None, tuple[int, int]]]:
    """Dates in a sentence, the most precise forms first."""
    found: list[tuple[int, int | None, int | None, tuple[int, int]]] = []
    for match in _DAY_MONTH_YEAR.finditer(sentence):
        found.append(
            (
                int(match.group(3)),
                MONTHS.index(match.group(2)) + 1,
                int(match.group(1)),
                match.span(),
            )
        )
    for match in _MONTH_DAY_YEAR.finditer(sentence):
        found.append(
            (
                int(match.group(3)),
                MONTHS.index(match.group(1)) + 1,
                int(match.group(2)),
                match.span(),
            )
        )
    for match in _MONTH_YEAR.finditer(sentence):
        found.append((int(match.group(2)), MONTHS.index(match.group(1)) + 1, None, match.span()))
    for match in _YEAR.finditer(sentence):
        found.append((int(match.group(1)), None, None, match.span()))
    return found


def month_years(text: str) -> list[tuple[int, int]]:
    """Every (year, month) a text names, in the order named."""
    found = []
    for match in _DAY_MONTH_YEAR.finditer(text or ""):
        found.append((int(match.group(3)), MONTHS.index(match.group(2)) + 1))
    for match in _MONTH_DAY_YEAR.finditer(text or ""):
        found.append((int(match.group(3)), MONTHS.index(match.group(1)) + 1))
    for match in _MONTH_YEAR.finditer(text or ""):
        found.append((int(match.group(2)), MONTHS.index(match.group(1)) + 1))
    return found


def month_year_label(year: int, month: int) -> str:
    """(1951, 11) -> 'November 1951'."""
    return f"{MONTHS[month - 1]} {year}"


def gap_label(months: int) -> str:
    """17 -> 'about 17 months'; 30 -> 'about two and a half years'."""
    if months < 1:
        return "less than a month"
    if months == 1:
        return "about a month"
    if months < 24:
        return f"about {months} months"
    years, rest = divmod(months, 12)
    half = " and a half" if 4 <= rest <= 8 else ""
    years += 1 if rest > 8 else 0
    return f"about {years}{half} years"
