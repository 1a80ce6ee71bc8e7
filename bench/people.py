"""People in the glossary, measured on every corpus document (issue 21, item 1).

For every document of ../shared/corpus (frus-1951/, dfat/, wilson/): import the raw text with
dbq's importer, make a one-document lesson of its first 12 paragraphs, run the glossary
generator, and list the glossary entries whose term is a capitalised person name, with where
each definition came from (or none):

    python bench/people.py [--corpus DIR] [--markdown FILE] [--list]

A term counts as a person when the document shows it is one: a courtesy or rank stands before
it in the text (Mr. Meade, Ambassador Koo), or it is the surname of the author, recipient or
signer in the source's head, or of a person the editors' notes name, or the built-in glossary
files it as a person. The list (--list) is what to read by hand for the wrong person.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SETS = ("frus-1951", "dfat", "wilson")
PARAGRAPHS = 12
COURTESY = re.compile(
    r"\b(?:Mr|Mrs|Messrs|Dr|Sir|Lord|Lady|Ambassador|General|Gen|Generalissimo|Marshal|"
    r"Admiral|Adm|Colonel|Col|Minister|Secretary|President|Premier|Chairman|Comrade|Cde|"
    r"Senator|Governor|Prince|King|Queen|Count|Monsieur|M|Chargé|Consul|Counselor|Counsellor)"
    r"\.?\s+(?:[A-Z][\w'’-]*\.?\s+){0,3}$"
)


def surnames(text: str | None) -> set[str]:
    """The last capitalised word of each name in a head field or note: 'David H. Popper'."""
    if not text:
        return set()
    words = re.findall(r"[A-Z][A-Za-z'’-]+", text)
    return {words[-1].lower()} if words else set()


def note_names(notes: list[str]) -> set[str]:
    """Surnames of the people the notes open with ('[2] Warren R. Austin, U.S. ...')."""
    found = set()
    for note in notes:
        body = re.sub(r"^\s*\[?\d+\]?\s*", "", note)
        head = re.split(r",|\.(?:\s|$)| was ", body, maxsplit=1)[0]
        words = head.split()
        if 1 < len(words) <= 6 and all(w[:1].isupper() for w in words):
            found.add(re.sub(r"[^\w'’-]", "", words[-1]).lower())
    return found


def document_people(meta: dict, body: str) -> set[str]:
    names = set()
    for key in ("author", "recipient", "signature"):
        value = meta.get(key)
        if value and not re.search(r"\b(?:of|Department|Embassy|Government)\b", value):
            names |= surnames(value)
    names |= note_names(meta.get("notes") or [])
    return names


def is_person(term: str, kind: str, text: str, people: set[str]) -> bool:
    if kind == "person":
        return True
    bare = re.sub(r"['’]s$", "", term)
    if not bare[:1].isupper() or bare.isupper():
        return False
    if bare.split()[-1].lower() in people:
        return True
    for match in re.finditer(rf"\b{re.escape(bare)}\b", text):
        if COURTESY.search(text[max(0, match.start() - 60) : match.start()]):
            return True
    return False


def import_as_lesson(root: Path, path: Path) -> str:
    """Import a corpus text with dbq's importer into the scratch workspace at root, with a
    one-document lesson of its first PARAGRAPHS paragraphs; returns the source id."""
    from dbq.workspace.importer import import_text
    from dbq.workspace.sources import write_source

    imported = import_text(path.read_text(encoding="utf-8"), path.name)
    meta = dict(imported.meta)
    meta.setdefault("title", path.stem)
    source_id = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    write_source(root, source_id, meta, imported.body)
    count = len([p for p in re.split(r"\n\s*\n", imported.body) if p.strip()])
    lesson = {
        "title": f"Reading {path.stem}",
        "grades": "9-12",
        "compelling_question": "What does this document show?",
        "documents": [
            {"source": source_id, "excerpt": {"paragraphs": f"1-{min(PARAGRAPHS, count)}"}}
        ],
    }
    (root / "lessons" / f"{source_id}.yaml").write_text(
        yaml.safe_dump(lesson, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return source_id


def build(corpus: Path, root: Path) -> list[tuple[str, str, str, str]]:
    """Each document's lesson in a scratch workspace: (set, file, source id, lesson id)."""
    (root / "sources").mkdir()
    (root / "lessons").mkdir()
    made = []
    for folder in SETS:
        for path in sorted((corpus / folder).glob("*.txt")):
            source_id = import_as_lesson(root, path)
            made.append((folder, path.name, source_id, source_id))
    return made


def measure(root: Path, made: list[tuple[str, str, str, str]]) -> list[dict]:
    """Every person entry of every document's glossary (printed, or missing a definition)."""
    from dbq.generate.glossary import make_glossary
    from dbq.prepare.lessons import prepare_lesson
    from dbq.route import Workspace

    workspace = Workspace.load(root)
    rows = []
    for folder, name, source_id, lesson_id in made:
        prepared, problems = prepare_lesson(
            root / "lessons" / f"{lesson_id}.yaml", root, workspace.sources
        )
        if prepared is None:
            print(f"{name}: not prepared: {problems[:1]}", file=sys.stderr)
            continue
        glossary = make_glossary(prepared, workspace.settings, workspace.glossaries)
        source = workspace.sources[source_id]
        meta = source.meta.model_dump()
        text = "\n\n".join(source.paragraphs)
        people = document_people(meta, text)
        for document in glossary.documents:
            for entry in [*document.entries, *document.missing]:
                if not is_person(entry.term, entry.kind, text, people):
                    continue
                rows.append(
                    {
                        "set": folder,
                        "file": name,
                        "term": entry.term,
                        "origin": entry.origin if entry.definition else "none",
                        "definition": entry.definition or "",
                        "paragraph": entry.paragraph,
                    }
                )
    return rows


def summary(rows: list[dict]) -> Counter:
    counts: Counter = Counter()
    for row in rows:
        counts["names"] += 1
        origin = row["origin"]
        if origin.startswith("source"):
            counts["from the source"] += 1
        elif origin == "none":
            counts["none"] += 1
        else:
            counts[f"from {origin}"] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--markdown", type=Path, help="write the list as a markdown table")
    parser.add_argument("--list", action="store_true", help="print every person entry")
    args = parser.parse_args()
    if not (args.corpus / SETS[0]).is_dir():
        print(f"the corpus is expected at {args.corpus}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        made = build(args.corpus, root)
        rows = measure(root, made)
    counts = summary(rows)
    print(f"{len(made)} documents; person entries: {counts['names']}")
    for key, value in sorted(counts.items()):
        if key != "names":
            print(f"  {key:28} {value}")
    if args.list:
        for row in rows:
            print(
                f"{row['file']:40} ¶{row['paragraph']:<3} {row['term']:22} "
                f"[{row['origin']}] {row['definition']}"
            )
    if args.markdown:
        lines = ["| document | ¶ | term | origin | definition |", "|---|---|---|---|---|"]
        for row in rows:
            definition = row["definition"].replace("|", "\\|")
            lines.append(
                f"| {row['file']} | {row['paragraph']} | {row['term']} | {row['origin']} "
                f"| {definition} |"
            )
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
