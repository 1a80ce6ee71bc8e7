"""Citation selectors -> the excerpt text a document prints, with cuts and glosses marked."""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from dbq.errors import InvalidValue
from dbq.workspace.model import PARAGRAPH_RANGE, Excerpt
from dbq.workspace.sources import Source
from dbq.workspace.yamlio import Loc

# What matching forgives: typographic quote and dash variants, and runs of white space.
FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
CUT_MARK = "[. . .]"


@dataclass(frozen=True)
class Segment:
    """A run of printed text: source `text`, a `cut` mark, or an editor's `gloss`.

    `term` is source text marked as a glossary term's first occurrence (dbq.generate.vocabulary).
    """

    kind: str
    text: str


@dataclass
class Passage:
    """One printed paragraph of an excerpt; number is the source paragraph (0: an omission)."""

    number: int
    segments: list[Segment]
    indented: bool = False
    # What the margin shows; None: the paragraph number. A document that numbers its own
    # paragraphs gets its own numbers there, and no number beside its unnumbered ones.
    label: str | None = None
    section: int | None = None  # the number a reader cites it by, when not `number`

    @property
    def cited(self) -> int:
        """The paragraph number questions and keys cite (0: none is printed for it)."""
        return self.number if self.section is None else self.section

    @property
    def mark(self) -> str:
        """The margin number printed beside this paragraph ('' for none)."""
        if self.label is not None:
            return self.label
        return str(self.number) if self.number else ""

    @property
    def text(self) -> str:
        """The words a student sees, cuts shown as [. . .], glosses left out."""
        return "".join(
            CUT_MARK if s.kind == "cut" else s.text for s in self.segments if s.kind != "gloss"
        )


@dataclass
class ResolvedExcerpt:
    """What a document prints of its source."""

    passages: list[Passage]
    paragraphs: list[int]
    adapted: bool = False
    whole: bool = False

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.passages)

    @property
    def visible_text(self) -> str:
        """Printed source words only (no cut marks), for checking evidence quotes."""
        return "\n\n".join(
            "".join(s.text for s in p.segments if s.kind in ("text", "term")) for p in self.passages
        )


@dataclass
class Folded:
    """Text folded for matching, with a map from each folded character to the original."""

    text: str
    index: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, original: str) -> Folded:
        out: list[str] = []
        index: list[int] = []
        previous_space = False
        for position, char in enumerate(original.translate(FOLD)):
            if char.isspace():
                if previous_space:
                    continue
                char, previous_space = " ", True
            else:
                previous_space = False
            out.append(char)
            index.append(position)
        return cls("".join(out), index)

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Every match of needle, as (start, end) offsets in the original text."""
        folded = Folded.of(needle.strip()).text
        if not folded:
            return []
        found = []
        start = self.text.find(folded)
        while start != -1:
            found.append((self.index[start], self.index[start + len(folded) - 1] + 1))
            start = self.text.find(folded, start + 1)
        return found


class SourceText:
    """A source's paragraphs as one string, with paragraph boundaries, for matching.

    Use SourceText.of(source): folding a long source is not free, and every stage needs it.
    """

    @classmethod
    def of(cls, source: Source) -> SourceText:
        """The matching text of a source, made once per Source object."""
        if "text" not in source.derived:
            source.derived["text"] = cls(source)
        return source.derived["text"]

    def __init__(self, source: Source) -> None:
        self.source = source
        self.starts: list[int] = []
        pieces: list[str] = []
        offset = 0
        for paragraph in source.paragraphs:
            self.starts.append(offset)
            pieces.append(paragraph)
            offset += len(paragraph) + 2
        self.text = "\n\n".join(pieces)
        self.folded = Folded.of(self.text)

    def paragraph_at(self, offset: int) -> int:
        """1-based paragraph number containing offset."""
        return bisect.bisect_right(self.starts, offset)

    def span_of(self, number: int) -> tuple[int, int]:
        start = self.starts[number - 1]
        return start, start + len(self.source.paragraphs[number - 1])

    def closest(self, needle: str) -> str:
        """' Closest passage (¶7): "..."' for a phrase that was not found, or ''."""
        target = Folded.of(needle.strip()).text
        if len(target) < 4:
            return ""
        hay = self.folded.text
        best, best_at = 0.0, -1
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(target)
        for match in re.finditer(r"(?:^|(?<=\s))\S", hay):
            window = hay[match.start() : match.start() + len(target)]
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                ratio = matcher.ratio()
                if ratio > best:
                    best, best_at = ratio, match.start()
        if best < 0.6 or best_at < 0:
            return ""
        start = self.folded.index[best_at]
        end = self.folded.index[min(best_at + len(target), len(hay)) - 1] + 1
        while end < len(self.text) and not self.text[end].isspace():
            end += 1  # finish the last word
        snippet = " ".join(self.text[start:end].split())
        return f'; the closest passage (¶{self.paragraph_at(start)}) reads "{snippet}"'


MAX_PARAGRAPH = 100_000


def parse_paragraphs(value: str | int | list[int]) -> list[int]:
    """7 -> [7]; "7-8" -> [7, 8]; "3, 5-6" -> [3, 5, 6]; [3, 5] -> [3, 5]."""
    if isinstance(value, int):
        return [value]
    if isinstance(value, list):
        return list(value)
    numbers: list[int] = []
    for part in str(value).split(","):
        match = PARAGRAPH_RANGE.match(part)
        if not match:
            message = f'{part.strip()!r} is not a paragraph number or range like "7-8"'
            raise InvalidValue(message, code="L003")
        # Checked before the range is built: "1-100000000" must not fill the memory.
        if any(len(g) > 6 or int(g) > MAX_PARAGRAPH for g in match.groups() if g):
            message = f"{part.strip()[:20]!r}: no source has that many paragraphs"
            raise InvalidValue(message, code="C002")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            message = f"the range {part.strip()} runs backwards; write {last}-{first}"
            raise InvalidValue(message, code="L003")
        numbers.extend(range(first, last + 1))
    return numbers


@dataclass(frozen=True)
class Issue:
    """A problem in a selector: where under `excerpt:`, what, and its problem code."""

    loc: Loc
    message: str
    code: str

    def __iter__(self) -> Iterator[Loc | str]:
        return iter((self.loc, self.message))  # unpacks as the (loc, message) pair it was


def resolve_excerpt(source: Source, excerpt: Excerpt) -> tuple[ResolvedExcerpt | None, list[Issue]]:
    """Turn a selector into printed passages; problems come back with their key path.

    The excerpt is None only when nothing could be selected.
    """
    text = SourceText.of(source)
    issues: list[Issue] = []
    spans = _select(text, excerpt, issues)
    if not spans:
        return None, issues
    cuts = _locate_phrases(text, spans, excerpt.cut, "cut", issues)
    glosses = _locate_glosses(text, spans, excerpt, issues)
    # A wrong cut or gloss still leaves a usable excerpt, so evidence can be checked too.
    passages = _passages(text, spans, cuts, glosses)
    markers = set() if excerpt.note_markers else source.note_markers
    for passage in passages:
        if passage.number and passage.number >= source.closing:
            passage.label, passage.section = "", 0  # the signature block: no number
        elif source.own_numbers:
            passage.label = source.own_numbers.get(passage.number, "")
            passage.section = source.cited_number(passage.number) if passage.number else 0
            passage.segments = _number_once(passage.segments, passage.label)
        if markers:
            passage.segments = _without_markers(passage.segments, markers)
    numbers = sorted({p.number for p in passages if p.number})
    whole = (
        not excerpt.adapted and numbers == list(range(1, len(source.paragraphs) + 1)) and not cuts
    )
    return ResolvedExcerpt(passages, numbers, excerpt.adapted, whole), issues


def _number_once(segments: list[Segment], label: str) -> list[Segment]:
    """The source's own "2." leaves the text when the margin prints it: "2" once, not "2  2."."""
    if not label or not segments or segments[0].kind != "text":
        return segments
    first = re.sub(rf"^\s*{re.escape(label)}\.\s+", "", segments[0].text, count=1)
    return [Segment("text", first), *segments[1:]] if first else segments[1:]


def _without_markers(segments: list[Segment], markers: set[str]) -> list[Segment]:
    """Take the editors' footnote markers ([1]) out of the printed text."""
    pattern = re.compile("|".join(re.escape(m) for m in sorted(markers)))
    return [
        Segment(s.kind, pattern.sub("", s.text)) if s.kind in ("text", "term") else s
        for s in segments
    ]


def _select(text: SourceText, excerpt: Excerpt, issues: list[Issue]) -> list[tuple[int, int]]:
    count = len(text.source.paragraphs)
    if excerpt.numbered is not None:
        try:
            numbers = text.source.own_paragraphs(excerpt.numbered)
        except InvalidValue as exc:
            issues.append(Issue(("numbered",), str(exc), exc.code))
            return []
        return [text.span_of(n) for n in numbers]
    if excerpt.paragraphs is not None:
        try:
            numbers = parse_paragraphs(excerpt.paragraphs)
        except InvalidValue as exc:
            issues.append(Issue(("paragraphs",), str(exc), exc.code))
            return []
        wrong = [n for n in numbers if not 1 <= n <= count]
        if wrong:
            issues.append(
                Issue(
                    ("paragraphs",),
                    f"no paragraph {wrong[0]} (the source has {count}); "
                    f"see the numbers with `dbq sources show {text.source.id}`",
                    "C002",
                )
            )
            return []
        return [text.span_of(n) for n in sorted(set(numbers))]
    if excerpt.from_ is not None and excerpt.to is not None:
        starts = text.folded.find_all(excerpt.from_)
        if not starts:
            issues.append(Issue(("from",), _not_found(text, excerpt.from_), "C003"))
            return []
        start = starts[0][0]
        ends = [end for (_, end) in text.folded.find_all(excerpt.to) if end > start]
        if not ends:
            where = (
                "after the `from` phrase" if text.folded.find_all(excerpt.to) else "in the source"
            )
            issues.append(Issue(("to",), _not_found(text, excerpt.to, where), "C003"))
            return []
        return _split_by_paragraph(text, start, ends[0])
    spans: list[tuple[int, int]] = []
    for index, quote in enumerate(excerpt.quote or []):
        found = text.folded.find_all(quote)
        if not found:
            issues.append(Issue(("quote", index), _not_found(text, quote), "C003"))
            continue
        spans.extend(_split_by_paragraph(text, *found[0]))
    return sorted(set(spans))


def _not_found(text: SourceText, phrase: str, where: str = "in the source") -> str:
    return (
        f'"{phrase.strip()}" is not {where} `{text.source.id}`; copy the words exactly'
        f"{text.closest(phrase)}"
    )


def _split_by_paragraph(text: SourceText, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for number in range(text.paragraph_at(start), text.paragraph_at(end - 1) + 1):
        p_start, p_end = text.span_of(number)
        spans.append((max(start, p_start), min(end, p_end)))
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _locate_phrases(
    text: SourceText,
    spans: list[tuple[int, int]],
    phrases: list[str],
    key: str,
    issues: list[Issue],
) -> list[tuple[int, int]]:
    located = []
    for index, phrase in enumerate(phrases):
        hits = [hit for hit in text.folded.find_all(phrase) if _inside(spans, *hit)]
        if hits:
            located.extend(hits)
        elif text.folded.find_all(phrase):
            message = f'"{phrase.strip()}" is in the source but not in this excerpt'
            issues.append(Issue((key, index), message, "C004"))
        else:
            issues.append(Issue((key, index), _not_found(text, phrase), "C003"))
    return sorted(located)


def _locate_glosses(
    text: SourceText, spans: list[tuple[int, int]], excerpt: Excerpt, issues: list[Issue]
) -> dict[int, str]:
    """Offset just after the first occurrence of each glossed phrase -> its gloss."""
    glosses: dict[int, str] = {}
    for phrase, gloss in excerpt.gloss.items():
        hits = [hit for hit in text.folded.find_all(phrase) if _inside(spans, *hit)]
        if not hits:
            if text.folded.find_all(phrase):
                message = f'"{phrase}" is in the source but not in this excerpt'
                issues.append(Issue(("gloss", phrase), message, "C004"))
            else:
                issues.append(Issue(("gloss", phrase), _not_found(text, phrase), "C003"))
            continue
        glosses[hits[0][1]] = gloss.strip()
    return glosses


def _passages(
    text: SourceText,
    spans: list[tuple[int, int]],
    cuts: list[tuple[int, int]],
    glosses: dict[int, str],
) -> list[Passage]:
    passages: list[Passage] = []
    previous_number = 0
    for start, end in spans:
        number = text.paragraph_at(start)
        segments = _segments(text.text, start, end, cuts, glosses)
        if passages and number == previous_number:
            joined = [*passages[-1].segments, Segment("cut", CUT_MARK), *segments]
            passages[-1].segments = one_mark_per_cut(joined)
            continue
        marked = passages and (_ends_cut(passages[-1].segments) or _starts_cut(segments))
        if passages and number != previous_number + 1 and not marked:
            passages.append(Passage(0, [Segment("cut", CUT_MARK)]))
        raw = text.source.paragraphs[number - 1]
        passages.append(Passage(number, segments, indented=raw[:1] in (" ", "\t")))
        previous_number = number
    return passages


def _segments(
    full: str, start: int, end: int, cuts: list[tuple[int, int]], glosses: dict[int, str]
) -> list[Segment]:
    segments: list[Segment] = []
    position = start
    inner_cuts = [(s, e) for s, e in cuts if start <= s and e <= end]
    breaks = sorted({p for c in inner_cuts for p in c} | {g for g in glosses if start < g <= end})
    cut_starts = {s: e for s, e in inner_cuts}
    for point in sorted(set(breaks) | {end}):
        if point < position:
            continue
        if position in cut_starts:
            _add_cut(segments)
            position = cut_starts[position]
            if point <= position:
                continue
        piece = full[position:point]
        if piece:
            segments.append(Segment("text", piece))
        position = point
        if point in glosses:
            segments.append(Segment("gloss", glosses[point]))
    if position in cut_starts:
        _add_cut(segments)
    return _tidy(segments)


def one_mark_per_cut(segments: list[Segment]) -> list[Segment]:
    """Cuts in a row, or with only spaces between them, print as one "[. . .]"."""
    out: list[Segment] = []
    for segment in segments:
        if segment.kind == "cut":
            spaces = len(out) >= 2 and out[-1].kind == "text" and not out[-1].text.strip()
            if spaces and out[-2].kind == "cut":
                out.pop()
            if out and out[-1].kind == "cut":
                continue
        out.append(segment)
    return out


def _ends_cut(segments: list[Segment]) -> bool:
    return bool(segments) and segments[-1].kind == "cut"


def _starts_cut(segments: list[Segment]) -> bool:
    return bool(segments) and segments[0].kind == "cut"


def _add_cut(segments: list[Segment]) -> None:
    if not (segments and segments[-1].kind == "cut"):
        segments.append(Segment("cut", CUT_MARK))


def _tidy(segments: list[Segment]) -> list[Segment]:
    """One space on each side of a cut mark; strip the ends of the paragraph."""
    segments = one_mark_per_cut(segments)
    out: list[Segment] = []
    for index, segment in enumerate(segments):
        if segment.kind == "text":
            value = segment.text
            if index > 0 and segments[index - 1].kind == "cut":
                value = value.lstrip()
                value = value if value[:1] in tuple(".,;:!?)") else " " + value
            if index + 1 < len(segments) and segments[index + 1].kind == "cut":
                value = value.rstrip() + " "
            if value.strip() or (value and out and index + 1 < len(segments)):
                out.append(Segment("text", value))
        else:
            out.append(segment)
    if out and out[0].kind == "text":
        out[0] = Segment("text", out[0].text.lstrip())
    if out and out[-1].kind == "text":
        out[-1] = Segment("text", out[-1].text.rstrip())
    return out


def contains(haystack: str, needle: str) -> bool:
    """Does needle occur in haystack, forgiving quote, dash and white-space variants?"""
    return bool(Folded.of(haystack).find_all(needle))
