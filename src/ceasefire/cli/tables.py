"""Rich tables for the registry and the timeline, kept apart from the commands that print them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.table import Table
from rich.text import Text

from ceasefire.export.diff import ExportDiff
from ceasefire.models import Ceasefire, DateValue, Event
from ceasefire.taxonomy import family

EXCERPT = 140


def show_date(value: DateValue | None) -> str:
    """A date as precise as it is known: a day, a month, a year, an interval, or '?'."""
    if value is None or value.precision == "unknown" or not value.start:
        return "?"
    start, end = value.start, value.end or value.start
    if value.precision == "day" or start == end:
        return start
    if value.precision == "month":
        return start[:7]
    if value.precision == "year":
        return start[:4]
    return f"{start}..{end}"


def _names(ids: Sequence[str], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(i, i) for i in ids) or "-"


def ceasefire_table(registry: Sequence[Ceasefire], names: Mapping[str, str]) -> Table:
    table = Table(title=f"Ceasefire registry ({len(registry)} episodes)", show_lines=False)
    columns = ("episode", "parties", "mediators", "kind", "status", "declared", "start", "end", "sources")
    for column in (*columns, "id"):
        table.add_column(column, overflow="fold")
    for cf in registry:
        table.add_row(
            Text(cf.title or cf.id),
            Text(_names(cf.parties, names)),
            Text(_names(cf.mediators, names)),
            cf.kind,
            cf.status,
            show_date(cf.declared),
            show_date(cf.start),
            show_date(cf.end),
            str(cf.sources),
            cf.id,
        )
    return table


def episode_of(event: Event, registry: Sequence[Ceasefire]) -> str:
    """The episode an event is part of, or (in brackets) the one it violates, as the registry says."""
    for cf in registry:
        if event.id in cf.events:
            return cf.title or cf.id
    for cf in registry:
        if event.id in cf.violations:
            return f"({cf.title or cf.id})"
    return ""


def select_events(
    events: Sequence[Event],
    *,
    actor: str | None,
    since: str | None,
    until: str | None,
    families: Sequence[str],
    limit: int | None,
) -> list[Event]:
    chosen = []
    for e in events:
        if actor and not any(actor in ids for ids in e.actors.values()):
            continue
        if families and family(e.type) not in families and e.type not in families:
            continue
        if since and (e.date.end or e.date.start or "") < since:
            continue
        if until and (e.date.start or "9999") > until + "\uffff":
            continue
        chosen.append(e)
    return chosen[-limit:] if limit else chosen


def timeline_table(events: Sequence[Event], registry: Sequence[Ceasefire], names: Mapping[str, str]) -> Table:
    table = Table(title=f"Timeline ({len(events)} events)")
    for column in ("date", "type", "actors", "modality", "deaths", "episode"):
        table.add_column(column, no_wrap=column in ("date", "type"), overflow="fold")
    table.add_column("evidence", overflow="fold", ratio=1)
    for e in events:
        actors = [a for ids in e.actors.values() for a in ids]
        deaths = e.quantities.fatalities.best if e.quantities.fatalities else None
        evidence = e.evidence[0].text if e.evidence else ""
        if len(evidence) > EXCERPT:
            evidence = evidence[: EXCERPT - 1] + "…"
        table.add_row(
            show_date(e.date),
            e.type,
            Text(_names(list(dict.fromkeys(actors)), names)),
            e.modality,
            "" if deaths is None else str(deaths),
            episode_of(e, registry),
            Text(evidence),
        )
    return table


def diff_table(result: ExportDiff, shown: int = 5) -> Table:
    """Per record kind: counts added, removed and changed, with the first ids and changed fields."""
    table = Table(title="Differences between the exports", show_lines=True)
    for column in ("kind", "added", "removed", "changed"):
        table.add_column(column, overflow="fold")

    def ids(values: Sequence[str]) -> Text:
        more = f" (+{len(values) - shown} more)" if len(values) > shown else ""
        head = ", ".join(values[:shown])
        return Text(f"{len(values)}" + (f": {head}{more}" if values else ""))

    for kind, d in result.kinds.items():
        changed = [f"{rid} ({', '.join(fields)})" for rid, fields in d.changed.items()]
        table.add_row(kind, ids(d.added), ids(d.removed), ids(changed))
    return table
