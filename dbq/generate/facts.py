"""Facts the question stems are filled with: a document's metadata, its quotable claims and
where they are printed, and what two documents share or leave out.

Pure functions; the only data read is the stems file shipped in the package.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from dbq.assets import data_file
from dbq.generate import textscan as ts
from dbq.generate.gist import gist
from dbq.generate.speakers import author_offices, real_name, relayed_author, sentence_voices
from dbq.prepare.excerpts import SourceText
from dbq.prepare.lessons import PreparedDocument
from dbq.prepare.lines import line_span, lines_label, number_lines
from dbq.prepare.sourceline import with_article
from dbq.text import dates
from dbq.text.terms import zipf
from dbq.text.typography import typeset
from dbq.workspace.model import SourceMeta

MAX_QUOTE_WORDS = 32
# "What does the word … mean" only for words rarer than this (Zipf: "information" 5.3,
# "negotiations" 4.2, "demarcation" 2.3).
ASKED_WORD_ZIPF = 4.0
_FORMATTER = string.Formatter()
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


@lru_cache(maxsize=1)
def stems() -> dict:
    """The stems data file, parsed once."""
    return data_file("stems.yaml")


def _stopwords() -> set[str]:
    return set(stems()["stopwords"].split())


def _md(value: str) -> str:
    """Facts and quotes inserted into Markdown stay literal text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def placeholders(template: str) -> set[str]:
    """The {names} a stem template uses."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


# The head noun of an author that takes a plural verb: "the Joint Chiefs of Staff were".
_PLURAL_HEAD = re.compile(
    r"(?:chiefs|ministers|delegates|delegations|representatives|members|officials|leaders|"
    r"governments|allies|negotiators|commissioners)"
)
_SINGULAR_VERB = {"is": "are", "was": "were", "has": "have", "does": "do"}
# The stems' present-tense verbs after {author}: "writes" -> "write".
_PRESENT = re.compile(
    r"(?:writes|uses|supports|states|sounds|says|means|feels|describes|assumes|asks|thinks|"
    r"wants|knows|makes|sees|hopes|fears|expects|believes|claims|argues)"
)


def is_plural(author: str) -> bool:
    """'the Joint Chiefs of Staff' is plural; 'the Secretary of State', 'the Supreme Commander
    for the Allied Powers' and 'Kennan' are not: the head noun comes before any preposition."""
    name = author.lower().removeprefix("the ")
    head = re.split(r",|\s(?:of|for|to|at|in|on|and)\s", name, maxsplit=1)[0].split()
    return bool(head) and bool(_PLURAL_HEAD.fullmatch(head[-1]))


def agree(template: str, author: str) -> str:
    """The stem with its verbs agreeing with a plural author ('{author} was' -> 'were')."""
    if not is_plural(author):
        return template

    def after(match: re.Match[str]) -> str:
        verb = match.group(1)
        plural = verb[:-1] if _PRESENT.fullmatch(verb) else _SINGULAR_VERB.get(verb, verb)
        return "{author} " + plural

    def before(match: re.Match[str]) -> str:
        verb = match.group(1)
        plural = _SINGULAR_VERB[verb.lower()]
        return (plural.capitalize() if verb[0].isupper() else plural) + " {author}"

    template = re.sub(r"\{author\} (\w+)\b", after, template)
    # "What is {author} saying" but not "what does {author}'s side plan"
    return re.sub(r"\b(is|was|has|does|Is|Was|Has|Does) \{author\}(?!['\u2019])", before, template)


def fill(template: str, facts: dict[str, str], markdown: bool) -> str:
    """A stem with its placeholders filled; values are escaped when the text is Markdown."""
    values = {k: (_md(v) if markdown else v) for k, v in facts.items()}
    template = agree(template, facts.get("author", ""))
    text = " ".join(typeset(template).format(**values).split())  # only dbq's words typeset
    return text[:1].upper() + text[1:]  # "the author writes..." may open a sentence


def join_and(items: Sequence[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def long_date(value: dt.date) -> str:
    """1951-11-14 -> 'November 14, 1951' (or '14 November 1951': dbq.yaml's `date_style`)."""
    return dates.long_date(value)


def months_between(earlier: tuple[int, int], later: tuple[int, int]) -> int:
    """Whole calendar months from (year, month) to (year, month)."""
    return (later[0] - earlier[0]) * 12 + later[1] - earlier[1]


# --- Facts about one document ---------------------------------------------------------------


@dataclass
class DocFacts:
    """What the stems may say about one document: metadata, quotes and where they are printed."""

    document: PreparedDocument
    facts: dict[str, str]
    claims: list[ts.Claim]
    where: dict[str, str] = field(default_factory=dict)  # quote -> "paragraph 9" / "lines 3–5"
    text: str = ""
    line_numbers: bool = False  # the lesson cites lines, not paragraphs

    def where_of(self, words: str) -> str:
        """Where some words of the excerpt are printed ('lines 3–4'), found afresh."""
        if words not in self.where:
            self.where[words] = _where(self.document, words, self.line_numbers)
        return self.where[words]

    @property
    def label(self) -> str:
        return self.document.label


def _kind_phrase(meta: SourceMeta) -> str:
    kind = "ciphered telegram" if "cipher" in meta.title.lower() else meta.type
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    marked = f" marked {meta.classification}" if meta.classification else ""
    return f"{article} {kind}{marked}"


def _base_facts(document: PreparedDocument) -> dict[str, str]:
    meta = document.source.meta
    facts = {"label": document.label, "kind": meta.type if meta.type != "document" else "document"}
    facts["author"] = "the author"  # an unsigned source still gets questions about its author
    if meta.author:
        facts["author"] = meta.author
        facts["author_full"] = (
            f"{meta.author} ({meta.author_role})" if meta.author_role else meta.author
        )
    if meta.author_role and meta.author:
        facts["author_role"] = with_article(meta.author_role)
    elif meta.author_role:
        # "the Secretary of State" sent it: the office is who the document speaks for
        facts["author"] = with_article(meta.author_role)
    if meta.recipient:
        facts["recipient"] = with_article(meta.recipient)
    if meta.recipient_as and meta.recipient and meta.recipient_as != meta.recipient:
        facts["recipient_as"] = meta.recipient_as
        if _is_cover_name(meta.recipient_as, meta.recipient):
            facts["cover_name"] = meta.recipient_as
    if meta.date:
        facts["date"] = long_date(meta.date)
        facts["month_year"] = ts.month_year_label(meta.date.year, meta.date.month)
    if meta.place:
        facts["place"] = meta.place
        facts["place_view"] = _place_view(meta, facts)
    if meta.classification or "cipher" in meta.title.lower():
        facts["kind_phrase"] = _kind_phrase(meta)
    if meta.recipient and not re.search(r",|;|\band\b|\brepeated\b|\brptd\b", meta.recipient, re.I):
        facts["one_reader"] = "one reader"  # not for a cable to two posts, or repeated to others
    return facts


# A reader abroad that the author instructs from home: "the Embassy in India", "the Legation".
_POST_ABROAD = re.compile(
    r"^(?:the\s+)?(?:Embassy|Legation|Consulate|Mission|Delegation|High Commission|"
    r"Ambassador|Minister|Chargé|Consul|Political Adviser|United States Representative)\b",
    re.I,
)


# An author posted abroad, who sees the host government from outside it.
_POSTED = re.compile(
    r"\b(?:Ambassador|Chargé|Charge|Minister in|Counselor|Consul|High Commissioner|"
    r"Political Adviser|Representative|Envoy|Legation|Embassy)\b",
    re.I,
)


def _place_view(meta: SourceMeta, facts: dict[str, str]) -> str:
    """What the place of writing let the author know: instructions from home to a post, news at
    first hand from a capital abroad, or (where dbq knows neither) what could be learned there."""
    author, place = facts["author"], meta.place or ""
    recipient = meta.recipient or ""
    if _POST_ABROAD.match(recipient):
        return (
            f"Writing from {place} to {with_article(recipient)}, {author} spoke for the "
            f"government at home: the {facts['kind']} passes on instructions and views formed "
            f"from the reports that reached {place} from many places, not what {author} saw at "
            "first hand"
        )
    if meta.type == "memorandum" and recipient:
        return (
            f"Writing a memorandum in {place} to {with_article(recipient)}, {author} worked "
            "inside the government where the decision was to be made: it argues for what should "
            "be done, with what could be known there"
        )
    post = stems()["posts"].get(place)
    since = post and post.get("from")
    abroad = bool(_POSTED.search(meta.author_role or ""))  # Mao in Beijing is at home
    if post and abroad and meta.date and (not since or meta.date >= since):
        reader = f"{with_article(recipient)} " if recipient else "readers "
        return (
            f"Writing from {place}, {author} could report at first hand what the {post['host']} "
            f"government said and did, which {reader}far away could not see; but it is the "
            f"view from {place} alone, not the whole picture"
        )
    return f"Writing from {place}, {author} knew what could be seen or learned there"


def _is_cover_name(addressed_as: str, recipient: str) -> bool:
    """'Comrade Filippov' for Stalin is a cover name; 'Mr. President' for Truman is a title."""
    titles = {str(t).lower() for t in stems()["titles"]}
    words = [w.lower().strip(".,") for w in addressed_as.split()]
    names = [w for w in words if w not in titles]
    real = {w.lower().strip(".,[]") for w in recipient.split()}
    return bool(names) and not any(w in real for w in names) and addressed_as[:1].isupper()


def _where(document: PreparedDocument, quote: str, line_numbers: bool) -> str:
    """Where a quote is printed: 'lines 12–14' when lines are numbered, else 'paragraph 9'."""
    if line_numbers:
        span = line_span(number_lines(document.excerpt), document.excerpt, quote)
        if span:
            return lines_label(span)
    text = SourceText.of(document.source)
    hits = text.folded.find_all(quote)
    if not hits:
        return "the excerpt"
    cited = document.source.cited_number(text.paragraph_at(hits[0][0]))
    return f"paragraph {cited}" if cited else "the excerpt"


def document_facts(document: PreparedDocument, line_numbers: bool) -> DocFacts:
    """Metadata facts and ranked claims of one document."""
    data = stems()
    cues = {
        kind: {str(k): float(v) for k, v in table.items()} for kind, table in data["cues"].items()
    }
    found = ts.sentences(document.excerpt)
    base = _base_facts(document)
    voices = sentence_voices(
        [s.text for s in found],
        document_voice(document, base["author"]),
        ts.is_reported,
        author_offices(document.source.meta.author or "", document.source.meta.author_role or ""),
    )
    claims = ts.find_claims(found, cues, MAX_QUOTE_WORDS, voices)
    facts = DocFacts(
        document, base, claims, text=document.excerpt.visible_text, line_numbers=line_numbers
    )
    for claim in claims:
        facts.where[claim.quote] = _where(document, claim.quote, line_numbers)
    return facts


def document_voice(document: PreparedDocument, author: str) -> str:
    """Who speaks in the document's body: the sender of a relayed message ("No. 12 from
    Rusk"), else the author (a cover name's bracketed bearer: 'Filippov [Stalin]' -> Stalin)."""
    relayed = relayed_author(document.source.paragraphs[:3])
    if relayed and relayed.split()[-1].lower() not in author.lower():
        return relayed
    return real_name(author)


def _plural_verb(verb: str) -> str:
    """'writes' -> 'write', 'urges' -> 'urge', 'pushes' -> 'push', 'is' -> 'are'."""
    if verb == "is":
        return "are"
    if verb.endswith(("shes", "ches", "sses")):
        return verb[:-2]
    return verb.removesuffix("s")


def gist_facts(claim: ts.Claim, speaker: str, recipient: str) -> dict[str, str]:
    """The answer a claim's form carries (gist.py), as placeholders, or nothing."""
    found = gist(claim.sentence.text, recipient)
    if found is None:
        return {}
    said = found.said.replace("{speaker}", speaker)
    if is_plural(speaker):  # "the Joint Chiefs of Staff write that …"
        verb, _, rest = said.partition(" ")
        said = f"{_plural_verb(verb)} {rest}"
    opening = " ".join(claim.sentence.text.split()[:5]).rstrip(",;:")
    questions = {
        "request": f"What does {speaker} ask " + (f"{recipient} to do?" if recipient else "for?"),
        "necessity": f"What does {speaker} {found.verb}?",
        "conclusion": f"What conclusion does {speaker} draw?",
        "plan": f"What plan does {speaker} announce?",
        "instruct": f"What does {speaker} tell "
        + (f"{recipient} to do?" if recipient else "the reader to do?"),
        "told": f"What does {speaker} report having said?",
        "report": f"What does {speaker} say in this sentence?",
    }
    question = questions.get(found.form, f"What does {speaker} {found.verb}?")
    facts = {
        "speaker": speaker,
        "gist_said": said,
        "gist_question": agree(question.replace(speaker, "{author}"), speaker).format(
            author=speaker
        ),
        "opening": opening,
        "_when": {"reason": "gist_reason", "report": "gist_report"}.get(found.form, "gist"),
    }
    if found.claim:
        facts["gist_claim"] = found.claim
    return facts


def _shown_quote(claim: ts.Claim) -> str:
    """The quote as printed in a question: an ellipsis marks words left out of the sentence."""
    cut_start, cut_end = ts.is_truncated(claim.quote, claim.sentence.text)
    return ("\u2026" if cut_start else "") + claim.quote + ("\u2026" if cut_end else "")


def asked_word(terms: list[str]) -> str | None:
    """The word a "what does the word … mean" question asks about: no name, and none a 10th
    grader reads every day ("information")."""
    words = [t for t in terms if t.islower() and " " not in t and zipf(t) < ASKED_WORD_ZIPF]
    return words[0] if words else None


def claim_facts(doc: DocFacts, claim: ts.Claim, prefix: str = "") -> dict[str, str]:
    """Placeholders for one quoted claim: quote, where, cue, meaning, keywords."""
    meanings = stems()["meanings"]
    terms = ts.key_terms(claim.quote, _stopwords(), 3)
    shown = _shown_quote(claim)
    facts = {
        f"{prefix}quote": shown,
        # set into a sentence of ours, a quote drops its own full stop
        f"{prefix}quote_in": shown[:-1] if shown.endswith(".") else shown,
        f"{prefix}raw_quote": claim.quote,
        f"{prefix}where": doc.where[claim.quote],
        f"{prefix}cue": claim.cue,
    }
    if claim.cue.lower() in meanings:
        facts[f"{prefix}meaning"] = meanings[claim.cue.lower()]
    if terms:
        facts[f"{prefix}keywords"] = join_and(terms)
    if word := asked_word(terms):
        facts[f"{prefix}term"] = word
    if re.search(r"\b(we|our|us)\b", claim.quote, re.I) and "author" in doc.facts:
        facts["we_note"] = f", says who \u201cwe\u201d are ({doc.facts['author']}\u2019s side),"
    else:
        facts["we_note"] = ""
    return facts


def support_for(doc: DocFacts, claim: ts.Claim) -> ts.Claim | None:
    """A nearby sentence that gives a reason (because, thus...): the evidence behind a claim."""
    reasons = {str(cue).lower() for cue in stems()["reasons"]}
    near = [
        other
        for other in doc.claims
        if other.quote != claim.quote
        and other.cue.lower() in reasons
        and abs(other.sentence.order - claim.sentence.order) <= 2
    ]
    # the closest one; a reason that follows the claim wins a tie
    near.sort(key=lambda o: (abs(o.sentence.order - claim.sentence.order), -o.sentence.order))
    return near[0] if near else None


def when_phrase(dated: ts.DatedText) -> str:
    """The date with its preposition: 'on 25 June 1950', 'in July 1951', 'in 1945'."""
    return ("on " if dated.day and dated.month else "in ") + when_label(dated)


def when_label(dated: ts.DatedText) -> str:
    """How a date named in the lesson's text is shown: '25 June 1950', 'July 1951', '1945'."""
    if dated.day and dated.month:
        return dates.date_words(dated.year, dated.month, dated.day)
    if dated.month:
        return ts.month_year_label(dated.year, dated.month)
    return str(dated.year)


_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
SPECIFIC_NAME = 4.0  # Zipf: a name holding a word this rare names a subject ("Dalai Lama")


@lru_cache(maxsize=1)
def _clipped_words() -> frozenset[str]:
    """Telegraphese clippings (Chi, Brit, Amers, ECA, Deptel): in many telegrams, no subject."""
    terms = data_file("glossary-telegraphese.yaml")["terms"]
    clipped = {str(t["term"]).lower() for t in terms if " " not in str(t["term"])}
    return frozenset(clipped | {str(k).lower() for k in stems()["plain_words"]})


def shared_names(a_text: str, b_text: str) -> list[str]:
    """The specific names both texts use ('Dalai Lama', 'Formosa'), in the first text's order:
    two documents that share none are not about one subject ('Government' and 'Chinese' are
    in every State Department telegram)."""

    clipped = _clipped_words()

    def names(text: str) -> list[str]:
        found = []
        for run in _NAME_RUN.findall(text):
            words = [w for w in run.split() if w.lower() not in _stopwords() | clipped]
            if words and any(zipf(w.lower()) < SPECIFIC_NAME for w in words):
                found.append(" ".join(words))
        return found

    theirs = set(names(b_text))
    return list(dict.fromkeys(n for n in names(a_text) if n in theirs))


def _argued(claims: list[ts.Claim]) -> ts.Claim:
    """The claim that best states the author's argument: one whose form says what the author
    recommends, judges or concludes, before a plain report, before any other."""

    def rank(claim: ts.Claim) -> int:
        found = gist(claim.sentence.text)
        return 2 if found is None else 1 if found.form == "report" else 0

    return min(claims, key=rank)  # min keeps the score order among equals


def pair_facts(a: DocFacts, b: DocFacts) -> dict[str, str]:
    """Placeholders for comparing two documents: a_/b_ facts, what only one mentions, the gap."""
    facts = {"a": a.facts["label"], "b": b.facts["label"]}
    for prefix, doc in (("a_", a), ("b_", b)):
        facts.update({prefix + k: v for k, v in doc.facts.items()})
        if doc.claims:
            claim = _argued(doc.claims)
            facts.update(claim_facts(doc, claim, prefix))
            speaker = claim.speaker or doc.facts["author"]
            said = gist_facts(claim, speaker, doc.facts.get("recipient", ""))
            if said and speaker == doc.facts["author"]:
                facts[f"{prefix}gist_said"] = said["gist_said"]
    stop = _stopwords()
    a_terms = {w.lower() for w in ts.words(a.text)}
    b_terms = {w.lower() for w in ts.words(b.text)}
    only_a = ts.key_terms(a.text, stop, 3, exclude=b_terms)
    only_b = ts.key_terms(b.text, stop, 3, exclude=a_terms)
    shared = shared_names(a.text, b.text)
    if only_a and only_b:
        facts.update({"only_a": join_and(only_a), "only_b": join_and(only_b)})
    if shared:
        facts["shared"] = join_and(shared[:2])
    meta_a, meta_b = a.document.source.meta, b.document.source.meta
    if meta_a.date and meta_b.date:
        months = abs(
            months_between(
                (meta_a.date.year, meta_a.date.month), (meta_b.date.year, meta_b.date.month)
            )
        )
        facts["gap"] = ts.gap_label(months) if months else "in the same month"
        facts["gap_apart"] = f"{facts['gap']} apart" if months else "in the same month"
    conditions = []
    if meta_a.recipient and meta_b.recipient:
        same_reader = meta_a.recipient == meta_b.recipient
        facts["readers"] = (
            f"to the same reader, {facts['a_recipient']}"
            if same_reader
            else f"to different readers ({facts['a_recipient']}; {facts['b_recipient']})"
        )
        if not same_reader:
            conditions.append("different_readers")
    if a.document.source.id == b.document.source.id:
        conditions.append("same_source")
    if meta_a.author != meta_b.author:
        conditions.append("different_authors")
    facts["_when"] = " ".join(conditions)
    facts.pop("we_note", None)
    return facts
