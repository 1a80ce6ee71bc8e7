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

from dbq.workspace.timelines import TimelineEvent

WHOLE_WEIGHT = 0.3  # a term found elsewhere in the source, not in the excerpt itself
RARE = 3.5  # the weight of a term rare enough to tie a passage to an event on its own
QUALIFY = 3.6  # else the shared terms must weigh this much together
PERSON = 1.5  # a person named counts this much more towards either (Stalin, not "Soviet")


@dataclass(frozen=True, eq=False)  # hashed by identity: one table, many look-ups
class Names:
    """The names table: each name's other forms, and the name each form is filed under."""

    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    filed: dict[str, str] = field(default_factory=dict)  # lower-cased form -> name
    everywhere: frozenset[str] = frozenset()  # names that never tie a passage on their own
    # Countries, governments and peoples: they say who, not what; two of them alone (China
    # and the Chinese Communists, Britain and Korea) do not tie a passage to an event.
    countries: frozenset[str] = frozenset()
    # Government bodies routine telegrams name as actors (Congress, the State Department):
    # they never tie a passage to an event on their own, however rare.
    actors: frozenset[str] = frozenset()

    @classmethod
    def of(cls, data: dict | None) -> Names:
        """Names from the data file: its `names:` mapping and its `everywhere:` list."""
        data = data or {}
        forms: dict[str, tuple[str, ...]] = {}
        filed: dict[str, str] = {}
        for name, others in (data.get("names") or {}).items():
            forms[name] = tuple(others or ())
            filed[name.lower()] = name
        # A place or person the timeline writes in another form (Moscow, Formosa) is filed
        # under the name, so that it weighs as the name does; names themselves come first.
        for name, others in forms.items():
            for other in others:
                filed.setdefault(other.lower(), name)
        return cls(
            forms,
            filed,
            frozenset(data.get("everywhere") or ()),
            frozenset(data.get("countries") or ()),
            frozenset(data.get("actors") or ()),
        )

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
def _patterns(forms: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Patterns for the forms of a name: one for the lower-cased text, one for capitals.

    Forms in capitals (UN, PRC) must match as written; the rest match in any case, searched
    for in the lower-cased text (faster than a case-blind pattern).
    """
    lower = [f.lower() for f in forms if not f.isupper()]
    upper = [f for f in forms if f.isupper()]
    return _alternatives(lower), _alternatives(upper)


def _alternatives(forms: list[str]) -> re.Pattern[str] | None:
    if not forms:
        return None
    parts = [r"\s+".join(re.escape(w) for w in f.split()) for f in sorted(forms, key=len)[::-1]]
    return re.compile("|".join(parts))


def _found(pattern: re.Pattern[str] | None, text: str) -> bool:
    """True when the pattern matches a whole word (or words) of the text."""
    if pattern is None:
        return False
    # Word edges are checked here, not in the pattern: a pattern that starts with a plain
    # letter is searched for much faster than one that starts with a look-behind.
    for match in pattern.finditer(text):
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if not _joins(before) and not _joins(after):
            return True
    return False


def _joins(char: str) -> bool:
    return bool(char) and (char.isalnum() or char in "_-")


def event_terms(event: TimelineEvent, names: Names) -> frozenset[str]:
    """The names an event is filed under: its places, people and tags."""
    return frozenset(names.name_of(t) for t in (*event.places, *event.people, *event.tags))


def _people(events: list[TimelineEvent], names: Names) -> set[str]:
    return {names.name_of(p) for e in events for p in e.people}


@lru_cache(maxsize=2048)
def _first_words(forms: tuple[str, ...]) -> tuple[str, ...]:
    """The first word of each form, lower-cased: a text without any of them cannot match."""
    return tuple(re.findall(r"\w+", form.lower())[0] for form in forms if re.search(r"\w", form))


def mentioned(
    text: str,
    terms: set[str],
    names: Names,
    people: set[str],
    places: frozenset[str] = frozenset(),
) -> set[str]:
    """The terms a text mentions in any of their forms; `places` (towns and regions, not
    countries) are not found inside a longer name of something else ("New Delhi")."""
    if not text.strip():
        return set()
    # Most names are not in a given text: a look-up of its words rules them out before the
    # pattern is tried (a long source and a few hundred names would otherwise take long).
    folded = text.lower()
    words = set(re.findall(r"\w+", folded))
    found = set()
    for term in sorted(terms):
        forms = names.forms_of(term, term in people)
        if not any(w in words for w in _first_words(forms)):
            continue
        lower, upper = _patterns(forms)
        # "Delhi" inside "New Delhi", a form of India's: not a mention of the city's events
        longer = _holding(term, names) if term in places else ()
        here, there = _without_longer_names(folded, text, longer)
        named = _found(lower, here) or _found(upper, there)
        if named and (term not in people or _person_named(text, forms)):
            found.add(term)
    return found


def _without_longer_names(folded: str, text: str, longer: tuple[str, ...]) -> tuple[str, str]:
    """The text (lower-cased, and as written) with these longer names blanked out, so that
    "Delhi" is not found inside "New Delhi"; offsets stay where they were."""
    if not longer:
        return folded, text
    pattern = re.compile("|".join(re.escape(f) for f in longer), re.IGNORECASE)

    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group(0))

    return pattern.sub(blank, folded), pattern.sub(blank, text)


@lru_cache(maxsize=4096)
def _holding(name: str, names: Names) -> tuple[str, ...]:
    """Forms of other names that contain one of this name's forms as a whole word or words."""
    mine = [f.lower() for f in names.forms_of(name)]
    out = []
    for other, others in names.forms.items():
        if other == name:
            continue
        for form in (other, *others):
            lowered = form.lower()
            if any(
                lowered != f and re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", lowered)
                for f in mine
            ):
                out.append(form)
    return tuple(sorted(out, key=len, reverse=True))


# Words that may stand before a family name without making it someone else's.
TITLES = frozenset(
    re.findall(
        r"\w+",
        "mr mrs miss dr sir lord lady secretary secy general gen president ambassador "
        "amb minister premier chairman marshal admiral senator sen governor colonel col "
        "captain king queen emperor pandit mahatma madame mme prime foreign "
        "generalissimo comrade",
    )
)


def _person_named(text: str, forms: tuple[str, ...]) -> bool:
    """Does the text name this person, not another one of the same family name?

    A family name alone ("Marshall") inside another person's full name ("Charles Burton
    Marshall", the drafter of a 1951 telegram, not George C. Marshall) is not this person: a
    one-word form counts unless the word before it is a capitalised word in mid-sentence that is
    neither a title nor part of the person's own name.
    """
    own = {w.strip(".").lower() for f in forms for w in f.split()}
    for form in forms:
        words = form.split()
        pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if len(words) > 1:
                return True
            before = text[: match.start()]
            previous = re.search(r"([A-Za-z][\w.'-]*)\s+$", before)
            if previous is None:
                return True
            word = previous.group(1).rstrip(".")
            if not word[:1].isupper() or word.lower() in own or word.lower() in TITLES:
                return True
            ahead = before[: previous.start()].rstrip(" \t")
            if not ahead or ahead[-1] in '.!?:;\n("\u201c':
                return True  # the word before it starts a sentence: "Yesterday Acheson said"
    return False


def relevance(
    events: list[TimelineEvent],
    excerpt: str,
    whole: str,
    names: Names,
    among: set[str] | None = None,
    own: str = "",
) -> dict[str, float]:
    """Event id -> how much the passage has to do with it; events it is not about are left out.

    `among`: the ids of the events that may be chosen (say, those before the document);
    the weights of terms are counted over all the events. `own`: the names of the document's
    author, signer and addressee, which never count.

    Each term weighs log(1 + events / events with the term): "Kaesong" (two events) 4.0,
    "United States" (29 of 107) 1.6. An event is about the passage when it shares with the
    excerpt one term of weight RARE or more, or terms that weigh QUALIFY together ("Soviet"
    and "communism", "Chinese Communists" and "UN") of which one is not a country (China and
    the Chinese Communists are not enough, nor Britain and Japan for Yalta); a person counts
    PERSON times, so "Stalin" is enough, and the names found `everywhere` ("American") not at
    all. Only when
    no event is, the rest of the source is read as if it were the excerpt. The score adds
    WHOLE_WEIGHT of the terms shared only with the rest of the source, and is divided by the
    square root of the weight of all the event's terms, so that sharing one of an event's
    many terms says less than sharing one of few.
    """
    terms = {e.id: event_terms(e, names) for e in events}
    counts = Counter(t for ts in terms.values() for t in ts)
    every = set(counts)
    people = _people(events, names)
    weight = {t: math.log(1 + len(events) / counts[t]) for t in every}
    # Who wrote it, signed it or got it (`own`: "Acheson", "Department of State") is not what
    # it is about: a telegram signed by Acheson is not about his Pacific perimeter speech.
    places = frozenset(names.name_of(p) for e in events for p in e.places) - names.countries
    mine = mentioned(own, every, names, people, places)
    near = mentioned(excerpt, every, names, people, places) - mine
    far = mentioned(whole, every, names, people, places) - near - mine

    def about(ts: frozenset[str], found: set[str]) -> bool:
        # Names found everywhere, and government bodies named as who acts or whom to ask
        # ("friends in Congress", "the Department of State made representations"), tie
        # nothing: they add to the score of an event that is tied by something else.
        ignored = names.everywhere | names.actors
        terms = [t for t in ts & found if t not in ignored]
        shared = [weight[t] * (PERSON if t in people else 1) for t in terms]
        if not shared:
            return False
        # Two commoner terms tie only if one of them says what, not just who.
        what = any(t not in names.countries for t in terms)
        return max(shared) >= RARE or (what and sum(shared) >= QUALIFY)

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
