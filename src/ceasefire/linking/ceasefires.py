"""The ceasefire registry: episodes assembled from ceasefire lifecycle events.

An episode needs evidence that a ceasefire existed (declared, agreed, extended
or ended). Offers, rejections and violations join an episode they fit, but
never create one: a proposal that was turned down is not a truce, and a
violation report alone says nothing of when or between whom the truce was.
Events that are denied, negated or hypothetical do not count at all. Talks
reported in the same document between the same parties bring their mediators:
ceasefires are mostly brokered in talks. Those named as guaranteeing or monitoring
the truce are kept apart from its mediators (``guarantors``, ``monitors``), and none
of them is a party.

This is the first version of resolution: events are linked when they share a
party and their dates are compatible (or they come from the same document).

Each document's word on the declaration, the start and the end is a separate
claim. Where documents give dates that cannot both be true (intervals that do not
overlap at their precision), or name different sides as having declared or ended
the truce, every value is kept in ``conflicts`` and the best-supported one is
shown: the one the most documents allow (a document's reading supports a value
when it contains it, so "November" supports "9 November"), then the most precise,
then the earliest. A planned duration on a start known to the day gives an
``expected_end`` (a range of days when the start is known only to the month); it
is a plan and never makes an episode "ended". Violations are the factual violent
events between the parties that lie wholly and certainly inside the episode's
window (from the latest day its start may be to the earliest day its end, else
expected end, may be; an open window closes when the next
episode between the same sides begins). An end no report ties to a truce ends the truce in
force between its sides (``_ends_joined``), and a report of each side declaring its own truce
tells of two episodes (``_clusters``).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import get_args

from pydantic import ValidationError

from ceasefire.entities.registry import builtin_registry
from ceasefire.linking.titles import episode_title
from ceasefire.models import (
    Ceasefire,
    CeasefireKind,
    CeasefireStatus,
    Conflict,
    DateValue,
    Document,
    Event,
    Precision,
    Purpose,
)
from ceasefire.nlp.temporal import find_dates
from ceasefire.taxonomy import VIOLENCE

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
    """The side an actor signs for: a state's forces and agencies stand for the state, and a
    group's armed wing, political front or leadership body (``wing`` in the registry) for the group.

    "The armies of India and Pakistan agreed" and "India and Pakistan agreed" are one
    truce between two governments, as the ETH/PRIO dataset codes it; a truce of the New People's
    Army is one of the Communist Party of the Philippines, as UCDP codes the party. A faction or an
    affiliate keeps its own side: its truce is not its parent's.
    """
    registry = builtin_registry()
    seen = {actor_id}
    current = registry.get(actor_id)
    while (
        current is not None
        and (current.kind == "state_force" or current.wing)
        and current.parent
        and current.parent not in seen
    ):
        seen.add(current.parent)
        current = registry.get(current.parent)
    if current is None or current.id == actor_id:
        return actor_id
    return current.id if current.kind in ("state", "armed_group") or current.wing else actor_id


PERSON_PREFIX = "person:"  # the ids of people found in the text (entities/people.py)


@cache
def side_of(actor_id: str) -> str | None:
    """The party an actor is to a truce: ``party_of``, and for a person the side the registry says
    they belong to ("Ashraf Ghani" → Afghanistan's government). A person of no known side is no party
    (None): truces are made between governments and groups, and a leader signs for one of them, which
    the text may not say ("President X declared a truce")."""
    record = builtin_registry().get(actor_id)
    if record is None:
        return None if actor_id.startswith(PERSON_PREFIX) else party_of(actor_id)
    if record.kind != "person":
        return party_of(actor_id)
    return party_of(record.parent) if record.parent else None


def _parties(event: Event) -> set[str]:
    return {
        side for role in PARTY_ROLES for a in event.actors.get(role, []) if (side := side_of(a)) is not None
    }


def _dates_compatible(a: Event, b: Event) -> bool:
    """Overlapping within a month and a half; an unknown date is compatible with anything."""
    ia, ib = a.date.interval(), b.date.interval()
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
    if not _same_sides(pa, pb) or a.date.interval() is None or b.date.interval() is None:
        return False
    return _dates_compatible(a, b)


REFERS_BACK = frozenset({"ceasefire_extend", "ceasefire_end"})
OPENING = frozenset({"ceasefire_declare", "ceasefire_agree", "ceasefire_extend"})
REFERENCE_REACH = timedelta(days=366)


def _referent_links(events: Sequence[Event]) -> list[tuple[int, int]]:
    """(i, j): the extension or end ``i`` refers to the truce of ``j``, stated earlier in a document.

    "Pakistan and the TTP agreed a ceasefire in June 2022 ... The TTP ended it in November of
    the same year": an extension or an end speaks of the truce last declared, agreed or
    extended before it in the same text between compatible sides, however many months
    later it comes, as long as it does not come before that truce nor more than a year
    after it (a report that ends one truce of a year long past is about another).
    """
    spots: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for index, event in enumerate(events):
        for ev in event.evidence:
            spots[ev.doc].append((ev.start, index))
    links = []
    for doc in sorted(spots):
        ordered = sorted(set(spots[doc]))
        for at, i in ordered:
            later = events[i]
            if later.type not in REFERS_BACK:
                continue
            # the same sentence counts as earlier: "declared a truce in June but ended it in November"
            for _, j in reversed([spot for spot in ordered if spot[0] <= at and spot[1] != i]):
                earlier = events[j]
                if earlier.type not in OPENING:
                    continue
                pa, pb = _parties(later), _parties(earlier)
                if pa and pb and not _same_sides(pa, pb):
                    continue
                if _follows_within(earlier, later):
                    links.append((i, j))
                break
    return links


def _follows_within(earlier: Event, later: Event) -> bool:
    """``later`` may fall on or after ``earlier`` and within :data:`REFERENCE_REACH` of it (unknown: yes)."""
    a, b = earlier.date.interval(), later.date.interval()
    if a is None or b is None:
        return True
    return b[1] >= a[0] and b[0] <= a[1] + REFERENCE_REACH


def _clusters(events: Sequence[Event]) -> list[list[Event]]:
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # each cluster's declaring sides, with the documents that report each one's declaration
    declarers: dict[int, dict[str, set[str]]] = {
        i: {side: {ev.doc for ev in e.evidence} for side in _declarer(e)} for i, e in enumerate(events)
    }
    agreed = {i: e.type == "ceasefire_agree" and len(_parties(e)) > 1 for i, e in enumerate(events)}

    def join(i: int, j: int) -> None:
        """One episode, unless a document reports each side declaring a truce of its own and no
        agreement joins them: those are two unilateral ceasefires (ETH/PRIO), even between the same
        parties at the same time. Two documents naming different declarers disagree about one truce
        (kept in ``conflicts``), and both sides ordering the truce they agreed is one episode."""
        ri, rj = find(i), find(j)
        if ri == rj:
            return
        if not (agreed[ri] or agreed[rj]) and _declared_apart(declarers[ri], declarers[rj]):
            return
        parent[ri] = rj
        for side, docs in declarers[ri].items():
            declarers[rj].setdefault(side, set()).update(docs)
        agreed[rj] = agreed[rj] or agreed[ri]

    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            if _compatible(events[i], events[j]):
                join(i, j)
    for i, j in _referent_links(events):
        join(i, j)
    groups: dict[int, list[Event]] = defaultdict(list)
    for i, event in enumerate(events):
        groups[find(i)].append(event)
    return _ends_joined(list(groups.values()))


def _ends_joined(clusters: list[list[Event]]) -> list[list[Event]]:
    """An end or an extension that no report of its own ties to a truce ("fighting erupted, ending a
    months-long truce"; "he extended the truce indefinitely") ends or extends the truce in force
    between its sides: the latest episode between the same sides that began before it, within a
    year, and has no end of its own. Extending or ending presupposes a truce; only when the event
    names its sides, so that the truce it speaks of is plain."""
    opened = [c for c in clusters if any(e.type in BEGINNING for e in c)]
    lone = [
        c
        for c in clusters
        if not any(e.type in BEGINNING for e in c) and any(e.type in REFERS_BACK for e in c)
    ]
    for cluster in lone:
        sides = set().union(*(_parties(e) for e in cluster))
        spans = [e.date.interval() for e in cluster]
        if not sides or any(i is None for i in spans):
            continue
        latest = max(i[1] for i in spans if i is not None)
        candidates = []
        for episode in opened:
            if any(e.type == "ceasefire_end" for e in episode):
                continue
            starts = [e.date.interval() for e in episode if e.type in BEGINNING]
            known = [i[0] for i in starts if i is not None]
            parties = set().union(*(_parties(e) for e in episode))
            if known and _same_sides(sides, parties) and latest - REFERENCE_REACH <= max(known) <= latest:
                candidates.append((max(known), episode))
        if candidates:
            target = max(candidates, key=lambda pair: (pair[0], min(e.id for e in pair[1])))[1]
            target.extend(cluster)
            cluster.clear()
    return [c for c in clusters if c]


def _declared_apart(a: Mapping[str, set[str]], b: Mapping[str, set[str]]) -> bool:
    """One document reports a declaration by a side of ``a`` and another by a different side of ``b``."""
    return any(sa != sb and docs_a & docs_b for sa, docs_a in a.items() for sb, docs_b in b.items())


def _declarer(event: Event) -> frozenset[str]:
    """The one side that declares a truce on its own ("the Taliban announced a three-day ceasefire"),
    else nothing."""
    if event.type != "ceasefire_declare":
        return frozenset()
    sides = frozenset(side for a in event.actors.get("agent", []) if (side := side_of(a)) is not None)
    return sides if len(sides) == 1 else frozenset()


def _first(events: Sequence[Event], kind: str) -> Event | None:
    for event in events:
        if event.type == kind:
            return event
    return None


def _kind(members: Sequence[Event], parties: list[str]) -> CeasefireKind:
    """Bilateral or multilateral by the number of sides that agreed. People are never among
    ``parties`` (``side_of``), so a leader whose side no report states is no side of their own."""
    if _first(members, "ceasefire_agree") is not None:
        return "multilateral" if len(parties) > 2 else "bilateral"
    if _first(members, "ceasefire_declare") is not None:
        return "unilateral"
    return "unknown"


def _status(members: Sequence[Event]) -> CeasefireStatus:
    """``reported`` when no forming event is asserted (a reported truce, even a reportedly
    ended one, is not a confirmed one), else ``ended`` with an end event, else ``in_force``.

    A planned duration that has run out does not end an episode: only a source does.
    """
    if all(e.modality != "asserted" for e in members if e.type in FORMING):
        return "reported"
    if _first(members, "ceasefire_end") is not None:
        return "ended"
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
    begun = [i for e in members if e.type in BEGINNING and (i := e.date.interval())]
    ended = [i for e in members if e.type == "ceasefire_end" and (i := e.date.interval())]
    low = min(i[0] for i in begun) - SLACK if begun else date.min
    high = max(i[1] for i in ended) + SLACK if ended else date.max
    return low, high


def _brokering(members: Sequence[Event], talks: Sequence[Event]) -> list[Event]:
    """Mediated talks reported beside the episode's events, between (some of) its parties, within its span."""
    docs, parties = _docs(members), set().union(*(_parties(e) for e in members))
    low, high = _window(members)

    def within(t: Event) -> bool:
        span = t.date.interval()
        return span is None or (span[0] <= high and low <= span[1])

    return [
        t
        for t in talks
        if t.actors.get("mediator")
        and _docs([t]) & docs
        and (not _parties(t) or _parties(t) & parties)
        and within(t)
    ]


@dataclass(frozen=True)
class Reading:
    """One document's reading of a lifecycle event: the date that source gave it."""

    doc: str
    date: DateValue
    event: Event


def _readings(event: Event) -> list[Reading]:
    """Each source's reading: from ``attributes.reports`` when mentions in several documents
    were merged into the event, else the event's own date for every document it cites."""
    out: list[Reading] = []
    reports = event.attributes.get("reports")
    for report in reports if isinstance(reports, list) else []:
        if not isinstance(report, dict) or not isinstance(report.get("doc"), str):
            continue
        value = event.date
        if isinstance(report.get("date"), dict):
            try:
                value = DateValue.model_validate(report["date"])
            except ValidationError:
                value = event.date
            if (value.start, value.end, value.precision) == (
                event.date.start,
                event.date.end,
                event.date.precision,
            ):
                value = event.date  # the same date, with the text that gave it
        out.append(Reading(report["doc"], value, event))
    seen = {r.doc for r in out}
    return out + [Reading(doc, event.date, event) for doc in sorted(_docs([event]) - seen)]


def _precision_key(reading: Reading) -> tuple[int, str, str]:
    return (PRECISION_RANK.get(reading.date.precision, 9), reading.date.start or "9999", reading.event.id)


def _by_document(
    members: Sequence[Event],
    kinds: frozenset[str],
    adjust: Callable[[DateValue], DateValue] | None = None,
    effective: bool = False,
) -> dict[str, list[Reading]]:
    """Every document's readings of the events of those kinds, most precise (then earliest) first.

    effective: read the date an event says the truce takes effect ("from Sunday": ``attributes.from``)
    where it gives one, instead of the event's own date."""
    found: dict[str, list[Reading]] = defaultdict(list)
    for event in members:
        if event.type in kinds:
            takes_effect = _effect_date(event) if effective else None
            for reading in _readings(event):
                date_ = takes_effect or reading.date
                date_ = adjust(date_) if adjust else date_
                found[reading.doc].append(replace(reading, date=date_))
    return {doc: sorted(found[doc], key=_precision_key) for doc in sorted(found)}


def _effect_date(event: Event) -> DateValue | None:
    raw = event.attributes.get("from")
    if not isinstance(raw, dict):
        return None
    try:
        return DateValue.model_validate(raw)
    except ValidationError:
        return None


def _date_claim(field: str, readings: dict[str, list[Reading]]) -> tuple[DateValue | None, Conflict | None]:
    """The shown date of a claim and, when documents disagree, the conflict listing every value.

    Each document gives one reading, its most precise. A value's support is the number of
    documents whose reading contains it; the shown value has the most support, then the finest
    precision, then the earliest start. Readings conflict when their intervals do not overlap.
    """
    if not readings:
        return None, None
    chosen = [rs[0] for rs in readings.values()]
    dated = [(r, span) for r in chosen if (span := r.date.interval())]
    if not dated:
        return min(chosen, key=_precision_key).date, None
    values: dict[tuple[str | None, str | None, str], tuple[DateValue, tuple[date, date], list[str]]] = {}
    for reading, span in dated:
        key = (reading.date.start, reading.date.end, reading.date.precision)
        values.setdefault(key, (reading.date, span, []))[2].append(reading.doc)

    def support(span: tuple[date, date]) -> int:
        return sum(1 for _, s in dated if s[0] <= span[0] and span[1] <= s[1])

    ranked = sorted(
        values.values(),
        key=lambda v: (-support(v[1]), PRECISION_RANK.get(v[0].precision, 9), v[1][0], v[1][1]),
    )
    spans = [span for _, span in dated]
    disagree = any(a[1] < b[0] or b[1] < a[0] for i, a in enumerate(spans) for b in spans[i + 1 :])
    if not disagree:
        return ranked[0][0], None
    conflict = Conflict(
        field=field,
        values=[value.model_dump(mode="json") for value, _, _ in ranked],
        sources=list(dict.fromkeys(doc for _, _, docs in ranked for doc in docs)),
    )
    return ranked[0][0], conflict


def _agent_claim(field: str, readings: dict[str, list[Reading]]) -> tuple[str | None, Conflict | None]:
    """Who declared (or ended) the truce, and the conflict when documents name different sides.

    Each document names the agent of its most precise event that has one; a state's forces
    count as the state, so "the army" and "the government" do not disagree. The side named by
    the most documents is shown (ties: the earliest dated reading), as its most often used id.
    """
    named: list[tuple[Reading, str]] = []
    for rs in readings.values():
        agent = next((a for r in rs if (a := _agent(r.event))), None)
        if agent:
            named.append((rs[0], agent))
    if not named:
        return None, None
    sides: dict[str, list[tuple[Reading, str]]] = defaultdict(list)
    for reading, agent in sorted(named, key=lambda n: _precision_key(n[0])):
        sides[party_of(agent)].append((reading, agent))
    ranked = sorted(
        sides.values(), key=lambda g: (-len(g), min(r.date.start or "9999" for r, _ in g), party_of(g[0][1]))
    )
    shown = [Counter(agent for _, agent in group).most_common(1)[0][0] for group in ranked]
    if len(ranked) == 1:
        return shown[0], None
    sources = list(dict.fromkeys(r.doc for group in ranked for r, _ in group))
    return shown[0], Conflict(field=field, values=list(shown), sources=sources)


def _expected_end(start: DateValue | None, days: int | None, extended: bool) -> DateValue | None:
    """The last day a planned duration covers: a 3-day truce from 14 June runs to 16 June.

    From a start known to the day, one day; from a start known to the month, the range of
    last days it allows (a month-long truce agreed in June 2022 ends between 30 June and 29
    July), never more precise than the start. Not from a vaguer start, and not once the truce
    was extended (the plan is then out of date and the extension's own length is rarely
    given). Inferred, so no text.
    """
    if days is None or days < 1 or extended or start is None or start.precision not in ("day", "month"):
        return None
    span = start.interval()
    if span is None:
        return None
    try:
        first, last = (day + timedelta(days=days - 1) for day in span)
    except OverflowError:
        return None
    precision: Precision = "day" if first == last else "range"
    return DateValue(start=first.isoformat(), end=last.isoformat(), precision=precision, text=None)


def _is_state(actor_id: str) -> bool:
    actor = builtin_registry().get(actor_id)
    return actor is not None and actor.kind == "state"


def _outsider(side: str, parties: set[str]) -> bool:
    """A state or armed group that is not one of the episode's parties."""
    actor = builtin_registry().get(side)
    return side not in parties and actor is not None and actor.kind in ("state", "armed_group")


def _between(event: Event, parties: set[str]) -> bool:
    """A violent event between two of the parties, or a violation report naming one and no outside side.

    A violation that names only a state ("Pakistan breached the ceasefire") counts only for a
    truce between states: a state is party to many truces, and India's and the TTP's are not one.
    """
    named = {role: {party_of(a) for a in event.actors.get(role, [])} for role in PARTY_ROLES}
    if event.type == "ceasefire_violate":
        ours = (named["agent"] | named["target"]) & parties
        if not ours or any(_outsider(a, parties) for a in named["agent"] | named["target"]):
            return False
        return not all(_is_state(p) for p in ours) or all(_is_state(p) for p in parties)
    return any(a != t for a in named["agent"] & parties for t in named["target"] & parties)


def _certain_window(
    episode: Ceasefire, registry: Sequence[Ceasefire], last_seen: date
) -> tuple[date, date] | None:
    """The days an episode certainly covers: from the last day its start may be to the first day
    its end (else its expected end) may be. With neither, it is known only as far as its own
    reports reach (``last_seen``: a truce reported in 2014 says nothing of 2022), and never past
    the start of the next episode between the same sides. ``None`` when the start is unknown."""
    begun = episode.start.interval() if episode.start else None
    if begun is None:
        return None
    closes = [
        span[0] for value in (episode.end, episode.expected_end) if value and (span := value.interval())
    ]
    if closes:
        return begun[1], closes[0]
    sides = set(episode.parties)
    later = [
        span[0]
        for other in registry
        if other.id != episode.id
        and other.start
        and (span := other.start.interval())
        and span[0] > begun[1]
        and _same_sides(sides, set(other.parties))
    ]
    return begun[1], min([last_seen, *(day - timedelta(days=1) for day in later)])


def _last_seen(episode: Ceasefire, by_id: Mapping[str, Event]) -> date:
    """The latest day any of the episode's own (lifecycle and talks) events covers."""
    spans = [span for i in episode.events if i in by_id and (span := by_id[i].date.interval())]
    return max((span[1] for span in spans), default=date.min)


def violation_windows(
    episodes: Sequence[Ceasefire], by_id: Mapping[str, Event]
) -> dict[str, tuple[date, date] | None]:
    """Each episode's certain window (``_certain_window``), by episode id: the only days on
    which a violent event can be one of its violations."""
    return {e.id: _certain_window(e, episodes, _last_seen(e, by_id)) for e in episodes}


def with_violations(
    episodes: Sequence[Ceasefire], by_id: Mapping[str, Event], violence: Iterable[Event]
) -> list[Ceasefire]:
    """The episodes with their violations: violent events between the parties whose whole date
    lies inside the episode's window. Undated events, and events the window may or may not hold,
    never count. ``violence`` is read once, so a store can stream it."""
    windows = violation_windows(episodes, by_id)
    parties = {e.id: set(e.parties) for e in episodes}
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for event in violence:
        if event.modality not in FACTUAL or event.type not in VIOLENCE or not (span := event.date.interval()):
            continue
        for episode_id, window in windows.items():
            if (
                window
                and window[0] <= span[0]
                and span[1] <= window[1]
                and _between(event, parties[episode_id])
            ):
                found[episode_id].append((event.date.start or "", event.id))
    return sorted(
        (e.model_copy(update={"violations": [i for _, i in sorted(found[e.id])]}) for e in episodes),
        key=registry_order,
    )


def _episode(members: list[Event], talks: Sequence[Event], names: Mapping[str, str] | None) -> Ceasefire:
    members.sort(key=lambda e: (e.date.start or "9999", e.id))
    parties = sorted(set().union(*(_parties(e) for e in members)))
    brokered = sorted(_brokering(members, talks), key=lambda e: (e.date.start or "9999", e.id))
    mediators = sorted({m for e in [*members, *brokered] for m in e.actors.get("mediator", [])})
    guarantors = sorted({g for e in members for g in e.actors.get("guarantor", [])} - set(mediators))
    monitors = sorted(
        {g for e in members for g in e.actors.get("monitor", [])} - set(mediators) - set(guarantors)
    )
    parties = [p for p in parties if p not in mediators and p not in guarantors and p not in monitors]
    declarations = _by_document(members, frozenset({"ceasefire_declare"}))
    ends = _by_document(members, frozenset({"ceasefire_end"}))
    declared, declared_conflict = _date_claim("declared", declarations)
    start, start_conflict = _date_claim("start", _by_document(members, BEGINNING, _onset, effective=True))
    end, end_conflict = _date_claim("end", ends)
    declared_by, declarer_conflict = _agent_claim("declared_by", declarations)
    ended_by, ender_conflict = _agent_claim("ended_by", ends)
    extended = [e.date for e in members if e.type == "ceasefire_extend"]
    planned = _planned_days([e for e in members if e.type in BEGINNING])
    docs = _docs(members)
    key = min(e.id for e in members)
    episode = Ceasefire(
        id="cf-" + hashlib.sha256(key.encode()).hexdigest()[:12],
        parties=parties,
        mediators=mediators,
        guarantors=guarantors,
        monitors=monitors,
        declared_by=declared_by,
        ended_by=ended_by,
        kind=_kind(members, parties),
        announced=_announced(members),
        purpose=_purpose(members),
        declared=declared,
        start=start,
        extended=extended,
        end=end,
        status=_status(members),
        planned_duration_days=planned,
        expected_end=_expected_end(start, planned, bool(extended)),
        events=[e.id for e in [*members, *brokered]],
        conflicts=[
            c
            for c in (start_conflict, declared_conflict, end_conflict, declarer_conflict, ender_conflict)
            if c is not None
        ],
        evidence=[ev for e in [*members, *brokered] for ev in e.evidence],
        sources=len(docs),
    )
    return episode.model_copy(update={"title": episode_title(episode, names)})


REGISTRY_TYPES = LIFECYCLE | TALKS  # what episodes are made of; violence only adds violations


def build_registry(
    events: Sequence[Event], documents: Sequence[Document] = (), names: Mapping[str, str] | None = None
) -> list[Ceasefire]:
    """Episodes from every factual lifecycle event, the most recent first (see :func:`registry_order`).

    ``events`` are all stored events: the lifecycle ones form episodes, talks lend their
    mediators and violent ones become violations. The same events in any order give the
    same registry. A store builds it in two steps instead (``build_episodes``, then
    ``with_violations`` over the violent events of the windows only), with the same result.
    ``names``: names of actors the built-in registry does not hold, for the episodes' titles.
    """
    del documents  # kept in the signature: later resolution uses document context
    episodes, by_id = build_episodes(events, names)
    return with_violations(episodes, by_id, events)


def build_episodes(
    events: Iterable[Event], names: Mapping[str, str] | None = None
) -> tuple[list[Ceasefire], dict[str, Event]]:
    """Episodes without violations, from the factual lifecycle and talks events among ``events``
    (others are ignored), and those events by id."""
    factual = sorted(
        (e for e in events if e.modality in FACTUAL and e.type in REGISTRY_TYPES), key=lambda e: e.id
    )
    lifecycle = [e for e in factual if e.type in LIFECYCLE]
    talks = [e for e in factual if e.type in TALKS]
    episodes = [_episode(c, talks, names) for c in _clusters(lifecycle) if _forms_episode(c)]
    return episodes, {e.id: e for e in factual}


def _forms_episode(cluster: Sequence[Event]) -> bool:
    """A truce was declared, agreed, extended or ended, and the text names at least one of its
    sides: "the truce announced Monday" with no party named anywhere near it is a mention of some
    truce, kept as an event, not an episode of its own (ETH/PRIO codes no ceasefire without an actor)."""
    return any(e.type in FORMING for e in cluster) and any(_parties(e) for e in cluster)


def registry_order(episode: Ceasefire) -> tuple[int, str, str]:
    """Sort key: the latest day the episode is known to reach, newest first, undated last, then id.

    A monitor's registry reads like ACLED's exports, newest first: the truce in force or
    the one that just collapsed is the one a reader looks for.
    """
    days = [
        interval[1]
        for value in (episode.end, *episode.extended, episode.start, episode.declared)
        if value is not None and (interval := value.interval()) is not None
    ]
    if not days:
        return (1, "", episode.id)
    return (0, _descending(max(days)), episode.id)


def _descending(day: date) -> str:
    """A string that sorts the later day first."""
    return f"{date.max.toordinal() - day.toordinal():08d}"
