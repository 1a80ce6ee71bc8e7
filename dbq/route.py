"""The route of one lesson, the one every command takes: prepare, generate, review.

`Workspace.load` reads what every lesson of a run shares (settings, sources, glossaries, the
workspace timeline) once; `compose_lesson` turns a lesson file into its reviewed packet and
every warning about it. `dbq build` (lessons and units), `dbq check`, `dbq draft`, the
exporters and the bench all call it, so a lesson gets the same warnings whichever command
reaches it.

What fails the review is not printed: a generated question that gives its answer away, cuts a
quote or names a later fact is replaced by the next stem that passes; a generated glossary or
context text that states what came after the document keeps only what the students may see,
and the rest stays in the key. The teacher's own items are printed as written, with a located
warning for each finding.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from dbq.errors import Problem, display_path, silenced
from dbq.generate.context import ContextResult, Prompt, contextualize
from dbq.generate.glossary import make_glossary
from dbq.generate.questions import generate_questions
from dbq.generate.relevance import Names
from dbq.generate.timeline_layout import event_keys, lay_out_picture
from dbq.generate.vocabulary import LessonGlossary
from dbq.packet.assemble import build_packet
from dbq.packet.context import in_context_views
from dbq.packet.items import GENERATED, STUDENTS, TEACHER, InContext, Packet
from dbq.prepare.lessons import PreparedLesson, prepare_lesson
from dbq.render.context import LARGE_TIMELINE
from dbq.render.html import make_environment
from dbq.review.context import context_warnings, timeline_warnings
from dbq.review.date_styles import date_style_warnings
from dbq.review.drift import drift_problems, without_echoes
from dbq.review.glossary import glossary_report
from dbq.review.glyphs import lesson_glyph_warnings, workspace_glyph_warnings
from dbq.review.rules import Finding, later_dates, review
from dbq.text.dates import use_date_style
from dbq.workspace.glossaries import Glossaries, load_glossaries
from dbq.workspace.model import Settings
from dbq.workspace.settings import load_settings
from dbq.workspace.sources import Source, load_sources
from dbq.workspace.timelines import (
    ContextSettings,
    Timeline,
    TimelineEvent,
    context_names,
    context_stems,
    duplicate_ids,
    lesson_timelines,
    workspace_timeline,
)

MAX_ROUNDS = 6


@dataclass
class Workspace:
    """What every lesson of a run shares, read once per run (and once per pool worker)."""

    root: Path
    settings: Settings
    sources: dict[str, Source]
    glossaries: Glossaries
    timeline: Timeline | None  # the workspace's own timeline.yaml
    timeline_problems: list[Problem]  # errors in it stop every lesson that uses timelines
    source_problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)  # about workspace files, not lessons
    _templates: jinja2.Environment | None = field(default=None, repr=False)

    @classmethod
    def load(cls, root: Path, settings: Settings | None = None) -> Workspace:
        """Read the workspace; a broken dbq.yaml raises unless `settings` stand in for it."""
        settings = settings if settings is not None else load_settings(root)
        use_date_style(settings.date_style)  # every date dbq writes, in one style
        sources, source_problems = load_sources(root)
        timeline, timeline_problems = workspace_timeline(root)
        warnings = workspace_glyph_warnings(root, settings)
        if timeline is not None:
            warnings += timeline_warnings(timeline)
        return cls(
            root,
            settings,
            sources,
            load_glossaries(root, settings),
            timeline,
            timeline_problems,
            source_problems,
            warnings,
        )

    def templates(self) -> jinja2.Environment:
        """The run's one Jinja2 environment: each template compiles once per run."""
        if self._templates is None:
            self._templates = make_environment(self.root)
        return self._templates

    @property
    def problems(self) -> list[Problem]:
        """Problems in the workspace's files that a failed lesson is reported with."""
        return self.source_problems + self.glossaries.problems


@dataclass
class Composed:
    """A reviewed packet, and every warning about the lesson."""

    packet: Packet
    prepared: PreparedLesson  # the lesson with the generated questions that were kept
    findings: list[Finding] = field(default_factory=list)  # all, generated ones included
    problems: list[Problem] = field(default_factory=list)
    reading: list[str] = field(default_factory=list)  # reading load lines, for `dbq check`
    # What generation first made, before the review replaced anything (bench/review_corpus.py)
    first_packet: Packet | None = None
    first_findings: list[Finding] = field(default_factory=list)


def route_lesson(path: Path, workspace: Workspace) -> tuple[Composed | None, list[Problem]]:
    """A lesson file's reviewed packet and every problem found on the way.

    None, with the problems, when the lesson cannot be built: errors in it or in the files it
    depends on.
    """
    prepared, problems = prepare_lesson(path, workspace.root, workspace.sources)
    if prepared is None or workspace.glossaries.problems:
        return None, workspace.problems + problems
    return compose_lesson(prepared, workspace)


def compose_lesson(
    prepared: PreparedLesson, workspace: Workspace
) -> tuple[Composed | None, list[Problem]]:
    """A prepared lesson's reviewed packet, and every warning about it."""
    problems = prepared.warnings + lesson_glyph_warnings(prepared, workspace.root)
    shown = display_path(prepared.path, workspace.root)
    problems += date_style_warnings(shown, prepared.text, workspace.settings.date_style)
    context, context_problems = lesson_context(prepared, workspace)
    problems += context_problems
    if context is None:
        return None, problems
    composed = compose(prepared, workspace.settings, workspace.glossaries, context)
    problems += context_warnings(prepared, context)
    problems += composed.problems + drift_problems(composed.prepared, composed.packet)
    glossary = composed.packet.glossary
    if glossary is not None:
        composed.reading, warnings = glossary_report(
            prepared, workspace.settings, workspace.glossaries, glossary
        )
        problems += warnings
    composed.problems = silenced(without_echoes(_unique(problems)), workspace.settings)
    return composed, composed.problems


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def lesson_context(
    prepared: PreparedLesson, workspace: Workspace
) -> tuple[ContextResult | None, list[Problem]]:
    """The lesson's contextualization from the timelines it uses, or the problems in them."""
    settings = prepared.lesson.context or ContextSettings()
    located = prepared.located if settings.events else None
    problems = list(workspace.timeline_problems)
    if located is not None:
        problems += duplicate_ids(list(settings.events), located, ("context", "events"))
    if problems:
        return None, problems
    shown = display_path(prepared.path, workspace.root)
    timelines = lesson_timelines(settings, workspace.timeline, shown, located)
    names = Names.of(context_names())
    lesson = contextualize(prepared, timelines.events(), context_stems(), names)
    return ContextResult(lesson, timelines), []


def compose(
    prepared: PreparedLesson,
    settings: Settings,
    glossaries: Glossaries,
    context: ContextResult | None,
) -> Composed:
    """The lesson's packet with generated items filled in, and the review's findings.

    The contextualization is chosen and laid out once; each round regenerates only the
    questions the review refused.
    """
    banned: set[tuple[str, str]] = set()
    glossary = make_glossary(prepared, settings, glossaries)
    context = _dated_prompts(context)
    views = in_context_views(context, settings.page_size)
    if _drop_unsupported_prompts(context, views.get(STUDENTS)):
        views = in_context_views(context, settings.page_size)
    # one vocabulary-in-context question per lesson: the same stem twice reads as filler
    asked = [d.label for d in glossary.documents if d.question is not None] if glossary else []
    dropped_vocab: set[str] = set(asked[1:])
    failing: list[Finding] = []
    first: tuple[Packet, list[Finding]] | None = None
    for _ in range(MAX_ROUNDS):
        filled = generate_questions(prepared, banned=banned)
        packet = build_packet(
            filled, settings, context, _without_questions(glossary, dropped_vocab), views
        )
        packet.student_glossary = student_glossary(packet)
        findings = review(packet)
        first = first or (packet, findings)
        failing = [f for f in findings if f.origin == GENERATED and f.question]
        if not failing:
            break
        for finding in failing:
            if finding.stem == "vocabulary:in-context":
                dropped_vocab.add(finding.document or "")
            banned.add((finding.document or "", finding.stem))
    else:
        packet = _drop_failing(packet, failing)
        findings = review(packet)
    ignored = set(settings.ignore)
    problems = [
        _problem(prepared, f)
        for f in findings
        if f.origin not in (GENERATED,) and f.code not in ignored and _reportable(f)
    ]
    composed = Composed(packet, filled, findings, problems)
    composed.first_packet, composed.first_findings = first or (packet, findings)
    return composed


def _reportable(finding: Finding) -> bool:
    """Teacher items are reported; built-in data that was moved to the key is not."""
    return finding.origin in (TEACHER, "source") or finding.loc != ()


def _problem(prepared: PreparedLesson, finding: Finding) -> Problem:
    located = prepared.located
    if located is not None:
        loc = finding.loc or ()
        return located.problem(loc, finding.message, severity="warning", code=finding.code)
    return Problem(str(prepared.path), 1, 1, "", finding.message, "warning", finding.code)


def _without_questions(glossary: LessonGlossary | None, labels: set[str]) -> LessonGlossary | None:
    """The glossary with the vocabulary questions of these documents left out."""
    if glossary is None or not labels:
        return glossary
    trimmed = copy.copy(glossary)
    trimmed.documents = [
        dataclasses.replace(d, question=None) if d.label in labels else d
        for d in glossary.documents
    ]
    return trimmed


def _drop_failing(packet: Packet, failing: list[Finding]) -> Packet:
    """Generated questions that still fail after every stem was tried are left out."""
    numbers = {f.question for f in failing}
    for document in packet.documents:
        document.questions = [q for q in document.questions if q.number not in numbers]
    packet.lesson_questions = [q for q in packet.lesson_questions if q.number not in numbers]
    _renumber(packet)
    return packet


def _renumber(packet: Packet) -> None:
    number = 0
    for question in packet.questions:
        number += 1
        question.number = number
    if packet.essay is not None:
        packet.essay.number = number + 1


# --- Text students may see ------------------------------------------------------------------


def student_glossary(packet: Packet) -> LessonGlossary | None:
    """The glossary as students see it: each entry's worksheet wording, key-only entries gone.

    The wording itself (what was known at the document's date) is the glossary generator's
    (dbq/generate/later.py); the review then checks what is left.
    """
    glossary = packet.glossary
    if glossary is None:
        return None
    trimmed = copy.copy(glossary)
    trimmed.documents = []
    for document in glossary.documents:
        entries = [
            dataclasses.replace(entry, definition=entry.worksheet, later=False)
            for entry in document.entries
            if entry.worksheet or not entry.definition
        ]
        trimmed.documents.append(dataclasses.replace(document, entries=entries))
    return trimmed


def _drop_unsupported_prompts(context: ContextResult | None, students: InContext | None) -> bool:
    """Generated prompts that send students to the timeline are kept only where the students'
    timeline can answer them: there is a picture, it shows events before the documents, and
    for "between those dates" it shows one between them. True when a prompt was dropped."""
    if context is None:
        return False
    picture = students.picture if students is not None else None
    shown = _drawn(students)
    days = [day for _, day in picture.documents] if picture else []

    def supported(prompt: Prompt) -> bool:
        text = prompt.text.lower()
        if not prompt.generated or "timeline" not in text:
            return True
        if not shown:
            return False
        if "between those dates" in text and days:
            return any(days[0] < e.date.earliest and e.date.latest < days[-1] for e in shown)
        return True

    lesson = context.lesson
    before = len(lesson.prompts) + sum(len(d.prompts) for d in lesson.documents)
    lesson.prompts = [p for p in lesson.prompts if supported(p)]
    for document in lesson.documents:
        document.prompts = [p for p in document.prompts if supported(p)]
    return len(lesson.prompts) + sum(len(d.prompts) for d in lesson.documents) < before


def _drawn(students: InContext | None) -> list[TimelineEvent]:
    """The events the students' picture draws, in standard print and in large print alike:
    the layout may leave out an event the picture chose when its label finds no room."""
    if students is None or students.picture is None or students.timeline is None:
        return []
    large = lay_out_picture(students.picture, students.width / LARGE_TIMELINE)
    keys = event_keys(students.timeline) & event_keys(large)
    return [event for event, after in students.picture.events if not after and event.id in keys]


def _dated_prompts(context: ContextResult | None) -> ContextResult | None:
    """Generated context prompts that name a later date are kept for the key's notes only."""
    if context is None:
        return None
    for document in context.lesson.documents:
        if document.date is None:
            continue
        document.prompts = [
            p for p in document.prompts if not (p.generated and later_dates(p.text, document.date))
        ]
    return context
