"""Gazetteer matching shared by actors and places.

Multi-word names match case-insensitively (attr LOWER: "Haqqani network" or
"Haqqani Network"); single tokens and all-caps forms match case-sensitively
(attr ORTH) so "Dawn" the newspaper is not "dawn" and "US" is not "us".
Overlaps are resolved longest-first, so "Sirajuddin Haqqani" beats "Haqqani".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ceasefire.nlp.pipeline import make_nlp

_HYPHEN_BETWEEN_LETTERS = re.compile(r"(?<=\w)-(?=\w)")


@dataclass(frozen=True)
class PhraseMatchers:
    """A case-insensitive and a case-sensitive matcher over the same keys."""

    lower: PhraseMatcher
    orth: PhraseMatcher


def spelling_variants(name: str) -> set[str]:
    """A name plus its hyphen/space and straight/curly apostrophe variants."""
    variants = {name}
    if _HYPHEN_BETWEEN_LETTERS.search(name):
        variants.add(_HYPHEN_BETWEEN_LETTERS.sub(" ", name))
    for form in list(variants):
        if "'" in form:
            variants.add(form.replace("'", "’"))
    return variants


def is_case_sensitive(tokens: int, name: str) -> bool:
    """Single tokens and forms without lower-case letters (acronyms) must match exactly."""
    return tokens == 1 or not any(c.islower() for c in name)


def build_matchers(entries: Iterable[tuple[str, Iterable[str]]]) -> PhraseMatchers:
    """Build matchers from ``(key, names)`` pairs; every variant of every name is added."""
    nlp = make_nlp()
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    orth = PhraseMatcher(nlp.vocab, attr="ORTH")
    for key, names in entries:
        exact: list[Doc] = []
        loose: list[Doc] = []
        for name in names:
            for variant in spelling_variants(name):
                doc = nlp.make_doc(variant)
                (exact if is_case_sensitive(len(doc), variant) else loose).append(doc)
        if exact:
            orth.add(key, exact)
        if loose:
            lower.add(key, loose)
    return PhraseMatchers(lower, orth)


def match(doc: Doc, matchers: PhraseMatchers) -> list[Span]:
    """Non-overlapping matches, longest first, each labelled with its key."""
    spans = [
        Span(doc, start, end, label=key)
        for matcher in (matchers.lower, matchers.orth)
        for key, start, end in matcher(doc)
    ]
    return sorted(filter_spans(spans), key=lambda span: span.start)
