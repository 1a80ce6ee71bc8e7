"""The "In context" boxes measured on documents nobody tuned for: FRUS 1951 and DFAT.

Builds the same lessons as bench/review_corpus.py (each FRUS 1951 document alone, and in
threes by date) plus a one-document lesson on each Documents on Australian Foreign Policy
text of ../shared/corpus/dfat (imported with `dbq sources import`, as a teacher would),
composes every packet and collects the students' In context box of each document:

    python bench/context_sample.py [--sample N --seed S] [--lesson ID]... [--events]

--sample N --seed S draws N boxes with a fixed seed (at most 2 a lesson) and prints them as
table rows to judge by hand (bench/judged-context.md); --lesson prints a lesson's boxes;
--events counts, for the DFAT cables of 1945-1953, the boxes that name an event of Britain,
Australia or the Commonwealth (issue 21).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from review_corpus import CORPUS, make_workspace  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DFAT = REPO.parent / "shared" / "corpus" / "dfat"

Box = tuple[str, str, str, list[str]]  # lesson id, document label, date, prompts


def add_dfat(root: Path) -> list[str]:
    """Import every DFAT text and write a one-document lesson on each; returns lesson ids."""
    from click.testing import CliRunner

    from dbq.cli import main
    from dbq.workspace.sources import load_sources

    runner = CliRunner()
    imported = []
    for path in sorted(DFAT.glob("v*.txt")):
        source_id = f"dfat-{path.stem}"
        result = runner.invoke(
            main, ["-C", str(root), "sources", "import", str(path), "--id", source_id]
        )
        if result.exit_code != 0:
            print(f"{path.name}: not imported: {result.output[:200]}", file=sys.stderr)
            continue
        imported.append(source_id)
    sources, _ = load_sources(root)
    lessons = []
    for source_id in imported:
        # The first three paragraphs, as for FRUS; fewer where the text has fewer.
        last = min(3, len(sources[source_id].paragraphs))
        lesson_id = f"one-{source_id}"
        (root / "lessons" / f"{lesson_id}.yaml").write_text(
            f"title: Reading {source_id}\ndocuments:\n  - source: {source_id}\n"
            f"    excerpt: {{paragraphs: 1-{last}}}\n",
            encoding="utf-8",
        )
        lessons.append(lesson_id)
    return lessons


def add_signatures(root: Path) -> None:
    """Give the FRUS sources the signature truth.json records, as `dbq sources import` would:
    review_corpus.py builds their front matter without it, and the signer never counts as what
    a document is about (relevance's `own`)."""
    import json
    import re

    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    for name, fields in truth.items():
        number = re.search(r"d(\d+)", name)
        path = root / "sources" / f"frus-d{int(number.group(1)):04d}.md" if number else None
        if path is None or not path.is_file() or not fields.get("signature"):
            continue
        text = path.read_text(encoding="utf-8")
        line = "signature: " + json.dumps(fields["signature"], ensure_ascii=False)
        path.write_text(text.replace("\n---\n", f"\n{line}\n---\n", 1), encoding="utf-8")


def boxes(root: Path, lessons: list[str]) -> list[Box]:
    """Every document's students' In context box (those with a prompt), lesson by lesson."""
    from dbq.route import Workspace, route_lesson

    workspace = Workspace.load(root)
    out: list[Box] = []
    for lesson_id in lessons:
        composed, problems = route_lesson(root / "lessons" / f"{lesson_id}.yaml", workspace)
        if composed is None:
            print(f"{lesson_id}: not prepared: {problems[:2]}", file=sys.stderr)
            continue
        view = composed.packet.views.get("students")
        if view is None:
            continue
        for label, box in view.documents.items():
            prompts = [" ".join(p.text.split()) for p in box.prompts]
            if prompts:
                out.append((lesson_id, label, box.date, prompts))
    return out


def sample(pool: list[Box], size: int, seed: int) -> list[Box]:
    """A seeded draw of boxes, at most two from a lesson."""
    shuffled = list(pool)
    random.Random(seed).shuffle(shuffled)
    picked: list[Box] = []
    per_lesson: Counter = Counter()
    for box in shuffled:
        if len(picked) < size and per_lesson[box[0]] < 2:
            picked.append(box)
            per_lesson[box[0]] += 1
    return picked


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lesson", action="append", default=[])
    parser.add_argument("--events", action="store_true")
    args = parser.parse_args()
    if not CORPUS.is_dir() or not DFAT.is_dir():
        print(f"the corpora are expected at {CORPUS} and {DFAT}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        lessons, _ = make_workspace(root)
        add_signatures(root)
        lessons += add_dfat(root)
        if args.lesson:
            lessons = [x for x in lessons if x in args.lesson]
        pool = boxes(root, lessons)
    if args.sample:
        picked = sample(pool, args.sample, args.seed)
        print(f"seed {args.seed}: {len(picked)} of {len(pool)} boxes\n")
        print("| # | lesson | doc | date | In context box (students' copy) | verdict | reason |")
        print("|---|---|---|---|---|---|---|")
        for number, (lesson_id, label, date, prompts) in enumerate(picked, 1):
            text = " / ".join(cell(p) for p in prompts)
            print(f"| {number} | {lesson_id} | {label} | {date} | {text} |  |  |")
        return 0
    for lesson_id, label, date, prompts in pool:
        print(f"== {lesson_id} {label} ({date})")
        for prompt in prompts:
            print(f"   - {prompt}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
