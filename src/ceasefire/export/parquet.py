"""``--format parquet``: the events as one flat Parquet table (pyarrow).

One file, one row per event, with the columns of ``flat.EVENT_COLUMNS`` (ids and
names of actors by role, dates, place and coordinates, fatalities, ACLED types,
first evidence). The other record kinds are one call away in Python:
``Store.ceasefires_frame().to_parquet(...)``, ``Store.actors_frame()``.
The file carries no timestamp, so an unchanged store gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from ceasefire.export.flat import EVENT_COLUMNS, ColumnType, Row, event_rows
from ceasefire.models import Export

ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    "string": pa.string(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
}


def arrow_schema(columns: tuple[tuple[str, ColumnType], ...]) -> pa.Schema:
    return pa.schema([pa.field(name, ARROW_TYPES[kind]) for name, kind in columns])


def arrow_table(rows: list[Row], columns: tuple[tuple[str, ColumnType], ...]) -> pa.Table:
    """An Arrow table of flat rows with a fixed schema (so an empty store still has columns)."""
    return pa.Table.from_pylist(rows, schema=arrow_schema(columns))


@dataclass(frozen=True)
class Parquet:
    name: str = "parquet"
    suffix: str = ".parquet"
    binary: bool = True
    description: str = "the events as one flat Parquet table"

    def write(self, export: Export, out: BinaryIO) -> None:
        table = arrow_table(event_rows(export.events, export.places, export.actors), EVENT_COLUMNS)
        pq.write_table(table, out)


FORMAT = Parquet()
