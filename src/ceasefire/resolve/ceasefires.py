"""The ceasefire registry: episodes assembled from ceasefire lifecycle events.

An episode needs evidence that a ceasefire existed (declared, agreed, extended
or ended). Offers, rejections and violations join an episode they fit, but
never create one: a proposal that was turned down is not a truce, and a
violation report alone says nothing of when or between whom the truce was.
Events that are denied, negated or hypothetical do not count at all. Talks
reported in the same document between the same parties bring their mediators:
ceasefires are mostly brokered in talks.

This is the first version of resolution: events are linked when they share a
party and their dates are compatible (or they come from the same document).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache
from typing import get_args

from ceasefire.models import Ceasefire, CeasefireKind, CeasefireStatus, DateValue, Document, Event, Purpose
from ceasefire.nlp.temporal import find_dates
from ceasefire.resolve.registry import builtin_registry

LIFECYCLE = frozenset(
    {
        "ceasefire_offer",
        "ceasefire_declare",
        "ceasefire_agree",
        "ceasefire_extend",
        "ceasefire_end",
        "ceasefire_violate",
        "ceasefire_reject",
    }
)
FORMING = frozenset({"ceasefire_declare", "ceasefire_agree", "ceasefire_extend", "ceasefire_end"})
TALKS = frozenset({"talks_propose", "talks_hold", "talks_stall"})
FACTUAL = frozenset({"asserted", "reported", "claimed"})
PARTY_ROLES = ("agent", "target")
SLACK = timedelta(days=45)
PURPOSES = frozenset(get_args(Purpose))


@cache
def party_of(actor_id: str) -> str:
    """The side an actor signs for: a state's forces and agencies stand for the state.

    "The armies of India and Pakistan agreed" and "India and Pakistan agreed" are one
    truce between two governments, as the ETH/PRIO dataset codes it.
    """
    registry = builtin_registry()
    seen = {actor_id}
    current = registry.get(actor_id)
    while (
        current is not None
        and current.kind == "state_force"
        and current.parent
        and current.parent not in seen
    ):
        seen.add(current.parent)
        current = registry.get(current.parent)
    return current.id if current is not None and current.kind == "state" else actor_id


def _parties(event: Event) -> set[str]:
    return {party_of(a) for role in PARTY_ROLES for a in event.actors.get(role, [])}


def _interval(value: DateValue) -> tuple[date, date] | None:
    if value.precision == "unknown" or not value.start:
        return None
    try:
        return date.fromisoformat(value.start), date.fromisoformat(value.end or value.start)
    except ValueError:
        return None


def _dates_compatible(a: Event, b: Event) -> bool:
    """Overlapping within a month and a half; an unknown date is compatible with anything."""
    ia, ib = _interval(a.date), _interval(b.date)
    if ia is None or ib is None:
        return True
    return ia[0] - SLACK <= ib[1] and ib[0] - SLACK <= ia[1]


def _same_sides(pa: set[str], pb: set[str]) -> bool:
    """One side list contains the other: the TTP's truce and the TTP–government truce may be one,
    but the government's truce with the Haqqani network is not its truce with the TTP."""
    return bool(pa & pb) and (pa <= pb or pb <= pa)


def _compatible(a: Event, b: Event) -> bool:
    """The same sides (or, in one document, sides left unnamed) and compatible dates.

    Across documents both dates must be known: two undated mentions of a TTP truce
    in different reports are not evidence of one episode.
    """
    same_doc = bool({e.doc for e in a.evidence} & {e.doc for e in b.evidence})
    pa, pb = _parties(a), _parties(b)
    if same_doc:
        return (_same_sides(pa, pb) or not (pa and pb)) and _dates_compatible(a, b)
    if not _same_sides(pa, pb) or _interval(a.date) is None or _interval(b.date) is None:
        return False
    return _dates_compatible(a, b)


def _clusters(events: Sequence[Event]) -> list[list[Event]]:
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            if _compatible(events[i], events[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Event]] = defaultdict(list)
    for i, event in enumerate(events):
        groups[find(i)].append(event)
    return list(groups.values())


def _first(events: Sequence[Event], kind: str) -> Event | None:
    for event in events:
        if event.type == kind:
            return event
    return None


def _kind(members: Sequence[Event], parties: list[str]) -> CeasefireKind:
    if _first(members, "ceasefire_agree") is not None:
        return "multilateral" if len(parties) > 2 else "bilateral"
    if _first(members, "ceasefire_declare") is not None:
        return "unilateral"
    return "unknown"


def _status(members: Sequence[Event]) -> CeasefireStatus:
    if _first(members, "ceasefire_end") is not None:
        return "ended"
    if all(e.modality != "asserted" for e in members if e.type in FORMING):
        return "reported"
    return "in_force"


def _agent(event: Event | None) -> str | None:
    if event is None:
        return None
    agents = event.actors.get("agent", [])
    return agents[0] if agents else None


def _planned_days(events: Sequence[Event]) -> int | None:
    """The duration stated with a declaration or agreement ("a three-day truce"), the first one given."""
    for event in events:
        days = event.attributes.get("duration_days")
        if isinstance(days, int):
            return days
    return None


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "range": 3, "year": 4}
BEGINNING = frozenset({"ceasefire_declare", "ceasefire_agree"})


def _most_precise(events: Sequence[Event], kinds: frozenset[str]) -> Event | None:
    """The event of those kinds whose date is most precise (day, week, month, range, year); ties: earliest.

    A headline dated only by its report's window loses to the body's "on Wednesday".
    """
    mine = [e for e in events if e.type in kinds]
    if not mine:
        return None
    return min(mine, key=lambda e: (PRECISION_RANK.get(e.date.precision, 9), e.date.start or "9999", e.id))


def _purpose(events: Sequence[Event]) -> Purpose | None:
    """Why the truce was made, from its declarations and agreements, else its offers and extensions."""
    for kinds in (BEGINNING, frozenset({"ceasefire_offer", "ceasefire_extend"})):
        for event in events:
            purpose = event.attributes.get("purpose")
            if event.type in kinds and isinstance(purpose, str) and purpose in PURPOSES:
                return purpose  # type: ignore[return-value]
    return None


def _announced(events: Sequence[Event]) -> bool | None:
    """False when a source calls it unannounced or tacit; True when a declaration or agreement is asserted."""
    if any(e.attributes.get("announced") is False for e in events):
        return False
    if any(e.type in BEGINNING and e.modality == "asserted" for e in events):
        return True
    return None


def _onset(value: DateValue) -> DateValue:
    """When a state began: "since 2009" dates the whole span, but the truce started in 2009."""
    text = value.text or ""
    if not text.lower().startswith("since "):
        return value
    # The tagger reads a bare year only after a preposition, so read the anchor as "in <anchor>".
    found = find_dates("in " + text[len("since ") :])
    return found[0].value.model_copy(update={"text": text}) if found else value


def _docs(events: Sequence[Event]) -> set[str]:
    return {ev.doc for e in events for ev in e.evidence}


def _window(members: Sequence[Event]) -> tuple[date, date]:
    """The span an episode can cover: from its declaration or agreement to its end, open where unknown."""
    begun = [i for e in members if e.type in BEGINNING and (i := _interval(e.date))]
    ended = [i for e in members if e.type == "ceasefire_end" and (i := _interval(e.date))]
    low = min(i[0] for i in begun) - SLACK if begun else date.min
    high = max(i[1] for i in ended) + SLACK if ended else date.max
    return low, high


def _brokering(members: Sequence[Event], talks: Sequence[Event]) -> list[Event]:
    """Mediated talks reported beside the episode's events, between (some of) its parties, within its span."""
    docs, parties = _docs(members), set().union(*(_parties(e) for e in members))
    low, high = _window(members)

    def within(t: Event) -> bool:
        span = _interval(t.date)
        return span is None or (span[0] <= high and low <= span[1])

    return [
        t
        for t in talks
        if t.actors.get("mediator")
        and _docs([t]) & docs
        and (not _parties(t) or _parties(t) & parties)
        and within(t)
    ]


def _episode(members: list[Event], talks: Sequence[Event]) -> Ceasefire:
    members.sort(key=lambda e: (e.date.start or "9999", e.id))
    parties = sorted(set().union(*(_parties(e) for e in members)))
    brokered = _brokering(members, talks)
    mediators = sorted({m for e in [*members, *brokered] for m in e.actors.get("mediator", [])})
    parties = [p for p in parties if p not in mediators]
    declare = _most_precise(members, frozenset({"ceasefire_declare"}))
    end = _most_precise(members, frozenset({"ceasefire_end"}))
    begun = _most_precise(members, BEGINNING)
    docs = _docs(members)
    key = min(e.id for e in members)
    return Ceasefire(
        id="cf-" + hashlib.sha256(key.encode()).hexdigest()[:12],
        parties=parties,
        mediators=mediators,
        declared_by=_agent(declare),
        ended_by=_agent(end),
        kind=_kind(members, parties),
        announced=_announced(members),
        purpose=_purpose(members),
        declared=declare.date if declare else None,
        start=_onset(begun.date) if begun else None,
        extended=[e.date for e in members if e.type == "ceasefire_extend"],
        end=end.date if end else None,
        status=_status(members),
        planned_duration_days=_planned_days([e for e in members if e.type in BEGINNING]),
        events=[e.id for e in [*members, *brokered]],
        evidence=[ev for e in [*members, *brokered] for ev in e.evidence],
        sources=len(docs),
    )


def build_registry(events: Sequence[Event], documents: Sequence[Document] = ()) -> list[Ceasefire]:
    """Episodes from every factual lifecycle event, ordered by start date then id."""
    del documents  # kept in the signature: later resolution uses document context
    lifecycle = [e for e in events if e.type in LIFECYCLE and e.modality in FACTUAL]
    talks = [e for e in events if e.type in TALKS and e.modality in FACTUAL]
    episodes = [_episode(c, talks) for c in _clusters(lifecycle) if any(e.type in FORMING for e in c)]
    return sorted(episodes, key=lambda c: ((c.start or c.declared or DateValue()).start or "9999", c.id))
