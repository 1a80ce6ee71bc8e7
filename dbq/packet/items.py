"""The printed packet: one model of everything a worksheet and its answer key print.

Every item knows who sees it (`students`, or the `key` only), which document it belongs to,
and where it came from (the teacher, the source, built-in or workspace data, or generation).
dbq/packet/assemble.py builds it once per lesson; the review (dbq/review/) reads it;
renderers (dbq/render/) only lay it out; `student_copy` is what the worksheet gets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dbq.generate.context import ContextResult
from dbq.generate.timeline_layout import Layout
from dbq.prepare.excerpts import Passage, ResolvedExcerpt
from dbq.prepare.lines import PrintedLine
from dbq.workspace.model import Lesson, RubricRow
from dbq.workspace.yamlio import Loc

if TYPE_CHECKING:
    from dbq.generate.picture import Picture
    from dbq.generate.vocabulary import DocumentGlossary, LessonGlossary
    from dbq.prepare.adapt import Adaptation

TEACHER, SOURCE, GENERATED = "teacher", "source", "generated"
STUDENTS, KEY = "students", "key"  # the two audiences: the worksheet's and the key's
DRAFTED = "drafted"  # written by `dbq draft` into the lesson file and not edited since


@dataclass
class Evidence:
    """An evidence quote and the document, paragraph and lines that print it."""

    quote: str
    label: str = ""  # "" when no cited document prints it
    paragraph: int = 0
    lines: str = ""  # "lines 3–5" when lines are numbered

    @property
    def where(self) -> str:
        if not self.label:
            return ""
        where = f"Document {self.label}"
        where += f", \u00b6{self.paragraph}" if self.paragraph else ""
        return f"{where}, {self.lines}" if self.lines else where


@dataclass
class QuestionView:
    """A numbered question with its key; `student_copy` empties the key fields."""

    number: int
    ask: str
    skill: str | None
    type: str
    points: int
    lines: int
    choices: list[str]
    documents: list[str]
    answer: str | None = None
    correct: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    origin: str = TEACHER
    frame: str | None = None  # sentence frame, printed under the question
    document: str | None = None  # the label of the document it follows; None: lesson level
    loc: Loc = ()  # where the teacher wrote it in the lesson file
    reveals: list[str] = field(default_factory=list)  # facts that answer it (key only)
    stem: str = ""  # the generated stem's id
    support_frame: str | None = None  # the frame the supported tier prints (dbq/render)

    @property
    def generated(self) -> bool:
        return self.origin in (GENERATED, DRAFTED)


@dataclass
class DocumentView:
    label: str
    title: str | None
    intro: str | None
    source_line: str
    passages: list[Passage]
    has_glosses: bool
    has_cuts: bool
    questions: list[QuestionView]
    date: dt.date | None = None
    excerpt: ResolvedExcerpt | None = None
    lines: list[PrintedLine] = field(default_factory=list)  # set when lines are numbered
    glossary: DocumentGlossary | None = None
    adaptation: Adaptation | None = None  # the lesson's adapted wording (dbq/prepare/adapt.py)
    original: list[Passage] = field(default_factory=list)  # printed after an adaptation


@dataclass
class EssayView:
    number: int
    ask: str
    lines: int
    rubric_title: str
    rubric: list[RubricRow]
    points: int
    origin: str = TEACHER
    rubric_name: str = ""  # a built-in rubric's name ("ap-dbq"); "" for the lesson's own rows

    @property
    def generated(self) -> bool:
        return self.origin in (GENERATED, DRAFTED)


@dataclass
class Header:
    """What every copy prints before the documents, as the teacher wrote it, and the
    directions: the lesson's own `instructions`, or dbq's for each way of numbering."""

    title: str
    course: str | None
    grades: str | None
    compelling_question: str | None  # Markdown, inline
    background: str | None  # Markdown
    instructions: str | None  # Markdown: the teacher's own directions
    tiers: list[str]
    directions: str  # dbq's directions for the printed copy (margin or line numbers)
    inline_directions: str  # for copies that print numbers before paragraphs (Word, LMS)


@dataclass
class ContextPromptItem:
    """An In context prompt: the teacher's own or generated."""

    text: str
    origin: str = TEACHER

    @property
    def generated(self) -> bool:
        return self.origin == GENERATED


@dataclass
class ContextBox:
    """A document's In context box, and (in the key) the notes on what came after it."""

    date: str  # "14 November 1951"
    prompts: list[ContextPromptItem]
    notes_intro: str = ""
    notes: list[dict[str, str]] = field(default_factory=list)  # {"when", "text"}, key only


@dataclass
class InContext:
    """What one audience's copy prints of the contextualization: the timeline picture laid
    out (label lines and boxes, the events after the documents only in the key), the
    lesson's prompts and each document's In context box."""

    audience: str
    timeline: Layout | None
    cutoff: dt.date | None  # the key shades what came after the documents
    prompts: list[ContextPromptItem]
    documents: dict[str, ContextBox]
    # The picture before layout and the width it was laid out for: large print lays it out
    # again, narrower, so that its labels print larger when it fills the page's width.
    picture: Picture | None = None
    width: float = 504.0

    @property
    def timeline_labels(self) -> list[str]:
        """The words the timeline picture prints, label by label."""
        return self.timeline.texts() if self.timeline is not None else []


@dataclass
class Packet:
    """Everything the worksheet and the key print for one lesson."""

    lesson_id: str
    lesson: Lesson  # the spec, for the route and `dbq draft`; renderers and the review read items
    page_size: str
    documents: list[DocumentView]
    lesson_questions: list[QuestionView]
    essay: EssayView | None
    glossary: LessonGlossary | None
    context: ContextResult | None
    for_key: bool = True
    student_glossary: LessonGlossary | None = None  # the glossary less what students may not see
    tier: str = "standard"  # which worksheet this copy is (dbq/render/variants.py)
    large: bool = False  # large print
    word_bank: list[str] = field(default_factory=list)
    tier_notes: list[str] = field(default_factory=list)  # the key: how the tiers differ
    views: dict[str, InContext] = field(default_factory=dict)  # by audience (in_context_views)
    header: Header | None = None  # set by build_packet
    vocabulary: list[Any] = field(default_factory=list)  # the lesson's own `vocabulary:`
    line_numbers: bool = False
    scaffolds: bool = False  # sentence frames in the worksheet too
    lms_feedback: bool = False  # the QTI package carries the key as feedback (dbq.yaml)
    fillable: bool = False  # the worksheets' answer spaces are PDF form fields (dbq.yaml)

    @property
    def questions(self) -> list[QuestionView]:
        """Every question in printed order."""
        return [q for d in self.documents for q in d.questions] + self.lesson_questions

    @property
    def total_points(self) -> int:
        return sum(q.points for q in self.questions) + (self.essay.points if self.essay else 0)

    def document(self, label: str | None) -> DocumentView | None:
        return next((d for d in self.documents if d.label == label), None)
