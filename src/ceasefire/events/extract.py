"""Extraction entry point: one document in, actors, places, events and quotes out.

"Find" runs once over one spaCy pass (matchers are built once per process and
cached); "write" turns what was found into the records of ``models``. Every
evidence span indexes ``document.text`` directly.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from functools import cache
from time import perf_counter

from spacy.tokens import Doc

from ceasefire.config import DEFAULT_CONFIG, ExtractConfig
from ceasefire.entities.actors import add_discovered, build_actors, discovery_sentences, find_actors
from ceasefire.entities.mentions import ActorFinding
from ceasefire.entities.places import PlaceMention, build_places, find_places, load_gazetteer
from ceasefire.events.quotes import find_quotes, quote_sentences, speech_sentences
from ceasefire.events.roles import Side
from ceasefire.events.rules import Trigger, find_triggers
from ceasefire.events.write import Found, write_events
from ceasefire.models import DateValue, Document, Published, document_id
from ceasefire.nlp.durations import find_durations
from ceasefire.nlp.lexicons import cues
from ceasefire.nlp.ner import find_entities_many
from ceasefire.nlp.numbers import find_numbers
from ceasefire.nlp.parse import Parse, parse_many
from ceasefire.nlp.pipeline import make_nlp
from ceasefire.nlp.temporal import find_dates, publication_value
from ceasefire.nlp.tokens import token_view
from ceasefire.types import Extraction

Stage = Callable[[str], AbstractContextManager[None]]
PARSED_TRIGGERS = frozenset({"ceasefire_end"})  # "the talks ... ended": what ended is the subject
GROUP_TOKENS = 4_000  # tokens of documents read before one NER call for all of them (bounds the memory held)


class StageClock:
    """Seconds spent per stage across calls, for ``make bench`` (the same code path as real runs)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.counts: dict[str, int] = {}

    def count(self, name: str, n: int) -> None:
        """Add ``n`` to a tally (sentences with a trigger, sentences parsed)."""
        self.counts[name] = self.counts.get(name, 0) + n

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + perf_counter() - started


@dataclass
class _Read:
    """A document read up to the one step that runs a statistical model (NER), which runs for a
    whole batch of documents at once."""

    document: Document
    doc: Doc
    place_mentions: list[PlaceMention]
    blocked: set[int]
    finding: ActorFinding
    triggers: list[Trigger]
    publication: DateValue
    candidates: list[tuple[int, int]]  # the sentences NER reads
    parsed: list[tuple[int, int]]  # the sentences with a trigger, which the parser may read
    quoted: list[tuple[int, int]]  # the sentences of quotes that report speech, which it reads


def extract(
    document: Document, config: ExtractConfig = DEFAULT_CONFIG, clock: StageClock | None = None
) -> Extraction:
    """Extract the source-linked facts of one document.

    document (Document): cleaned text (paragraphs separated by blank lines) and publication date.
    config (ExtractConfig): what to read besides the built-in data (user actor files).
    clock (StageClock | None): when given, adds up the time of each stage (for the benchmark).
    RETURNS (Extraction): actors, places, events and quotes, each with evidence into ``document.text``.
    """
    return extract_many([document], config, clock)[0]


def extract_many(
    documents: Sequence[Document], config: ExtractConfig = DEFAULT_CONFIG, clock: StageClock | None = None
) -> list[Extraction]:
    """``extract`` for several documents: the same result for each, with one NER call for each group
    of documents (the model's fixed cost per call is most of what it costs on a few short sentences).
    A group closes at ``GROUP_TOKENS`` tokens, so it holds many headlines or a few long articles, and
    memory does not grow with ``documents``."""
    stage = clock.stage if clock else _untimed
    done: list[Extraction] = []
    group: list[_Read] = []
    tokens = 0
    for k, document in enumerate(documents):
        group.append(_read(document, config, stage))
        tokens += len(group[-1].doc)
        if tokens >= GROUP_TOKENS or k == len(documents) - 1:
            with stage("discovery"):
                entities = find_entities_many([(r.doc, r.candidates) for r in group])
                for r, found in zip(group, entities, strict=True):
                    add_discovered(r.doc, r.finding, found, r.blocked, config, r.publication.interval())
            with stage("parse"):
                chosen = [_parse_sentences(r) for r in group]
                parses = parse_many([(r.doc, spans) for r, spans in zip(group, chosen, strict=True)])
            if clock is not None:
                clock.count("sentences", sum(len(list(r.doc.sents)) for r in group))
                clock.count("trigger_sentences", sum(len(r.parsed) for r in group))
                clock.count("parsed_sentences", sum(len(spans) for spans in chosen))
            done += [_finish(r, parse, stage) for r, parse in zip(group, parses, strict=True)]
            group, tokens = [], 0
    return done


def _read(document: Document, config: ExtractConfig, stage: Stage) -> _Read:
    """Tokens, places, actors and event triggers of one document, and the sentences NER should read."""
    with stage("tokenize+sentences"):
        doc = make_nlp()(document.text)
    with stage("places"):
        place_mentions = find_places(doc)
        blocked = {i for p in place_mentions for i in range(p.start, p.end)}
        gazetteer = load_gazetteer().records
        # places below the country level: a country's name already counts as a country word
        countries = [
            r.country
            for p in place_mentions
            if (r := gazetteer.get(p.place)) is not None and r.country and r.kind != "country"
        ]
    with stage("actors"):
        publication = publication_value(document.published)
        finding = find_actors(
            doc, blocked=blocked, config=config, countries=countries, days=publication.interval()
        )
    with stage("events"):
        triggers = find_triggers(doc)
    with stage("discovery"):
        with_trigger = _trigger_sentences(doc, triggers)
        with_quote = quote_sentences(doc)
        sentences = with_trigger + with_quote + speech_sentences(doc)
        candidates = discovery_sentences(doc, finding, sentences, blocked, publication.interval())
    return _Read(
        document,
        doc,
        place_mentions,
        blocked,
        finding,
        triggers,
        publication,
        candidates,
        with_trigger,
        _reporting(doc, with_quote),
    )


def _parse_sentences(read: _Read) -> list[tuple[int, int]]:
    """The sentences the parser reads: those with a trigger that mention an actor (roles are only
    ever actors' mentions) or a trigger whose type the parse may change (``PARSED_TRIGGERS``), and
    those of quotes that report speech (whose subject is the speaker)."""
    starts = sorted({m.start for m in read.finding.mentions})
    starts += [t.start for t in read.triggers if t.label in PARSED_TRIGGERS]
    acting = [(a, b) for a, b in read.parsed if any(a <= i < b for i in starts)]
    return sorted(set(acting) | set(read.quoted))


def _reporting(doc: Doc, scopes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences of the quote scopes ``scopes`` that hold a speech verb or "according"."""
    if not scopes:
        return []
    speech = cues().speech_verbs | {"according"}
    lower = token_view(doc).lower
    return [
        (s.start, s.end)
        for s in doc.sents
        if any(a < s.end and s.start < b for a, b in scopes) and not speech.isdisjoint(lower[s.start : s.end])
    ]


def _finish(read: _Read, parse: Parse, stage: Stage) -> Extraction:
    """Everything after the models: dates, events and quotes of one document."""
    doc, document, finding, triggers = read.doc, read.document, read.finding, read.triggers
    with stage("places"):
        actor_tokens = {i for m in finding.mentions for i in range(m.start, m.end)}
        place_mentions = [p for p in read.place_mentions if actor_tokens.isdisjoint(range(p.start, p.end))]
    with stage("dates/numbers"):
        # dates, numbers and durations only serve events: a document without a trigger needs none
        dates = find_dates(document.text, document.published) if triggers else []
        numbers = find_numbers(document.text) if triggers else []
        durations = find_durations(document.text) if triggers else []
    with stage("actors"):
        actors = build_actors(finding, doc, document.id)
    found = Found(
        doc=doc,
        doc_id=document.id,
        text=document.text,
        actors=finding.mentions,
        places=place_mentions,
        dates=dates,
        numbers=numbers,
        triggers=triggers,
        publication=read.publication,
        durations=durations,
        affiliations={a.id: a.affiliation for a in actors if a.affiliation},
        parse=parse,
        media=frozenset(a.id for a in actors if a.kind == "media"),
        sides={a.id: Side(a.kind, a.country, a.parent) for a in actors},
    )
    with stage("places"):
        places = build_places(place_mentions, doc, document.id)
    with stage("events"):
        events = write_events(found)
    with stage("quotes"):
        people = frozenset(a.id for a in actors if a.kind == "person")
        quotes = find_quotes(doc, document.id, finding.mentions, parse, people)
    document = document.model_copy(update={"focus": finding.focus})
    return Extraction(document=document, actors=actors, places=places, events=events, quotes=quotes)


def _trigger_sentences(doc: Doc, triggers: list[Trigger]) -> list[tuple[int, int]]:
    """Token ranges of the sentences that hold a trigger."""
    if not triggers:
        return []
    starts = {t.start for t in triggers}
    return [(s.start, s.end) for s in doc.sents if any(s.start <= i < s.end for i in starts)]


WARM_UP = (
    "Warm up the matchers.",
    "On 9 November 2021 the TTP announced a month-long ceasefire with the government, mediated by "
    "the Afghan Taliban in Kabul; the talks stalled after the TTP demanded the release of prisoners "
    "and the government refused.",
    "A day later, militants attacked a police post in Bannu, killing at least 12 soldiers and "
    "wounding 5, the army said, accusing India of backing them; both sides blamed each other.",
    "Rebel commander Lina Sorel said the Northern Valley Front had agreed to a truce with the army.",
)


@cache
def warm_up(config: ExtractConfig = DEFAULT_CONFIG) -> None:
    """Load the pipeline, registries and gazetteer, then take them out of garbage collection.

    For long runs (ingest, its workers, the benchmark): the loaded data is a few hundred thousand
    objects that live as long as the process, and ``gc.freeze`` stops every full collection from
    walking them again. Once per process and config (cached), so repeated ingests in one process do
    not keep freezing their own short-lived objects. Extraction output does not depend on it.
    """
    for text in WARM_UP:  # every stage reads its lexicons on first use: use them all here
        extract(Document(id=document_id(text), text=text, published=Published()), config)
    gc.freeze()


def _untimed(_name: str) -> AbstractContextManager[None]:
    return nullcontext()
