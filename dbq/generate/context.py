"""Contextualization: place each document among the events before and after its date.

Pure functions, no file I/O: the lesson, its events and the prompt wording come in, prompts,
teacher notes and the events for the timeline picture go out. A teacher's own prompts are kept
verbatim; generated ones only fill the gaps and are always marked as generated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dbq.generate.facts import agree
from dbq.generate.intervals import interval_words
from dbq.generate.relevance import Names, relevance
from dbq.prepare.lessons import PreparedDocument, PreparedLesson
from dbq.prepare.sourceline import with_article
from dbq.workspace.model import SourceMeta, is_drafted
from dbq.workspace.timelines import (
    ContextPrompt,
    ContextSettings,
    PartialDate,
    TimelineEvent,
    Timelines,
)

LOOKBACK_DAYS = 5 * 365  # older events are not "the situation" a document was written in
RECENCY_DAYS = 120  # an event this old counts half as much as one of the same week
KEEP_RATIO = 0.4  # a further event is named only if it is at least this relevant as the first
MAJOR_LOOKAHEAD_DAYS = 2 * 365  # outcomes within two years go into the teacher's note
SENT = {"telegram", "letter", "cable", "memorandum", "note", "dispatch", "message", "report"}
GIVEN = {"speech", "address", "broadcast", "radio address", "lecture"}


@dataclass(frozen=True)
class Prompt:
    """A contextualization prompt; `generated` is shown in the key."""

    text: str
    generated: bool


@dataclass(frozen=True)
class Placed:
    """An event seen from a document's date: how long before or after, in words."""

    event: TimelineEvent
    interval: str  # "four months", "" for the same day (from the event's start)
    relation: str  # "before", "same", "after"
    ongoing: bool = False
    ended: str = ""  # for an event that lasted and was over by the day: how long before

    def sentence(self) -> str:
        """'Four months earlier, armistice talks had opened at Kaesong.'

        An event still going on is told as it stood that day: 'A massive Chinese offensive
        against UN forces in North Korea had begun on 25 November 1950, two weeks earlier,
        and was still going on.' Nothing about how, or when, it ended.
        """
        if self.ongoing:
            name = self.event.name or f"the {_lower_first(self.event.label)}"
            on = "on" if self.event.date.precision == "day" else "in"
            when = f"{on} {self.event.date.words()}"
            if self.interval and self.relation != "same":
                when += f", {self.interval} earlier,"
            return f"{_upper_first(name)} had begun {when} and was still going on."
        clause = self.event.clause or _lower_first(self.event.label)
        if self.event.end and self.relation == "before":
            # Over by then: its real start and end, and how long before the document it ended
            # ("six weeks earlier" from its start would misplace an offensive of a month).
            ended = f"{self.ended} earlier" if self.ended else "that same day"
            return f"From {span_words(self.event.date, self.event.end)}, ending {ended}, {clause}."
        when = "On the same day" if self.relation == "same" else f"{self.interval} earlier"
        return f"{_upper_first(when)}, {clause}."

    def when_later(self) -> str:
        """'November 27, 1951 (two weeks later)'; for an event that lasted, its start and end."""
        if self.event.end:
            return f"{span_words(self.event.date, self.event.end)} (starting {self.interval} later)"
        return f"{self.event.date.words()} ({self.interval} later)"

    def note(self) -> str:
        """'November 27, 1951 (two weeks later): The negotiators agree ...' for the key."""
        return f"{self.when_later()}: {self.event.description}"


def span_words(start: PartialDate, end: PartialDate) -> str:
    """'November 25 to December 24, 1950', 'June 1948 to May 1949' (the packet's date style)."""
    first, last = start.words(), end.words()
    if start.year == end.year and first != str(start.year):
        first = first.removesuffix(f", {start.year}").removesuffix(f" {start.year}")
    return f"{first} to {last}"


@dataclass
class DocumentContext:
    """Everything contextual about one document: its date, chosen events, prompts, notes."""

    label: str
    date: dt.date | None
    source_id: str = ""
    before: list[Placed] = field(default_factory=list)
    after: list[Placed] = field(default_factory=list)
    prompts: list[Prompt] = field(default_factory=list)
    notes_intro: str = ""
    notes: list[str] = field(default_factory=list)  # key only: what the author could not know


@dataclass
class LessonContext:
    """The lesson's contextualization: per-document contexts, lesson prompts, picture events."""

    documents: list[DocumentContext]
    prompts: list[Prompt]
    events: list[TimelineEvent]
    picture: bool = True
    own: list[TimelineEvent] = field(default_factory=list)  # the lesson's `context: events:`
    # The ids of the events some document's passage or source is about, at any date: what the
    # picture fills its empty stretches with (issue 21: not Tibet on a Korea lesson's line).
    related: set[str] = field(default_factory=set)

    def for_label(self, label: str) -> DocumentContext | None:
        """The context of Document `label`."""
        return next((d for d in self.documents if d.label == label), None)


# ---- choosing events ------------------------------------------------------------------------


@dataclass
class ContextResult:
    """A lesson's contextualization and the timelines it drew on."""

    lesson: LessonContext
    timelines: Timelines


def relation(event: TimelineEvent, day: dt.date) -> str:
    """'before', 'same', 'after', or 'unclear' (a month- or year-dated event around the day)."""
    if event.date.latest < day:
        return "before"
    if event.date.earliest > day:
        return "after"
    if event.date.precision == "day":
        return "same"
    return "unclear"


def place(event: TimelineEvent, day: dt.date) -> Placed:
    """The event seen from a document dated `day`."""
    where = relation(event, day)
    doc = PartialDate.of(day)
    if where == "after":
        return Placed(event, interval_words(doc, event.date), where)
    ongoing = bool(event.end and event.end.earliest > day)
    ended = ""
    if event.end and not ongoing and event.end.latest < day:
        ended = interval_words(event.end, doc)
    return Placed(event, interval_words(event.date, doc), where, ongoing, ended)


def _recent_first(placed: list[Placed]) -> list[Placed]:
    return sorted(placed, key=lambda p: (p.event.date.latest, p.event.id), reverse=True)


def _age(placed: Placed, day: dt.date) -> int:
    """Days from the event (its end, if it had ended) to the day; 0 while it goes on."""
    if placed.ongoing:
        return 0
    return max((day - (placed.event.end or placed.event.date).latest).days, 0)


def choose_before(
    events: list[TimelineEvent],
    day: dt.date,
    text: str,
    whole: str = "",
    names: Names | None = None,
    own: str = "",
) -> list[Placed]:
    """Up to three events before the day that the passage is about, the most telling first.

    An event counts when it shares people, places, organisations or subjects with the excerpt
    (or, weighing less, with the rest of the source), discounted by its age. An event the
    passage has nothing to do with is never chosen, however recent.
    """
    names = names or Names()
    earlier = {e.id for e in events if relation(e, day) in ("before", "same")}
    scores = relevance(events, text, whole, names, earlier, own)
    ranked = []
    for event in events:
        if event.id not in scores:
            continue
        placed = place(event, day)
        age = _age(placed, day)
        if age <= LOOKBACK_DAYS:
            value = scores[event.id] / (1 + age / RECENCY_DAYS)
            ranked.append((-value, -event.date.latest.toordinal(), event.id, placed))
    if not ranked:
        return []
    ranked.sort(key=lambda r: r[:3])
    top = -ranked[0][0]
    chosen = [r[3] for r in ranked if -r[0] >= top * KEEP_RATIO][:3]
    return _recent_first(chosen)


def choose_after(
    events: list[TimelineEvent],
    day: dt.date,
    text: str = "",
    whole: str = "",
    names: Names | None = None,
    own: str = "",
) -> list[Placed]:
    """What came next: the next two events, the next the passage is about, and up to three
    turning points, all within two years but the next two; in date order."""
    later = sorted(
        (place(e, day) for e in events if relation(e, day) == "after"),
        key=lambda p: (p.event.date.earliest, p.event.id),
    )
    soon = [p for p in later if (p.event.date.earliest - day).days <= MAJOR_LOOKAHEAD_DAYS]
    chosen = later[:2]
    if text or whole:
        scores = relevance(events, text, whole, names or Names(), {p.event.id for p in soon}, own)
        related = [p for p in soon if p.event.id in scores and p not in chosen]
        if related:  # the most telling of them; the earlier on a tie
            chosen.append(max(related, key=lambda p: (scores[p.event.id], -later.index(p))))
    majors = [p for p in soon[2:] if p.event.major and p not in chosen]
    chosen += majors[:3]
    return sorted(chosen, key=lambda p: (p.event.date.earliest, p.event.id))


# ---- prompts --------------------------------------------------------------------------------


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _author(meta: SourceMeta, label: str) -> str:
    """Who wrote it, as the questions name them: the author, else the office it speaks for."""
    if meta.author:
        return meta.author
    return with_article(meta.author_role) if meta.author_role else f"the author of Document {label}"


def _stem(stems: dict, name: str, words: dict[str, str], index: int | None = None) -> str:
    """A prompt stem filled in, its verbs agreeing with the author."""
    template = stems[name] if index is None else stems[name][index % len(stems[name])]
    return agree(template, words.get("author", "")).format(**words)


def _doc_words(document: PreparedDocument) -> dict[str, str]:
    """The fields prompt stems use: kind of document, verb, date, author, recipient."""
    meta = document.source.meta
    kind = (meta.type or "document").lower()
    verb = "sent" if kind in SENT else "given" if kind in GIVEN else "written"
    date = PartialDate.of(meta.date).words() if meta.date else ""
    recipient = meta.recipient or meta.recipient_as
    return {
        "label": document.label,
        "kind": kind,
        "verb": verb,
        "date": date,
        "author": _author(meta, document.label),
        "to": f" to {with_article(recipient)}" if recipient else "",
    }


def document_text(document: PreparedDocument) -> str:
    """What a document says: the excerpt, its title and intro."""
    # Not the author or the place: they would tie every document to its author's own acts.
    parts = [document.excerpt.visible_text, document.spec.title or "", document.spec.intro or ""]
    return "\n".join(parts)


def own_names(meta: SourceMeta) -> str:
    """Who wrote, signed and received the document: never what it is about."""
    return "\n".join(x for x in (meta.author, meta.signature, meta.recipient) if x)


def source_text(document: PreparedDocument) -> str:
    """The whole source the excerpt comes from, with its title and summary."""
    meta = document.source.meta
    return "\n".join([meta.title or "", meta.summary or "", document.source.text])


def document_context(
    document: PreparedDocument,
    index: int,
    events: list[TimelineEvent],
    stems: dict,
    earlier: list[DocumentContext],
    *,
    generate: bool = True,
    notes: bool | None = None,
    names: Names | None = None,
) -> DocumentContext:
    """One document's events, prompts (the teacher's, else generated) and teacher notes.

    `notes` (by default as `generate`): the key's notes on what came after the document.
    """
    meta = document.source.meta
    context = DocumentContext(document.label, meta.date, document.source.id)
    own = own_prompts(document.spec.context)
    if meta.date is not None:
        text, whole, mine = document_text(document), source_text(document), own_names(meta)
        context.before = choose_before(events, meta.date, text, whole, names, mine)
        context.after = choose_after(events, meta.date, text, whole, names, mine)
    context.prompts = own
    if generate and not own:
        context.prompts = _generated_prompts(document, index, context, stems, earlier)
    if (generate if notes is None else notes) and context.after:
        twin = _same_source(document, earlier)
        words = _doc_words(document)
        if twin is None:
            context.notes_intro = _stem(stems, "not_yet_known", words)
            context.notes = [p.note() for p in context.after]
        else:
            twin_words = {"first_label": twin.label, **words}
            context.notes_intro = _stem(stems, "not_yet_known_twin", twin_words)
    return context


def own_prompts(items: list[ContextPrompt]) -> list[Prompt]:
    """The lesson's own prompts; one `dbq draft` wrote and nobody edited is marked generated."""
    return [Prompt(item.prompt, is_drafted(item)) for item in items]


def _generated_prompts(
    document: PreparedDocument,
    index: int,
    context: DocumentContext,
    stems: dict,
    earlier: list[DocumentContext],
) -> list[Prompt]:
    words = _doc_words(document)
    if context.date is None:
        return [Prompt(_squash(_stem(stems, "undated", words)), True)]
    if not context.before:
        return [Prompt(_squash(_stem(stems, "no_events", words)), True)]
    twin = _same_source(document, earlier)
    shaping = _stem(stems, "shaping", words, index)
    if twin is None:
        events = " ".join(p.sentence() for p in context.before)
        first = _stem(stems, "situation", {"events": events, **words})
    else:
        used = {p.event.id for p in twin.before}
        # Say something new if the passage names other events; else recall the latest one.
        fresh = [p for p in context.before if p.event.id not in used] or context.before[:1]
        first = stems["same_source"].format(
            first_label=twin.label, events=" ".join(p.sentence() for p in fresh), **words
        )
    return [Prompt(_squash(first), True), Prompt(_squash(shaping), True)]


def _same_source(
    document: PreparedDocument, earlier: list[DocumentContext]
) -> DocumentContext | None:
    """An earlier document from the same source (so the prompt need not repeat itself)."""
    for other in earlier:
        if other.source_id == document.source.id:
            return other
    return None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _labels(labels: list[str]) -> str:
    """['A', 'B', 'C'] -> 'A, B and C'."""
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def lesson_prompts(
    prepared: PreparedLesson, stems: dict, events: list[TimelineEvent] | None = None
) -> list[Prompt]:
    """One generated prompt for the whole lesson: across the span of dates, or at one moment.

    Across a span, it asks about the events in between only when the timeline has some.
    """
    dated = [d for d in prepared.documents if d.source.meta.date]
    days = sorted({d.source.meta.date for d in dated if d.source.meta.date})
    if not days or (events is not None and not any(e.date.earliest <= days[-1] for e in events)):
        return []  # nothing to place them in: the prompts would send students to no timeline
    if len(days) > 1:
        first, last = PartialDate.of(days[0]), PartialDate.of(days[-1])
        interval = interval_words(first, last)
        between = any(days[0] < e.date.earliest and e.date.latest < days[-1] for e in events or [])
        authors = {_author(d.source.meta, d.label) for d in dated}
        text = stems["lesson_span" if between else "lesson_span_quiet"].format(
            labels=_labels([d.label for d in dated]),
            span=f"{interval} apart" if len(dated) == 2 else f"over a period of {interval}",
            whom=authors.pop() if len(authors) == 1 else "their authors",
            first=first.words(),
            last=last.words(),
        )
        return [Prompt(_squash(text), True)]
    words = _doc_words(dated[0])
    sources = {d.source.id for d in dated}
    together = "both" if len(dated) == 2 else "all"
    if len(dated) == 1:
        subject = f"Document {dated[0].label} was"
    elif len(sources) == 1:
        labels = _labels([d.label for d in dated])
        subject = f"Documents {labels} {together} come from one {words['kind']}"
    else:
        subject = f"Documents {_labels([d.label for d in dated])} were {together}"
    words.pop("label")
    text = _stem(stems, "lesson_single", {"subject": subject, **words})
    return [Prompt(_squash(text), True)]


# ---- the whole lesson -----------------------------------------------------------------------


def contextualize(
    prepared: PreparedLesson,
    events: list[TimelineEvent],
    stems: dict,
    names: Names | None = None,
) -> LessonContext:
    """Prompts, teacher notes and picture events for a lesson, from its documents' dates."""
    settings: ContextSettings = prepared.lesson.context or ContextSettings()
    # Pinned generation (`generate: drafted`) prints only the prompts the lesson file holds.
    generate = settings.generate and not prepared.lesson.generate.drafted
    contexts: list[DocumentContext] = []
    for index, document in enumerate(prepared.documents):
        context = document_context(
            document,
            index,
            events,
            stems,
            contexts,
            generate=generate,
            notes=settings.generate,
            names=names,
        )
        contexts.append(context)
    prompts = own_prompts(settings.prompts)
    if generate and not prompts:
        prompts = lesson_prompts(prepared, stems, events)
    own = [e for e in events if e.id in {o.id for o in settings.events}]
    related = {
        event_id
        for document in prepared.documents
        for event_id in relevance(
            events,
            document_text(document),
            source_text(document),
            names or Names(),
            own=own_names(document.source.meta),
        )
    }
    return LessonContext(contexts, prompts, list(events), settings.timeline, own, related)
