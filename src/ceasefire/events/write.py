"""Turn matched triggers into ``models.Event`` records ("write", after "find").

Per sentence: drop weak triggers that something more specific covers, drop
triggers inside a list of demands (what is demanded did not happen), then give
each trigger its actors, date, place, quantities, modality, ACLED type,
evidence and a stable id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from ceasefire.events import roles
from ceasefire.events.rules import Trigger
from ceasefire.models import Acled, DateValue, Event, EventType, Evidence, Number, Quantities
from ceasefire.nlp.lexicons import load_yaml
from ceasefire.nlp.numbers import NumberMention
from ceasefire.nlp.temporal import TimeMention
from ceasefire.resolve.actors import ActorMention
from ceasefire.resolve.families import VIOLENCE, family
from ceasefire.resolve.places import PlaceMention, most_specific

PERIOD_PRECISIONS = frozenset({"month", "year", "range", "season", "week"})
SUMMARY_MIN_COUNT = 10  # fewer attacks on one day read as incidents, not a summary


@dataclass(frozen=True)
class Found:
    """Everything "find" produced for one document, in token or character positions."""

    doc: Doc
    doc_id: str
    text: str
    actors: list[ActorMention]
    places: list[PlaceMention]
    dates: list[TimeMention]
    numbers: list[NumberMention]
    triggers: list[Trigger]
    publication: DateValue


# ----------------------------------------------------------------------------- ACLED


@dataclass(frozen=True)
class AcledRules:
    types: dict[str, tuple[str, str | None] | None]
    attributes: dict[str, dict[str, tuple[str, str | None]]]
    sentence_words: tuple[tuple[frozenset[str], frozenset[str], tuple[str, str | None]], ...]


@cache
def acled_rules() -> AcledRules:
    raw = load_yaml("lexicons", "acled.yaml")
    return AcledRules(
        types={k: (v[0], v[1]) if v else None for k, v in raw["types"].items()},
        attributes={
            attr: {value: (pair[0], pair[1]) for value, pair in values.items()}
            for attr, values in raw["attributes"].items()
        },
        sentence_words=tuple(
            (frozenset(r["types"]), frozenset(r["words"]), (r["acled"][0], r["acled"][1]))
            for r in raw["sentence_words"]
        ),
    )


def acled_for(event_type: str, attributes: dict[str, str], words: set[str]) -> Acled | None:
    """ACLED event and sub-event type: by attribute, then by sentence words, then the default."""
    rules = acled_rules()
    for attr, value in attributes.items():
        pair = rules.attributes.get(attr, {}).get(value)
        if pair:
            return Acled(event_type=pair[0], sub_event_type=pair[1])
    for types, cue_words, pair in rules.sentence_words:
        if event_type in types and words & cue_words:
            return Acled(event_type=pair[0], sub_event_type=pair[1])
    default = rules.types.get(event_type)
    return Acled(event_type=default[0], sub_event_type=default[1]) if default else None


# ----------------------------------------------------------------------------- per sentence


def _keep(triggers: list[Trigger]) -> list[Trigger]:
    """One event per type and sentence (summaries aside); weak triggers only when nothing of their family is.

    "Gunmen attacked a bus and killed six" is one attack; "talks between A and B were mediated by C" one
    talks_hold. Two counts of attacks in one sentence ("282 attacks in 2021 ... 42 in January") stay two.
    """
    strong = {family(t.label) for t in triggers if not t.weak}
    kept: list[Trigger] = []
    for t in triggers:
        if t.weak and family(t.label) in strong:
            continue
        if t.label != "violence_summary" and any(k.label == t.label for k in kept):
            continue
        kept.append(t)
    return kept


def _in_span(start: int, end: int, sent: Span) -> bool:
    return sent.start_char <= start and end <= sent.end_char


def _evidence_span(sent: Span) -> tuple[int, int]:
    """Character span of a sentence without surrounding whitespace."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, sent.start_char + len(text.rstrip())


def _nearest_date(dates: list[TimeMention], at: int) -> DateValue | None:
    if not dates:
        return None
    return min(dates, key=lambda d: min(abs(d.start - at), abs(d.end - at))).value


def _summary_count(found: Found, trigger: Trigger) -> Number | None:
    span = found.doc[trigger.start : trigger.end]
    for n in found.numbers:
        if n.start <= span.start_char < n.end or span.start_char <= n.start < span.end_char:
            return n.value
    return None


def event_id(doc_id: str, event_type: str, start: int, end: int, extra: int | None = None) -> str:
    """First 16 hex of sha256 over (document, type, evidence span); ``extra`` separates repeats."""
    key = f"{doc_id}|{event_type}|{start}|{end}" + ("" if extra is None else f"|{extra}")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _confidence(trigger: Trigger, agent: bool, dated: bool) -> float:
    score = 0.45 if trigger.weak else 0.65
    return round(min(0.95, score + (0.15 if agent else 0.0) + (0.1 if dated else 0.0)), 2)


def write_events(found: Found) -> list[Event]:
    """Build the events of a document, sentence by sentence."""
    doc = found.doc
    events: list[Event] = []
    seen: set[str] = set()
    for sent in doc.sents:
        triggers = [t for t in found.triggers if sent.start <= t.start < sent.end]
        if triggers:
            events.extend(_sentence_events(found, sent, _keep(triggers), seen))
    return events


def _drop_demanded(
    found: Found, sent: Span, triggers: list[Trigger]
) -> tuple[list[Trigger], dict[int, list[str]]]:
    """Triggers inside the content of a demand describe what is demanded: drop them."""
    doc = found.doc
    demands: dict[int, list[str]] = {}
    cut = sent.end_char
    for t in triggers:
        if t.label == "demand":
            content = roles.demand_content(doc, sent, t.start, t.end)
            if content is not None:
                demands[t.start] = content[1]
                cut = min(cut, content[0])
    kept = [t for t in triggers if t.label == "demand" or doc[t.start].idx < cut]
    return kept, demands


def _sentence_events(found: Found, sent: Span, triggers: list[Trigger], seen: set[str]) -> list[Event]:
    doc = found.doc
    triggers, demands = _drop_demanded(found, sent, triggers)
    mentions = [m for m in found.actors if sent.start <= m.start < sent.end]
    attributions = roles.find_attributions(doc, sent, mentions)
    dates = [d for d in found.dates if _in_span(d.start, d.end, sent)]
    place = most_specific([p for p in found.places if sent.start <= p.start < sent.end])
    quantities = _sentence_quantities(found, sent, triggers)
    words = {t.lower_ for t in sent}
    start, end = _evidence_span(sent)
    evidence_text = found.text[start:end]
    events = []
    for index, trigger in enumerate(triggers):
        next_start = triggers[index + 1].start if index + 1 < len(triggers) else sent.end
        r = roles.assign_roles(doc, sent, (trigger.start, trigger.end), next_start, mentions, attributions)
        label = _label(found, trigger, dates)
        date = _nearest_date(dates, doc[trigger.start].idx)
        attributes: dict[str, object] = dict(trigger.attributes)
        if trigger.start in demands:
            attributes["demands"] = demands[trigger.start]
        q = quantities.get(trigger.start, Quantities())
        if label == "violence_summary":
            q = q.model_copy(update={"count": _summary_count(found, trigger)})
        eid = event_id(found.doc_id, label, start, end)
        if eid in seen:
            eid = event_id(found.doc_id, label, start, end, doc[trigger.start].idx)
        seen.add(eid)
        events.append(
            Event(
                id=eid,
                type=label,
                date=date or found.publication,
                actors=r.as_dict(),
                place=place,
                quantities=q,
                attributes=attributes,
                acled=acled_for(label, trigger.attributes, words),
                modality=roles.modality_of(doc, sent, trigger.start, trigger.end),
                said_by=r.said_by,
                evidence=[Evidence(doc=found.doc_id, start=start, end=end, text=evidence_text)],
                confidence=_confidence(
                    trigger, bool(r.agent), date is not None and date.precision != "unknown"
                ),
            )
        )
    return events


def _label(found: Found, trigger: Trigger, dates: list[TimeMention]) -> EventType:
    """A count of attacks is a summary when it is large or spans a period; otherwise an attack."""
    if trigger.label != "violence_summary":
        return trigger.label  # type: ignore[return-value]
    count = _summary_count(found, trigger)
    date = _nearest_date(dates, found.doc[trigger.start].idx)
    periodic = date is not None and date.precision in PERIOD_PRECISIONS
    big = count is not None and (count.best or count.low or 0) >= SUMMARY_MIN_COUNT
    return "violence_summary" if periodic or big else "attack"


def _sentence_quantities(found: Found, sent: Span, triggers: list[Trigger]) -> dict[int, Quantities]:
    """Counts of killed, injured and abducted, each given to the nearest violent trigger."""
    violent = [t for t in triggers if t.label in VIOLENCE]
    if not violent:
        return {}
    counts = {id(t): _summary_count(found, t) for t in violent if t.label == "violence_summary"}
    numbers = [
        n for n in found.numbers
        if _in_span(n.start, n.end, sent)
        and not any(d.start < n.end and n.start < d.end for d in found.dates)
        and not any(c is n.value for c in counts.values())
    ]  # fmt: skip
    result: dict[int, dict[str, Number]] = {}
    for kind, token_index, value in roles.classify_numbers(found.doc, numbers):
        nearest = min(violent, key=lambda t: min(abs(t.start - token_index), abs(t.end - 1 - token_index)))
        result.setdefault(nearest.start, {}).setdefault(kind, value)
    return {
        start: Quantities(
            fatalities=v.get("fatalities"), injured=v.get("injured"), abducted=v.get("abducted")
        )
        for start, v in result.items()
    }
