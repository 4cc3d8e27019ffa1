"""Extraction on a Dask cluster (a LocalCluster here) stores exactly what one process stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ceasefire.errors import CeasefireError
from ceasefire.pipeline import ingest
from ceasefire.store import Store

REPO = Path(__file__).resolve().parents[1]


def _export(url: str) -> dict[str, object]:
    with Store(url) as store:
        data = json.loads(store.export().model_dump_json())
    data.pop("generated")  # when the store last changed
    return data  # type: ignore[no-any-return]


def test_dask_local_cluster_gives_the_single_process_store(tmp_path: Path, db_url: str) -> None:
    """Workers extract, this process stores: into SQLite or a shared PostgreSQL alike, the
    store equals a single process's SQLite store."""
    lines = (REPO / "examples" / "ucdp-ged-pakistan.jsonl").read_text(encoding="utf-8").splitlines()
    sample = tmp_path / "sample.jsonl"
    # a record whose text cleans to nothing fails in the worker and must come back as a failure
    sample.write_text(
        "\n".join([*lines[:120], json.dumps({"text": " \u00a0 "}), *lines[120:250]]) + "\n", encoding="utf-8"
    )
    paths = [str(REPO / "examples" / "articles"), str(sample)]
    one, many = f"sqlite:///{tmp_path / 'one.db'}", db_url
    with Store(one) as store:
        single = ingest(paths, store)
    with Store(many) as store:
        distributed = ingest(paths, store, dask="local", workers=2, batch_size=60)
    assert (distributed.read, distributed.new, distributed.duplicate) == (
        single.read,
        single.new,
        single.duplicate,
    )
    assert [str(f) for f in distributed.failures] == [str(f) for f in single.failures]
    assert len(single.failures) == 1 and "sample.jsonl" in str(single.failures[0])
    assert _export(many) == _export(one)


def test_dask_unusable_address_is_a_one_line_error(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store, pytest.raises(CeasefireError) as caught:
        ingest([str(REPO / "examples" / "articles")], store, dask="not a scheduler address")
    assert "cannot use the Dask cluster at not a scheduler address" in str(caught.value)
    assert "\n" not in str(caught.value)
