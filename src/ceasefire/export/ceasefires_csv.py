"""``--format ceasefires-csv``: one row per ceasefire episode, in the spirit of ETH/PRIO's CF data.

The ETH/PRIO Civil Conflict Ceasefire dataset codes each ceasefire's actors, who
declared it, its class (unilateral, bilateral, multilateral), whether it was written,
its purpose, mediation and its declaration, effective and end dates as year, month
and day. We name our columns after those ideas (``actor_name``, ``declare``,
``ceasefire_class``, ``written``, ``purpose``, ``mediator_nego``, ``cf_dec_yr`` ...);
the README's "Exports" section lists the correspondence. A date part is filled only as
far as the date is known: a year-precise start has ``cf_effect_yr`` and nothing finer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from ceasefire.export.flat import Row, actor_names, date_parts, join, write_csv
from ceasefire.models import DateValue, Export

DATE_COLUMNS = {"declared": "cf_dec", "start": "cf_effect", "end": "end"}
COLUMNS = (
    "ceasefire_id",
    "title",
    "actor_name",
    "actor_ids",
    "mediator_nego",
    "mediator_ids",
    "guarantor_ids",
    "monitor_ids",
    "declare",
    "declare_id",
    "ended_by",
    "ended_by_id",
    "ceasefire_class",
    "announced",
    "written",
    "purpose",
    *(
        f"{prefix}_{part}"
        for prefix in DATE_COLUMNS.values()
        for part in ("yr", "month", "day", "precision", "start", "end")
    ),
    "extensions",
    "planned_duration_days",
    "end_reason",
    "status",
    "sources",
    "events",
    "violations",
    "conflicts",
)


def ymd(value: DateValue | None) -> tuple[str | None, str | None, str | None]:
    """Year, month and day of a date, each only when the whole interval shares it."""
    start, end, _ = date_parts(value)
    if start is None or end is None:
        return None, None, None
    year = start[:4] if start[:4] == end[:4] else None
    month = start[5:7] if year and start[:7] == end[:7] and len(start) >= 7 else None
    day = start[8:10] if month and start == end and len(start) == 10 else None
    return year, month, day


def ceasefire_csv_rows(export: Export) -> list[Row]:
    """The rows of the ceasefires CSV, sorted by episode id."""
    names = actor_names(export.actors)
    rows: list[Row] = []
    for cf in sorted(export.ceasefires, key=lambda c: c.id):
        row: Row = {
            "ceasefire_id": cf.id,
            "title": cf.title,
            "actor_name": join(cf.parties, names),
            "actor_ids": join(cf.parties),
            "mediator_nego": join(cf.mediators, names),
            "mediator_ids": join(cf.mediators),
            "guarantor_ids": join(cf.guarantors),
            "monitor_ids": join(cf.monitors),
            "declare": names.get(cf.declared_by, cf.declared_by) if cf.declared_by else None,
            "declare_id": cf.declared_by,
            "ended_by": names.get(cf.ended_by, cf.ended_by) if cf.ended_by else None,
            "ended_by_id": cf.ended_by,
            "ceasefire_class": cf.kind,
            "announced": cf.announced,
            "written": cf.written,
            "purpose": cf.purpose,
        }
        for field, prefix in DATE_COLUMNS.items():
            value: DateValue | None = getattr(cf, field)
            year, month, day = ymd(value)
            start, end, precision = date_parts(value)
            row.update(
                {
                    f"{prefix}_yr": year,
                    f"{prefix}_month": month,
                    f"{prefix}_day": day,
                    f"{prefix}_precision": precision or "unknown",
                    f"{prefix}_start": start,
                    f"{prefix}_end": end,
                }
            )
        row.update(
            {
                "extensions": len(cf.extended),
                "planned_duration_days": cf.planned_duration_days,
                "end_reason": cf.end_reason,
                "status": cf.status,
                "sources": cf.sources,
                "events": len(cf.events),
                "violations": len(cf.violations),
                "conflicts": len(cf.conflicts),
            }
        )
        rows.append(row)
    return rows


@dataclass(frozen=True)
class CeasefiresCsv:
    name: str = "ceasefires-csv"
    suffix: str = ".csv"
    binary: bool = False
    description: str = "the ceasefire registry, one row per episode (ETH/PRIO-style columns)"

    def write(self, export: Export, out: BinaryIO) -> None:
        write_csv(out, COLUMNS, ceasefire_csv_rows(export))


FORMAT = CeasefiresCsv()
