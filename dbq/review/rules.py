"""The review every packet gets before it is printed, at every build and in `dbq check`.

Pure: a packet in, findings out. Each finding has a stable code (see dbq/codes.py):

- R101 a question's answer is printed elsewhere in the student copy, or a wrong choice is;
- R102 student-visible text states a fact dated after the document;
- R103 a key's document label or paragraph/line reference does not match the excerpt;
- R104 a quote cut mid-sentence, or with unbalanced quotation marks;
- R105 a model answer that is a list of words rather than sentences;
- R106 an essay rubric that students cannot earn in full with the lesson's documents;
- R108 a key that does not answer: it says what a good answer would do, restates the task,
  or is an empty template (the teacher's items only, for now: bench/review_corpus.py counts
  the generated ones).

Generated items that fail are not printed (dbq/route.py picks another); the teacher's own
items get a located warning naming both places.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dbq.generate import textscan as ts
from dbq.packet.items import GENERATED, TEACHER, Packet, QuestionView
from dbq.prepare.excerpts import Folded
from dbq.review.student_view import Shown, plain, student_texts


@dataclass(frozen=True)
class Finding:
    """One thing the review found, on one item, with the other place it involves."""

    code: str
    message: str
    origin: str  # of the item that fails
    question: int = 0  # the failing question's number (0: not a question)
    stem: str = ""  # a generated question's stem id
    document: str | None = None
    place: str = ""  # the failing item, as a reader would name it
    term: str = ""  # a glossary term, for glossary findings
    loc: tuple = ()  # where a teacher wrote the item in the lesson file


# --- R101: answers given away ---------------------------------------------------------------

_FACTUAL = re.compile(
    r"(?:^|[.?!:]\s+)(who|when|where|in what (?:month|year|city|country)|what year|"
    r"what date|which (?:person|country|city|month|year))\b",
    re.I,
)
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b")


def _month_year(fact: str) -> tuple[int, int] | None:
    found = ts.month_years(fact)
    return found[0] if len(found) == 1 and len(fact.split()) <= 4 else None


def _contains(text: str, fact: str) -> bool:
    """Whether text states the fact: the same words, or the same month for a month-year fact."""
    if re.search(rf"(?<!\w){re.escape(fact)}(?!\w)", text, re.I):
        return True
    month = _month_year(fact)
    return bool(month and month in ts.month_years(text))


def answer_facts(question: QuestionView) -> list[str]:
    """What a student would need to find to answer a question by copying it."""
    if question.reveals:
        return question.reveals
    if question.correct and question.choices:
        return [question.correct.split(". ", 1)[1]]
    if question.type != "short_answer" or not question.answer:
        return []
    if not _FACTUAL.search(plain(question.ask)):
        return []
    # the first clause of the answer names the fact; names and dates the question lacks
    head = re.split(r"[;:.(]|,\s", plain(question.answer), maxsplit=1)[0]
    ask = plain(question.ask).lower()
    facts = [n for n in _NAME.findall(head) if n.lower() not in ask]
    facts += [f"{ts.MONTHS[m - 1]} {y}" for y, m in ts.month_years(head)]
    return list(dict.fromkeys(facts))


def leaks(packet: Packet, shown: list[Shown]) -> list[Finding]:
    """Questions whose answer the student copy prints somewhere other than the excerpts."""
    found = []
    for question in packet.questions:
        facts = answer_facts(question)
        if not facts:
            continue
        for place in shown:
            if place.question == question.number:
                continue
            if all(_contains(place.text, fact) for fact in facts):
                said = ", ".join(f"“{f}”" for f in facts)
                found.append(
                    _on_question(
                        "R101",
                        question,
                        f"question {question.number} is answered by {place.place}, which "
                        f"prints {said}; reword the question or move that text to the key",
                    )
                )
                break
    return found


# --- R102: facts from after the document ----------------------------------------------------


def later_dates(text: str, cutoff: dt.date) -> list[str]:
    """Dates a text names (outside quotations) that fall after cutoff, as written."""
    unquoted = _QUOTE_SPANS.sub(" ", text)
    out = []
    for year, month, day, span in _dates(unquoted):
        if (year, month or 0, day or 0) > (cutoff.year, cutoff.month, cutoff.day):
            if month is None and year == cutoff.year:
                continue
            if day is None and month == cutoff.month and year == cutoff.year:
                continue
            out.append(unquoted[span[0] : span[1]])
    return out


def _dates(text: str) -> list[tuple[int, int | None, int | None, tuple[int, int]]]:
    """Dates named in a text, each once (the most precise form), year ranges included."""
    taken: list[tuple[int, int]] = []
    out = []
    for year, month, day, span in ts._dates_in(text):
        if any(s <= span[0] < e for s, e in taken):
            continue
        taken.append(span)
        out.append((year, month, day, span))
    # "(1893-1976)": the second year of a range is a date too, with no word boundary before it
    for match in re.finditer(r"\b1[5-9]\d\d\s*[-–]\s*(1[5-9]\d\d|20\d\d)\b", text):
        year = int(match.group(1))
        if not any(s <= match.start(1) < e for s, e in taken):
            out.append((year, None, None, match.span(1)))
    return out


_QUOTE_SPANS = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _cutoff(packet: Packet, document: str | None) -> dt.date | None:
    """The date a student's text may not go beyond: its document's, else the latest one's."""
    own = packet.document(document)
    if own is not None:
        return own.date
    dates = [d.date for d in packet.documents if d.date]
    return max(dates) if dates else None


def later_facts(packet: Packet, shown: list[Shown]) -> list[Finding]:
    """Student-visible text that states what happened after the document was written."""
    found = []
    for place in shown:
        if place.kind in ("source_line", "timeline", "") and place.origin == "source":
            continue
        cutoff = _cutoff(packet, place.document)
        if cutoff is None:
            continue
        later = later_dates(place.text, cutoff)
        if later:
            found.append(
                Finding(
                    "R102",
                    f"{place.place} names {', '.join(later)}, after the document "
                    f"({cutoff.isoformat()}) students are reading; keep it for the key",
                    place.origin,
                    place.question,
                    document=place.document,
                    place=place.place,
                    term=place.text.split(":", 1)[0] if place.kind == "glossary" else "",
                )
            )
    return found


# --- R103: the key's references -------------------------------------------------------------

_REFERENCE = re.compile(
    r"(?:Document (?P<label>[A-Z0-9]+),\s*)?(?:¶\s?|paragraph )(?P<para>\d+)"
    r"|(?:Document (?P<label2>[A-Z0-9]+),\s*)?lines? (?P<first>\d+)(?:[–-](?P<last>\d+))?"
)


def references(packet: Packet) -> list[Finding]:
    """Evidence labels and ¶/line references that do not match the excerpt that prints them."""
    found = []
    for question in packet.questions:
        for evidence in question.evidence:
            document = packet.document(evidence.label)
            if document is None or document.excerpt is None:
                problem = "is printed in no document it cites"
            elif evidence.paragraph and not _in_paragraph(
                document, evidence.paragraph, evidence.quote
            ):
                problem = f"is not in ¶{evidence.paragraph} of Document {evidence.label}"
            else:
                continue
            found.append(_reference_finding(question, f"evidence “{evidence.quote}” {problem}"))
        for text in (question.ask, question.answer or ""):
            for match in _REFERENCE.finditer(plain(text)):
                label = match.group("label") or match.group("label2") or question.document
                document = packet.document(label)
                if document is None:
                    continue
                if match.group("para"):
                    number = int(match.group("para"))
                    if number not in {p.cited for p in document.passages}:
                        found.append(
                            _reference_finding(
                                question, f"cites ¶{number}, not printed in Document {label}"
                            )
                        )
                elif document.lines and int(match.group("last") or match.group("first")) > len(
                    document.lines
                ):
                    found.append(
                        _reference_finding(
                            question, f"cites {match.group(0)}, past the end of Document {label}"
                        )
                    )
    return found


def _in_paragraph(document, number: int, quote: str) -> bool:  # type: ignore[no-untyped-def]
    for passage in document.passages:
        if passage.cited == number:
            visible = "".join(s.text for s in passage.segments if s.kind in ("text", "term"))
            return bool(Folded.of(visible).find_all(quote))
    return False


def _on_question(code: str, question: QuestionView, message: str) -> Finding:
    """A finding about one question, placed where its author wrote it."""
    return Finding(
        code,
        message,
        question.origin,
        question.number,
        question.stem,
        question.document,
        f"question {question.number}",
        loc=question.loc,
    )


def _reference_finding(question: QuestionView, what: str) -> Finding:
    return _on_question("R103", question, f"question {question.number}: {what}; fix the reference")


# --- R104: quotes cut mid-sentence ----------------------------------------------------------

_INNER_QUOTE = re.compile(r"“([^“”]+)”")
_ENDS_ON_INITIAL = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Dr|Gen|Gov|Sen|Rep|St|Col|Lt|Capt|Adm|No|Jan|Feb|Aug|Sept|Oct|Nov|"
    r"Dec|U\.S|U\.K))\.$"
)


def _sentence_bounds(text: str) -> tuple[set[str], set[str]]:
    """The folded starts and ends of a text's sentences (their first and last six words)."""
    starts, ends = set(), set()
    for sentence in ts.split_sentences(text):
        words = sentence.split()
        starts.add(" ".join(words[:6]))
        ends.add(" ".join(words[-6:]))
    return starts, ends


def cut_quotes(packet: Packet) -> list[Finding]:
    """Quotes that stop or start inside a sentence without an ellipsis, or do not close."""
    found = []
    sources = [d.excerpt.visible_text for d in packet.documents if d.excerpt]
    sources.append((packet.header.background if packet.header else None) or "")
    bounds = [_sentence_bounds(text) for text in sources]
    for question in packet.questions:
        for text in (question.ask, question.answer or ""):
            text = plain(text)
            problem = ""
            if text.count("“") != text.count("”"):
                problem = "has unbalanced quotation marks"
            for quoted in _INNER_QUOTE.findall(text):
                inner = quoted.strip().rstrip(",")
                if _ENDS_ON_INITIAL.search(inner) and not inner.endswith("…"):
                    problem = f"quotes “{inner}”, which stops at an initial or abbreviation"
                elif question.origin == GENERATED and len(inner.split()) >= 5:
                    problem = _mid_sentence(inner, sources, bounds) or problem
            if problem:
                found.append(
                    _on_question(
                        "R104",
                        question,
                        f"question {question.number} {problem}; quote whole sentences or "
                        "mark the cut with “…”",
                    )
                )
                break
    return found


def _mid_sentence(inner: str, sources: list[str], bounds: list[tuple[set, set]]) -> str:
    """Why a quote that is found in a source cuts its sentence unmarked, or ''."""
    cut_start = inner.startswith("…")
    cut_end = inner.endswith("…")
    bare = inner.strip("…").strip()
    words = bare.split()
    for source, (starts, ends) in zip(sources, bounds, strict=True):
        if not Folded.of(source).find_all(bare):
            continue
        starts_ok = cut_start or any(s.startswith(" ".join(words[:6])) for s in starts)
        # a quote set into a sentence of ours may drop its own full stop
        tail = " ".join(words[-6:]).rstrip(".!?")
        ends_ok = cut_end or any(e.rstrip(".!?”\"'’)").endswith(tail) for e in ends)
        if not starts_ok:
            return f"quotes “{inner}”, which starts inside a sentence"
        if not ends_ok:
            return f"quotes “{inner}”, which stops inside a sentence"
        return ""
    return ""


# --- R105: answers that are word lists ------------------------------------------------------

_SERIES = re.compile(r"\b([A-Za-z]+), ([A-Za-z]+),? and ([A-Za-z]+)\b")


def is_word_list(answer: str) -> bool:
    """An answer that lists bare words (“according, principle and exchange”), not sentences."""
    text = plain(answer)
    if not text:
        return False
    if len(text.split()) < 4 and not re.search(r"[.!?]$", text):
        return False  # a short factual answer ("Stalin") is not a list
    for match in _SERIES.finditer(text):
        items = match.groups()
        if any(item.islower() for item in items):
            before = text[: match.start()].rstrip()
            # "about X, Y and Z" / "mentions X, Y and Z": a keyword list, not a phrase
            if re.search(r"(about|mentions|words|terms|keywords|on|:)$", before):
                return True
    return False


def word_lists(packet: Packet) -> list[Finding]:
    found = []
    for question in packet.questions:
        if question.answer and is_word_list(question.answer):
            found.append(
                _on_question(
                    "R105",
                    question,
                    f"question {question.number}'s model answer is a list of words; write it "
                    "as a sentence about the passage",
                )
            )
    return found


# --- R108: keys that answer -------------------------------------------------------------------

# How a key talks about an answer instead of giving one.
_DESCRIBES = re.compile(
    r"\b(?:a|the) (?:good|strong|full|complete|model|better|best) (?:answer|response|question)s?\b"
    r"|\banswers? (?:will|may|should|could|might|must) (?:vary|include|use|draw|name|explain|say)"
    r"|\bstudents? (?:should|could|may|might|will|must|need to)\b"
    r"|\b(?:the|an?) (?:student|answer|response) (?:should|must|needs to|ought to)\b"
    r"|^\s*(?:accept|award|credit|look for)\b"
    r"|^\s*answers (?:use|draw on|vary)\b",
    re.I,
)
_TEMPLATE = re.compile(r"_{3,}|\bTODO\b|\{[a-z_]+\}")
_CONTENT = re.compile(r"[A-Za-z\u00c0-\u024f]{4,}")
_COMMON = frozenset(
    [
        "that",
        "this",
        "what",
        "with",
        "from",
        "have",
        "which",
        "they",
        "their",
        "there",
        "were",
        "would",
        "could",
        "should",
        "about",
        "does",
        "into",
        "them",
        "than",
        "then",
        "when",
        "your",
        "document",
        "documents",
        "answer",
        "explain",
    ]
)


def _content_words(text: str) -> set[str]:
    """The text's words of four letters or more, by their first five ("proposes", "proposed"
    and "propose" are one), less the words every question and answer uses."""
    return {w.lower()[:5] for w in _CONTENT.findall(plain(text)) if w.lower() not in _COMMON}


def non_answer(answer: str, ask: str) -> str:
    """Why a model answer is not an answer ('' when it is one).

    A key that says what a good answer would do, that only repeats the question's own words,
    or that still holds a blank or a TODO gives the teacher nothing to mark against.
    """
    text = plain(answer)
    if not text:
        return ""
    if _TEMPLATE.search(answer):
        return "is an unfinished template (a blank, a TODO or a placeholder)"
    if _DESCRIBES.search(text):
        return "describes what a good answer would do instead of giving the answer"
    words = _content_words(text)
    if len(words) >= 3 and len(words - _content_words(ask)) <= max(1, len(words) // 4):
        return "only repeats the question's own words"
    return ""


def non_answers(packet: Packet) -> list[Finding]:
    """R108: a short answer's key that does not answer. On a teacher's item a located warning;
    a generated item so flagged is replaced by the next stem that fits, or dropped."""
    found = []
    for question in packet.questions:
        if question.choices:
            continue  # a multiple-choice key is its correct choice
        why = non_answer(question.answer or "", question.ask)
        if why:
            message = (
                f"question {question.number}'s model answer {why}; write the answer itself "
                "(what the passage says, who wrote to whom and when, with the evidence), then "
                "any grading notes"
            )
            found.append(_on_question("R108", question, message))
    return found


# --- R106: a rubric students can earn -------------------------------------------------------

RUBRIC_DOCUMENTS = {"ap-dbq": 4}


def rubric_fit(packet: Packet) -> list[Finding]:
    essay = packet.essay
    if essay is None or not essay.rubric_name:
        return []
    need = RUBRIC_DOCUMENTS.get(essay.rubric_name, 0)
    have = len(packet.documents)
    if have >= need:
        return []
    return [
        Finding(
            "R106",
            f"the {essay.rubric_name} rubric asks for at least {need} documents and the lesson has "
            f"{have}, so no student can earn every point; use `rubric: document-essay` or add "
            "documents",
            packet.essay.origin if packet.essay else TEACHER,
            place="the essay rubric",
            loc=("essay", "rubric"),
        )
    ]


# --- R101 (choices) and R107: multiple choice answered by elimination -----------------------


def _choice_text(choice: str) -> str:
    """A choice without its letter: "B. Impose something unpleasant." -> the words."""
    return re.sub(r"^[A-H]\.\s+", "", plain(choice)).strip()


def _same_text(one: str, other: str) -> bool:
    def norm(text: str) -> str:
        return re.sub(r"\W+", " ", text.lower()).strip()

    return norm(one) == norm(other)


def unfair_choices(packet: Packet, shown: list[Shown]) -> list[Finding]:
    """A wrong choice the worksheet prints as another word's definition (R101), and two
    choices that say the same (R107): both let a student answer by elimination."""
    from dbq.generate.vocab_question import same_meaning

    glossary = [place for place in shown if place.kind == "glossary"]
    found = []
    for question in packet.questions:
        if not question.choices:
            continue
        texts = [_choice_text(choice) for choice in question.choices]
        right = _choice_text(question.correct) if question.correct else ""
        for letter, text in zip("ABCDEFGH", texts, strict=False):
            if right and _same_text(text, right):
                continue
            place = next((p for p in glossary if _same_text(p.text.partition(": ")[2], text)), None)
            if place is not None:
                message = (
                    f"question {question.number}: choice {letter} is printed as {place.place}, "
                    "so students can rule it out; use a definition the worksheet does not print"
                )
                found.append(_on_question("R101", question, message))
                break
        pairs = [
            (a, b)
            for a in range(len(texts))
            for b in range(a + 1, len(texts))
            if same_meaning(texts[a], texts[b])
        ]
        if pairs:
            a, b = pairs[0]
            message = (
                f"question {question.number}: choices {'ABCDEFGH'[a]} and {'ABCDEFGH'[b]} say "
                "the same; replace one with a choice of its own"
            )
            found.append(_on_question("R107", question, message))
    return found


def review(packet: Packet) -> list[Finding]:
    """Every finding of the review, in printed order within each check."""
    shown = student_texts(packet)
    return [
        *leaks(packet, shown),
        *unfair_choices(packet, shown),
        *later_facts(packet, shown),
        *references(packet),
        *cut_quotes(packet),
        *word_lists(packet),
        *non_answers(packet),
        *rubric_fit(packet),
    ]
