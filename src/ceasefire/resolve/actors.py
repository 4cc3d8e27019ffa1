"""Actors: who is named in a document, resolved to stable ids.

Four sources, all driven by data files:

1. the registry (``data/actors/*.yaml``): names and aliases matched with phrase matchers;
2. context rules (``data/lexicons/actor_rules.yaml``): generic descriptions ("security
   forces", "the government") resolved by the story's country or a modifier
   ("Indian troops"), capitals acting as governments ("Islamabad refused"), and
   ambiguous bare names ("Taliban") resolved by sentence and document context;
3. people outside the registry, recognised by a title ("Mufti", "Lt General"), an
   apposition ("X, a retired general") or speech attribution ("according to X");
4. short forms: a surname alone ("Masood") after the full name in the same document.

``find_actors`` only finds; ``build_actors`` writes ``models.Actor`` records.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from ceasefire.models import Actor, ActorKind, Evidence
from ceasefire.nlp import phrases
from ceasefire.nlp.lexicons import cues, load_yaml, load_yaml_folder, token_forms

FUZZY_NAME_SCORE = 88  # rapidfuzz ratio for spelling variants of a registry person ("Faiz Hammed")
NAME_CONNECTORS = frozenset({"-", "ul", "ud", "ur", "al", "bin", "ibn", "e", "i", "u", "din", "uddin"})
MAX_NAME_TOKENS = 4
# ranks used when mentions overlap: longer wins, then the more reliable source
SOURCE_RANK = {"registry": 0, "generic": 1, "metonym": 1, "context": 2, "person": 3, "surname": 4}


@dataclass(frozen=True)
class ActorRecord:
    """One actor as the registry (or a rule) defines it."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorMention:
    """A token span of a document that names an actor; ``source`` says which rule found it."""

    start: int
    end: int
    actor: str
    source: str


@dataclass
class ActorFinding:
    """What ``find_actors`` returns: mentions, new person records and the story's country."""

    mentions: list[ActorMention] = field(default_factory=list)
    new: dict[str, ActorRecord] = field(default_factory=dict)
    country: str | None = None


# ----------------------------------------------------------------------------- data


@dataclass(frozen=True)
class CountryRule:
    code: str
    words: frozenset[str]
    capitals: tuple[tuple[str, ...], ...]
    roles: dict[str, str]


@dataclass(frozen=True)
class GenericRule:
    role: str
    phrase: tuple[str, ...]
    needs_the: bool
    needs_modifier: bool
    not_before: frozenset[str]


@dataclass(frozen=True)
class AmbiguousRule:
    form: str
    sentence_cues: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    when_document_mentions: dict[str, str]
    by_country: dict[str, str]
    default: str


@dataclass(frozen=True)
class ActorRules:
    countries: tuple[CountryRule, ...]
    generic: tuple[GenericRule, ...]
    metonym_verbs: frozenset[str]
    metonym_fillers: frozenset[str]
    ambiguous: tuple[AmbiguousRule, ...]

    def country_of_word(self, word: str) -> CountryRule | None:
        return next((c for c in self.countries if word in c.words), None)


@cache
def load_registry() -> dict[str, ActorRecord]:
    """All registry files, keyed by actor id; duplicate ids and unknown parents are errors."""
    records: dict[str, ActorRecord] = {}
    for name, data in load_yaml_folder("actors"):
        for row in data["actors"]:
            if row["id"] in records:
                raise ValueError(f"actors/{name}: duplicate actor id {row['id']!r}")
            records[row["id"]] = ActorRecord(
                id=row["id"],
                name=row["name"],
                kind=row["kind"],
                country=row.get("country"),
                parent=row.get("parent"),
                aliases=tuple(row.get("aliases", [])),
            )
    for record in records.values():
        if record.parent is not None and record.parent not in records:
            raise ValueError(f"actor {record.id!r}: unknown parent {record.parent!r}")
    return records


@cache
def load_rules() -> ActorRules:
    """Parse ``data/lexicons/actor_rules.yaml``."""
    raw = load_yaml("lexicons", "actor_rules.yaml")
    countries = tuple(
        CountryRule(
            code=code,
            words=frozenset(spec["words"]),
            capitals=tuple(token_forms(c) for c in spec.get("capitals", [])),
            roles=dict(spec.get("roles", {})),
        )
        for code, spec in raw["countries"].items()
    )
    generic = tuple(
        GenericRule(
            role=g["role"],
            phrase=token_forms(g["phrase"]),
            needs_the=bool(g.get("needs_the", False)),
            needs_modifier=bool(g.get("needs_modifier", False)),
            not_before=frozenset(g.get("not_before", [])),
        )
        for g in raw["generic"]
    )
    ambiguous = tuple(
        AmbiguousRule(
            form=a["form"].lower(),
            sentence_cues=tuple(
                (actor, tuple(token_forms(c) for c in words)) for actor, words in a["sentence_cues"].items()
            ),
            when_document_mentions=dict(a.get("when_document_mentions", {})),
            by_country=dict(a.get("by_country", {})),
            default=a["default"],
        )
        for a in raw["ambiguous"]
    )
    return ActorRules(
        countries=countries,
        generic=generic,
        metonym_verbs=frozenset(raw["metonym_verbs"]),
        metonym_fillers=frozenset(raw["metonym_fillers"]),
        ambiguous=ambiguous,
    )


@cache
def _matchers() -> phrases.PhraseMatchers:
    return phrases.build_matchers((r.id, (r.name, *r.aliases)) for r in load_registry().values())


@cache
def _registry_people() -> tuple[tuple[str, str], ...]:
    """(lower-cased name, id) of every registry person, for fuzzy matching of spelling variants."""
    return tuple(
        (name.lower(), r.id)
        for r in load_registry().values()
        if r.kind == "person"
        for name in (r.name, *r.aliases)
    )


# ----------------------------------------------------------------------------- helpers


def _has_sequence(tokens: list[str], sequence: tuple[str, ...]) -> bool:
    n = len(sequence)
    return any(tuple(tokens[i : i + n]) == sequence for i in range(len(tokens) - n + 1))


def _at(doc: Doc | Span, i: int, sequence: tuple[str, ...]) -> bool:
    """True when the tokens from ``i`` spell ``sequence`` (lower-cased)."""
    return i + len(sequence) <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(sequence))


def slug(name: str) -> str:
    """A stable id-safe form of a name: "Talat Masood" -> "talat-masood"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _select(mentions: Iterable[ActorMention]) -> list[ActorMention]:
    """Resolve overlaps: the longest span wins, then the more reliable source."""
    chosen: list[ActorMention] = []
    taken: set[int] = set()
    for m in sorted(mentions, key=lambda m: (m.start - m.end, SOURCE_RANK[m.source], m.start)):
        if taken.isdisjoint(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


def _story_country(doc: Doc, mentions: list[ActorMention], rules: ActorRules) -> str | None:
    """The country the document is mostly about, from its actors and country words."""
    registry = load_registry()
    counts: Counter[str] = Counter()
    for m in mentions:
        record = registry[m.actor]
        if record.country and record.kind not in {"media", "igo"}:
            counts[record.country] += 1
    for token in doc:
        if token.is_title:
            country = rules.country_of_word(token.lower_)
            if country is not None:
                counts[country.code] += 1
    return counts.most_common(1)[0][0] if counts else None


# ----------------------------------------------------------------------------- rule finders


@cache
def _generic_by_first_word() -> dict[str, tuple[GenericRule, ...]]:
    grouped: dict[str, list[GenericRule]] = {}
    for rule in load_rules().generic:
        grouped.setdefault(rule.phrase[0], []).append(rule)
    return {word: tuple(rules) for word, rules in grouped.items()}


def _find_generic(doc: Doc, rules: ActorRules, country: str | None) -> list[ActorMention]:
    """Generic descriptions resolved by a country modifier or the story's country."""
    found = []
    by_word = _generic_by_first_word()
    for i, token in enumerate(doc):
        for rule in by_word.get(token.lower_, ()):
            end = i + len(rule.phrase)
            if not _at(doc, i, rule.phrase) or (end < len(doc) and doc[end].lower_ in rule.not_before):
                continue
            start, modifier = _country_modifier(doc, i, rules)
            if modifier is None and (
                rule.needs_modifier or (rule.needs_the and (i == 0 or doc[i - 1].lower_ != "the"))
            ):
                continue
            code = modifier.code if modifier else country
            actor = _role_actor(rules, code, rule.role)
            if actor is not None:
                found.append(ActorMention(start, end, actor, "generic"))
    return found


def _country_modifier(doc: Doc, i: int, rules: ActorRules) -> tuple[int, CountryRule | None]:
    """A country word right before token ``i`` ("Pakistani troops", "Pakistan's government")."""
    j = i - 1
    if j >= 0 and doc[j].lower_ in {"'s", "’s"}:
        j -= 1
    if j >= 0 and not doc[j].is_lower:
        modifier = rules.country_of_word(doc[j].lower_)
        if modifier is not None:
            return j, modifier
    return i, None


def _role_actor(rules: ActorRules, code: str | None, role: str) -> str | None:
    country = next((c for c in rules.countries if c.code == code), None)
    return country.roles.get(role) if country else None


def _find_metonyms(doc: Doc, rules: ActorRules) -> list[ActorMention]:
    """A capital or country name as the subject of a speech or decision verb is its government."""
    found = []
    for country in rules.countries:
        government = country.roles.get("government")
        if government is None:
            continue
        names = [*country.capitals, *((w,) for w in country.words)]
        for i, token in enumerate(doc):
            if not token.is_title:
                continue
            for name in names:
                if _at(doc, i, name) and _acts(doc, i + len(name), rules):
                    found.append(ActorMention(i, i + len(name), government, "metonym"))
    return found


def _acts(doc: Doc, i: int, rules: ActorRules) -> bool:
    """True when a verb of saying or deciding follows, perhaps after auxiliaries."""
    while i < len(doc) and doc[i].lower_ in rules.metonym_fillers:
        i += 1
    return i < len(doc) and doc[i].lower_ in rules.metonym_verbs


def _find_ambiguous(doc: Doc, rules: ActorRules, known: set[str], country: str | None) -> list[ActorMention]:
    """Bare ambiguous names ("Taliban") resolved by sentence cues, then document context."""
    found = []
    forms = {rule.form: rule for rule in rules.ambiguous}
    for sent in doc.sents:
        words: list[str] | None = None
        for token in sent:
            rule = forms.get(token.lower_)
            if rule is not None and not token.is_lower:
                words = words or [t.lower_ for t in sent]
                actor = _resolve_ambiguous(words, rule, known, country)
                found.append(ActorMention(token.i, token.i + 1, actor, "context"))
    return found


def _resolve_ambiguous(words: list[str], rule: AmbiguousRule, known: set[str], country: str | None) -> str:
    for actor, sequences in rule.sentence_cues:
        if any(_has_sequence(words, s) for s in sequences):
            return actor
    for mentioned, actor in rule.when_document_mentions.items():
        if mentioned in known:
            return actor
    if country is not None and country in rule.by_country:
        return rule.by_country[country]
    return rule.default


# ----------------------------------------------------------------------------- people


def _name_flags(doc: Doc, blocked: set[int]) -> list[bool]:
    """Which tokens may belong to a person's name (capitalised, not a known word or entity)."""
    stop = cues().not_name_words
    return [
        i not in blocked and t.is_alpha and t.is_title and t.lower_ not in stop and len(t) > 1
        for i, t in enumerate(doc)
    ]


def _run_from(doc: Doc, start: int, flags: list[bool]) -> int:
    """End of the name starting at ``start`` (connectors such as "ul" allowed inside)."""
    end = start
    i = start
    while i < len(doc) and end - start < MAX_NAME_TOKENS + 2:
        if flags[i]:
            i += 1
            end = i
        elif end > start and doc[i].lower_ in NAME_CONNECTORS and i + 1 < len(doc) and flags[i + 1]:
            i += 1
        else:
            break
    return end


def _run_to(doc: Doc, end: int, flags: list[bool]) -> int:
    """Start of the name ending just before ``end``."""
    start = end
    while start > 0 and flags[start - 1] and end - start < MAX_NAME_TOKENS:
        start -= 1
    return start


@cache
def _titles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Titles grouped by their first word, longest first, so each token checks only its own."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for title in cues().titles:
        grouped.setdefault(title[0], []).append(title)
    return {word: tuple(titles) for word, titles in grouped.items()}


def _titled_names(doc: Doc, flags: list[bool]) -> Iterable[tuple[int, int]]:
    """Names after a title: "Mufti Noor Wali", "Lt General Faiz Hameed", "Mr. Masood"."""
    titles_by_word = _titles_by_first_word()
    for i, token in enumerate(doc):
        for title in titles_by_word.get(token.lower_, ()):
            if _at(doc, i, title):
                start = i + len(title)
                end = _run_from(doc, start, flags) if start < len(doc) else start
                if end > start:
                    yield start, end
                break


def _introduced_names(doc: Doc, flags: list[bool]) -> Iterable[tuple[int, int]]:
    """Two-or-more-word names in apposition or speech attribution."""
    c = cues()
    for i, token in enumerate(doc):
        if token.text == "," and _apposition_follows(doc, i + 1, c.apposition_roles):
            start = _run_to(doc, i, flags)
            if i - start >= 2:
                yield start, i
        if _at(doc, i, ("according", "to")) and i + 2 < len(doc):
            end = _run_from(doc, i + 2, flags)
            if end - (i + 2) >= 2:
                yield i + 2, end
        if token.lower_ in c.speech_verbs:
            start = _run_to(doc, i, flags)
            if i - start >= 2:
                yield start, i
            end = _run_from(doc, i + 1, flags) if i + 1 < len(doc) else i + 1
            if end - (i + 1) >= 2:
                yield i + 1, end


def _apposition_follows(doc: Doc, i: int, roles: frozenset[str]) -> bool:
    """ ", a retired general": a determiner then a role noun within a few words."""
    if i >= len(doc) or doc[i].lower_ not in {"a", "an", "the"}:
        return False
    for token in doc[i + 1 : i + 6]:
        if token.is_punct:
            return False
        if token.lower_ in roles:
            return True
    return False


def _fuzzy_registry_person(name: str) -> str | None:
    lowered = name.lower()
    best = max(((fuzz.ratio(lowered, known), actor) for known, actor in _registry_people()), default=None)
    return best[1] if best and best[0] >= FUZZY_NAME_SCORE else None


def _find_people(
    doc: Doc, flags: list[bool], known_people: dict[str, str], finding: ActorFinding
) -> list[ActorMention]:
    """People introduced by titles, appositions or attribution; surname-only titles resolve in-document."""
    spans = sorted(set(_titled_names(doc, flags)) | set(_introduced_names(doc, flags)))
    full = [(s, e) for s, e in spans if e - s >= 2]
    short = [(s, e) for s, e in spans if e - s == 1]
    found = []
    for start, end in full:
        name = doc[start:end].text
        actor = _fuzzy_registry_person(name) or f"person:{slug(name)}"
        if actor.startswith("person:"):
            finding.new.setdefault(actor, ActorRecord(id=actor, name=name, kind="person"))
        known_people.setdefault(name.split()[-1], actor)
        found.append(ActorMention(start, end, actor, "person"))
    for start, end in short:
        name = doc[start].text
        actor = known_people.get(name) or f"person:{slug(name)}"
        if actor.startswith("person:") and actor not in finding.new:
            finding.new[actor] = ActorRecord(id=actor, name=name, kind="person")
        found.append(ActorMention(start, end, actor, "person"))
    return found


def _find_surnames(
    doc: Doc, flags: list[bool], known_people: dict[str, str], named: list[ActorMention]
) -> list[ActorMention]:
    """A bare surname ("Sharif") refers to the person already named in full in the same document."""
    first: dict[str, int] = {}
    for m in named:
        first.setdefault(m.actor, m.start)
    return [
        ActorMention(i, i + 1, known_people[t.text], "surname")
        for i, t in enumerate(doc)
        if flags[i] and t.text in known_people and first.get(known_people[t.text], len(doc)) < i
    ]


def _surnames_of(mentions: list[ActorMention], doc: Doc, finding: ActorFinding) -> dict[str, str]:
    """Surname -> person id for people named in full (registry people and new ones)."""
    registry = load_registry()
    surnames: dict[str, set[str]] = {}
    for m in mentions:
        record = registry.get(m.actor) or finding.new.get(m.actor)
        if record is not None and record.kind == "person" and m.end - m.start >= 2:
            surnames.setdefault(doc[m.end - 1].text, set()).add(m.actor)
    return {name: next(iter(ids)) for name, ids in surnames.items() if len(ids) == 1}


# ----------------------------------------------------------------------------- find / write


def find_actors(doc: Doc, blocked: Iterable[int] = ()) -> ActorFinding:
    """Find actor mentions in a processed document.

    doc (Doc): the output of ``make_nlp()``.
    blocked (Iterable[int]): token indices that cannot be part of a person's name (places).
    RETURNS (ActorFinding): non-overlapping mentions in document order, plus new person records.
    """
    rules = load_rules()
    finding = ActorFinding()
    registry = [ActorMention(s.start, s.end, s.label_, "registry") for s in phrases.match(doc, _matchers())]
    finding.country = _story_country(doc, registry, rules)
    known = {m.actor for m in registry}
    candidates = _select(
        registry
        + _find_generic(doc, rules, finding.country)
        + _find_metonyms(doc, rules)
        + _find_ambiguous(doc, rules, known, finding.country)
    )
    taken = {i for m in candidates for i in range(m.start, m.end)} | set(blocked)
    flags = _name_flags(doc, taken)
    surnames = _surnames_of(candidates, doc, finding)
    people = _find_people(doc, flags, surnames, finding)
    taken |= {i for m in people for i in range(m.start, m.end)}
    flags = _name_flags(doc, taken)
    named = candidates + people
    finding.mentions = _select(named + _find_surnames(doc, flags, surnames, named))
    return finding


def record_of(actor: str, finding: ActorFinding) -> ActorRecord:
    """The record for an actor id: from the registry or created for this document."""
    return load_registry().get(actor) or finding.new[actor]


def build_actors(finding: ActorFinding, doc: Doc, doc_id: str) -> list[Actor]:
    """One ``Actor`` per id with evidence for each mention, in order of first mention."""
    actors: dict[str, Actor] = {}
    for m in finding.mentions:
        if m.actor not in actors:
            r = record_of(m.actor, finding)
            actors[m.actor] = Actor(
                id=r.id, name=r.name, kind=r.kind, country=r.country, parent=r.parent, aliases=list(r.aliases)
            )
        span = doc[m.start : m.end]
        actors[m.actor].mentions.append(
            Evidence(doc=doc_id, start=span.start_char, end=span.end_char, text=span.text)
        )
    return list(actors.values())
