"""The context rules of ``data/lexicons/actor_rules.yaml``, tokenized once per process.

Every word list the actor finders use lives in that file; this module only
parses it into frozen records so the finders never touch raw YAML.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from typing import Any

from ceasefire.nlp.lexicons import cues, load_yaml, token_forms

Phrase = tuple[str, ...]
Days = tuple[date, date] | None  # the first and last day a document can speak of; None when unknown


@dataclass(frozen=True)
class CountryRule:
    """A state: modifier words, names as a noun, capitals and the actor of each generic role.

    ``words`` are the modifiers as token phrases ("ethiopian", "south sudanese"); ``roles`` are
    today's; ``earlier`` the roles that held before a change of regime, as (the first day they no
    longer held, roles), oldest first: Afghanistan's government was the Islamic Republic until
    15 August 2021, the Taliban's Emirate since.
    """

    code: str
    words: tuple[Phrase, ...]
    names: tuple[Phrase, ...]
    capitals: tuple[Phrase, ...]
    roles: dict[str, str]
    earlier: tuple[tuple[date, dict[str, str]], ...] = ()
    name: str = ""

    def roles_during(self, days: Days) -> dict[str, str]:
        """The roles that held on every day of ``days`` (None: unknown days, so every period counts).

        A role that changed hands within the days stays unresolved: a report from "2021" may speak of
        either government of Afghanistan, so neither is guessed.
        """
        if not self.earlier:
            return self.roles
        periods: list[dict[str, str]] = []
        start = date.min
        for until, roles in (*self.earlier, (date.max, self.roles)):
            if days is None or (days[0] < until and start <= days[1]):
                periods.append(roles)
            start = until
        first, *rest = periods
        return {role: actor for role, actor in first.items() if all(p.get(role) == actor for p in rest)}


@dataclass(frozen=True)
class GenericRule:
    role: str
    phrase: Phrase
    needs_the: bool
    needs_modifier: bool
    not_before: frozenset[str]


@dataclass(frozen=True)
class AmbiguousRule:
    """A bare name ("Taliban") whose actor depends on nearby words, the document and its country."""

    forms: tuple[str, ...]
    sentence_cues: tuple[tuple[str, tuple[Phrase, ...]], ...]
    before_cues: tuple[tuple[str, tuple[Phrase, ...]], ...]
    after_cues: tuple[tuple[str, tuple[Phrase, ...]], ...]
    when_document_mentions: dict[str, str]
    by_country: dict[str, str]
    default: str


@dataclass(frozen=True)
class StateRules:
    """When a country's name is the state acting or acted upon rather than a place."""

    verbs: frozenset[str]
    fillers: frozenset[str]
    not_after: frozenset[str]
    partner_nouns: frozenset[str]
    after: tuple[Phrase, ...]
    between_not_after: frozenset[str]
    forces_of: frozenset[str] = frozenset()
    by_not_after: frozenset[str] = frozenset()
    listing_nouns: frozenset[str] = frozenset()
    led_nouns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ForceRules:
    """Violence nouns a country word makes its forces' act ("Indian shelling"), and words between them."""

    nouns: tuple[Phrase, ...]
    fillers: frozenset[str]

    @cached_property
    def first_words(self) -> frozenset[str]:
        """The words a noun can start with: most tokens after a country word are none of them."""
        return frozenset(noun[0] for noun in self.nouns if noun)


@dataclass(frozen=True)
class MainGroupRule:
    """Generic words ("the militants") for the story's dominant armed group."""

    phrases: tuple[Phrase, ...]
    determiners: frozenset[str]
    not_before: frozenset[str]
    dominance: float


@dataclass(frozen=True)
class PeopleRules:
    """Titles, role nouns, short-form blockers and alias cues for people."""

    titles: tuple[Phrase, ...]
    soft_titles: frozenset[str]
    apposition_roles: frozenset[str]
    not_name_words: frozenset[str]
    short_form_not_before: frozenset[str]
    alias_cues: tuple[Phrase, ...]


@dataclass(frozen=True)
class ActorRules:
    countries: tuple[CountryRule, ...]
    generic: tuple[GenericRule, ...]
    state: StateRules
    forces: ForceRules
    main_group: MainGroupRule
    people: PeopleRules
    ambiguous: tuple[AmbiguousRule, ...]
    word_acronyms: dict[str, tuple[str, frozenset[str]]]
    status_participles: frozenset[str] = frozenset()

    def country_of_word(self, word: str) -> CountryRule | None:
        """The one state a single-token modifier names ("ethiopian"); None if none or several
        ("congolese": both Congos)."""
        found = self._countries_by_phrase.get((word,), ())
        return found[0] if len(found) == 1 else None

    def is_country_word(self, word: str) -> bool:
        """Whether a single token names a state or its people, whichever state it is."""
        return (word,) in self._countries_by_phrase

    def modifier_ending_at(
        self, lower: list[str], j: int, focus: Iterable[str] = ()
    ) -> tuple[int, CountryRule] | None:
        """The longest modifier phrase ending at token ``j`` ("south sudanese"), as (start, state).

        A phrase several states share ("congolese") names the one of them in ``focus`` (the
        countries the document is about, first the main one), else none.
        """
        for phrase in self._phrases_by_last_word.get(lower[j], ()):
            start = j - len(phrase) + 1
            if start >= 0 and tuple(lower[start : j + 1]) == phrase:
                country = self._choose(phrase, focus)
                if country is not None:
                    return start, country
        return None

    def modifier_starting_at(
        self, lower: list[str], i: int, focus: Iterable[str] = ()
    ) -> tuple[int, CountryRule] | None:
        """The longest modifier phrase starting at token ``i``, as (end, state)."""
        for phrase in self._phrases_by_first_word.get(lower[i], ()):
            end = i + len(phrase)
            if tuple(lower[i:end]) == phrase:
                country = self._choose(phrase, focus)
                if country is not None:
                    return end, country
        return None

    def _choose(self, phrase: Phrase, focus: Iterable[str]) -> CountryRule | None:
        found = self._countries_by_phrase[phrase]
        if len(found) == 1:
            return found[0]
        by_code = {c.code: c for c in found}
        return next((by_code[code] for code in focus if code in by_code), None)

    @cached_property
    def _countries_by_phrase(self) -> dict[Phrase, tuple[CountryRule, ...]]:
        found: dict[Phrase, list[CountryRule]] = {}
        for country in self.countries:
            for phrase in country.words:
                found.setdefault(phrase, []).append(country)
        return {phrase: tuple(v) for phrase, v in found.items()}

    @cached_property
    def _phrases_by_last_word(self) -> dict[str, tuple[Phrase, ...]]:
        """Modifier phrases by their last token, longest first."""
        return _longest_first(self._countries_by_phrase, -1)

    @cached_property
    def _phrases_by_first_word(self) -> dict[str, tuple[Phrase, ...]]:
        """Modifier phrases by their first token, longest first."""
        return _longest_first(self._countries_by_phrase, 0)

    def country(self, code: str | None) -> CountryRule | None:
        return self._country_by_code.get(code) if code else None

    @cached_property
    def _country_by_code(self) -> dict[str, CountryRule]:
        return {c.code: c for c in self.countries}

    @property
    def ambiguous_forms(self) -> frozenset[str]:
        """Names left to context rules, never matched from the registry."""
        return frozenset(form for rule in self.ambiguous for form in rule.forms)


def _longest_first(phrases: Iterable[Phrase], position: int) -> dict[str, tuple[Phrase, ...]]:
    """Phrases grouped by their token at ``position`` (0: first, -1: last), longest first."""
    grouped: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        grouped.setdefault(phrase[position], []).append(phrase)
    return {word: tuple(sorted(v, key=len, reverse=True)) for word, v in grouped.items()}


def _phrases(words: list[str]) -> tuple[Phrase, ...]:
    """Tokenized phrases, longest first so the longest matching one is tried first."""
    return tuple(sorted((token_forms(w) for w in words), key=len, reverse=True))


def _cue_table(raw: dict[str, list[str]] | None) -> tuple[tuple[str, tuple[Phrase, ...]], ...]:
    return tuple((actor, _phrases(words)) for actor, words in (raw or {}).items())


def _countries(raw: dict[str, Any]) -> tuple[CountryRule, ...]:
    """Every state of ``data/lexicons/countries.yaml`` (generated by ``scripts/build_states.py``)."""
    return tuple(
        CountryRule(
            code=code,
            words=tuple(token_forms(w) for w in spec["words"]),
            names=tuple(token_forms(n) for n in spec.get("names", [])),
            capitals=tuple(token_forms(c) for c in spec.get("capitals", [])),
            roles=dict(spec.get("roles", {})),
            earlier=_earlier(spec.get("earlier", [])),
            name=spec.get("name", code),
        )
        for code, spec in raw.items()
    )


def _earlier(raw: list[dict[str, Any]]) -> tuple[tuple[date, dict[str, str]], ...]:
    """A country's earlier roles, oldest first."""
    return tuple(sorted(((_day(e["until"]), dict(e["roles"])) for e in raw), key=lambda e: e[0]))


def _day(value: object) -> date:
    """A YAML date (PyYAML reads an unquoted ISO date as one) or an ISO string."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _generic(raw: list[dict[str, Any]]) -> tuple[GenericRule, ...]:
    return tuple(
        GenericRule(
            role=g["role"],
            phrase=token_forms(g["phrase"]),
            needs_the=bool(g.get("needs_the", False)),
            needs_modifier=bool(g.get("needs_modifier", False)),
            not_before=frozenset(g.get("not_before", [])),
        )
        for g in raw
    )


def _ambiguous(raw: list[dict[str, Any]]) -> tuple[AmbiguousRule, ...]:
    return tuple(
        AmbiguousRule(
            forms=tuple(a["forms"]),
            sentence_cues=_cue_table(a.get("sentence_cues")),
            before_cues=_cue_table(a.get("before_cues")),
            after_cues=_cue_table(a.get("after_cues")),
            when_document_mentions=dict(a.get("when_document_mentions", {})),
            by_country=dict(a.get("by_country", {})),
            default=a["default"],
        )
        for a in raw
    )


def _with_abbreviations(phrases: Iterable[Phrase]) -> set[Phrase]:
    """Phrases plus forms with each "." joined to the word before it: alone "Mr." tokenizes as
    "mr" + ".", but in running text ("Mr. Sharif") it is one token "mr."."""
    out: set[Phrase] = set()
    for phrase in phrases:
        out.add(phrase)
        joined: list[str] = []
        for word in phrase:
            if word == "." and joined:
                joined[-1] += "."
            else:
                joined.append(word)
        out.add(tuple(joined))
    return out


def _people(raw: dict[str, Any]) -> PeopleRules:
    shared = cues()
    titles = tuple(
        sorted(_with_abbreviations([*shared.titles, *_phrases(raw["titles"])]), key=len, reverse=True)
    )
    own_title_words = {w for t in titles for w in t if w.isalpha()}
    return PeopleRules(
        titles=titles,
        soft_titles=frozenset(raw["soft_titles"]),
        apposition_roles=shared.apposition_roles | frozenset(raw["apposition_roles"]),
        not_name_words=shared.not_name_words | own_title_words,
        short_form_not_before=frozenset(raw["short_form_not_before"]),
        alias_cues=_phrases(raw["alias_cues"]),
    )


@cache
def load_rules() -> ActorRules:
    """Parse ``data/lexicons/actor_rules.yaml`` and the states of ``countries.yaml`` (cached: read once
    per process)."""
    raw = load_yaml("lexicons", "actor_rules.yaml")
    group = raw["main_group"]
    return ActorRules(
        countries=_countries(load_yaml("lexicons", "countries.yaml")["countries"]),
        generic=_generic(raw["generic"]),
        state=StateRules(
            verbs=frozenset(raw["metonym_verbs"]),
            fillers=frozenset(raw["metonym_fillers"]),
            not_after=frozenset(raw["state_not_after"]),
            partner_nouns=frozenset(raw["state_partner_nouns"]),
            after=_phrases(raw["state_after"]),
            between_not_after=frozenset(raw["between_not_after"]),
            forces_of=frozenset(raw.get("state_forces_of", [])),
            by_not_after=frozenset(raw.get("state_by_not_after", [])),
            listing_nouns=frozenset(raw.get("state_listing_nouns", [])),
            led_nouns=frozenset(raw.get("state_led_nouns", [])),
        ),
        forces=ForceRules(
            nouns=_phrases(raw["country_violence"]["nouns"]),
            fillers=frozenset(raw["country_violence"]["fillers"]),
        ),
        main_group=MainGroupRule(
            phrases=_phrases(group["phrases"]),
            determiners=frozenset(group["determiners"]),
            not_before=frozenset(group["not_before"]),
            dominance=float(group["dominance"]),
        ),
        people=_people(raw["people"]),
        ambiguous=_ambiguous(raw["ambiguous"]),
        word_acronyms={
            form: (spec["actor"], frozenset(spec["before"]))
            for form, spec in raw.get("word_acronyms", {}).items()
        },
        status_participles=frozenset(raw.get("status_participles", [])),
    )
