"""A document's focus: the countries it is about, weighted by what it names.

A report about Tigray names Ethiopian actors, Ethiopian places and the word "Ethiopian" again and
again; a passing mention of the UN or the US weighs little. The focus decides what the text leaves
implicit: which state "the government" or "the army" belongs to, which of two states a shared
modifier ("Congolese") names, and which of several places of one name ("Tripoli") is meant.

Every actor mention counts for its actor's country (not media or international organisations,
whose country is where they sit, not what they report on), every capitalised modifier or name of a
state counts for it, and every place for its country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

from spacy.tokens import Doc

from ceasefire.entities.actor_rules import CountryRule, Phrase, load_rules
from ceasefire.entities.mentions import ActorMention
from ceasefire.entities.registry import ActorRecord
from ceasefire.nlp.tokens import token_view

# a country under this share of the document's mentions is incidental, not part of its focus
MIN_SHARE = 0.05
MAX_COUNTRIES = 5
NOT_COUNTED = frozenset({"media", "igo"})

Focus = dict[str, float]


def document_focus(
    doc: Doc, mentions: Iterable[ActorMention], records: Mapping[str, ActorRecord], places: Iterable[str] = ()
) -> Focus:
    """The countries a document is about, as ISO alpha-3 code → share of its country mentions.

    doc (Doc): the processed document.
    mentions (Iterable[ActorMention]): actor mentions found so far (the registry's).
    records (Mapping[str, ActorRecord]): the registry the mentions point into.
    places (Iterable[str]): one country code per place mention ("killed in Mekelle" counts for ETH).
    RETURNS (Focus): at most five countries, each with at least 5% of the mentions, heaviest first
        (ties: places' countries first, then actors', then state words', in order of appearance).
    """
    counts: Counter[str] = Counter(places)
    for m in mentions:
        record = records.get(m.actor)
        if record is not None and record.country and record.kind not in NOT_COUNTED:
            counts[record.country] += 1
    counts.update(_states_named(doc))
    total = sum(counts.values())
    if not total:
        return {}
    # ties go to the country counted first: places first (where things happen), then actors, then words
    ranked = sorted(counts.items(), key=lambda item: -item[1])[:MAX_COUNTRIES]
    return {code: round(n / total, 3) for code, n in ranked if n / total >= MIN_SHARE}


def main_country(focus: Focus) -> str | None:
    """The country a document is most about (ties: the first counted), or None."""
    return next(iter(focus), None)


def _states_named(doc: Doc) -> Iterable[str]:
    """The state of every capitalised modifier ("Ethiopian", "DRC") or name ("Congo-Brazzaville")."""
    rules = load_rules()
    view = token_view(doc)
    lower, names = view.lower, _names_by_first_word()
    end = 0
    for i in [i for i, word in enumerate(lower) if word in _first_words()]:
        if i < end or view.is_lower[i] or not view.is_alpha[i]:
            continue
        hit = rules.modifier_starting_at(lower, i) or _name_starting_at(lower, i, names)
        if hit is not None:
            end = hit[0]
            yield hit[1].code


def _name_starting_at(
    lower: list[str], i: int, names: dict[str, tuple[tuple[Phrase, CountryRule], ...]]
) -> tuple[int, CountryRule] | None:
    """A state's name (not a capital: that is a place) starting at token ``i``, longest first."""
    for name, country in names.get(lower[i], ()):
        if tuple(lower[i : i + len(name)]) == name:
            return i + len(name), country
    return None


@cache
def _first_words() -> frozenset[str]:
    """Every token a state's modifier or name can start with: most tokens start neither."""
    countries = load_rules().countries
    return frozenset(p[0] for c in countries for p in (*c.words, *c.names) if p)


@cache
def _names_by_first_word() -> dict[str, tuple[tuple[Phrase, CountryRule], ...]]:
    """State names by their first token, longest first (built once per process)."""
    grouped: dict[str, list[tuple[Phrase, CountryRule]]] = {}
    for country in load_rules().countries:
        for name in country.names:
            grouped.setdefault(name[0], []).append((name, country))
    return {w: tuple(sorted(v, key=lambda n: -len(n[0]))) for w, v in grouped.items()}
