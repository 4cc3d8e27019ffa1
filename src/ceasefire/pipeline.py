"""The data's path in one place: read → clean and date → extract → store → resolve.

The CLI, the web app and the Python API all call these functions, so every
entry point produces the same record from the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache, partial
from itertools import islice
from typing import BinaryIO, TypeVar

from pydantic import TypeAdapter

from ceasefire.config import DEFAULT_CONFIG, ExtractConfig
from ceasefire.entities.actors import actor_model
from ceasefire.errors import CeasefireError, Errors
from ceasefire.events.extract import extract as extract_document
from ceasefire.events.extract import extract_many, warm_up
from ceasefire.ingest.clean import clean, load_patterns
from ceasefire.ingest.dating import parse_date, resolve_published
from ceasefire.ingest.readers import read_paths
from ceasefire.linking.ceasefires import build_registry
from ceasefire.models import Actor, Document, Export, Place, Published, document_id
from ceasefire.store import Store
from ceasefire.types import Extraction, RawDocument, ReadFailure

BATCH_SIZE = 200
POOL_CHUNK = 16  # documents per task of a local worker pool (extracted together)
# a news article is a few thousand words; a million characters is a book, a dump or an attack,
# and spaCy refuses longer texts anyway
MAX_DOCUMENT_CHARS = 1_000_000
DASK_CHUNK = 25  # documents per Dask task: enough work to outweigh a task's overhead
Located = TypeVar("Located", Actor, Place)


def check_date(value: str | None) -> Published | None:
    """Validate a date given by the user (``--published``), failing with a one-line reason."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise CeasefireError(Errors.E013.format(value=value)) from exc


def check_config(config: ExtractConfig) -> ExtractConfig:
    """Load what a config names once, so a bad user file fails before any document is read."""
    actor_model(config.actor_files)
    return config


def warm_up_pipeline(config: ExtractConfig = DEFAULT_CONFIG) -> None:
    """Load what cleaning and extraction read on first use, before the first timed document:
    for ingest, its workers and the benchmarks."""
    load_patterns()
    warm_up(config)


def prepare(
    raw: RawDocument,
    *,
    published: Published | None = None,
    outlet: str | None = None,
    today: date | None = None,
) -> Document:
    """Clean a raw document and date it; ``published``/``outlet`` override what the file says."""
    if len(raw.text) > MAX_DOCUMENT_CHARS:
        raise CeasefireError(Errors.E021.format(size=len(raw.text), limit=MAX_DOCUMENT_CHARS))
    cleaned = clean(raw.text, title=raw.title, plain=raw.plain)
    if not cleaned.text.strip():
        raise CeasefireError(Errors.E003)
    when = published or resolve_published(raw.published, cleaned.text, today or datetime.now(UTC).date())
    return Document(
        id=document_id(cleaned.text),
        source=raw.source,
        title=cleaned.title,
        outlet=outlet or raw.outlet,
        byline=raw.byline or cleaned.byline,
        published=when,
        text=cleaned.text,
        removed=cleaned.removed,
    )


def process(
    raw: RawDocument,
    *,
    published: Published | None = None,
    outlet: str | None = None,
    today: date | None = None,
    config: ExtractConfig = DEFAULT_CONFIG,
) -> Extraction:
    """One raw document through cleaning, dating and extraction (no database)."""
    return extract_document(prepare(raw, published=published, outlet=outlet, today=today), config)


def to_export(extractions: Sequence[Extraction]) -> Export:
    """Extractions of documents that are not stored, in the export shape (registry included)."""
    documents = [x.document for x in extractions]
    events = sorted((e for x in extractions for e in x.events), key=lambda e: (e.date.start or "9999", e.id))
    actors = _merge_by_id(a for x in extractions for a in x.actors)
    return Export(
        generated=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        documents=documents,
        actors=actors,
        places=_merge_by_id(p for x in extractions for p in x.places),
        events=events,
        ceasefires=build_registry(events, documents, {a.id: a.name for a in actors}),
        quotes=[q for x in extractions for q in x.quotes],
    )


def _merge_by_id(items: Iterable[Located]) -> list[Located]:
    """One record per id with the mentions of every copy, as the store would hold them."""
    merged: dict[str, Located] = {}
    for item in items:
        if item.id in merged:
            merged[item.id].mentions.extend(item.mentions)
        else:
            merged[item.id] = item.model_copy(deep=True)
    return [merged[k] for k in sorted(merged)]


def extract(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    outlet: str | None = None,
    config: ExtractConfig = DEFAULT_CONFIG,
) -> Export:
    """Extract one article without a database: the same records ``ceasefire export`` writes.

    :param text: the article as plain text.
    :param published: an ISO date (``2021-11-21``, ``2024-02``, ``2014``) to resolve relative dates against.
    :param config: user actor files and other settings (``ExtractConfig``).
    """
    raw = RawDocument(source=source or "<text>", text=text, title=title, outlet=outlet)
    return to_export([process(raw, published=check_date(published), config=check_config(config))])


@dataclass
class IngestSummary:
    """Counts for the one-line summary and the exit status."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    failures: list[ReadFailure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def line(self) -> str:
        return f"{self.read} documents read, {self.new} new, {self.duplicate} duplicate, {self.failed} failed"


def _batched(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


Work = Callable[[list[RawDocument]], "Results"]  # documents in, extractions or failures out, in order


def _local_map(work: Work, batch: list[RawDocument]) -> list[Extraction | ReadFailure]:
    return work(batch)


@cache
def _results() -> TypeAdapter[list[Extraction | ReadFailure]]:
    return TypeAdapter(list[Extraction | ReadFailure])


def _encoded_map(work: Work, batch: list[RawDocument]) -> bytes:
    """``_local_map`` whose results travel as JSON: on a two-core machine the client shares the
    cores with the workers, and reading JSON costs it about two thirds of unpickling the models."""
    return _results().dump_json(_local_map(work, batch))


Results = list[Extraction | ReadFailure]
# submits a batch for extraction and returns what waits for its results, so the next batch
# can be extracted while this process stores the last one
Submit = Callable[[list[RawDocument]], Callable[[], Results]]


def _local_submit(work: Work, batch: list[RawDocument]) -> Callable[[], Results]:
    done = _local_map(work, batch)
    return lambda: done


def _pool_submit(pool: ProcessPoolExecutor, work: Work, batch: list[RawDocument]) -> Callable[[], Results]:
    parts = [batch[i : i + POOL_CHUNK] for i in range(0, len(batch), POOL_CHUNK)]
    running = pool.map(work, parts)  # submitted now, collected in order later
    return lambda: [x for part in running for x in part]


@contextmanager
def dask_runner(address: str, work: Work, config: ExtractConfig, workers: int) -> Iterator[Submit]:
    """Extraction on a Dask cluster: ``address`` of a running scheduler, or ``local`` for a
    LocalCluster of ``workers`` processes (one thread each: the extractor holds the GIL).

    A batch is cut into chunks of documents, one task each, and gathered in order. Each
    worker warms its matchers once. Only extraction runs there; storing stays in this process.
    """
    from distributed import Client, LocalCluster

    with ExitStack() as stack:
        try:
            if address == "local":
                cluster = stack.enter_context(
                    LocalCluster(  # type: ignore[no-untyped-call]
                        n_workers=max(1, workers),
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                    )
                )
                client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
            else:
                client = stack.enter_context(Client(address, timeout="10s"))  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError) as exc:
            raise CeasefireError(
                Errors.E020.format(address=address, detail=str(exc).splitlines()[0])
            ) from None
        client.run(warm_up_pipeline, config)
        chunk = DASK_CHUNK

        def submit(batch: list[RawDocument]) -> Callable[[], Results]:
            parts = [batch[i : i + chunk] for i in range(0, len(batch), chunk)]
            futures = client.map(partial(_encoded_map, work), parts, pure=False)
            return lambda: [x for part in client.gather(futures) for x in _results().validate_json(part)]

        yield submit


def process_safely(
    raw: RawDocument,
    published: Published | None,
    outlet: str | None,
    today: date,
    config: ExtractConfig = DEFAULT_CONFIG,
) -> Extraction | ReadFailure:
    """``process`` that turns a document-level error into a failure record (picklable, for workers)."""
    try:
        return process(raw, published=published, outlet=outlet, today=today, config=config)
    except DOCUMENT_ERRORS as exc:
        return _failure(raw, exc)


def process_batch(
    batch: list[RawDocument],
    published: Published | None,
    outlet: str | None,
    today: date,
    config: ExtractConfig = DEFAULT_CONFIG,
) -> Results:
    """``process_safely`` for each document of ``batch``, in order, extracting them together
    (``extract_many``: one NER pass for all). Should extraction fail, each document is tried alone,
    so only the one that fails becomes a failure record."""
    prepared: list[Document | ReadFailure] = []
    for raw in batch:
        try:
            prepared.append(prepare(raw, published=published, outlet=outlet, today=today))
        except DOCUMENT_ERRORS as exc:
            prepared.append(_failure(raw, exc))
    try:
        extracted = iter(extract_many([p for p in prepared if isinstance(p, Document)], config))
    except DOCUMENT_ERRORS:
        return [process_safely(raw, published, outlet, today, config) for raw in batch]
    return [next(extracted) if isinstance(p, Document) else p for p in prepared]


DOCUMENT_ERRORS = (CeasefireError, ValueError, RecursionError, MemoryError)


def _failure(raw: RawDocument, exc: BaseException) -> ReadFailure:
    """The one-line failure record of a document that could not be processed."""
    if isinstance(exc, CeasefireError):
        return ReadFailure(raw.source, str(exc))
    return ReadFailure(raw.source, f"could not process: {type(exc).__name__}: {exc}".splitlines()[0])


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    stdin: BinaryIO | None = None,
    published: Published | None = None,
    outlet: str | None = None,
    workers: int = 1,
    config: ExtractConfig = DEFAULT_CONFIG,
    on_progress: Callable[[str], None] | None = None,
    on_failure: Callable[[ReadFailure], None] | None = None,
    batch_size: int = BATCH_SIZE,
    dask: str | None = None,
) -> IngestSummary:
    """Read, extract and store everything under ``paths``; failures are reported, never fatal.

    Documents go through in bounded batches, each stored in one transaction, so
    memory does not grow with the corpus; with ``workers`` > 1 each batch is
    extracted by that many local processes, each given the same ``config``; with
    ``dask`` (a scheduler address, or ``"local"`` for a LocalCluster of ``workers``
    processes) by a Dask cluster. Results come back in input order and are stored
    here, so every way of running gives the same store. The ceasefire registry is
    rebuilt at the end.
    """
    summary = IngestSummary()
    check_config(config)
    work = partial(
        process_batch, published=published, outlet=outlet, today=datetime.now(UTC).date(), config=config
    )

    def fail(failure: ReadFailure) -> None:
        summary.failures.append(failure)
        if on_failure:
            on_failure(failure)

    def documents() -> Iterator[RawDocument]:
        for item in read_paths(paths, stdin=stdin):
            if on_progress:
                on_progress(item.source)
            if isinstance(item, ReadFailure):
                fail(item)
            else:
                summary.read += 1
                yield item

    def keep(done: Results) -> None:
        for failure in (x for x in done if isinstance(x, ReadFailure)):
            fail(failure)
        result = store.add([x for x in done if isinstance(x, Extraction)])
        summary.new += len(result.new)
        summary.duplicate += len(result.duplicate)
        for source, reason in result.failed:
            fail(ReadFailure(source, reason))

    with ExitStack() as stack:
        submit: Submit
        if dask is not None:
            submit = stack.enter_context(dask_runner(dask, work, config, workers))
        elif workers > 1:
            pool = stack.enter_context(
                ProcessPoolExecutor(workers, initializer=warm_up_pipeline, initargs=(config,))
            )
            submit = partial(_pool_submit, pool, work)
        else:
            warm_up_pipeline(config)
            submit = partial(_local_submit, work)
        waiting: Callable[[], Results] | None = None
        for batch in _batched(documents(), batch_size):
            submitted = submit(batch)  # workers extract it while the batch before is stored
            if waiting is not None:
                keep(waiting())
            waiting = submitted
        if waiting is not None:
            keep(waiting())
    store.rebuild()
    return summary
