"""Direct quotes and who said them.

A quote is text between quotation marks of at least ``MIN_WORDS`` words in a
sentence that also attributes speech ("X said", "said X", "according to X") or
that is itself a full utterance (ends in sentence punctuation). Short scare
quotes ("its resolve") are not quotes. A quote may span sentences; its speaker
is looked for in every sentence it touches.

Where the sentence is parsed, the speaker is the subject of the speech verb outside the quote
("…," X said / said X / X, a spokesman, told …) or the object of "according to", whatever stands
between them. A pronoun subject ("he said") is the nearest person named before it ("it said": the
nearest organisation), and a role ("the spokesman said", "the Afghan president said") the nearest
person named before it with that role beside their name ("Afghan President Ashraf Ghani", "X, a
Taliban spokesman,"). A quote with no speech verb that opens the sentence or the paragraph right
after an attributed quote continues it, as news writing runs one speaker over several sentences
and paragraphs.

Without a parse, the speaker is the registry actor next to the speech verb ("TTP spokesman
Muhammad Khurasani said"), else a capitalised name there, else the role
phrase there ("a government source said"): kept as ``speaker_text`` with no
actor, because a role is not a name and inventing one would be worse than
leaving it open.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from ceasefire.entities.actors import ActorMention
from ceasefire.events.roles.common import POSSESSIVE
from ceasefire.models import Evidence, Quote
from ceasefire.nlp.lexicons import cues
from ceasefire.nlp.parse import Parse
from ceasefire.nlp.tokens import doc_text, quoted_at, token_view

MIN_WORDS = 4
SPEAKER_REACH = 4  # tokens before a speech verb where its speaker's name may end: "the Committee (HNC) said"
QUOTED = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")
UTTERANCE_END = (".", ",", "!", "?")


def quote_id(doc_id: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{doc_id}|quote|{start}|{end}".encode()).hexdigest()[:16]


def _sentences(doc: Doc, start: int, end: int) -> Span | None:
    """The sentence or sentences a character span (a quotation) lies in. An opening mark that the
    sentence splitter left at the end of the sentence before belongs to the quotation, not that
    sentence. A quotation that closes on a comma ("… a harsh response,") leaves its sentence open: its
    attribution follows, also past a line break, so the next sentence of the paragraph is part of it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    inner = doc.char_span(start + 1, end - 1, alignment_mode="expand") if end - start > 2 else None
    first, last = (inner or span)[0].sent, span[-1].sent
    text = doc_text(doc)
    if (
        text[start:end].rstrip('”"').rstrip().endswith(",")
        and not text[end : last.end_char].strip()
        and last.end < len(doc)
        and "\n\n" not in text[last.end_char : doc[last.end].idx]
    ):
        last = doc[last.end].sent
    return doc[first.start : last.end]


def _speaker(
    doc: Doc, scope: Span, quote: tuple[int, int], mentions: list[ActorMention]
) -> tuple[str | None, str | None, bool]:
    """(actor id, name as written, whether speech is attributed) for a quote's sentence."""
    speech = cues().speech_verbs
    outside = [t for t in scope if not (quote[0] <= t.idx < quote[1])]
    verbs = [t.i for t in outside if t.lower_ in speech]
    if not verbs and not any(t.lower_ == "according" for t in outside):
        return None, None, False
    inside = [
        m
        for m in mentions
        if scope.start <= m.start < scope.end and not quote[0] <= doc[m.start].idx < quote[1]
    ]
    for m in inside:
        near_verb = any(v == m.end or v == m.start - 1 or v == m.end + 1 for v in verbs)
        according = (
            m.start >= 2 and doc[m.start - 2].lower_ == "according" and doc[m.start - 1].lower_ == "to"
        )
        if near_verb or according:
            return m.actor, doc[m.start : m.end].text, True
    return None, _written_name(doc, verbs) or _role_phrase(doc, scope, verbs), True


def _written_name(doc: Doc, verbs: list[int]) -> str | None:
    """A capitalised name right before or after a speech verb, when no actor was resolved: two words,
    or one ("…, Dhlakama declared") that does not open its sentence (where any word is capitalised)."""
    for v in verbs:
        for start, end in ((v - 2, v), (v + 1, v + 3), (v - 1, v)):
            if start >= 0 and end <= len(doc) and all(t.is_title and t.is_alpha for t in doc[start:end]):
                if end - start == 1 and doc[start].is_sent_start:
                    continue
                return doc[start:end].text
    return None


ROLE_NOUNS_EXTRA = frozenset({"source", "sources", "officials", "spokesperson", "statement"})
DETERMINERS = frozenset({"a", "an", "the", "one", "another", "two", "several", "senior"})


def _role_phrase(doc: Doc, scope: Span, verbs: list[int]) -> str | None:
    """ "a government source" right before a speech verb, or right after it ("said a senior official")."""
    roles = cues().apposition_roles | ROLE_NOUNS_EXTRA
    for v in verbs:
        if v - 1 >= scope.start and doc[v - 1].lower_ in roles:
            start = v - 1
            while start - 1 >= scope.start and start > v - 5 and doc[start - 1].is_alpha:
                start -= 1
                if doc[start].lower_ in DETERMINERS:
                    break
            return doc[start:v].text
        after = [t for t in doc[v + 1 : min(scope.end, v + 5)]]
        for k, token in enumerate(after):
            if not token.is_alpha:
                break
            if token.lower_ in roles:
                return doc[v + 1 : v + 2 + k].text
    return None


def quote_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences a quotation of ``MIN_WORDS`` words or more touches (before speakers
    are known: NER reads them for names no registry has)."""
    found = []
    for m in QUOTED.finditer(doc_text(doc)):
        group = 1 if m.group(1) is not None else 2
        if len(m.group(group).split()) >= MIN_WORDS and (scope := _sentences(doc, m.start(), m.end())):
            found.append((scope.start, scope.end))
    return found


def speech_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences that report speech without quotation marks and name who speaks
    next to the verb ("the Observatory stated that ...", "according to the Council on Foreign
    Relations"): the speaker is an actor of the story. "Police said" names nobody NER could add."""
    verbs = cues().speech_verbs
    view = token_view(doc)
    lower, title = view.lower, view.is_title
    upper = [t.isupper() and len(t) > 1 for t in view.text]
    found = []
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            if lower[i] in verbs:
                near = range(max(sent.start, i - SPEAKER_REACH), min(sent.end, i + 3))
            elif lower[i] == "according" and i + 1 < sent.end and lower[i + 1] == "to":
                near = range(i + 2, min(sent.end, i + 4))
            else:
                continue
            if any(title[k] or upper[k] for k in near):
                found.append((sent.start, sent.end))
                break
    return found


def find_quotes(
    doc: Doc,
    doc_id: str,
    mentions: list[ActorMention],
    parse: Parse | None = None,
    people: frozenset[str] = frozenset(),
) -> list[Quote]:
    """Direct quotes of a document with their speakers.

    parse (Parse | None): arcs of the quote sentences, when parsed.
    people (frozenset[str]): ids of the persons among the actors (what "he" and "she" may be).
    """
    quotes = []
    previous: tuple[Quote, int] | None = None  # the last quote with a speaker, and where its sentence ends
    for m in QUOTED.finditer(doc_text(doc)):
        group = 1 if m.group(1) is not None else 2
        text = m.group(group).strip()
        if len(text.split()) < MIN_WORDS:
            continue
        scope = _sentences(doc, m.start(), m.end())
        if scope is None:
            continue
        speaker, written, attributed = _speaker(doc, scope, (m.start(), m.end()), mentions)
        last = (previous[0].speaker, previous[0].speaker_text or "") if previous is not None else None
        parsed = _parsed_speaker(doc, parse, scope, (m.start(), m.end()), mentions, people, last)
        if parsed is not None:
            speaker, written, attributed = parsed[0], parsed[1], True
        if (
            not attributed
            and previous is not None
            and _continues(doc, scope, m.start(), m.end(), previous[1])
        ):
            speaker, written, attributed = previous[0].speaker, previous[0].speaker_text, True
        if not attributed and not text.endswith(UTTERANCE_END):
            continue
        stripped = scope.text.strip()
        start = scope.start_char + scope.text.index(stripped)
        evidence = Evidence(doc=doc_id, start=start, end=start + len(stripped), text=stripped)
        quote = Quote(
            id=quote_id(doc_id, m.start(group), m.end(group)),
            speaker=speaker,
            speaker_text=written,
            text=text.rstrip(","),
            evidence=evidence,
        )
        quotes.append(quote)
        if speaker is not None or written is not None:
            previous = (quote, scope.end_char)
    return quotes


PRONOUN_PEOPLE = frozenset({"he", "she"})
PRONOUN_GROUPS = frozenset({"it", "they", "we"})


def _parsed_speaker(
    doc: Doc,
    parse: Parse | None,
    scope: Span,
    quote: tuple[int, int],
    mentions: list[ActorMention],
    people: frozenset[str],
    last: tuple[str | None, str] | None = None,
) -> tuple[str | None, str] | None:
    """(actor id, name as written) of the subject of a speech verb outside the quote, or of the object
    of "according to"; None when the parse does not name one. ``last``: the speaker of the quote
    before, whom "he" or "she" takes up when the document names no person the registry knows."""
    if parse is None:
        return None
    speech = cues().speech_verbs
    for token in scope:
        if quote[0] <= token.idx < quote[1] or not parse.parsed(token.i):
            continue
        if token.lower_ in speech:
            subjects = _subjects(parse, token.i, lambda k: quote[0] <= doc[k].idx < quote[1])
        elif token.lower_ == "according":
            subjects = [
                p
                for k in parse.children(token.i)
                if token_view(doc).lower[k] == "to"
                for p in parse.children(k)
                if parse.deps[p] == "pobj"
            ]
        else:
            continue
        for s in subjects:
            found = _speaker_of(doc, parse, s, mentions, people)
            if found is None and last is not None and token_view(doc).lower[s] in PRONOUN_PEOPLE:
                found = _person_named(last, people)
            if found is not None:
                return found
    return None


def _person_named(speaker: tuple[str | None, str], people: frozenset[str]) -> tuple[str | None, str] | None:
    """A previous speaker "he" may stand for: a person, or a name as written (capitalised words)."""
    actor, written = speaker
    if actor is not None:
        return speaker if actor in people else None
    words = written.split()
    return speaker if words and all(w[:1].isupper() for w in words) else None


PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
PARTICIPLE_REACH = 3  # heads climbed from a participle to the clause whose subject it shares


def _subjects(parse: Parse, verb: int, quoted: Callable[[int], bool]) -> list[int]:
    """The subject of a speech verb. A participle with none of its own ("X echoed the message,
    tweeting: …", "…, X concluded, adding …") shares the subject of the clause it hangs from, found up
    its heads outside the quotation (the parser may hang it from a noun: "message, tweeting")."""
    own = [k for k in parse.children(verb) if parse.deps[k] in ("nsubj", "nsubjpass")]
    if own or parse.tags[verb] not in PARTICIPLE_TAGS:
        return own
    k = verb
    for _ in range(PARTICIPLE_REACH):
        head = parse.heads[k]
        if head == k or not parse.parsed(head) or quoted(head):
            break
        subjects = [s for s in parse.children(head) if parse.deps[s] in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects
        k = head
    return []


def _speaker_of(
    doc: Doc, parse: Parse, token: int, mentions: list[ActorMention], people: frozenset[str]
) -> tuple[str | None, str] | None:
    """The speaker a subject token names: a mention it lies in or that stands in apposition to it,
    a pronoun's or a role's nearest compatible name before it, or a name as written."""
    lower = token_view(doc).lower
    inside = next((m for m in mentions if m.start <= token < m.end), None)
    if inside is not None:
        return inside.actor, doc[inside.start : inside.end].text
    # antecedents stand outside quotes: "“The Council will do all it can,” it said" is not the Council
    said = [m for m in mentions if m.end <= token and not quoted_at(doc_text(doc), doc[m.start].idx)]
    if lower[token] in PRONOUN_PEOPLE:
        return _nearest(doc, _salient([m for m in said if m.actor in people], lower))
    if lower[token] in PRONOUN_GROUPS:
        return _nearest(doc, [m for m in said if m.actor not in people])
    if parse.tags[token] in ("NNP", "NNPS"):
        # "Getachew said": a person named in full before, called by one of their names; else the
        # name as written, with no actor
        earlier = _nearest(doc, [m for m in said if m.actor in people and _calls(doc, m, doc[token].text)])
        if earlier is not None:
            return earlier
        name = [k for k in parse.children(token) if parse.deps[k] == "compound" and parse.tags[k] == "NNP"]
        start = min([token, *name])
        return None, doc[start : token + 1].text
    phrase = parse.subtree(token, frozenset({"compound", "appos", "amod", "poss", "prep", "pobj", "nmod"}))
    named = [m for m in mentions if any(m.start <= i < m.end for i in phrase)]
    persons = [m for m in named if m.actor in people]
    if persons or named:
        best = (persons or named)[0]
        if lower[token] not in cues().apposition_roles or persons:
            return best.actor, doc[best.start : best.end].text
    if lower[token] in cues().apposition_roles:  # "the spokesman said": the nearest spokesman named
        role = lower[token]
        titled = [m for m in mentions if m.actor in people and m.end <= token and _has_role(lower, m, role)]
        if titled:
            return _nearest(doc, titled)
    return None


ROLE_REACH = 6  # tokens before or after a name where its role may stand ("X, a Taliban spokesman,")


def _has_role(lower: list[str], m: ActorMention, role: str) -> bool:
    return role in lower[max(0, m.start - ROLE_REACH) : m.start] or role in lower[m.end : m.end + ROLE_REACH]


def _calls(doc: Doc, m: ActorMention, name: str) -> bool:
    """One of the words of the mention ``m`` is ``name``."""
    return any(t.text == name for t in doc[m.start : m.end])


def _salient(found: list[ActorMention], lower: list[str]) -> list[ActorMention]:
    """The antecedents a pronoun prefers: a possessor ("Haftar's militias") is rarely what "he" takes
    up when someone else was named as subject or object; possessors count only when no one else is
    named."""
    plain = [m for m in found if m.end >= len(lower) or lower[m.end] not in POSSESSIVE]
    return plain or found


def _nearest(doc: Doc, found: list[ActorMention]) -> tuple[str | None, str] | None:
    if not found:
        return None
    m = max(found, key=lambda x: x.start)
    return m.actor, doc[m.start : m.end].text


def _paragraph_end(text: str, at: int) -> int:
    """Where the paragraph holding character ``at`` ends."""
    end = text.find("\n\n", at)
    return len(text) if end < 0 else end


def _continues(doc: Doc, scope: Span, begin: int, end: int, previous_end: int) -> bool:
    """A quote (``begin``..``end``, marks included) that opens its sentence right after the sentence of
    the previous quote (in its paragraph or as the next paragraph) and is all of its sentence: the same
    speaker goes on. Its opening mark may have been left at the end of the sentence before."""
    text = doc_text(doc)
    start = min(scope.start_char, begin)
    if text[previous_end:start].strip():
        return False  # something else stands between them
    return not text[start:begin].strip() and not text[end : scope.end_char].strip(" \t\n.")
