"""Actors: who is named in a document, resolved to stable ids.

Passes over one processed document, each driven by data files:

1. the registry (generated UCDP actors, curated ``data/actors/*.yaml`` and the user's
   ``--actors`` files; see ``entities/registry.py``): names and aliases matched with
   phrase matchers;
2. context (``entities/context.py``): generic descriptions, countries' forces
   ("Indian shelling"), countries acting as states, ambiguous bare names such as "Taliban";
3. people outside the registry (``entities/people.py``): after a title, in
   apposition or speech attribution;
4. aliases the text gives ("X, alias Y"), which then hold for the whole document;
5. "the militants" for the story's dominant armed group;
6. short forms ("Mehsud") of people named in full earlier, "the spokesman" for the one person
   introduced as such, and whom each person acts for (``affiliation``).

Once the extractor knows which sentences hold events and quotes, it runs spaCy's statistical
NER on the ones ``discovery_sentences`` chooses, for a batch of documents at once, and
``add_discovered`` reads names no registry knows from what it found (``entities/discovered.py``).

``find_actors`` only finds; ``build_actors`` writes ``models.Actor`` records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ceasefire.config import DEFAULT_CONFIG, ExtractConfig
from ceasefire.entities.actor_rules import Days, load_rules
from ceasefire.entities.context import (
    find_ambiguous,
    find_forces,
    find_generic,
    find_led,
    find_main_group,
    find_states,
    find_word_acronyms,
    not_named,
)
from ceasefire.entities.discovered import discover, discovery_sentences
from ceasefire.entities.focus import document_focus, main_country
from ceasefire.entities.mentions import ActorFinding, ActorMention, select, tokens_of
from ceasefire.entities.people import (
    PeopleIndex,
    find_affiliations,
    find_office_mentions,
    find_people,
    find_short_forms,
    learn_aliases,
    name_flags,
    people_index,
    short_forms,
    slug,
)
from ceasefire.entities.registry import ActorRecord, load_registry
from ceasefire.models import Actor, Evidence
from ceasefire.nlp import phrases
from ceasefire.nlp.ner import Entity

__all__ = [
    "ActorFinding",
    "ActorMention",
    "ActorModel",
    "ActorRecord",
    "actor_model",
    "add_discovered",
    "build_actors",
    "discovery_sentences",
    "find_actors",
    "load_registry",
    "load_rules",
    "record_of",
    "slug",
]


@dataclass(frozen=True)
class ActorModel:
    """A registry with everything built from it: matchers and the index of people."""

    records: Mapping[str, ActorRecord]
    matchers: phrases.PhraseMatchers
    people: PeopleIndex


@lru_cache(maxsize=8)
def actor_model(actor_files: tuple[str, ...] = ()) -> ActorModel:
    """The registry for a set of user files, with matchers built once per process and file set.

    Names that context rules decide ("Taliban", "PTI") are left out of the matchers.
    """
    records = load_registry(actor_files)
    ambiguous = load_rules().ambiguous_forms
    entries = ((r.id, [n for n in r.text_names if n not in ambiguous]) for r in records.values())
    return ActorModel(records=records, matchers=phrases.build_matchers(entries), people=people_index(records))


def find_actors(
    doc: Doc,
    blocked: Iterable[int] = (),
    config: ExtractConfig = DEFAULT_CONFIG,
    countries: Iterable[str] = (),
    days: Days = None,
) -> ActorFinding:
    """Find actor mentions in a processed document.

    doc (Doc): the output of ``make_nlp()``.
    blocked (Iterable[int]): token indices that cannot be part of a person's name (places).
    config (ExtractConfig): which user actor files to merge into the registry.
    countries (Iterable[str]): the country of each place the document names, for its story's country.
    days (Days): the days the document is published in (a country's roles can change hands).
    RETURNS (ActorFinding): non-overlapping mentions in document order, plus new person records.
    """
    model = actor_model(config.actor_files)
    finding = ActorFinding(registry=model.records)
    blocked = set(blocked)
    matched = [ActorMention(s.start, s.end, s.label_, "registry") for s in phrases.match(doc, model.matchers)]
    registry = not_named(doc, matched)
    finding.not_names = tokens_of(matched) - tokens_of(registry)
    finding.focus = document_focus(doc, registry, model.records, countries)
    finding.country = main_country(finding.focus)
    known = {m.actor for m in registry}
    context = (
        find_generic(doc, finding.country, days, finding.focus)
        + find_forces(doc, days)
        + find_led(doc, days, finding.focus)
        + find_states(doc, days)
        + find_word_acronyms(doc)
    )
    context += find_ambiguous(doc, known, finding.country)
    named = select(registry + context)
    named = _add_people(doc, named, blocked, model, finding)
    named = _add_aliases(doc, named, blocked, finding)
    named = select(named + find_main_group(doc, named, model.records))
    shorts = short_forms(doc, named, finding)
    flags = name_flags(doc, tokens_of(named) | blocked)
    finding.mentions = select(named + find_short_forms(doc, flags, shorts, named))
    _add_offices(doc, finding, days)
    return finding


def add_discovered(
    doc: Doc,
    finding: ActorFinding,
    entities: Iterable[Entity],
    blocked: Iterable[int] = (),
    config: ExtractConfig = DEFAULT_CONFIG,
    days: Days = None,
) -> None:
    """Add the actors among what NER found in the ``discovery_sentences`` to ``finding``, then the
    short forms, offices and affiliations of the people among them.

    entities (Iterable[Entity]): NER's entities in the document's discovery sentences.
    blocked (Iterable[int]): place tokens, which no discovered name may be alone.
    """
    blocked = set(blocked)
    found = discover(doc, finding, entities, blocked, actor_model(config.actor_files).people, days)
    if not found:
        return
    named = select(finding.mentions + found)
    flags = name_flags(doc, tokens_of(named) | blocked)
    finding.mentions = select(named + find_short_forms(doc, flags, short_forms(doc, named, finding), named))
    _add_offices(doc, finding, days)


def _add_offices(doc: Doc, finding: ActorFinding, days: Days) -> None:
    """ "The spokesman" for the one person introduced as such; whom each person acts for."""
    finding.mentions = select(finding.mentions + find_office_mentions(doc, finding.mentions, finding))
    find_affiliations(doc, finding.mentions, finding, days)


def _add_people(
    doc: Doc, named: list[ActorMention], blocked: set[int], model: ActorModel, finding: ActorFinding
) -> list[ActorMention]:
    flags = name_flags(doc, tokens_of(named) | blocked)
    people = find_people(doc, flags, short_forms(doc, named, finding), model.people, finding)
    return select(named + people)


def _add_aliases(
    doc: Doc, named: list[ActorMention], blocked: set[int], finding: ActorFinding
) -> list[ActorMention]:
    """Learned aliases win over whatever their words resolved to alone (but not over longer names)."""
    flags = name_flags(doc, tokens_of(named) | blocked)
    learned = learn_aliases(doc, named, flags, finding)
    if not learned:
        return named
    covered = [(a.start, a.end) for a in learned]
    kept = [m for m in named if not any(s <= m.start and m.end <= e for s, e in covered)]
    return select(kept + learned)


def record_of(actor: str, finding: ActorFinding) -> ActorRecord:
    """The record for an actor id: from the registry the finding used, or created for this document."""
    record = finding.record(actor)
    if record is None:
        raise KeyError(actor)
    return record


def build_actors(finding: ActorFinding, doc: Doc, doc_id: str) -> list[Actor]:
    """One ``Actor`` per id with evidence for each mention, in order of first mention."""
    actors: dict[str, Actor] = {}
    for m in finding.mentions:
        if m.actor not in actors:
            r = record_of(m.actor, finding)
            actors[m.actor] = Actor(
                id=r.id,
                name=r.name,
                kind=r.kind,
                country=r.country,
                parent=r.parent,
                aliases=list(r.aliases),
                affiliation=finding.affiliations.get(r.id),
                origin="registry" if r.id in finding.registry else "discovered",
            )
        span = doc[m.start : m.end]
        actors[m.actor].mentions.append(
            Evidence(doc=doc_id, start=span.start_char, end=span.end_char, text=span.text)
        )
    return list(actors.values())
