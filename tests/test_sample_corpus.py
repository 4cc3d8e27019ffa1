"""The bundled sample corpus: generated from the shared UCDP CSV, and readable with zero failures."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ceasefire.ingest.readers import read_paths
from ceasefire.types import RawDocument, ReadFailure

REPO = Path(__file__).resolve().parents[1]
SHARED_CSV = Path(__file__).resolve().parents[2] / "shared/corpus/ucdp-ged-pakistan/ged_pakistan.csv"
SAMPLE = REPO / "examples" / "ucdp-ged-pakistan.jsonl"
SCRIPT = REPO / "scripts" / "make_sample_corpus.py"
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_sample_corpus_is_rebuilt_byte_for_byte(tmp_path: Path) -> None:
    assert SHARED_CSV.is_file(), f"the shared UCDP CSV is not beside this repository ({SHARED_CSV})"
    out = tmp_path / "rebuilt.jsonl"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(SHARED_CSV), str(out)], capture_output=True, text=True, check=True
    )
    assert "0 entries could not be parsed" in done.stderr
    assert out.read_bytes() == SAMPLE.read_bytes(), "examples/ucdp-ged-pakistan.jsonl is stale: rebuild it"


def test_sample_corpus_reads_without_failures() -> None:
    results = list(read_paths([str(SAMPLE)]))
    failed = [item for item in results if isinstance(item, ReadFailure)]
    assert failed == []
    docs = [item for item in results if isinstance(item, RawDocument)]
    assert len(docs) > 2_000
    for doc in docs:
        assert doc.published is not None and DAY.fullmatch(doc.published), doc
        assert doc.outlet, doc
        assert doc.text.strip() and doc.title == doc.text


@pytest.mark.parametrize("folder", ["examples/articles"])
def test_sample_corpus_articles_read_as_plain_text(folder: str) -> None:
    results = list(read_paths([str(REPO / folder)]))
    assert len(results) == 2
    assert all(isinstance(item, RawDocument) and item.plain for item in results)
