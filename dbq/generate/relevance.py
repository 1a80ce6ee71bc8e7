"""Which events a passage is about: the people, places, organisations and subjects they share.

Pure functions. An event's terms are its places, people and tags, each under the name the
names table (dbq/data/context-names.yaml) files it under; a passage's terms are the names it
mentions in any of their forms (Peking, Formosa, Commies). Rarer terms weigh more, so sharing
"Kaesong" says more than sharing "United States".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from dbq.timeline import TimelineEvent

WHOLE_WEIGHT = 0.3  # a term found elsewhere in the source, not in the excerpt itself
QUALIFY = 3.5  # shared weight that makes a passage about an event: one rare term, or two
PERSON = 1.5  # a person named counts this much more towards it (Stalin, not "Soviet")


@dataclass(frozen=True)
class Names:
    """The names table: each name's other forms, and the name each form is filed under."""

    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    filed: dict[str, str] = field(default_factory=dict)  # lower-cased form -> name

    @classmethod
    def of(cls, table: dict[str, list[str]] | None) -> Names:
        """Names from the data file's `names:` mapping."""
        forms: dict[str, tuple[str, ...]] = {}
        filed: dict[str, str] = {}
        for name, others in (table or {}).items():
            forms[name] = tuple(others or ())
            filed[name.lower()] = name
        # A place or person the timeline writes in another form (Moscow, Formosa) is filed
        # under the name, so that it weighs as the name does; names themselves come first.
        for name, others in forms.items():
            for other in others:
                filed.setdefault(other.lower(), name)
        return cls(forms, filed)

    def name_of(self, term: str) -> str:
        """The name a place, person or tag is filed under ('Formosa' -> 'Taiwan')."""
        return self.filed.get(term.lower(), term)

    def forms_of(self, name: str, person: bool = False) -> tuple[str, ...]:
        """Every way a text may write the name; an unlisted person also by the last name."""
        listed = self.forms.get(name)
        if listed is not None:
            return (name, *listed)
        words = name.split()
        if person and len(words) > 1 and len(words[-1]) >= 4:
            return (name, words[-1])
        return (name,)


@lru_cache(maxsize=2048)
def _pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for all forms of a name: capitals match as written, the rest in any case."""
    parts = []
    for form in sorted(forms, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in form.split())
        parts.append(body if form.isupper() else f"(?i:{body})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def event_terms(event: TimelineEvent, names: Names) -> frozenset[str]:
    """The names an event is filed under: its places, people and tags."""
    return frozenset(names.name_of(t) for t in (*event.places, *event.people, *event.tags))


def _people(events: list[TimelineEvent], names: Names) -> set[str]:
    return {names.name_of(p) for e in events for p in e.people}


def mentioned(text: str, terms: set[str], names: Names, people: set[str]) -> set[str]:
    """The terms a text mentions in any of their forms."""
    if not text.strip():
        return set()
    return {
        term
        for term in sorted(terms)
        if _pattern(names.forms_of(term, term in people)).search(text)
    }


def relevance(
    events: list[TimelineEvent],
    excerpt: str,
    whole: str,
    names: Names,
    among: set[str] | None = None,
) -> dict[str, float]:
    """Event id -> how much the passage has to do with it; events it is not about are left out.

    `among`: the ids of the events that may be chosen (say, those before the document);
    the weights of terms are counted over all the events.

    Each term weighs log(1 + events / events with the term): "Kaesong" (two events) 4.0,
    "United States" (29 of 107) 1.6. An event is about the passage when the terms it shares
    with the excerpt weigh QUALIFY or more, one rare term or two commoner ones ("Soviet"
    and "communism", not "Soviet" and "American"; a person counts PERSON times, so "Stalin"
    is enough); only when no event is, the rest of the
    source is read as if it were the excerpt. The score adds WHOLE_WEIGHT of the terms shared
    only with the rest of the source, and is divided by the square root of the weight of all
    the event's terms, so that sharing one of an event's many terms says less than one of few.
    """
    terms = {e.id: event_terms(e, names) for e in events}
    counts = Counter(t for ts in terms.values() for t in ts)
    every = set(counts)
    people = _people(events, names)
    weight = {t: math.log(1 + len(events) / counts[t]) for t in every}
    near = mentioned(excerpt, every, names, people)
    far = mentioned(whole, every, names, people) - near

    def about(ts: frozenset[str], found: set[str]) -> bool:
        shared = ts & found
        return sum(weight[t] * (PERSON if t in people else 1) for t in shared) >= QUALIFY

    chosen = [e.id for e in events if among is None or e.id in among]
    if not any(about(terms[i], near) for i in chosen):
        near, far = near | far, set()
    scores: dict[str, float] = {}
    for event in events:
        if event.id not in chosen or not about(terms[event.id], near):
            continue
        score = sum(weight[t] for t in terms[event.id] & near)
        score += WHOLE_WEIGHT * sum(weight[t] for t in terms[event.id] & far)
        scores[event.id] = score / math.sqrt(sum(weight[t] for t in terms[event.id]))
    return scores
