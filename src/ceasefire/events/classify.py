"""One snippet in, its main event type and ACLED mapping out (``ceasefire classify``).

The rule, documented because analysts compare it with ACLED's own coding:

1. the snippet is tokenized by the shared pipeline and matched against the
   event triggers of ``data/lexicons/events.jsonl``, relabelled and filtered
   per sentence as the extractor does (a weak "killed" yields to "suicide
   bombing");
2. the main event is the first strong trigger, else the first weak one, of the
   foreground: a clause opened by "after", "following", "ahead of" ...
   (``background`` in ``data/lexicons/acled.yaml``) tells the occasion of what
   the note reports ("residents fled a day after fighting"). A note with no
   trigger in its foreground is typed by its foreground words first, and by a
   background trigger only when those say nothing;
3. its ACLED event and sub-event type come from ``acled_for`` and the ordered
   rules of ``data/lexicons/acled.yaml`` (sentence words, then the trigger's
   attributes, then the type's default), which cover the 25 ACLED sub-event
   types; a snippet with no trigger of ours can still get an ACLED type from
   the rules that list ``none`` ("the army recaptured the town" →
   Battles / Government regains territory);
4. its modality is the extractor's, from the cue words around the trigger.

Actors, places, dates and numbers are not looked up: they do not change the
type, and skipping them (with batching and a cache of repeated snippets) is
what makes this run at thousands of snippets a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice
from typing import TypedDict

from spacy.tokens import Doc, Span

from ceasefire.events import roles
from ceasefire.events.rules import Trigger, find_triggers, relabel
from ceasefire.events.write import SUMMARY_MIN_COUNT, SentenceWords, acled_for, clause_words, keep_triggers
from ceasefire.nlp.lexicons import load_yaml, token_forms
from ceasefire.nlp.numbers import read_number
from ceasefire.nlp.pipeline import make_nlp
from ceasefire.nlp.tokens import token_view
from ceasefire.taxonomy import VIOLENCE

BATCH = 512


class Classification(TypedDict):
    type: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    modality: str | None


NOTHING: Classification = {
    "type": None,
    "acled_event_type": None,
    "acled_sub_event_type": None,
    "modality": None,
}


@cache
def background_cues() -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    """The openers of a background clause and the tokens that end the reach of one (``acled.yaml``)."""
    raw = load_yaml("lexicons", "acled.yaml")["background"]
    return tuple(token_forms(w) for w in raw["openers"]), frozenset(raw["stops"])


def _background(lower: list[str], sent: Span) -> set[int]:
    """Tokens of the sentence's background clauses: from an opener ("after", "ahead of") to a stop."""
    openers, stops = background_cues()
    firsts = {o[0] for o in openers}
    inside: set[int] = set()
    i = sent.start
    while i < sent.end:
        at = lower[i] in firsts
        opener = next((o for o in openers if tuple(lower[i : i + len(o)]) == o), None) if at else None
        if opener is None:
            i += 1
            continue
        j = i + len(opener)
        while j < sent.end and lower[j] not in stops:
            j += 1
        inside.update(range(i, j))
        i = j
    return inside


def _first(found: list[tuple[Span, Trigger]]) -> tuple[Span, Trigger] | None:
    """The first strong trigger, else the first weak one."""
    return next(((s, t) for s, t in found if not t.weak), found[0] if found else None)


def _main_event(doc: Doc) -> tuple[tuple[Span, Trigger] | None, SentenceWords]:
    """The main event's trigger with its sentence, and the words that type a note without one.

    The trigger is the foreground's first strong one, else its first weak one. With none there, the
    note is read with its rules' main cues kept to the foreground (``acled_for`` with no event; "imposed
    a curfew after clashes" is the curfew, though "took the town after clashes" was taken by fighting);
    a background trigger is taken only when that says nothing.
    """
    found: list[tuple[Span, Trigger]] = []
    triggers = find_triggers(doc)
    lower = token_view(doc).lower
    background: set[int] = set()
    for sent in doc.sents:
        mine = [t for t in triggers if sent.start <= t.start < sent.end]
        found.extend((sent, t) for t in keep_triggers(relabel(doc, sent, mine)))
        background |= _background(lower, sent)
    foreground = [(s, t) for s, t in found if t.start not in background]
    if foreground:
        return _first(foreground), SentenceWords.of(lower)
    front = SentenceWords.of(lower, frozenset(range(len(lower))) - background)
    if background and acled_for(None, {}, front) is not None:
        return None, front
    return _first(found), SentenceWords.of(lower)


def _label(doc: Doc, trigger: Trigger) -> str:
    """As the extractor does: a handful of attacks ("two drone attacks") is an attack, not a summary."""
    if trigger.label != "violence_summary":
        return trigger.label
    count = read_number(doc[trigger.start].text)
    small = count is not None and (count.best or count.low or 0) < SUMMARY_MIN_COUNT
    return "attack" if small else trigger.label


def classify_doc(doc: Doc) -> Classification:
    """Classify one tokenized snippet (the output of ``make_nlp()``)."""
    main, words = _main_event(doc)
    if main is None:
        acled = acled_for(None, {}, words)
        if acled is None:
            return dict(NOTHING)  # type: ignore[return-value]
        return {
            "type": None,
            "acled_event_type": acled.event_type,
            "acled_sub_event_type": acled.sub_event_type,
            "modality": None,
        }
    sent, trigger = main
    label = _label(doc, trigger)
    acled = acled_for(label, trigger.attributes, words, clause_words(doc, sent, trigger, []))
    return {
        "type": label,
        "acled_event_type": acled.event_type if acled else None,
        "acled_sub_event_type": acled.sub_event_type if acled else None,
        "modality": roles.modality_of(doc, sent, trigger.start, trigger.end, trigger.label in VIOLENCE),
    }


CACHE_SIZE = 65536
_RESULTS: dict[str, Classification] = {}


def _remember(snippet: str, result: Classification) -> Classification:
    """Keep a result for repeated snippets (news feeds repeat headlines); bounded, cleared when full."""
    if len(_RESULTS) >= CACHE_SIZE:
        _RESULTS.clear()
    _RESULTS[snippet] = result
    return result


def classify(text: str) -> Classification:
    """The main event the snippet states and its ACLED types; all ``None`` if there is none."""
    snippet = " ".join(text.split())
    if not snippet:
        return dict(NOTHING)  # type: ignore[return-value]
    cached = _RESULTS.get(snippet) or _remember(snippet, classify_doc(make_nlp()(snippet)))
    return dict(cached)  # type: ignore[return-value]


def classify_many(texts: Iterable[str], batch_size: int = BATCH) -> Iterator[Classification]:
    """Classify snippets in order, tokenizing new ones in batches with ``nlp.pipe``.

    texts (Iterable[str]): one snippet each (a line of input).
    RETURNS (Iterator[Classification]): one result per snippet, in input order.
    """
    iterator = iter(texts)
    while batch := [" ".join(t.split()) for t in islice(iterator, batch_size)]:
        new = sorted({t for t in batch if t and t not in _RESULTS})
        for snippet, doc in zip(new, make_nlp().pipe(new), strict=True):
            _remember(snippet, classify_doc(doc))
        for snippet in batch:
            yield classify(snippet)
