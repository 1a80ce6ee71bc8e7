"""Generated document-based questions for the four historical-thinking skills, with their key.

Pure: a prepared lesson (and, for multiple-choice distractors, the workspace's source metadata)
in, a prepared lesson with the missing questions filled in out. The stems are data
(dbq/data/stems.yaml); this module picks them, fills them with facts about each document, and
never changes a question the teacher wrote. Same lesson in, same questions out.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import yaml

from dbq.excerpts import SourceText
from dbq.generate import textscan as ts
from dbq.lessons import PreparedDocument, PreparedLesson
from dbq.lines import line_span, lines_label, number_lines
from dbq.model import SKILLS, Essay, Generate, Lesson, Question, SourceMeta

Event = tuple[dt.date, str]
"""A dated event from a timeline: (date, what happened). The seam for the timeline module."""

# Close reading picks its quotes before contextualization borrows one; printed in this order too.
DOCUMENT_SKILLS = ("sourcing", "close_reading", "contextualization")
MAX_QUOTE_WORDS = 32
_FORMATTER = string.Formatter()
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


class GeneratedQuestion(Question):
    """A question dbq wrote; the key marks it for the teacher to review."""

    generated: bool = True
    stem: str = ""  # the stem's id, "skill:id": a lesson never uses one twice


class GeneratedEssay(Essay):
    """An essay prompt dbq wrote from the compelling question."""

    generated: bool = True


@lru_cache(maxsize=1)
def stems() -> dict:
    """The stems data file, parsed once."""
    text = resources.files("dbq").joinpath("data/stems.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _stopwords() -> set[str]:
    return set(stems()["stopwords"].split())


def _md(value: str) -> str:
    """Facts and quotes inserted into Markdown stay literal text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def _fill(template: str, facts: dict[str, str], markdown: bool) -> str:
    values = {k: (_md(v) if markdown else v) for k, v in facts.items()}
    text = " ".join(template.format(**values).split())
    return text[:1].upper() + text[1:]  # "the author writes..." may open a sentence


def _and(items: Sequence[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def long_date(value: dt.date) -> str:
    """1951-11-14 -> 'November 14, 1951'."""
    return f"{ts.MONTHS[value.month - 1]} {value.day}, {value.year}"


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
    if meta.author_role:
        facts["author_role"] = meta.author_role[0].lower() + meta.author_role[1:]
        if not facts["author_role"].startswith(("the ", "a ", "an ")):
            facts["author_role"] = "the " + facts["author_role"]
    if meta.recipient:
        # "Secretary of State" is an office: "to the Secretary of State"
        office = re.search(r" [a-z]", meta.recipient) and not meta.recipient.startswith("the ")
        facts["recipient"] = f"the {meta.recipient}" if office else meta.recipient
    if meta.recipient_as and meta.recipient and meta.recipient_as != meta.recipient:
        facts["recipient_as"] = meta.recipient_as
        if _is_cover_name(meta.recipient_as, meta.recipient):
            facts["cover_name"] = meta.recipient_as
    if meta.date:
        facts["date"] = long_date(meta.date)
        facts["month_year"] = ts.month_year_label(meta.date.year, meta.date.month)
    if meta.place:
        facts["place"] = meta.place
    if meta.classification or "cipher" in meta.title.lower():
        facts["kind_phrase"] = _kind_phrase(meta)
    return facts


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
    text = SourceText(document.source)
    hits = text.folded.find_all(quote)
    return f"paragraph {text.paragraph_at(hits[0][0])}" if hits else "the excerpt"


def document_facts(document: PreparedDocument, line_numbers: bool) -> DocFacts:
    """Metadata facts and ranked claims of one document."""
    data = stems()
    cues = {
        kind: {str(k): float(v) for k, v in table.items()} for kind, table in data["cues"].items()
    }
    claims = ts.find_claims(ts.sentences(document.excerpt), cues, MAX_QUOTE_WORDS)
    facts = DocFacts(document, _base_facts(document), claims, text=document.excerpt.visible_text)
    for claim in claims:
        facts.where[claim.quote] = _where(document, claim.quote, line_numbers)
    return facts


def _shown_quote(claim: ts.Claim) -> str:
    """The quote as printed in a question: an ellipsis marks words left out of the sentence."""
    cut_start, cut_end = ts.is_truncated(claim.quote, claim.sentence.text)
    return ("\u2026" if cut_start else "") + claim.quote + ("\u2026" if cut_end else "")


def _claim_facts(doc: DocFacts, claim: ts.Claim, prefix: str = "") -> dict[str, str]:
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
        facts[f"{prefix}keywords"] = _and(terms)
    common = [t for t in terms if t.islower()]
    if common:
        facts[f"{prefix}term"] = common[0]
    if re.search(r"\b(we|our|us)\b", claim.quote, re.I) and "author" in doc.facts:
        facts["we_note"] = f", says who \u201cwe\u201d are ({doc.facts['author']}'s side),"
    else:
        facts["we_note"] = ""
    return facts


def _support(doc: DocFacts, claim: ts.Claim) -> ts.Claim | None:
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


# --- Choosing stems -------------------------------------------------------------------------


@dataclass
class Context:
    """What generation knows about the whole lesson and workspace."""

    lesson: Lesson
    people: list[str]
    months: list[tuple[int, int]]
    dated: list[ts.DatedText]
    events: list[Event]
    used: set[str] = field(default_factory=set)
    groups: dict[str, set[str]] = field(default_factory=dict)  # source id -> groups asked


def _ready(stem: dict, facts: dict[str, str]) -> bool:
    """A stem fits when every placeholder it names has a value."""
    needed = set()
    for key in ("ask", "answer", "frame"):
        needed |= _placeholders(stem.get(key, ""))
    needed |= set(stem.get("evidence", []))
    conditions = set(facts.get("_when", "").split())
    wanted = stem.get("when")
    fits = wanted is None or bool(
        conditions & ({wanted} if isinstance(wanted, str) else set(wanted))
    )
    return fits and all(facts.get(name) for name in needed if name != "we_note")


def _question(
    stem: dict,
    facts: dict[str, str],
    skill: str,
    documents: list[str] | None = None,
    choices: tuple[list[str], str] | None = None,
) -> GeneratedQuestion:
    # Evidence is the exact words (no ellipsis): "quote" is printed, "raw_quote" is matched.
    raw = [
        name[:-5] + "raw_quote" if name.endswith("quote") else name
        for name in stem.get("evidence", [])
    ]
    evidence = [facts[name] for name in raw]
    kind = stem.get("type", "short_answer")
    return GeneratedQuestion(
        ask=_fill(stem["ask"], facts, True),
        skill=skill,  # type: ignore[arg-type]
        type=kind,
        answer=_fill(stem["answer"], facts, True),
        evidence=list(dict.fromkeys(evidence)),
        points=int(stem.get("points", 1)),
        lines=3 if kind == "quote_evidence" else None,
        choices=choices[0] if choices else None,
        correct=choices[1] if choices else None,
        documents=documents,
        frame=_fill(stem["frame"], facts, False) if stem.get("frame") else None,
    )


def _choices(kind: str, doc: DocFacts, ctx: Context) -> tuple[list[str], str] | None:
    """Options drawn from the workspace's own people and dates, or None when too few."""
    meta = doc.document.source.meta
    if kind == "people" and meta.recipient:
        others = [p for p in ctx.people if p not in (meta.recipient, meta.author)]
        if len(others) < 2:
            return None
        options = sorted([meta.recipient, *others[:3]])
        return options, meta.recipient
    if kind == "months" and meta.date:
        own = (meta.date.year, meta.date.month)
        others = sorted(
            {m for m in ctx.months if m != own}, key=lambda m: (abs(months_between(m, own)), m)
        )[:3]
        if len(others) < 2:
            return None
        options = [ts.month_year_label(*m) for m in sorted([own, *others])]
        return options, ts.month_year_label(*own)
    return None


def _pick(
    skill: str,
    facts_for: Iterable[dict[str, str]],
    doc: DocFacts | None,
    ctx: Context,
    documents: list[str] | None = None,
) -> GeneratedQuestion | None:
    """The first unused stem of a skill that fits one of the fact sets offered, in order."""
    # a group is asked once per source: two excerpts of one telegram share its sourcing facts
    groups = ctx.groups.setdefault(doc.document.source.id, set()) if doc else set()
    for facts in facts_for:
        for stem in stems()[skill]:
            if f"{skill}:{stem['id']}" in ctx.used or not _ready(stem, facts):
                continue
            if stem.get("group") in groups:
                continue  # two stems asking the same thing of one document
            choices = None
            if stem.get("choices"):
                choices = _choices(stem["choices"], doc, ctx) if doc else None
                if choices is None:
                    continue
            ctx.used.add(f"{skill}:{stem['id']}")
            if stem.get("group"):
                groups.add(stem["group"])
            question = _question(stem, facts, skill, documents, choices)
            question.stem = f"{skill}:{stem['id']}"
            return question
    return None


def _sourcing_facts(doc: DocFacts) -> list[dict[str, str]]:
    facts = dict(doc.facts)
    requests = [c for c in doc.claims if c.kind == "request"]
    if requests:
        facts.update({"request": requests[0].quote, "request_where": doc.where[requests[0].quote]})
    if doc.claims:
        facts.update(_claim_facts(doc, doc.claims[0]))
    return [facts]


def _reading_facts(doc: DocFacts, taken: set[str]) -> list[dict[str, str]]:
    """One fact set per claim not yet quoted, best first."""
    out = []
    for claim in doc.claims:
        if claim.quote in taken:
            continue
        facts = {**doc.facts, **_claim_facts(doc, claim), "_when": claim.kind}
        support = _support(doc, claim)
        if support:
            facts.update({"support": support.quote, "support_where": doc.where[support.quote]})
        out.append(facts)
    return out


def _context_facts(doc: DocFacts, ctx: Context, taken: set[str]) -> list[dict[str, str]]:
    facts = dict(doc.facts)
    claims = [c for c in doc.claims if c.quote not in taken] or doc.claims
    if claims:
        facts.update(_claim_facts(doc, claims[0]))
    meta = doc.document.source.meta
    if meta.date:
        own = (meta.date.year, meta.date.month or 0, meta.date.day)
        before = [d for d in ctx.dated if d.key <= own]
        if before:
            latest = max(before, key=lambda d: d.key)
            facts["context_sentence"] = latest.sentence
            facts["context_when"] = _when(latest)
            earliest = min(before, key=lambda d: d.key)
            if (
                earliest.month
                and earliest.key[:2] < own[:2]
                and earliest.sentence != latest.sentence
            ):
                months = months_between((earliest.year, earliest.month), own[:2])
                facts.update(
                    {
                        "event_sentence": earliest.sentence,
                        "event_when": _when(earliest),
                        "gap": ts.gap_label(months),
                        "gap_fact": f"{_when(earliest)} to {facts['date']} is "
                        f"{ts.gap_label(months)}.",
                    }
                )
        events = [e for e in ctx.events if e[0] <= meta.date]
        if events:
            when, what = max(events, key=lambda e: e[0])
            months = months_between((when.year, when.month), own[:2])
            facts.update({"event_date": long_date(when), "event": what.rstrip(".")})
            facts.setdefault("gap", ts.gap_label(months))
    return [facts]


def _when(dated: ts.DatedText) -> str:
    if dated.day and dated.month:
        return f"{dated.day} {ts.MONTHS[dated.month - 1]} {dated.year}"
    if dated.month:
        return ts.month_year_label(dated.year, dated.month)
    return str(dated.year)


# --- Pairs of documents ---------------------------------------------------------------------


def _pair_facts(a: DocFacts, b: DocFacts) -> dict[str, str]:
    """Placeholders for comparing two documents: a_/b_ facts, what only one mentions, the gap."""
    facts = {"a": a.facts["label"], "b": b.facts["label"]}
    for prefix, doc in (("a_", a), ("b_", b)):
        facts.update({prefix + k: v for k, v in doc.facts.items()})
        if doc.claims:
            facts.update(_claim_facts(doc, doc.claims[0], prefix))
    stop = _stopwords()
    a_terms = {w.lower() for w in ts.words(a.text)}
    b_terms = {w.lower() for w in ts.words(b.text)}
    only_a = ts.key_terms(a.text, stop, 3, exclude=b_terms)
    only_b = ts.key_terms(b.text, stop, 3, exclude=a_terms)
    shared = ts.key_terms(a.text, stop, 2, exclude=a_terms - b_terms)
    if only_a and only_b:
        facts.update({"only_a": _and(only_a), "only_b": _and(only_b)})
    if shared:
        facts["shared"] = _and(shared)
    meta_a, meta_b = a.document.source.meta, b.document.source.meta
    if meta_a.date and meta_b.date:
        months = abs(
            months_between(
                (meta_a.date.year, meta_a.date.month), (meta_b.date.year, meta_b.date.month)
            )
        )
        facts["gap"] = ts.gap_label(months) if months else "in the same month"
    conditions = []
    if a.document.source.id == b.document.source.id:
        conditions.append("same_source")
    if meta_a.author != meta_b.author:
        conditions.append("different_authors")
    facts["_when"] = " ".join(conditions)
    facts.pop("we_note", None)
    return facts


def _pairs(docs: list[DocFacts]) -> list[tuple[DocFacts, DocFacts]]:
    """Pairs worth comparing, best first: different sources, then different authors, then near."""
    pairs = [(a, b) for i, a in enumerate(docs) for b in docs[i + 1 :]]

    def rank(pair: tuple[DocFacts, DocFacts]) -> tuple[int, int, int]:
        a, b = pair
        same_source = a.document.source.id == b.document.source.id
        same_author = a.document.source.meta.author == b.document.source.meta.author
        return (same_source, same_author, docs.index(b) - docs.index(a))

    return sorted(pairs, key=rank)


# --- The whole lesson -----------------------------------------------------------------------


def generation_counts(lesson: Lesson, index: int) -> Generate:
    """The counts for one document: the lesson's, with what the document sets overriding them."""
    own = lesson.documents[index].generate
    if own is None:
        return lesson.generate
    return lesson.generate.model_copy(update={k: getattr(own, k) for k in own.model_fields_set})


def _explicit(lesson: Lesson, index: int) -> set[str]:
    """The skills whose counts the teacher wrote down (lesson or document), not defaults."""
    own = lesson.documents[index].generate
    return set(lesson.generate.model_fields_set) | (set(own.model_fields_set) if own else set())


def wanted(lesson: Lesson, index: int, skill: str, have: int) -> int:
    """How many questions of a skill to generate for a document that already has `have`.

    A skill the teacher already asks about is left alone unless the teacher set its count:
    generation fills the skills that are missing, it does not pad the teacher's own.
    """
    if have and skill not in _explicit(lesson, index):
        return 0
    return max(0, getattr(generation_counts(lesson, index), skill) - have)


def _cited(question: Question, labels: list[str]) -> list[str]:
    return list(question.documents) if question.documents else labels


def _workspace_people(
    metas: Iterable[SourceMeta], lesson_docs: list[PreparedDocument]
) -> list[str]:
    """Names of people in the workspace's sources (not offices like 'Secretary of State')."""
    names: set[str] = set()
    for meta in [*metas, *(d.source.meta for d in lesson_docs)]:
        for name in (meta.author, meta.recipient):
            if name and re.fullmatch(r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}", name):
                names.add(name)
    return sorted(names)


def _workspace_months(
    metas: Iterable[SourceMeta], prepared: PreparedLesson
) -> list[tuple[int, int]]:
    months = {(m.date.year, m.date.month) for m in metas if m.date}
    months |= set(ts.month_years(prepared.lesson.background or ""))
    for document in prepared.documents:
        if document.source.meta.date:
            months.add((document.source.meta.date.year, document.source.meta.date.month))
        months |= set(ts.month_years(document.excerpt.visible_text))
    return sorted(months)


def generate_questions(
    prepared: PreparedLesson,
    workspace: Iterable[SourceMeta] = (),
    events: Sequence[Event] | None = None,
) -> PreparedLesson:
    """The lesson with generated questions added where the teacher's fall short of the counts."""
    metas = list(workspace)
    lesson = prepared.lesson
    ctx = Context(
        lesson,
        _workspace_people(metas, prepared.documents),
        _workspace_months(metas, prepared),
        ts.dated_sentences(lesson.background or ""),
        sorted(events or []),
    )
    line_numbers = bool(lesson.line_numbers)
    docs = [document_facts(d, line_numbers) for d in prepared.documents]
    _teacher_groups(prepared, docs, ctx)
    labels = [d.label for d in prepared.documents]
    new_documents = []
    for document, doc in zip(prepared.documents, docs, strict=True):
        added = _document_questions(doc, _spec_index(prepared, document), ctx)
        spec = document.spec.model_copy(update={"questions": [*document.spec.questions, *added]})
        new_documents.append(replace(document, spec=spec))
    corroboration = _corroboration(prepared, docs, labels, ctx)
    update: dict[str, object] = {"questions": [*lesson.questions, *corroboration]}
    if lesson.essay is None and lesson.generate.essay and lesson.compelling_question:
        update["essay"] = _essay(lesson, labels)
    new_lesson = lesson.model_copy(update=update)
    return replace(prepared, lesson=new_lesson, documents=new_documents)


def _teacher_groups(prepared: PreparedLesson, docs: list[DocFacts], ctx: Context) -> None:
    """Mark what the teacher already asks about a source, so generation does not ask it again."""
    cues = stems()["group_cues"]
    lesson_asks = " ".join(q.ask for q in prepared.lesson.questions)
    for doc in docs:
        asks = " ".join(q.ask for q in doc.document.spec.questions) + " " + lesson_asks
        for group, words in cues.items():
            for word in words:
                try:
                    cue = str(word).format(**doc.facts).lower()
                except KeyError:
                    continue  # the cue names a fact this document lacks
                if cue and cue in asks.lower():
                    ctx.groups.setdefault(doc.document.source.id, set()).add(group)


def _spec_index(prepared: PreparedLesson, document: PreparedDocument) -> int:
    return next(i for i, spec in enumerate(prepared.lesson.documents) if spec is document.spec)


def _document_questions(doc: DocFacts, index: int, ctx: Context) -> list[GeneratedQuestion]:
    """Sourcing, contextualization and close-reading questions a document still needs."""
    lesson = ctx.lesson
    own = doc.document.spec.questions
    taken = {q for question in own for q in question.evidence}
    out: list[GeneratedQuestion] = []
    for skill in DOCUMENT_SKILLS:
        need = wanted(lesson, index, skill, sum(1 for q in own if q.skill == skill))
        for _ in range(need):
            if skill == "sourcing":
                options = _sourcing_facts(doc)
            elif skill == "contextualization":
                options = _context_facts(doc, ctx, taken)
            else:
                # fresh quotes first; a short excerpt may have to quote a sentence again
                options = _reading_facts(doc, taken) + _reading_facts(doc, set())
            question = _pick(skill, options, doc, ctx)
            if question is None:
                break  # stems or quotable sentences ran out; `dbq check` shows the coverage
            if skill == "close_reading":
                taken |= set(question.evidence)
            out.append(question)
    return out


def _corroboration(
    prepared: PreparedLesson, docs: list[DocFacts], labels: list[str], ctx: Context
) -> list[GeneratedQuestion]:
    """Cross-document questions until every document is cited by as many as its count asks."""
    lesson = prepared.lesson
    if len(docs) < 2:
        return []
    have = {label: 0 for label in labels}
    for question in lesson.questions:
        if question.skill == "corroboration":
            for label in _cited(question, labels):
                have[label] = have.get(label, 0) + 1
    target = {
        d.label: have[d.label]
        + wanted(lesson, _spec_index(prepared, d), "corroboration", have[d.label])
        for d in prepared.documents
    }
    out = []
    pairs = _pairs(docs)
    while True:
        short = {label for label in labels if have[label] < target[label]}
        # a pair where both documents still need a comparison covers two at once
        open_pairs = [
            (a, b)
            for a, b in pairs
            if target[a.label] and target[b.label] and {a.label, b.label} & short
        ]
        open_pairs.sort(key=lambda p: not {p[0].label, p[1].label} <= short)
        if not open_pairs:
            return out
        a, b = open_pairs[0]
        pairs.remove((a, b))
        question = _pick("corroboration", [_pair_facts(a, b)], None, ctx, [a.label, b.label])
        if question is None:
            continue  # no stem fits this pair; another pair may still fit one
        have[a.label] += 1
        have[b.label] += 1
        out.append(question)


def _essay(lesson: Lesson, labels: list[str]) -> GeneratedEssay:
    data = stems()["essay"]
    span = f"{labels[0]}\u2013{labels[-1]}" if len(labels) > 2 else _and(labels)
    facts = {
        "labels": span,
        "compelling_question": lesson.compelling_question or "",
        "count": str(min(len(labels), 3)),
    }
    return GeneratedEssay(ask=_fill(data["ask"], facts, True), rubric=data.get("rubric"))


def skill_coverage(prepared: PreparedLesson) -> dict[str, dict[str, int]]:
    """Questions per skill for each document label; lesson-level ones count for each they cite."""
    labels = [d.label for d in prepared.documents]
    coverage = {label: dict.fromkeys(SKILLS, 0) for label in labels}
    for document in prepared.documents:
        for question in document.spec.questions:
            if question.skill:
                coverage[document.label][question.skill] += 1
    for question in prepared.lesson.questions:
        if question.skill:
            for label in _cited(question, labels):
                if label in coverage:
                    coverage[label][question.skill] += 1
    return coverage


def scaffold_frame(question: Question) -> str:
    """The sentence frame printed under a question: its own, or the skill's from the stems."""
    if question.frame:
        return question.frame
    return stems()["frames"].get(question.skill or "none", stems()["frames"]["none"])
