"""Direct quotes and who said them.

A quote is text between quotation marks of at least ``MIN_WORDS`` words in a
sentence that also attributes speech ("X said", "said X", "according to X") or
that is itself a full utterance (ends in sentence punctuation). Short scare
quotes ("its resolve") are not quotes. A quote may span sentences; its speaker
is looked for in every sentence it touches.

The speaker is the registry actor next to the speech verb ("TTP spokesman
Muhammad Khurasani said"), else a capitalised name there, else the role
phrase there ("a government source said"): kept as ``speaker_text`` with no
actor, because a role is not a name and inventing one would be worse than
leaving it open.
"""

from __future__ import annotations

import hashlib
import re

from spacy.tokens import Doc, Span

from ceasefire.entities.actors import ActorMention
from ceasefire.models import Evidence, Quote
from ceasefire.nlp.lexicons import cues
from ceasefire.nlp.tokens import doc_text, token_view

MIN_WORDS = 4
SPEAKER_REACH = 4  # tokens before a speech verb where its speaker's name may end: "the Committee (HNC) said"
QUOTED = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")
UTTERANCE_END = (".", ",", "!", "?")


def quote_id(doc_id: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{doc_id}|quote|{start}|{end}".encode()).hexdigest()[:16]


def _sentences(doc: Doc, start: int, end: int) -> Span | None:
    """The sentence or sentences a character span lies in."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    first, last = span[0].sent, span[-1].sent
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
    """A capitalised name right before or after a speech verb, when no actor was resolved."""
    for v in verbs:
        for start, end in ((v - 2, v), (v + 1, v + 3)):
            if start >= 0 and end <= len(doc) and all(t.is_title and t.is_alpha for t in doc[start:end]):
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


def find_quotes(doc: Doc, doc_id: str, mentions: list[ActorMention]) -> list[Quote]:
    """Direct quotes of a document with their speakers."""
    quotes = []
    for m in QUOTED.finditer(doc_text(doc)):
        group = 1 if m.group(1) is not None else 2
        text = m.group(group).strip()
        if len(text.split()) < MIN_WORDS:
            continue
        scope = _sentences(doc, m.start(), m.end())
        if scope is None:
            continue
        speaker, written, attributed = _speaker(doc, scope, (m.start(), m.end()), mentions)
        if not attributed and not text.endswith(UTTERANCE_END):
            continue
        stripped = scope.text.strip()
        start = scope.start_char + scope.text.index(stripped)
        evidence = Evidence(doc=doc_id, start=start, end=start + len(stripped), text=stripped)
        quotes.append(
            Quote(
                id=quote_id(doc_id, m.start(group), m.end(group)),
                speaker=speaker,
                speaker_text=written,
                text=text.rstrip(","),
                evidence=evidence,
            )
        )
    return quotes
