"""``ceasefire diff``: what two exports differ by, record kind by record kind (issue 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire.cli.main import app
from ceasefire.export.diff import KINDS, diff_files, diff_records
from ceasefire.pipeline import ingest
from ceasefire.store import Store
from tests.conftest import REPO


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Two exports: the first article alone, then both; and the second article's own path."""
    folder = tmp_path_factory.mktemp("diff")
    first, second = sorted((REPO / "examples" / "articles").glob("*.txt"))
    paths = []
    for name, inputs in (("old", [first]), ("new", [first, second])):
        with Store(f"sqlite:///{folder / name}.db") as store:
            ingest([str(p) for p in inputs], store)
            path = folder / f"{name}.json"
            path.write_text(store.export().model_dump_json(by_alias=True, indent=2), encoding="utf-8")
            paths.append(path)
    return paths[0], paths[1], second


def test_diff_lists_exactly_the_added_documents_records(releases: tuple[Path, Path, Path]) -> None:
    old_path, new_path, _ = releases
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (old_path, new_path))
    result = diff_files(old_path, new_path)
    (doc_id,) = {d["id"] for d in new["documents"]} - {d["id"] for d in old["documents"]}
    assert result.kinds["documents"].added == [doc_id]
    assert all(not d.removed for d in result.kinds.values())
    for kind in ("events", "quotes"):
        old_ids = {r["id"] for r in old[kind]}
        mine = sorted(
            r["id"] for r in new[kind] if r["id"] not in old_ids and doc_id in json.dumps(r.get("evidence"))
        )
        assert result.kinds[kind].added == mine
        assert not result.kinds[kind].changed
    assert result.kinds["events"].added, "the second article has events"
    for kind in ("actors", "places"):
        for rid, fields in result.kinds[kind].changed.items():
            record = next(r for r in new[kind] if r["id"] == rid)
            assert fields == ["mentions"] and any(m["doc"] == doc_id for m in record["mentions"])


def test_diff_same_export_is_empty(releases: tuple[Path, Path, Path]) -> None:
    old_path, _, _ = releases
    assert not diff_files(old_path, old_path)


def test_diff_changed_fields_are_named() -> None:
    old = {"schema": "ceasefire/1", "events": [{"id": "e1", "type": "attack", "modality": "asserted"}]}
    new = {"schema": "ceasefire/1", "events": [{"id": "e1", "type": "attack", "modality": "denied"}]}
    result = diff_records(old, new)
    assert result.kinds["events"].changed == {"e1": ["modality"]}
    assert list(result.kinds) == list(KINDS)


def test_cli_diff_json_and_table(releases: tuple[Path, Path, Path]) -> None:
    old_path, new_path, _ = releases
    runner = CliRunner()
    machine = runner.invoke(app, ["diff", str(old_path), str(new_path), "--json"])
    assert machine.exit_code == 0, machine.output
    data = json.loads(machine.output)
    assert data == diff_files(old_path, new_path).as_dict()
    human = runner.invoke(app, ["diff", str(old_path), str(new_path)])
    assert human.exit_code == 0 and "documents" in human.output and "added" in human.output


def test_cli_diff_bad_file_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", str(bad), str(bad)])
    assert result.exit_code == 1 and "not JSON" in result.output
