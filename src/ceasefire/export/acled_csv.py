"""``--format acled-csv``: events in ACLED's column names, to sit beside ACLED data.

One row per event that ACLED would record (see the README's "Exports" section):

- left out: events without an ACLED type (``violence_summary`` counts, untyped violations),
  events with an unknown date (ACLED records none), and ``negated``/``hypothetical`` ones;
- ``event_date`` is the first day of our interval, ``time_precision`` ACLED's 1 (the day
  is known), 2 (known to within a week) or 3 (a month or longer); ``date_end`` keeps ours;
- ``actor1`` = agents, ``actor2`` = targets (names, ``"; "``-joined), ``assoc_actor_1`` = mediators;
- ``geo_precision`` from the place's UCDP ``where_prec``: 1 → 1, 2–3 → 2, 4–7 → 3 (or from its
  kind when unknown: city → 1, admin2 and area → 2, admin1 and country → 3);
- ``source`` = the outlets of the evidence documents, ``notes`` = the evidence sentences;
- ``fatalities`` = the best count, 0 when none was reported (as ACLED does);
  ``fatalities_known`` says which zeros are reported ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from ceasefire.export.flat import SEP, Row, actor_names, write_csv
from ceasefire.models import Event, Export, Place

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
EXTRA_COLUMNS = ("fatalities_known", "date_end", "ceasefire_event_type", "modality", "place_id")
LEFT_OUT_MODALITIES = frozenset({"negated", "hypothetical"})
KIND_GEO_PRECISION = {"city": 1, "admin2": 2, "area": 2, "admin1": 3, "country": 3}


def time_precision(start: str, end: str) -> int:
    """ACLED's time precision of the interval ``start``..``end`` (ISO days)."""
    days = (date.fromisoformat(end) - date.fromisoformat(start)).days + 1
    if days <= 1:
        return 1
    return 2 if days <= 7 else 3


def geo_precision(place: Place) -> int:
    """ACLED's geo precision of a place, from UCDP's where_prec, else from its kind."""
    if place.precision is not None:
        return 1 if place.precision == 1 else 2 if place.precision <= 3 else 3
    return KIND_GEO_PRECISION.get(place.kind, 3)


def included(event: Event) -> bool:
    """Whether ACLED would record this event (typed, dated, said to have happened)."""
    return (
        event.acled is not None
        and event.date.precision != "unknown"
        and bool(event.date.start)
        and event.modality not in LEFT_OUT_MODALITIES
    )


def acled_rows(export: Export) -> list[Row]:
    """The rows of the ACLED CSV, sorted by event id."""
    names = actor_names(export.actors)
    places = {p.id: p for p in export.places}
    outlets = {d.id: d.outlet for d in export.documents}
    rows: list[Row] = []
    for ev in sorted(export.events, key=lambda e: e.id):
        if not included(ev) or ev.acled is None or ev.date.start is None:
            continue
        start, end = ev.date.start, ev.date.end or ev.date.start
        place = places.get(ev.place) if ev.place else None
        fat = ev.quantities.fatalities.best if ev.quantities.fatalities else None
        sources = dict.fromkeys(o for e in ev.evidence if (o := outlets.get(e.doc)))
        rows.append(
            {
                "event_id_cnty": ev.id,
                "event_date": start,
                "time_precision": time_precision(start, end),
                "event_type": ev.acled.event_type,
                "sub_event_type": ev.acled.sub_event_type,
                "actor1": SEP.join(names.get(i, i) for i in ev.actors.get("agent", [])),
                "actor2": SEP.join(names.get(i, i) for i in ev.actors.get("target", [])),
                "assoc_actor_1": SEP.join(names.get(i, i) for i in ev.actors.get("mediator", [])),
                "country": place.country if place else None,
                "admin1": _admin(place, "admin1"),
                "admin2": _admin(place, "admin2"),
                "location": place.name if place else None,
                "latitude": place.lat if place else None,
                "longitude": place.lon if place else None,
                "geo_precision": geo_precision(place) if place else None,
                "source": SEP.join(sources),
                "notes": " ".join(dict.fromkeys(e.text for e in ev.evidence)),
                "fatalities": fat or 0,
                "fatalities_known": fat is not None,
                "date_end": end,
                "ceasefire_event_type": ev.type,
                "modality": ev.modality,
                "place_id": ev.place,
            }
        )
    return rows


def _admin(place: Place | None, level: str) -> str | None:
    """The place's admin1/admin2, or its own name when it is that unit."""
    if place is None:
        return None
    value: str | None = getattr(place, level)
    return value or (place.name if place.kind == level else None)


@dataclass(frozen=True)
class AcledCsv:
    name: str = "acled-csv"
    suffix: str = ".csv"
    binary: bool = False
    description: str = "events in ACLED's columns and event types"

    def write(self, export: Export, out: BinaryIO) -> None:
        write_csv(out, (*ACLED_COLUMNS, *EXTRA_COLUMNS), acled_rows(export))


FORMAT = AcledCsv()
