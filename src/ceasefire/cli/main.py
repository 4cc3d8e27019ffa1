"""The ``ceasefire`` command: a thin layer that turns library calls into terminal output.

Every command opens the store or calls the pipeline and prints; errors the user
can fix become one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from ceasefire import pipeline
from ceasefire.cli.tables import ceasefire_table, timeline_table
from ceasefire.config import ExtractConfig
from ceasefire.errors import CeasefireError
from ceasefire.ingest.readers import SUFFIXES, read_paths, suffix_of
from ceasefire.models import Export
from ceasefire.store import Store
from ceasefire.types import ReadFailure

app = typer.Typer(
    name="ceasefire",
    help="Read conflict news and keep a source-linked record of ceasefires, talks and violence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Piped output has no terminal width to fit; wide tables stay readable rather than folded to 80.
out = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 180)
err = Console(stderr=True, soft_wrap=True, highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLAlchemy URL; default $CEASEFIRE_DB, then sqlite:///ceasefire.db."),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published", help="Publication date for every document read (ISO: 2021-11-21, 2024-02, 2014)."
    ),
]


ActorsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--actors",
        metavar="FILE",
        help="Your own actors (YAML, as in data/actors/*.yaml), merged over the registry; repeatable.",
    ),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def _config(actors: list[str] | None) -> ExtractConfig:
    """The extraction config of the command line; a bad actor file is a usage error (exit 2)."""
    try:
        return pipeline.check_config(ExtractConfig(actor_files=tuple(actors or ())))
    except CeasefireError as exc:
        raise _fail(str(exc)) from None


def _print_json(data: str) -> None:
    sys.stdout.write(data)
    sys.stdout.write("\n")


def _dump(export: Export) -> str:
    return export.model_dump_json(by_alias=True, indent=2)


def _count_inputs(paths: list[str]) -> int | None:
    """Files to read, for the progress bar's total (``None`` when reading stdin)."""
    if "-" in paths:
        return None
    total = 0
    for name in paths:
        path = Path(name)
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if suffix_of(p.name) in SUFFIXES and p.is_file())
        else:
            total += 1
    return total


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively) or - for stdin.")],
    db: DbOption = None,
    published: PublishedOption = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every document read.")] = None,
    workers: Annotated[
        int,
        typer.Option(min=1, help="Local extraction processes (with --dask local: the cluster's workers)."),
    ] = 1,
    actors: ActorsOption = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'.",
            metavar="ADDRESS",
        ),
    ] = None,
) -> None:
    """Read, extract and store documents; the same text twice is stored once.

    Exit status 0 when every file went in, 1 when some failed (each named on stderr).

    Example: ceasefire ingest examples/ --db sqlite:///sample.db --actors my_actors.yaml
    """
    try:
        when = pipeline.check_date(published)
    except CeasefireError as exc:
        raise _fail(str(exc)) from None
    config = _config(actors)

    def report(failure: ReadFailure) -> None:
        err.print(f"failed: {failure}", markup=False)

    with (
        Store(db) as store,
        Progress(
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as progress,
    ):
        task = progress.add_task("ingesting", total=_count_inputs(paths))
        files: set[str] = set()
        documents = 0

        def advance(source: str) -> None:
            nonlocal documents
            documents += 1
            name = source.split("#", 1)[0]
            advance_files = 0 if name in files else 1
            files.add(name)
            progress.update(task, advance=advance_files, description=f"{documents} documents")

        summary = pipeline.ingest(
            paths,
            store,
            stdin=sys.stdin.buffer if "-" in paths else None,
            published=when,
            outlet=outlet,
            workers=workers,
            config=config,
            on_progress=advance,
            on_failure=report,
            dask=dask,
        )
    err.print(summary.line(), markup=False)
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="A file, or - for stdin.")],
    published: PublishedOption = None,
    actors: ActorsOption = None,
) -> None:
    """Extract one document without a database and print its export JSON.

    Example: ceasefire extract article.txt --published 2022-11-29
    """
    try:
        when = pipeline.check_date(published)
    except CeasefireError as exc:
        raise _fail(str(exc)) from None
    config = _config(actors)
    extractions = []
    for item in read_paths([file], stdin=sys.stdin.buffer if file == "-" else None):
        if isinstance(item, ReadFailure):
            raise _fail(str(item), 1)
        try:
            extractions.append(pipeline.process(item, published=when, config=config))
        except CeasefireError as exc:
            raise _fail(f"{item.source}: {exc}", 1) from None
    _print_json(_dump(pipeline.to_export(extractions)))


def _format_help() -> str:
    from ceasefire.export import formats

    return "Output format: " + ", ".join(formats.names()) + "."


@app.command()
def export(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help=_format_help())] = "json",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write; default stdout.")
    ] = None,
) -> None:
    """Write the whole store in a given format (json is shared/spec/DATA_MODEL.md exactly).

    Formats come from the registry of ceasefire/export/formats.py (installed packages can add more).

    Example: ceasefire export --db sqlite:///sample.db --format acled-csv -o events.csv
    """
    from ceasefire.export import formats

    try:
        writer = formats.get(fmt)
    except CeasefireError as exc:
        raise _fail(str(exc)) from None
    with Store(db) as store:
        record = store.export()
    if output is None:
        writer.write(record, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    with output.open("wb") as handle:
        writer.write(record, handle)
    err.print(f"wrote {output}", markup=False)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier JSON export.")],
    new: Annotated[Path, typer.Argument(help="The later JSON export.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """List the records added, removed and changed between two JSON exports, kind by kind.

    Exit status 0 whether or not they differ.

    Example: ceasefire diff release-1.json release-2.json --json
    """
    import json

    from ceasefire.cli.tables import diff_table
    from ceasefire.export.diff import diff_files

    try:
        result = diff_files(old, new)
    except CeasefireError as exc:
        raise _fail(str(exc), 1) from None
    if as_json:
        _print_json(json.dumps(result.as_dict(), indent=2))
    else:
        out.print(diff_table(result))


@app.command()
def ceasefires(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option(help="Only episodes with this actor id as a party or mediator.")
    ] = None,
) -> None:
    """The ceasefire registry as a table.

    Example: ceasefire ceasefires --db sqlite:///sample.db --actor ttp
    """
    with Store(db) as store:
        registry = store.ceasefires()
        names = {a.id: a.name for a in store.actors()}
    if actor:
        registry = [c for c in registry if actor in c.parties or actor in c.mediators]
    out.print(ceasefire_table(registry, names))


@app.command()
def timeline(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Only events with this actor id.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest date (ISO).")] = None,
    until: Annotated[str | None, typer.Option(help="Latest date (ISO).")] = None,
    family: Annotated[
        list[str] | None,
        typer.Option(help="Only these families: ceasefire, talks, violence, or an event type."),
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Show only the latest N events.")] = None,
) -> None:
    """Events in date order, each marked with the ceasefire episode it belongs to or falls inside.

    Example: ceasefire timeline --db sqlite:///sample.db --since 2021 --family ceasefire
    """
    from ceasefire.cli.tables import select_events

    try:
        for value in (since, until):
            pipeline.check_date(value)
    except CeasefireError as exc:
        raise _fail(str(exc)) from None
    with Store(db) as store:
        events = store.events()
        registry = store.ceasefires()
        names = {a.id: a.name for a in store.actors()}
    chosen = select_events(events, actor=actor, since=since, until=until, families=family or [], limit=limit)
    out.print(timeline_table(chosen, registry, names))


@app.command()
def classify(
    file: Annotated[str, typer.Argument(help="A file with one snippet per line, or - for stdin.")] = "-",
    actors: ActorsOption = None,
) -> None:
    """Classify snippets: one JSON object per input line with the event type and ACLED's types.

    ``--actors`` files are checked as for ingest; the event type does not depend on actors.

    Example: echo "A suicide bomber killed 12 soldiers in Bannu." | ceasefire classify
    """
    import json

    from ceasefire.events.classify import classify_many

    _config(actors)

    try:
        handle = sys.stdin if file == "-" else open(file, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        raise _fail(f"{file}: cannot read: {exc.strerror}", 1) from None
    with handle:
        for result in classify_many(handle):
            sys.stdout.write(json.dumps(result) + "\n")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    allow_write: Annotated[
        bool, typer.Option("--allow-write", help="Accept requests that store articles (they need --token).")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(envvar="CEASEFIRE_TOKEN", help="Secret that write requests send as a bearer token."),
    ] = None,
    max_upload: Annotated[int, typer.Option(min=1, help="Largest request body in bytes.")] = 2_000_000,
    rate_limit: Annotated[
        int, typer.Option(min=0, help="Requests per client per minute (0: no limit).")
    ] = 1200,
) -> None:
    """Serve the dashboard and the REST API over the store (read-only unless --allow-write).

    Example: ceasefire serve --db sqlite:///sample.db   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from ceasefire.web.app import Settings, create_app

    try:
        settings = Settings(allow_write=allow_write, token=token, max_body=max_upload, rate=rate_limit)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    application = create_app(db, settings)
    err.print(
        f"ceasefire dashboard on http://{host}:{port}/ (API: /api/, described at /openapi.json)",
        markup=False,
    )
    uvicorn.run(application, host=host, port=port, log_level="warning")


def main() -> None:
    """Entry point that keeps library errors to one line."""
    try:
        app()
    except CeasefireError as exc:
        err.print(f"error: {exc}", markup=False)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
