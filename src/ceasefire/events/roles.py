"""Who did what to whom, how sure, and how many: rules over one sentence.

Without a parser, roles come from word order and small function words:
the agent is the nearest actor before the trigger that is not the object of a
preposition ("the TTP ... after calling off" ← TTP, not "on security forces"),
plus actors coordinated with it; "by X" after a trigger names the agent of a
passive; "between A and B" names the parties; the subject of "hosted talks"
and "mediated by X" name mediators. Modality and the source of a claim come
from cue words of ``data/lexicons/cues.yaml``:

- a cue scopes over its own clause (up to ``modality_clause_breaks``), so "the
  TTP, which may split, attacked a post" is an asserted attack; a cue verb with
  a "that"-complement ("denied reports that it had agreed") scopes into it;
- generic or habitual wording ("has used this tactic ..., calling for
  ceasefires", "usually", "routinely") is ``hypothetical``: the spec has no
  generic modality, and hypothetical is the value that says "no asserted
  occurrence";
- "X says Y did Z" makes X the source (``said_by``) and Y the agent; when X is
  a party to the conflict (state, force, armed group, party) speaking about
  what another side did, the event is X's ``claimed`` account. A side speaking
  of its own acts announces them, and stays asserted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from spacy.tokens import Doc, Span

from ceasefire.entities.actors import ActorMention, load_registry
from ceasefire.models import Modality, Number
from ceasefire.nlp.lexicons import cues, load_yaml, token_forms
from ceasefire.nlp.numbers import NumberMention
from ceasefire.nlp.tokens import TokenView, at, doc_text, ends_at, span_text, token_view

PARTY_KINDS = frozenset({"state", "state_force", "armed_group", "political_party"})
QUANTITY_KINDS = ("fatalities", "injured", "abducted")  # by severity: the first wins a tie between cues
Phrase = tuple[str, ...]

COORDINATORS = frozenset({"and", ",", "&", "as", "well", "along", "together", "with"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True)
class RoleCues:
    """The role-related word lists of ``cues.yaml``."""

    prepositions: frozenset[str]
    determiners: frozenset[str]
    clause_boundaries: frozenset[str]
    reaction_verbs: frozenset[str]
    subject_openers: frozenset[str]
    subject_heads: frozenset[str]
    target_boundaries: frozenset[str]
    fronted_subordinators: frozenset[str]
    mediation_verbs: frozenset[str]
    mediation_by: tuple[tuple[str, ...], ...]
    demand_window: int
    demand_openers: tuple[tuple[str, ...], ...]
    demand_verbs: frozenset[str]
    quantity_windows: tuple[int, int]
    quantity_before: dict[str, tuple[Phrase, ...]]
    quantity_after: dict[str, tuple[Phrase, ...]]
    quantity_stops: frozenset[str]
    toll_prepositions: frozenset[str]
    toll_window: int
    noun_stops: frozenset[str]
    count_blockers: frozenset[str]
    not_counted: frozenset[str]
    singular_victims: frozenset[str]
    passive_fillers: frozenset[str]
    count_modifiers: frozenset[str]

    @cached_property
    def victim_words(self) -> frozenset[str]:
        """Words after a noun that make it a victim: "soldiers killed", "workers abducted"."""
        return frozenset(p[0] for phrases in self.quantity_after.values() for p in phrases if len(p) == 1)

    @cached_property
    def victim_verbs(self) -> frozenset[str]:
        """One-word cues before a count of victims: "killing [6 soldiers]", "wounded [two policemen]"."""
        return frozenset(p[0] for phrases in self.quantity_before.values() for p in phrases if len(p) == 1)

    @cached_property
    def injury_words(self) -> frozenset[str]:
        return frozenset(p[0] for p in self.quantity_after["injured"] if len(p) == 1)

    @cached_property
    def all_cue_words(self) -> frozenset[str]:
        """Every word of a quantity cue: none of them describes what is counted."""
        table = (*self.quantity_after.values(), *self.quantity_before.values())
        return frozenset(w for phrases in table for p in phrases for w in p)

    @cached_property
    def after_by_first(self) -> dict[str, tuple[tuple[str, Phrase], ...]]:
        """``quantity_after`` as (kind, phrase) pairs by the phrase's first word, in table order."""
        return _index_phrases(self.quantity_after, 0)

    @cached_property
    def before_by_last(self) -> dict[str, tuple[tuple[str, Phrase], ...]]:
        """``quantity_before`` as (kind, phrase) pairs by the phrase's last word, in table order."""
        return _index_phrases(self.quantity_before, -1)


def _index_phrases(
    table: dict[str, tuple[Phrase, ...]], position: int
) -> dict[str, tuple[tuple[str, Phrase], ...]]:
    """(kind, phrase) pairs keyed by one word of the phrase, keeping the kinds' and phrases' order."""
    index: dict[str, list[tuple[str, Phrase]]] = {}
    for kind, phrases in table.items():
        for phrase in phrases:
            if not phrase:
                raise ValueError(f"empty {kind} quantity cue in cues.yaml")
            index.setdefault(phrase[position], []).append((kind, phrase))
    return {word: tuple(pairs) for word, pairs in index.items()}


@cache
def role_cues() -> RoleCues:
    raw = load_yaml("lexicons", "cues.yaml")
    q = raw["quantities"]
    return RoleCues(
        prepositions=frozenset(raw["prepositions"]),
        determiners=frozenset(raw["determiners"]),
        clause_boundaries=frozenset(raw["clause_boundaries"]),
        reaction_verbs=frozenset(raw["reaction_verbs"]),
        subject_openers=frozenset(raw["subject_openers"]),
        subject_heads=frozenset(raw.get("subject_heads", [])),
        target_boundaries=frozenset(raw["target_boundaries"]),
        fronted_subordinators=frozenset(raw["fronted_subordinators"]),
        mediation_verbs=frozenset(raw["mediation_verbs"]),
        mediation_by=tuple(token_forms(p) for p in raw["mediation_by"]),
        demand_window=int(raw["demand_content"]["window"]),
        demand_openers=tuple(token_forms(p) for p in raw["demand_content"]["openers"]),
        demand_verbs=frozenset(raw["demand_content"]["verbs"]),
        quantity_windows=(int(q["window_before"]), int(q["window_after"])),
        quantity_before=_quantity_phrases({k: q[k]["before"] for k in QUANTITY_KINDS}),
        quantity_after=_quantity_phrases({k: q[k]["after"] for k in QUANTITY_KINDS}),
        quantity_stops=frozenset(q["stops"]),
        toll_prepositions=frozenset(q["toll"]["prepositions"]),
        toll_window=int(q["toll"]["window"]),
        noun_stops=frozenset(q["noun_stops"]) | frozenset(raw["prepositions"]),
        count_blockers=frozenset(q["not_after"]),
        not_counted=frozenset(q["not_counted"]),
        singular_victims=frozenset(q["singular_victims"]),
        passive_fillers=frozenset(q["passive_fillers"]),
        count_modifiers=frozenset(q["count_modifiers"]),
    )


@dataclass
class Roles:
    """Actor ids by role for one trigger, and whose claim the sentence reports."""

    agent: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    mediator: list[str] = field(default_factory=list)
    said_by: str | None = None
    source_only: bool = False

    def as_dict(self) -> dict[str, list[str]]:
        return {
            k: v
            for k, v in (("agent", self.agent), ("target", self.target), ("mediator", self.mediator))
            if v
        }


# ----------------------------------------------------------------------------- small token helpers


def _add(ids: list[str], actor: str) -> None:
    if actor not in ids:
        ids.append(actor)


# ----------------------------------------------------------------------------- attribution


@dataclass(frozen=True)
class Attribution:
    """A source of a claim in a sentence: "according to X" or "X said" (``verb``: token of "said")."""

    mention: ActorMention
    according_to: bool
    verb: int = -1


def find_attributions(doc: Doc, sent: Span, mentions: list[ActorMention]) -> list[Attribution]:
    """Sources named in a sentence, in order."""
    speech = cues().speech_verbs
    found = []
    for m in mentions:
        if ends_at(doc, m.start, ("according", "to")):
            found.append(Attribution(m, True))
            continue
        verb = _speech_follows(doc, _past_aside(doc, m.end, sent.end), sent.end, speech)
        if verb is None and m.start - 1 >= sent.start and doc[m.start - 1].lower_ in speech:
            verb = m.start - 1
        if verb is not None:
            found.append(Attribution(m, False, verb))
    return found


ASIDE_WORDS = 8  # the longest aside a name's verb is looked for past
ASIDE_OPENERS = frozenset({"a", "an"})  # ", a TTP splinter group," describes the name before it


def _past_aside(doc: Doc, i: int, limit: int) -> int:
    """Past an aside that describes the name ending at ``i`` (", a TTP splinter group,"), else ``i``."""
    lower = token_view(doc).lower
    if i + 1 < limit and lower[i] == "," and lower[i + 1] in ASIDE_OPENERS:
        for k in range(i + 2, min(limit, i + 2 + ASIDE_WORDS)):
            if lower[k] == ",":
                return k + 1
    return i


def _speech_follows(doc: Doc, i: int, limit: int, speech: frozenset[str]) -> int | None:
    """The speech verb right after a name, perhaps after "also", "has" or a date ("said on Monday")."""
    lower = token_view(doc).lower
    for k in range(i, min(limit, i + 3, len(lower))):
        if lower[k] in speech:
            return k
        if lower[k] not in {"also", "has", "have", "had", "further", "later", "then", "earlier"}:
            return None
    return None


PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "its", "their", "his", "her", "our"})


def _sources_for(
    doc: Doc, attributions: list[Attribution], trigger: tuple[int, int], performative: bool = False
) -> tuple[str | None, set[ActorMention]]:
    """Whose claim a trigger is, and the mentions that are only its source, not a participant.

    A speech verb inside the trigger ("declared a truce") is the event itself, not a source.
    "X says Y broke the truce": X is only the source, unless a pronoun between the verb and the
    trigger takes it up again ("X said on Monday that it had extended the truce"), or the event is
    done by announcing it (``performative``: a ceasefire or talks event after "announced", "declared").
    """
    usable = [a for a in attributions if not trigger[0] <= a.verb < trigger[1]]
    sources = {a.mention for a in usable if a.according_to}
    lower = token_view(doc).lower
    for a in usable:
        if a.mention.end <= a.verb < trigger[0]:
            if performative and lower[a.verb] in cues().performative_verbs:
                continue
            if responsibility_claim(doc, a.verb, trigger[0]):
                continue  # "the TTP claimed responsibility for the attack": the TTP is its agent
            following = set(lower[a.verb + 1 : trigger[0]])
            if following.isdisjoint(PRONOUNS):
                sources.add(a.mention)
    return (usable[0].mention.actor if usable else None), sources


# ----------------------------------------------------------------------------- roles


def _subject_like(doc: Doc, m: ActorMention, sent_start: int) -> bool:
    """Preceded (past determiners, titles, "<head> of") by the sentence start, punctuation or an opener."""
    c = role_cues()
    view = token_view(doc)
    lower = view.lower
    i = m.start - 1
    while i >= sent_start:
        if lower[i] in c.determiners or (view.is_title[i] and lower[i] != "the"):
            i -= 1
        elif i > sent_start and lower[i] == "of" and lower[i - 1] in c.subject_heads:
            i -= 2  # "the armies of India": the head noun and "of" belong to the subject
        else:
            break
    opener = lower[i] in c.subject_openers or lower[i] in cues().speech_verbs
    return i < sent_start or view.is_punct[i] or opener


def _possessor(doc: Doc, sent: Span, before: list[ActorMention], trigger_start: int) -> ActorMention | None:
    """The actor that modifies a nominal trigger: "TTP's demand", "(meeting) Taliban demands"."""
    if not before:
        return None
    last = before[-1]
    gap = doc[last.end : trigger_start]
    if len(gap) == 1 and gap[0].lower_ in POSSESSIVE:
        return last
    return last if not gap and not _subject_like(doc, last, sent.start) else None


def _reaction_before(doc: Doc, sent_start: int, trigger_start: int) -> int | None:
    """Index of the last verb of reacting (``reaction_verbs``) before the trigger in its sentence."""
    verbs = role_cues().reaction_verbs
    lower = token_view(doc).lower
    return next((i for i in range(trigger_start - 1, sent_start - 1, -1) if lower[i] in verbs), None)


def _clause_start(doc: Doc, sent_start: int, trigger_start: int) -> int:
    boundaries = role_cues().clause_boundaries
    lower = token_view(doc).lower
    for i in range(trigger_start - 1, sent_start - 1, -1):
        if lower[i] in boundaries:
            return i + 1
    return sent_start


def _coordinated(doc: Doc, left: ActorMention, right: ActorMention) -> bool:
    """Only "and", commas and determiners between two mentions: "the TTP and the government"."""
    view = token_view(doc)
    determiners = role_cues().determiners
    return all(
        view.lower[k] in COORDINATORS or view.lower[k] in determiners or view.is_title[k]
        for k in range(left.end, max(left.end, min(right.start, len(view.lower))))
    )


def _agents_before(
    doc: Doc, sent: Span, trigger_start: int, candidates: list[ActorMention]
) -> list[ActorMention]:
    """The nearest subject-like mention before the trigger, with the mentions coordinated with it.

    A name that runs into the trigger ("US drone" of "US drone strike") stands before it.
    """
    before = [m for m in candidates if m.end <= trigger_start or m.start < trigger_start < m.end]
    before = _outside_fronted_clause(doc, sent, trigger_start, before)
    reacting = _reaction_before(doc, sent.start, trigger_start)
    if reacting is not None:  # "Pakistan condemns terrorist attack": Pakistan reacts, it did not attack
        before = [m for m in before if m.start > reacting]
    possessor = _possessor(doc, sent, before, trigger_start)
    if possessor is not None:
        return [possessor]
    clause = _clause_start(doc, sent.start, trigger_start)
    for scope in (clause, sent.start):
        subjects = [
            m
            for m in before
            if m.start >= scope and _subject_like(doc, m, sent.start) and not _appositive(doc, m)
        ]
        if subjects:
            group = [subjects[-1]]
            for m in reversed(subjects[:-1]):
                if not _coordinated(doc, m, group[0]):
                    break
                group.insert(0, m)
            return group
    return []


def _appositive(doc: Doc, m: ActorMention) -> bool:
    """A name inside an aside that describes the subject: "Jamaat-ul-Ahrar, a TTP splinter group, ..."."""
    lower = token_view(doc).lower
    return m.start >= 2 and lower[m.start - 1] in ASIDE_OPENERS and lower[m.start - 2] == ","


def _between_parties(doc: Doc, start: int, end: int, mentions: list[ActorMention]) -> list[ActorMention]:
    """Mentions in "between A and B" from token ``start`` up to ``end``."""
    lower = token_view(doc).lower
    for i in range(start, end):
        if lower[i] == "between":
            after = [m for m in mentions if m.start > i and m.start < end]
            group: list[ActorMention] = []
            for m in after:
                if group and not _coordinated(doc, group[-1], m):
                    break
                if not group and any(
                    not t.is_punct and t.lower_ not in role_cues().determiners for t in doc[i + 1 : m.start]
                ):
                    break
                group.append(m)
            return group
    return []


def _mediators_by(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """Mentions right after "mediated by", "with the mediation of" and the like."""
    c = role_cues()
    lower = token_view(doc).lower
    # the word before a mention must end one of the phrases (unless a phrase is empty)
    last_words = {phrase[-1] for phrase in c.mediation_by} if all(c.mediation_by) else None
    found = []
    for m in mentions:
        i = m.start
        while i > 0 and lower[i - 1] in c.determiners:
            i -= 1
        if last_words is not None and i > 0 and lower[i - 1] not in last_words:
            continue  # no phrase can end here
        if any(ends_at(doc, i, phrase) for phrase in c.mediation_by):
            found.append(m)
    return found


def assign_roles(
    doc: Doc,
    sent: Span,
    trigger: tuple[int, int],
    next_trigger: int,
    mentions: list[ActorMention],
    attributions: list[Attribution],
    performative: bool = False,
    subject_before: bool = False,
) -> Roles:
    """Roles of the actors of a sentence for one trigger.

    trigger (tuple[int, int]): token span of the trigger.
    next_trigger (int): where the next trigger of the sentence starts (bounds the targets).
    performative (bool): the event is one a side does by announcing it (ceasefires, talks).
    subject_before (bool): the trigger's subject is the truce before it ("the truce the TTP agreed was
        violated"): names before it are not its agents.
    """
    start = trigger[0]
    roles = Roles()
    roles.said_by, sources = _sources_for(doc, attributions, trigger, performative)
    roles.source_only = any(m.actor == roles.said_by for m in sources)
    candidates = [m for m in mentions if m not in sources]
    mediators = _mediators_by(doc, candidates)
    candidates = [m for m in candidates if m not in mediators]
    victims = [m for m in candidates if _is_victim(doc, m, sent.end) or _counted_victim(doc, m, sent.start)]
    for m in [] if performative else victims:  # a truce or talks event has no victims
        _add(roles.target, m.actor)
    candidates = [m for m in candidates if m not in victims]
    parties = _between_parties(doc, start, min(sent.end, next_trigger), candidates)
    hosts = doc[start].lower_ in role_cues().mediation_verbs
    before = (
        []
        if subject_before
        else _agents_before(doc, sent, start, candidates)
        or _main_clause_subject(doc, sent, start, candidates)
    )
    for m in mediators + (before if hosts and parties else []):
        _add(roles.mediator, m.actor)
    for m in parties or ([] if hosts else before):
        _add(roles.agent, m.actor)
    _assign_after(doc, sent, trigger, next_trigger, [m for m in candidates if m not in parties], roles)
    return roles


def _counted_victim(doc: Doc, m: ActorMention, sent_start: int) -> bool:
    """An actor counted right after a verb of killing or wounding: "killing 6 Pakistani soldiers",
    "killed at least two policemen" (the killed, whoever the sentence's subject is). The count is
    needed: "two wounded Indian shelling" counts no Indians."""
    c = role_cues()
    lower = token_view(doc).lower
    i, counted = m.start - 1, False
    while i >= sent_start and (doc[i].like_num or lower[i] in c.count_modifiers):
        counted = counted or doc[i].like_num
        i -= 1
    return counted and i >= sent_start and lower[i] in c.victim_verbs


def _is_victim(doc: Doc, m: ActorMention, limit: int) -> bool:
    """An actor followed by a passive victim word ("soldiers killed in", "policemen were abducted").

    An object after the word ("forces killed four militants") makes it active: the actor acted.
    """
    c = role_cues()
    listed = m.end < limit and doc[m.end].lower_ in {",", "and"}
    for token in doc[m.end : min(limit, m.end + (6 if listed else 3))]:
        if token.lower_ in c.victim_words:
            following = doc[token.i + 1] if token.i + 1 < limit else None
            active = following is not None and (
                following.like_num
                or following.lower_ in c.determiners
                or following.is_title
                or (following.is_upper and len(following) > 1)  # "forces killed TTP commander"
            )
            return not active
        if token.lower_ not in VICTIM_FILLERS and not (listed and _listed_victim(doc, m, token)):
            return False
    return False


VICTIM_FILLERS = frozenset(
    {"were", "was", "have", "has", "been", "being", "reportedly", "also", "allegedly", "suspected"}
    | {"militants", "fighters", "members", "commanders", "insurgents", "terrorists", "men", "activists"}
)


def _listed_victim(doc: Doc, m: ActorMention, token: Any) -> bool:
    """ "Two Pakistani soldiers, a girl killed": other victims listed between an actor and the victim word."""
    if token.i == m.end:
        return True  # the "," or "and" that opens the list
    return bool(token.like_num) or (
        token.is_alpha
        and token.lower_ not in role_cues().noun_stops
        and token.lower_ not in cues().speech_verbs
    )


FRONTED_WINDOW = 4  # "A week after", "Two days before": how far into the sentence a subordinator opens it


def _fronted_clause_end(doc: Doc, sent: Span) -> int | None:
    """The comma closing a fronted subordinate clause ("Since the TTP ended the truce, ...", "A week
    after the talks failed, ..."), or None when the sentence opens otherwise."""
    lower = token_view(doc).lower
    opening = lower[sent.start : min(sent.end, sent.start + FRONTED_WINDOW)]
    if role_cues().fronted_subordinators.isdisjoint(opening):
        return None
    return next((i for i in range(sent.start, sent.end) if lower[i] == ","), None)


def _outside_fronted_clause(
    doc: Doc, sent: Span, trigger_start: int, before: list[ActorMention]
) -> list[ActorMention]:
    """The names before a main-clause trigger less those of a fronted clause ("Since the TTP ended the
    truce, 300 were killed"), unless a pronoun takes them up again ("After the TTP ended the truce, it
    attacked")."""
    comma = _fronted_clause_end(doc, sent)
    if comma is None or comma >= trigger_start:
        return before
    if comma + 1 < sent.end and token_view(doc).lower[comma + 1] in PRONOUNS:
        return before
    return [m for m in before if m.start > comma]


def _main_clause_subject(
    doc: Doc, sent: Span, start: int, mentions: list[ActorMention]
) -> list[ActorMention]:
    """ "After ending their ceasefire ..., the TTP conducted": the gerund's subject is the main clause's."""
    comma = _fronted_clause_end(doc, sent)
    if comma is None or comma < start or not doc[start].lower_.endswith("ing"):
        return []
    after = [m for m in mentions if m.start > comma and _subject_like(doc, m, sent.start)]
    return after[:1]


def _target_limit(doc: Doc, trigger_end: int, limit: int) -> int:
    boundaries = role_cues().target_boundaries
    lower = token_view(doc).lower
    return next((i for i in range(trigger_end, min(limit, len(lower))) if lower[i] in boundaries), limit)


def _assign_after(
    doc: Doc,
    sent: Span,
    trigger: tuple[int, int],
    next_trigger: int,
    mentions: list[ActorMention],
    roles: Roles,
) -> None:
    """Mentions inside or after the trigger: targets, or agents after "by" (passive)."""
    start, end = trigger
    limit = _target_limit(doc, end, min(sent.end, next_trigger))
    for m in mentions:
        if not (start < m.start < limit):
            continue
        if m.start >= end and _passive_by(doc, end, m.start):
            _add(roles.agent, m.actor)
        elif m.actor not in roles.agent and m.actor not in roles.mediator:
            _add(roles.target, m.actor)


def _passive_by(doc: Doc, trigger_end: int, mention_start: int) -> bool:
    """ "carried out by the TTP", "claimed by X": a "by" between the trigger and the mention."""
    between = token_view(doc).lower[trigger_end:mention_start]
    return len(between) <= 5 and "by" in between


# ----------------------------------------------------------------------------- modality


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
        if hits:
            return name  # type: ignore[return-value]
    return "asserted"


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


# ----------------------------------------------------------------------------- quantities


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


def _quantity_phrases(raw: dict[str, list[str]]) -> dict[str, tuple[Phrase, ...]]:
    return {k: tuple(sorted((token_forms(w) for w in raw.get(k, [])), key=len, reverse=True)) for k in raw}


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


# ----------------------------------------------------------------------------- demands


def demand_content(
    doc: Doc, sent: Span, trigger_start: int, trigger_end: int
) -> tuple[int, list[str]] | None:
    """Where the list of demands starts (character offset) and its items, if the sentence gives them."""
    c = role_cues()
    start = None
    if doc[trigger_start].lower_ in c.demand_verbs and doc[trigger_start].lower_.endswith(("ed", "ing")):
        start = trigger_end
    for i in range(trigger_end, min(sent.end, trigger_end + c.demand_window)):
        for opener in c.demand_openers:
            if at(doc, i, opener):
                start = i + len(opener)
                break
        if start is not None:
            break
    if start is None or start >= sent.end:
        return None
    content = doc[start : sent.end]
    text = content.text.strip().rstrip(".;:!?").strip()
    items = [item.strip(" ,") for item in _split_items(text)]
    return content.start_char, [item for item in items if item]


def _split_items(text: str) -> list[str]:
    """Split "A, and B" / "A and the B" into items (a conjunction before a determiner starts a new one)."""
    return re.split(r",\s*(?:and\s+)?|\s+and\s+(?=(?:the|an?|their|its|all)\s)", text)
