"""The overview's timeline as plain geometry: the template draws it as SVG, no script needed.

One row of monthly bars (violent events; the bar's title gives the fatalities), the
ceasefire episodes as bands over them (from the earliest day the truce may have
begun to its end, else its expected end; with neither, as far as its own dates
reach, drawn open on the right: an unknown end is not an end at the last month),
reported-only episodes flagged so they are drawn differently, ticks inside each band
for its declaration, start, extensions and end, and markers below for talks, offers,
rejections and demands. Every band, bar and marker carries the id it links to.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ceasefire.models import Ceasefire, DateValue
from ceasefire.store.queries import EventHead, Month

WIDTH = 960
LEFT = 40
RIGHT = 16
BAR_TOP = 40
BAR_HEIGHT = 120
BAND_Y = 18
BAND_HEIGHT = 150
MARKER_Y = 178
HEIGHT = 230
MARKER_TYPES = {
    "talks_propose": "talks",
    "talks_hold": "talks",
    "talks_stall": "talks",
    "talks_reject": "rejection",
    "ceasefire_offer": "offer",
    "ceasefire_reject": "rejection",
    "demand": "demand",
}


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    month: str
    events: int
    fatalities: int


@dataclass(frozen=True)
class Tick:
    x: float
    label: str  # declared, start, extended, ended


@dataclass(frozen=True)
class Band:
    x: float
    width: float
    id: str
    label: str
    status: str
    reported: bool
    open: bool
    ticks: list[Tick] = field(default_factory=list)


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    kind: str
    id: str
    label: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    bars: list[Bar]
    bands: list[Band]
    markers: list[Marker]
    axis: list[tuple[float, str]]
    first: str | None
    last: str | None
    peak: int

    @property
    def empty(self) -> bool:
        return not (self.bars or self.bands or self.markers)


def _month_index(day: date) -> float:
    return day.year * 12 + day.month - 1 + (day.day - 1) / calendar.monthrange(day.year, day.month)[1]


def _index_of(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _bounds(value: DateValue | None) -> tuple[date, date] | None:
    return value.interval() if value is not None else None


def build(
    months: Sequence[Month],
    episodes: Sequence[Ceasefire],
    markers: Sequence[EventHead],
    names: dict[str, str],
) -> Timeline:
    """Lay out one dyad's timeline; ``names`` gives display names of actor ids."""
    spans = [
        b
        for e in episodes
        for b in map(_bounds, (e.declared, e.start, e.end, e.expected_end, *e.extended))
        if b
    ]
    points = [_index_of(m.month) for m in months]
    points += [int(_month_index(d)) for b in spans for d in b]
    points += [int(_month_index(b[0])) for e in markers if (b := _bounds(e.date))]
    if not points:
        return Timeline(WIDTH, HEIGHT, [], [], [], [], None, None, 0)
    first, last = min(points), max(points) + 1
    scale = (WIDTH - LEFT - RIGHT) / max(1, last - first)

    def x(index: float) -> float:
        return round(LEFT + (index - first) * scale, 1)

    peak = max((m.events for m in months), default=0)
    bars = []
    for m in months:
        height = BAR_HEIGHT * m.events / peak if peak else 0
        i = _index_of(m.month)
        bars.append(
            Bar(
                x(i),
                round(BAR_TOP + BAR_HEIGHT - height, 1),
                max(1.0, round(scale * 0.9, 1)),
                round(height, 1),
                m.month,
                m.events,
                m.fatalities,
            )
        )
    bands = [_band(e, x, last, names) for e in episodes]
    shown = [
        Marker(x(_month_index(b[0])), MARKER_Y + 14 * (n % 3), MARKER_TYPES[e.type], e.id, e.type)
        for n, e in enumerate(markers)
        if e.type in MARKER_TYPES and (b := _bounds(e.date))
    ]
    step = max(1, (last - first) // 8)
    axis = [(x(i), f"{i // 12}-{i % 12 + 1:02d}") for i in range(first, last, step)]
    return Timeline(
        WIDTH, HEIGHT, bars, [b for b in bands if b], shown, axis, _month(first), _month(last - 1), peak
    )


def _month(index: int) -> str:
    return f"{index // 12}-{index % 12 + 1:02d}"


def _band(episode: Ceasefire, to_x: Callable[[float], float], last: int, names: dict[str, str]) -> Band:
    begin = _bounds(episode.start) or _bounds(episode.declared)
    end = _bounds(episode.end) or _bounds(episode.expected_end)
    extended = [b for b in map(_bounds, episode.extended) if b]
    if begin is None:
        begin = end or (extended[0] if extended else None)
    begin_x = to_x(last - 1) if begin is None else to_x(_month_index(begin[0]))
    open_ended = end is None
    if end is None:  # known only as far as its own dates reach: drawn to there, open on the right
        reach = max([b[1] for b in (begin, *extended) if b is not None], default=None)
        end_x = to_x(last) if reach is None else to_x(_month_index(reach) + 1 / 31)
    else:
        end_x = to_x(_month_index(end[1]) + 1 / 31)
    ticks = []
    for label, value in (("declared", episode.declared), ("start", episode.start), ("ended", episode.end)):
        if (b := _bounds(value)) is not None:
            ticks.append(Tick(to_x(_month_index(b[0])), label))
    ticks += [Tick(to_x(_month_index(b[0])), "extended") for b in extended]
    parties = episode.title or " – ".join(names.get(p, p) for p in episode.parties)
    return Band(
        round(begin_x, 1),
        round(max(4.0, end_x - begin_x), 1),
        episode.id,
        parties,
        episode.status,
        episode.status == "reported",
        open_ended,
        ticks,
    )
