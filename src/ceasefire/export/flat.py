"""Flat, one-row-per-record views of the export shared by the tabular formats and the DataFrames.

Each view is a list of plain dicts with the columns of its ``*_COLUMNS`` table (name
and type: ``string``, ``int64``, ``float64`` or ``bool``; every value may be ``None``).
Lists of actors become ``"; "``-joined ids (and names), dates become start, end and
precision, quantities become their best/low/high numbers. Rows are sorted by id.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, BinaryIO, Literal

from ceasefire.models import Actor, Ceasefire, DateValue, Event, Number, Place

ColumnType = Literal["string", "int64", "float64", "bool"]
Row = dict[str, Any]
SEP = "; "
ROLES = ("agent", "target", "mediator", "guarantor", "monitor")

EVENT_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("id", "string"),
    ("type", "string"),
    ("date_start", "string"),
    ("date_end", "string"),
    ("date_precision", "string"),
    ("date_text", "string"),
    ("agent", "string"),
    ("agent_names", "string"),
    ("target", "string"),
    ("target_names", "string"),
    ("mediator", "string"),
    ("mediator_names", "string"),
    ("guarantor", "string"),
    ("guarantor_names", "string"),
    ("monitor", "string"),
    ("monitor_names", "string"),
    ("place", "string"),
    ("place_name", "string"),
    ("country", "string"),
    ("admin1", "string"),
    ("admin2", "string"),
    ("lat", "float64"),
    ("lon", "float64"),
    ("fatalities_best", "int64"),
    ("fatalities_low", "int64"),
    ("fatalities_high", "int64"),
    ("injured_best", "int64"),
    ("abducted_best", "int64"),
    ("count_best", "int64"),
    ("acled_event_type", "string"),
    ("acled_sub_event_type", "string"),
    ("modality", "string"),
    ("said_by", "string"),
    ("confidence", "float64"),
    ("doc", "string"),
    ("evidence", "string"),
    ("n_evidence", "int64"),
)

CEASEFIRE_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("id", "string"),
    ("title", "string"),
    ("parties", "string"),
    ("party_names", "string"),
    ("mediators", "string"),
    ("mediator_names", "string"),
    ("guarantors", "string"),
    ("monitors", "string"),
    ("declared_by", "string"),
    ("ended_by", "string"),
    ("kind", "string"),
    ("announced", "bool"),
    ("written", "bool"),
    ("purpose", "string"),
    *(
        (f"{which}_{part}", "string")
        for which in ("declared", "start", "end")
        for part in ("start", "end", "precision")
    ),
    ("extensions", "int64"),
    ("planned_duration_days", "int64"),
    ("end_reason", "string"),
    ("status", "string"),
    ("sources", "int64"),
    ("n_events", "int64"),
    ("n_violations", "int64"),
    ("n_conflicts", "int64"),
)

ACTOR_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("id", "string"),
    ("name", "string"),
    ("kind", "string"),
    ("country", "string"),
    ("parent", "string"),
    ("aliases", "string"),
    ("n_mentions", "int64"),
    ("n_documents", "int64"),
)


def actor_names(actors: Iterable[Actor]) -> dict[str, str]:
    """Actor id → display name."""
    return {a.id: a.name for a in actors}


def join(ids: Sequence[str], names: Mapping[str, str] | None = None) -> str | None:
    """``"; "``-joined ids (or their names); ``None`` for none, so empty stays distinguishable."""
    if not ids:
        return None
    return SEP.join(names.get(i, i) for i in ids) if names is not None else SEP.join(ids)


def date_parts(value: DateValue | None) -> tuple[str | None, str | None, str | None]:
    """(start, end, precision) of a date; all ``None`` when it is unknown."""
    if value is None or value.precision == "unknown" or not value.start:
        return None, None, None
    return value.start, value.end or value.start, value.precision


def _best(number: Number | None) -> int | None:
    return number.best if number else None


def event_rows(events: Iterable[Event], places: Iterable[Place], actors: Iterable[Actor]) -> list[Row]:
    """One flat row per event, sorted by id."""
    names = actor_names(actors)
    by_place = {p.id: p for p in places}
    rows: list[Row] = []
    for ev in sorted(events, key=lambda e: e.id):
        place = by_place.get(ev.place) if ev.place else None
        start, end, precision = date_parts(ev.date)
        fat = ev.quantities.fatalities
        row: Row = {
            "id": ev.id,
            "type": ev.type,
            "date_start": start,
            "date_end": end,
            "date_precision": precision or "unknown",
            "date_text": ev.date.text,
        }
        for role in ROLES:
            row[role] = join(ev.actors.get(role, []))
            row[f"{role}_names"] = join(ev.actors.get(role, []), names)
        row.update(
            {
                "place": ev.place,
                "place_name": place.name if place else None,
                "country": place.country if place else None,
                "admin1": place.admin1 if place else None,
                "admin2": place.admin2 if place else None,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "fatalities_best": fat.best if fat else None,
                "fatalities_low": fat.low if fat else None,
                "fatalities_high": fat.high if fat else None,
                "injured_best": _best(ev.quantities.injured),
                "abducted_best": _best(ev.quantities.abducted),
                "count_best": _best(ev.quantities.count),
                "acled_event_type": ev.acled.event_type if ev.acled else None,
                "acled_sub_event_type": ev.acled.sub_event_type if ev.acled else None,
                "modality": ev.modality,
                "said_by": ev.said_by,
                "confidence": ev.confidence,
                "doc": ev.evidence[0].doc if ev.evidence else None,
                "evidence": ev.evidence[0].text if ev.evidence else None,
                "n_evidence": len(ev.evidence),
            }
        )
        rows.append(row)
    return rows


def ceasefire_rows(ceasefires: Iterable[Ceasefire], actors: Iterable[Actor]) -> list[Row]:
    """One flat row per ceasefire episode, sorted by id."""
    names = actor_names(actors)
    rows: list[Row] = []
    for cf in sorted(ceasefires, key=lambda c: c.id):
        row: Row = {
            "id": cf.id,
            "title": cf.title,
            "parties": join(cf.parties),
            "party_names": join(cf.parties, names),
            "mediators": join(cf.mediators),
            "mediator_names": join(cf.mediators, names),
            "guarantors": join(cf.guarantors),
            "monitors": join(cf.monitors),
            "declared_by": cf.declared_by,
            "ended_by": cf.ended_by,
            "kind": cf.kind,
            "announced": cf.announced,
            "written": cf.written,
            "purpose": cf.purpose,
        }
        for which, value in (("declared", cf.declared), ("start", cf.start), ("end", cf.end)):
            start, end, precision = date_parts(value)
            row[f"{which}_start"], row[f"{which}_end"], row[f"{which}_precision"] = start, end, precision
        row.update(
            {
                "extensions": len(cf.extended),
                "planned_duration_days": cf.planned_duration_days,
                "end_reason": cf.end_reason,
                "status": cf.status,
                "sources": cf.sources,
                "n_events": len(cf.events),
                "n_violations": len(cf.violations),
                "n_conflicts": len(cf.conflicts),
            }
        )
        rows.append(row)
    return rows


def actor_rows(actors: Iterable[Actor]) -> list[Row]:
    """One flat row per actor, sorted by id."""
    return [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "country": a.country,
            "parent": a.parent,
            "aliases": join(sorted(a.aliases)),
            "n_mentions": len(a.mentions),
            "n_documents": len({m.doc for m in a.mentions}),
        }
        for a in sorted(actors, key=lambda a: a.id)
    ]


def cell(value: object) -> str:
    """A CSV cell: empty for ``None``, ``true``/``false`` for booleans, ``str`` otherwise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(out: BinaryIO, header: Sequence[str], rows: Iterable[Mapping[str, object]]) -> None:
    """UTF-8 CSV (RFC 4180 quoting, CRLF line ends) with ``header`` as its first line."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.writer(text)
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(row.get(name)) for name in header])
    text.flush()
    text.detach()
