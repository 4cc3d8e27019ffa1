"""spaCy's statistical dependency parser, run on chosen sentences of a processed document.

The model is the same pinned ``en_core_web_sm`` 3.8.0 as for names (``nlp/ner.py``): its shared
``tok2vec``, ``tagger`` and ``parser``. The attribute ruler, which maps tags to coarse parts of
speech, is left out: it took longer than the parser itself, and the rules only ask whether a token
is a verb, which its Penn tag says (``VB*``, ``MD``).
A parse costs a few milliseconds a sentence, so only the sentences that hold an event trigger are
parsed, all the sentences of a batch of documents in one pass of the model. Our own sentence
boundaries are kept: each chosen sentence is handed to the parser as one sentence.

Arcs come back in document token positions, so reading rules index the parse with the same
positions as every mention, date and trigger of the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps

from ceasefire.nlp.ner import BATCH, MODEL_PACKAGE, ner_pipeline, span_doc

EXCLUDED = ("ner", "senter", "lemmatizer", "attribute_ruler")
NOT_PARSED = -1


@dataclass
class Parse:
    """Dependency arcs of the parsed sentences of one document, by document token position.

    ``heads[i]`` is the position of token ``i``'s head (a root is its own head) or ``NOT_PARSED``;
    ``deps[i]`` its dependency label and ``tags[i]`` its Penn Treebank tag ("" when not parsed).
    """

    heads: list[int]
    deps: list[str]
    tags: list[str]
    _children: dict[int, list[int]] | None = field(default=None, repr=False)

    @classmethod
    def empty(cls, length: int) -> Parse:
        return cls([NOT_PARSED] * length, [""] * length, [""] * length)

    def parsed(self, i: int) -> bool:
        return 0 <= i < len(self.heads) and self.heads[i] != NOT_PARSED

    def is_verb(self, i: int) -> bool:
        """A verb or modal by its tag (VB, VBD, VBG, VBN, VBP, VBZ, MD)."""
        return self.tags[i].startswith("VB") or self.tags[i] == "MD"

    def children(self, i: int) -> list[int]:
        """Positions of the tokens whose head is ``i``, in order."""
        if self._children is None:
            kids: dict[int, list[int]] = {}
            for k, h in enumerate(self.heads):
                if h != NOT_PARSED and h != k:
                    kids.setdefault(h, []).append(k)
            self._children = kids
        return self._children.get(i, [])

    def subtree(self, i: int, through: frozenset[str] | None = None) -> list[int]:
        """``i`` and its descendants, in order; with ``through``, only along arcs with those labels."""
        seen, todo = [i], [i]
        while todo:
            for child in self.children(todo.pop()):
                if through is None or self.deps[child] in through:
                    seen.append(child)
                    todo.append(child)
        return sorted(seen)


@cache
def parse_pipeline() -> Language:
    """The parsing components of the pinned model (loaded once per process), on numpy's matrix
    product as NER is (``ner_pipeline``): a few short sentences per call."""
    ner_pipeline()  # checks the installed model's name and version
    module = cast(Any, import_module(MODEL_PACKAGE))
    nlp = cast(Language, module.load(exclude=list(EXCLUDED)))
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops
    return nlp


def parse_many(items: Sequence[tuple[Doc, Sequence[tuple[int, int]]]]) -> list[Parse]:
    """Parse the token spans (sentences) of several documents with one pass of the model.

    items: (document, its spans in order and not overlapping) pairs.
    RETURNS (list[Parse]): one parse per document; tokens outside the spans are not parsed.
    """
    found = [Parse.empty(len(doc)) for doc, _spans in items]
    chosen = [k for k, (_doc, spans) in enumerate(items) if spans]
    if not chosen:
        return found
    nlp = parse_pipeline()
    docs: list[Doc] = []
    index: list[list[int]] = []
    for k in chosen:
        made, positions = span_doc(nlp, *items[k], sentences=True)
        docs.append(made)
        index.append(positions)
    for _name, component in nlp.pipeline:
        docs = list(cast(Any, component).pipe(docs, batch_size=BATCH))
    for k, done, positions in zip(chosen, docs, index, strict=True):
        parse = found[k]
        for token in done:
            i = positions[token.i]
            parse.heads[i] = positions[token.head.i]
            parse.deps[i] = token.dep_
            parse.tags[i] = token.tag_
    return found
