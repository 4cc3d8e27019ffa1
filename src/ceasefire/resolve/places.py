"""Places: a small gazetteer (``data/places/*.yaml``) matched in text.

A first pass: exact names and aliases only, no disambiguation beyond
longest-match and the rule that a span already taken by an actor is not a place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ceasefire.models import Evidence, Place, PlaceKind
from ceasefire.nlp import phrases
from ceasefire.nlp.lexicons import load_yaml_folder

SPECIFICITY: dict[str, int] = {"city": 4, "admin2": 3, "area": 2, "admin1": 1, "country": 0}


@dataclass(frozen=True)
class PlaceRecord:
    """One gazetteer entry."""

    id: str
    name: str
    kind: PlaceKind
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a document: token span and gazetteer id."""

    start: int
    end: int
    place: str


@cache
def load_gazetteer() -> dict[str, PlaceRecord]:
    """All gazetteer files, keyed by place id (a duplicate id is an error)."""
    records: dict[str, PlaceRecord] = {}
    for name, data in load_yaml_folder("places"):
        for row in data["places"]:
            if row["id"] in records:
                raise ValueError(f"places/{name}: duplicate place id {row['id']!r}")
            records[row["id"]] = PlaceRecord(
                id=row["id"],
                name=row["name"],
                kind=row["kind"],
                country=row.get("country", data.get("country")),
                admin1=row.get("admin1"),
                lat=row.get("lat"),
                lon=row.get("lon"),
                aliases=tuple(row.get("aliases", [])),
            )
    return records


@cache
def _matchers() -> phrases.PhraseMatchers:
    return phrases.build_matchers((r.id, (r.name, *r.aliases)) for r in load_gazetteer().values())


def find_places(doc: Doc) -> list[PlaceMention]:
    """Gazetteer matches in document order."""
    return [PlaceMention(s.start, s.end, s.label_) for s in phrases.match(doc, _matchers())]


def most_specific(mentions: list[PlaceMention]) -> str | None:
    """The most specific place among mentions (a city over its province), first on ties."""
    if not mentions:
        return None
    gazetteer = load_gazetteer()
    return max(mentions, key=lambda m: SPECIFICITY[gazetteer[m.place].kind]).place


def build_places(mentions: list[PlaceMention], doc: Doc, doc_id: str) -> list[Place]:
    """One ``Place`` per gazetteer id, with evidence for each mention, in order of first mention."""
    gazetteer = load_gazetteer()
    places: dict[str, Place] = {}
    for mention in mentions:
        span = doc[mention.start : mention.end]
        if mention.place not in places:
            r = gazetteer[mention.place]
            places[r.id] = Place(
                id=r.id, name=r.name, kind=r.kind, country=r.country, admin1=r.admin1, lat=r.lat, lon=r.lon
            )
        evidence = Evidence(doc=doc_id, start=span.start_char, end=span.end_char, text=span.text)
        places[mention.place].mentions.append(evidence)
    return list(places.values())
