"""Agents from the dependency parse: who does the event a trigger names.

The parse answers where word order misleads: the subject of the trigger's verb ("Turkey and Russia,
which back opposing sides, last week agreed on a ceasefire"), the passive agent ("was declared by
X"), a subject shared along a chain of verbs ("X has agreed to declare a truce", "X met and
agreed"), the noun a relative clause describes ("the TTP, which declared a truce"), and the
speaker of reported speech for a pronoun ("the army said it had agreed"). A noun trigger acts
through the verb it completes ("X announced a ceasefire", "X agreed to a truce") or through its
own possessor and "by" phrase ("the TTP's truce", "an attack by militants"); a trigger that is
itself the subject ("the ceasefire collapsed") or sets a circumstance ("killed in an attack") has
no agent in its clause.

``parse_agents`` decides when the parse names an actor; otherwise (a subject that is no actor, a
pronoun with no speaker, a sentence the parser did not read) it leaves the choice to the
word-order rules of ``agents``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ceasefire.entities.mentions import ActorMention
from ceasefire.events.roles.common import role_cues
from ceasefire.nlp.lexicons import word_lists
from ceasefire.nlp.parse import Parse

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "attr", "oprd"})
# verbs that share their head's subject: "agreed to declare" (xcomp), "met and agreed" (conj),
# "..., declaring a truce" (advcl)
SHARED_SUBJECT = frozenset({"xcomp", "conj", "advcl"})
# arcs inside a noun phrase that may lead to the name it stands for: "forces loyal to Haftar",
# "the leader of the TTP", "the TTP and the government"
NOUN_PHRASE = frozenset({"compound", "poss", "amod", "prep", "pobj", "conj", "nmod", "appos"})
COORDINATING = frozenset({",", "and", "&"})
FINITE = frozenset({"VBD", "VBZ", "VBP"})
CHAIN = 6  # at most this many arcs climbed from a trigger to its verb


@dataclass(frozen=True)
class SyntaxWords:
    """The word lists of ``data/lexicons/syntax.yaml``."""

    complement_prepositions: frozenset[str]
    relative_pronouns: frozenset[str]
    personal_pronouns: frozenset[str]
    reporting_verbs: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    talks_nouns: frozenset[str]


@cache
def syntax_words() -> SyntaxWords:
    return word_lists(SyntaxWords, "lexicons", "syntax.yaml")


@dataclass(frozen=True)
class SyntaxAgents:
    """The parse's answer: ``decided`` False leaves the agents to the word-order rules."""

    decided: bool
    agents: tuple[ActorMention, ...] = ()


UNDECIDED = SyntaxAgents(False)


def trigger_head(parse: Parse, start: int, end: int) -> int | None:
    """The token of a trigger span whose head lies outside it (the span's syntactic head). When the
    parse gives several, the one above the others ("rejected the government's ceasefire"), else the
    last, as English noun phrases end in their head ("ceasefire violations")."""
    if not all(parse.parsed(i) for i in range(start, end)):
        return None
    heads = [i for i in range(start, end) if parse.heads[i] == i or not start <= parse.heads[i] < end]
    top = [i for i in heads if not any(_governs(parse, j, i) for j in heads if j != i)]
    return top[-1] if top else None


def _governs(parse: Parse, ancestor: int, token: int) -> bool:
    """``ancestor`` is above ``token`` in the parse."""
    for _ in range(len(parse.heads)):
        head = parse.heads[token]
        if head == token:
            return False
        if head == ancestor:
            return True
        token = head
    return False


def parse_agents(
    parse: Parse | None,
    lower: Sequence[str],
    trigger: tuple[int, int],
    mentions: Sequence[ActorMention],
    speech_verbs: frozenset[str],
    performative: bool = False,
    reaction_verbs: frozenset[str] = frozenset(),
) -> SyntaxAgents:
    """The mentions that do the event of ``trigger``, as the parse reads them.

    lower (Sequence[str]): the document's lower-case tokens.
    mentions (Sequence[ActorMention]): the sentence's actor mentions that may act.
    speech_verbs (frozenset[str]): word forms of verbs of saying (a pronoun subject of their
        complement is the speaker).
    performative (bool): the event is done by announcing it (a truce, talks): the subject of "X
        announced a ceasefire" declares it, while the subject of "X reported attacks" only speaks.
    reaction_verbs (frozenset[str]): word forms of verbs of reacting, whose subject reacts to the
        event and did not do it ("India condemned Pakistani shelling", "X welcomed the truce").
    """
    if parse is None:
        return UNDECIDED
    head = trigger_head(parse, *trigger)
    if head is None:
        return UNDECIDED
    own = _own_agents(parse, lower, head, mentions)
    if own:
        return SyntaxAgents(True, own)
    verb = _verb_of(parse, lower, head)
    # the subject of a verb of reacting reacts, of reporting records; of a verb of saying, it speaks,
    # unless saying does the event (a truce is declared by saying so)
    silent = reaction_verbs | syntax_words().reporting_verbs
    silent = silent if performative else silent | speech_verbs
    if verb is None or lower[verb] in reaction_verbs:
        return UNDECIDED
    if verb != head and lower[verb] in silent:
        return UNDECIDED
    subjects = _subjects(parse, lower, verb, speech_verbs, silent)
    found: list[ActorMention] = []
    for s in _coordinated(parse, subjects or [], mentions):
        for m in _named_by(parse, lower, s, mentions):
            if m not in found:
                found.append(m)
    # A subject that names no actor ("the talks suffered ..., as X refused") may be the parser's
    # error as often as a fact: only a name decides.
    return SyntaxAgents(True, tuple(found)) if found else UNDECIDED


def _own_agents(
    parse: Parse, lower: Sequence[str], head: int, mentions: Sequence[ActorMention]
) -> tuple[ActorMention, ...]:
    """A noun trigger's possessor or "by" phrase: "the TTP's ceasefire", "an attack by militants"."""
    if parse.is_verb(head):
        return ()
    tokens: list[int] = []
    for child in parse.children(head):
        dep = parse.deps[child]
        if dep == "poss":
            tokens.append(child)
        elif dep == "agent" or (dep == "prep" and lower[child] == "by"):
            tokens += [c for c in parse.children(child) if parse.deps[c] == "pobj"]
    found: list[ActorMention] = []
    for t in _coordinated(parse, tokens, mentions):
        found += [m for m in _named_by(parse, lower, t, mentions) if m not in found]
    return tuple(found)


def _verb_of(parse: Parse, lower: Sequence[str], head: int) -> int | None:
    """The verb whose subject does the trigger's event, or None when the clause has none."""
    t = head
    for _ in range(CHAIN):
        if parse.is_verb(t):
            return t
        dep, up = parse.deps[t], parse.heads[t]
        if up == t:
            return None
        if dep in OBJECTS:
            return up if parse.is_verb(up) else None
        if dep == "pobj":
            if lower[up] not in syntax_words().complement_prepositions:
                return None
            verb = parse.heads[up]
            return verb if verb != up and parse.is_verb(verb) else None
        if dep in {"conj", "compound", "appos"}:
            t = up  # "a truce and talks": the first conjunct's relation; "ceasefire deal": the deal's
            continue
        return None
    return None


def _subjects(
    parse: Parse, lower: Sequence[str], verb: int, speech_verbs: frozenset[str], silent: frozenset[str]
) -> list[int] | None:
    """The subject tokens of ``verb`` (with those coordinated with them); [] when the clause has a
    subject that is no one ("it was agreed"), None when the parse cannot tell."""
    words = syntax_words()
    v = verb
    for _ in range(CHAIN):
        kids = parse.children(v)
        if (
            any(parse.deps[k] in PASSIVE_SUBJECTS or parse.deps[k] in ("auxpass", "agent") for k in kids)
            or _bare_participle(parse, lower, v)
            or _harm_without_object(parse, lower, v)
        ):
            by = [
                p
                for k in kids
                if parse.deps[k] == "agent"
                for p in parse.children(k)
                if parse.deps[p] == "pobj"
            ]
            return by
        # a headline may have two: "Afghanistan, Pakistan troops clash"
        subjects = [k for k in kids if parse.deps[k] in SUBJECTS]
        if subjects:
            s = subjects[0]
            if lower[s] in words.relative_pronouns and parse.deps[v] == "relcl":
                return [parse.heads[v]]
            if lower[s] in words.personal_pronouns:
                # "we, as the PKK, declare": the pronoun's own phrase names it; else the speaker
                named = [t for t in parse.subtree(s, NOUN_PHRASE) if t != s]
                return named or _speaker(parse, lower, v, speech_verbs)
            return subjects
        if parse.deps[v] == "acl" and parse.tags[v] == "VBG":  # "militants attacking the post"
            return [parse.heads[v]]
        if parse.deps[v] in SHARED_SUBJECT and parse.heads[v] != v:
            if lower[parse.heads[v]] in silent:
                return None
            v = parse.heads[v]
            continue
        if parse.deps[v] == "pcomp":  # "after declaring a truce, the TTP ...": the main clause's subject
            prep = parse.heads[v]
            main = parse.heads[prep]
            if main != prep and parse.is_verb(main) and lower[main] not in silent:
                v = parse.heads[prep]
                continue
        return None
    return None


def _bare_participle(parse: Parse, lower: Sequence[str], verb: int) -> bool:
    """A past participle with no form of "have": a passive with its auxiliary left out, as headlines
    and reduced relatives write it ("3 militants killed in raid", "soldiers killed by the TTP"), whose
    subject or head noun is the one the event befell."""
    return parse.tags[verb] == "VBN" and not any(
        parse.deps[k] == "aux" and lower[k] in syntax_words().perfect_auxiliaries
        for k in parse.children(verb)
    )


def _harm_without_object(parse: Parse, lower: Sequence[str], verb: int) -> bool:
    """A verb of harm ("killed", "wounded", "abducted") with no object: harm is done to someone, so
    without an object its subject is the one harmed, as in a headline's "4 members of X killed"
    that the tagger read as a past tense."""
    return lower[verb] in role_cues().victim_words and not any(
        parse.deps[k] in OBJECTS for k in parse.children(verb)
    )


def _speaker(parse: Parse, lower: Sequence[str], verb: int, speech_verbs: frozenset[str]) -> list[int] | None:
    """A pronoun subject of reported speech stands for the speaker: "X said it had agreed"."""
    v = verb
    for _ in range(CHAIN):
        dep, up = parse.deps[v], parse.heads[v]
        if up == v:
            return None
        if dep == "ccomp" and lower[up] in speech_verbs:
            subjects = [k for k in parse.children(up) if parse.deps[k] in SUBJECTS]
            if subjects and lower[subjects[0]] not in syntax_words().personal_pronouns:
                return subjects[:1]
            return None
        if dep not in SHARED_SUBJECT:
            return None
        v = up
    return None


def _coordinated(parse: Parse, tokens: list[int], mentions: Sequence[ActorMention]) -> list[int]:
    """The tokens with every token coordinated with them: "Turkey and Russia" from "Turkey"; through
    an apposition, "the army (SPLA) and the rebels" from "army"; and a name in apposition to a name,
    which is how headlines coordinate ("India, Pakistan agree")."""
    found: list[int] = []
    todo = list(tokens)
    while todo:
        t = todo.pop(0)
        if t in found:
            continue
        found.append(t)
        for k in parse.children(t):
            if parse.deps[k] == "conj":
                todo.append(k)
            elif parse.deps[k] == "appos":
                todo += [c for c in parse.children(k) if parse.deps[c] == "conj"]
                if _name_of_another(k, t, mentions):
                    todo.append(k)
    return found


def _name_of_another(token: int, other: int, mentions: Sequence[ActorMention]) -> bool:
    """``token`` is inside a mention of another actor than the mention ``other`` is inside."""
    here = next((m for m in mentions if m.start <= token < m.end), None)
    there = next((m for m in mentions if m.start <= other < m.end), None)
    return here is not None and there is not None and here.actor != there.actor


def _named_by(
    parse: Parse, lower: Sequence[str], token: int, mentions: Sequence[ActorMention]
) -> list[ActorMention]:
    """The mentions a subject or possessor token names: the mention it lies in, or else the names
    inside its noun phrase ("forces loyal to Haftar" names Haftar).

    Other names that modify a name describe it ("TTP commander X" is X, of the TTP) unless they are
    coordinated, which makes them subjects too ("Indian and Pakistani troops", "Pakistani, Indian
    troops")."""
    inside = [m for m in mentions if m.start <= token < m.end][:1]
    phrase = parse.subtree(token, NOUN_PHRASE)
    if inside:
        phrase = [t for t in phrase if _coordinated_modifier(parse, lower, t, inside[0], mentions)]
    tokens = set(phrase)
    if inside:  # "Pakistani, Indian troops": a name, a comma, the name, whatever the parse says
        tokens.update(
            m.start for m in mentions if m.end + 1 == inside[0].start and lower[m.end] in COORDINATING
        )
    return inside + [
        m for m in mentions if m not in inside and any(i in tokens for i in range(m.start, m.end))
    ]


def _coordinated_modifier(
    parse: Parse, lower: Sequence[str], token: int, name: ActorMention, mentions: Sequence[ActorMention]
) -> bool:
    """A token of a name's phrase coordinated with something: by the parse's conj arcs, or, as
    headlines write it, a name before the name followed by a comma or "and"."""
    if parse.deps[token] == "conj" or any(parse.deps[c] == "conj" for c in parse.children(token)):
        return True
    holder = next((m for m in mentions if m.start <= token < m.end), None)
    return holder is not None and holder.end < name.start and lower[holder.end] in COORDINATING


def ends_talks(parse: Parse | None, lower: Sequence[str], trigger: tuple[int, int]) -> bool:
    """A verb of ending with no object ends its subject: when that subject is talks ("the talks for
    a permanent ceasefire deal ended without agreement"), the talks ended, not a truce."""
    if parse is None or not all(parse.parsed(i) for i in range(*trigger)):
        return False
    head = next((i for i in range(*trigger) if parse.is_verb(i)), None)  # "ended", "truce ended"
    if head is None:
        return False
    kids = parse.children(head)
    if any(parse.deps[k] in OBJECTS for k in kids):
        return False
    talks = syntax_words().talks_nouns
    if any(parse.deps[k] in SUBJECTS and lower[k] in talks for k in kids):
        return True
    if parse.deps[head] in ("acl", "relcl") and (
        parse.tags[head] in FINITE or not _has_main_verb(parse, head)
    ):
        # the main verb the parser hung under a noun ("the talks for a ceasefire deal ended"): a
        # finite verb, or the only verb of a sentence whose root is a noun; its subject is the phrase
        # that noun ends
        noun = parse.heads[head]
        for _ in range(CHAIN):
            if parse.deps[noun] != "pobj":
                break
            noun = parse.heads[parse.heads[noun]]
        return lower[noun] in talks
    return False


def _has_main_verb(parse: Parse, token: int) -> bool:
    """The root of the sentence holding ``token`` is a verb."""
    for _ in range(len(parse.heads)):
        if parse.heads[token] == token:
            return parse.is_verb(token)
        token = parse.heads[token]
    return False
