"""``make eval``: the UCDP GED headline evaluation runs end to end on a small invented CSV."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "eval_ucdp.py"
FIELDS = ["id", "side_b", "adm_1", "adm_2", "low", "best", "high", "date_start", "source_article"]
ROWS = [
    # two cited reports of one event: either may get a measure right
    {
        "id": "1", "side_b": "TTP", "adm_1": "Federally Administered Tribal Areas",
        "adm_2": "North Waziristan", "low": "20", "best": "25", "high": "25",
        "date_start": "2014-06-15 00:00:00.000",
        "source_article": '"Wire,2014-06-15,Jets kill 25 militants in Miranshah";'
                          '"Daily,2014-06-16,Army pounds hideouts"',
    },
    {
        "id": "2", "side_b": "Civilians", "adm_1": "Balochistan province", "adm_2": "Quetta district",
        "low": "40", "best": "45", "high": "48", "date_start": "2013-03-03 00:00:00.000",
        "source_article": '"Wire,2013-03-03,Bomb kills 45 in Quetta market"',
    },
    {
        "id": "3", "side_b": "Government of Pakistan", "adm_1": "Azad Jammu & Kashmir", "adm_2": "",
        "low": "2", "best": "2", "high": "2", "date_start": "2003-07-02 00:00:00.000",
        "source_article": '"Wire,2003-07-02,Two villagers killed by Indian shelling in Azad Kashmir"',
    },
    # a headline that names the group ("TTP-linked") counts for side_b_named
    {
        "id": "5", "side_b": "TTP", "adm_1": "Khyber Pakhtunkwa province", "adm_2": "Bannu district",
        "low": "3", "best": "3", "high": "3", "date_start": "2014-04-28 00:00:00.000",
        "source_article": '"Wire,2014-04-30,TTP-linked militants kill three soldiers in Bannu"',
    },
    # an older coding that cites no headline is not scored
    {
        "id": "4", "side_b": "TTP", "adm_1": "", "adm_2": "", "low": "1", "best": "1", "high": "1",
        "date_start": "2009-01-01 00:00:00.000", "source_article": "R 4/10 1990",
    },
]  # fmt: skip


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("ged")
    source, out = folder / "ged.csv", folder / "eval.json"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(ROWS)
    subprocess.run(
        [sys.executable, str(SCRIPT), str(source), "--json", str(out), "--show-misses", "2"],
        check=True,
        capture_output=True,
        text=True,
    )
    loaded: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return loaded


def test_eval_ucdp_scores_only_rows_citing_headlines(result: dict[str, Any]) -> None:
    assert result["rows"] == 4
    assert result["figures"]["adm_2"]["n"] == 3  # rows where GED gives a district


@pytest.mark.parametrize("measure", ["adm_1", "adm_2", "fatalities", "date"])
def test_eval_ucdp_places_and_counts_are_matched(result: dict[str, Any], measure: str) -> None:
    figure = result["figures"][measure]
    assert figure["hits"] == figure["n"], measure


def test_eval_ucdp_side_b_named_counts_rows_whose_headline_names_the_group(result: dict[str, Any]) -> None:
    assert result["figures"]["side_b_named"] == {"rate": 1.0, "hits": 1, "n": 1}
