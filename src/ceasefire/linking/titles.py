"""A readable title for a ceasefire episode, made from its data ("TTP – Pakistan ceasefire, Jun–Nov 2022").

Ids mean nothing to a reader, and a registry lists many truces between the same sides: the title
names the sides as the press does and the months the truce ran. It is derived, never read from text:
- a state is its country ("Government of Pakistan" → "Pakistan");
- a group with a name of several words is its acronym when it has one made of its name's initials
  ("Tigray People's Liberation Front" → "TPLF"), else its name;
- the side that declared the truce comes first;
- the period runs from the start (else the declaration) to the end, by month; an episode not known
  to have ended runs "from" its start, one known only to have ended "ended" then, and one with no
  date is "undated".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ceasefire.entities.registry import ActorRecord, builtin_registry
from ceasefire.models import Ceasefire, DateValue

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_GOVERNMENT = re.compile(r"^(?:the\s+)?(?:federal\s+)?government\s+of\s+(?:the\s+)?", re.IGNORECASE)
_ACRONYM = re.compile(r"[A-Z][A-Z&/-]{1,7}")
_INITIAL_WORDS = re.compile(r"[A-Za-z][\w']*")


def short_name(actor_id: str, names: Mapping[str, str] | None = None) -> str:
    """The name a headline gives an actor: a state's country, a group's acronym, else its name.

    names: names of actors the registry does not hold (discovered people and groups), by id.
    """
    record = builtin_registry().get(actor_id)
    if record is None:
        if names and actor_id in names:
            return names[actor_id]
        return _from_id(actor_id)
    if record.kind == "state":
        return _GOVERNMENT.sub("", record.name) or record.name
    return _acronym(record) or record.name


def _acronym(record: ActorRecord) -> str | None:
    """An alias made of the initials of the capitalised words of a name of several words."""
    words = [w for w in _INITIAL_WORDS.findall(record.name.replace("-", " ")) if w[0].isupper()]
    if len(words) < 2:
        return None
    initials = "".join(w[0] for w in words)
    for alias in record.aliases:
        if _ACRONYM.fullmatch(alias) and re.sub(r"[&/-]", "", alias) == initials:
            return alias
    return None


def _from_id(actor_id: str) -> str:
    """ "person:afonso-dhlakama" → "Afonso Dhlakama": the last resort when no name is known."""
    slug = actor_id.split(":", 1)[-1]
    return " ".join(part.capitalize() for part in re.split(r"[-_]+", slug) if part) or actor_id


def _month(value: DateValue) -> tuple[int, int] | None:
    """(year, month) of the first day a date may be."""
    interval = value.interval()
    return None if interval is None else (interval[0].year, interval[0].month)


def _when(value: DateValue, month: tuple[int, int]) -> str:
    return str(month[0]) if value.precision == "year" else f"{MONTHS[month[1] - 1]} {month[0]}"


def _period(start: DateValue | None, end: DateValue | None) -> str:
    """ "Jun–Nov 2022", "Dec 2016–May 2017", "from Jun 2022", "ended Nov 2022", "2016" or "undated"."""
    first = _month(start) if start is not None else None
    last = _month(end) if end is not None else None
    if first is None or start is None:
        return f"ended {_when(end, last)}" if end is not None and last is not None else "undated"
    opening = _when(start, first)
    if last is None or end is None:
        return f"from {opening}"
    if start.precision == "year" or end.precision == "year":
        return opening if last[0] == first[0] else f"{first[0]}–{last[0]}"
    if last == first:
        return opening
    if last[0] == first[0]:
        return f"{MONTHS[first[1] - 1]}–{MONTHS[last[1] - 1]} {first[0]}"
    return f"{opening}–{MONTHS[last[1] - 1]} {last[0]}"


def episode_title(episode: Ceasefire, names: Mapping[str, str] | None = None) -> str:
    """The episode's title: its sides, declarer first, and the months it ran."""
    sides = list(episode.parties)
    if episode.declared_by in sides:
        sides.remove(episode.declared_by)
        sides.insert(0, episode.declared_by)
    label = " – ".join(dict.fromkeys(short_name(s, names) for s in sides))
    what = f"{label} ceasefire" if label else "Ceasefire"
    return f"{what}, {_period(episode.start or episode.declared, episode.end)}"


def with_titles(episodes: list[Ceasefire], names: Mapping[str, str] | None = None) -> list[Ceasefire]:
    """The episodes with their titles set."""
    return [e.model_copy(update={"title": episode_title(e, names)}) for e in episodes]
