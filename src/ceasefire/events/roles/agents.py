"""Who did what to whom: agents, targets, victims, parties and mediators of one trigger."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from ceasefire.entities.actors import ActorMention
from ceasefire.events.roles.attribution import ASIDE_OPENERS, PRONOUNS, Attribution, sources_for
from ceasefire.events.roles.common import COORDINATORS, POSSESSIVE, Roles, add, role_cues
from ceasefire.events.roles.syntax import parse_agents
from ceasefire.events.roles.third_parties import third_parties
from ceasefire.nlp.lexicons import cues
from ceasefire.nlp.parse import Parse
from ceasefire.nlp.tokens import token_view


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


def assign_roles(
    doc: Doc,
    sent: Span,
    trigger: tuple[int, int],
    next_trigger: int,
    mentions: list[ActorMention],
    attributions: list[Attribution],
    performative: bool = False,
    subject_before: bool = False,
    parse: Parse | None = None,
    media: frozenset[str] = frozenset(),
    spoken: bool | None = None,
) -> Roles:
    """Roles of the actors of a sentence for one trigger.

    trigger (tuple[int, int]): token span of the trigger.
    next_trigger (int): where the next trigger of the sentence starts (bounds the targets).
    performative (bool): the event is one a side does by announcing it (ceasefires, talks).
    subject_before (bool): the trigger's subject is the truce before it ("the truce the TTP agreed was
        violated"): names before it are not its agents.
    parse (Parse | None): the document's dependency parse; where it decides who acts (``syntax``),
        the word-order rules do not.
    media (frozenset[str]): ids of media outlets, which report events and never do them in a parse
        (a dateline's agency: "Kabul (AFP) - The Taliban announced ...").
    spoken (bool | None): the event is done by saying so, so the subject of "announced" or "said"
        does it (default: ``performative``; a violation is performative but not spoken).
    """
    start = trigger[0]
    roles = Roles()
    roles.said_by, sources = sources_for(doc, attributions, trigger, performative)
    roles.source_only = any(m.actor == roles.said_by for m in sources)
    candidates = [m for m in mentions if m not in sources]
    outsiders = third_parties(doc, candidates, performative)
    mediators = outsiders.mediators
    candidates = [m for m in candidates if m not in outsiders.all()]
    victims = [m for m in candidates if _is_victim(doc, m, sent.end) or _counted_victim(doc, m, sent.start)]
    for m in [] if performative else victims:  # a truce or talks event has no victims
        add(roles.target, m.actor)
    candidates = [m for m in candidates if m not in victims]
    parties = _between_parties(doc, start, min(sent.end, next_trigger), candidates)
    hosts = doc[start].lower_ in role_cues().mediation_verbs
    syntactic = parse_agents(
        parse,
        token_view(doc).lower,
        trigger,
        [m for m in mentions if m not in outsiders.all() and m not in victims and m.actor not in media],
        cues().speech_verbs,
        performative if spoken is None else spoken,
        role_cues().reaction_verbs,
    )
    if subject_before:
        before: list[ActorMention] = []
    elif syntactic.decided:
        before = list(syntactic.agents)
    else:
        before = _agents_before(doc, sent, start, candidates) or _main_clause_subject(
            doc, sent, start, candidates
        )
    for m in mediators + (before if hosts and parties else []):
        add(roles.mediator, m.actor)
    for m in outsiders.guarantors:
        add(roles.guarantor, m.actor)
    for m in outsiders.monitors:
        add(roles.monitor, m.actor)
    for m in parties or ([] if hosts else before):
        add(roles.agent, m.actor)
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
            add(roles.agent, m.actor)
        elif m.actor not in roles.agent and m.actor not in roles.mediator:
            add(roles.target, m.actor)


def _passive_by(doc: Doc, trigger_end: int, mention_start: int) -> bool:
    """ "carried out by the TTP", "claimed by X": a "by" between the trigger and the mention."""
    between = token_view(doc).lower[trigger_end:mention_start]
    return len(between) <= 5 and "by" in between
