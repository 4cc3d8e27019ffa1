"""Who says so: the sources a sentence attributes its claims to ("X said", "according to X")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ceasefire.entities.actors import ActorMention
from ceasefire.events.roles.modality import responsibility_claim
from ceasefire.nlp.lexicons import cues
from ceasefire.nlp.tokens import ends_at, token_view


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


def sources_for(
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
