"""Line-numbered excerpts: dbq breaks the lines itself so "lines 12–14" means what is printed.

The layout engine must not re-wrap these lines (each is printed as one non-wrapping block), so
dbq measures every word in the shipped fonts and breaks within the text width of the narrowest
page (A4), at the sizes style.css gives numbered excerpts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dbq import assets as metrics
from dbq.prepare.excerpts import CUT_MARK, Folded, Passage, ResolvedExcerpt, Segment

# A4 is 8.27in wide; less the page margins (2 x 0.75in), the excerpt's padding (0.5in) and
# border (2.5pt), and 2% to spare: the points a numbered line may fill.
LINE_WIDTH = ((8.27 - 1.5 - 0.5) * 72 - 2.5) * 0.98
INDENT_WIDTH = LINE_WIDTH - 0.3 * 72  # indented (block-quoted) paragraphs
TEXT_SIZE, INDENT_SIZE, GLOSS_SIZE = 10.0, 9.5, 8.5  # points, as in style.css
NUMBER_EVERY = 5


@dataclass
class Token:
    """One unbreakable piece of a printed line: a word, a cut mark or a gloss."""

    kind: str
    text: str
    start: int = -1  # offsets into the excerpt's visible text (text words only)
    end: int = -1
    space_before: bool = True
    bold: bool = False  # a glossary term's first occurrence (measured as regular: see term_spans)


@dataclass
class PrintedLine:
    """One printed line of an excerpt, numbered from 1 in each document."""

    number: int
    paragraph: int
    first: bool
    indented: bool
    tokens: list[Token] = field(default_factory=list)
    mark: str = ""  # the paragraph number the margin shows on a paragraph's first line

    @property
    def show_number(self) -> bool:
        """Only every fifth line carries its number in the margin."""
        return self.number % NUMBER_EVERY == 0

    @property
    def segments(self) -> list[Segment]:
        """The line as segments a template prints: text runs, cut marks and glosses."""
        out: list[Segment] = []
        for index, token in enumerate(self.tokens):
            gap = " " if index and token.space_before else ""
            text = CUT_MARK if token.kind == "cut" else token.text
            kind = "term" if token.kind == "text" and token.bold else token.kind
            if kind in ("text", "term") and out and out[-1].kind == kind:
                out[-1] = Segment(kind, out[-1].text + gap + text)
            elif kind == "text":
                out.append(Segment("text", gap + text))
            elif kind == "term":
                if gap and out and out[-1].kind == "text":
                    out[-1] = Segment("text", out[-1].text + gap)
                elif gap:
                    out.append(Segment("text", gap))
                out.append(Segment("term", text))
            else:
                if gap and out and out[-1].kind == "text":
                    out[-1] = Segment("text", out[-1].text + gap)
                out.append(Segment(token.kind, text))
        return out

    @property
    def text(self) -> str:
        """The line as a student reads it (glosses in brackets)."""
        parts = []
        for index, token in enumerate(self.tokens):
            gap = " " if index and token.space_before else ""
            shown = {"cut": CUT_MARK, "gloss": f"[{token.text}]"}.get(token.kind, token.text)
            parts.append(gap + shown)
        return "".join(parts)


def token_width(token: Token, size: float) -> float:
    """Printed width of a word, cut mark or gloss, in points."""
    if token.kind == "gloss":
        return metrics.text_width(f"[{token.text}]", GLOSS_SIZE, metrics.SANS_ITALIC)
    text = CUT_MARK if token.kind == "cut" else token.text
    return metrics.text_width(text, size)


def _tokens(excerpt: ResolvedExcerpt) -> list[tuple[Passage, list[list[Token]]]]:
    """Per passage: (passage, hard lines of tokens); offsets into visible_text."""
    out = []
    offset = 0
    for p_index, passage in enumerate(excerpt.passages):
        if p_index:
            offset += 2  # the "\n\n" that visible_text puts between passages
        hard: list[list[Token]] = [[]]
        glued = False  # no space between this token and the previous one
        for segment in passage.segments:
            if segment.kind != "text":
                hard[-1].append(Token(segment.kind, segment.text, space_before=True))
                # text right after a gloss or cut mark follows it without a space ("line [gloss].")
                # unless the source has one; the excerpt code already put spaces around cuts
                glued = True
                continue
            text = segment.text
            position = 0
            while position < len(text):
                char = text[position]
                if char == "\n":
                    hard.append([])
                    glued = False
                    position += 1
                elif char.isspace():
                    glued = False
                    position += 1
                else:
                    end = position
                    while end < len(text) and not text[end].isspace():
                        end += 1
                    word = text[position:end]
                    space = not glued or not hard[-1]
                    hard[-1].append(Token("text", word, offset + position, offset + end, space))
                    glued = True
                    position = end
            offset += len(text)
            glued = bool(text) and not text[-1].isspace()
        out.append((passage, [line for line in hard if line] or [[]]))
    return out


def _wrap(tokens: list[Token], budget: float, size: float) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    width = 0.0
    space = metrics.text_width(" ", size)
    for token in tokens:
        cost = token_width(token, size) + (space if lines[-1] and token.space_before else 0)
        if lines[-1] and width + cost > budget and token.space_before:
            lines.append([])
            width = 0.0
            cost = token_width(token, size)
        lines[-1].append(token)
        width += cost
    return lines


def term_spans(passages: list[Passage]) -> list[tuple[int, int]]:
    """Where the glossary's marked terms stand in the excerpt's visible text (as _tokens counts)."""
    spans, offset = [], 0
    for index, passage in enumerate(passages):
        offset += 2 if index else 0
        for segment in passage.segments:
            if segment.kind in ("text", "term"):
                if segment.kind == "term":
                    spans.append((offset, offset + len(segment.text)))
                offset += len(segment.text)
    return spans


def number_lines(
    excerpt: ResolvedExcerpt, bold: list[tuple[int, int]] | None = None
) -> list[PrintedLine]:
    """Break an excerpt into printed lines, numbered from 1; words in `bold` spans print bold.

    Bold words are measured as regular ones, so marking terms never moves a line break and
    "lines 3–5" stay where generation and the key put them (the lines keep 2% to spare).
    """
    printed: list[PrintedLine] = []
    for passage, hard_lines in _tokens(excerpt):
        for hard in hard_lines:
            for token in hard:
                token.bold = any(s < token.end and e > token.start for s, e in bold or ())
        indented = passage.indented
        budget = INDENT_WIDTH if indented else LINE_WIDTH
        size = INDENT_SIZE if indented else TEXT_SIZE
        first = True
        for hard in hard_lines:
            for tokens in _wrap(hard, budget, size):
                if tokens and tokens[0].kind == "text":
                    tokens[0] = Token(
                        tokens[0].kind,
                        tokens[0].text,
                        tokens[0].start,
                        tokens[0].end,
                        space_before=True,
                        bold=tokens[0].bold,
                    )
                printed.append(
                    PrintedLine(
                        len(printed) + 1, passage.number, first, indented, tokens, passage.mark
                    )
                )
                first = False
    return printed


def line_span(
    lines: list[PrintedLine], excerpt: ResolvedExcerpt, quote: str
) -> tuple[int, int] | None:
    """First and last printed line of the first place quote occurs, or None."""
    hits = Folded.of(excerpt.visible_text).find_all(quote)
    if not hits:
        return None
    start, end = hits[0]
    touched = [
        line.number
        for line in lines
        if any(t.kind == "text" and t.start < end and t.end > start for t in line.tokens)
    ]
    return (touched[0], touched[-1]) if touched else None


def lines_label(span: tuple[int, int]) -> str:
    """(12, 14) -> 'lines 12–14'; (12, 12) -> 'line 12'."""
    first, last = span
    return f"line {first}" if first == last else f"lines {first}\u2013{last}"
