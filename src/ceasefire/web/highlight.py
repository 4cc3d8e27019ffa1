"""A document's text cut into nested pieces for highlighting, without ever writing HTML.

Sentences that back events and quotes are the outer layer; actor and place mentions
the inner one. Spans that would cross (a mention running out of its sentence, two
overlapping sentences) are dropped rather than drawn wrongly, so the pieces always
nest and always add up to the text exactly. The template turns pieces into markup,
and Jinja2 escapes every piece of text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ceasefire.store.queries import Span

OUTER = ("event", "quote")
INNER = ("actor", "place")


@dataclass
class Piece:
    """Plain text (``span`` None) or a highlighted span with the pieces inside it."""

    text: str = ""
    span: Span | None = None
    children: list[Piece] = field(default_factory=list)


def _non_overlapping(spans: Sequence[Span], length: int) -> list[Span]:
    kept: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if 0 <= s.start < s.end <= length and (not kept or s.start >= kept[-1].end):
            kept.append(s)
    return kept


def _flat(text: str, start: int, end: int, spans: Sequence[Span]) -> list[Piece]:
    """``text[start:end]`` with the inner ``spans`` (all inside it, not overlapping) marked."""
    out: list[Piece] = []
    at = start
    for s in spans:
        if s.start > at:
            out.append(Piece(text[at : s.start]))
        out.append(Piece(span=s, children=[Piece(text[s.start : s.end])]))
        at = s.end
    if at < end:
        out.append(Piece(text[at:end]))
    return out


def pieces(text: str, spans: Sequence[Span]) -> list[Piece]:
    """The whole of ``text`` as pieces; concatenating their texts gives ``text`` back."""
    outer = _non_overlapping([s for s in spans if s.kind in OUTER], len(text))
    inner = _non_overlapping([s for s in spans if s.kind in INNER], len(text))
    # an inner span must lie wholly inside one outer span or wholly outside all of them
    inner = [
        s
        for s in inner
        if all(s.end <= o.start or s.start >= o.end or (o.start <= s.start and s.end <= o.end) for o in outer)
    ]
    out: list[Piece] = []
    at = 0
    for o in outer:
        out += _flat(text, at, o.start, [s for s in inner if at <= s.start and s.end <= o.start])
        out.append(
            Piece(
                span=o,
                children=_flat(
                    text, o.start, o.end, [s for s in inner if o.start <= s.start and s.end <= o.end]
                ),
            )
        )
        at = o.end
    out += _flat(text, at, len(text), [s for s in inner if s.start >= at])
    return out


def joined(parts: Sequence[Piece]) -> str:
    """The text the pieces cover (for tests: it must equal the document's text)."""
    return "".join(p.text + joined(p.children) for p in parts)
