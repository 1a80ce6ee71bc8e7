"""Who the people named in a document are, from the document itself: never a guess.

The editors' notes (FRUS "[2] Warren R. Austin, U.S. Representative at the United Nations.",
DFAT "[3] Dr Jim Forbes, Australian Minister for the Army, 1963–66.", "[1] Richard Crossman was
Lord President of the Council, 1966–68; …", or an office alone on a name's marker: "Mr
Chamberlain [1]" / "[1] U.K. Prime Minister."), the head (author and office, recipient and
office, the signature and the title under it) and a memorandum's "Participants:" lines. A name
in the text is matched to a person by surname and by every given name or initial it shows; when
two people of the document share the surname, or the text's title does not fit the person, it
is matched to nobody.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from dbq.workspace.model import SourceMeta

NOTES, HEAD = "the source's notes", "the source's head"

# Courtesies: not part of the name as printed in a definition (Mr.), or kept (Sir, Dr).
DROPPED = frozenset(["mr", "mrs", "messrs", "ms", "miss", "mme", "madame", "herr", "dear"])
FEMALE = frozenset(["mrs", "ms", "miss", "mme", "madame", "lady", "dame"])
# Ranks, titles and offices that may stand before a name (General Sir Archibald Wavell).
_TITLE_WORDS = """sir lord lady dame dr doctor general gen lieutenant lt lt-gen lt-col colonel col
    major maj captain capt admiral adm rear vice brigadier commander marshal field air
    generalissimo ambassador minister senator president vice-president premier secretary
    chairman cde comrade governor consul counselor counsellor chargé charge prince king queen
    foreign prime deputy assistant acting under chief high commissioner representative
    delegate judge justice bishop father"""
TITLES = frozenset(_TITLE_WORDS.split())
# A rank as abbreviated and as written out, to compare a text's title with a person's.
RANKS = {
    "gen": "general",
    "adm": "admiral",
    "col": "colonel",
    "lt": "lieutenant",
    "maj": "major",
    "capt": "captain",
    "charge": "chargé",
    "counsellor": "counselor",
}
# Words that make a capitalised phrase an office, a body or a place, not a person's name.
_NOT_NAME_WORDS = """minister ministry secretary secretariat embassy legation department government
    commission commissioner committee council office affairs delegation mission consulate
    nations states kingdom union republic army navy force forces staff chiefs general
    assembly party document telegram cablegram despatch dispatch memorandum note letter
    the a an and of for to in at on by from with not see ibid also same neither under
    president prime premier ambassador representative embassy company bureau division
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday"""
NOT_NAME = frozenset(_NOT_NAME_WORDS.split())
PARTICLES = frozenset(
    [
        "von",
        "van",
        "de",
        "der",
        "den",
        "du",
        "da",
        "dos",
        "das",
        "di",
        "bin",
        "al",
        "el",
        "la",
        "le",
        "y",
    ]
)
SUFFIX = re.compile(r",?\s+(?:Jr|Sr)\.?(?=,|\s|$)")
INITIALS = re.compile(r"^(?:[A-Z]\.){1,4}$|^[A-Z]\.?-[A-Z]\.$")
NAME_WORD = re.compile(r"^(?:Mc|Mac|O['’]|D['’])?[A-Z][a-zà-ÿ'’]*(?:[-'’][A-Za-zà-ÿ'’]+)*$")
# An institution after an office: "Counselor, British Embassy" is "Counselor of the British
# Embassy".
INSTITUTION = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+)*(?:Embassy|Legation|Ministry|Mission|Delegation|Department|"
    r"Consulate(?: General)?|High Commission|Commission)\b(?! in\b)"
)
OFFICE_WORD = re.compile(
    r"\b(?:Minister|Secretary|Ambassador|Representative|representative|Counsel+or|Chief|"
    r"Commander|commander|Assistant|Director|Consul|Attaché|Commissioner|Deputy|President|"
    r"Chairman|Governor|Officer|Chargé|Charge|Adviser|Advisor|Delegate|head|Head|leader|"
    r"member|proprietor|Chancellor|Premier|Foreign Minister)\b"
)
MARKER = re.compile(r"^\s*\[?(?:fn)?(\d{1,3})\]?\s+")


@dataclass
class Name:
    """A person's name as printed, taken apart."""

    printed: str  # without Mr./Mrs.
    surname: str
    given: tuple[str, ...]  # given names and initials, in order ("C", "A", "Gerald")
    titles: frozenset[str] = frozenset()  # lower case, ranks written out (admiral)

    @property
    def bare(self) -> bool:
        """Only a surname: 'Steere'."""
        return not self.given and not (self.titles - DROPPED)


@dataclass
class Person:
    """Someone the document says who they are; `office` None when it names them only."""

    name: Name
    office: str | None
    origin: str
    also: list[Name] = field(default_factory=list)  # other forms of the name in the document

    @property
    def definition(self) -> str | None:
        if not self.office:
            return None
        office = _office_wording(self.office)
        name = self.fullest
        if name.bare:
            return _sentence(_with_article(office))
        return _sentence(f"{name.printed}, {office}")

    @property
    def fullest(self) -> Name:
        return max([self.name, *self.also], key=lambda n: (len(n.given), len(n.printed)))


AMBIGUOUS = "ambiguous"


@dataclass
class People:
    """The people one document identifies, and the matching of its names to them."""

    records: list[Person]  # as found: one name may be several records (Rankin, K. L. Rankin)
    author: Name | None = None

    def is_author(self, person: Person) -> bool:
        """The author, whom the source line names with their office."""
        author = self.author
        return (
            author is not None
            and any(_compatible(author, n) and not n.bare for n in (person.name, *person.also))
            or (author is not None and author.bare and _compatible(author, person.name))
        )

    def identify(self, words: list[str], before: str = "") -> Person | str | None:
        """The person a name in the text is, AMBIGUOUS when unsure, None when nobody's.

        words: the name as printed ("Gerald", "Meade"); before: the text just before it, for a
        courtesy or title ("Mrs. ", "President ").
        """
        name = _text_name(words, before)
        if name is None:
            return None
        return self.person(name)

    def person(self, name: Name) -> Person | str | None:
        same = [r for r in self.records if _same_surname(r.name, name)]
        if not same:
            return None
        fitting = [r for r in same if _compatible(r.name, name)]
        full = [r for r in fitting if not r.name.bare]
        if not fitting or any(not _compatible(a.name, b.name) for a in full for b in full):
            return AMBIGUOUS  # another person of this surname, or two it could be
        offices = {r.name.bare for r in fitting if r.office}
        if len(offices) > 1:
            return AMBIGUOUS  # 'Wilson' of the head and a Wilson of the notes: which?
        person = _joined(fitting)
        return person if _title_fits(name, person) else AMBIGUOUS


def _joined(records: list[Person]) -> Person:
    """Records of one person as one: the notes' office first, every form of the name."""
    first = next((r for r in records if r.office), records[0])
    others = [r.name for r in records if r is not first]
    return Person(first.name, first.office, first.origin, others)


def document_people(meta: SourceMeta, paragraphs: Sequence[str] = ()) -> People:
    """Everyone the document's notes, head and participants' lines say who they are."""
    records: list[Person] = []
    for note in meta.notes:
        records += _note_people(note, list(paragraphs))
    records += _head_people(meta)
    for paragraph in paragraphs:
        records += _participants(paragraph)
    return People(records, _author(meta))


def author_name(meta: SourceMeta) -> str | None:
    """The author as the document or its notes name them most fully ('Dean Acheson').

    The author field, else the signature when an office wrote it ("Secretary of State" signed
    "Acheson"); a fuller form of the same name from the signature or the notes.
    """
    name = _author(meta)
    if name is None:
        return meta.author
    people = People([p for note in meta.notes for p in _note_people(note, [])])
    match = people.person(name)
    forms = [name, *([match.name, *match.also] if isinstance(match, Person) else [])]
    return max(forms, key=lambda n: (len(n.given), len(n.printed))).printed


def _author(meta: SourceMeta) -> Name | None:
    """The author's name from the head: author, or the signer of an office's telegram, and the
    signature's fuller form of the same name (Rusk, signed Dean Rusk)."""
    signature = parse_name(_name_case(meta.signature)) if meta.signature else None
    signed_for = bool(meta.signed_for or meta.signer_title)
    if meta.author:
        name = parse_name(_name_case(meta.author))
        if name and signature and not signed_for and _compatible(signature, name):
            return max((name, signature), key=lambda n: (len(n.given), len(n.printed)))
        return name
    if meta.author_role and signature and not signed_for:
        return signature
    return None


def parse_name(text: str) -> Name | None:
    """A person's name ('Rear Adm. Harry B. Jarrett', 'Wu Hsiu-chuan'), or None."""
    text = SUFFIX.sub("", text.strip().rstrip(".,;:")).strip()
    words = text.split()
    if not words or len(words) > 7:
        return None
    titles: list[str] = []
    while words and _title(words[0]) and len(words) > 1:
        titles.append(_title(words[0]))
        words = words[1:]
    if not words or any(_title(w) in DROPPED for w in words):
        return None
    given: list[str] = []
    for index, word in enumerate(words):
        low = word.lower().strip(".,")
        if low in PARTICLES and 0 < index < len(words) - 1:
            continue
        if INITIALS.match(word):
            if index == len(words) - 1:
                return None  # a name ends with a surname
            given += [c for c in word if c.isalpha()]
        elif low in NOT_NAME or any(c.isdigit() for c in word):
            return None
        elif NAME_WORD.match(word) and len(word) > 1:
            given.append(word)
        else:
            return None
    names = [g for g in given if len(g) > 1]
    if not names:
        return None
    # Wade-Giles order: surname first, then a hyphenated given name (Yu Ta-wei, Chiang Kai-shek)
    if len(words) in (2, 3) and re.match(r"^[A-Z][\w'’]*-[a-z]", words[-1]) and len(names) >= 2:
        surname, rest = words[0], words[1:]
    else:
        surname, rest = given[-1], given[:-1]
    shown = text.split()
    while shown and _title(shown[0]) in ("mr", "messrs", "dear", "herr"):
        shown = shown[1:]
    printed = " ".join(shown)
    return Name(printed, surname, tuple(rest), frozenset(titles))


def _title(word: str) -> str:
    low = word.lower().replace(".", "").strip(",")
    low = RANKS.get(low, low)
    return low if low in TITLES or low in DROPPED or low in ("lt-gen", "lt-col") else ""


def _name_case(text: str) -> str:
    """A signature in capitals (BRUCE) as a name (Bruce)."""
    if text.isupper():
        return " ".join(w if INITIALS.match(w) else w.capitalize() for w in text.split())
    return text


def _text_name(words: list[str], before: str) -> Name | None:
    words = [re.sub(r"['’]s$", "", w) for w in words if w]
    courtesy = re.search(r"\b([A-Z][a-z]{0,13})\.?\s*$", before)
    leading = [courtesy.group(1)] if courtesy and _title(courtesy.group(1)) else []
    name = parse_name(" ".join(leading + words)) or parse_name(" ".join(words))
    return name


def _same_surname(a: Name, b: Name) -> bool:
    return _fold(a.surname) == _fold(b.surname)


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


def _compatible(a: Name, b: Name) -> bool:
    """Could these be one person: no given name or initial of one contradicts the other's."""
    if not _same_surname(a, b):
        return False
    if (a.titles & FEMALE) != (b.titles & FEMALE) and (a.titles | b.titles) & FEMALE:
        return False
    short, long = sorted((a.given, b.given), key=len)
    pool = [g.lower() for g in long]
    for token in short:
        low = token.lower()
        fits = [g for g in pool if g == low or ((len(g) == 1 or len(low) == 1) and g[0] == low[0])]
        if not fits:
            return False
        pool.remove(fits[0])
    return True


def _title_fits(name: Name, person: Person) -> bool:
    """A title the text gives (President Wilson) is the person's own, or the text gives none."""
    shown = name.titles - DROPPED - {"sir", "lord", "lady", "dame", "dr", "doctor"}
    if not shown:
        return True
    own = " ".join(
        [*(n_t for n in (person.name, *person.also) for n_t in n.titles), person.office or ""]
    ).lower()
    words = {RANKS.get(w, w) for w in re.findall(r"[\w-]+", own.replace(".", ""))}
    return shown <= words


def _note_people(note: str, paragraphs: list[str]) -> list[Person]:
    """The people a note names: 'Name, office.', 'Name was office; Name was office.', a name
    alone, or an office alone that its marker puts on a name in the text."""
    marker = MARKER.match(note)
    if not marker:
        return []
    body = note[marker.end() :].strip()
    first = _first_sentence(body)
    found: list[Person] = []
    for clause in first.split(";"):
        clause = clause.strip().rstrip(".")
        person = _name_office(clause, NOTES, r",\s+| was (?=[A-Z])")
        if person:
            found.append(person)
    if found:
        return found
    opening = re.match(r"^(?:[A-Z][\w.'’-]*\s+)*[A-Z][\w.'’-]*", first)
    if opening and _opens_with_name(opening.group()):
        return []  # 'Hubert G. Schenck was replacing Moyer …': about a person, not an office
    if OFFICE_WORD.search(first) and len(first.split()) <= 16:
        name = _marked_name(paragraphs, marker.group(1))
        if name:
            office = first.rstrip(".")
            return [Person(name, re.sub(r"^The\b", "the", office), NOTES)]
    return []


def _opens_with_name(words: str) -> bool:
    """Do the capitalised words a note opens with start with a person's name?"""
    split = words.split()
    return any(parse_name(" ".join(split[:n])) for n in range(2, len(split) + 1))


def _name_office(text: str, origin: str, separator: str) -> Person | None:
    """'Name, office' or 'Name was office' (a name alone: no office)."""
    text = SUFFIX.sub("", text)
    parts = re.split(separator, text, maxsplit=1)
    name = parse_name(parts[0])
    if name is None:
        return None
    office = parts[1].strip().rstrip(".") if len(parts) > 1 else None
    if office and _abbreviation(office):
        office = None
    if office and not office[:1].isupper() and not OFFICE_WORD.search(_words(office, 3)):
        return None  # 'Name, who …': not an office
    return Person(name, office, origin)


def _words(text: str, count: int) -> str:
    return " ".join(text.split()[:count])


def _abbreviation(office: str) -> bool:
    """A bureau's letters only (EUR, FE, UNP): no office a student can read."""
    return bool(re.fullmatch(r"[A-Z]{1,5}", office.strip()))


def _first_sentence(text: str) -> str:
    for match in re.finditer(r"\.(?=\s+[A-Z]|\s*$)", text):
        before = text[: match.start()].split()
        word = before[-1] if before else ""
        if len(word.strip("“”\"'")) >= 4 and "." not in word or word[-1:].isdigit():
            return text[: match.end()]
    return text


def _marked_name(paragraphs: list[str], number: str) -> Name | None:
    """The name the note's marker stands on in the text ('Mr Chamberlain [1]')."""
    pattern = re.compile(r"((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*)\s?\[(?:fn)?" + number + r"\]")
    for paragraph in paragraphs:
        for match in pattern.finditer(paragraph):
            words = match.group(1).split()
            for first in range(len(words)):  # the longest name: Vice-President Lobato
                before = paragraph[: match.start(1)] if first == 0 else ""
                if name := _text_name(words[first:], before):
                    return name
    return None


def _head_people(meta: SourceMeta) -> list[Person]:
    found = []
    author = _author(meta)
    if author is not None:
        found.append(Person(author, meta.author_role, HEAD))
    recipient = parse_name(_name_case(meta.recipient)) if meta.recipient else None
    if recipient is not None:
        found.append(Person(recipient, meta.recipient_role, HEAD))
    signer = parse_name(_name_case(meta.signature)) if meta.signature else None
    if signer is not None and meta.signer_title and not (author and _compatible(author, signer)):
        found.append(Person(signer, meta.signer_title, HEAD))
    return found


def _participants(paragraph: str) -> list[Person]:
    """A memorandum of conversation's 'Participants:' lines: 'Mr. X, Counselor, Embassy'."""
    head = re.match(r"^\s*(?:Participants|Present)\s*:\s*", paragraph)
    if not head:
        return []
    found = []
    for line in paragraph[head.end() :].split("\n"):
        line = re.sub(r"\[(?:fn)?\d{1,3}\]", "", line).strip()
        person = _name_office(line, HEAD, r",\s+|\s*[—–]\s*")
        if person is None and "—" in line:  # 'FE—Mr. Merchant'
            office, _, who = line.partition("—")
            name = parse_name(who)
            if name:
                person = Person(name, None if _abbreviation(office) else office.strip(), HEAD)
        if person:
            found.append(person)
    return found


def _office_wording(office: str) -> str:
    """'Counselor, British Embassy' -> 'Counselor of the British Embassy'; else as written."""
    parts = [p.strip() for p in office.split(",")]
    if (
        len(parts) == 2
        and OFFICE_WORD.search(parts[0])
        and " of " not in f" {parts[0]} "
        and INSTITUTION.match(parts[1])
        and not parts[1].lower().startswith("the ")
    ):
        return f"{parts[0]} of the {parts[1]}"
    return office


def _with_article(office: str) -> str:
    if re.match(r"^(?:the|a|an)\b", office, re.I):
        return office[:1].upper() + office[1:]
    return f"The {office}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."
