"""The shared spaCy pipeline: a blank English tokenizer plus rule components.

No statistical model runs here, so everything downstream (actors, events, dates)
works from token patterns; the one statistical step, NER for names no registry
knows, reads chosen sentences through ``nlp/ner.py``. Components are registered at import under versioned
names (spaCy forbids dots in component names, hence ``ceasefire_*_v1``);
building the pipeline is deferred to :func:`make_nlp`, which is cached.
"""

from __future__ import annotations

from functools import cache
from typing import cast

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

from ceasefire.nlp.tokens import doc_text

SENTENCE_END = frozenset({".", "!", "?"})
_BREAK_CHARS = frozenset("".join(SENTENCE_END) + "\n")
CLOSERS = frozenset({"”", '"', "’", "'", ")", "]"})
# Abbreviations that end in a separate "." token in spaCy's English tokenizer
# ("Lt." -> "Lt", ".") and must not end a sentence.
ABBREVIATIONS = frozenset(
    {
        "lt",
        "col",
        "maj",
        "brig",
        "capt",
        "sgt",
        "gen",
        "gov",
        "no",
        "st",
        "dr",
        "mr",
        "mrs",
        "ms",
        "vs",
        "ret",
    }
)
# Hyphen or space compounds merged into one token so patterns can name them once (longest first).
COMPOUNDS = (
    ("cease", "-", "fire"),
    ("cease", "fire"),
    ("cease", "-", "fires"),
    ("cease", "fires"),
    # the terms of art agreements use for a ceasefire: one token, so every ceasefire rule reads them
    ("cessation", "of", "all", "hostilities"),
    ("cessation", "of", "military", "hostilities"),
    ("cessation", "of", "hostilities"),
    ("reduction", "-", "in", "-", "violence"),
    ("reduction", "in", "violence"),
    ("reduction", "of", "violence"),
    ("humanitarian", "pause"),
)
COMPOUND_STARTS = frozenset(c[0] for c in COMPOUNDS)


def _compound_at(doc: Doc, i: int, compound: tuple[str, ...]) -> bool:
    """The parts of a compound at token ``i``; hyphenated ones written without spaces."""
    end = i + len(compound)
    if end > len(doc) or any(doc[i + k].lower_ != part for k, part in enumerate(compound)):
        return False
    return "-" not in compound or all(not doc[i + k].whitespace_ for k in range(len(compound) - 1))


@Language.component("ceasefire_compound_merger_v1")
def merge_compounds(doc: Doc) -> Doc:
    """Merge spelling variants such as "cease-fire" into one token (offsets are kept)."""
    text = doc_text(doc).lower()  # joined once and kept on the doc (retokenizing keeps the text)
    if not any(start in text for start in COMPOUND_STARTS):
        return doc  # no compound can start in this text: skip the token loop
    spans = []
    i = 0
    while i < len(doc):
        if doc[i].lower_ not in COMPOUND_STARTS:  # most tokens start none: skip them cheaply
            i += 1
            continue
        for compound in COMPOUNDS:
            end = i + len(compound)
            if _compound_at(doc, i, compound):
                spans.append(doc[i:end])
                i = end - 1
                break
        i += 1
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


def _sentence_break_after(doc: Doc, i: int) -> int | None:
    """Index of the token that opens a new sentence after token ``i``, if ``i`` ends one.

    Only called for a line break or a token in ``SENTENCE_END``.
    """
    token = doc[i]
    if token.is_space and "\n" in token.text:
        return i + 1
    if token.text not in SENTENCE_END:
        return None
    if token.text == "." and i > 0 and doc[i - 1].lower_ in ABBREVIATIONS and not doc[i - 1].whitespace_:
        return None
    j = i + 1
    # closing quotes and brackets stay with the sentence they close
    while j < len(doc) and (doc[j].text in CLOSERS or doc[j].text in SENTENCE_END):
        j += 1
    if j >= len(doc) or doc[j].is_lower or doc[j].is_space:
        return None  # a following line break opens the next sentence itself
    return j


@Language.component("ceasefire_paragraph_sentencizer_v1")
def split_sentences(doc: Doc) -> Doc:
    """Mark sentence starts at ., ! and ? and at every line break (paragraphs, headlines)."""
    # one array write instead of a Token object per token: 1 opens a sentence, -1 does not
    values = numpy.full(len(doc), -1, dtype="int64")
    values[:1] = 1
    # only sentence-end marks and line breaks can end a sentence: look at those tokens alone,
    # and at none when the text has no such character (most headlines)
    if not _BREAK_CHARS.isdisjoint(doc_text(doc)):
        texts = [t.text for t in doc]
        for i in [i for i, text in enumerate(texts) if text in SENTENCE_END or "\n" in text]:
            j = _sentence_break_after(doc, i)
            if j is not None and j < len(doc):
                values[j] = 1
    values = values.astype("uint64")
    doc.from_array([SENT_START], cast(Ints2d, values.reshape(-1, 1)))
    return doc


@cache
def make_nlp() -> Language:
    """Build the pipeline once per process.

    RETURNS (Language): ``spacy.blank("en")`` with compound merging and sentence splitting.
    """
    nlp = spacy.blank("en")
    nlp.add_pipe("ceasefire_compound_merger_v1")
    nlp.add_pipe("ceasefire_paragraph_sentencizer_v1")
    return nlp
