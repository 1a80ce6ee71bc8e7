"""Source files: front matter, numbered paragraphs, and the raw-telegram importer."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from dbq.errors import DbqError, InvalidValue, Problem, ProblemsError, display_path
from dbq.workspace import recognizers as rec
from dbq.workspace.files import check_id, read_bytes, read_text, write_atomically
from dbq.workspace.formats import html_text, pdf_text
from dbq.workspace.importer import Imported, import_text
from dbq.workspace.model import SourceMeta
from dbq.workspace.settings import source_paths
from dbq.workspace.validation import validation_problems
from dbq.workspace.yamlio import load_yaml

SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*\Z")  # \Z: "$" allows a final newline


@dataclass
class Source:
    """A primary source: metadata plus its paragraphs, numbered from 1."""

    id: str
    path: Path
    meta: SourceMeta
    paragraphs: list[str]
    paragraph_lines: list[int] = field(default_factory=list)
    # Data later stages derive from the text once (the folded text for matching).
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def closing(self) -> int:
        """The first paragraph (from 1) of the closing lines, or one past the last paragraph.

        The signature block (and the short lines after it: its date, an endorsement) closes
        the document: it prints as the document prints it, without a paragraph number.
        """
        if "closing" not in self.derived:
            self.derived["closing"] = closing_start(self.paragraphs, self.meta.signature)
        return self.derived["closing"]

    @property
    def own_numbers(self) -> dict[int, str]:
        """Paragraph (from 1) -> the number the document itself prints on it ('2.' -> '2')."""
        if "own_numbers" not in self.derived:
            self.derived["own_numbers"] = own_numbers(self.paragraphs[: self.closing - 1])
        return self.derived["own_numbers"]

    def cited_number(self, paragraph: int) -> int:
        """The paragraph number a reader sees for a paragraph (0: none is printed).

        The position from 1, unless the document numbers its own paragraphs: then the
        number of the paragraph it belongs to ('2.' and the unnumbered ones after it).
        """
        if paragraph >= self.closing:
            return 0
        own = self.own_numbers
        if not own:
            return paragraph
        before = [index for index in own if index <= paragraph]
        return int(own[before[-1]]) if before else 0

    def own_paragraphs(self, value: str | int) -> list[int]:
        """The paragraphs the document's own numbers select ('2-4'); ValueError if none."""
        own = self.own_numbers
        if not own:
            raise InvalidValue(
                f"`{self.id}` does not number its own paragraphs; "
                f"use `paragraphs:` (see `dbq sources show {self.id}`)",
                code="C002",
            )
        match = re.match(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$", str(value))
        if not match:
            message = f'{str(value).strip()!r} is not a number or range like "2-4"'
            raise InvalidValue(message, code="L003")
        first, last = match.group(1), match.group(2) or match.group(1)
        where = {label: index for index, label in own.items()}
        for wanted in (first, last):
            if wanted not in where:
                printed = ", ".join(f"{n}." for n in own.values())
                message = f"the document numbers no paragraph {wanted}. (only {printed})"
                raise InvalidValue(message, code="C002")
        if where[last] < where[first]:
            message = f"the range {first}-{last} runs backwards; write {last}-{first}"
            raise InvalidValue(message, code="L003")
        return list(range(where[first], where[last] + 1))

    @property
    def note_markers(self) -> set[str]:
        """The footnote markers the front matter's notes explain: {'[1]', '[2]'}."""
        return {m.group(0) for n in self.meta.notes if (m := NOTE_MARKER.match(n))}


NOTE_MARKER = re.compile(r"\[(?:fn)?\d{1,3}\]")
OWN_NUMBER = re.compile(r"^(\d{1,3})\.\s+(\S)")
# An editors' omission standing for paragraphs left out: a document's numbers may jump there.
OMISSION = re.compile(r"^(?:\[matter omitted\]|\[?(?:\.\s*){3,}\]?|\[?…\]?)", re.I)
# A lead-in that says what the items are ('Questions … are essentially:', 'The other main
# recommendations of the paper are that:'): the numbers after it count points, not paragraphs.
LIST_LEAD = re.compile(r"\b(?:are|is|were|was|include|includes)\b[^.:;]{0,40}:$")
SHORT = 80  # a closing line, a date, 'Ends.': no paragraph of the text


def own_numbers(paragraphs: list[str]) -> dict[int, str]:
    """Where a document numbers its own paragraphs 1., 2., 3. …, which paragraph is which.

    A run of numbers counts from 1. or 2. (a lone '1951.' or a telegram's number '1612.'
    does not), each one more than the last, or more after an editors' omission ('2.',
    '[matter omitted]', '8.'). Unnumbered paragraphs between them belong to the numbered one
    before. A run counts where the document's own numbering is:
    - near the start (a short opening; Kennan's "1." to "7." deep in Part 4 is a list), or
      running to the end of the text (the paragraphs of a cable numbered from '2.' after a
      long first paragraph, or after a quoted telegram with numbers of its own);
    - and not a list: items announced by a lead-in that says what they are ('… are:') and
      short as points are, or items that go on with the lead-in's sentence in lower case.
    A run that reaches the end wins over one that does not (the cable's own '2.' and '3.'
    after a quoted telegram's '2.' to '11.'); then the longer run.
    """
    numbered = [
        (index, int(match.group(1)))
        for index, paragraph in enumerate(paragraphs, start=1)
        if (match := OWN_NUMBER.match(paragraph.strip()))
    ]
    best: tuple[bool, int] | None = None
    chosen: list[tuple[int, int]] = []
    for start in range(len(numbered)):
        run = _run(paragraphs, numbered[start:])
        if run[0][1] > 2 or (start and numbered[start - 1] == (run[0][0] - 1, run[0][1] - 1)):
            continue  # from 3., or the tail of a sequence that starts one paragraph above
        to_the_end = _reaches_end(paragraphs, numbered, run)
        if len(run) < 2 and not (run[0][1] == 2 and to_the_end and _short_opening(paragraphs, run)):
            continue
        if _is_list(paragraphs, run):
            continue
        if not (to_the_end or _short_opening(paragraphs, run)):
            continue
        rank = (to_the_end, len(run))
        if best is None or rank > best:
            best, chosen = rank, run
    return {index: str(number) for index, number in chosen}


def _run(paragraphs: list[str], numbered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The numbers in sequence from the first: n, n+1 …, or a jump across an omission."""
    run = [numbered[0]]
    for index, number in numbered[1:]:
        last_index, last = run[-1]
        if number == last + 1 or number > last and _omitted(paragraphs, last_index, index):
            run.append((index, number))
        elif number > last:
            break  # '2.' then '4.': the sequence is broken (a number run into a heading)
    return run


def _omitted(paragraphs: list[str], after: int, at: int) -> bool:
    """Does an editors' omission stand between paragraph `after` and paragraph `at`?"""
    between = [p.strip() for p in paragraphs[after : at - 1]]
    own = OWN_NUMBER.sub(r"\2", paragraphs[at - 1].strip(), count=1)
    return any(OMISSION.match(p) for p in between) or bool(OMISSION.match(own))


def _short_opening(paragraphs: list[str], run: list[tuple[int, int]]) -> bool:
    """Few paragraphs before the first number: at most one long, or three short of the text."""
    opening = paragraphs[: run[0][0] - 1]
    if sum(1 for paragraph in opening if len(paragraph) > 100) <= 1:
        return True
    total = sum(len(paragraph) for paragraph in paragraphs)
    return len(opening) <= 3 and sum(len(p) for p in opening) * 4 <= total


def _reaches_end(
    paragraphs: list[str], numbered: list[tuple[int, int]], run: list[tuple[int, int]]
) -> bool:
    """No number after the run, and at most two paragraphs of text (closing lines aside)."""
    last = run[-1][0]
    if any(index > last for index, _ in numbered):
        return False
    opening = paragraphs[: run[0][0] - 1]
    if any(rec.attachment_marker(p.split("\n", 1)[0]) for p in opening):
        return False  # an enclosure's numbers, after the document: not the document's
    after = [p.strip() for p in paragraphs[last:]]
    return sum(1 for p in after if len(p) > SHORT and not OMISSION.match(p)) <= 2


def _is_list(paragraphs: list[str], run: list[tuple[int, int]]) -> bool:
    items = [OWN_NUMBER.sub(r"\2", paragraphs[index - 1].strip(), count=1) for index, _ in run]
    if any(item[:1].islower() for item in items):
        return True  # '1. we should maintain …' goes on with the lead-in's sentence
    first = run[0][0]
    lead = paragraphs[first - 2].strip() if first >= 2 else ""
    return bool(LIST_LEAD.search(lead)) and max(len(item) for item in items) <= 300


def _folded(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("”", '"').split()).casefold()


def closing_start(paragraphs: list[str], signature: str | None) -> int:
    """Where the closing lines begin (from 1): the last short paragraph that holds the
    front matter's signature, when only short lines follow it; else one past the end.

    Short: at most four lines of at most 80 characters ('For the Chargé d'Affaires, a.i.' /
    'Fraser Wilkins' / 'First Secretary of Embassy'; '13.1.51 ROSHCHIN'); what follows it is
    at most three short lines each (a date under the signature, an endorsement). A signature
    inside the text (a quoted message's) is not the document's close: text follows it.
    """
    end = len(paragraphs) + 1
    if not signature or not signature.strip() or len(paragraphs) < 2:
        return end
    wanted = _folded(signature)

    def short(paragraph: str, lines: int) -> bool:
        rows = paragraph.strip().split("\n")
        return len(rows) <= lines and all(len(row.strip()) <= 80 for row in rows)

    for index in range(len(paragraphs) - 1, 0, -1):
        paragraph = paragraphs[index]
        if short(paragraph, 4) and wanted in _folded(paragraph):
            return index + 1
        if not short(paragraph, 3):
            return end
    return end


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split '---' front matter from the body; return (yaml, body, body's first line number)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith("---\n"):
        raise ValueError("a source file starts with a line '---', then its metadata, then '---'")
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise ValueError("the metadata block is not closed: add a line '---' after it")
    front = text[4 : end + 1]
    body_start_line = front.count("\n") + 3
    return front, text[end + 5 :], body_start_line


def split_paragraphs(body: str, first_line: int = 1) -> tuple[list[str], list[int]]:
    """Paragraphs are separated by blank lines; return them with their first line numbers."""
    paragraphs: list[str] = []
    lines_at: list[int] = []
    current: list[str] = []
    start = first_line
    for number, line in enumerate(body.split("\n"), start=first_line):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            paragraphs.append("\n".join(current))
            lines_at.append(start)
            current = []
    if current:
        paragraphs.append("\n".join(current))
        lines_at.append(start)
    return paragraphs, lines_at


def load_source(path: Path, root: Path | None = None) -> Source:
    """Read one source file; raise ProblemsError naming the file and line on any mistake."""
    shown = display_path(path, root)
    raw = read_text(path, root if root is not None else path.parent)
    try:
        front, body, body_line = split_front_matter(raw)
    except ValueError as exc:
        raise ProblemsError([Problem(shown, 1, 1, "", str(exc), code="S001")]) from exc
    located, problems = load_yaml(front, shown)
    # Front matter starts on line 2 of the file.
    located.keys = {k: (line + 1, col) for k, (line, col) in located.keys.items()}
    located.values = {k: (line + 1, col) for k, (line, col) in located.values.items()}
    problems = [dataclasses.replace(p, line=p.line + 1) for p in problems]
    meta = None
    if located.data is not None and not isinstance(located.data, dict):
        message = "the metadata must be `key: value` lines"
        problems.append(Problem(shown, 2, 1, "", message, code="S001"))
    elif not problems:
        try:
            meta = SourceMeta.model_validate(located.data or {})
        except ValidationError as exc:
            problems.extend(validation_problems(exc, located, SourceMeta))
    paragraphs, lines_at = split_paragraphs(body, body_line)
    if not paragraphs:
        message = "the source has no text after its metadata"
        problems.append(Problem(shown, body_line, 1, "", message, code="S001"))
    if problems or meta is None:
        raise ProblemsError(problems)
    return Source(path.stem, path, meta, paragraphs, lines_at)


def load_sources(root: Path) -> tuple[dict[str, Source], list[Problem]]:
    """All sources of a workspace; problems in broken ones are returned, not raised."""
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    for path in source_paths(root):
        try:
            sources[path.stem] = load_source(path, root)
        except ProblemsError as exc:
            problems.extend(exc.problems)
        except DbqError as exc:
            problems.append(Problem(display_path(path, root), 1, 1, "", exc.message, code=exc.code))
    return sources, problems


def get_source(root: Path, source_id: str) -> Source:
    """One source by id, or a DbqError listing the ids there are."""
    check_id(source_id, "source id")
    path = root / "sources" / f"{source_id}.md"
    if not path.is_file():
        known = [p.stem for p in source_paths(root)]
        hint = f"the workspace has: {', '.join(known)}" if known else "sources/ is empty"
        raise DbqError(
            f"no source {source_id!r} in {display_path(root / 'sources', root)}/; {hint}",
            code="C001",
        )
    return load_source(path, root)


def write_source(root: Path, source_id: str, meta: dict, body: str) -> Path:
    """Write sources/<id>.md with front matter in a stable key order."""
    check_id(source_id, "source id")
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    path = root / "sources" / f"{source_id}.md"
    write_atomically({path: f"---\n{front}---\n{body.rstrip()}\n".encode()}, root)
    return path


@dataclass
class PlannedImport:
    """One raw text on its way to sources/<id>.md."""

    file: Path
    id: str
    imported: Imported


def raw_texts(paths: list[Path]) -> list[Path]:
    """The files to import: each file named, and the .txt files of each folder named."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p for p in path.iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()
            )
            if not inside:
                message = f"{path}: no .txt, .pdf or .html files in this folder to import"
                raise DbqError(message, code="S002")
            files.extend(inside)
        else:
            files.append(path)
    return files


TEXT_SUFFIXES = (".txt", ".pdf", ".html", ".htm")


def raw_text(file: Path) -> str:
    """A file's text: from anywhere, but a regular file, size-capped; UTF-8 text, the text
    layer of a born-digital PDF, or the visible text of a web page saved as HTML."""
    suffix = file.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        return read_text(file, file.parent, shown=str(file))
    data = read_bytes(file, file.parent, shown=str(file))
    if suffix == ".pdf":
        return pdf_text(data, str(file))
    return html_text(data, str(file))


def plan_imports(
    root: Path, paths: list[Path], source_id: str | None = None, *, force: bool = False
) -> list[PlannedImport]:
    """Read and import every text, choose ids; raise DbqError before anything is written."""
    files = raw_texts(paths)
    if source_id and len(files) > 1:
        message = f"--id names one source, but {len(files)} files were given; drop --id"
        raise DbqError(message, code="S002")
    planned = []
    for file in files:
        raw = raw_text(file)
        if not raw.strip():
            message = f"{file} is empty; import a file that holds the document's text"
            raise DbqError(message, code="S002")
        imported = import_text(raw, file.name)
        chosen = check_id(source_id or imported.proposed_id, "source id")
        planned.append(PlannedImport(file, chosen, imported))
    _settle_ids(planned)
    existing = [p for p in planned if (root / "sources" / f"{p.id}.md").exists()]
    if existing and not force:
        first = existing[0]
        raise DbqError(
            f"{display_path(root / 'sources' / f'{first.id}.md', root)} already exists "
            f"(from {first.file}); choose another --id, or add --force to replace it"
            + (f" ({len(existing)} sources in all)" if len(existing) > 1 else ""),
            code="W001",
        )
    return planned


def _settle_ids(planned: list[PlannedImport]) -> None:
    """Two texts with one proposed id: tell them apart by their numbers, or refuse."""
    groups: dict[str, list[PlannedImport]] = {}
    for plan in planned:
        groups.setdefault(plan.id, []).append(plan)
    for source_id, group in groups.items():
        if len(group) == 1:
            continue
        numbers = [str(p.imported.meta.get("number") or "") for p in group]
        if all(numbers) and len(set(numbers)) == len(numbers):
            for plan, number in zip(group, numbers, strict=True):
                plan.id = f"{source_id}-{re.sub(r'[^a-z0-9]+', '-', number.lower()).strip('-')}"
            continue
        raise DbqError(
            f"{group[0].file} and {group[1].file} would both be sources/{source_id}.md; "
            "import them one at a time with --id",
            code="W001",
        )
    seen: dict[str, Path] = {}
    for plan in planned:
        if plan.id in seen:
            raise DbqError(
                f"{seen[plan.id]} and {plan.file} would both be sources/{plan.id}.md; "
                "import them one at a time with --id",
                code="W001",
            )
        seen[plan.id] = plan.file
