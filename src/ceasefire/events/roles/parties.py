"""Implicit parties: the other side of a one-sided truce, when the document makes it plain.

A truce is between sides. "The FARC declared a unilateral ceasefire" names one; its counterpart, as
the ETH/PRIO Civil Conflict Ceasefire dataset codes it, is the other side of the conflict. The text
makes that plain when the document names exactly one actor of the other camp in the same country:
a rebel group's truce is with its own country's government, and a government's truce is with the
one armed group of its country the report names. Two candidates (two rebel groups, a government
and its former self) leave the counterpart unknown, as does a side of no camp (a person, an
international body). The filled party is marked on the event (``counterpart: context``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

ONE_SIDED = frozenset(
    {
        "ceasefire_declare",
        "ceasefire_agree",
        "ceasefire_extend",
        "ceasefire_end",
        "ceasefire_offer",
        "ceasefire_reject",
    }
)


@dataclass(frozen=True)
class Side:
    """What the counterpart rule needs of a document's actor."""

    kind: str
    country: str | None
    parent: str | None = None


def _camp(actor: str, sides: Mapping[str, Side]) -> tuple[str, str] | None:
    """("state" | "group", country) of an actor; None for a side of no camp."""
    side = sides.get(actor)
    if side is None or side.country is None:
        return None
    if side.kind in ("state", "state_force"):
        return "state", side.country
    if side.kind == "armed_group":
        return "group", side.country
    return None


def plain_counterpart(named: Sequence[str], sides: Mapping[str, Side]) -> str | None:
    """The one actor of the document on the other side of ``named`` (the event's parties, all of
    one camp and country), or None when there is not exactly one.

    sides (Mapping[str, Side]): the document's actors.
    """
    camps = {_camp(a, sides) for a in named}
    if not named or len(camps) != 1 or None in camps:
        return None
    camp = next(iter(camps))
    assert camp is not None
    kind, country = camp
    other = "group" if kind == "state" else "state"
    candidates = {
        _standing_for(a, sides) for a in sides if a not in named and _camp(a, sides) == (other, country)
    }
    candidates -= {_standing_for(a, sides) for a in named}
    return next(iter(candidates)) if len(candidates) == 1 else None


def _standing_for(actor: str, sides: Mapping[str, Side]) -> str:
    """The actor a state's force or a group's wing stands for, up its chain of parents as far as the
    document names them (a police force, its ministry's forces, the government)."""
    seen = {actor}
    parent = sides[actor].parent
    while parent is not None and parent in sides and parent not in seen:
        seen.add(parent)
        actor, parent = parent, sides[parent].parent
    return actor
