"""Third parties of a truce or talks: mediators, guarantors and monitors, by the phrases that name them.

The ETH/PRIO ceasefire data keeps negotiating mediators apart from those who guarantee a truce and
those who watch over it; none of them is a side. Each is named by a phrase next to the actor:
- before it: "mediated by X", "under the auspices of X", "monitored by X", "guaranteed by X";
  the actor's noun phrase may open with determiners, titles and nationality words ("mediated by the
  Sudanese President X");
- after it: "X and Y as guarantors", "the AU will monitor";
- actors coordinated with one so named share its role ("mediated by Russia and Turkey").
The phrases are the ``mediation_by`` and ``third_parties`` lists of ``data/lexicons/cues.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from spacy.tokens import Doc

from ceasefire.entities.actors import ActorMention
from ceasefire.events.roles.common import role_cues
from ceasefire.nlp.tokens import at, ends_at, token_view

LEAD_IN = 4  # tokens of a noun phrase's opening that may stand between a phrase and the actor's name
JOINERS = frozenset({"and", ",", "&", "as", "well", "the"})  # "Cuba, Norway and the UN"


@dataclass
class ThirdParties:
    """The mentions a sentence names as mediators, guarantors and monitors."""

    mediators: list[ActorMention]
    guarantors: list[ActorMention]
    monitors: list[ActorMention]

    def all(self) -> list[ActorMention]:
        return [*self.mediators, *self.guarantors, *self.monitors]


def third_parties(doc: Doc, mentions: Sequence[ActorMention], performative: bool) -> ThirdParties:
    """Mediators of any event ("killed in clashes mediated by ..." is rare but harmless); guarantors and
    monitors only of a truce or talks (``performative``), where "the observatory, which monitors the
    war" is not about to be read as watching over a truce."""
    mediation, guarantee, monitoring = _phrases()
    mediators = named(doc, mentions, *mediation)
    rest = [m for m in mentions if m not in mediators]
    if not performative:
        return ThirdParties(mediators, [], [])
    guarantors = named(doc, rest, *guarantee)
    rest = [m for m in rest if m not in guarantors]
    monitors = named(doc, rest, *monitoring)
    return ThirdParties(mediators, guarantors, monitors)


ByWord = dict[str, tuple[tuple[str, ...], ...]]


@cache
def _phrases() -> tuple[tuple[ByWord, ByWord], ...]:
    """(phrases before the actor by their last word, phrases after it by their first) for mediators,
    guarantors and monitors: a phrase is tried only where its edge word stands."""
    c = role_cues()

    def by(phrases: Sequence[tuple[str, ...]], edge: int) -> ByWord:
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            grouped.setdefault(phrase[edge], []).append(phrase)
        return {word: tuple(found) for word, found in grouped.items()}

    return (
        (by(c.mediation_by, -1), {}),
        (by(c.guarantee_by, -1), by(c.guarantee_after, 0)),
        (by(c.monitoring_by, -1), by(c.monitoring_after, 0)),
    )


def named(doc: Doc, mentions: Sequence[ActorMention], before: ByWord, after: ByWord) -> list[ActorMention]:
    """The mentions a phrase of ``before`` precedes or one of ``after`` follows, with those
    coordinated with them."""
    lower = token_view(doc).lower
    ordered = sorted(mentions, key=lambda m: m.start)
    found = [
        m
        for m in ordered
        if _preceded(doc, m.start, before)
        or (m.end < len(lower) and any(at(doc, m.end, p) for p in after.get(lower[m.end], ())))
    ]
    if not found:
        return []
    changed = True
    while changed:  # coordination spreads both ways: "Cuba and Norway as guarantors"
        changed = False
        for a, b in pairwise(ordered):
            between = lower[a.end : b.start]
            if not all(w in JOINERS for w in between) or not between:
                continue
            if (a in found) != (b in found):
                found.append(b if a in found else a)
                changed = True
    return sorted(found, key=lambda m: m.start)


def _preceded(doc: Doc, start: int, phrases: ByWord) -> bool:
    """A phrase ends right before ``start``, or before a short opening of the noun phrase (determiners,
    capitalised titles and nationality words: "by the Sudanese President")."""
    if not phrases:
        return False
    determiners = role_cues().determiners
    view = token_view(doc)
    i = start
    for _ in range(LEAD_IN + 1):
        if i == 0:
            return False
        word = view.lower[i - 1]
        if any(ends_at(doc, i, p) for p in phrases.get(word, ())):
            return True
        if not (word in determiners or (view.text[i - 1][:1].isupper() and view.is_alpha[i - 1])):
            return False
        i -= 1
    return False
