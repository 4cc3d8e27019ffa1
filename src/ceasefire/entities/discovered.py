"""Actors no registry knows: names spaCy's statistical NER finds where the news happens.

NER (``nlp/ner.py``, explosion's ``en_core_web_sm``) runs only on the sentences that hold an
event trigger or a quote, and of those only on sentences with a candidate: two or more
capitalised words in a row, or a capitalised country word, that no actor or place covers.
What it finds is kept only when its words look like a name (capitalised, no date, feast or
number) and it overlaps no registry name:

- an organisation, or any name whose head noun is in ``kinds`` of ``data/lexicons/discovery.yaml``
  ("Front", "Army", "Party", "Commission", ...), becomes an actor of that kind (else
  ``organisation``) with the stable id ``discovered:<slug>``;
- a person (two or more name words) becomes ``person:<slug>`` as in ``entities/people.py``,
  or the registry person whose name it spells within a typo;
- a nationality word ("Eritrean" in "Eritrean and Ethiopian troops") is its country's forces,
  government or civilians when a noun of ``norp_roles`` follows it, and only for a country of
  ``actor_rules.yaml``; any other nationality is left alone.

A discovered organisation's other occurrences in the document, and an acronym it is given in
brackets ("Tigray People's Liberation Front (TPLF)"), are mentions of it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ceasefire.entities.actor_rules import Days, load_rules
from ceasefire.entities.mentions import ActorFinding, ActorMention, select, tokens_of
from ceasefire.entities.people import PeopleIndex, fuzzy_registry_person, slug, title_at
from ceasefire.entities.registry import ActorRecord
from ceasefire.models import ActorKind
from ceasefire.nlp.lexicons import load_yaml, token_forms
from ceasefire.nlp.ner import Entity
from ceasefire.nlp.tokens import token_view

NAME_SOURCES = frozenset({"registry", "alias", "person", "surname"})  # names a discovered span may not touch


@dataclass(frozen=True)
class DiscoveryRules:
    """The word lists of ``data/lexicons/discovery.yaml``."""

    labels: frozenset[str]
    headed_labels: frozenset[str]
    kinds: dict[str, ActorKind]
    head_before: frozenset[str]
    connectors: frozenset[str]
    junk: frozenset[str]
    unheaded_junk: frozenset[str]
    media_words: frozenset[str]
    place_words: frozenset[str]
    directions: frozenset[str]
    units: frozenset[str]
    norp_roles: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    norp_within: int


@cache
def discovery_rules() -> DiscoveryRules:
    """Parse ``discovery.yaml`` (once per process)."""
    raw = load_yaml("lexicons", "discovery.yaml")
    kinds: dict[str, ActorKind] = {}
    for kind, words in raw["kinds"].items():
        for word in words:
            kinds.setdefault(word, kind)
    return DiscoveryRules(
        labels=frozenset(raw["labels"]),
        headed_labels=frozenset(raw["headed_labels"]),
        kinds=kinds,
        head_before=frozenset(raw["head_before"]),
        connectors=frozenset(raw["connectors"]),
        junk=frozenset(raw["junk"]),
        unheaded_junk=frozenset(raw["unheaded_junk"]),
        media_words=frozenset(raw["media_words"]),
        place_words=frozenset(raw["place_words"]),
        directions=frozenset(raw["directions"]),
        units=frozenset(raw["units"]),
        norp_roles=tuple(
            (role, tuple(sorted((token_forms(n) for n in nouns), key=len, reverse=True)))
            for role, nouns in raw["norp_roles"].items()
        ),
        norp_within=int(raw["norp_within"]),
    )


# ----------------------------------------------------------------------------- which sentences


def candidate_sentences(
    doc: Doc,
    sentences: Iterable[tuple[int, int]],
    covered: set[int],
    days: Days = None,
    places: frozenset[int] | set[int] = frozenset(),
) -> list[tuple[int, int]]:
    """The sentences worth a model call: two capitalised words in a row outside ``covered`` and not both
    places (a place can open a person's name: "Vladimir Putin"), or a capitalised country word whose
    country has the role the noun after it names ("Eritrean and Ethiopian troops"). Sentences without a
    lower-case word (headlines in capitals or title case) are skipped."""
    view = token_view(doc)
    chosen = []
    for start, end in sorted(set(sentences)):
        if not any(
            view.is_lower[i] and view.is_alpha[i] and len(view.text[i]) >= 4 for i in range(start, end)
        ):
            continue  # a headline in capitals or in title case: every word looks like a name
        shaped = [
            i not in covered and view.is_title[i] and view.is_alpha[i] and len(view.text[i]) > 1
            for i in range(start, end)
        ]
        paired = any(
            shaped[k] and shaped[k + 1] and _may_open_a_name(view.lower, start + k, places)
            for k in range(len(shaped) - 1)
        )
        if paired or any(
            ok and _nationality_role(doc, start + k, days) is not None for k, ok in enumerate(shaped)
        ):
            chosen.append((start, end))
    return chosen


def _may_open_a_name(lower: list[str], i: int, places: frozenset[int] | set[int]) -> bool:
    """Whether tokens ``i`` and ``i + 1`` may be a name: not both places, and no country among them
    ("Pakistan Shiite mosque"); a town may be a given name ("Vladimir Putin")."""
    if i in places and i + 1 in places:
        return False
    countries = load_rules()
    return not any(k in places and countries.is_country_word(lower[k]) for k in (i, i + 1))


# ----------------------------------------------------------------------------- spans


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", titles and a trailing possessive or punctuation."""
    lower = token_view(doc).lower
    while start < end and (lower[start] == "the" or doc[start].is_punct):
        start += 1
    while start < end and (size := title_at(doc, start)) and end - start > size:
        start += size
    while end > start and (lower[end - 1] in {"'s", "’s"} or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _name_shaped(doc: Doc, start: int, end: int, rules: DiscoveryRules) -> bool:
    """Every word capitalised (or a connector), none a date, feast or number, the first capitalised."""
    view = token_view(doc)
    if end <= start or not view.text[start][:1].isupper():
        return False
    for i in range(start, end):
        word, text = view.lower[i], view.text[i]
        if word in rules.junk or any(c.isdigit() for c in text):
            return False
        if word not in rules.connectors and not (text[:1].isupper() and _wordlike(text)):
            return False
    return True


def _wordlike(text: str) -> bool:
    """Letters, with hyphens, apostrophes or dots inside ("Al-Nusra", "U.N."): no brackets or dashes."""
    return text.replace("-", "").replace("'", "").replace("’", "").replace(".", "").isalpha()


def head_kind(doc: Doc, start: int, end: int, rules: DiscoveryRules) -> ActorKind | None:
    """The kind of a name's head noun: its last word, or its last word before "of"/"for"; a media
    word anywhere makes it a media outlet."""
    lower = token_view(doc).lower
    if not rules.media_words.isdisjoint(lower[start:end]):
        return "media"
    head = end - 1
    for i in range(start + 1, end):
        if lower[i] in rules.head_before:
            head = i - 1
            break
    return rules.kinds.get(lower[head])


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 8 and text.isalpha() and text.isupper()


def _dateline(doc: Doc, start: int, end: int) -> bool:
    """A word in capitals opening a sentence before punctuation: "ISTANBUL (Reuters) -"."""
    view = token_view(doc)
    return end - start == 1 and view.sent_start[start] and end < len(doc) and view.is_punct[end]


def _extend_of(doc: Doc, start: int, end: int, rules: DiscoveryRules) -> int:
    """ "Communist Party" + " of the Philippines": a name's "of" complement in capitals is part of it."""
    view = token_view(doc)
    while end < len(doc) and view.lower[end] == "of":
        i = end + 1 + (end + 1 < len(doc) and view.lower[end + 1] == "the")
        stop = i
        while stop < len(doc) and stop - i < 5 and (view.is_title[stop] or view.lower[stop] in {"'s", "’s"}):
            stop += 1
        if stop == i or not view.is_title[stop - 1]:
            break
        end = stop
    return end


# ----------------------------------------------------------------------------- discovery


def discovery_sentences(
    doc: Doc,
    finding: ActorFinding,
    sentences: Iterable[tuple[int, int]],
    blocked: set[int],
    days: Days = None,
) -> list[tuple[int, int]]:
    """The sentences among ``sentences`` (those holding an event, a quote or reported speech) worth
    a NER call, given what the rule passes found (``candidate_sentences``)."""
    actor_tokens = tokens_of(finding.mentions) | finding.not_names
    return candidate_sentences(doc, sentences, actor_tokens, days, places=blocked)


def discover(
    doc: Doc,
    finding: ActorFinding,
    entities: Iterable[Entity],
    blocked: set[int],
    people: PeopleIndex,
    days: Days = None,
) -> list[ActorMention]:
    """Actors among the ``entities`` NER found in the ``discovery_sentences`` that no mention of
    ``finding`` covers.

    doc (Doc): the processed document.
    finding (ActorFinding): what the rule passes found; discovered records are added to ``finding.new``.
    entities (Iterable[Entity]): what NER found in the document's discovery sentences.
    blocked (set[int]): place tokens.
    people (PeopleIndex): registry people, for names NER spells within a typo of one.
    days (Days): the document's days, for a nationality's roles.
    RETURNS (list[ActorMention]): new mentions (not yet merged with ``finding.mentions``).
    """
    rules = discovery_rules()
    names = [m for m in finding.mentions if m.source in NAME_SOURCES]
    actor_tokens = tokens_of(finding.mentions) | finding.not_names
    covered = actor_tokens | blocked
    found: list[ActorMention] = []
    forms: dict[tuple[str, ...], str] = {}
    name_tokens = tokens_of(names)
    for entity in entities:
        if entity.label not in rules.labels | rules.headed_labels:
            continue
        if entity.label == "NORP":
            found.extend(_nationality(doc, entity, covered, days))
            continue
        mention = _named(doc, entity, name_tokens, covered, actor_tokens, finding, people, rules)
        if mention is not None:
            written = tuple(token_view(doc).text[mention.start : mention.end])
            if written in forms:  # one name, one actor, whatever label each sentence got
                mention = ActorMention(mention.start, mention.end, forms[written], "discovered")
            found.append(mention)
            forms.setdefault(written, mention.actor)
    found.extend(_acronyms(doc, found, forms))
    organisations = {f: a for f, a in forms.items() if a.startswith("discovered:")}
    found.extend(_occurrences(doc, organisations, covered))
    return found


def _named(
    doc: Doc,
    entity: Entity,
    name_tokens: set[int],
    covered: set[int],
    actor_tokens: set[int],
    finding: ActorFinding,
    people: PeopleIndex,
    rules: DiscoveryRules,
) -> ActorMention | None:
    """An organisation or a person from an ORG or PERSON entity, or None when it is no name. A person's
    name may begin or end with a place's ("Vladimir Putin", "Salvador Sanchez Ceren"): NER read the
    whole name, so the place gives way unless every word of the name is a place."""
    start, end = _trim(doc, entity.start, entity.end)
    if not _name_shaped(doc, start, end, rules) or not name_tokens.isdisjoint(range(start, end)):
        return None
    kind = head_kind(doc, start, end, rules)
    if kind is None and entity.label in rules.headed_labels:
        return None
    if kind is not None and entity.label != "PERSON":
        end = _extend_of(doc, start, end, rules)
        if not name_tokens.isdisjoint(range(start, end)):
            return None
    span = set(range(start, end))
    person = entity.label == "PERSON" and kind is None and end - start >= 2
    place_in_name = person and span.isdisjoint(actor_tokens) and not span <= covered
    if not place_in_name and not span.isdisjoint(covered) and (kind is None or span <= covered):
        return None  # a place or a context actor that is not part of a longer organisation's name
    lower = token_view(doc).lower
    if not span.isdisjoint(covered) and all(
        lower[i] in rules.directions | rules.units for i in span - covered
    ):
        return None  # "Lower Orakzai Agency", "North Kivu Province": a place with its direction and unit
    words = set(lower[start:end])
    place_like = lower[start] in rules.directions or not rules.place_words.isdisjoint(words)
    if kind is None and (place_like or not rules.unheaded_junk.isdisjoint(words)):
        return None  # "Southern Tigray", "Mitiga Airport": parts of places; "Permanent Ceasefire"
    if kind is None and load_rules().country_of_word(lower[start]) is not None:
        return None  # "Pakistani Suicide", "Pak Shia": a country word and a description
    if end - start >= 2 and all(w in rules.directions for w in lower[start : end - 1]):
        return None  # "the Eastern Front" is a front line
    if kind is not None and end - start == 1:
        return None  # "the Committee", "the Front": a head noun alone takes up a name given in full
    name = doc[start:end].text
    if entity.label == "PERSON" and kind is None:
        if end - start < 2:
            return None
        actor = fuzzy_registry_person(name, people) or f"person:{slug(name)}"
        if actor.startswith("person:"):
            finding.new.setdefault(actor, ActorRecord(id=actor, name=name, kind="person"))
        return ActorMention(start, end, actor, "discovered")
    if kind is None and end - start < 2 and (not _is_acronym(name) or _dateline(doc, start, end)):
        return None
    if kind is None and name in _agreement_acronyms(doc, rules):
        return None
    actor = f"discovered:{slug(name)}"
    finding.new.setdefault(actor, ActorRecord(id=actor, name=name, kind=kind or "organisation"))
    return ActorMention(start, end, actor, "discovered")


def _agreement_acronyms(doc: Doc, rules: DiscoveryRules) -> frozenset[str]:
    """Acronyms the document defines for an agreement, a truce or an operation rather than an actor:
    "the Cessation of Hostilities Agreement (COHA)", "Suspension of Military Operations (SOMO)"."""
    cached = doc.user_data.get(_AGREEMENT_ACRONYMS)
    if isinstance(cached, frozenset):
        return cached
    view = token_view(doc)
    text, lower = view.text, view.lower
    found = set()
    for i in [i for i, word in enumerate(text) if word == "("]:
        if i + 2 >= len(text) or text[i + 2] != ")" or not _is_acronym(text[i + 1]):
            continue
        j = i
        while j > 0 and i - j < 8 and (view.is_title[j - 1] or lower[j - 1] in rules.connectors):
            j -= 1
        if not rules.unheaded_junk.isdisjoint(lower[j:i]):
            found.add(text[i + 1])
    doc.user_data[_AGREEMENT_ACRONYMS] = frozenset(found)
    return frozenset(found)


_AGREEMENT_ACRONYMS = "ceasefire.agreement_acronyms"


def _nationality(doc: Doc, entity: Entity, covered: set[int], days: Days) -> list[ActorMention]:
    """A nationality word standing for one of its country's roles, by the noun after it."""
    if entity.end - entity.start != 1 or entity.start in covered:
        return []
    actor = _nationality_role(doc, entity.start, days)
    return [ActorMention(entity.start, entity.end, actor, "discovered")] if actor else []


def _nationality_role(doc: Doc, i: int, days: Days) -> str | None:
    """The actor a capitalised country word at ``i`` stands for, by the noun after it; None when its
    country has no rule or no actor in that role."""
    if not doc[i].text[:1].isupper():
        return None
    country = load_rules().country_of_word(token_view(doc).lower[i])
    if country is None:
        return None
    role = _role_after(doc, i + 1, discovery_rules())
    return country.roles_during(days).get(role) if role else None


def _role_after(doc: Doc, start: int, rules: DiscoveryRules) -> str | None:
    """The role a noun within ``norp_within`` tokens after a nationality gives it, past "and",
    commas and other country words ("Eritrean and Ethiopian troops")."""
    lower = token_view(doc).lower
    countries = load_rules()
    i = start
    while i < len(lower) and i - start < rules.norp_within:
        for role, nouns in rules.norp_roles:
            if any(tuple(lower[i : i + len(n)]) == n for n in nouns):
                return role
        if lower[i] not in {"and", ",", "or"} and countries.country_of_word(lower[i]) is None:
            return None
        i += 1
    return None


def _acronyms(
    doc: Doc, found: Sequence[ActorMention], forms: dict[tuple[str, ...], str]
) -> list[ActorMention]:
    """ "Tigray People's Liberation Front (TPLF)": the bracketed acronym names the same actor."""
    text = token_view(doc).text
    out = []
    for m in found:
        bracketed = m.end + 2 < len(text) and text[m.end] == "(" and text[m.end + 2] == ")"
        if m.actor.startswith("discovered:") and bracketed and _is_acronym(text[m.end + 1]):
            forms.setdefault((text[m.end + 1],), m.actor)
            out.append(ActorMention(m.end + 1, m.end + 2, m.actor, "discovered"))
    return out


def _occurrences(doc: Doc, forms: dict[tuple[str, ...], str], covered: set[int]) -> list[ActorMention]:
    """Every other place a discovered name is written, outside names already found."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for form in forms:
        by_first.setdefault(form[0], []).append(form)
    if not by_first:
        return []
    text = token_view(doc).text
    out = []
    for i in [i for i, word in enumerate(text) if word in by_first]:
        for form in by_first[text[i]]:
            end = i + len(form)
            if tuple(text[i:end]) == form and covered.isdisjoint(range(i, end)):
                out.append(ActorMention(i, end, forms[form], "discovered"))
    return out


def merge(finding: ActorFinding, found: list[ActorMention]) -> None:
    """Add discovered mentions to ``finding``: overlaps resolve as usual (the longer name wins)."""
    finding.mentions = select(finding.mentions + found)
