"""Timelines: dated events with citations, from the package, the workspace and the lesson.

The built-in timeline ships as dbq/data/timeline-*.yaml; a workspace may add or override
events by id in timeline.yaml; a lesson may add its own under `context.events`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from dbq.assets import data_file
from dbq.errors import InvalidValue, Problem, display_path
from dbq.text.dates import date_words, short_date
from dbq.text.typography import typeset
from dbq.workspace.fieldtypes import YesNo
from dbq.workspace.files import FileError, read_text
from dbq.workspace.validation import validation_problems
from dbq.workspace.yamlio import Loc, Located, load_yaml

TIMELINE_FILE = "timeline.yaml"
BUILTIN_TIMELINES = ("timeline-korea-cold-war.yaml", "timeline-asia-1945-1953.yaml")
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
MONTHS = tuple(calendar.month_name)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """'day', 'month' or 'year'."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def earliest(self) -> dt.date:
        """The first day this date could mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date could mean."""
        if self.day:
            return self.earliest
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def words(self) -> str:
        """November 14, 1951 (in the packet's date style), November 1951 or 1951."""
        return date_words(self.year, self.month, self.day)

    def short(self) -> str:
        """Nov 14, 1951 (in the packet's date style), Nov 1951 or 1951: for picture labels."""
        return short_date(self.year, self.month, self.day)

    def iso(self) -> str:
        """1951-11-14, 1951-11 or 1951."""
        parts = [f"{self.year:04d}", f"{self.month:02d}" if self.month else "", ""]
        if self.day:
            parts[2] = f"{self.day:02d}"
        return "-".join(p for p in parts if p)

    @classmethod
    def of(cls, value: dt.date) -> PartialDate:
        """The day-precise partial date of a full date."""
        return cls(value.year, value.month, value.day)


def parse_partial_date(value: Any) -> PartialDate:
    """1951-07-10 (a YAML date), "1951-07" or 1951 -> PartialDate; anything else is an error."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate.of(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    match = _DATE.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"write a date as 1951-07-10, 1951-07 or 1951 (found {value!r})")
    year = int(match[1])  # the pattern always has the year
    month, day = (int(g) if g else None for g in (match[2], match[3]))
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise InvalidValue(f"{value!r} is not a real date ({exc})", code="Y003") from None
    return PartialDate(year, month, day)


DateField = Annotated[
    PartialDate,
    PlainValidator(parse_partial_date),
    PlainSerializer(lambda d: d.iso(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "examples": ["1951-07-10", "1951-07", "1951"],
        }
    ),
]


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


StrList = Annotated[list[str], BeforeValidator(_as_list)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class TimelineEvent(_Strict):
    """One dated event on a timeline."""

    id: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="Unique id (lowercase, digits, hyphens); a later timeline with the same id "
        "replaces the event.",
    )
    date: DateField = Field(description="When it happened or began: 1951-07-10, 1951-07 or 1951.")
    end: DateField | None = Field(None, description="When it ended, for events that lasted.")
    label: str = Field(
        min_length=1, max_length=60, description="A few words for the timeline picture."
    )
    clause: str | None = Field(
        None,
        description="The event as a clause that can follow 'four months earlier,' in a prompt: "
        "'armistice talks had opened at Kaesong'.",
    )
    name: str | None = Field(
        None,
        description="For an event that lasted: a noun phrase naming it, for a document written "
        "while it went on ('the Chinese offensive against UN forces in North Korea' had begun "
        "on 25 November 1950 and was still going on).",
    )
    description: str = Field(min_length=1, description="One or two sentences for students.")
    places: StrList = Field(default_factory=list, description="Places involved.")
    people: StrList = Field(default_factory=list, description="People involved.")
    tags: StrList = Field(
        default_factory=list,
        description="Organisations, countries and subjects that tie a passage to the event "
        "(United Nations, embargo, armistice), besides its places and people.",
    )
    citation: str | None = Field(
        None, description="A reputable reference for the date (book, article or web page)."
    )
    url: str | None = Field(None, description="Where the reference can be read (never fetched).")
    major: YesNo = Field(
        False, description="A turning point: preferred when the picture is crowded."
    )

    @model_validator(mode="after")
    def _end_after_start(self) -> TimelineEvent:
        if self.end is not None and self.end.latest < self.date.earliest:
            raise ValueError(f"`end` ({self.end.iso()}) is before `date` ({self.date.iso()})")
        return self


class TimelineFile(_Strict):
    """A timeline file: timeline.yaml in the workspace, or a built-in one."""

    title: str = Field("Workspace timeline", description="What the timeline covers.")
    events: list[TimelineEvent] = Field(default_factory=list, description="The events, any order.")


DRAFTED_PROMPT_HELP = (
    "Written by `dbq draft`: the fingerprint of the prompt it drafted. While the prompt "
    "matches it, the key marks it generated for review; edit it and it is your own."
)


class ContextPrompt(_Strict):
    """A contextualization prompt: plain text, or `{prompt: ..., generated: ...}` when drafted."""

    prompt: str = Field(description="The prompt, printed verbatim in the In context box.")
    generated: bool | str | None = Field(None, description=DRAFTED_PROMPT_HELP)


def _prompt_item(value: object) -> object:
    """A prompt: plain text, `{prompt: ...}`, or text YAML read as a mapping because of its
    colon (`- Look at the date: what happened?`), which can only be meant as text."""
    if isinstance(value, str):
        return {"prompt": value}
    if isinstance(value, dict) and len(value) == 1:
        ((key, text),) = value.items()
        if key not in ContextPrompt.model_fields and isinstance(text, str):
            return {"prompt": f"{key}: {text}"}
    return value


def _prompt_items(value: object) -> object:
    return [value] if isinstance(value, (str, dict)) else value


PromptItem = Annotated[
    ContextPrompt,
    BeforeValidator(_prompt_item, json_schema_input_type=str | ContextPrompt),
]
PromptList = Annotated[list[PromptItem], BeforeValidator(_prompt_items)]


class ContextSettings(_Strict):
    """A lesson's contextualization: its own prompts and events, and what dbq generates."""

    prompts: PromptList = Field(
        default_factory=list,
        description="Contextualization prompts for the whole lesson, printed verbatim; when "
        "given, no lesson-level prompts are generated.",
    )
    generate: YesNo = Field(
        True, description="Generate prompts and teacher notes where the lesson has none."
    )
    timeline: YesNo = Field(True, description="Print the timeline picture on the worksheet.")
    builtin: YesNo = Field(True, description="Use dbq's built-in timeline as well as your own.")
    events: list[TimelineEvent] = Field(
        default_factory=list, description="Events for this lesson only (override by id)."
    )


@dataclass
class Timeline:
    """A loaded timeline: where it came from and its events."""

    name: str
    path: str
    events: list[TimelineEvent]
    located: Located | None = None
    loc: Loc = ("events",)

    def span(self) -> tuple[dt.date, dt.date] | None:
        """First and last day the timeline covers."""
        if not self.events:
            return None
        first = min(e.date.earliest for e in self.events)
        last = max((e.end or e.date).latest for e in self.events)
        return first, last


@dataclass
class Timelines:
    """The timelines a lesson uses, merged by id (later ones win)."""

    used: list[Timeline] = field(default_factory=list)

    def events(self) -> list[TimelineEvent]:
        """All events, later timelines overriding earlier ones by id, sorted by date then id."""
        merged: dict[str, TimelineEvent] = {}
        for timeline in self.used:
            for event in timeline.events:
                merged[event.id] = event
        return sorted(merged.values(), key=lambda e: (e.date.earliest, e.date.latest, e.id))


def parse_timeline(text: str, shown: str) -> tuple[Timeline | None, list[Problem]]:
    """A timeline file's text -> Timeline, or every problem in it, located."""
    located, problems = load_yaml(text, shown)
    if problems:
        return None, problems
    if located.data is None:
        return Timeline("Workspace timeline", shown, [], located), []
    if not isinstance(located.data, dict):
        message = "a timeline is `title:` and a list of `events:`"
        return None, [Problem(shown, 1, 1, "", message, code="T001")]
    try:
        parsed = TimelineFile.model_validate(located.data)
    except ValidationError as exc:
        return None, validation_problems(exc, located, TimelineFile)
    problems = duplicate_ids(parsed.events, located, ("events",))
    if problems:
        return None, problems
    return Timeline(parsed.title, shown, list(parsed.events), located), []


def duplicate_ids(events: list[TimelineEvent], located: Located, loc: Loc) -> list[Problem]:
    """An id used twice in one list is a mistake (overriding happens between files)."""
    seen: dict[str, int] = {}
    problems = []
    for index, event in enumerate(events):
        if event.id in seen:
            problems.append(
                located.problem(
                    (*loc, index, "id"),
                    f"id {event.id!r} is already used by event {seen[event.id] + 1}; "
                    "ids must be unique",
                    code="L005",
                    value=True,
                )
            )
        seen.setdefault(event.id, index)
    return problems


@lru_cache(maxsize=4)
def builtin_timeline(name: str = BUILTIN_TIMELINES[0]) -> Timeline:
    """A timeline shipped with dbq (a bug, not a user error, if it does not load).

    Read without the line numbers a workspace's file keeps for its messages (and with the C
    loader where PyYAML has it): a build should not spend a third of a second on it.
    """
    import yaml

    text = resources.files("dbq").joinpath(f"data/{name}").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        parsed = TimelineFile.model_validate(yaml.load(text, Loader=loader))
    except (yaml.YAMLError, ValidationError) as exc:
        raise RuntimeError(f"built-in timeline dbq/data/{name} is broken: {exc}") from exc
    ids = [e.id for e in parsed.events]
    if len(set(ids)) != len(ids):
        raise RuntimeError(f"built-in timeline dbq/data/{name} uses an id twice")
    return Timeline(parsed.title, f"dbq/data/{name}", [_typeset(e) for e in parsed.events])


def _typeset(event: TimelineEvent) -> TimelineEvent:
    """dbq's own timeline speaks in dbq's typographic voice (a workspace's is kept as written)."""
    texts = {"label": event.label, "clause": event.clause, "name": event.name}
    texts["description"] = event.description
    return event.model_copy(update={k: typeset(v) for k, v in texts.items() if v})


def workspace_timeline(root: Path) -> tuple[Timeline | None, list[Problem]]:
    """The workspace's timeline.yaml, if it has one."""
    path = root / TIMELINE_FILE
    if not path.exists() and not path.is_symlink():
        return None, []
    try:
        text = read_text(path, root)
    except FileError as exc:
        return None, exc.problems
    return parse_timeline(text, display_path(path, root))


def lesson_timelines(
    settings: ContextSettings | None,
    own: Timeline | None,
    lesson_path: str = "",
    located: Located | None = None,
) -> Timelines:
    """The timelines a lesson uses: built-in (unless switched off), the workspace's, its own."""
    settings = settings or ContextSettings()
    timelines = Timelines()
    if settings.builtin:
        for name in BUILTIN_TIMELINES:
            timelines.used.append(builtin_timeline(name))
    if own is not None:
        timelines.used.append(own)
    if settings.events:
        timelines.used.append(
            Timeline(
                "Lesson events", lesson_path, list(settings.events), located, ("context", "events")
            )
        )
    return timelines


@lru_cache(maxsize=1)
def context_stems() -> dict:
    """The wording of generated contextualization prompts (dbq/data/context-stems.yaml)."""
    return data_file("context-stems.yaml")


@lru_cache(maxsize=1)
def context_names() -> dict:
    """The names table that ties passages to events (dbq/data/context-names.yaml)."""
    return data_file("context-names.yaml")
