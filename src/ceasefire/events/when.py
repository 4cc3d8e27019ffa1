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

Where the sentence is parsed, the parse vetoes a date of another stretch (rule 2) that sits in
another clause than the trigger's (within the trigger's own stretch the parse is not needed, and a
headline's parse is the least reliable): a date whose nearest verb above it is neither the
trigger's own verb nor a verb that governs it dates that other clause. "Karayilan, who has led the
group since its founder was jailed in 1999, called for calm": 1999 is the jailing's. "In March,
Santos halted air strikes but resumed them in April": April is the resumption's. A date in a
governing clause still reaches down ("said on Monday that the truce had begun").

"until X" dates are never governing: they end what the clause describes. "from X" dates
("starting Sunday") govern like any other and also give a truce its effective date.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Span

from ceasefire.nlp.durations import DurationMention
from ceasefire.nlp.lexicons import load_yaml
from ceasefire.nlp.parse import Parse
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
    parse: Parse | None = None,
) -> TimeMention | None:
    """The date expression that governs a trigger (see the module docstring), or None.

    trigger (tuple[int, int]): token span of the trigger.
    others (Sequence[int]): start tokens of the sentence's other kept triggers.
    dates (Sequence[TimeMention]): the date mentions of the sentence.
    parse: the sentence's arcs, when it was parsed: a date of another clause is vetoed.
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
    if parse is not None and parse.parsed(trigger[0]):
        free = [d for d in free if not _other_clause(parse, sent, d, trigger)]
    for group in (same, free):
        if group:
            return min(group, key=lambda d: _distance(d, start_char, end_char))
    return None


NONFINITE_MODIFIERS = frozenset(
    {"acl", "pcomp", "prep"}
)  # "a statement posted on", "after signing", "following"


def clause_verb(parse: Parse, i: int) -> int | None:
    """The nearest verb at or above token ``i`` in the parse (the head of its clause), or None.

    A participle or gerund that modifies a noun or a preposition ("the statement posted on January
    12", "the truce proposed on Monday", "within hours of signing it on June 27") is no clause of its
    own: its date reaches the clause of that noun (another trigger's date stays that trigger's).
    """
    seen = set()
    while parse.parsed(i) and i not in seen:
        seen.add(i)
        if parse.is_verb(i) and not (
            parse.deps[i] in NONFINITE_MODIFIERS and parse.tags[i] in ("VBN", "VBG")
        ):
            return _matrix(parse, i)
        i = parse.heads[i]
    return None


def _matrix(parse: Parse, verb: int) -> int:
    """The verb whose event a complement verb belongs to: "called on the group to cease fire and
    withdraw (on March 21)", "agreed to halt air strikes": a subjectless complement (``xcomp``), and
    a verb coordinated with one, tell the governing verb's event, not one of their own; so does a
    subjectless participle that follows it ("launched a campaign, pushing them back a year later";
    "stormed the village on Monday, killing 15")."""
    seen = {verb}
    while _belongs_up(parse, verb):
        verb = parse.heads[verb]
        if verb in seen:
            break
        seen.add(verb)
    return verb


def _belongs_up(parse: Parse, verb: int) -> bool:
    """The verb tells its head's event (see :func:`_matrix`)."""
    dep, head = parse.deps[verb], parse.heads[verb]
    complement = dep == "xcomp" and parse.is_verb(head)
    with_complement = dep == "conj" and parse.deps[head] == "xcomp"
    participle = dep == "advcl" and parse.tags[verb] == "VBG" and not _own_clause(parse, verb)
    return complement or with_complement or participle


def _own_clause(parse: Parse, verb: int) -> bool:
    """The verb has a subject or a subordinator of its own ("after talks collapsed", "while ...")."""
    return any(parse.deps[c] in ("nsubj", "nsubjpass", "mark", "csubj") for c in parse.children(verb))


def _governs(parse: Parse, upper: int, lower: int) -> bool:
    """``upper`` is ``lower`` or one of its heads."""
    seen = set()
    while parse.parsed(lower) and lower not in seen:
        if lower == upper:
            return True
        seen.add(lower)
        lower = parse.heads[lower]
    return False


def _other_clause(parse: Parse, sent: Span, mention: TimeMention, trigger: tuple[int, int]) -> bool:
    """The date's clause is neither the trigger's nor one that governs it (see the module docstring)."""
    at = _token_at(sent, mention.start)
    if not parse.parsed(at):
        return False
    # a verb trigger is its own clause even where the parser reads it as a participle
    verbs = [i for i in range(*trigger) if parse.is_verb(i)]
    own = [_matrix(parse, i) for i in verbs] or [
        v for i in range(*trigger) if (v := clause_verb(parse, i)) is not None
    ]
    theirs = clause_verb(parse, at)
    if theirs is None or not own:
        return False
    return not any(_governs(parse, theirs, v) for v in own)


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
