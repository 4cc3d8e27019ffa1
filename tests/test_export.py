"""The export contract: the JSON Schema in the repo matches the models and every export validates."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ceasefire.export import schema
from ceasefire.pipeline import extract, ingest
from ceasefire.store import Store


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema.load())


def test_export_schema_file_matches_models() -> None:
    assert schema.SCHEMA_FILE.read_text(encoding="utf-8") == schema.render(), "run `make schema`"


def test_export_store_validates_against_schema(
    db_url: str, articles_dir: Path, validator: jsonschema.Draft202012Validator
) -> None:
    with Store(db_url) as store:
        ingest([str(articles_dir)], store)
        data = json.loads(store.export().model_dump_json(by_alias=True))
    validator.validate(data)
    assert data["schema"] == "ceasefire/1"
    assert len(data["documents"]) == 2


def test_export_extract_api_validates_and_links_evidence(
    articles_dir: Path, validator: jsonschema.Draft202012Validator
) -> None:
    path = sorted(articles_dir.glob("*.txt"))[0]
    record = extract(path.read_text(encoding="utf-8"), published="2014-03-01", source=str(path))
    validator.validate(json.loads(record.model_dump_json(by_alias=True)))
    (doc,) = record.documents
    assert doc.published.date == "2014-03-01" and doc.published.basis == "metadata"
    spans = [ev for e in record.events for ev in e.evidence] + [m for a in record.actors for m in a.mentions]
    assert spans, "the article yields evidence"
    assert all(doc.text[s.start : s.end] == s.text for s in spans)


@pytest.mark.parametrize("bad", ["2021-02-30", "yesterday", "21/11/2021x"])
def test_export_extract_api_rejects_bad_dates(bad: str) -> None:
    from ceasefire.errors import CeasefireError

    with pytest.raises(CeasefireError, match="invalid date"):
        extract("The TTP announced a ceasefire.", published=bad)
