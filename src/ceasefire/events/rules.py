"""Event triggers: spaCy ``Matcher`` token patterns kept as data.

Patterns live in ``data/lexicons/events.jsonl``, one per line in spaCy's
``{"label": ..., "pattern": [...]}`` form, plus two optional fields of ours:
``weak`` (a trigger that only counts when nothing more specific of its family is
in the sentence, e.g. a bare "killed") and ``attributes`` (facts the wording
itself gives, e.g. ``{"device": "suicide"}``). The blank pipeline has no lemmas,
so inflections are listed with ``LOWER`` + ``IN``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, get_args

from spacy.matcher import Matcher
from spacy.tokens import Doc

from ceasefire.models import EventType
from ceasefire.nlp.lexicons import load_jsonl
from ceasefire.nlp.pipeline import make_nlp

EVENT_TYPES = frozenset(get_args(EventType))


@dataclass(frozen=True)
class TriggerPattern:
    """One line of the pattern file."""

    label: str
    pattern: list[dict[str, Any]]
    weak: bool = False
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Trigger:
    """A matched trigger: token span, event type and what the pattern says about it."""

    label: str
    start: int
    end: int
    weak: bool
    attributes: dict[str, str]


@cache
def load_patterns() -> tuple[TriggerPattern, ...]:
    """Read and check the trigger patterns (an unknown event type is an error)."""
    patterns = []
    for row in load_jsonl("lexicons", "events.jsonl"):
        if row.get("label") not in EVENT_TYPES:
            raise ValueError(f"events.jsonl: unknown event type {row.get('label')!r}")
        patterns.append(
            TriggerPattern(
                row["label"], row["pattern"], bool(row.get("weak")), dict(row.get("attributes", {}))
            )
        )
    return tuple(patterns)


@cache
def _matcher() -> Matcher:
    """One matcher for all patterns; each pattern gets its own key so its flags can be found."""
    matcher = Matcher(make_nlp().vocab)
    for index, p in enumerate(load_patterns()):
        matcher.add(str(index), [p.pattern])
    return matcher


def _within_sentence(doc: Doc, start: int, end: int) -> bool:
    return not any(doc[k].is_sent_start for k in range(start + 1, end))


def find_triggers(doc: Doc) -> list[Trigger]:
    """Non-overlapping triggers in document order; a longer (more specific) match wins.

    doc (Doc): the output of ``make_nlp()``.
    RETURNS (list[Trigger]): each with its event type, weakness and pattern attributes.
    """
    patterns = load_patterns()
    strings = doc.vocab.strings
    matches = [
        (start, end, patterns[int(strings[key])])
        for key, start, end in _matcher()(doc)
        if _within_sentence(doc, start, end)
    ]
    # longest first; on equal length the strong pattern and then the earlier line wins
    matches.sort(key=lambda m: (m[0] - m[1], m[2].weak, patterns.index(m[2]), m[0]))
    taken: set[int] = set()
    triggers = []
    for start, end, p in matches:
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            triggers.append(Trigger(p.label, start, end, p.weak, p.attributes))
    return sorted(triggers, key=lambda t: t.start)
