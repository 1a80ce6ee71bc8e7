"""Generated document-based questions for the four historical-thinking skills, with their key.

Pure: a prepared lesson (and, for multiple-choice distractors, the workspace's source metadata)
in, a prepared lesson with the missing questions filled in out. The stems are data
(dbq/data/stems.yaml); this module picks them and fills them with facts (dbq/generate/facts.py),
and never changes a question the teacher wrote. Same lesson in, same questions out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar

from dbq.generate import textscan as ts
from dbq.generate.facts import (
    DocFacts,
    claim_facts,
    document_facts,
    fill,
    gist_facts,
    join_and,
    long_date,
    months_between,
    pair_facts,
    placeholders,
    stems,
    support_for,
    when_label,
    when_phrase,
)
from dbq.prepare.lessons import PreparedDocument, PreparedLesson
from dbq.workspace.model import SKILLS, Essay, Generate, Lesson, Question

Event = tuple[dt.date, str]
"""A dated event from a timeline: (date, what happened). The seam for the timeline module."""

# Close reading picks its quotes before contextualization borrows one; printed in this order too.
DOCUMENT_SKILLS = ("sourcing", "close_reading", "contextualization")


class GeneratedQuestion(Question):
    """A question dbq wrote; the key marks it for the teacher to review."""

    origin: ClassVar[str] = "generated"
    generated: bool = True
    stem: str = ""  # the stem's id, "skill:id": a lesson never uses one twice
    reveals: list[str] = []  # the facts that answer it: the review checks they are not printed


class GeneratedEssay(Essay):
    """An essay prompt dbq wrote from the compelling question."""

    origin: ClassVar[str] = "generated"
    generated: bool = True


# --- Choosing stems -------------------------------------------------------------------------


@dataclass
class Context:
    """What generation knows about the whole lesson and workspace."""

    lesson: Lesson
    people: list[str]
    months: list[tuple[int, int]]
    dated: list[ts.DatedText]
    events: list[Event]
    banned: frozenset[tuple[str, str]] = frozenset()  # (document label, stem) the review refused
    used: set[str] = field(default_factory=set)
    left: int = 0  # generated questions the lesson's budget still allows
    groups: dict[str, set[str]] = field(default_factory=dict)  # source id -> groups asked


def _ready(stem: dict, facts: dict[str, str]) -> bool:
    """A stem fits when every placeholder it names has a value."""
    needed = set()
    for key in ("ask", "answer", "frame"):
        needed |= placeholders(stem.get(key, ""))
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
    reveals = [re.sub(r"^the ", "", facts[name]) for name in stem.get("reveals", [])]
    return GeneratedQuestion(
        reveals=reveals,
        ask=fill(stem["ask"], facts, True),
        skill=skill,  # type: ignore[arg-type]
        type=kind,
        answer=fill(stem["answer"], facts, True),
        evidence=list(dict.fromkeys(evidence)),
        points=int(stem.get("points", 1)),
        lines=3 if kind == "quote_evidence" else None,
        choices=choices[0] if choices else None,
        correct=choices[1] if choices else None,
        documents=documents,
        frame=fill(stem["frame"], facts, False) if stem.get("frame") else None,
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
        near = sorted(
            {m for m in ctx.months if m != own}, key=lambda m: (abs(months_between(m, own)), m)
        )[:3]
        if len(near) < 2:
            return None
        options = [ts.month_year_label(*m) for m in sorted([own, *near])]
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
    label = doc.label if doc else ""
    for facts in facts_for:
        for stem in stems()[skill]:
            name = f"{skill}:{stem['id']}"
            if name in ctx.used or (label, name) in ctx.banned or not _ready(stem, facts):
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
        claim = doc.claims[0]
        facts.update(claim_facts(doc, claim))
        said = gist_facts(claim, claim.speaker or facts["author"], facts.get("recipient", ""))
        if said and (claim.speaker or facts["author"]) == facts["author"]:
            facts.update(said)
    return [facts]


def _reading_facts(doc: DocFacts, taken: set[str]) -> list[dict[str, str]]:
    """One fact set per claim not yet quoted, best first: a sentence whose form states the
    author's argument (a recommendation, a judgement, a reason) before a plain report."""
    out = []
    for claim in doc.claims:
        if claim.quote in taken:
            continue
        facts = {**doc.facts, **claim_facts(doc, claim), "_when": claim.kind}
        speaker = claim.speaker or doc.facts["author"]
        # a question about what someone says names the sentence's speaker
        facts["author"] = speaker
        said = gist_facts(claim, speaker, doc.facts.get("recipient", ""))
        if said.get("gist_claim"):
            # the question quotes the claim the reason backs: cite where those words are
            said["gist_where"] = doc.where_of(said["gist_claim"])
            if said["gist_where"] == "the excerpt":
                said = {}  # cut from the excerpt: no reason question on it
        if said:
            facts.update(said, _when=f"{claim.kind} {said['_when']}")
        support = support_for(doc, claim)
        if support:
            facts.update({"support": support.quote, "support_where": doc.where[support.quote]})
        out.append(facts)
    return sorted(out, key=lambda f: "gist " not in f["_when"] + " ")


def _context_facts(doc: DocFacts, ctx: Context, taken: set[str]) -> list[dict[str, str]]:
    facts = dict(doc.facts)
    claims = [c for c in doc.claims if c.quote not in taken] or doc.claims
    if claims:
        facts.update(claim_facts(doc, claims[0]))
    meta = doc.document.source.meta
    if meta.date:
        own = (meta.date.year, meta.date.month or 0, meta.date.day)
        before = [d for d in ctx.dated if d.key <= own]
        latest = max(before, key=lambda d: d.key) if before else None
        related = _related_claim(claims, latest.sentence) if latest else None
        if latest:
            if related:
                # the quote the key ties to the situation must speak of it
                facts.update(claim_facts(doc, related), _when="related")
            else:
                facts["_when"] = "unrelated"
            facts["context_sentence"] = latest.sentence
            facts["context_when"] = when_label(latest)
            facts["context_on"] = when_phrase(latest)
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
                        "event_when": when_label(earliest),
                        "gap": ts.gap_label(months),
                        "gap_fact": f"{when_label(earliest)} to {facts['date']} is "
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


def _related_claim(claims: list[ts.Claim], situation: str) -> ts.Claim | None:
    """The claim that shares the most words of substance with a sentence of context
    ("armistice", "Kaesong"), or None when none shares any: a key must not tie the context
    to a passage about something else."""

    def stems_of(text: str) -> set[str]:
        stop = set(stems()["stopwords"].split())
        return {w.lower()[:6] for w in ts.words(text) if len(w) > 3 and w.lower() not in stop}

    wanted = stems_of(situation)
    scored = [(len(stems_of(c.sentence.text) & wanted), -i, c) for i, c in enumerate(claims)]
    best = max(scored, default=None, key=lambda t: (t[0], t[1]))
    return best[2] if best and best[0] else None


# --- Pairs of documents ---------------------------------------------------------------------


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


def _lesson_people(lesson_docs: list[PreparedDocument]) -> list[str]:
    """Names of people in the lesson's sources (not offices like 'Secretary of State').

    Only the lesson's own: what generation reads must be in the lesson's build fingerprint.
    """
    names: set[str] = set()
    for meta in (d.source.meta for d in lesson_docs):
        for name in (meta.author, meta.recipient):
            if name and re.fullmatch(r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}", name):
                names.add(name)
    return sorted(names)


def _lesson_months(prepared: PreparedLesson) -> list[tuple[int, int]]:
    months = set(ts.month_years(prepared.lesson.background or ""))
    for document in prepared.documents:
        if document.source.meta.date:
            months.add((document.source.meta.date.year, document.source.meta.date.month))
        months |= set(ts.month_years(document.excerpt.visible_text))
    return sorted(months)


def generate_questions(
    prepared: PreparedLesson,
    events: Sequence[Event] | None = None,
    banned: Iterable[tuple[str, str]] = (),
) -> PreparedLesson:
    """The lesson with generated questions added where the teacher's fall short of the counts.

    `banned` names (document label, stem) pairs the review refused: the next stem is used.
    """
    lesson = prepared.lesson
    if lesson.generate.drafted:
        return prepared  # pinned: the lesson file holds everything it prints
    ctx = Context(
        lesson,
        _lesson_people(prepared.documents),
        _lesson_months(prepared),
        ts.dated_sentences(lesson.background or ""),
        sorted(events or []),
        frozenset(banned),
        left=lesson.generate.per_lesson,
    )
    # cross-document questions get their share of the budget before the documents take it all
    reserve = (len(prepared.documents) + 1) // 2 if len(prepared.documents) > 1 else 0
    reserve = min(reserve, ctx.left) if lesson.generate.corroboration else 0
    ctx.left -= reserve
    line_numbers = bool(lesson.line_numbers)
    docs = [document_facts(d, line_numbers) for d in prepared.documents]
    _teacher_groups(prepared, docs, ctx)
    labels = [d.label for d in prepared.documents]
    new_documents = []
    for document, doc in zip(prepared.documents, docs, strict=True):
        added = _document_questions(doc, _spec_index(prepared, document), ctx)
        spec = document.spec.model_copy(update={"questions": [*document.spec.questions, *added]})
        new_documents.append(replace(document, spec=spec))
    ctx.left += reserve
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
    return document.index


def _document_questions(doc: DocFacts, index: int, ctx: Context) -> list[GeneratedQuestion]:
    """Sourcing, contextualization and close-reading questions a document still needs."""
    lesson = ctx.lesson
    own = doc.document.spec.questions
    taken = {q for question in own for q in question.evidence}
    out: list[GeneratedQuestion] = []
    budget = generation_counts(lesson, index).per_document
    for skill in DOCUMENT_SKILLS:
        need = wanted(lesson, index, skill, sum(1 for q in own if q.skill == skill))
        for _ in range(need):
            if len(out) >= budget or ctx.left <= 0:
                return out
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
            ctx.left -= 1
    return out


def _corroboration(
    prepared: PreparedLesson, docs: list[DocFacts], labels: list[str], ctx: Context
) -> list[GeneratedQuestion]:
    """Cross-document questions until every document is cited by as many as its count asks."""
    lesson = prepared.lesson
    if len(docs) < 2:
        return []
    have = {label: 0 for label in labels}
    for asked in lesson.questions:
        if asked.skill == "corroboration":
            for label in _cited(asked, labels):
                have[label] = have.get(label, 0) + 1
    target = {
        d.label: have[d.label]
        + wanted(lesson, _spec_index(prepared, d), "corroboration", have[d.label])
        for d in prepared.documents
    }
    out: list[GeneratedQuestion] = []
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
        if not open_pairs or ctx.left <= 0:
            return out
        a, b = open_pairs[0]
        pairs.remove((a, b))
        question = _pick("corroboration", [pair_facts(a, b)], None, ctx, [a.label, b.label])
        if question is None:
            continue  # no stem fits this pair; another pair may still fit one
        have[a.label] += 1
        have[b.label] += 1
        out.append(question)
        ctx.left -= 1


def default_rubric(documents: int) -> str:
    """The AP rubric where students can earn all of it (four documents or more), else scaled."""
    return "ap-dbq" if documents >= 4 else "document-essay"


def _essay(lesson: Lesson, labels: list[str]) -> GeneratedEssay:
    data = stems()["essay"]
    span = f"{labels[0]}\u2013{labels[-1]}" if len(labels) > 2 else join_and(labels)
    span = f"Documents {span}" if len(labels) > 1 else f"Document {span}"
    facts = {
        "labels": span,
        "compelling_question": lesson.compelling_question or "",
        "count": ["the document", "at least two documents", "at least three documents"][
            min(len(labels), 3) - 1
        ],
    }
    return GeneratedEssay(ask=fill(data["ask"], facts, True), rubric=default_rubric(len(labels)))


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
