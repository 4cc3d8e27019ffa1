"""When an event happened: the date expression that governs its trigger, and how long a truce lasts.

A sentence often holds several dates and several events ("On Monday, the
militants, who had signed a truce in 2019, attacked a checkpoint"). Without a
parser, the sentence is cut into stretches at commas, relative pronouns and
subordinators (``date_clause_breaks`` in ``cues.yaml``). A trigger takes

1. the nearest date of its own stretch, except a date after another trigger
   of that stretch (a post-verbal date belongs to the nearest verb before it:
   "ended the truce it agreed in June" dates the agreement, not the ending;
   "the truce agreed in June was extended" and "called off the truce it agreed
   in June and ordered attacks" too: the June date is the agreement's);
2. else the nearest date of a stretch that holds no trigger (a fronted "On
   Monday," or a speech clause "said on Monday that"), but not of a relative
   clause after the trigger ("executed soldiers who had been held since 2010");
3. else nothing, and the writer falls back to the publication date widened (``write.undated``).

"until X" dates are never governing: they end what the clause describes. "from X" dates
("starting Sunday") govern like any other and also give a truce its effective date.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Span

from ceasefire.nlp.durations import DurationMention
from ceasefire.nlp.lexicons import load_yaml
from ceasefire.nlp.temporal import TimeMention
from ceasefire.nlp.tokens import token_view


@cache
def clause_breaks() -> frozenset[str]:
    return frozenset(load_yaml("lexicons", "cues.yaml")["date_clause_breaks"])


@cache
def relative_openers() -> frozenset[str]:
    return frozenset(load_yaml("lexicons", "cues.yaml")["date_relative_openers"])


def _token_at(sent: Span, char: int) -> int:
    """Index of the token of ``sent`` that contains (or follows) character ``char``."""
    view = token_view(sent.doc)
    for i in range(sent.start, sent.end):
        if view.idx[i] + len(view.text[i]) > char:
            return i
    return sent.end - 1


def stretches(doc: Doc, sent: Span, dates: Sequence[TimeMention]) -> dict[int, int]:
    """Stretch number of every token of the sentence; breaks inside a date ("May 9, 2021") do not count."""
    view = token_view(doc)
    idx = view.idx
    tokens = range(sent.start, sent.end)
    inside = {i for d in dates for i in tokens if d.start <= idx[i] < d.end and idx[i] != d.start}
    breaks = clause_breaks()
    result: dict[int, int] = {}
    current = 0
    for i in tokens:
        if view.lower[i] in breaks and i not in inside and i != sent.start:
            current += 1
        result[i] = current
    return result


def _distance(mention: TimeMention, start_char: int, end_char: int) -> int:
    if mention.end <= start_char:
        return start_char - mention.end
    return max(0, mention.start - end_char)


def governing_date(
    doc: Doc,
    sent: Span,
    trigger: tuple[int, int],
    others: Sequence[int],
    dates: Sequence[TimeMention],
) -> TimeMention | None:
    """The date expression that governs a trigger (see the module docstring), or None.

    trigger (tuple[int, int]): token span of the trigger.
    others (Sequence[int]): start tokens of the sentence's other kept triggers.
    dates (Sequence[TimeMention]): the date mentions of the sentence.
    """
    points = [d for d in dates if d.role != "until"]
    if not points:
        return None
    stretch = stretches(doc, sent, dates)
    own = stretch[trigger[0]]
    busy = {stretch[o] for o in others} | {own}
    start_char, end_char = doc[trigger[0]].idx, doc[trigger[1] - 1].idx + len(doc[trigger[1] - 1].text)

    def blocked(d: TimeMention, at: int) -> bool:
        """A date after another trigger, on either side of this one, is that trigger's."""
        if at < trigger[0]:
            return any(o < at for o in others)
        return any(trigger[1] <= o < at for o in others)

    lower = token_view(doc).lower
    opening: dict[int, str] = {}  # each stretch's first token: the break that opens it
    for i in range(sent.start, sent.end):
        opening.setdefault(stretch[i], lower[i])
    relatives = relative_openers()

    def relative_after(at: int) -> bool:
        return at > trigger[0] and opening[stretch[at]] in relatives

    located = [(d, _token_at(sent, d.start)) for d in points]
    same = [d for d, at in located if stretch[at] == own and not blocked(d, at)]
    free = [d for d, at in located if stretch[at] not in busy and not relative_after(at)]
    for group in (same, free):
        if group:
            return min(group, key=lambda d: _distance(d, start_char, end_char))
    return None


def bound(doc: Doc, trigger: tuple[int, int], dates: Sequence[TimeMention], role: str) -> TimeMention | None:
    """The date of the sentence with ``role`` nearest to the trigger: "until X" (``until``), or the date
    something takes effect, "starting Sunday" (``from``)."""
    bounds = [d for d in dates if d.role == role]
    if not bounds:
        return None
    start_char = doc[trigger[0]].idx
    return min(bounds, key=lambda d: abs(d.start - start_char))


def nearest_duration(
    doc: Doc, trigger: tuple[int, int], durations: Sequence[DurationMention], rivals: Sequence[int]
) -> DurationMention | None:
    """The duration of the sentence nearer to this trigger than to any rival ceasefire trigger."""
    at = doc[trigger[0]].idx

    def distance(d: DurationMention, pos: int) -> int:
        return min(abs(d.start - pos), abs(d.end - pos))

    mine = [d for d in durations if all(distance(d, at) <= distance(d, doc[r].idx) for r in rivals)]
    return min(mine, key=lambda d: distance(d, at)) if mine else None
