"""Actor mentions and what a search of one document returns.

Kept apart from the finders so the rule modules (context, people) and the
event writers share one small vocabulary without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ceasefire.entities.registry import ActorRecord

# ranks used when mentions overlap: longer wins, then the more reliable source
SOURCE_RANK = {
    "registry": 0,
    "alias": 1,
    "generic": 2,
    "force": 2,
    "metonym": 2,
    "state": 2,
    "context": 3,
    "person": 4,
    "main_group": 5,
    "surname": 6,
    "office": 6,
    "discovered": 7,
}


@dataclass(frozen=True)
class ActorMention:
    """A token span of a document that names an actor; ``source`` says which rule found it."""

    start: int
    end: int
    actor: str
    source: str


@dataclass
class ActorFinding:
    """What ``find_actors`` returns: mentions, the records they point to, the document's focus (its
    countries, weighted: ``entities/focus.py``) and its main country.

    ``registry`` is the registry the search used (built-in plus user files), ``new`` the
    people and organisations found in this document who are not in it (``origin: discovered``),
    ``affiliations`` the actor each person acts or speaks for as this document states it,
    ``not_names`` the tokens of registry names the text uses as words ("an Islamic State in the
    north"), which no later pass may read as a name.
    """

    mentions: list[ActorMention] = field(default_factory=list)
    new: dict[str, ActorRecord] = field(default_factory=dict)
    country: str | None = None
    focus: dict[str, float] = field(default_factory=dict)
    registry: Mapping[str, ActorRecord] = field(default_factory=dict)
    affiliations: dict[str, str] = field(default_factory=dict)
    not_names: set[int] = field(default_factory=set)

    def record(self, actor: str) -> ActorRecord | None:
        """The record of an actor id, from the registry or found in this document."""
        return self.registry.get(actor) or self.new.get(actor)


def select(mentions: Iterable[ActorMention]) -> list[ActorMention]:
    """Resolve overlaps: the longest span wins, then the more reliable source."""
    chosen: list[ActorMention] = []
    taken: set[int] = set()
    for m in sorted(mentions, key=lambda m: (m.start - m.end, SOURCE_RANK[m.source], m.start)):
        if taken.isdisjoint(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


def tokens_of(mentions: Iterable[ActorMention]) -> set[int]:
    """Every token index covered by a mention."""
    return {i for m in mentions for i in range(m.start, m.end)}
