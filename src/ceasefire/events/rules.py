"""Event triggers: spaCy ``Matcher`` token patterns kept as data.

Patterns live in ``data/lexicons/events.jsonl``, one per line in spaCy's
``{"label": ..., "pattern": [...]}`` form, plus optional fields of ours:
``weak`` (a trigger that only counts when nothing more specific of its family is
in the sentence, e.g. a bare "killed"), ``attributes`` (facts the wording
itself gives, e.g. ``{"device": "suicide"}``) and ``preceded_by`` (words one of
which must come right before the match: a lookbehind spaCy patterns lack, e.g.
the reduced relative clause of "the ceasefire it agreed with") and ``not_preceded_by``
(phrases that must not end right before it: the office "director general of military
operations" is no operation), and ``antecedent`` (a kind of ``cues.yaml``'s
``antecedents``: the pattern's pronoun, as in "the TTP ended it", must refer back to a
noun of that kind, see :func:`_refers_back`), ``subject`` (that noun is the subject of the
pattern's verb, so it is looked for in the same sentence only: "the truce, agreed in June, was
extended") and ``head`` (which token of the match is the trigger, for its roles and date: the
verb of "the truce, which the TTP declared"). The blank
pipeline has no lemmas, so inflections are listed with ``LOWER`` + ``IN``.

:func:`relabel` then applies the ``relabel`` rules of ``cues.yaml``: "talks
between A and B collapsed" matches the talks_hold pattern "talks between" first,
but the clause says the talks failed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any, get_args

from spacy.attrs import LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ceasefire.models import EventType
from ceasefire.nlp.lexicons import load_jsonl, load_yaml, token_forms
from ceasefire.nlp.pipeline import make_nlp
from ceasefire.nlp.tokens import token_view

EVENT_TYPES = frozenset(get_args(EventType))


@dataclass(frozen=True)
class TriggerPattern:
    """One line of the pattern file."""

    label: str
    pattern: list[dict[str, Any]]
    weak: bool = False
    attributes: dict[str, str] = field(default_factory=dict)
    preceded_by: frozenset[str] = frozenset()
    not_preceded_by: tuple[tuple[str, ...], ...] = ()
    antecedent: str | None = None
    definite: bool = False
    subject: bool = False
    head: int | None = None  # the token that is the trigger (from the end when negative); None: all


@dataclass(frozen=True)
class Trigger:
    """A matched trigger: token span, event type and what the pattern says about it."""

    label: str
    start: int
    end: int
    weak: bool
    attributes: dict[str, str]
    subject_before: bool = False  # its subject went before it ("the truce agreed in June was extended")


@cache
def load_patterns() -> tuple[TriggerPattern, ...]:
    """Read and check the trigger patterns (an unknown event type is an error)."""
    patterns = []
    for row in load_jsonl("lexicons", "events.jsonl"):
        if row.get("label") not in EVENT_TYPES:
            raise ValueError(f"events.jsonl: unknown event type {row.get('label')!r}")
        patterns.append(
            TriggerPattern(
                row["label"],
                row["pattern"],
                bool(row.get("weak")),
                dict(row.get("attributes", {})),
                frozenset(row.get("preceded_by", [])),
                tuple(tuple(p.split()) for p in row.get("not_preceded_by", [])),
                row.get("antecedent"),
                bool(row.get("definite")),
                bool(row.get("subject")),
                row.get("head"),
            )
        )
    kinds = antecedents().kinds
    for p in patterns:
        if p.antecedent is not None and p.antecedent not in kinds:
            raise ValueError(f"events.jsonl: unknown antecedent kind {p.antecedent!r} (see cues.yaml)")
    return tuple(patterns)


@dataclass(frozen=True)
class Antecedents:
    """Nouns a singular "it" can stand for, from ``cues.yaml``.

    kinds: kind -> its nouns ("ceasefire": ceasefire, truce, ...).
    heads: nouns that take the kind of a kind noun right before them ("ceasefire agreement").
    modified: nouns a kind noun right before them only describes ("ceasefire talks").
    rivals: nouns of other kinds a definite "the offer" may stand for ("talks").
    others: singular nouns that compete for the pronoun ("the operation", "the deal").
    """

    kinds: Mapping[str, frozenset[str]]
    heads: frozenset[str]
    modified: frozenset[str]
    rivals: frozenset[str]
    others: frozenset[str]
    sentences: int


@cache
def antecedents() -> Antecedents:
    raw = load_yaml("lexicons", "cues.yaml")["antecedents"]
    return Antecedents(
        kinds={kind: frozenset(words) for kind, words in raw["kinds"].items()},
        heads=frozenset(raw["heads"]),
        modified=frozenset(raw["modified"]),
        rivals=frozenset(raw["rivals"]),
        others=frozenset(raw["others"]),
        sentences=int(raw["sentences"]),
    )


@dataclass(frozen=True)
class CompiledPatterns:
    """The patterns ready to run: a matcher each and an index of the words they cannot match without."""

    # lower-case word hash -> (pattern, required token) pairs the word satisfies
    anchors: Mapping[int, tuple[tuple[int, int], ...]]
    # how many required tokens with a word list each pattern has; 0 means "always run"
    required: tuple[int, ...]
    # position of the first identical line: the tie-break of ``find_triggers``
    ranks: tuple[int, ...]
    # patterns without a required word list, run on every document
    always: tuple[int, ...] = ()

    def candidates(self, words: Iterable[int]) -> list[int]:
        """Patterns (in file order) whose every required word list shares a word with ``words``."""
        seen: dict[int, set[int]] = {p: set() for p in self.always}
        for word in self.anchors.keys() & words:
            for pattern, token in self.anchors[word]:
                seen.setdefault(pattern, set()).add(token)
        return sorted(p for p, tokens in seen.items() if len(tokens) == self.required[p])


def _anchor_words(spec: dict[str, Any]) -> frozenset[str] | None:
    """The words a required token must be one of (``LOWER`` or ``LOWER IN``), if the spec says."""
    if spec.get("OP", "1") != "1":
        return None  # optional, repeated or negated tokens need not be there
    lower = spec.get("LOWER")
    if isinstance(lower, str):
        return frozenset({lower})
    if isinstance(lower, dict) and set(lower) == {"IN"}:
        return frozenset(lower["IN"])
    return None


@cache
def compiled_patterns() -> CompiledPatterns:
    """The index that tells which patterns a document can match at all.

    Running spaCy's ``Matcher`` with every pattern over every token costs far more
    than the tokenizer; most documents contain the required words of no pattern
    or of only a few, and a pattern missing one of them cannot match.
    """
    vocab = make_nlp().vocab
    patterns = load_patterns()
    anchors: dict[int, list[tuple[int, int]]] = {}
    required = []
    for index, p in enumerate(patterns):
        lists = [words for words in map(_anchor_words, p.pattern) if words is not None]
        for token, words in enumerate(lists):
            for word in words:
                anchors.setdefault(vocab.strings.add(word), []).append((index, token))
        required.append(len(lists))
    return CompiledPatterns(
        anchors={word: tuple(pairs) for word, pairs in anchors.items()},
        required=tuple(required),
        ranks=tuple(patterns.index(p) for p in patterns),
        always=tuple(p for p, n in enumerate(required) if n == 0),
    )


@lru_cache(maxsize=1024)
def matcher_for(candidates: tuple[int, ...]) -> Matcher:
    """One matcher for a set of patterns (keys are their line indices); few sets recur, so they are kept."""
    matcher = Matcher(make_nlp().vocab)
    patterns = load_patterns()
    for index in candidates:
        matcher.add(str(index), [patterns[index].pattern])
    return matcher


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token bounds of the doc's sentences (as ``split_sentences`` marked them)."""
    starts = [i for i, opens in enumerate(token_view(doc).sent_start) if opens and i]
    bounds = [0, *starts, len(doc)]
    return [(a, b) for a, b in pairwise(bounds) if a < b]


def find_triggers(doc: Doc) -> list[Trigger]:
    """Non-overlapping triggers in document order; a longer (more specific) match wins.

    doc (Doc): the output of ``make_nlp()``.
    RETURNS (list[Trigger]): each with its event type, weakness and pattern attributes.
    """
    patterns = load_patterns()
    compiled = compiled_patterns()
    words = doc.to_array(LOWER).tolist()
    strings = doc.vocab.strings
    matches = []
    # a trigger lies within one sentence: each sentence is matched with the patterns whose
    # required words it holds, so an article's many sentences without any cost nothing
    for first, last in _sentences(doc):
        candidates = compiled.candidates(set(words[first:last]))
        if candidates:
            matcher = matcher_for(tuple(candidates))
            matches += [(first + s, first + e, int(strings[key])) for key, s, e in matcher(doc[first:last])]
    matches = [
        (s, e, i)
        for s, e, i in matches
        if _preceded(doc, s, patterns[i].preceded_by)
        and not _preceded_by_phrase(doc, s, patterns[i].not_preceded_by)
        and _antecedent_ok(doc, s, patterns[i])
    ]
    # longest first; on equal length the strong pattern and then the earlier line wins
    matches.sort(key=lambda m: (m[0] - m[1], patterns[m[2]].weak, compiled.ranks[m[2]], m[0]))
    taken: set[int] = set()
    triggers = []
    for start, end, index in matches:
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            p = patterns[index]
            if p.head is not None:  # "the truce, which [the TTP] declared": the verb is the trigger
                start = start + p.head if p.head >= 0 else end + p.head
                end = start + 1
            triggers.append(Trigger(p.label, start, end, p.weak, p.attributes, p.subject))
    return sorted(triggers, key=lambda t: t.start)


def _preceded(doc: Doc, start: int, words: frozenset[str]) -> bool:
    """True when the pattern needs no word before it or one of ``words`` is there."""
    if not words:
        return True
    return start > 0 and doc[start - 1].lower_ in words and not doc[start].is_sent_start


def _antecedent_ok(doc: Doc, start: int, pattern: TriggerPattern) -> bool:
    if pattern.antecedent is None:
        return True
    if pattern.definite:
        return _named_before(doc, start, pattern.antecedent)
    return _refers_back(doc, start, pattern.antecedent, own_sentence=pattern.subject)


def _named_before(doc: Doc, start: int, kind: str) -> bool:
    """True when "the offer" of "the government rejected the offer" is one of ``kind``: a noun of that
    kind comes before it (in its sentence or the ``sentences`` before) with no rival kind nearer."""
    view = token_view(doc)
    lower, sent_start = view.lower, view.sent_start
    cues = antecedents()
    words = cues.kinds[kind]
    seen = 0
    for i in range(start - 1, -1, -1):
        if lower[i] in words:
            return True
        if lower[i] in cues.rivals:
            return False
        if sent_start[i]:
            seen += 1
            if seen > cues.sentences:
                return False
    return False


def _refers_back(doc: Doc, start: int, kind: str, own_sentence: bool = False) -> bool:
    """True when the nearest candidate noun before ``start`` is of ``kind``.

    The pronoun of "the TTP ended it in November" stands for the last singular thing
    that can be ended: in "agreed a ceasefire after talks in Kabul. The TTP ended it" that
    is the ceasefire ("talks" would be "them"); in "launched an operation after the truce
    collapsed. The army ended it" it is the operation. The search stops at the start of the
    sentence ``sentences`` sentences back: a pronoun reaches no further. A verb whose subject went
    before it (``own_sentence``: "The truce, agreed in June, was extended") looks in its own sentence,
    past what stands between commas ("The truce, agreed by the TTP and the government, collapsed").
    """
    view = token_view(doc)
    lower, sent_start = view.lower, view.sent_start
    cues = antecedents()
    reach = 0 if own_sentence else cues.sentences
    seen = 0
    i = start
    while i > 0:
        i -= 1
        word = lower[i]
        if own_sentence and word == ",":
            opening = next((j for j in range(i - 1, -1, -1) if lower[j] == "," or sent_start[j]), None)
            if opening is not None and lower[opening] == ",":
                i = opening  # an aside between commas: its nouns are not the subject
                continue
        modifier = i + 1 < len(lower) and lower[i + 1] in cues.modified
        for name, words in cues.kinds.items():
            if (word in words and not modifier) or (word in cues.heads and i > 0 and lower[i - 1] in words):
                return name == kind
        if word in cues.others or word in cues.heads:
            return False
        if sent_start[i]:
            seen += 1
            if seen > reach:
                return False
    return False


def _preceded_by_phrase(doc: Doc, start: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """True when one of ``phrases`` ends right before token ``start``."""
    lower = token_view(doc).lower
    return any(start >= len(p) and tuple(lower[start - len(p) : start]) == p for p in phrases)


@dataclass(frozen=True)
class Relabel:
    """A trigger of type ``source`` becomes ``target`` when one of ``words`` follows it in its clause."""

    source: str
    target: str
    window: int
    words: tuple[tuple[str, ...], ...]
    stops: frozenset[str]


@cache
def relabel_rules() -> tuple[Relabel, ...]:
    raw = load_yaml("lexicons", "cues.yaml").get("relabel", [])
    rules = []
    for r in raw:
        if r["from"] not in EVENT_TYPES or r["to"] not in EVENT_TYPES:
            raise ValueError(f"cues.yaml relabel: unknown event type in {r!r}")
        words = tuple(token_forms(w) for w in r["words"])
        rules.append(Relabel(r["from"], r["to"], int(r["window"]), words, frozenset(r.get("stops", []))))
    return tuple(rules)


def _follows(doc: Doc, end: int, limit: int, rule: Relabel) -> bool:
    """One of the rule's words within its window after ``end``, before a clause stop."""
    lower = token_view(doc).lower
    for i in range(end, min(limit, end + rule.window)):
        if lower[i] in rule.stops:
            return False
        if any(tuple(lower[i : i + len(w)]) == w for w in rule.words):
            return True
    return False


def relabel(doc: Doc, sent: Span, triggers: list[Trigger]) -> list[Trigger]:
    """Apply the ``relabel`` rules of ``cues.yaml`` to the triggers of one sentence."""
    result = []
    for t in triggers:
        for rule in relabel_rules():
            if t.label == rule.source and _follows(doc, t.end, sent.end, rule):
                t = Trigger(rule.target, t.start, t.end, t.weak, t.attributes, t.subject_before)
                break
        result.append(t)
    return result
