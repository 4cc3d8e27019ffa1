"""Extraction entry point: one document in, actors, places, events and quotes out.

"Find" runs once over one spaCy pass (matchers are built once per process and
cached); "write" turns what was found into the records of ``models``. Every
evidence span indexes ``document.text`` directly.
"""

from __future__ import annotations

from ceasefire.config import DEFAULT_CONFIG, ExtractConfig
from ceasefire.events.quotes import find_quotes
from ceasefire.events.rules import find_triggers
from ceasefire.events.write import Found, write_events
from ceasefire.models import Document
from ceasefire.nlp.durations import find_durations
from ceasefire.nlp.numbers import find_numbers
from ceasefire.nlp.pipeline import make_nlp
from ceasefire.nlp.temporal import find_dates, publication_value
from ceasefire.resolve.actors import build_actors, find_actors
from ceasefire.resolve.places import build_places, find_places, load_gazetteer
from ceasefire.types import Extraction


def extract(document: Document, config: ExtractConfig = DEFAULT_CONFIG) -> Extraction:
    """Extract the source-linked facts of one document.

    document (Document): cleaned text (paragraphs separated by blank lines) and publication date.
    config (ExtractConfig): what to read besides the built-in data (user actor files).
    RETURNS (Extraction): actors, places, events and quotes, each with evidence into ``document.text``.
    """
    doc = make_nlp()(document.text)
    place_mentions = find_places(doc)
    blocked = {i for p in place_mentions for i in range(p.start, p.end)}
    gazetteer = load_gazetteer().records
    countries = [r.country for p in place_mentions if (r := gazetteer.get(p.place)) is not None and r.country]
    finding = find_actors(doc, blocked=blocked, config=config, countries=countries)
    actor_tokens = {i for m in finding.mentions for i in range(m.start, m.end)}
    place_mentions = [p for p in place_mentions if actor_tokens.isdisjoint(range(p.start, p.end))]
    found = Found(
        doc=doc,
        doc_id=document.id,
        text=document.text,
        actors=finding.mentions,
        places=place_mentions,
        dates=find_dates(document.text, document.published),
        numbers=find_numbers(document.text),
        triggers=find_triggers(doc),
        publication=publication_value(document.published),
        durations=find_durations(document.text),
    )
    return Extraction(
        document=document,
        actors=build_actors(finding, doc, document.id),
        places=build_places(place_mentions, doc, document.id),
        events=write_events(found),
        quotes=find_quotes(doc, document.id, finding.mentions),
    )
