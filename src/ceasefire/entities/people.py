"""People: names introduced by a title, an apposition or a speech verb; aliases the text
gives; short forms of names already given in full.

An apposition may stand on either side of the name and needs no determiner when an "of"/"for"
complement or the apposition's end follows the office ("X, commander of the operations room,",
"the President of the Republic, X,", "US ambassador, X."). Particles inside a name belong to it
("Omar al-Bashir", "von der Leyen"), and so does a short lower-case syllable hyphenated onto a
short given name ("Ban Ki-moon"), never a participle ("Haftar-led").

A person outside the registry gets the stable id ``person:<slug>`` of the name
as written without titles, so the same person written the same way has the same
id in every document. Titles ("Mufti", "Lt Gen", "Prime Minister") are never
part of a name; soft titles ("Hafiz", "Haji", "Syed") are stripped only when two
or more name words follow, since "Hafiz Saeed" is a name but "Hafiz Abdul
Majeed" is Abdul Majeed. Short forms ("Mehsud", "Mr. Basit") resolve to the one
person of that name given in full earlier in the document, and to nobody when
two people share it.

Whom a person acts for (``affiliation``) is taken only where the text makes it
plain: a country word or an actor right before the office that introduces the
name ("Afghan President Ashraf Ghani", "TTP chief Noor Wali Mehsud"), the "of"
complement after a titled name ("President Salva Kiir of South Sudan"), or the
same in apposition ("Zabihullah Mujahid, the Taliban's spokesman,"). "The
spokesman" later in the text is that person when exactly one person of the
document was introduced with that office. Offices are ``offices`` and
``forces_offices`` of ``data/lexicons/discovery.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process
from spacy.tokens import Doc

from ceasefire.entities.actor_rules import CountryRule, Days, Phrase, load_rules
from ceasefire.entities.mentions import ActorFinding, ActorMention
from ceasefire.entities.registry import ActorRecord
from ceasefire.nlp.lexicons import cues, load_yaml, token_forms
from ceasefire.nlp.tokens import at, token_view

FUZZY_NAME_SCORE = 88  # rapidfuzz ratio for spelling variants of a registry person ("Faiz Hammed")
# particles inside a name, lower case: "Noor-ul-Haq", "Omar al-Bashir", "Lula da Silva", "von der Leyen"
NAME_CONNECTORS = frozenset(
    {
        "-",
        "ul",
        "ud",
        "ur",
        "al",
        "el",
        "bin",
        "bint",
        "ibn",
        "e",
        "i",
        "u",
        "din",
        "uddin",
        "da",
        "de",
        "dos",
        "das",
        "del",
        "di",
        "du",
        "van",
        "von",
        "der",
    }
)
MAX_NAME_TOKENS = 4
MAX_SYLLABLE = 4  # letters in each part of a hyphenated given name ("Ki-moon")
SKIPPED_AFTER_CUE = frozenset({"the", '"', "“", "'", "‘", "(", ","})
OPEN_PUNCT = frozenset({"(", ",", "-", "—", "–"})
POSSESSIVE = frozenset({"'s", "’s"})
DETERMINERS = frozenset({"the", "a", "an"})
APPOSITION_ENDS = frozenset({",", ".", ";", ")", "—", "–"})
ROLE_COMPLEMENTS = frozenset({"of", "for", "at", "to"})  # "leader of", "spokesman for", "adviser to"
COORDINATORS = frozenset({"and", "or"})
NAME_CLOSERS = APPOSITION_ENDS | {"and", "who", "whose"}  # what may follow a name in apposition


@dataclass(frozen=True)
class PeopleIndex:
    """What the finders need to know about registry people, built once per registry."""

    names: tuple[str, ...]
    ids: tuple[str, ...]
    last_names: Mapping[str, str]


def people_index(records: Mapping[str, ActorRecord]) -> PeopleIndex:
    """Lower-cased names of registry people (for fuzzy matching) and last names only one of them has."""
    pairs = [(n.lower(), r.id) for r in records.values() if r.kind == "person" for n in r.names]
    owners: dict[str, set[str]] = {}
    for name, actor in pairs:
        words = name.split()
        if len(words) >= 2:
            owners.setdefault(words[-1], set()).add(actor)
    last = {word: next(iter(ids)) for word, ids in owners.items() if len(ids) == 1}
    return PeopleIndex(names=tuple(n for n, _ in pairs), ids=tuple(a for _, a in pairs), last_names=last)


def slug(name: str) -> str:
    """A stable id-safe form of a name: "Talat Masood" -> "talat-masood"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# ----------------------------------------------------------------------------- name tokens


def name_flags(doc: Doc, blocked: set[int]) -> list[bool]:
    """Which tokens may belong to a person's name (capitalised, not a known word or entity)."""
    shaped = doc.user_data.get(_NAME_SHAPED)
    if not isinstance(shaped, list) or len(shaped) != len(doc):
        stop = load_rules().people.not_name_words
        view = token_view(doc)
        shaped = [
            alpha and title and lower not in stop and len(text) > 1
            for alpha, title, lower, text in zip(
                view.is_alpha, view.is_title, view.lower, view.text, strict=True
            )
        ]
        doc.user_data[_NAME_SHAPED] = shaped  # the same for every call on this doc: keep it
    flags = list(shaped)
    for i in blocked:
        if 0 <= i < len(flags):
            flags[i] = False
    return flags


_NAME_SHAPED = "ceasefire.name_shaped"


def _run_from(doc: Doc, start: int, flags: list[bool]) -> int:
    """End of the name starting at ``start``: particles inside ("Omar al-Bashir", "Osama bin Laden")
    and hyphenated given names ("Ban Ki-moon") belong to it."""
    lower = token_view(doc).lower
    end = i = start
    while i < len(lower) and end - start < MAX_NAME_TOKENS + 2:
        if flags[i]:
            i = _syllable_end(doc, i)
            end = i
        elif end > start and (k := _particles_end(lower, i, flags)) > i:
            i = k
        else:
            break
    return end


def _particles_end(lower: list[str], i: int, flags: list[bool]) -> int:
    """Past one or two particles ("ul", "al -") at ``i`` when a name word follows them, else ``i``."""
    k = i
    while k < len(lower) and k - i < 2 and lower[k] in NAME_CONNECTORS:
        k += 1
    return k if k > i and k < len(lower) and flags[k] else i


def _syllable_end(doc: Doc, i: int) -> int:
    """End of a name word with a hyphenated lower-case syllable written onto it ("Ki-moon", "Jae-in",
    "Jong-un": Korean given names), else ``i + 1``. Both parts are short, so "Haftar-led" is no name."""
    view = token_view(doc)
    text = view.text
    if (
        i + 2 < len(text)
        and text[i + 1] == "-"
        and len(text[i]) <= MAX_SYLLABLE
        and 2 <= len(text[i + 2]) <= MAX_SYLLABLE
        and view.is_lower[i + 2]
        and view.is_alpha[i + 2]
        and not doc[i].whitespace_
        and not doc[i + 1].whitespace_
    ):
        return i + 3
    return i + 1


def _run_to(doc: Doc, end: int, flags: list[bool]) -> int:
    """Start of the name ending just before ``end`` (particles and syllables inside, as ``_run_from``)."""
    lower = token_view(doc).lower
    start = end
    while start > 0 and end - start < MAX_NAME_TOKENS + 2:
        if flags[start - 1]:
            start -= 1
            continue
        k = start  # a syllable ("Ki-moon") or particles ("al-") before the name word at ``start``
        if start - 3 >= 0 and flags[start - 3] and _syllable_end(doc, start - 3) == start:
            start -= 3
            continue
        while k > 0 and start - k < 2 and lower[k - 1] in NAME_CONNECTORS:
            k -= 1
        if k < start and k > 0 and flags[k - 1] and start < end:
            start = k
            continue
        break
    return start


def _strip_soft(doc: Doc, start: int, end: int) -> int:
    """Skip soft titles ("Hafiz", "Haji") that leave at least two name words."""
    soft = load_rules().people.soft_titles
    lower = token_view(doc).lower
    while end - start >= 3 and lower[start] in soft:
        start += 1
    return start


@cache
def _titles_by_first_word() -> dict[str, tuple[Phrase, ...]]:
    """Titles grouped by their first word, longest first, so each token checks only its own."""
    grouped: dict[str, list[Phrase]] = {}
    for title in load_rules().people.titles:
        grouped.setdefault(title[0], []).append(title)
    return {word: tuple(sorted(titles, key=len, reverse=True)) for word, titles in grouped.items()}


def title_at(doc: Doc, i: int) -> int:
    """Length of the title starting at token ``i`` (0 if none)."""
    for title in _titles_by_first_word().get(token_view(doc).lower[i], ()):
        if at(doc, i, title):
            return len(title)
    return 0


# ----------------------------------------------------------------------------- introductions


def titled_names(doc: Doc, flags: list[bool]) -> Iterable[tuple[int, int]]:
    """Names after a title: "Mufti Noor Wali", "Lt General Faiz Hameed", "Mr. Masood"."""
    firsts = _titles_by_first_word()
    resume = 0
    for i in [i for i, word in enumerate(token_view(doc).lower) if word in firsts]:  # no title elsewhere
        if i < resume:
            continue
        size = title_at(doc, i)
        start = i + size
        while size and start < len(doc) and title_at(doc, start):  # "Lt Gen (retd) Maulana ..."
            start += title_at(doc, start)
        end = _run_from(doc, start, flags) if size and start < len(doc) else start
        if end > start:
            yield _strip_soft(doc, start, end), end
        resume = max(i + 1, end)


def introduced_names(doc: Doc, flags: list[bool]) -> Iterable[tuple[int, int]]:
    """Two-or-more-word names in apposition ("Sher Bahadur, a school teacher", "Ali Khan, leader of the
    front", "the president of Eritrea, Isaias Afwerki,") or speech attribution."""
    rules = load_rules().people
    speech = cues().speech_verbs
    view = token_view(doc)
    cued = [i for i, lower in enumerate(view.lower) if lower in speech or lower in {",", "according"}]
    for i in cued:
        text, lower = view.text[i], view.lower[i]
        if text == "," and _apposition_follows(doc, i + 1, rules.apposition_roles):
            start = _run_to(doc, i, flags)
            if i - start >= 2:
                yield _strip_soft(doc, start, i), i
        if text == "," and office_before_comma(doc, i) is not None:
            end = _run_from(doc, i + 1, flags)
            if end - (i + 1) >= 2 and (end == len(doc) or view.lower[end] in NAME_CLOSERS):
                yield _strip_soft(doc, i + 1, end), end
        if at(doc, i, ("according", "to")) and i + 2 < len(doc):
            end = _run_from(doc, i + 2, flags)
            if end - (i + 2) >= 2:
                yield _strip_soft(doc, i + 2, end), end
        if lower in speech:
            start = _run_to(doc, i, flags)
            if i - start >= 2:
                yield _strip_soft(doc, start, i), i
            end = _run_from(doc, i + 1, flags) if i + 1 < len(doc) else i + 1
            if end - (i + 1) >= 2:
                yield _strip_soft(doc, i + 1, end), end


def _apposition_follows(doc: Doc, i: int, roles: frozenset[str]) -> bool:
    """ ", a retired general", ", 45, a shopkeeper": a determiner then a role noun within a few words; or,
    with no determiner, a role noun that an "of"/"for" complement or the apposition's end follows
    (", commander of the operations room", ", spokesman for the task force")."""
    if i + 1 < len(doc) and doc[i].like_num and doc[i + 1].text == ",":
        i += 2
    if i >= len(doc):
        return False
    determiner = doc[i].lower_ in DETERMINERS
    for k in range(i + determiner, min(len(doc), i + 6)):
        token = doc[k]
        if token.is_punct:
            return False
        if token.lower_ in roles:
            if determiner:
                return True
            after = doc[k + 1].lower_ if k + 1 < len(doc) else "."
            return after in ROLE_COMPLEMENTS or after in APPOSITION_ENDS
    return False


def office_before_comma(doc: Doc, comma: int) -> tuple[int, Phrase, int | None] | None:
    """The office that a name after ``comma`` stands in apposition to: "US ambassador, Dean Pittman",
    "the President of the Republic, Filipe Nyusi". Returns (where the office starts, the office, where
    its "of" complement starts, or None when it has none)."""
    view = token_view(doc)
    j = comma
    k = j
    while k > 0 and j - k < MAX_OFFICE_TOKENS + 2 and (view.is_title[k - 1] or view.lower[k - 1] == "the"):
        k -= 1
    if k < j and k > 0 and view.lower[k - 1] == "of":
        j = k - 1
    office = _office_ending(doc, j)
    if office is None:
        return None
    return j - len(office), office, (j + 1 if j < comma else None)


# ----------------------------------------------------------------------------- people and short forms


@dataclass
class ShortForms:
    """Short forms (last names, learned aliases) -> person id in one document; ``None`` when ambiguous."""

    ids: dict[str, str | None] = field(default_factory=dict)

    def add(self, form: str, actor: str) -> None:
        known = self.ids.get(form, actor)
        self.ids[form] = actor if known == actor else None

    def get(self, form: str) -> str | None:
        return self.ids.get(form)

    def ambiguous(self, form: str) -> bool:
        return form in self.ids and self.ids[form] is None


def short_forms(doc: Doc, mentions: Iterable[ActorMention], finding: ActorFinding) -> ShortForms:
    """Last names of the people named in full (two or more words) in the document."""
    shorts = ShortForms()
    for m in mentions:
        record = finding.record(m.actor)
        if record is not None and record.kind == "person" and m.end - m.start >= 2:
            shorts.add(doc[m.end - 1].text, m.actor)
    return shorts


def fuzzy_registry_person(name: str, index: PeopleIndex) -> str | None:
    """The registry person whose name this spells within a typo ("Faiz Hammed"), if any."""
    best = process.extractOne(name.lower(), index.names, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_SCORE)
    return index.ids[best[2]] if best else None


def find_people(
    doc: Doc, flags: list[bool], shorts: ShortForms, index: PeopleIndex, finding: ActorFinding
) -> list[ActorMention]:
    """People introduced by titles, appositions or attribution; a titled short form resolves in-document."""
    heads = organisation_heads()
    spans = sorted(
        s
        for s in set(titled_names(doc, flags)) | set(introduced_names(doc, flags))
        if doc[s[1] - 1].lower_ not in heads  # "the African Union said"
        and not (s[0] >= 2 and doc[s[0] - 1].lower_ in {"of", "for"} and doc[s[0] - 2].is_title)
    )  # nor the end of a longer name: "the Observatory for Human Rights said"
    found = []
    for start, end in (s for s in spans if s[1] - s[0] >= 2):
        name = doc[start:end].text
        actor = fuzzy_registry_person(name, index) or f"person:{slug(name)}"
        if actor.startswith("person:"):
            finding.new.setdefault(actor, ActorRecord(id=actor, name=name, kind="person"))
        shorts.add(doc[end - 1].text, actor)
        found.append(ActorMention(start, end, actor, "person"))
    for start, end in (s for s in spans if s[1] - s[0] == 1):
        name = doc[start].text
        if shorts.ambiguous(name):
            continue
        actor = shorts.get(name) or index.last_names.get(name.lower()) or f"person:{slug(name)}"
        if actor.startswith("person:"):
            finding.new.setdefault(actor, ActorRecord(id=actor, name=name, kind="person"))
        found.append(ActorMention(start, end, actor, "person"))
    return found


def find_short_forms(
    doc: Doc, flags: list[bool], shorts: ShortForms, named: list[ActorMention]
) -> list[ActorMention]:
    """A bare short form ("Mehsud") for the one person given in full earlier ("Noor Wali Mehsud")."""
    blockers = load_rules().people.short_form_not_before
    first: dict[str, int] = {}
    for m in named:
        first.setdefault(m.actor, m.start)
    if not shorts.ids:
        return []
    view = token_view(doc)
    found = []
    for i, text in enumerate(view.text):
        actor = shorts.get(text) if flags[i] else None
        if actor is None or first.get(actor, len(view.text)) >= i:
            continue
        if i + 1 < len(view.text) and view.lower[i + 1] in blockers:
            continue
        found.append(ActorMention(i, i + 1, actor, "surname"))
    return found


# ----------------------------------------------------------------------------- aliases given in the text


@cache
def _alias_cues_by_first_word() -> dict[str, tuple[Phrase, ...]]:
    grouped: dict[str, list[Phrase]] = {}
    for cue in load_rules().people.alias_cues:
        grouped.setdefault(cue[0], []).append(cue)
    return {word: tuple(sorted(c, key=len, reverse=True)) for word, c in grouped.items()}


def _cue_at(doc: Doc, i: int) -> int:
    """Length of the alias cue at ``i``; a bracketed acronym after a name ("(HGB)") is its own cue."""
    view = token_view(doc)
    for cue in _alias_cues_by_first_word().get(view.lower[i], ()):
        if at(doc, i, cue):
            return len(cue)
    text = view.text
    if text[i] == "(" and i + 2 < len(text) and text[i + 2] == ")" and _is_acronym(text[i + 1]):
        return 1
    return 0


def _is_acronym(text: str) -> bool:
    return len(text) >= 2 and text[0].isupper() and sum(c.isupper() for c in text) >= 2 and text.isalpha()


def learn_aliases(
    doc: Doc, mentions: list[ActorMention], flags: list[bool], finding: ActorFinding
) -> list[ActorMention]:
    """Names the text says are the same actor: "X (also known as Y)", "X, alias Y", "X (XYZ)".

    RETURNS (list[ActorMention]): a mention, with the actor's id, for every occurrence of each
    learned name in the document; the caller lets them win over what the names resolved to alone.
    """
    by_end = {m.end: m for m in mentions}
    by_start = {m.start: m for m in mentions}
    forms: dict[tuple[str, ...], str] = {}
    firsts = _alias_cues_by_first_word()
    view = token_view(doc)
    for i in [i for i in range(1, len(view.lower)) if view.lower[i] in firsts or view.text[i] == "("]:
        size = _cue_at(doc, i)
        if not size:
            continue
        left = _left_name(doc, i, by_end, flags)
        right = _right_name(doc, i + size, by_start, flags)
        if left is None or right is None:
            continue
        bracket = doc[i].text == "("
        if bracket and (left[0] not in by_start or _names_other(by_start, left, right)):
            continue  # "(AFP)" after a sentence is a credit, not a name
        actor = _same_actor(doc, left, right, by_start, finding)
        if actor is not None:
            for start, end in (left, right):
                forms[tuple(t.text for t in doc[start:end])] = actor
    return _occurrences(doc, forms)


def _left_name(
    doc: Doc, cue: int, by_end: dict[int, ActorMention], flags: list[bool]
) -> tuple[int, int] | None:
    end = cue
    while end > 0 and doc[end - 1].text in OPEN_PUNCT:
        end -= 1
    if end in by_end:
        return by_end[end].start, end
    start = _run_to(doc, end, flags)
    return (start, end) if end > start else None


def _right_name(
    doc: Doc, start: int, by_start: dict[int, ActorMention], flags: list[bool]
) -> tuple[int, int] | None:
    while start < len(doc) and doc[start].lower_ in SKIPPED_AFTER_CUE:
        start += 1
    if start < len(doc):
        start += title_at(doc, start)
    if start >= len(doc):
        return None
    if start in by_start:
        return start, by_start[start].end
    if _is_acronym(doc[start].text):
        return start, start + 1
    end = _run_from(doc, start, flags)
    return (start, end) if end > start else None


def _names_other(by_start: dict[int, ActorMention], left: tuple[int, int], right: tuple[int, int]) -> bool:
    """The bracketed name is a registry name of another actor (a context guess may be overruled)."""
    other = by_start.get(right[0])
    return other is not None and other.source == "registry" and other.actor != by_start[left[0]].actor


def _same_actor(
    doc: Doc,
    left: tuple[int, int],
    right: tuple[int, int],
    by_start: dict[int, ActorMention],
    finding: ActorFinding,
) -> str | None:
    """The id both names share: a registry actor's first, then the first name's, else a new person."""
    known = [by_start[start].actor for start, _ in (left, right) if start in by_start]
    registered = [actor for actor in known if actor in finding.registry]
    if registered:
        return registered[0]
    if left[0] in by_start:
        return by_start[left[0]].actor
    if left[1] - left[0] >= 2:
        name = doc[left[0] : left[1]].text
        actor = f"person:{slug(name)}"
        finding.new.setdefault(actor, ActorRecord(id=actor, name=name, kind="person"))
        return actor
    return known[0] if known else None


def _occurrences(doc: Doc, forms: dict[tuple[str, ...], str]) -> list[ActorMention]:
    """Every place a learned name occurs, as a mention of its actor."""
    found: list[ActorMention] = []
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for form in forms:
        by_first.setdefault(form[0], []).append(form)
    if not by_first:
        return found
    text = token_view(doc).text
    for i, word in enumerate(text):
        for form in by_first.get(word, ()):
            if tuple(text[i : i + len(form)]) == form:
                found.append(ActorMention(i, i + len(form), forms[form], "alias"))
    return found


# ----------------------------------------------------------------------------- whom a person acts for

OWNER_KINDS = frozenset({"state", "state_force", "armed_group", "political_party", "organisation", "igo"})
MAX_OFFICE_TOKENS = 4


@dataclass(frozen=True)
class Offices:
    """Offices that introduce a name and say whose it is; ``forces`` are a state's forces' offices."""

    all: tuple[Phrase, ...]
    forces: frozenset[Phrase]


@cache
def organisation_heads() -> frozenset[str]:
    """Head nouns of organisations (``kinds`` of ``discovery.yaml``): they end no person's name."""
    kinds: dict[str, list[str]] = load_yaml("lexicons", "discovery.yaml")["kinds"]
    return frozenset(word for words in kinds.values() for word in words)


@cache
def offices() -> Offices:
    """The ``offices`` and ``forces_offices`` of ``discovery.yaml``, tokenized, longest first."""
    raw = load_yaml("lexicons", "discovery.yaml")
    forces = frozenset(token_forms(o) for o in raw["forces_offices"])
    every = {token_forms(o) for o in raw["offices"]} | forces
    return Offices(all=tuple(sorted(every, key=len, reverse=True)), forces=forces)


def _office_ending(doc: Doc, end: int) -> Phrase | None:
    """The office whose last token is just before ``end``, longest first."""
    lower = token_view(doc).lower
    for office in offices().all:
        start = end - len(office)
        if start >= 0 and tuple(lower[start:end]) == office:
            return office
    return None


def _office_before(doc: Doc, start: int) -> tuple[int, Phrase] | None:
    """The titles right before a name that hold an office: (where they start, the office nearest the owner).

    "Ethiopian Prime Minister Abiy Ahmed" -> the start of "Prime Minister"; "Taliban leader Mullah
    Baradar" -> "leader" (past the honorific "Mullah").
    """
    b, office = start, None
    while b > 0 and start - b < MAX_OFFICE_TOKENS + 2:
        found = _office_ending(doc, b)
        if found is not None:
            b, office = b - len(found), found
            continue
        size = next((n for n in range(1, 4) if b - n >= 0 and title_at(doc, b - n) == n), 0)
        if not size:
            break
        b -= size
    return (b, office) if office is not None else None


def _country_at(doc: Doc, i: int) -> CountryRule | None:
    """The country of a capitalised country word or name at token ``i``."""
    if i < 0 or i >= len(doc) or not doc[i].text[:1].isupper():
        return None
    return load_rules().country_of_word(token_view(doc).lower[i])


def _country_role(country: CountryRule, office: Phrase, days: Days) -> str | None:
    roles = country.roles_during(days)
    if office in offices().forces and "forces" in roles:
        return roles["forces"]
    return roles.get("government")


def _owner(
    doc: Doc, end: int, office: Phrase, by_end: dict[int, ActorMention], finding: ActorFinding, days: Days
) -> str | None:
    """The state or group named just before ``end`` (a country word, an actor, either with "'s")."""
    lower = token_view(doc).lower
    if end > 0 and lower[end - 1] in POSSESSIVE:
        end -= 1
    mention = by_end.get(end)
    if mention is not None:
        record = finding.record(mention.actor)
        if record is not None and record.kind in OWNER_KINDS:
            return mention.actor
    country = _country_at(doc, end - 1)
    return _country_role(country, office, days) if country is not None else None


def _apposition_office(doc: Doc, end: int) -> tuple[int, int, Phrase] | None:
    """ ", the Taliban's spokesman," / ", a spokesman," / ", leader of the front" after a name: (where the
    words between the determiner and the office start, where the office starts, the office). A
    coordinated phrase (", and US ambassador,") is another person's, not an apposition."""
    lower = token_view(doc).lower
    if end + 2 >= len(doc) or lower[end] != ",":
        return None
    i = end + 1 + (lower[end + 1] in DETERMINERS)
    for stop in range(i + 1, min(len(doc), i + MAX_OFFICE_TOKENS + 3) + 1):
        if lower[stop - 1] in COORDINATORS or doc[stop - 1].is_punct:
            return None
        office = _office_ending(doc, stop)
        if (
            office is not None
            and stop - len(office) >= i
            and (stop == len(doc) or lower[stop] in APPOSITION_ENDS or lower[stop] in ROLE_COMPLEMENTS)
        ):
            return i, stop - len(office), office
    return None


def _apposition_owner(
    doc: Doc,
    end: int,
    by_end: dict[int, ActorMention],
    by_start: dict[int, ActorMention],
    finding: ActorFinding,
    days: Days,
) -> str | None:
    """ "X, the Taliban's spokesman," / "X, a TTP commander," / "X, president of El Salvador": the owner
    named before the office, else in its "of" complement."""
    found = _apposition_office(doc, end)
    if found is None:
        return None
    start, office_start, office = found
    after = office_start + len(office)
    if office_start > start:
        complement = None
    elif after < len(doc) and token_view(doc).lower[after] in {"of", "for"}:
        complement = after + 1
    else:
        return None
    return _office_owner(doc, office_start, office, complement, by_end, by_start, finding, days)


def _office_owner(
    doc: Doc,
    office_start: int,
    office: Phrase,
    complement: int | None,
    by_end: dict[int, ActorMention],
    by_start: dict[int, ActorMention],
    finding: ActorFinding,
    days: Days,
) -> str | None:
    """Whose an office is: what its "of" complement names when it has one (``complement``, where it
    starts), else the owner written before it ("the TTP's spokesman", "Afghan President")."""
    if complement is not None:
        return _complement_owner(doc, complement, office, by_start, finding, days)
    return _owner(doc, office_start, office, by_end, finding, days)


def _complement_owner(
    doc: Doc, start: int, office: Phrase, by_start: dict[int, ActorMention], finding: ActorFinding, days: Days
) -> str | None:
    """The state or group that an office's "of" complement starting at ``start`` names ("president of
    Eritrea", "leader of the TPLF")."""
    if start < len(doc) and token_view(doc).lower[start] == "the":
        start += 1
    mention = by_start.get(start)
    if mention is not None:
        record = finding.record(mention.actor)
        return mention.actor if record is not None and record.kind in OWNER_KINDS else None
    if start >= len(doc) or not doc[start].text[:1].isupper():
        return None
    phrase = load_rules().modifier_starting_at(token_view(doc).lower, start)  # "El Salvador"
    return _country_role(phrase[1], office, days) if phrase is not None else None


def _preceding_office_owner(
    doc: Doc,
    start: int,
    by_end: dict[int, ActorMention],
    by_start: dict[int, ActorMention],
    finding: ActorFinding,
    days: Days,
) -> str | None:
    """ "the president of Eritrea, Isaias Afwerki" / "US ambassador, Dean Pittman": the owner of the office
    the name at ``start`` stands in apposition to."""
    if start < 1 or doc[start - 1].text != ",":
        return None
    found = office_before_comma(doc, start - 1)
    if found is None:
        return None
    office_start, office, complement = found
    return _office_owner(doc, office_start, office, complement, by_end, by_start, finding, days)


def find_affiliations(
    doc: Doc, mentions: list[ActorMention], finding: ActorFinding, days: Days = None
) -> None:
    """Record in ``finding.affiliations`` whom each person acts for, where the text makes it plain.

    mentions (list[ActorMention]): the document's mentions, in order; people among them are looked at.
    days (Days): the document's days, for a country whose government changed hands.
    """
    by_end = {m.end: m for m in mentions}
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        record = finding.record(m.actor)
        if record is None or record.kind != "person" or m.actor in finding.affiliations:
            continue
        owner = None
        before = _office_before(doc, m.start)
        if before is not None:
            owner = _owner(doc, before[0], before[1], by_end, finding, days)
            if owner is None and m.end < len(doc) and token_view(doc).lower[m.end] == "of":
                # "President Salva Kiir of South Sudan": the office's owner follows the name
                owner = _complement_owner(doc, m.end + 1, before[1], by_start, finding, days)
        if owner is None:
            owner = _apposition_owner(doc, m.end, by_end, by_start, finding, days)
        if owner is None:
            owner = _preceding_office_owner(doc, m.start, by_end, by_start, finding, days)
        if owner is not None and owner != m.actor:
            finding.affiliations[m.actor] = owner


def find_office_mentions(doc: Doc, mentions: list[ActorMention], finding: ActorFinding) -> list[ActorMention]:
    """ "The spokesman", "the president": the one person introduced with that office earlier in the document
    (before the name, "President X", or in apposition, "X, the group's spokesman,").

    An office held by two people of the document, or followed by "of" or a name, names nobody.
    """
    holders: dict[Phrase, set[str]] = {}
    first: dict[Phrase, int] = {}
    for m in mentions:
        record = finding.record(m.actor)
        if record is None or record.kind != "person":
            continue
        before = _office_before(doc, m.start)
        after = _apposition_office(doc, m.end)
        for office in (before[1] if before else None, after[2] if after else None):
            if office is not None:
                holders.setdefault(office, set()).add(m.actor)
                first.setdefault(office, m.end)
    if not holders:
        return []
    view = token_view(doc)
    found = []
    for i in [i for i, word in enumerate(view.lower) if word == "the"]:
        for office, people in holders.items():
            end = i + 1 + len(office)
            if len(people) != 1 or i < first[office] or tuple(view.lower[i + 1 : end]) != office:
                continue
            if end < len(doc) and (view.lower[end] in {"of", "'s", "’s"} or view.is_title[end]):
                continue
            found.append(ActorMention(i, end, next(iter(people)), "office"))
            break
    return found
