"""Places named in a document, each resolved to one gazetteer entry, and their records.

The gazetteer (``entities/gazetteer.py``) finds the names; this module tells place names
from words, people and tribes (``data/places/ambiguity.yaml``) and chooses between places
that share a name ("Georgia", "Tripoli", "Hyderabad"): one inside another place of the
sentence, then one in a country the sentence names, then one in the document's focus (the
countries of its unambiguous places, plus any focus the caller passes), then by feature
rank and population.

``find_places`` only finds; ``build_places`` writes ``models.Place`` records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from ceasefire.entities.gazetteer import (
    KIND_RANK,
    PRECISION,
    UNIT_WORDS,
    Gazetteer,
    PlaceRecord,
    former_region,
    load_gazetteer,
    lookup,
    match_names,
)
from ceasefire.models import Evidence, Place
from ceasefire.nlp.lexicons import load_yaml
from ceasefire.nlp.tokens import token_view

__all__ = [
    "KIND_RANK",
    "PRECISION",
    "PlaceMention",
    "PlaceRecord",
    "build_places",
    "find_places",
    "former_region",
    "load_gazetteer",
    "lookup",
    "most_specific",
]


# A unit word after a name that fits a unit and a town picks the unit ("Bannu district").
UNIT_AFTER: dict[str, str] = {word: kind for kind, words in UNIT_WORDS.items() for word in words}


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a document: token span and gazetteer id."""

    start: int
    end: int
    place: str


@dataclass(frozen=True)
class AmbiguityRules:
    """The rules of ``data/places/ambiguity.yaml``.

    prior (dict[str, float]): a faint focus on the project's own countries, for documents
    whose places say nothing (less than one unambiguous mention weighs).
    """

    prior: dict[str, float]
    big_city: int
    country_words: dict[str, str]  # lower-cased word -> country code
    common_words: frozenset[str]
    locating: frozenset[str]
    unit_after: frozenset[str]
    also_names: frozenset[str]
    tribe_words: frozenset[str]


@cache
def ambiguity() -> AmbiguityRules:
    raw = load_yaml("places", "ambiguity.yaml")
    countries = raw["countries"]
    return AmbiguityRules(
        prior={c: 0.5 * (len(countries) - i) / len(countries) for i, c in enumerate(countries)},
        big_city=int(raw["big_city"]),
        country_words={w.lower(): code for code, words in raw["country_words"].items() for w in words},
        common_words=frozenset(raw["common_words"]["names"]),
        locating=frozenset(raw["common_words"]["before"]),
        unit_after=frozenset(raw["common_words"]["after"]),
        also_names=frozenset(raw["also_names"]["names"]),
        tribe_words=frozenset(raw["also_names"]["tribe_words"]),
    )


# ----------------------------------------------------------------------------- finding


def _is_headline_case(sent: Span) -> bool:
    """Headlines In Title Case make every word look like part of a name: a capitalised
    function word inside the sentence ("Blast In Swat") gives them away."""
    return any(t.is_title and t.is_stop and t.i > sent.start and t.lower_ not in _DATE_WORDS for t in sent)


def _in_name_run(doc: Doc, span: Span, rules: AmbiguityRules) -> bool:
    """True when a capitalised word other than a date or unit word touches the span, or is
    joined to it by a hyphen ("Al-Qaeda")."""
    neighbours = [doc[span.start - 1]] if span.start > span.sent.start else []
    neighbours += [doc[span.end]] if span.end < span.sent.end else []
    if span.end + 1 < span.sent.end and doc[span.end].text == "-" and not doc[span.end - 1].whitespace_:
        neighbours.append(doc[span.end + 1])
    return any(
        t.is_alpha
        and t.is_title
        and t.lower_ not in rules.unit_after
        and t.lower_ not in _DATE_WORDS
        and t.lower_ not in rules.country_words
        for t in neighbours
    )


_DATE_WORDS = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    }
)  # fmt: skip


def is_place(doc: Doc, span: Span, rules: AmbiguityRules, word: str | None = None) -> bool:
    """Apply the word, person and tribe rules to one matched name.

    word (str | None): "town" when the name is an English word borne by a town ("Split",
        "Reading"): a place before a unit word, or capitalised where a word would not be: not
        opening the sentence (nor after a colon), not in a headline's Title Case, not beside
        another capitalised word. "unit" when only divisions bear it ("North", "Central"): a
        place only before a unit word ("Central district").
    """
    text = span.text
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if text in rules.common_words or text in rules.also_names:  # the curated lists decide
        if before in rules.locating:
            return True
        if text in rules.common_words:
            return after in rules.unit_after
        return after not in rules.tribe_words and (
            _is_headline_case(span.sent) or not _in_name_run(doc, span, rules)
        )
    if word == "unit":
        return after in rules.unit_after
    if word == "town":
        if after in rules.unit_after:
            return True
        sent = span.sent
        opening = span.start == sent.start or before in {":", "-", "—", "–", '"', "“", "‘", "'"}
        return not opening and not _is_headline_case(sent) and not _in_name_run(doc, span, rules)
    return True


def is_person_like(doc: Doc, span: Span, rules: AmbiguityRules) -> bool:
    """A one-word name inside a run of capitalised words, outside a Title Case headline and not
    after a preposition that locates ("in Hub-Chowki"; "to" and "of" also precede people):
    "Juan Manuel Santos", "President Santos", "Salva Kiir" may name people, not towns."""
    if len(span) != 1 or _is_title_case(span.sent):
        return False
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return before not in rules.locating - {"to", "of"} and _in_name_run(doc, span, rules)


def _is_title_case(sent: Span) -> bool:
    """Most words capitalised: a headline, where capitals tell nothing about names."""
    words = [t for t in sent if t.is_alpha]
    return len(words) > 2 and sum(t.is_title for t in words) * 3 >= len(words) * 2


def _within(candidate: PlaceRecord, other: PlaceRecord) -> bool:
    """True when ``other`` contains ``candidate`` ("in X district of Y")."""
    if other.kind == "country":
        return candidate.country == other.country and candidate.id != other.id
    if other.kind in {"admin1", "admin2"}:
        return candidate.country == other.country and getattr(candidate, other.kind) == other.name
    return False


def feature_rank(record: PlaceRecord, rules: AmbiguityRules) -> int:
    """Country > admin1 (or a curated region) > big city > admin2 > small city: how likely a bare
    name means this kind of place."""
    if record.kind == "city":
        return 2 if record.population >= rules.big_city else 0
    return {"country": 4, "admin1": 3, "area": 3, "admin2": 1}[record.kind]


def choose(
    candidates: tuple[str, ...],
    sentence: list[tuple[str, ...]],
    cued: set[str],
    focus: Mapping[str, float] | None = None,
) -> str:
    """Among places sharing a name: one inside another place of the sentence, then one in a country
    the sentence names, then one in the country of the document's heaviest focus (if it ranks at
    most one feature rank below the best); else the country whose candidate ranks highest by
    feature, then population; within a country, the default order (the country, else the town).
    "Damascus" in a document that also names the US and Syria is Syria's city, not Oregon's town.

    candidates (tuple[str, ...]): ids in default order. sentence: the candidates of every name in
        the sentence. cued: countries the sentence's words point to ("Indian", "Afghan").
        focus: country -> weight (the document's unambiguous places, the caller's focus).
    RETURNS (str): the chosen id.
    """
    if len(candidates) == 1:
        return candidates[0]
    records = load_gazetteer().records
    rules = ambiguity()
    others = [records[p] for group in sentence if group != candidates for p in group]
    best: dict[str | None, tuple[int, int]] = {}
    for place in candidates:
        r = records[place]
        best[r.country] = max(best.get(r.country, (-1, -1)), (feature_rank(r, rules), r.population))
    top = max(rank for rank, _ in best.values())
    weights = focus or {}

    def score(index_place: tuple[int, str]) -> tuple[bool, bool, float, tuple[int, int], int]:
        index, place = index_place
        r = records[place]
        country = r.country or ""
        weight = weights.get(country, 0.0) + rules.prior.get(country, 0.0)
        # containment and focus lift a place at most one feature rank: the US state over the
        # country Georgia, a town over a district, never a small town over a big city or a country
        near_top = best[r.country][0] >= top - 1
        within = near_top and any(_within(r, o) for o in others)
        return (within, country in cued, weight if near_top else 0.0, best[r.country], -index)

    return max(enumerate(candidates), key=score)[1]


def _matches(
    doc: Doc, gazetteer: Gazetteer, rules: AmbiguityRules, focus: Mapping[str, float] | None
) -> tuple[list[tuple[Span, tuple[str, ...]]], Counter[str]]:
    """Gazetteer names that pass the word, person and tribe rules, with their candidates, and
    the document's focus (``document_focus``) from those that are surely places and from the
    country words of ``ambiguity.yaml`` it uses ("Pakistani", "Afghan").

    A one-word name among capitalised words reads as a person ("Juan Manuel Santos", "President
    Santos"), except a country, first-level unit or big city of a country in focus, which lends
    its name to titles and organisations ("Corps Commander Peshawar", "Peshawar High Court").
    One sense per document: a name taken for a person once is no place where it stands alone
    ("Santos said", "according to Santos").
    """
    found: list[tuple[Span, tuple[str, ...], bool]] = []
    for start, end, form in match_names(doc, gazetteer.index):
        candidates = gazetteer.candidates(form)
        unit = UNIT_AFTER.get(doc[end].lower_) if end < len(doc) else None
        if unit is not None and (units := tuple(c for c in candidates if gazetteer.records[c].kind == unit)):
            candidates, end = units, end + 1  # "Bannu district" names the district, not the town
        span = doc[start:end]
        # the flag is on the record's name: "Nord" is no word though Cameroon's "North" is called so
        words = [r for c in candidates if (r := gazetteer.records[c]).word and r.name == form]
        word = (
            None if " " in form or not words else "town" if any(r.kind == "city" for r in words) else "unit"
        )
        if is_place(doc, span, rules, word):
            found.append((span, candidates, is_person_like(doc, span, rules)))
    maybe_people = {span.text for span, _, person in found if person}
    view = token_view(doc)
    cued = Counter(
        {
            rules.country_words[w]: 1
            for w, title in zip(view.lower, view.is_title, strict=True)
            if title and w in rules.country_words
        }
    )
    weights = document_focus(
        [(s, c) for s, c, _ in found if s.text not in maybe_people], gazetteer, cued + Counter(focus or {})
    )
    people = set()
    for span, candidates, person in found:
        records = [gazetteer.records[c] for c in candidates]
        if person and not any(feature_rank(r, rules) >= 2 and weights[r.country or ""] > 0 for r in records):
            people.add(span.text)
    kept = [(span, candidates) for span, candidates, _ in found if span.text not in people]
    return [(span, c) for span, c in kept if not _remote(c, gazetteer, rules, weights)], weights


def _remote(
    candidates: tuple[str, ...], gazetteer: Gazetteer, rules: AmbiguityRules, weights: Mapping[str, float]
) -> bool:
    """A small place (a district or town under ``big_city``) in none of the countries the
    document is about, when its other places say what those are: in a story on Pakistan,
    "Christians" is no Danish island and "Bala" in Ethiopia no Romanian commune. The project's
    own countries (``prior``) are never remote."""
    records = [gazetteer.records[c] for c in candidates]
    countries = {r.country or "" for r in records}
    own = next(iter(countries)) if len(countries) == 1 else None  # the weight this name gave itself
    others = {c: w - (c == own) for c, w in weights.items()}
    if not any(weight > 0 for weight in others.values()):
        return False
    return all(
        feature_rank(r, rules) <= 1 and others.get(r.country or "", 0) <= 0 and r.country not in rules.prior
        for r in records
    )


def document_focus(
    matches: list[tuple[Span, tuple[str, ...]]], gazetteer: Gazetteer, focus: Mapping[str, float] | None
) -> Counter[str]:
    """Country -> weight: one for each distinct name whose places all lie in that country, plus
    the caller's focus (e.g. from the document's actors)."""
    weights: Counter[str] = Counter(dict(focus or {}))
    for candidates in {candidates for _, candidates in matches}:
        countries = {gazetteer.records[c].country for c in candidates}
        if len(countries) == 1 and (country := countries.pop()):
            weights[country] += 1
    return weights


def find_places(doc: Doc, focus: Mapping[str, float] | None = None) -> list[PlaceMention]:
    """Gazetteer matches in document order, each resolved to one place.

    focus (Mapping[str, float] | None): country (ISO alpha-3) -> weight the caller knows the
        document is about; added to what the document's unambiguous places say.
    """
    rules = ambiguity()
    gazetteer = load_gazetteer()
    matches, weights = _matches(doc, gazetteer, rules, focus)
    view = token_view(doc)
    by_sentence: dict[int, list[tuple[str, ...]]] = {}
    for span, candidates in matches:
        by_sentence.setdefault(span.sent.start, []).append(candidates)
    found = []
    cues: dict[int, set[str]] = {}
    for span, candidates in matches:
        sent = span.sent
        if sent.start not in cues:
            words = zip(view.lower[sent.start : sent.end], view.is_title[sent.start : sent.end], strict=True)
            cues[sent.start] = {
                rules.country_words[w] for w, title in words if w in rules.country_words and title
            }
        place = choose(candidates, by_sentence[sent.start], cues[sent.start], weights)
        found.append(PlaceMention(span.start, span.end, place))
    return found


def most_specific(mentions: list[PlaceMention]) -> str | None:
    """The most specific place among mentions (a town over its province), first on ties."""
    if not mentions:
        return None
    records = load_gazetteer().records
    return min(mentions, key=lambda m: records[m.place].precision).place


# ----------------------------------------------------------------------------- writing


def to_place(record: PlaceRecord) -> Place:
    """The exported form of a gazetteer entry (no mentions yet)."""
    return Place(
        id=record.id,
        name=record.name,
        kind=record.kind,
        country=record.country,
        admin1=record.admin1,
        admin2=record.admin2,
        lat=record.lat,
        lon=record.lon,
        precision=record.precision,
    )


def build_places(mentions: list[PlaceMention], doc: Doc, doc_id: str) -> list[Place]:
    """One ``Place`` per gazetteer id, with evidence for each mention, in order of first mention."""
    gazetteer = load_gazetteer()
    places: dict[str, Place] = {}
    for mention in mentions:
        span = doc[mention.start : mention.end]
        if mention.place not in places:
            places[mention.place] = to_place(gazetteer.records[mention.place])
        evidence = Evidence(doc=doc_id, start=span.start_char, end=span.end_char, text=span.text)
        places[mention.place].mentions.append(evidence)
    return list(places.values())
