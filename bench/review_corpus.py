"""The packet review measured on documents nobody tuned for: the FRUS 1951 corpus.

Imports each document of tests/data/corpus/frus-1951/ (public domain) into a scratch
workspace (front matter from truth.json, so this does not depend on the importer), builds a
one-document lesson on each and three-document lessons from documents close in date, composes
every packet (generate, review, replace what fails) and counts each defect class among the
items dbq generated:

    python bench/review_corpus.py [--first-round] [--show N] [--sample N --seed S]

--first-round counts what generation produces before the review replaces anything (the
"before" figure); --show N prints the question lists of N lessons with their key answers;
--sample N --seed S draws N generated questions (at most 3 a lesson, so at least N/3 lessons)
with a fixed seed and prints them as a table to judge by hand (bench/judged-questions.md).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
# The public-domain copy in the repository (tests/data/corpus/PROVENANCE.md)
CORPUS = REPO / "tests" / "data" / "corpus" / "frus-1951"
CLASSES = {
    "R101": "answer given away",
    "R102": "later fact shown",
    "R103": "wrong reference",
    "R104": "cut quote",
    "R105": "word-list answer",
    "R106": "rubric out of reach",
    "R107": "same-meaning choices",
    "R108": "key not an answer",
    "stem": "repeated stem",
    "?": "no question mark",
}


def body_paragraphs(text: str) -> list[str]:
    """The document's own paragraphs: after the header block, before footnotes, markers gone."""
    text = text.split("\nFootnotes\n", 1)[0]
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    body = blocks[1:] if len(blocks) > 1 else blocks
    return [re.sub(r"\[\d+\]", "", b) for b in body]


def source_file(name: str, truth: dict, text: str) -> tuple[str, str]:
    """A source id and its .md text, with the metadata the corpus records as true."""
    number = re.search(r"d(\d+)", name).group(1)  # type: ignore[union-attr]
    head = text.splitlines()[0].split(". ", 1)[-1]
    meta = {
        "title": re.sub(r"\s*\[\d+\]", "", head),
        "type": truth["kind"] or "document",
        "author": truth["author"],
        "author_role": truth["author_title"],
        "recipient": truth["recipient"],
        "date": truth["date"],
        "place": truth["place"],
        "classification": truth["classification"],
        "archive": truth["source_note"],
        "published_in": "Foreign Relations of the United States, 1951, vol. VII, part 2",
    }
    meta = {k: v for k, v in meta.items() if v}
    body = "\n\n".join(body_paragraphs(text))
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"frus-d{int(number):04d}", f"---\n{front}---\n{body}\n"


def lesson_yaml(title: str, ids: list[str], counts: dict[str, int]) -> str:
    documents = []
    for source_id in ids:
        last = min(3, counts[source_id])
        documents.append({"source": source_id, "excerpt": {"paragraphs": f"1-{last}"}})
    lesson = {
        "title": title,
        "course": "US History",
        "grades": "9-12",
        "compelling_question": "How did American officials see the war in Korea and China in 1951?",
        "documents": documents,
    }
    return yaml.safe_dump(lesson, allow_unicode=True, sort_keys=False)


def make_workspace(root: Path) -> tuple[list[str], dict[str, str]]:
    """The scratch workspace's sources and lessons; returns lesson ids and source dates."""
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    (root / "sources").mkdir(parents=True)
    (root / "lessons").mkdir()
    counts, dates = {}, {}
    for name in sorted(truth):
        text = (CORPUS / name).read_text(encoding="utf-8")
        source_id, markdown = source_file(name, truth[name], text)
        paragraphs = body_paragraphs(text)
        if not truth[name]["date"] or not paragraphs:
            continue
        (root / "sources" / f"{source_id}.md").write_text(markdown, encoding="utf-8")
        counts[source_id] = len(paragraphs)
        dates[source_id] = truth[name]["date"]
    lessons = []
    for source_id in sorted(counts):
        lesson_id = f"one-{source_id}"
        (root / "lessons" / f"{lesson_id}.yaml").write_text(
            lesson_yaml(f"Reading {source_id}", [source_id], counts), encoding="utf-8"
        )
        lessons.append(lesson_id)
    by_date = sorted(counts, key=lambda s: (dates[s], s))
    for start in range(0, len(by_date) - 2, 3):
        group = by_date[start : start + 3]
        lesson_id = f"three-{group[0]}"
        (root / "lessons" / f"{lesson_id}.yaml").write_text(
            lesson_yaml(f"Three documents from {dates[group[0]][:7]}", group, counts),
            encoding="utf-8",
        )
        lessons.append(lesson_id)
    return lessons, dates


SAMPLED: list[tuple[str, object]] = []  # (lesson id, question) of every final packet


def measure(root: Path, lessons: list[str], first_round: bool, show: int) -> Counter:
    """Defects among generated items, by class, over every lesson, down dbq's one route."""
    from dbq.review.rules import non_answer
    from dbq.route import Workspace, route_lesson

    workspace = Workspace.load(root)
    assert not workspace.problems, workspace.problems
    counts: Counter = Counter()
    counts["lessons"] = 0
    for index, lesson_id in enumerate(lessons):
        composed, problems = route_lesson(root / "lessons" / f"{lesson_id}.yaml", workspace)
        if composed is None:
            print(f"{lesson_id}: not prepared: {problems[:2]}", file=sys.stderr)
            counts["not prepared"] += 1
            continue
        counts["lessons"] += 1
        packet = (composed.first_packet or composed.packet) if first_round else composed.packet
        generated = [q for q in packet.questions if q.generated]
        counts["generated questions"] += len(generated)
        SAMPLED.extend((lesson_id, q) for q in generated)
        # --first-round: what generation first made, before the review replaced anything
        for finding in composed.first_findings if first_round else composed.findings:
            if finding.origin == "generated" or finding.code == "R106":
                counts[finding.code] += 1
        for q in generated:
            if not q.choices and non_answer(q.answer or "", q.ask):
                counts["non-answers"] += 1
                NON_ANSWER_STEMS[q.stem or "?"] += 1
        skills = Counter(q.skill for q in generated)
        counts["no close reading"] += not skills.get("Close reading")
        stems = Counter(q.stem for q in generated)
        counts["stem"] += sum(n - 1 for n in stems.values() if n > 1)
        counts["?"] += sum(1 for q in generated if "?" not in q.ask)
        if index < show or lesson_id in SHOWN:
            _print_questions(lesson_id, packet)
    return counts


SHOWN: set[str] = set()
NON_ANSWER_STEMS: Counter = Counter()  # which stems' keys do not answer


def _print_questions(lesson_id: str, packet) -> None:  # type: ignore[no-untyped-def]
    print(f"\n== {lesson_id}")
    for question in packet.questions:
        ask = " ".join(question.ask.split()).replace("\\", "")
        print(f"{question.number}. [{question.skill}] {ask}")
        if question.answer:
            print(f"   KEY: {' '.join(question.answer.split())}")
        for evidence in question.evidence:
            print(f"   EVIDENCE: “{evidence.quote}” ({evidence.where})")


def print_sample(size: int, seed: int) -> None:
    """A seeded draw of generated questions, at most three from a lesson, as table rows."""
    import random

    pool = list(SAMPLED)
    random.Random(seed).shuffle(pool)
    picked: list[tuple[str, object]] = []
    per_lesson: Counter = Counter()
    for lesson_id, question in pool:
        if len(picked) < size and per_lesson[lesson_id] < 3:
            picked.append((lesson_id, question))
            per_lesson[lesson_id] += 1
    print(f"seed {seed}: {len(picked)} questions from {len(per_lesson)} lessons\n")
    print("| # | lesson | question | key | verdict | reason |")
    print("|---|---|---|---|---|---|")
    for number, (lesson_id, q) in enumerate(picked, 1):

        def cell(text: str) -> str:
            return " ".join(text.split()).replace("|", "\\|").replace("\\", "")

        key = q.answer or ""  # type: ignore[attr-defined]
        if q.correct:  # type: ignore[attr-defined]
            key = f"{q.correct} ({key})"  # type: ignore[attr-defined]
        choices = " / ".join(q.choices)  # type: ignore[attr-defined]
        ask = cell(q.ask) + (f" Choices: {cell(choices)}" if choices else "")  # type: ignore[attr-defined]
        print(f"| {number} | {lesson_id} | [{q.skill}] {ask} | {cell(key)} |  |  |")  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first-round", action="store_true")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--lesson", action="append", default=[])
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"the corpus is expected at {CORPUS}", file=sys.stderr)
        return 1
    SHOWN.update(args.lesson)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        lessons, _ = make_workspace(root)
        counts = measure(root, lessons, args.first_round, args.show)
    if args.sample:
        print_sample(args.sample, args.seed)
        return 0
    print(f"\n{counts['lessons']} lessons, {counts['generated questions']} generated questions")
    for code, name in CLASSES.items():
        print(f"  {code:5} {name:22} {counts[code]}")
    print(f"  keys that do not answer, left in the final packets: {counts['non-answers']}")
    for stem, count in NON_ANSWER_STEMS.most_common():
        print(f"          {stem:34} {count}")
    print(f"  lessons without a generated close-reading question: {counts['no close reading']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
