"""How many: killed, injured and abducted counts of a sentence, grouped by what they count."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ceasefire.events.roles.common import QUANTITY_KINDS, role_cues
from ceasefire.models import Number
from ceasefire.nlp.numbers import NumberMention
from ceasefire.nlp.tokens import TokenView, at, doc_text, ends_at, span_text, token_view


@dataclass(frozen=True)
class Count:
    """A count of victims of one kind: one number, or coordinated ones summed ("two soldiers, six militants").

    token: where its first part starts; parts: (the group counted as written, its number) per part.
    """

    kind: str
    token: int
    value: Number
    parts: tuple[tuple[str, Number], ...]


@dataclass
class _Part:
    start: int  # first token of the count
    end: int  # token after the number (or after a singular noun)
    value: Number
    noun_end: int  # token after the words that say what is counted
    kind: str | None = None
    singular: bool = False  # a singular noun counting one ("Bomb kills soldier")
    lead: int = -1  # first token of its noun phrase: the number, or a singular noun's first modifier


def _stops(doc: Doc, i: int) -> bool:
    """Punctuation that ends the stretch a cue word reaches over ("killed, three injured")."""
    return token_view(doc).lower[i] in role_cues().quantity_stops


def _cue_after(doc: Doc, i: int, limit: int) -> tuple[int, str] | None:
    """(distance, kind) of the nearest cue word after token ``i`` (the count's last token)."""
    c = role_cues()
    view = token_view(doc)
    lower, text, stops, by_first = view.lower, view.text, c.quantity_stops, c.after_by_first
    distance = 0
    for j in range(i + 1, min(limit, i + 1 + 2 * c.quantity_windows[1])):
        word = lower[j]
        if word in stops:
            return None
        if text[j] == "-":
            continue  # "11 pro-government militia members killed": a hyphen is not a word
        distance += 1
        if distance > c.quantity_windows[1]:
            return None
        # only phrases that start with this word can match here (in the table's order, as before)
        for kind, phrase in by_first.get(word, ()):
            if at(doc, j, phrase) and not _casualties(doc, j + len(phrase), limit, kind):
                return distance, kind
    return None


def _casualties(doc: Doc, i: int, limit: int, kind: str) -> bool:
    """ "killed or wounded", "killed, wounded": a count of casualties, not of the dead."""
    if kind != "fatalities":
        return False
    words = [t.lower_ for t in doc[i : min(limit, i + 2)]]
    return len(words) == 2 and words[0] in {"or", "and", ","} and words[1] in role_cues().injury_words


def _cue_before(doc: Doc, sent_start: int, i: int) -> tuple[int, str] | None:
    """(distance, kind) of the nearest cue word ending before token ``i`` (the count's first token).

    "toll rises to 52", "raised the death toll to 33": a "to" after a toll in the sentence counts the dead.
    """
    c = role_cues()
    lower = token_view(doc).lower
    if (
        i - 1 >= sent_start
        and lower[i - 1] in c.toll_prepositions
        and "toll" in lower[max(sent_start, i - c.toll_window) : i]
    ):
        return 1, "fatalities"
    for distance in range(1, c.quantity_windows[0] + 1):
        j = i - distance
        if j < sent_start or lower[j] in c.quantity_stops:
            return None
        # only phrases that end with this word can end here; the first kind in table order wins
        for kind, phrase in c.before_by_last.get(lower[j], ()):
            if ends_at(doc, j + 1, phrase):
                return distance, kind
    return None


def _noun_end(doc: Doc, i: int, limit: int) -> int:
    """The token after the words that say what a count counts ("27 [Pakistani soldiers]")."""
    view = token_view(doc)
    j = i
    while j < limit and j - i < 3 and _modifier(view, j):
        j += 1
    return j


def _not_a_count(doc: Doc, span: Span, text: str, limit: int) -> bool:
    """Numbers that are not victims: years, ages and other compounds ("45-year-old", "three-day"),
    "aged 45", and measures or things ("10 km", "1200 gmt", "2 militant groups")."""
    c = role_cues()
    view = token_view(doc)
    start, end = span.start, span.end
    # the count's last token has no whitespace when the next token starts right where it ends
    if (
        end < limit
        and view.text[end] in {"-", "–"}
        and view.idx[end] == view.idx[end - 1] + len(view.text[end - 1])
    ):
        return True
    if start > 0 and view.lower[start - 1] in c.count_blockers:
        return True
    for j in range(end, min(limit, end + 3)):
        if view.lower[j] in c.not_counted:
            return True
        if not _modifier(view, j):
            break
    if _YEAR_LIKE.fullmatch(text):
        return _cue_after(doc, end - 1, limit) is None
    return False


_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")


def _singular_victims(doc: Doc, sent: Span, taken: set[int]) -> list[_Part]:
    """ "Bomb kills soldier", "Policeman shot dead": a singular victim noun without a number counts one."""
    c = role_cues()
    found = []
    view = token_view(doc)
    lower = view.lower
    for i in range(sent.start, sent.end):
        if lower[i] not in c.singular_victims or i in taken:
            continue
        lead = i
        while lead - 1 >= sent.start and lead > i - 3 and _modifier(view, lead - 1):
            lead -= 1
        if lead - 1 >= sent.start and (doc[lead - 1].like_num or lead - 1 in taken):
            continue  # "Two Pakistani soldier killed": the number counts them
        found.append(_Part(i, i + 1, Number(best=1), i + 1, singular=True, lead=lead))
    return found


def _singular_kind(doc: Doc, sent: Span, part: _Part) -> str | None:
    """A singular noun's kind: a cue right after it ("Policeman [was] shot dead") or right before it,
    past determiners and modifiers ("kills [a Pakistani] soldier")."""
    c = role_cues()
    i = part.end
    while i < sent.end and doc[i].lower_ in c.passive_fillers:
        i += 1
    after = _cue_after(doc, i - 1, sent.end)
    if after is not None and after[0] == 1:
        return after[1]
    before = _cue_before(doc, sent.start, part.lead)
    return before[1] if before is not None and before[0] == 1 else None


def _modifier(view: TokenView, i: int) -> bool:
    """Token ``i`` can describe what a count counts: a word, neither a stop word nor a cue word."""
    c = role_cues()
    word = view.lower[i]
    return view.is_alpha[i] and word not in c.noun_stops and word not in c.all_cue_words


def _coordinated_counts(doc: Doc, left: _Part, right: _Part) -> bool:
    """ "Five soldiers, 27 militants", "a policeman and two militants": only the left count's noun (and
    a singular victim's name) and one coordinator between them."""
    view = token_view(doc)
    start, stop = left.noun_end, right.lead if right.singular else right.start
    while left.singular and start < stop and view.is_title[start]:
        start += 1  # the victim's name: "tribal leader Malik Khan, two others"
    between = view.lower[start:stop]
    return (left.noun_end > left.end or left.singular) and between in ([","], ["and"], ["&"], [",", "and"])


def classify_numbers(doc: Doc, numbers: list[NumberMention], sent: Span | None = None) -> list[Count]:
    """Counts of the killed, injured and abducted, each with the word that says what it counts.

    The nearest cue decides ("killed 23 and injured 40": 23 is killed, 40 injured), the graver kind at
    equal distance ("kill 3 hostages": 3 dead, not 3 abducted); a cue does not reach
    across a comma ("killed, three injured"). Counts coordinated with a counted one share its kind and are
    summed ("Five soldiers, 27 militants killed" is 32), and a singular victim noun counts one ("Bomb
    kills soldier"). Numbers that are not victims (years, ages, measures) are skipped.

    sent (Span): the sentence (default: the whole document), for singular nouns and cue windows.
    """
    sent = sent if sent is not None else doc[:]
    parts: list[_Part] = []
    for number in numbers:
        span = doc.char_span(number.start, number.end, alignment_mode="expand")
        if span is None or _not_a_count(doc, span, number_text(doc, number), sent.end):
            continue
        part = _Part(span.start, span.end, number.value, _noun_end(doc, span.end, sent.end))
        cues_found = [
            cue
            for cue in (_cue_after(doc, span.end - 1, sent.end), _cue_before(doc, sent.start, span.start))
            if cue is not None
        ]
        # the nearest cue; at equal distance the graver kind ("kill 3 hostages" counts the dead)
        part.kind = min(cues_found, key=_graver_first)[1] if cues_found else None
        parts.append(part)
    taken = {i for p in parts for i in range(p.start, p.end)}
    for single in _singular_victims(doc, sent, taken):
        single.kind = _singular_kind(doc, sent, single)
        parts.append(single)
    parts.sort(key=lambda p: p.start)
    return _group(doc, parts)


def _graver_first(cue: tuple[int, str]) -> tuple[int, int]:
    return cue[0], QUANTITY_KINDS.index(cue[1])


def number_text(doc: Doc, number: NumberMention) -> str:
    return doc_text(doc)[number.start : number.end]


def _group(doc: Doc, parts: list[_Part]) -> list[Count]:
    """Coordinated parts share a kind (from either side) and make one count."""
    groups: list[list[_Part]] = []
    for part in parts:
        if groups and _coordinated_counts(doc, groups[-1][-1], part):
            groups[-1].append(part)
        else:
            groups.append([part])
    counts: list[Count] = []
    for group in groups:
        kinds = {p.kind for p in group if p.kind is not None}
        if len(kinds) != 1:
            counts.extend(_count(doc, p.kind, [p]) for p in group if p.kind is not None)
            continue
        counts.append(_count(doc, kinds.pop(), group))
    return counts


def _count(doc: Doc, kind: str, group: list[_Part]) -> Count:
    parts = tuple((span_text(doc, p.start if p.singular else p.end, p.noun_end), p.value) for p in group)
    return Count(kind, group[0].start, sum_numbers([p.value for p in group]), parts)


def sum_numbers(values: list[Number]) -> Number:
    """The sum of counts: bests, lows and highs each summed, a part without a low or high giving its best."""
    if len(values) == 1:
        return values[0]

    def total(field_name: str) -> int | None:
        own: list[int | None] = [getattr(v, field_name) for v in values]
        if field_name != "best" and all(x is None for x in own):
            return None
        picked = [x if x is not None else v.best for x, v in zip(own, values, strict=True)]
        present = [x for x in picked if x is not None]
        return sum(present) if len(present) == len(picked) else None

    return Number(best=total("best"), low=total("low"), high=total("high"))
