"""What a sentence says, stated as an answer, where its form says it.

Pure functions over strings. A key must give the answer, not describe one; dbq cannot
paraphrase any sentence, but some forms carry their own answer: a recommendation ("Recommend
Dept instruct Emb …"), a request ("Please inform …"), a judgement ("I believe that …"), what
is essential ("It is essential that …"), a reason ("… because …"), a conclusion ("Therefore
…") and a plan ("We will …"). For those the key states who recommends, judges or plans what,
with the telegraphese written out ("shld" -> "should"). Other sentences get no gist, and no
question that needs one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial

from dbq.assets import data_file

_LEAD = r"(?:(?:However|But|Also|FYI|Nevertheless|Accordingly|Meanwhile|Moreover|Further),?\s+)?"
_SUBJECT = (
    r"(?:(?P<subject>I|We|(?:the\s+)?"
    r"(?:Dept|Department|Emb|Embassy|Legation|Mission|Del|Delegation))\s+)"
)
_ADVERBS = (
    r"(?:(?:would|wld|should|shld|strongly|therefore|also|still|now|firmly|accordingly|"
    r"further|earnestly|personally)\s+)*"
)


@dataclass(frozen=True)
class Gist:
    """A sentence's form and what it says: the key's answer, less its speaker."""

    form: str  # recommend, request, judgement, necessity, reason, conclusion, plan
    verb: str  # as the question asks it: "recommend", "believe", "say is essential"
    said: str  # "recommends that the Department instruct …" (follows the speaker's name)
    claim: str = ""  # for a reason: the claim the reason backs, as printed


_FORMS: list[tuple[str, re.Pattern[str]]] = [
    (
        "recommend",
        re.compile(
            rf"^{_LEAD}{_SUBJECT}?{_ADVERBS}(?P<verb>recommend|suggest|propose|urge)s?\s+"
            r"(?:that\s+)?(?P<rest>.+)$",
            re.I,
        ),
    ),
    (
        "request",
        re.compile(
            rf"^{_LEAD}(?:{_SUBJECT}?{_ADVERBS}(?P<verb>request|ask)s?\s+(?:that\s+)?|"
            r"(?:Please|Pls)\s+)(?P<rest>.+)$",
            re.I,
        ),
    ),
    (
        "instruct",
        re.compile(
            r"^(?P<leave>In (?:ur|your) discretion,?\s+)?"
            r"(?:(?:you|ur Emb|the Emb)\s+(?:shld|should|may|will|are to|wld|would)\s+)?"
            r"(?P<verb>recount|inform|tell|approach|deliver|inquire|express|point out|stress|"
            r"emphasize|discuss|convey|present|seek|explain|indicate|advise|assure|reiterate|"
            r"remind|hand|notify|reply|respond|raise|transmit|pass)\s+(?P<rest>.+)$",
            re.I,
        ),
    ),
    (
        "judgement",
        re.compile(
            rf"^{_LEAD}(?:{_SUBJECT}{_ADVERBS}(?P<verb>believe|feel|think|consider|doubt|fear|"
            r"expect|am convinced|are convinced|am satisfied|are satisfied)s?|"
            r"(?P<bare>believe|consider))\s+(?:that\s+)?(?P<rest>.+)$",
            re.I,
        ),
    ),
    (
        "judgement",
        re.compile(
            rf"^{_LEAD}(?:In|It is)\s+(?:my|our)\s+(?:personal\s+|considered\s+)?"
            r"(?P<verb>view|opinion|judgment|judgement|impression|belief)(?:\s+that)?,?\s+(?P<rest>.+)$",
            re.I,
        ),
    ),
    (
        "necessity",
        re.compile(
            rf"^{_LEAD}(?:It\s+)?(?:is|seems|wld be|would be|will be)\s+{_ADVERBS}"
            r"(?:most\s+|highly\s+|absolutely\s+|equally\s+)?"
            r"(?P<verb>essential|important|necessary|desirable|imperative|vital|urgent|"
            r"advisable|unwise|inadvisable|dangerous)\s+(?P<rest>(?:that|to|for)\s+.+)$",
            re.I,
        ),
    ),
    (
        "conclusion",
        re.compile(
            r"^(?P<verb>Therefore|Thus|Consequently|Hence|It follows that),?\s+(?P<rest>.+)$",
            re.I,
        ),
    ),
    (
        "plan",
        re.compile(
            r"^(?:However,?\s+|But\s+)?(?P<subject>I|We)\s+"
            r"(?P<verb>intend|plan|propose|are going|am going|are preparing|am preparing|"
            r"are prepared|am prepared|have decided|shall|will)\s+(?P<rest>.+)$",
        ),
    ),
]
# The author's own words to someone, as the author reports them (memoranda of conversation).
_TOLD = re.compile(
    r"^(?:However,?\s+|But\s+)?(?:I|We)\s+(?:also\s+|then\s+|again\s+)?"
    r"(?P<verb>said|told \w+|added|observed|pointed out|explained|stressed|emphasized|"
    r"replied|informed \w+|reminded \w+|assured \w+)\s+(?:that\s+)?(?P<rest>.+)$"
)
REPORT_WORDS = 10  # a plain statement this long or longer can be restated as what is reported
_BECAUSE = re.compile(r"^(?P<claim>.{20,}?),?\s+because\s+(?P<rest>(?!of\b).{15,})$", re.I)
_YOU = re.compile(r"^you\s+", re.I)  # "Request you inform …"; not "Request your views"
# What a request asks for when no verb follows ("Request ur views", "Request early reply").
_ASKED_FOR = frozenset(
    [
        "your",
        "a",
        "an",
        "his",
        "their",
        "its",
        "this",
        "these",
        "early",
        "immediate",
        "urgent",
        "prompt",
        "information",
        "comments",
        "views",
        "instructions",
        "authorization",
        "guidance",
        "clarification",
        "confirmation",
        "reply",
    ]
)
LEAST_WORDS = 4  # a shorter complement says too little to be an answer


def gist(sentence: str, recipient: str = "") -> Gist | None:
    """The answer a sentence of the author's own carries in its form, or None."""
    text = " ".join(sentence.split()).rstrip(".!;:")
    if "?" in text or text.count("“") != text.count("”"):
        return None  # a question, or a quotation cut across sentences
    for form, pattern in _FORMS:
        match = pattern.match(text)
        if not match:
            continue
        rest = plain_words(match.group("rest"))
        if len(rest.split()) < LEAST_WORDS or not _is_clause(rest):
            return None
        return _said(form, match, rest, recipient)
    found = _BECAUSE.match(text)
    if found and not re.match(r"^(?:If|When|Although|Though|While|Unless)\b", text):
        return Gist(
            "reason",
            "give as the reason",
            f"gives this reason: because {plain_words(found.group('rest'))}",
            claim=found.group("claim"),
        )
    told = _TOLD.match(text)
    if told:
        verb = told.group("verb")
        whom = verb.split()[1] if " " in verb and verb.split()[0] != "pointed" else ""
        whom = "them" if whom.lower() in {"him", "her", "them"} else whom
        rest = plain_words(told.group("rest"))
        said = f"reports telling {whom} that {rest}" if whom else f"reports saying that {rest}"
        return Gist("told", "say", said)
    return _statement(text)


def _statement(text: str) -> Gist | None:
    """A plain statement in the author's own voice, long enough to say something: the key
    gives what the author writes, telegraphese written out. One with "I" or "we" is left out,
    since a key would have to say whose side "we" is."""
    if len(text.split()) < REPORT_WORDS or re.match(
        r"^(?:If|When|Although|Though|While|Unless|As|Since|In view)\b", text
    ):
        return None
    rest = _lower_first(plain_words(text))
    if re.search(r"\b(?:I|we|my|our|us)\b", rest, re.I):
        return None
    return Gist("report", "write", f"writes that {rest}")


def _said(form: str, match: re.Match[str], rest: str, recipient: str) -> Gist:
    verb = (match.group("verb") or match.groupdict().get("bare") or "").lower()
    subject = (match.groupdict().get("subject") or "").lower()
    if form == "recommend":
        if rest.lower().startswith("to "):
            return Gist(form, verb, f"{_s(verb)} {rest}")
        return Gist(form, verb, f"{_s(verb)} that {rest}")
    if form == "request":
        if _YOU.match(rest):
            whom = recipient or "the reader"
            return Gist(form, "ask", f"asks {whom} to {_YOU.sub('', rest)}")
        if not verb:  # "Please inform …"
            whom = recipient or "the reader"
            return Gist(form, "ask", f"asks {whom} to {_lower_first(rest)}")
        if rest.split()[0].lower() in _ASKED_FOR:  # "Request ur views soonest …"
            return Gist(form, "ask", f"asks for {rest}")
        return Gist(form, "ask", f"asks that {rest}")
    if form == "instruct":
        whom = recipient or "the reader"
        leave = ", as it sees fit," if match.group("leave") else ""
        return Gist(form, "instruct", f"tells {whom}{leave} to {verb} {rest}")
    if form == "judgement":
        if verb in {"view", "opinion", "judgment", "judgement", "impression", "belief"}:
            return Gist(form, "think", f"thinks that {_lower_first(rest)}")
        if verb.startswith(("am ", "are ")):
            word = verb.split()[1]
            return Gist(form, "think", f"is {word} that {rest}")
        return Gist(form, verb, f"{_s(verb)} that {rest}")
    if form == "necessity":
        return Gist(form, f"say is {verb}", f"says it is {verb} {rest}")
    if form == "conclusion":
        return Gist(form, "conclude", f"concludes that {_lower_first(rest)}")
    # a plan: the document's own "we" or "I", quoted, since whose side it is may be unclear
    who = "“I”" if subject == "i" else "“we”"
    return Gist(form, "plan", f"says that {who} {verb} {rest}")


def _s(verb: str) -> str:
    return verb + ("es" if verb.endswith(("s", "sh", "ch")) else "s")


def _lower_first(text: str) -> str:
    """'The line…' -> 'the line…' inside our sentence; a name ('Dalai Lama', 'GOI') as printed."""
    first = text.split(" ", 1)[0]
    common = first.lower() in str(data_file("stems.yaml")["stopwords"]).split() or (
        first.endswith("ly")
        and first[1:].islower()  # "Eventually", not "Italy"
        and first.lower() not in {"italy", "july", "sicily"}
    )
    if common and first.lower() != "i":
        return text[:1].lower() + text[1:]
    return text


def _is_clause(rest: str) -> bool:
    """A complement that reads as a claim: not a bare paper reference or a list head."""
    if re.match(r"^(?:Deptel|Embtel|urtel|reurtel|mytel|the following|as follows)\b", rest, re.I):
        return False
    return not rest.endswith((":", "-"))


@lru_cache(maxsize=1)
def _plain_table() -> tuple[tuple[re.Pattern[str], str], ...]:
    table = data_file("stems.yaml").get("plain_words", {})
    out = []
    for short, long in sorted(table.items(), key=lambda kv: -len(str(kv[0]))):
        # "the Dept" and "Dept" both become "the Department"
        article = r"(?:(?P<the>[Tt]he)\s+)?" if str(long).startswith("the ") else ""
        pattern = re.compile(rf"(?<![\w-]){article}{re.escape(str(short))}(?![\w-])")
        out.append((pattern, str(long)))
    return tuple(out)


def plain_words(text: str) -> str:
    """Telegraphese written out where the expansion is certain: 'shld' -> 'should',
    'Dept' -> 'the Department'; everything else as printed."""
    for pattern, long in _plain_table():
        text = pattern.sub(partial(_expanded, long=long), text)
    return text


def _expanded(match: re.Match[str], long: str) -> str:
    """The long form, capitalised where a sentence's "The" stood before the short one."""
    if "the" in match.re.groupindex and match.group("the") == "The":
        return "T" + long[1:]
    return long
