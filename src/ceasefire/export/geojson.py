"""``--format geojson``: a FeatureCollection of the events whose place has coordinates.

Each feature is a ``Point`` at ``[lon, lat]`` of the event's place, with the event id
as the feature ``id`` and the event's type, dates, actors (ids and names by role),
place, fatalities, modality and evidence as properties. Features are sorted by id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, BinaryIO

from ceasefire.export.flat import actor_names, date_parts
from ceasefire.models import Export


def feature_collection(export: Export) -> dict[str, Any]:
    """The GeoJSON object (RFC 7946) of the export's located events."""
    names = actor_names(export.actors)
    places = {p.id: p for p in export.places}
    features: list[dict[str, Any]] = []
    for ev in sorted(export.events, key=lambda e: e.id):
        place = places.get(ev.place) if ev.place else None
        if place is None or place.lat is None or place.lon is None:
            continue
        start, end, precision = date_parts(ev.date)
        fat = ev.quantities.fatalities
        features.append(
            {
                "type": "Feature",
                "id": ev.id,
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {
                    "id": ev.id,
                    "type": ev.type,
                    "date_start": start,
                    "date_end": end,
                    "date_precision": precision or "unknown",
                    "actors": {role: list(ids) for role, ids in sorted(ev.actors.items())},
                    "actor_names": {
                        role: [names.get(i, i) for i in ids] for role, ids in sorted(ev.actors.items())
                    },
                    "place": place.id,
                    "place_name": place.name,
                    "fatalities": fat.best if fat else None,
                    "modality": ev.modality,
                    "acled_event_type": ev.acled.event_type if ev.acled else None,
                    "evidence": [e.text for e in ev.evidence],
                    "documents": list(dict.fromkeys(e.doc for e in ev.evidence)),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True)
class GeoJson:
    name: str = "geojson"
    suffix: str = ".geojson"
    binary: bool = False
    description: str = "events with coordinates as a GeoJSON FeatureCollection"

    def write(self, export: Export, out: BinaryIO) -> None:
        text = json.dumps(feature_collection(export), ensure_ascii=False, indent=2)
        out.write((text + "\n").encode("utf-8"))


FORMAT = GeoJson()
