"""How sure: asserted, claimed, denied, hypothetical, by the cue words of a trigger's clause."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span

from ceasefire.entities.actors import load_registry
from ceasefire.events.roles.common import PARTY_KINDS, Roles, role_cues
from ceasefire.models import Modality
from ceasefire.nlp.lexicons import cues
from ceasefire.nlp.tokens import token_view


def modality_of(
    doc: Doc, sent: Span, trigger_start: int, trigger_end: int, violent: bool = False
) -> Modality:
    """The strongest modality cue that scopes over the trigger (negation > ... > reported).

    Scope: the trigger's clause up to the trigger, plus the trigger's own words after its head
    ("ordered a ceasefire" is a declaration, not an order to do something), plus the words up to the
    verb after a trigger that opens with its noun ("talks with the TTP could resume"). Generic cues
    look at the whole clause, after the trigger too ("calling for ceasefires ... usually"). Some cues
    count only when the event is not ``violent`` (``nonviolent_modality``: a failed attack was one).
    """
    c = cues()
    lower = _modal_words(doc)
    clause = _modality_clause(doc, sent, trigger_start)
    before = lower[clause[0] : trigger_start]
    for name, sequences, window in () if violent else c.nonviolent_modality:
        if any(_contains(before[-window:] if window else before, s) for s in sequences):
            return name  # type: ignore[return-value]  # "failing to release prisoners": negated
    inside = lower[trigger_start + 1 : trigger_end]
    inside += _subject_predicate(lower, trigger_start, trigger_end, clause)
    whole = lower[sent.start : sent.end]
    whole_set = set(whole)
    for (name, sequences, window, anywhere), firsts in zip(c.modality, _modality_first_words(), strict=True):
        if anywhere:
            if not whole_set.isdisjoint(firsts) and any(_contains(whole, s) for s in sequences):
                return name  # type: ignore[return-value]
            continue
        if name == "hypothetical" and _generic(doc, clause):
            return "hypothetical"
        scope = (before[-window:] if window else before) + inside
        hits = [] if firsts.isdisjoint(scope) else [s for s in sequences if _contains(scope, s)]
        if name == "claimed" and hits and responsibility_claim(doc, clause[0], trigger_start):
            hits = []
        if (
            name == "hypothetical"
            and hits == [("would",)]
            and any(w in c.reported_plan_verbs for w in lower[clause[0] : trigger_end])
        ):
            return "planned"
        if (
            name == "planned"
            and hits
            and _scheduled_onset(lower[trigger_start], inside, lower[trigger_end : clause[1]])
        ):
            continue
        if hits:
            return name  # type: ignore[return-value]
    return "asserted"


ONSET_REACH = 10  # tokens after a truce noun's trigger in which its verb of onset may stand


def _scheduled_onset(first: str, inside: list[str], after: list[str]) -> bool:
    """ "The truce (between X and Y) will take effect at midnight": a truce whose start is set
    (``scheduled_onset``): the trigger opens with its noun, and its own words or the words of its
    clause just after it hold a verb of onset."""
    c = cues()
    if first not in c.onset_nouns:
        return False
    return not c.onset_verbs.isdisjoint(inside) or not c.onset_verbs.isdisjoint(after[:ONSET_REACH])


def _modal_words(doc: Doc) -> list[str]:
    """The lower-case tokens, with the month "May" set apart from the modal "may": capitalised inside
    its sentence ("the truce agreed in May was violated"), or before what no modal comes before ("May
    was the deadliest month"). Built once per doc (every trigger asks)."""
    view = token_view(doc)
    cached = doc.user_data.get(MODAL_WORDS_KEY)
    if isinstance(cached, list) and len(cached) == len(view.lower):
        return cached
    words = view.lower
    if "may" in words:
        words = list(words)
        for i, (low, text) in enumerate(zip(view.lower, view.text, strict=True)):
            if low != "may" or text != "May":
                continue
            following = view.lower[i + 1] if i + 1 < len(words) else ""
            if not view.sent_start[i] or following in NOT_AFTER_MODAL or following[:1].isdigit():
                words[i] = "<month>"
    doc.user_data[MODAL_WORDS_KEY] = words
    return words


MODAL_WORDS_KEY = "ceasefire.modal_words"


NOT_AFTER_MODAL = frozenset({"was", "is", "were", "has", "had", "saw", "also", ",", ".", "and", "'s", "’s"})


def _subject_predicate(lower: list[str], start: int, end: int, clause: tuple[int, int]) -> list[str]:
    """The words between a trigger that opens with its noun and its verb ("[talks with the TTP] could
    resume"), or none: the noun's modality cues come after it. A trigger with a verb of its own ("the
    ceasefire announced by ...") has its predicate already."""
    c, r = cues(), role_cues()
    if lower[start] not in c.subject_nouns or any(
        w not in c.subject_nouns and w not in r.prepositions and w not in r.determiners
        for w in lower[start + 1 : end]
    ):
        return []
    words = []
    for word in lower[end : min(clause[1], end + c.subject_window)]:
        if word in c.subject_stops:
            break
        words.append(word)
    return words


def _modality_clause(doc: Doc, sent: Span, trigger_start: int) -> tuple[int, int]:
    """Token span of the clause around a trigger, between ``modality_clause_breaks``.

    An embedded relative clause closed by a comma ("The TTP, which may split, attacked") is skipped:
    the clause then runs from the comma that closes it.
    """
    breaks = cues().modality_clause_breaks
    lower = token_view(doc).lower
    start = next(
        (i + 1 for i in range(trigger_start - 1, sent.start - 1, -1) if lower[i] in breaks), sent.start
    )
    if start > sent.start and lower[start - 1] in RELATIVES:
        comma = next((i for i in range(trigger_start - 1, start - 1, -1) if lower[i] == ","), None)
        if comma is not None:
            start = comma + 1
    end = next((i for i in range(trigger_start + 1, sent.end) if lower[i] in breaks), sent.end)
    return start, end


RELATIVES = frozenset({"which", "who", "whom"})


def _generic(doc: Doc, clause: tuple[int, int]) -> bool:
    words = token_view(doc).lower[clause[0] : clause[1]]
    by_first = _generic_by_first_word()
    return any(_contains(words, s) for first in by_first.keys() & set(words) for s in by_first[first])


@cache
def _modality_first_words() -> tuple[frozenset[str], ...]:
    """First words of each modality entry's cues, in the order of ``cues().modality``: a cheap pre-test."""
    return tuple(frozenset(s[0] for s in sequences) for _, sequences, _, _ in cues().modality)


@cache
def _generic_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Generic-wording cues by first word: a clause is tested only against cues whose first word it has."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for sequence in cues().generic:
        grouped.setdefault(sequence[0], []).append(sequence)
    return {word: tuple(sequences) for word, sequences in grouped.items()}


def attributed_modality(modality: Modality, roles: Roles) -> Modality:
    """An asserted event that one side reports about another side (or an unnamed one) is its claim."""
    if modality != "asserted" or roles.said_by is None:
        return modality
    sides = _sides()
    speaker = sides.get(roles.said_by)
    if speaker is None or speaker[1] not in PARTY_KINDS:
        return modality
    if not roles.agent:
        return "claimed" if roles.source_only else modality
    agents = {sides.get(a, (a, ""))[0] for a in roles.agent}
    return modality if speaker[0] in agents else "claimed"


@cache
def _sides() -> dict[str, tuple[str, str]]:
    """Actor id -> (root of its parent chain, its kind): the side it speaks or acts for."""
    records = load_registry()
    result: dict[str, tuple[str, str]] = {}
    for actor_id, record in records.items():
        root = record
        while root.parent and root.parent in records:
            root = records[root.parent]
        result[actor_id] = (root.id, record.kind)
    return result


def _contains(words: list[str], sequence: tuple[str, ...]) -> bool:
    if sequence[0] not in words:  # the common case, and a C-speed test
        return False
    n = len(sequence)
    return n == 1 or any(tuple(words[i : i + n]) == sequence for i in range(len(words) - n + 1))


def responsibility_claim(doc: Doc, start: int, trigger_start: int) -> bool:
    """A claim of responsibility for the trigger's event between ``start`` and the trigger: "claimed
    responsibility for the attack", "claimed the bombing". It makes the claimer the agent, and the event
    no claim: the attack happened, and who did it is the claimer's word (``said_by``)."""
    lower = token_view(doc).lower
    exceptions, verbs = cues().claim_not_followed_by, cues().responsibility_verbs
    determiners = role_cues().determiners
    for i in range(start, trigger_start):
        if lower[i] not in verbs:
            continue
        if lower[i + 1] in exceptions or all(w in determiners for w in lower[i + 1 : trigger_start]):
            return True
    return False
