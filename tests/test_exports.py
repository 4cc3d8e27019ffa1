"""Every export format, written from a store of real ingested examples and read back (issue 4)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from ceasefire.cli.main import app
from ceasefire.export import formats
from ceasefire.export.acled_csv import ACLED_COLUMNS, geo_precision, time_precision
from ceasefire.export.ceasefires_csv import ymd
from ceasefire.export.flat import EVENT_COLUMNS
from ceasefire.models import DateValue, Export, Place
from ceasefire.pipeline import ingest
from ceasefire.store import Store
from tests.conftest import BACKENDS, REPO, fresh_database

UCDP_SLICE = 300


@pytest.fixture(scope="module", params=BACKENDS)
def sample_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The two articles and the first UCDP headlines, ingested into a store on each backend."""
    folder = tmp_path_factory.mktemp("exports")
    lines = (REPO / "examples" / "ucdp-ged-pakistan.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "ucdp.jsonl").write_text("\n".join(lines[:UCDP_SLICE]) + "\n", encoding="utf-8")
    url = fresh_database(request, request.param, folder)
    with Store(url) as store:
        ingest([str(REPO / "examples" / "articles"), str(folder / "ucdp.jsonl")], store)
    return url


@pytest.fixture(scope="module")
def record(sample_db: str) -> Iterator[Export]:
    with Store(sample_db) as store:
        yield store.export()


def written(name: str, export: Export) -> bytes:
    out = io.BytesIO()
    formats.get(name).write(export, out)
    return out.getvalue()


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_formats_registry_lists_the_builtins_in_order() -> None:
    assert formats.names()[:5] == ["json", "acled-csv", "ceasefires-csv", "geojson", "parquet"]
    assert all(isinstance(f, formats.Format) for f in formats.registry().values())


@pytest.mark.parametrize("name", ["json", "acled-csv", "ceasefires-csv", "geojson", "parquet"])
def test_exports_are_byte_identical_for_an_unchanged_store(sample_db: str, name: str) -> None:
    with Store(sample_db) as store:
        first = written(name, store.export())
    with Store(sample_db) as store:
        second = written(name, store.export())
    assert first and first == second


def test_exports_json_is_the_contract(record: Export) -> None:
    data = written("json", record)
    assert data == (record.model_dump_json(by_alias=True, indent=2) + "\n").encode("utf-8")
    assert Export.model_validate_json(data) == record


def test_exports_acled_csv_columns_and_rows(record: Export) -> None:
    rows = read_csv(written("acled-csv", record))
    assert rows, "the sample has ACLED-typed events"
    assert list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    for needed in ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2"):
        assert needed in rows[0]
    expected = [
        e
        for e in record.events
        if e.acled and e.date.precision != "unknown" and e.modality not in {"negated", "hypothetical"}
    ]
    assert len(rows) == len(expected)
    assert [r["event_id_cnty"] for r in rows] == sorted(e.id for e in expected)
    assert {r["time_precision"] for r in rows} <= {"1", "2", "3"}
    assert {r["geo_precision"] for r in rows} <= {"", "1", "2", "3"}
    assert all(r["fatalities"].isdigit() for r in rows)
    assert all(r["fatalities_known"] == "true" or r["fatalities"] == "0" for r in rows)
    assert any(r["source"] for r in rows) and all(r["notes"] for r in rows)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [("2022-06-01", "2022-06-01", 1), ("2022-06-01", "2022-06-07", 2), ("2022-06-01", "2022-06-30", 3)],
)
def test_exports_acled_time_precision(start: str, end: str, expected: int) -> None:
    assert time_precision(start, end) == expected


@pytest.mark.parametrize(("where_prec", "expected"), [(1, 1), (2, 2), (3, 2), (4, 3), (6, 3), (None, 1)])
def test_exports_acled_geo_precision(where_prec: int | None, expected: int) -> None:
    assert geo_precision(Place(id="x", name="X", kind="city", precision=where_prec)) == expected


def test_exports_ceasefires_csv_one_row_per_episode(record: Export) -> None:
    rows = read_csv(written("ceasefires-csv", record))
    assert len(rows) == len(record.ceasefires) > 0
    assert [r["ceasefire_id"] for r in rows] == sorted(c.id for c in record.ceasefires)
    for needed in ("actor_name", "mediator_nego", "declare", "ceasefire_class", "written", "cf_effect_yr"):
        assert needed in rows[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (DateValue(start="2022-06-01", end="2022-06-01", precision="day"), ("2022", "06", "01")),
        (DateValue(start="2022-06-01", end="2022-06-30", precision="month"), ("2022", "06", None)),
        (DateValue(start="2009-01-01", end="2014-12-31", precision="range"), (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_exports_ceasefires_date_parts_never_overstate(
    value: DateValue | None, expected: tuple[str | None, ...]
) -> None:
    assert ymd(value) == expected


def test_exports_geojson_structure(record: Export) -> None:
    data = json.loads(written("geojson", record))
    assert data["type"] == "FeatureCollection"
    events = {e.id for e in record.events}
    places = {p.id: p for p in record.places}
    located = {e.id for e in record.events if e.place and places[e.place].lat is not None}
    assert len(data["features"]) == len(located) > 0
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["id"] in events and feature["properties"]["id"] == feature["id"]
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["evidence"]


def test_exports_parquet_reads_back(record: Export, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    path.write_bytes(written("parquet", record))
    table = pq.read_table(path)
    assert table.num_rows == len(record.events)
    assert table.column_names == [name for name, _ in EVENT_COLUMNS]
    assert sorted(table.column("id").to_pylist()) == table.column("id").to_pylist()


def test_exports_store_frames(sample_db: str, record: Export) -> None:
    with Store(sample_db) as store:
        events, ceasefires, actors = store.events_frame(), store.ceasefires_frame(), store.actors_frame()
        typed = store.events()
    assert len(events) == len(typed) == len(record.events)
    assert len(ceasefires) == len(record.ceasefires) and len(actors) == len(record.actors)
    assert {"date_start", "agent", "agent_names", "fatalities_best"} <= set(events.columns)
    assert str(events["fatalities_best"].dtype) == "Int64"


@pytest.mark.parametrize("name", ["acled-csv", "geojson", "parquet"])
def test_cli_export_formats(sample_db: str, record: Export, tmp_path: Path, name: str) -> None:
    target = tmp_path / f"out.{name}"
    result = CliRunner().invoke(app, ["export", "--db", sample_db, "--format", name, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == written(name, record)


def test_cli_export_unknown_format_lists_choices(sample_db: str) -> None:
    result = CliRunner().invoke(app, ["export", "--db", sample_db, "--format", "xlsx"])
    assert result.exit_code == 2
    assert "acled-csv" in result.output
