"""How long something is meant to last: "a month-long ceasefire", "48-hour truce", "extended indefinitely".

Durations are not dates: they say nothing about when a ceasefire starts, only
its planned length, which the ETH/PRIO ceasefire data records as its own
field. The event writer gives the nearest duration of a clause to the
ceasefire event in it (``attributes.duration_days``, or ``duration:
"indefinite"``). Units and words are in ``data/lexicons/temporal.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ceasefire.nlp.lexicons import load_yaml
from ceasefire.nlp.temporal import count_value, temporal_cues


@dataclass(frozen=True)
class DurationMention:
    """A planned length found in text; ``days`` is None when it is indefinite."""

    start: int
    end: int
    days: float | None
    indefinite: bool = False


@dataclass(frozen=True)
class DurationCues:
    units: dict[str, float]
    indefinite: tuple[str, ...]


@cache
def duration_cues() -> DurationCues:
    raw = load_yaml("lexicons", "temporal.yaml")
    return DurationCues(
        units={str(k): float(v) for k, v in raw["duration_units"].items()},
        indefinite=tuple(raw["indefinite"]),
    )


@cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A length ("three-day", "month-long", "for another 15 days") and an indefinite word."""
    count = r"(?:\d{1,3}|" + "|".join(sorted(temporal_cues().number_words, key=len, reverse=True)) + ")"
    units = "|".join(duration_cues().units)
    extra = r"(?:another|a\s+further|an\s+additional|an\s+extra)"
    length = re.compile(
        rf"\b(?i:(?P<n>{count})[-\s](?P<u>{units})s?-long"
        rf"|(?P<n2>{count})-(?P<u2>{units})s?\b"
        rf"|(?P<u3>{units})-long"
        rf"|(?:for|by)\s+(?P<x>{extra})?\s*(?P<n3>{count})?\s*(?P<u4>{units})s?\b)",
    )
    words = "|".join(re.escape(w) for w in duration_cues().indefinite)
    return length, re.compile(rf"\b(?i:{words})\b")


@cache
def _cue_words() -> tuple[str, ...]:
    """Case-folded words one of which every match of :func:`_regexes` contains: units and indefinite words."""
    return tuple(w.casefold() for w in (*duration_cues().units, *duration_cues().indefinite))


def _days(m: re.Match[str]) -> float | None:
    raw = m["n"] or m["n2"] or m["n3"]
    count = 1 if raw is None else count_value(raw)
    if count is None:
        return None
    unit = m["u"] or m["u2"] or m["u3"] or m["u4"]
    days = count * duration_cues().units[unit.lower()]
    return float(round(days, 2))


def find_durations(text: str, offset: int = 0) -> list[DurationMention]:
    """Planned lengths in ``text``, in order; ``offset`` is added to every position."""
    folded = text.casefold()  # both patterns ignore case; most texts name no unit at all
    if not any(w in folded for w in _cue_words()):
        return []
    length, indefinite = _regexes()
    found = []
    for m in length.finditer(text):
        days = _days(m)
        if days is not None and (m["n3"] or m["x"] or "-" in m[0]):
            found.append(DurationMention(m.start() + offset, m.end() + offset, days))
    for m in indefinite.finditer(text):
        found.append(DurationMention(m.start() + offset, m.end() + offset, None, indefinite=True))
    return sorted(found, key=lambda d: d.start)


def duration_attributes(mention: DurationMention) -> dict[str, object]:
    """``{"duration_days": 30}`` or ``{"duration": "indefinite"}`` for an event's attributes."""
    if mention.indefinite or mention.days is None:
        return {"duration": "indefinite"}
    days = mention.days
    return {"duration_days": int(days) if days.is_integer() else days}
