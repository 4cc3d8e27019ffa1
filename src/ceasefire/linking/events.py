"""Event resolution: mentions of one real-world event in several documents become one event.

A new mention is compared with the stored events a blocking query proposes
(``store/event_resolution.py``: same family, overlapping dates) and joins the
best one that ``corroborates`` it:

- **type**: the same type, or ``attack`` beside a more specific violent type
  (``bombing``, ``airstrike``, ``execution``, ``assassination``), which is kept;
- **modality**: both factual (asserted, reported, claimed) or the same;
- **date**: intervals that overlap on ``MIN_OVERLAP`` of the shorter one (a
  day-precision date may be off by ``DAY_SLACK``, for publication lag): a
  headline's "the week before publication" meets another's when they appeared
  within two days; dates coarser than ``MAX_SPAN`` never merge;
- **actors**: overlapping sides (a state's forces stand for the state), or one
  side names none;
- **place**: the same, one inside the other (admin1 / admin2 / country), or one
  missing;
- **fatalities**: one unknown, or for some pair of the sources' readings the higher at most
  ``FATALITY_RATIO`` times the lower plus one, the lower an open bound ("at least 9") or the
  higher a reported rise ("death toll rises to 43"): early tolls grow;
- **positive evidence**: same type and date alone are not enough; at least
  ``MIN_SCORE`` points from a shared place below country level, a shared actor
  other than a state in the same role (or the very same two or more sides), an equal death toll of at least
  ``MIN_EQUAL_COUNT``, distinctive words shared by the evidence sentences
  (``shared_words``: one is enough in two headlines, long sentences need a share of their words)
  and dates that agree to the day (or, with shared words, a toll update a day after), at least one of them not
  the date. Two attacks on one day in two provinces never merge.

The stored event keeps its id. Each source's reading is kept in
``attributes.reports`` (doc, type, date, place, fatalities); fatalities become
``low`` = the smallest reported, ``high`` = the largest, ``best`` = the most often
reported best value (ties: the median of the reported bests, lower middle);
fields on which sources differ are listed in ``attributes.disagreements``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from statistics import median_low
from typing import Any

from ceasefire.entities.actor_rules import load_rules
from ceasefire.entities.registry import builtin_registry
from ceasefire.linking.ceasefires import party_of
from ceasefire.linking.duplicates import words
from ceasefire.models import DateValue, Event, Number, Place
from ceasefire.nlp.lexicons import load_yaml
from ceasefire.taxonomy import family

GENERIC = "attack"
SPECIFIC = frozenset({"bombing", "airstrike", "execution", "assassination"})
FACTUAL = frozenset({"asserted", "reported", "claimed"})
DAY_SLACK = timedelta(days=1)
MAX_SPAN = timedelta(days=31)  # a date vaguer than a month does not identify an event
FATALITY_RATIO = 2  # early and later tolls differ: 5 and 11 may be one bombing, 1 and 4 or 5 and 40 not
MIN_SCORE = 2
MIN_OVERLAP = 0.7
MIN_EQUAL_COUNT = 3  # "kills one" twice on a day is no sign of one event; "kills seven" twice is
MIN_SHARED_WORDS = 1  # "church", "funeral", "polio" in two headlines of a day; long sentences need more
MIN_WORD_JACCARD = 0.2  # shared / all distinctive words: one chance word in two long sentences is far below


@cache
def common_words() -> frozenset[str]:
    """Words every violence report uses (``data/lexicons/resolution.yaml``): no sign of one event."""
    return frozenset(load_yaml("lexicons", "resolution.yaml")["common_words"])


def compatible_types(event_type: str) -> frozenset[str]:
    """The types a mention of ``event_type`` may merge with."""
    if event_type == GENERIC:
        return SPECIFIC | {GENERIC}
    if event_type in SPECIFIC:
        return frozenset({event_type, GENERIC})
    return frozenset({event_type})


def merged_type(a: str, b: str) -> str:
    """The more specific of two compatible types."""
    return b if a == GENERIC else a


def interval(value: DateValue) -> tuple[date, date] | None:
    """A date's interval, or ``None`` when it is unknown or too vague to identify an event."""
    span = value.interval()
    return span if span is not None and span[1] - span[0] <= MAX_SPAN else None


def _slack(value: DateValue) -> timedelta:
    return DAY_SLACK if value.precision == "day" else timedelta(0)


def dates_overlap(a: DateValue, b: DateValue) -> bool:
    """Intervals that overlap on at least ``MIN_OVERLAP`` of the shorter one (a day may be off by
    ``DAY_SLACK``): "in the week before 5 May" and "... before 7 May" overlap, "... before 9 May" not."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return False
    slack = max(_slack(a), _slack(b))
    if not (ia[0] - slack <= ib[1] and ib[0] - slack <= ia[1]):
        return False
    shared = (min(ia[1], ib[1]) - max(ia[0], ib[0])).days + 1
    shorter = min((ia[1] - ia[0]).days, (ib[1] - ib[0]).days) + 1
    return shared <= 0 or shared / shorter >= MIN_OVERLAP  # <= 0: two days within the slack


def _same_days(a: DateValue, b: DateValue) -> bool:
    ia, ib = interval(a), interval(b)
    return ia is not None and ib is not None and ia == ib and ia[1] - ia[0] <= timedelta(days=7)


def _update_a_day_later(a: Event, b: Event) -> bool:
    """A toll update ("death toll touches 81") published a day after the first reports: its
    report window is a day later than theirs, but it speaks of the same day's event."""
    ia, ib = interval(a.date), interval(b.date)
    if ia is None or ib is None or a.date.precision != "range" or b.date.precision != "range":
        return False
    if ia[1] - ia[0] != ib[1] - ib[0] or ia[1] - ia[0] > timedelta(days=7):
        return False
    later, gap = (a, ia[0] - ib[0]) if ia[0] >= ib[0] else (b, ib[0] - ia[0])
    return gap <= DAY_SLACK and any(_is_toll_update(e.text) for e in later.evidence)


def _contains(outer: Place, inner: Place) -> bool:
    if outer.kind == "country":
        return inner.country == outer.country
    if outer.kind == "admin1":
        return inner.admin1 == outer.name and inner.country in (outer.country, None)
    if outer.kind == "admin2":
        return inner.admin2 == outer.name and inner.country in (outer.country, None)
    if outer.kind == "area":
        province = inner.name if inner.kind == "admin1" else inner.admin1
        return (outer.country is None or inner.country in (outer.country, None)) and (
            outer.admin1 is None or province in (outer.admin1, None)
        )
    return False


def place_relation(a: str | None, b: str | None, places: Mapping[str, Place]) -> str:
    """``shared`` (the same place or one inside the other, below country level), ``open`` (one
    missing, or only a country or vague area in common) or ``conflict``."""
    if a is None or b is None:
        return "open"
    pa, pb = places.get(a), places.get(b)
    if a == b:
        return "open" if pa is not None and pa.kind in {"country", "area"} else "shared"
    if pa is None or pb is None:
        return "conflict"
    if _contains(pa, pb) or _contains(pb, pa):
        broad = {pa.kind, pb.kind} & {"country", "area"}
        return "open" if broad else "shared"
    return "conflict"


def _parties(event: Event) -> set[str]:
    return {party_of(a) for ids in event.actors.values() for a in ids}


def _same_roles(a: Event, b: Event) -> set[str]:
    """Sides both reports give the same role: the Taliban who bombed is not the Taliban raided."""
    return {
        party_of(x)
        for role in ("agent", "target")
        for x in a.actors.get(role, [])
        if party_of(x) in {party_of(y) for y in b.actors.get(role, [])}
    }


def _named(parties: set[str]) -> set[str]:
    """The parties other than states: "the army" or "India" is in half the reports of a day,
    so sharing one is a sign only when both reports name the very same sides."""
    registry = builtin_registry()
    return {p for p in parties if (actor := registry.get(p)) is None or actor.kind != "state"}


def _best(event: Event) -> int | None:
    number = event.quantities.fatalities
    return number.best if number else None


def fatalities_compatible(a: int | None, b: int | None) -> bool:
    if a is None or b is None:
        return True
    low, high = sorted((a, b))
    if low == 0:
        return high == 0
    return high <= FATALITY_RATIO * low + 1


def _open_below(number: Number | None) -> int | None:
    """The bound of an open-ended toll ("at least 9"), which any higher later toll agrees with."""
    if number is None or number.low is None or number.high is not None:
        return None
    return number.low


@dataclass(frozen=True)
class Toll:
    """One report's death toll: its best value, whether it is open above ("at least 9") and
    whether the report says the toll grew ("death toll rises to 43")."""

    best: int
    open_above: bool = False
    update: bool = False


def _readings(event: Event) -> list[Toll]:
    """Every source's toll of an event: a merged event is compared through each of its reports,
    so "at least 9", "15" and "43" of one bombing all stand for it."""
    updated = {e.doc for e in event.evidence if _is_toll_update(e.text)}
    reports = event.attributes.get("reports")
    if isinstance(reports, list):
        pairs = [
            (Number.model_validate(r["fatalities"]), r.get("doc"))
            for r in reports
            if isinstance(r, dict) and r.get("fatalities")
        ]
    else:
        own = event.quantities.fatalities
        pairs = [(own, event.evidence[0].doc if event.evidence else None)] if own else []
    return [Toll(n.best, _open_below(n) == n.best, doc in updated) for n, doc in pairs if n.best is not None]


def _is_toll_update(text: str) -> bool:
    """ "Death toll in church attack rises to 43", "toll climbs to 78": the report says the count grew."""
    found = words(text)
    cues = toll_update_cues()
    return "toll" in found and any(w in cues for w in found)


@cache
def toll_update_cues() -> frozenset[str]:
    return frozenset(load_yaml("lexicons", "resolution.yaml")["toll_update"])


def _agree(a: Toll, b: Toll) -> bool:
    low, high = (a, b) if a.best <= b.best else (b, a)
    if fatalities_compatible(low.best, high.best):
        return True
    # the lower is a floor ("at least 9"), or the higher says the toll has risen since
    return low.open_above or high.update


def tolls_compatible(a: Event, b: Event) -> bool:
    """Fatalities within :data:`FATALITY_RATIO` for some pair of the two events' readings, or the
    smaller an open lower bound the larger meets ("bomb outside church kills at least 9" and
    "suicide bombers kill 78 at church"), or the larger a reported rise ("toll rises to 43")."""
    ra, rb = _readings(a), _readings(b)
    if not ra or not rb:
        return True
    return any(_agree(x, y) for x in ra for y in rb)


def corroborates(new: Event, old: Event, places: Mapping[str, Place]) -> int | None:
    """How strongly ``old`` is the same real-world event as ``new`` (``None``: not the same).

    Both must come from different documents; the caller checks that.
    """
    if old.type not in compatible_types(new.type) or family(old.type) != family(new.type):
        return None
    if not (new.modality == old.modality or {new.modality, old.modality} <= FACTUAL):
        return None
    if not dates_overlap(new.date, old.date):
        return None
    pn, po = _parties(new), _parties(old)
    if pn and po and not pn & po:
        return None
    relation = place_relation(new.place, old.place, places)
    if relation == "conflict":
        return None
    fn, fo = _best(new), _best(old)
    if not tolls_compatible(new, old):
        return None
    words_shared = shared_words(new, old, places)
    facts = (
        (relation == "shared")
        + bool(_named(_same_roles(new, old)) or (len(pn) > 1 and pn == po))
        + (fn is not None and fn == fo and fn >= MIN_EQUAL_COUNT)
        + words_shared
    )
    same_day = _same_days(new.date, old.date) or (words_shared and _update_a_day_later(new, old))
    score = facts + same_day
    return score if facts and score >= MIN_SCORE else None


def _words(event: Event, places: Mapping[str, Place]) -> set[str]:
    """Distinctive words of the event's evidence: not common, not numbers, and not the names of its
    place or actors, which the place and actor tests already weigh (a fact counts once)."""
    named = _name_words(event, places)
    return {
        singular(w)
        for e in event.evidence
        for w in words(e.text)
        if w not in common_words() and not w.isdigit() and w not in named and not _names_a_country(w)
    }


def singular(word: str) -> str:
    """A plural's singular by spelling alone, so "buses" meets "bus" and "miners" "miner"."""
    if len(word) > 4 and word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _names_a_country(word: str) -> bool:
    """A country's name or its people's ("pakistani", "pakistan's"): every report of a conflict
    says them, so sharing one tells nothing about which event two reports describe."""
    rules = load_rules()
    return rules.is_country_word(word) or (word.endswith("'s") and rules.is_country_word(word[:-2]))


def _name_words(event: Event, places: Mapping[str, Place]) -> set[str]:
    registry = builtin_registry()
    names: list[str] = []
    place = places.get(event.place) if event.place else None
    if place is not None:
        names += [place.name, place.admin1 or "", place.admin2 or ""]
    for ids in event.actors.values():
        for actor_id in ids:
            record = registry.get(actor_id)
            if record is not None:
                names += record.names
    return {w for name in names for w in words(name)}


def shared_words(a: Event, b: Event, places: Mapping[str, Place] | None = None) -> bool:
    """The two reports share distinctive words ("foreign tourists", "funeral", "church"), beyond
    the vocabulary every report of violence uses."""
    wa, wb = _words(a, places or {}), _words(b, places or {})
    shared = wa & wb
    return len(shared) >= MIN_SHARED_WORDS and len(shared) / len(wa | wb) >= MIN_WORD_JACCARD


def blocking_keys(event: Event, places: Mapping[str, Place]) -> set[str]:
    """Everything ``corroborates`` can count as a fact, as keys: two events that share none
    never merge, so the store proposes only candidates that share one (``event_keys``).

    A place below country level gives its id and the first- and second-level divisions it
    lies in (containment is sharing a division); a party other than a state gives its role;
    two or more sides give their set; a toll of at least ``MIN_EQUAL_COUNT`` gives itself;
    each distinctive word gives itself. Keys carry the type family, which merging must keep.
    """
    prefix = family(event.type) + "|"
    keys: set[str] = set()
    if event.place is not None:
        place = places.get(event.place)
        if place is None or place.kind not in {"country", "area"}:
            keys.add(f"place:{event.place}")
        if place is not None and place.kind not in {"country", "area"}:
            for level, name in (("admin1", place.admin1), ("admin2", place.admin2)):
                division = place.name if place.kind == level else name
                if division:
                    keys.add(f"{level}:{division}")
    for role in ("agent", "target"):
        keys |= {f"{role}:{p}" for p in _named({party_of(a) for a in event.actors.get(role, [])})}
    parties = _parties(event)
    if len(parties) > 1:
        keys.add("sides:" + "|".join(sorted(parties)))
    if (best := _best(event)) is not None and best >= MIN_EQUAL_COUNT:
        keys.add(f"toll:{best}")
    keys |= {f"word:{w}" for w in _words(event, places)}
    return {prefix + k for k in keys}


@dataclass(frozen=True)
class Candidate:
    """A stored event the blocking query proposed, with its arrival order and source documents."""

    event: Event
    seq: int
    docs: frozenset[str]


def best_match(
    new: Event, doc: str, candidates: Sequence[Candidate], places: Mapping[str, Place]
) -> Event | None:
    """The candidate ``new`` (of document ``doc``) joins: highest score, then earliest; else ``None``."""
    scored = []
    for candidate in candidates:
        if doc in candidate.docs:
            continue  # never merge two events of one document
        score = corroborates(new, candidate.event, places)
        if score is not None:
            scored.append((-score, candidate.seq, candidate.event.id, candidate.event))
    return min(scored, key=lambda s: s[:3])[3] if scored else None


def report(event: Event, doc: str) -> dict[str, Any]:
    """One source's reading of an event, as kept in ``attributes.reports``."""
    number = event.quantities.fatalities
    return {
        "doc": doc,
        "type": event.type,
        "date": {"start": event.date.start, "end": event.date.end, "precision": event.date.precision},
        "place": event.place,
        "fatalities": number.model_dump(mode="json") if number else None,
    }


def combine_fatalities(reports: Sequence[Mapping[str, Any]]) -> Number | None:
    """Best/low/high across sources: low the smallest reading, high the largest, best the most
    often reported best (ties: the median of the reported bests); one reading stays as it was."""
    numbers = [Number.model_validate(r["fatalities"]) for r in reports if r.get("fatalities")]
    numbers = [n for n in numbers if n.best is not None or n.low is not None or n.high is not None]
    if not numbers:
        return None
    distinct = {n.model_dump_json() for n in numbers}
    if len(distinct) == 1:
        return numbers[0]
    bests = [n.best for n in numbers if n.best is not None]
    lows = [v for n in numbers for v in (n.low, n.best) if v is not None]
    highs = [v for n in numbers for v in (n.high, n.best) if v is not None]
    best = None
    if bests:
        counts = Counter(bests).most_common()
        top = [v for v, c in counts if c == counts[0][1]]
        best = top[0] if len(top) == 1 else median_low(bests)
    return Number(best=best, low=min(lows) if lows else None, high=max(highs) if highs else None)


def _value(report_: Mapping[str, Any], field: str) -> Any:
    value = report_.get(field)
    if field == "fatalities":
        return value.get("best") if value else None
    if field == "date":
        return f"{value['start']}..{value['end']}" if value else None
    return value


def disagreements(reports: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The fields on which sources differ: ``{field, values, docs}`` with the documents of each value."""
    out = []
    for field in ("type", "date", "place", "fatalities"):
        by_value: dict[Any, list[str]] = {}
        for r in reports:
            value = _value(r, field)
            if value is not None:
                by_value.setdefault(value, []).append(r["doc"])
        if len(by_value) > 1:
            out.append({"field": field, "values": list(by_value), "docs": list(by_value.values())})
    return out


def narrower_date(a: DateValue, b: DateValue) -> DateValue:
    """The more precise of two dates when one lies inside the other, else ``a`` (the first kept)."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None or ia == ib:
        return a
    return b if ia[0] <= ib[0] and ib[1] <= ia[1] else a


def narrower_place(a: str | None, b: str | None, places: Mapping[str, Place]) -> str | None:
    """The more specific of two compatible places (``a`` when neither lies in the other)."""
    if a is None:
        return b
    if b is None or a == b:
        return a
    pa, pb = places.get(a), places.get(b)
    if pa is not None and pb is not None and _contains(pa, pb) and not _contains(pb, pa):
        return b
    return a
