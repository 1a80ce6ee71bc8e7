"""The glossary measured against a teacher's hand list (issue 21, item 6).

Twelve corpus documents drawn with a fixed seed (bench/glossary-terms.yaml records the seed,
the draw and, for each document, the terms a 10th-grade teacher would gloss, made by hand
before generation was changed). Each document is imported with dbq's importer and made into
a one-document lesson of its first 12 paragraphs, as bench/people.py does; the glossary is
generated as a lesson would; each printed entry is compared with the hand list:

    python bench/glossary_measure.py [--corpus DIR] [--excerpts] [--draw] [--list]

--draw prints the seeded draw (to check the list's documents); --excerpts prints each
excerpt as the lesson shows it, and no glossary (what a hand list is made from, blind);
--list prints every entry with its verdict; --terms names another hand list (a later draw,
bench/glossary-terms-check.yaml, leaves out the first one's documents).
Precision: printed entries a teacher would keep (the hand list's terms,
plus entries judged `keep` in the judgements below) over printed entries. Recall: hand-list
terms printed over hand-list terms. An entry judged `wrong person`, `wrong sense` or
`circular` counts against precision and in its own count.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SETS = ("frus-1951", "dfat", "wilson")
TERMS = REPO / "bench" / "glossary-terms.yaml"
BAD = ("wrong person", "wrong sense", "circular")
LINES: dict[str, str] = {}  # each document's source line, as the worksheet prints it
ASKED: dict[str, str] = {}  # the term each document's vocabulary question asks about


def draw(corpus: Path, seed: int, size: int, exclude: dict | list | None = None) -> list[str]:
    """The seeded draw over the sorted file lists of the three sets, as set/file names;
    `exclude` (a seed and size, or a list of them) leaves out earlier draws' documents first,
    each drawn from what the draws before it left."""
    files = [f"{s}/{p.name}" for s in SETS for p in sorted((corpus / s).glob("*.txt"))]
    for earlier_draw in [exclude] if isinstance(exclude, dict) else exclude or []:
        earlier = set(random.Random(earlier_draw["seed"]).sample(files, earlier_draw["size"]))
        files = [f for f in files if f not in earlier]
    return sorted(random.Random(seed).sample(files, size))


def norm(term: str) -> str:
    """A term as compared: its dictionary form, lower case, no gloss in brackets, no stops.

    "Peiping (Beijing)" is "peiping"; "rearmed" is "rearm", as the glossary prints it.
    """
    from dbq.text.terms import lemma

    term = re.sub(r"\s*\([^)]*\)", "", term.strip())
    term = re.sub(r"['’]s$", "", term).replace(".", "")
    return " ".join(lemma(w).lower() for w in term.split())


def build(corpus: Path, root: Path, names: list[str]) -> list[tuple[str, str]]:
    """Each drawn document's one-document lesson in a scratch workspace: (name, source id)."""
    from people import import_as_lesson  # bench/people.py: the same scratch lessons

    (root / "sources").mkdir()
    (root / "lessons").mkdir()
    return [(name, import_as_lesson(root, corpus / name)) for name in names]


def excerpts(root: Path, made: list[tuple[str, str]]) -> None:
    """Print each excerpt as the lesson shows it, with its source line."""
    from dbq.prepare.lessons import prepare_lesson
    from dbq.prepare.sourceline import source_line
    from dbq.route import Workspace

    workspace = Workspace.load(root)
    for name, source_id in made:
        prepared, _ = prepare_lesson(
            root / "lessons" / f"{source_id}.yaml", root, workspace.sources
        )
        if prepared is None:
            continue
        document = prepared.documents[0]
        line = source_line(document.source.meta, document.excerpt.adapted, document.excerpt.whole)
        print(f"\n=== {name}\nsource line: {line}")
        for passage in document.excerpt.passages:
            print(f"[{passage.cited}] {passage.text}")


def generate(root: Path, made: list[tuple[str, str]]) -> dict[str, list[dict]]:
    """Every printed entry of each document's glossary (the worksheet's wording)."""
    from dbq.generate.glossary import make_glossary
    from dbq.prepare.lessons import prepare_lesson
    from dbq.prepare.sourceline import source_line
    from dbq.route import Workspace

    workspace = Workspace.load(root)
    out: dict[str, list[dict]] = {}
    for name, source_id in made:
        prepared, problems = prepare_lesson(
            root / "lessons" / f"{source_id}.yaml", root, workspace.sources
        )
        if prepared is None:
            print(f"{name}: not prepared: {problems[:1]}", file=sys.stderr)
            continue
        glossary = make_glossary(prepared, workspace.settings, workspace.glossaries)
        document = prepared.documents[0]
        ASKED[name] = next(
            (norm(d.question.entry.term) for d in glossary.documents if d.question), ""
        )
        LINES[name] = source_line(
            document.source.meta, document.excerpt.adapted, document.excerpt.whole
        )
        out[name] = [
            {
                "term": e.term,
                "surface": e.surface,  # as the text spells it where it is bold
                "definition": e.worksheet or e.definition or "",
                "origin": e.origin,
                "paragraph": e.paragraph,
                "senses": e.senses,  # a dictionary entry: how many senses it could have
            }
            for d in glossary.documents
            for e in d.entries
            if e.definition
        ]
    return out


def verdict(judged: dict, entry: dict) -> str:
    """The hand verdict on a printed entry ("" when none): one for the term, or one for each
    definition it was printed with (a mapping of a definition's opening words to a verdict)."""
    said = judged.get(norm(entry["term"]), "")
    if isinstance(said, dict):
        return next((v for k, v in said.items() if entry["definition"].startswith(k)), "")
    return said


def _explains(entry: dict, hand: set[str], names: set[str]) -> bool:
    """Does a printed entry explain one of a hand-list term's spellings under another name?"""
    if _names(norm(entry["term"]), hand & names):
        return True
    if entry.get("surface") and norm(entry["surface"]) in hand:
        return True
    # "Jones" defined as "Elwyn Jones, …"; "NSC" as "The National Security Council: …"
    opening = norm(re.split(r"[,(:]", entry["definition"], maxsplit=1)[0])
    opening = re.sub(r"^the ", "", opening)
    return bool(hand & names) and opening in hand & names


def _names(printed: str, surnames: set[str]) -> bool:
    """Is a printed full name the person a hand-list name means ("winston churchill")?"""
    return any(printed.endswith(" " + s) or printed.startswith(s + " (") for s in surnames)


def judge(entries: dict[str, list[dict]], spec: dict) -> tuple[list[dict], dict[str, int]]:
    """Each printed entry with its verdict, and the totals."""
    rows: list[dict] = []
    totals = {"printed": 0, "kept": 0, "hand": 0, "found": 0, "unjudged": 0, "line": 0}
    totals["office"] = 0  # of those, the source line gives the office ("Steere, Chargé in …")
    totals["asked"] = 0  # not in the box: the document's vocabulary question asks its meaning
    totals.update({b: 0 for b in BAD})
    for name, doc in spec["documents"].items():
        hand = [{norm(a) for a in str(t).split("|")} for t in doc.get("terms", [])]
        names = {
            norm(a) for t in doc.get("terms", []) for a in str(t).split("|") if a[:1].isupper()
        }
        printed = entries.get(name, [])
        # An entry explains a hand-list term it prints under another headword: "Winston
        # Churchill" the hand list's "Churchill"; "Department of the Treasury", bold where the
        # text says "Treasury Department"; "Jones", defined as "Elwyn Jones, …".
        hand = [a | {norm(e["term"]) for e in printed if _explains(e, a, names)} for a in hand]
        accepted = set().union(*hand) if hand else set()
        judged = {norm(k): v for k, v in (doc.get("judged") or {}).items()}
        verdicts = {norm(e["term"]): verdict(judged, e) for e in printed}
        totals["hand"] += len(hand)
        # a hand-list term counts as found only when its entry is one a teacher would keep
        kept = {n for n, v in verdicts.items() if v in ("", "keep") or v.startswith("keep")}
        totals["found"] += sum(1 for alternatives in hand if alternatives & kept)
        for entry in printed:
            key = norm(entry["term"])
            said = verdicts[key] or ("keep" if key in accepted else "unjudged")
            reason = said.split(":", 1)[0].strip()
            totals["printed"] += 1
            if reason == "keep":
                totals["kept"] += 1
            elif reason in BAD:
                totals[reason] += 1
            elif reason == "unjudged":
                totals["unjudged"] += 1
            rows.append({"file": name, **entry, "verdict": said})
        raw = LINES.get(name, "")
        line = norm(raw)
        for alternatives in hand:
            if not alternatives & kept:
                term = "|".join(sorted(alternatives))
                # the source line already names it ("Acheson, Secretary of State, ...")
                named = any(re.search(rf"\b{re.escape(a)}\b", line) for a in alternatives)
                totals["line"] += named
                office = any(
                    re.search(rf"(?i:\b{re.escape(a)}\b),\s+[A-Z]", raw) for a in alternatives
                )
                totals["office"] += named and office
                asked = ASKED.get(name, "") in alternatives
                totals["asked"] += asked
                said = "missed (the source line names it)" if named else "missed"
                said = "missed (asked as the vocabulary question)" if asked else said
                rows.append({"file": name, "term": term, "verdict": said, "definition": ""})
    return rows, totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--terms", type=Path, default=TERMS, help="the hand list (YAML)")
    parser.add_argument("--draw", action="store_true", help="print the seeded draw and stop")
    parser.add_argument("--excerpts", action="store_true", help="print each excerpt")
    parser.add_argument("--list", action="store_true", help="print every entry with its verdict")
    parser.add_argument(
        "--max-terms", type=int, help="dbq.yaml's glossary max_terms (default: dbq's own)"
    )
    parser.add_argument(
        "--rare-below", type=float, help="dbq.yaml's glossary rare_below (default: by grade)"
    )
    args = parser.parse_args()
    spec = yaml.safe_load(args.terms.read_text(encoding="utf-8"))
    names = draw(args.corpus, spec["seed"], spec["size"], spec.get("exclude"))
    if args.draw:
        print("\n".join(names))
        return 0
    if args.excerpts:  # to make a hand list blind: the excerpts, and no glossary
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            excerpts(root, build(args.corpus, root, names))
        return 0
    if sorted(spec["documents"]) != names:
        print(f"{args.terms} does not list the seeded draw", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        settings = {"max_terms": args.max_terms, "rare_below": args.rare_below}
        lines = [f"  {k}: {v}" for k, v in settings.items() if v is not None]
        if lines:
            (root / "dbq.yaml").write_text("glossary:\n" + "\n".join(lines) + "\n")
        entries = generate(root, build(args.corpus, root, names))
    rows, totals = judge(entries, spec)
    if args.list:
        for row in rows:
            origin = " (WordNet)" if row.get("origin") == "WordNet 3.0" else ""
            print(
                f"{row['file']:48} {row['term']:26} [{row['verdict']}]{origin} {row['definition']}"
            )
    printed, hand = totals["printed"], totals["hand"]
    print(
        f"{len(names)} documents (seed {spec['seed']}); printed {printed}, kept {totals['kept']} "
        f"(precision {totals['kept'] / max(printed, 1):.0%}); hand list {hand}, printed "
        f"{totals['found']} (recall {totals['found'] / max(hand, 1):.0%})"
    )
    print(", ".join(f"{k}: {totals[k]}" for k in (*BAD, "unjudged")))
    print(f"not printed, but named in the source line (explained or not): {totals['line']}")
    print(f"not in the box, but asked as the document's vocabulary question: {totals['asked']}")
    office = totals["office"]
    print(
        f"of those, named with their office ('Steere, Chargé in India'): {office}; recall "
        f"counting them as explained: {(totals['found'] + office) / max(hand, 1):.0%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
