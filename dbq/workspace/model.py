"""The lesson, source and workspace-settings formats, as pydantic models.

Every field has a description: they become the published JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Annotated, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from dbq.errors import InvalidValue
from dbq.workspace.fieldtypes import NotASwitch, Whole, YesNo
from dbq.workspace.timelines import ContextSettings, PromptList

Skill = Literal["sourcing", "contextualization", "corroboration", "close_reading"]
SKILLS: tuple[str, ...] = ("sourcing", "contextualization", "corroboration", "close_reading")

# How each skill is printed beside a question.
SKILL_NAMES = {
    "sourcing": "Sourcing",
    "contextualization": "Contextualization",
    "corroboration": "Corroboration",
    "close_reading": "Close reading",
}
Tier = Literal["standard", "supported"]
Format = Literal["docx", "qti", "large", "html"]
QuestionType = Literal["short_answer", "multiple_choice", "essay", "quote_evidence"]


def _as_list(value: object) -> object:
    """Let a single string stand for a one-item list."""
    return [value] if isinstance(value, str) else value


def _as_text(value: object) -> object:
    """Numbers and dates written bare in YAML (9-12, 1951) are meant as text."""
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return str(value)
    return value


DRAFTED_HELP = (
    "Written by `dbq draft`: the fingerprint of the text it drafted (or true). While the item "
    "matches it, the key marks it generated for review; edit the item and it is your own."
)

# Keys dbq adds to its own items in memory only; they are not part of the drafted text.
DRAFT_INTERNAL = {"generated", "stem", "reveals"}


def draft_hash(item: BaseModel) -> str:
    """A fingerprint of an item's text: what `generated:` records and an edit changes."""
    content = item.model_dump(
        mode="json", exclude=DRAFT_INTERNAL, exclude_none=True, exclude_defaults=True
    )
    blob = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:10]


def is_drafted(item: BaseModel) -> bool:
    """An item `dbq draft` wrote and nobody has edited since."""
    mark = getattr(item, "generated", None)
    return mark is True or (isinstance(mark, str) and mark == draft_hash(item))


def was_drafted(item: BaseModel) -> bool:
    """An item `dbq draft` wrote, edited since or not."""
    return getattr(item, "generated", None) not in (None, False)


StrList = Annotated[list[str], BeforeValidator(_as_list)]
Text = Annotated[str, BeforeValidator(_as_text)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Question(Strict):
    """A question students answer; the answer fields go only into the answer key."""

    origin: ClassVar[str] = "teacher"  # who wrote it: "generated" for dbq's own (not a key)

    ask: str = Field(description="The question as printed for students (Markdown).", min_length=1)
    skill: Skill | None = Field(
        None,
        description="Historical-thinking skill: sourcing, contextualization, "
        "corroboration or close_reading.",
    )
    type: QuestionType = Field(
        "short_answer",
        description="short_answer, multiple_choice, essay, or quote_evidence "
        "(copy the words that show it).",
    )
    answer: str | None = Field(None, description="Model answer, printed only in the answer key.")
    evidence: StrList = Field(
        default_factory=list,
        description="Quotes that support the answer; each must appear in the cited text.",
    )
    points: int = Field(1, ge=0, le=100, description="Credit value, printed as [2].")
    lines: int | None = Field(
        None, ge=0, le=40, description="Ruled answer lines; default depends on points and type."
    )
    choices: list[Text] | None = Field(None, description="Options of a multiple-choice question.")
    correct: Text | None = Field(
        None, description="The right choice of a multiple-choice question: its letter (B) or text."
    )
    documents: StrList | None = Field(
        None, description="Lesson-level questions: the labels of the documents it draws on (A, B)."
    )
    frame: str | None = Field(
        None,
        description="Sentence frame printed under the question (with `scaffolds: true`).",
    )
    generated: bool | str | None = Field(None, description=DRAFTED_HELP)

    @model_validator(mode="after")
    def _check_choices(self) -> Question:
        if self.type == "multiple_choice":
            if not self.choices or len(self.choices) < 2:
                raise ValueError("a multiple_choice question needs at least two `choices`")
            if self.correct is None:
                raise ValueError(
                    "a multiple_choice question needs `correct` (a letter or a choice)"
                )
            if self.correct_index() is None:
                raise ValueError(
                    f"`correct` is {self.correct!r}, which is neither a letter "
                    f"A-{chr(64 + len(self.choices))} nor one of the choices"
                )
        elif self.choices is not None:
            raise ValueError("`choices` only make sense with type: multiple_choice")
        return self

    def correct_index(self) -> int | None:
        """Index of the correct choice, from a letter or the choice's own text."""
        if not self.choices or self.correct is None:
            return None
        answer = self.correct.strip()
        if len(answer) == 1 and answer.isalpha():
            index = ord(answer.upper()) - 65
            return index if 0 <= index < len(self.choices) else None
        for index, choice in enumerate(self.choices):
            if choice.strip() == answer:
                return index
        return None


class Excerpt(Strict):
    """Which part of a source a document quotes, and the editor's marks on it."""

    paragraphs: Annotated[Text | Whole | list[Whole] | None, NotASwitch] = Field(
        None, description='Paragraph numbers: 7, "7-8", "3, 5-6" or [3, 5].'
    )
    numbered: Annotated[Text | Whole | None, NotASwitch] = Field(
        None,
        description='The document\'s own paragraph numbers, as it prints them: 2, or "2-4" '
        "(from the paragraph it numbers 2. through the one it numbers 4.).",
    )
    from_: str | None = Field(
        None, alias="from", description="Start of a span: a phrase in the source."
    )
    to: str | None = Field(None, description="End of a span: a phrase after `from` (inclusive).")
    quote: StrList | None = Field(None, description="Exact quotes from the source.")
    cut: StrList = Field(
        default_factory=list, description='Phrases left out, printed as "[. . .]".'
    )
    gloss: dict[str, str] = Field(
        default_factory=dict,
        description="Editorial explanations: phrase -> gloss printed in brackets after it.",
    )
    adapted: YesNo = Field(
        False, description='Wording was changed: the source line says "(adapted)".'
    )
    note_markers: YesNo = Field(
        False,
        description="Print the editors' footnote markers ([1]) that the source's `notes` "
        "explain; they are left out by default.",
    )

    @model_validator(mode="after")
    def _one_selector(self) -> Excerpt:
        chosen = [
            name
            for name, value in (
                ("paragraphs", self.paragraphs),
                ("numbered", self.numbered),
                ("from", self.from_ or self.to),
                ("quote", self.quote),
            )
            if value
        ]
        if not chosen:
            raise ValueError("say what to quote: `paragraphs`, `numbered`, `from`/`to`, or `quote`")
        if len(chosen) > 1:
            raise ValueError(f"use only one of {', '.join(chosen)}")
        if (self.from_ is None) != (self.to is None):
            raise ValueError("a span needs both `from` and `to`")
        return self


class Generate(Strict):
    """How many questions of each skill `dbq` makes up when the teacher's own fall short."""

    sourcing: int = Field(1, ge=0, le=10, description="Sourcing questions per document.")
    close_reading: int = Field(1, ge=0, le=10, description="Close-reading questions per document.")
    contextualization: int = Field(
        1, ge=0, le=10, description="Contextualization questions per document."
    )
    corroboration: int = Field(
        1,
        ge=0,
        le=10,
        description="Cross-document (corroboration) questions citing each document; lesson level.",
    )
    essay: YesNo = Field(
        True, description="Write an essay prompt from the compelling question when there is none."
    )
    per_document: int = Field(
        3, ge=0, le=20, description="At most this many generated questions after each document."
    )
    per_lesson: int = Field(
        10,
        ge=0,
        le=60,
        description="At most this many generated questions in the whole lesson (the essay aside).",
    )
    drafted: YesNo = Field(
        False,
        description="Generation is pinned (`generate: drafted`): builds print only what the "
        "lesson file holds; `dbq draft` writes what dbq would generate into it.",
    )

    @property
    def off(self) -> bool:
        """`generate: false`: no question of any skill is made up."""
        counts = (self.sourcing, self.close_reading, self.contextualization, self.corroboration)
        return not any(counts) and not self.essay


def _generate_switch(value: object) -> object:
    """`generate: false` turns every count off; `generate: true` keeps the defaults."""
    if value is False:
        return {
            "sourcing": 0,
            "close_reading": 0,
            "contextualization": 0,
            "corroboration": 0,
            "essay": False,
        }
    if value is True or value is None:
        return {}
    if value == "drafted":
        return {"drafted": True}
    if not isinstance(value, dict):
        raise ValueError(
            "write `false` to turn generated questions off, `drafted` to print only what "
            "the file holds, or counts per skill like {sourcing: 2, close_reading: 1}"
        )
    return value


GenerateSpec = Annotated[
    Generate,
    BeforeValidator(_generate_switch, json_schema_input_type=Generate | bool | Literal["drafted"]),
]


class Document(Strict):
    """One cited excerpt of a source, printed as Document A, B, C..."""

    source: str = Field(description="Id of a source in sources/ (the file name without .md).")
    excerpt: Excerpt = Field(description="What part of the source to print.")
    title: str | None = Field(None, description="Optional heading after the label.")
    intro: str | None = Field(None, description="Optional head note printed above the excerpt.")
    questions: list[Question] = Field(
        default_factory=list, description="Questions on this document."
    )
    generate: GenerateSpec | None = Field(
        None,
        description="Generated questions for this document: false, or counts per skill "
        "(overrides the lesson's `generate`).",
    )
    context: PromptList = Field(
        default_factory=list,
        description="Your contextualization prompts for this document, printed verbatim; "
        "when given, none are generated for it.",
    )
    adapted: str | dict[int, str] | None = Field(
        None,
        description="Adapted wording for struggling readers: the whole text, one paragraph per "
        "printed paragraph (separated by blank lines), or {paragraph number: new wording}. "
        "Printed in the supported tier, or in the worksheet when there are no `tiers`.",
    )
    show_original: Literal["after", "no"] = Field(
        "no", description="Print the original excerpt after the adapted one: after, or no."
    )


class VocabEntry(Strict):
    """A glossary entry."""

    term: Text = Field(description="The word or phrase.")
    definition: str | None = Field(None, description="A definition written for students.")
    generated: bool | str | None = Field(None, description=DRAFTED_HELP)


def _vocab_item(value: object) -> object:
    if isinstance(value, str):
        return {"term": value}
    if isinstance(value, dict) and len(value) == 1 and "term" not in value:
        ((term, definition),) = value.items()
        return {"term": str(term), "definition": definition}
    return value


VocabItem = Annotated[VocabEntry, BeforeValidator(_vocab_item)]


class GlossaryTerm(Strict):
    """An entry of a glossary file: the workspace's glossary.yaml or dbq's built-in one."""

    term: Text = Field(description="The word, phrase or name as it is printed in the glossary.")
    definition: str = Field(
        min_length=1, description="A definition written for students, in the period's sense."
    )
    forms: StrList = Field(
        default_factory=list,
        description="Other spellings or names it goes by (Kim Il-sung); inflections match anyway.",
    )
    kind: Literal["term", "person", "place", "organization", "code name"] = Field(
        "term", description="term, person, place, organization or code name."
    )
    undated: str | None = Field(
        None,
        min_length=1,
        description="The definition without the events after the document, printed in the "
        "worksheet of a document dated before a year or date that `definition` states.",
    )
    source: str | None = Field(
        None,
        min_length=1,
        description="Where the definition can be checked: the published reference or the "
        "document (and page or paragraph) that spells the term out.",
    )


class GlossaryFile(Strict):
    """A glossary file: `terms:` followed by a list of entries."""

    terms: list[GlossaryTerm] = Field(description="The entries, in any order.")


class GlossaryOptions(Strict):
    """How the vocabulary glossary is made; set in dbq.yaml, and per lesson to override."""

    generate: YesNo = Field(
        True, description="Find hard words and names in the excerpts; false: only `vocabulary`."
    )
    placement: Literal["document", "lesson"] = Field(
        "document", description="A glossary box after each document, or one for the lesson."
    )
    max_terms: int = Field(
        8,
        ge=0,
        le=40,
        description="Most terms glossed per document of up to max_words words (as many more "
        "for each further max_words); the hardest are chosen.",
    )
    rare_below: float | None = Field(
        None,
        ge=0,
        le=8,
        description="Words with a Zipf frequency under this count as rare; "
        "default by grade band: 4.0 (K-5), 3.7 (6-8), 3.4 (9-12), 3.0 (college).",
    )
    questions: YesNo = Field(
        True, description="Add a vocabulary-in-context multiple-choice question per document."
    )
    max_words: int = Field(
        300, ge=1, description="Warn when an excerpt is longer than this many words."
    )
    wordnet: YesNo = Field(
        True, description="Define remaining words from WordNet 3.0 (a subset ships with dbq)."
    )


class RubricRow(Strict):
    """One criterion of an essay rubric."""

    criterion: str = Field(description="What is scored.")
    points: int = Field(ge=0, le=100, description="Most points for this criterion.")
    description: str = Field("", description="What earns the points.")


class Essay(Strict):
    """The closing essay (the DBQ prompt proper)."""

    origin: ClassVar[str] = "teacher"  # who wrote it: "generated" for dbq's own (not a key)

    ask: str = Field(description="The essay prompt (Markdown).")
    rubric: Literal["ap-dbq", "document-essay"] | list[RubricRow] | None = Field(
        None,
        description='"ap-dbq" for the AP history 7-point rubric (needs four documents or more), '
        '"document-essay" for the same criteria scaled to the lesson\'s documents, or your own '
        "rows.",
    )
    lines: int = Field(24, ge=0, le=80, description="Ruled lines for the essay.")
    generated: bool | str | None = Field(None, description=DRAFTED_HELP)


class Lesson(Strict):
    """A lesson spec: lessons/<id>.yaml."""

    title: str = Field(description="Lesson title, printed on every page.")
    course: str | None = Field(None, description="Course name, e.g. World History.")
    grades: Text | None = Field(None, description="Grade band, e.g. 9-12.")
    compelling_question: str | None = Field(None, description="The question the lesson answers.")
    background: str | None = Field(None, description="Historical context for students (Markdown).")
    instructions: str | None = Field(None, description="Directions printed before the documents.")
    labels: Literal["letters", "numbers"] = Field(
        "letters", description="Label documents A, B, C or 1, 2, 3."
    )
    documents: list[Document] = Field(min_length=1, description="The cited excerpts, in order.")
    questions: list[Question] = Field(
        default_factory=list,
        description="Lesson-level questions, e.g. corroboration across documents.",
    )
    vocabulary: list[VocabItem] = Field(
        default_factory=list,
        description="Glossary: terms, or {term, definition}, or {term: definition}.",
    )
    essay: Essay | None = Field(None, description="The closing essay prompt and rubric.")
    generate: GenerateSpec = Field(
        default_factory=Generate,
        description="Generated questions (on by default): false, or how many of each skill per "
        "document, e.g. {sourcing: 2, close_reading: 2}. The teacher's own questions count first.",
    )
    line_numbers: YesNo = Field(
        False, description="Print excerpts with line numbers; questions and key cite lines."
    )
    scaffolds: YesNo = Field(False, description="Print a sentence frame under each question.")
    pages: int | None = Field(
        None,
        ge=1,
        le=100,
        description="Most pages the worksheet should run to: `dbq build` reports against it and "
        "`dbq check` warns when the worksheet runs past it.",
    )
    context: ContextSettings | None = Field(
        None,
        description="Contextualization: your prompts and events, the timeline picture, "
        "and whether dbq generates prompts.",
    )
    glossary: GlossaryOptions | None = Field(
        None, description="Glossary settings for this lesson; they override dbq.yaml's."
    )
    tiers: list[Tier] = Field(
        default_factory=list,
        description="Worksheets built from this lesson: standard (ID-worksheet.pdf) and "
        "supported (ID-worksheet-supported.pdf: adapted excerpts, sentence frames, a word bank).",
    )
    large_print: YesNo = Field(
        False, description="Also build a large-print worksheet (ID-worksheet-large.pdf), 18 pt."
    )
    formats: list[Format] = Field(
        default_factory=list,
        description="Other outputs: docx (Word worksheet and key), qti (LMS quiz package), "
        "large (large print), html (an accessible web page of each copy).",
    )
    fillable: YesNo | None = Field(
        None,
        description="Students can type into the PDF worksheets: a text field over each "
        "question's answer lines, a button per choice (the key never). Overrides dbq.yaml's "
        "`fillable`, which is true by default.",
    )
    drafted: list[str] = Field(
        default_factory=list,
        description="Written by `dbq draft`: the places it has drafted an item into ('A "
        "sourcing', 'vocabulary armistice', 'essay', 'A prompt'). An item deleted from the "
        "lesson stays deleted: the next draft does not put one back in its place.",
    )


class SourceMeta(Strict):
    """Front matter of a source file: sources/<id>.md."""

    title: str = Field(description="Title as catalogued.")
    type: str = Field("document", description="telegram, letter, speech, memorandum...")
    author: str | None = Field(None, description="Who wrote or signed it.")
    author_role: str | None = Field(None, description="The author's office at the time.")
    recipient: str | None = Field(
        None, description="Who it was for: a name, or an office when no name is given."
    )
    recipient_role: str | None = Field(None, description="The named recipient's office.")
    recipient_as: str | None = Field(None, description="How the document addresses the recipient.")
    date: dt.date | None = Field(None, description="Date written or sent (ISO: 1951-11-14).")
    time: Text | None = Field(
        None,
        pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
        description='Time sent, 24-hour, in quotes: "21:00" (the dateline\'s 9 p. m.).',
    )
    place: str | None = Field(None, description="Where it was written or sent from.")
    place_editorial: str | None = Field(
        None,
        description="A place the editors supplied in brackets ([Washington,]): not stated by "
        "the document itself.",
    )
    number: Text | None = Field(None, description="Telegram or document number.")
    outgoing_number: Text | None = Field(None, description="The sender's outgoing number.")
    copies: str | None = Field(None, description="Distribution of copies.")
    received: dt.datetime | dt.date | None = Field(None, description="When it was received.")
    signature: str | None = Field(
        None,
        description="The signature as written. The text's last short paragraph that holds it, "
        "and the short lines after it, close the document: printed without a number.",
    )
    signed_for: str | None = Field(
        None, description='A line signing for someone else: "For the Chargé d\'Affaires, a.i."'
    )
    signer_title: str | None = Field(None, description="The title printed under the signature.")
    drafter: str | None = Field(None, description="Drafters named in brackets: [Rusk.]")
    repeated: str | None = Field(
        None, description="Where a telegram was also sent: 'Sent Dept 3643, repeated info …'."
    )
    classification: str | None = Field(None, description="SECRET, TOP SECRET...")
    markings: StrList = Field(
        default_factory=list,
        description="Precedence and handling marks beside the classification: Priority, Niact.",
    )
    archive: str | None = Field(None, description="Archive and reference.")
    notes: StrList = Field(
        default_factory=list,
        description="Editors' footnotes, each starting with its marker as printed: "
        '"[1] Not printed." Their markers are left out of printed excerpts.',
    )
    published_in: str | None = Field(None, description="Where the text was published.")
    translation: str | None = Field(None, description="Who translated it.")
    url: str | None = Field(None, description="Where the text can be found (never fetched).")
    rights: str | None = Field(None, description="Copyright or licence.")
    summary: str | None = Field(None, description="One-sentence summary.")


class Unit(Strict):
    """A unit packet: units/<id>.yaml, several lessons printed as one numbered packet."""

    title: str = Field(description="Unit title, printed on the cover.")
    course: str | None = Field(None, description="Course name.")
    grades: Text | None = Field(None, description="Grade band, e.g. 9-12.")
    cover: str | None = Field(None, description="Text for the cover page (Markdown).")
    lessons: list[str] = Field(min_length=1, description="Lesson ids, in the order printed.")


def _workspace_file(value: object) -> object:
    """A file name relative to the workspace: no absolute paths, no '..' out of it."""
    if isinstance(value, str):
        parts = value.replace("\\", "/").split("/")
        if value.startswith(("/", "~")) or ".." in parts or ":" in value or not value.strip():
            raise InvalidValue(
                f"{value!r} is outside the workspace; name a file inside it, e.g. glossary.yaml",
                code="W001",
            )
    return value


def _known_code(code: str) -> str:
    """A code of docs/codes.md: a mistyped one would silence nothing, without a word."""
    from dbq.codes import CODES

    if code not in CODES:
        raise ValueError(f"{code!r} is not a code dbq reports; see docs/codes.md for the list")
    return code


class Settings(Strict):
    """Workspace settings: dbq.yaml."""

    page_size: Literal["letter", "a4"] = Field("letter", description="Paper size: letter or a4.")
    lms_feedback: YesNo = Field(
        False,
        description="Put model answers, evidence and essay rubrics in the LMS (QTI) package as "
        "feedback, which Canvas and other LMSs show students after they submit. Off by "
        "default: the key stays in the teacher's PDF.",
    )
    date_style: Literal["November 14, 1951", "14 November 1951"] = Field(
        "November 14, 1951",
        description='How every date dbq writes is worded: "November 14, 1951" or '
        '"14 November 1951" (source lines, generated questions, context, timeline labels).',
    )
    minimum_per_skill: dict[Skill, int] = Field(
        default_factory=dict,
        description="Least questions of each skill every document needs, e.g. {sourcing: 1}; "
        "`dbq check` fails a lesson below it.",
    )
    glossary: GlossaryOptions = Field(
        default_factory=GlossaryOptions, description="How vocabulary glossaries are made."
    )
    glossary_file: Annotated[str, BeforeValidator(_workspace_file)] = Field(
        "glossary.yaml", description="The workspace glossary shared by all lessons (if present)."
    )
    formats: list[Format] = Field(
        default_factory=list,
        description="Other outputs for every lesson: docx, qti, large, html (as a lesson's "
        "`formats`).",
    )
    fillable: YesNo = Field(
        True,
        description="Students can type into the PDF worksheets: a text field over each "
        "question's answer lines, a button per choice; the printed page is unchanged and the "
        "key is never fillable. A lesson's `fillable` overrides it.",
    )
    ignore: list[Annotated[str, AfterValidator(_known_code)]] = Field(
        default_factory=list,
        description="Problem codes `dbq check` and `dbq build` do not report, e.g. [R102]; "
        "errors that stop a build cannot be silenced.",
    )


PARAGRAPH_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")
