"""Facts around an event that its trigger does not say, read from cue words of ``facets.yaml``.

- ``purpose`` of a ceasefire offer, declaration, agreement or extension: holiday, election, humanitarian
  or peace_process, the first whose cue the sentence holds ("a three-day truce for Eid");
- ``announced`` false for a truce described as unannounced, undeclared, informal or tacit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ceasefire.entities.actors import ActorMention
from ceasefire.models import DateValue
from ceasefire.nlp.lexicons import load_yaml, token_forms

PURPOSE_TYPES = frozenset({"ceasefire_offer", "ceasefire_declare", "ceasefire_agree", "ceasefire_extend"})


@dataclass(frozen=True)
class FacetCues:
    """The cue lists of ``facets.yaml``, each phrase as " word word " for a search in joined words."""

    purposes: tuple[tuple[str, tuple[str, ...]], ...]
    unannounced: tuple[str, ...]


def _phrases(raw: list[str]) -> tuple[str, ...]:
    return tuple(" " + " ".join(token_forms(p)) + " " for p in raw)


@cache
def facet_cues() -> FacetCues:
    raw = load_yaml("lexicons", "facets.yaml")
    return FacetCues(
        purposes=tuple((name, _phrases(words)) for name, words in raw["ceasefire_purpose"].items()),
        unannounced=_phrases(raw["unannounced"]),
    )


_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_SPACES = re.compile(" +")
_DATE_WORDS = re.compile(rf"(?<= )(?:{_MONTH_NAMES}|(?:1[89]|20)\d\d|[0-3]?\d(?:st|nd|rd|th)?)(?: |$)")


def ceasefire_facets(event_type: str, joined: str) -> dict[str, object]:
    """``purpose`` and ``announced`` of a ceasefire event from the words of its sentence.

    event_type (str): the event's type; other than offers, declarations, agreements and extensions get none.
    joined (str): the sentence's lower-case tokens joined by single spaces, with a space at each end.
    RETURNS (dict[str, object]): the attributes the sentence gives (empty when it gives none).
    """
    if event_type not in PURPOSE_TYPES:
        return {}
    c = facet_cues()
    result: dict[str, object] = {}
    undated = _SPACES.sub(" ", _DATE_WORDS.sub(" ", joined))  # "before the February 2024 election"
    purpose = next((name for name, phrases in c.purposes if any(p in undated for p in phrases)), None)
    if purpose is not None:
        result["purpose"] = purpose
    if any(p in joined for p in c.unannounced):
        result["announced"] = False
    return result


@dataclass(frozen=True)
class BlameCues:
    verbs: frozenset[str]
    holding: frozenset[str]
    responsible: frozenset[str]
    passive: frozenset[str]
    deny_verbs: frozenset[str]
    deny_here: frozenset[str]
    deny_window: int
    deny_objects: frozenset[str]


@cache
def blame_cues() -> BlameCues:
    raw = load_yaml("lexicons", "facets.yaml")
    a, d = raw["accusation"], raw["denial"]
    return BlameCues(
        verbs=frozenset(a["verbs"]),
        holding=frozenset(a["holding"]),
        responsible=frozenset(a["responsible"]),
        passive=frozenset(a["passive"]),
        deny_verbs=frozenset(d["verbs"]),
        deny_here=frozenset(d["same_sentence"]),
        deny_window=int(d["window"]),
        deny_objects=frozenset(d["objects"]),
    )


@dataclass(frozen=True)
class Accusation:
    """One side blaming another in a sentence: where the cue ends, who accuses, who is accused, and
    whether the same sentence reports the denial ("..., a charge the group denied")."""

    cue_end: int
    accuser: str | None
    accused: tuple[str, ...]
    denied: bool
    passive: bool = False  # "the blast was blamed on the TTP": the event comes before the cue


def find_accusation(lower: list[str], sent_start: int, mentions: list[ActorMention]) -> Accusation | None:
    """The first accusation of a sentence, if it names whom it accuses.

    lower (list[str]): the lower-case tokens of the sentence.
    sent_start (int): the document index of the sentence's first token (mentions are in document indices).
    mentions (list[ActorMention]): the actor mentions of the sentence, in order.
    """
    c = blame_cues()
    for i, word in enumerate(lower):
        at = sent_start + i
        if word in c.verbs:
            passive = i + 1 < len(lower) and lower[i + 1] in c.passive  # "blamed on the TTP"
            accused = _mentions_from(lower, sent_start, at + 1 + passive, mentions)
            if accused:
                return _accusation(lower, sent_start, at, accused, [] if passive else mentions, passive)
        elif word in c.holding:
            accused = _mentions_from(lower, sent_start, at + 1, mentions)
            end = accused[-1].end if accused else at
            if accused and end - sent_start < len(lower) and lower[end - sent_start] in c.responsible:
                return _accusation(lower, sent_start, end, accused, mentions)
    return None


def _mentions_from(
    lower: list[str], sent_start: int, start: int, mentions: list[ActorMention]
) -> list[ActorMention]:
    """The mention right after ``start`` (past determiners) and those coordinated with it."""
    group: list[ActorMention] = []
    position = start
    for m in mentions:
        if m.start < position:
            continue
        gap = lower[position - sent_start : m.start - sent_start]
        if any(w not in GLUE for w in gap) or (group and not gap):
            break
        group.append(m)
        position = m.end
    return group


GLUE = frozenset({"the", "a", "an", "and", ",", "its", "their", "both"})


def _accusation(
    lower: list[str],
    sent_start: int,
    cue: int,
    accused: list[ActorMention],
    mentions: list[ActorMention],
    passive: bool = False,
) -> Accusation:
    before = [m for m in mentions if m.end <= cue and m not in accused]
    accuser = before[-1].actor if before else None
    after = lower[accused[-1].end - sent_start :]
    denied = not blame_cues().deny_here.isdisjoint(after)
    ids = tuple(dict.fromkeys(m.actor for m in accused if m.actor != accuser))
    return Accusation(accused[-1].end, accuser, ids, denied, passive)


def find_denial(lower: list[str], sent_start: int, mentions: list[ActorMention]) -> tuple[str | None] | None:
    """A sentence denying an earlier claim ("The TTP denied involvement"): (the denier or None,), or None.

    The denier is the last actor named before the denial verb; ``None`` when a pronoun or "the group" denies.
    """
    c = blame_cues()
    for i, word in enumerate(lower):
        if word in c.deny_verbs and not c.deny_objects.isdisjoint(lower[i + 1 : i + 1 + c.deny_window]):
            before = [m for m in mentions if m.end <= sent_start + i]
            return (before[-1].actor if before else None,)
    return None


@dataclass(frozen=True)
class AggregateCues:
    types: frozenset[str]
    nouns: frozenset[str]
    periods: frozenset[str]
    since: frozenset[str]
    perfect: tuple[str, ...]  # " have been " as joined sentence words are matched
    single: tuple[str, ...]


@cache
def aggregate_cues() -> AggregateCues:
    raw = load_yaml("lexicons", "facets.yaml")["aggregate"]
    return AggregateCues(
        frozenset(raw["types"]),
        frozenset(raw["nouns"]),
        frozenset(raw["periods"]),
        frozenset(raw.get("since", [])),
        tuple(" " + " ".join(token_forms(p)) + " " for p in raw.get("perfect", [])),
        tuple(" " + " ".join(token_forms(p)) + " " for p in raw.get("single", [])),
    )


def is_aggregate(
    event_type: str, words: frozenset[str], date: DateValue | None, toll: bool, joined: str
) -> bool:
    """A toll over a period ("500 killed in attacks since then"): a violence_summary, not one attack.

    event_type (str): the trigger's type; words: the sentence's lower-case tokens; date: the date its own
    text gives (None when undated; "since ..." is a period even when its anchor is unknown);
    toll (bool): the sentence counts victims; joined: its words joined by spaces (" a b c ").
    """
    c = aggregate_cues()
    if not toll or event_type not in c.types:
        return False
    if (
        not c.since.isdisjoint(words)
        and any(p in joined for p in c.perfect)
        and not any(s in joined for s in c.single)
    ):
        return True  # "since the truce ended, 300 soldiers have been killed"
    if date is None or c.nouns.isdisjoint(words):
        return False
    return date.precision in c.periods or (date.text or "").lower().startswith("since ")


@dataclass(frozen=True)
class RefusalCues:
    window: int
    cues: tuple[tuple[str, ...], ...]
    ceasefire_words: frozenset[str]
    offers: dict[str, str]  # offer type -> the reject type refusing it makes


@cache
def refusal_cues() -> RefusalCues:
    raw = load_yaml("lexicons", "facets.yaml")["demand_refusal"]
    phrases = sorted((token_forms(p) for p in raw["cues"]), key=len, reverse=True)
    return RefusalCues(
        int(raw["window"]), tuple(phrases), frozenset(raw["ceasefire_words"]), dict(raw.get("offers", {}))
    )


def demand_refusal(
    lower: list[str], sent_start: int, trigger_start: int, label: str = "demand"
) -> tuple[int, str] | None:
    """A refusal right before a demand or offer trigger: (the cue's first token, the reject type it
    makes), or None. A refused demand is about a truce when the sentence names one; a refused offer
    rejects what was offered.

    lower (list[str]): the lower-case tokens of the sentence; sent_start: its first token's document index.
    """
    c = refusal_cues()
    at = trigger_start - sent_start
    for i in range(max(0, at - c.window), at):
        for phrase in c.cues:
            if tuple(lower[i : i + len(phrase)]) == phrase and i + len(phrase) <= at:
                if label in c.offers:
                    return sent_start + i, c.offers[label]
                kind = "ceasefire_reject" if not c.ceasefire_words.isdisjoint(lower) else "talks_reject"
                return sent_start + i, kind
    return None
