"""Turn matched triggers into ``models.Event`` records ("write", after "find").

Per sentence: skip a sentence whose text the document already said (a
headline repeated as the lead is one fact), drop weak triggers that something
more specific covers, drop triggers inside a list of demands (what is demanded
did not happen), then give each trigger its actors, date (``events/when.py``),
place, quantities, planned duration, modality, ACLED type, evidence and a
stable id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property

from spacy.tokens import Doc, Span

from ceasefire.entities.actors import ActorMention
from ceasefire.entities.places import PlaceMention, most_specific
from ceasefire.events import facets, roles, when
from ceasefire.events.roles.syntax import ends_talks
from ceasefire.events.rules import Trigger, relabel
from ceasefire.models import Acled, DateValue, Event, EventType, Evidence, Modality, Number, Quantities
from ceasefire.nlp.durations import DurationMention, duration_attributes
from ceasefire.nlp.lexicons import load_yaml, token_forms
from ceasefire.nlp.numbers import NumberMention
from ceasefire.nlp.parse import Parse
from ceasefire.nlp.temporal import CLAUSE, TimeMention, inferred_from_context, reported_window, shift_value
from ceasefire.nlp.tokens import quoted_at, span_text, token_view
from ceasefire.taxonomy import VIOLENCE, family

PERFORMATIVE_FAMILIES = frozenset({"ceasefire", "talks"})  # done by announcing them ("announced an end to")
# events whose agents and targets are the parties of a truce or of talks: a person there stands for
# whom they act for (their affiliation)
PARTY_FAMILIES = frozenset({"ceasefire", "talks", "agreement"})
NOT_SPOKEN = frozenset({"ceasefire_violate"})  # performative, but nobody violates a truce by saying so
PERIOD_PRECISIONS = frozenset({"month", "year", "range", "season", "week"})
SUMMARY_MIN_COUNT = 10  # fewer attacks on one day read as incidents, not a summary


@dataclass(frozen=True)
class Found:
    """Everything "find" produced for one document, in token or character positions."""

    doc: Doc
    doc_id: str
    text: str
    actors: list[ActorMention]
    places: list[PlaceMention]
    dates: list[TimeMention]
    numbers: list[NumberMention]
    triggers: list[Trigger]
    publication: DateValue
    durations: list[DurationMention] = field(default_factory=list)
    affiliations: Mapping[str, str] = field(default_factory=dict)  # person -> whom they act for
    parse: Parse | None = None  # arcs of the sentences that hold a trigger
    media: frozenset[str] = frozenset()  # ids of the media outlets among the actors
    sides: Mapping[str, roles.Side] = field(default_factory=dict)  # the actors' camps and countries


# ----------------------------------------------------------------------------- ACLED


@dataclass(frozen=True)
class AcledCues:
    """Words (one token) and phrases (space-joined tokens, padded with spaces) of one cue list."""

    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, raw: object) -> AcledCues:
        """From a YAML list; nested lists (YAML aliases of shared lists) are flattened."""
        cues = [" ".join(token_forms(w)) for w in _flat(raw)]
        words = frozenset(c for c in cues if " " not in c)
        return cls(words, tuple(tuple(c.split()) for c in cues if " " in c))

    @cached_property
    def padded(self) -> dict[str, tuple[str, ...]]:
        """The phrases as space-joined strings padded with spaces, to find in ``SentenceWords.joined``, by
        their first token: only those whose first token the sentence holds are looked for."""
        by_first: dict[str, list[str]] = {}
        for p in self.phrases:
            by_first.setdefault(p[0], []).append(" " + " ".join(p) + " ")
        return {first: tuple(found) for first, found in by_first.items()}

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)


def _flat(raw: object) -> list[str]:
    if isinstance(raw, list):
        return [w for item in raw for w in _flat(item)]
    return [str(raw)] if raw is not None else []


NO_CUES = AcledCues(frozenset(), ())


@dataclass(frozen=True)
class AcledRule:
    """Types it applies to (``none``: no event of ours), cue lists, and the mapping.

    ``words``: one must occur; ``also``: one of each list must occur too; ``unless``: none may occur;
    ``before``: one must come before the first of ``words``, ``not_before``: none may, ``after``: one
    must come after it (in English who acts stands before the verb and whom it is done to after it:
    "residents beat a man" against "gunmen killed residents").
    """

    types: frozenset[str]
    words: AcledCues
    acled: tuple[str, str | None]
    clause: bool = False
    also: tuple[AcledCues, ...] = ()
    unless: AcledCues = NO_CUES
    before: AcledCues = NO_CUES
    not_before: AcledCues = NO_CUES
    after: AcledCues = NO_CUES

    @classmethod
    def of(
        cls,
        raw: Mapping[str, object],
        groups: Mapping[str, list[str]] | None = None,
        every: frozenset[str] = frozenset(),
    ) -> AcledRule:
        """One rule of ``acled.yaml``; ``groups`` name lists of types, and the group ``any`` is ``every``."""
        names: list[str] = raw["types"]  # type: ignore[assignment]
        named = groups or {}
        pair: list[str] = raw["acled"]  # type: ignore[assignment]
        return cls(
            types=frozenset(
                t for name in names for t in (every if name == "any" else named.get(name, [name]))
            ),
            words=AcledCues.of(raw["words"]),
            acled=(pair[0], pair[1]),
            clause=raw.get("scope") == "clause",
            also=tuple(AcledCues.of(c) for c in raw.get("also", [])),  # type: ignore[attr-defined]
            unless=AcledCues.of(raw.get("unless")),
            before=AcledCues.of(raw.get("before")),
            not_before=AcledCues.of(raw.get("not_before")),
            after=AcledCues.of(raw.get("after")),
        )


@dataclass(frozen=True)
class AcledRules:
    types: dict[str, tuple[str, str | None] | None]
    attributes: dict[str, dict[str, tuple[str, str | None]]]
    rules: tuple[AcledRule, ...]

    @cached_property
    def by_type(self) -> dict[str, tuple[AcledRule, ...]]:
        """The rules that apply to each type (``none`` included), in file order."""
        types = {t for rule in self.rules for t in rule.types}
        return {t: tuple(rule for rule in self.rules if t in rule.types) for t in types}


@dataclass(frozen=True)
class SentenceWords:
    """The lower-cased tokens of a sentence: in order, as a set, and space-joined for phrases.

    ``focus``: where a rule's ``words`` may match, when not everywhere (``ceasefire classify`` keeps them to
    a note's foreground; the other cues, circumstances, may stand anywhere).
    """

    tokens: tuple[str, ...]
    words: frozenset[str]
    focus: frozenset[int] | None = None

    @classmethod
    def of(cls, tokens: list[str], focus: frozenset[int] | None = None) -> SentenceWords:
        return cls(tuple(tokens), frozenset(tokens), focus)

    @cached_property
    def joined(self) -> str:
        return " " + " ".join(self.tokens) + " "

    def has(self, cues: AcledCues) -> bool:
        if not self.words.isdisjoint(cues.words):
            return True
        padded = cues.padded
        return any(p in self.joined for first in self.words & padded.keys() for p in padded[first])

    def first(self, cues: AcledCues) -> int | None:
        """Token index where the first of ``cues`` starts (within ``focus``, when given), or None."""
        if not self.has(cues):
            return None
        tokens = self.tokens
        for i, token in enumerate(tokens):
            if self.focus is not None and i not in self.focus:
                continue
            if token in cues.words or any(tokens[i : i + len(p)] == p for p in cues.phrases):
                return i
        return None

    def has_any(self, rule: AcledRule) -> bool:
        """True when the rule's cues hold in these words (see ``AcledRule``)."""
        if not self.has(rule.words) or not all(self.has(c) for c in rule.also) or self.has(rule.unless):
            return False
        simple = not rule.before and not rule.after and not (rule.not_before and self.has(rule.not_before))
        if simple and self.focus is None:
            return True
        at = self.first(rule.words)
        if at is None:
            return False
        head = SentenceWords.of(list(self.tokens[:at]))
        if rule.before and not head.has(rule.before):
            return False
        if rule.after and not SentenceWords.of(list(self.tokens[at + 1 :])).has(rule.after):
            return False
        return not head.has(rule.not_before)


@cache
def acled_rules() -> AcledRules:
    raw = load_yaml("lexicons", "acled.yaml")
    groups = {str(k): list(v) for k, v in raw.get("groups", {}).items()}
    every = frozenset([*raw["types"], "none"])
    return AcledRules(
        types={k: (v[0], v[1]) if v else None for k, v in raw["types"].items()},
        attributes={
            attr: {value: (pair[0], pair[1]) for value, pair in values.items()}
            for attr, values in raw["attributes"].items()
        },
        rules=tuple(AcledRule.of(r, groups, every) for r in raw["rules"]),
    )


def acled_for(
    event_type: str | None,
    attributes: dict[str, str],
    words: SentenceWords,
    clause: SentenceWords | None = None,
) -> Acled | None:
    """ACLED event and sub-event type: by sentence words, then by attribute, then the type's default.

    The order is documented in ``data/lexicons/acled.yaml``; ``event_type`` None asks what a snippet
    without an event of ours is (only rules listing ``none`` apply). ``clause``: the words of the
    trigger's clause, for rules scoped to it (the whole sentence when not given).
    """
    rules = acled_rules()
    for rule in rules.by_type.get(event_type or "none", ()):
        if (clause if rule.clause and clause else words).has_any(rule):
            return Acled(event_type=rule.acled[0], sub_event_type=rule.acled[1])
    for attr, value in attributes.items():
        pair = rules.attributes.get(attr, {}).get(value)
        if pair:
            return Acled(event_type=pair[0], sub_event_type=pair[1])
    default = rules.types.get(event_type) if event_type else None
    return Acled(event_type=default[0], sub_event_type=default[1]) if default else None


def clause_words(doc: Doc, sent: Span, trigger: Trigger, dates: list[TimeMention]) -> SentenceWords:
    """The words of the trigger's clause (its stretch between commas and clause openers)."""
    stretch = when.stretches(doc, sent, dates)
    own = stretch[trigger.start]
    lower = token_view(doc).lower
    return SentenceWords.of([lower[i] for i in range(sent.start, sent.end) if stretch[i] == own])


# ----------------------------------------------------------------------------- per sentence


@cache
def weak_kept_beside() -> frozenset[str]:
    """Event types whose strong triggers do not cover a weak one of their family (``cues.yaml``)."""
    return frozenset(load_yaml("lexicons", "cues.yaml")["weak_kept_beside"])


def keep_triggers(triggers: list[Trigger]) -> list[Trigger]:
    """One event per type and sentence (summaries aside); weak triggers only when nothing of their family is.

    "Gunmen attacked a bus and killed six" is one attack, but "Gunmen kill 14 after kidnapping them" an
    abduction and an attack: a kidnapping covers no killing. "Talks between A and B were mediated by C" one
    talks_hold. Two counts of attacks in one sentence ("282 attacks in 2021 ... 42 in January") stay two. A
    declaration beside an agreement in one sentence is that agreement announced: the agreement stays.
    """
    strong = {family(t.label) for t in triggers if not t.weak and t.label not in weak_kept_beside()}
    agreed = any(t.label == "ceasefire_agree" and not t.weak for t in triggers)
    kept: list[Trigger] = []
    for t in triggers:
        if t.weak and family(t.label) in strong:
            continue
        if agreed and t.label == "ceasefire_declare":
            continue  # "announced they had agreed to a ceasefire": the agreement, not a declaration
        if t.label != "violence_summary" and any(k.label == t.label for k in kept):
            continue
        kept.append(t)
    return kept


def _in_span(start: int, end: int, sent: Span) -> bool:
    return sent.start_char <= start and end <= sent.end_char


def _evidence_span(sent: Span) -> tuple[int, int]:
    """Character span of a sentence without surrounding whitespace."""
    text = span_text(sent.doc, sent.start, sent.end)
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, sent.start_char + len(text.rstrip())


def _nearest_date(dates: list[TimeMention], at: int) -> DateValue | None:
    if not dates:
        return None
    return min(dates, key=lambda d: min(abs(d.start - at), abs(d.end - at))).value


def _summary_count(found: Found, trigger: Trigger) -> Number | None:
    span = found.doc[trigger.start : trigger.end]
    for n in found.numbers:
        if n.start <= span.start_char < n.end or span.start_char <= n.start < span.end_char:
            return n.value
    return None


def event_id(doc_id: str, event_type: str, start: int, end: int, extra: int | None = None) -> str:
    """First 16 hex of sha256 over (document, type, evidence span); ``extra`` separates repeats."""
    key = f"{doc_id}|{event_type}|{start}|{end}" + ("" if extra is None else f"|{extra}")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _confidence(trigger: Trigger, agent: bool, dated: bool) -> float:
    score = 0.45 if trigger.weak else 0.65
    return round(min(0.95, score + (0.15 if agent else 0.0) + (0.1 if dated else 0.0)), 2)


@dataclass
class _DocumentState:
    """What earlier sentences of a document leave for later ones."""

    ids: set[str] = field(default_factory=set)
    sentences: set[str] = field(default_factory=set)
    anchors: dict[str, DateValue] = field(default_factory=dict)
    # events claimed by an accusation, with whom they accuse: a later denial is recorded on them
    claims: list[tuple[Event, tuple[str, ...]]] = field(default_factory=list)
    # the agents of the latest two-sided event: who "both sides" are
    sides: list[str] = field(default_factory=list)


_NOT_WORD = re.compile(r"\W+")


def _sentence_key(sent: Span) -> str:
    """A sentence's words, lower-cased: a headline and the same words as a lead are one key."""
    return _NOT_WORD.sub(" ", span_text(sent.doc, sent.start, sent.end).lower()).strip()


def write_events(found: Found) -> list[Event]:
    """Build the events of a document, sentence by sentence; a repeated sentence yields nothing new."""
    doc = found.doc
    events: list[Event] = []
    state = _DocumentState()
    for sent in doc.sents:
        if state.claims:
            _record_denial(found, sent, state)
        triggers = [t for t in found.triggers if sent.start <= t.start < sent.end]
        if not triggers:
            continue
        key = _sentence_key(sent)
        if key in state.sentences:
            continue
        state.sentences.add(key)
        triggers = keep_triggers(relabel(doc, sent, triggers))
        events.extend(_sentence_events(found, sent, triggers, state))
    return events


def _drop_demanded(
    found: Found, sent: Span, triggers: list[Trigger]
) -> tuple[list[Trigger], dict[int, list[str]]]:
    """Triggers inside the content of a demand describe what is demanded: drop them."""
    doc = found.doc
    demands: dict[int, list[str]] = {}
    cut = sent.end_char
    for t in triggers:
        if t.label == "demand":
            content = roles.demand_content(doc, sent, t.start, t.end)
            if content is not None:
                demands[t.start] = content[1]
                cut = min(cut, content[0])
    kept = [t for t in triggers if t.label == "demand" or doc[t.start].idx < cut]
    return kept, demands


def _sentence_events(found: Found, sent: Span, triggers: list[Trigger], state: _DocumentState) -> list[Event]:
    doc = found.doc
    triggers, demands = _drop_demanded(found, sent, triggers)
    mentions = [m for m in found.actors if sent.start <= m.start < sent.end]
    # a speech verb that is itself an event ("the ceasefire that the TTP announced") is no one's source
    attributions = [
        a
        for a in roles.find_attributions(doc, sent, mentions)
        if not any(t.start <= a.verb < t.end for t in triggers)
    ]
    dates = [d for d in found.dates if _in_span(d.start, d.end, sent)]
    place = most_specific([p for p in found.places if sent.start <= p.start < sent.end])
    quantities = _sentence_quantities(found, sent, triggers)
    lower = token_view(doc).lower[sent.start : sent.end]
    words = SentenceWords.of(lower)
    blame = facets.find_accusation(lower, sent.start, mentions)
    start, end = _evidence_span(sent)
    evidence_text = found.text[start:end]
    events: list[Event] = []
    threat_said = any(t.label == "threat" for t in triggers)  # the sentence's own words of threat
    for index, trigger in enumerate(triggers):
        next_start = triggers[index + 1].start if index + 1 < len(triggers) else sent.end
        span = (trigger.start, trigger.end)
        label = _label(found, trigger, dates)
        if label == "ceasefire_end" and ends_talks(
            found.parse, token_view(doc).lower, (trigger.start, trigger.end)
        ):
            label = "talks_stall"
        refused = label if label == "demand" or label in facets.refusal_cues().offers else None
        refusal = facets.demand_refusal(lower, sent.start, trigger.start, label) if refused else None
        if refusal is not None:  # "rejected the TTP's demand/offer": the refuser's act, from the refusal cue
            span, label = (refusal[0], refusal[0] + 1), refusal[1]  # type: ignore[assignment]
            next_start = max(next_start, trigger.end)
        performative = family(label) in PERFORMATIVE_FAMILIES
        r = roles.assign_roles(
            doc,
            sent,
            span,
            next_start,
            mentions,
            attributions,
            performative,
            trigger.subject_before,
            found.parse,
            found.media,
            performative and label not in NOT_SPOKEN,
        )
        _both_sides(r, label, words, state)
        others = [t.start for t in triggers if t is not trigger]
        date = _event_date(found, sent, trigger, others, dates, state, triggers)
        attributes: dict[str, object] = dict(trigger.attributes)
        if trigger.start in demands:
            attributes["demands"] = demands[trigger.start]
        if refusal is not None:
            attributes["rejected"] = "demand" if refused == "demand" else "offer"
        attributes.update(_lifespan(found, sent, trigger, triggers, dates))
        attributes.update(facets.ceasefire_facets(label, words.joined))
        q, by_group = quantities.get(trigger.start, (Quantities(), {}))
        attributes.update(by_group)
        toll = any(x is not None for x in (q.fatalities, q.injured))
        if facets.is_aggregate(label, words.words, date, toll, words.joined):
            label = "violence_summary"
        if label == "violence_summary":
            q = q.model_copy(update={"count": _summary_count(found, trigger)})
        eid = event_id(found.doc_id, label, start, end)
        if eid in state.ids:
            eid = event_id(found.doc_id, label, start, end, doc[trigger.start].idx)
        state.ids.add(eid)
        violent = label in VIOLENCE
        modality = roles.attributed_modality(roles.modality_of(doc, sent, span[0], span[1], violent), r)
        blamed = blame is not None and label in VIOLENCE and (trigger.start >= blame.cue_end or blame.passive)
        if blame is not None and blamed:
            modality = _blame(r, blame, modality, attributes)
        if label == "threat" and modality in THREAT_MODALITIES:
            # "any breach will be met with force": what is to come is what makes it a threat; the
            # threat itself was made. Whoever says it makes it when the sentence names no one else.
            modality = "asserted"
            if not r.agent and r.said_by is not None:
                r.agent = [r.said_by]
        if _threatened(label, modality, r, bool(attributions), quoted_at(found.text, doc[trigger.start].idx)):
            if threat_said:
                # "would retaliate against any attack by the TTP": the attack is what the sentence's
                # own threat answers, and its sides are whom that threat is aimed at
                _aim_threat(events, [*r.agent, *r.target])
                continue
            label, modality = "threat", "asserted"
            eid = event_id(found.doc_id, label, start, end, doc[trigger.start].idx)
            if r.said_by is not None and r.said_by not in r.agent:
                # the speaker threatens; whom the threatened act names is what it is aimed at
                # ("the army said it would retaliate against any attack by the TTP")
                r.target = [a for a in [*r.agent, *r.target] if a != r.said_by]
                r.agent = [r.said_by]
        if family(label) in PARTY_FAMILIES and found.affiliations:
            _as_parties(r, found.affiliations)
        if label in roles.ONE_SIDED and r.agent and not r.target:
            counterpart = roles.plain_counterpart(r.agent, found.sides)
            if counterpart is not None:
                r.target.append(counterpart)
                attributes["counterpart"] = "context"
        event = Event(
            id=eid,
            type=label,
            date=date or undated(found.publication, modality),
            actors=r.as_dict(),
            place=place,
            quantities=q,
            attributes=attributes,
            acled=acled_for(label, trigger.attributes, words, clause_words(doc, sent, trigger, dates)),
            modality=modality,
            said_by=r.said_by,
            evidence=[Evidence(doc=found.doc_id, start=start, end=end, text=evidence_text)],
            confidence=_confidence(trigger, bool(r.agent), date is not None and date.precision != "unknown"),
        )
        _remember_anchor(state, event)
        if blame is not None and blamed:
            state.claims.append((event, blame.accused))
        events.append(event)
    return events


THREAT_MODALITIES = frozenset({"planned", "hypothetical"})


def _aim_threat(events: list[Event], sides: list[str]) -> None:
    """Give the sentence's last threat the sides of the act it answers as targets, when it has none."""
    for k in range(len(events) - 1, -1, -1):
        threat = events[k]
        if threat.type != "threat":
            continue
        agents = threat.actors.get("agent", [])
        aimed = [s for s in dict.fromkeys(sides) if s not in agents]
        if aimed and not threat.actors.get("target"):
            events[k] = threat.model_copy(update={"actors": {**threat.actors, "target": aimed}})
        return


def _threatened(label: str, modality: Modality, r: roles.Roles, speech: bool, quoted: bool) -> bool:
    """Violence a side says it will or may do is a threat that side makes (PLOVER's THREATEN): "we
    will attack the enemy anytime", "Turkey reserves the right to retaliate", "any breach will be
    met with a harsh response", "the military could re-enter the region". It takes a speaker, in
    reported speech or a quote, and an act to come (planned, or hypothetical as a condition is);
    the threat itself is asserted: it was made. A summary of past violence never is."""
    if label not in VIOLENCE or label in NOT_THREATS or modality not in THREAT_MODALITIES:
        return False
    return quoted or (speech and r.said_by is not None)


NOT_THREATS = frozenset({"violence_summary", "ceasefire_violate"})


@dataclass(frozen=True)
class BothSides:
    """The ``both_sides`` cues of ``cues.yaml``: phrases naming the two sides, and two-sided event types."""

    phrases: tuple[str, ...]
    types: frozenset[str]


@cache
def both_sides_cues() -> BothSides:
    raw = load_yaml("lexicons", "cues.yaml")["both_sides"]
    return BothSides(
        phrases=tuple(" " + " ".join(token_forms(p)) + " " for p in raw["phrases"]),
        types=frozenset(raw["types"]),
    )


def _both_sides(r: roles.Roles, label: str, words: SentenceWords, state: _DocumentState) -> None:
    """Agents of a two-sided event: "both sides agreed" are the two sides named before; remember new pairs."""
    cues = both_sides_cues()
    if label not in cues.types:
        return
    if len(r.agent) < 2 and state.sides and any(p in words.joined for p in cues.phrases):
        r.agent = state.sides + [a for a in r.agent if a not in state.sides]
    if len(r.agent) >= 2:
        state.sides = list(r.agent)


def _as_parties(r: roles.Roles, affiliations: Mapping[str, str]) -> None:
    """A person who declares, agrees or ends a truce, or holds talks, does it for whom they act for: that
    actor takes their place among the agents and targets, and the person becomes the source (``said_by``)
    unless the sentence already names one. "Afghan President Ashraf Ghani announced a ceasefire" is a
    truce of Afghanistan's government, announced by Ghani."""
    for role in ("agent", "target"):
        ids: list[str] = getattr(r, role)
        people = [a for a in ids if a in affiliations]
        if people:
            setattr(r, role, list(dict.fromkeys(affiliations.get(a, a) for a in ids)))
            r.said_by = r.said_by or people[0]


def _blame(
    r: roles.Roles, blame: facets.Accusation, modality: Modality, attributes: dict[str, object]
) -> Modality:
    """ "X blamed Y for the attack": Y is the agent, X the source, the event X's claim (and Y's denial)."""
    r.agent = list(blame.accused)
    r.target = [t for t in r.target if t not in blame.accused and t != blame.accuser]
    r.said_by = blame.accuser or r.said_by
    if blame.denied:
        attributes["denied_by"] = list(blame.accused)
    return "claimed" if modality in {"asserted", "reported"} else modality


def _record_denial(found: Found, sent: Span, state: _DocumentState) -> None:
    """ "The TTP denied involvement": the denier's earlier claimed events keep the claim and get its denial.

    A denier not named ("the group denied") denies the latest claim.
    """
    lower = token_view(found.doc).lower[sent.start : sent.end]
    if facets.blame_cues().deny_verbs.isdisjoint(lower):
        return
    mentions = [m for m in found.actors if sent.start <= m.start < sent.end]
    denial = facets.find_denial(lower, sent.start, mentions)
    if denial is None:
        return
    denier = denial[0]
    claims = [c for c in state.claims if denier is None or denier in c[1]]
    for event, accused in claims if denier is not None else claims[-1:]:
        denied = event.attributes.setdefault("denied_by", [])
        for actor in [denier] if denier is not None else accused:
            if isinstance(denied, list) and actor not in denied:
                denied.append(actor)


UNTIMED = frozenset({"planned", "hypothetical"})


def undated(publication: DateValue, modality: Modality) -> DateValue:
    """The date of an event no expression governs: the report's window, or unknown for what has not happened.

    An asserted, reported or claimed event (or one denied or negated: what was said not to have happened
    by publication) lies on or before its report's day (``temporal.reported_window``); a planned or
    hypothetical one is never guessed into the future.
    """
    return DateValue() if modality in UNTIMED else reported_window(publication)


def _anchor_family(event_type: str) -> str:
    """The family an event-anchored expression names: "campaign" -> military_operation, "talks" -> talks."""
    for prefix in ("ceasefire", "talks"):
        if event_type.startswith(prefix + "_"):
            return prefix
    return event_type


def _remember_anchor(state: _DocumentState, event: Event) -> None:
    """The first event of a family dated by its own text anchors "two weeks into the <family>"."""
    dated = event.date.text is not None and event.date.precision != "unknown"
    if dated and event.type != "ceasefire_violate":
        state.anchors.setdefault(_anchor_family(event.type), event.date)


def _event_date(
    found: Found,
    sent: Span,
    trigger: Trigger,
    others: list[int],
    dates: list[TimeMention],
    state: _DocumentState,
    triggers: list[Trigger],
) -> DateValue | None:
    """The value of the governing date expression; event-anchored ones via the anchoring event.

    "two weeks into the campaign", "two days before the election", "hours after militants stormed ...":
    shifted from the other event's date when the document gave it earlier, else unknown (never guessed).
    """
    mention = when.governing_date(found.doc, sent, (trigger.start, trigger.end), others, dates, found.parse)
    if mention is None or mention.anchored is None:
        return None if mention is None else mention.value
    anchored = mention.anchored
    family = anchored.family
    following = [t for t in triggers if found.doc[t.start].idx >= mention.end]
    relative = (mention.value.text or "").lower().endswith(("after", "before"))
    own_phrase = "," not in found.text[mention.end : found.doc[trigger.start].idx]
    if relative and following and following[0] is trigger and own_phrase:
        return None  # "hours after the attack": this trigger is that other event, not dated by the phrase
    if family == CLAUSE:  # "a week after militants stormed a police station": the clause's event
        family = _anchor_family(following[0].label) if following else ""
    base = state.anchors.get(family)
    text = mention.value.text or ""
    if base is None:
        return DateValue(precision="unknown", text=text)
    return inferred_from_context(shift_value(base, anchored.unit, anchored.count, text))


LIFESPAN_TYPES = frozenset({"ceasefire_offer", "ceasefire_declare", "ceasefire_agree", "ceasefire_extend"})


def _lifespan(
    found: Found, sent: Span, trigger: Trigger, triggers: list[Trigger], dates: list[TimeMention]
) -> dict[str, object]:
    """Planned duration, "until" end and "from" effective date of a ceasefire, from the sentence that
    declares it."""
    if trigger.label not in LIFESPAN_TYPES:
        return {}
    result: dict[str, object] = {}
    durations = [d for d in found.durations if _in_span(d.start, d.end, sent)]
    rivals = [t.start for t in triggers if t.label in LIFESPAN_TYPES and t is not trigger]
    duration = when.nearest_duration(found.doc, (trigger.start, trigger.end), durations, rivals)
    if duration is not None:
        result.update(duration_attributes(duration))
    bound = when.bound(found.doc, (trigger.start, trigger.end), dates, "until")
    if bound is not None:
        result["until"] = bound.value.model_dump()
    effect = when.bound(found.doc, (trigger.start, trigger.end), dates, "from")
    if effect is not None:
        result["from"] = effect.value.model_dump()
    return result


def _label(found: Found, trigger: Trigger, dates: list[TimeMention]) -> EventType:
    """A count of attacks is a summary when it is large or spans a period; otherwise an attack."""
    if trigger.label != "violence_summary":
        return trigger.label  # type: ignore[return-value]
    count = _summary_count(found, trigger)
    date = _nearest_date(dates, found.doc[trigger.start].idx)
    periodic = date is not None and date.precision in PERIOD_PRECISIONS
    big = count is not None and (count.best or count.low or 0) >= SUMMARY_MIN_COUNT
    return "violence_summary" if periodic or big else "attack"


def _sentence_quantities(
    found: Found, sent: Span, triggers: list[Trigger]
) -> dict[int, tuple[Quantities, dict[str, object]]]:
    """Counts of killed, injured and abducted, each given to the nearest violent trigger that holds its kind
    (``counted_by`` in ``cues.yaml``; any violent trigger where none does), with the parts of summed counts
    (``fatalities_by_group``) as attributes."""
    violent = [t for t in triggers if t.label in VIOLENCE]
    if not violent:
        return {}
    counts = {id(t): _summary_count(found, t) for t in violent if t.label == "violence_summary"}
    numbers = [
        n for n in found.numbers
        if _in_span(n.start, n.end, sent)
        and not any(d.start < n.end and n.start < d.end for d in found.dates)
        and not any(c is n.value for c in counts.values())
    ]  # fmt: skip
    result: dict[int, dict[str, roles.Count]] = {}
    for count in roles.classify_numbers(found.doc, numbers, sent):
        at = count.token
        holders = [t for t in violent if _holds(t.label, count.kind)] or violent
        nearest = min(holders, key=lambda t: min(abs(t.start - at), abs(t.end - 1 - at)))
        result.setdefault(nearest.start, {}).setdefault(count.kind, count)
    return {
        start: (
            Quantities(**{kind: c.value for kind, c in v.items()}),
            {f"{kind}_by_group": _by_group(c) for kind, c in v.items() if len(c.parts) > 1},
        )
        for start, v in result.items()
    }


@cache
def counted_by() -> dict[str, frozenset[str]]:
    """The event types that hold a kind of count; kinds not listed go to the violent types listed for none."""
    raw = load_yaml("lexicons", "cues.yaml")["quantities"]["counted_by"]
    return {kind: frozenset(types) for kind, types in raw.items()}


def _holds(event_type: str, kind: str) -> bool:
    table = counted_by()
    if kind in table:
        return event_type in table[kind]
    return not any(event_type in types for types in table.values())


def _by_group(count: roles.Count) -> list[dict[str, object]]:
    """The parts of a summed count: [{"group": "soldiers", "count": {"best": 5}}, ...]."""
    return [{"group": group, "count": n.model_dump(exclude_none=True)} for group, n in count.parts]
