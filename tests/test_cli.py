"""The command-line contract of shared/spec/CLI.md, run as a user would run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire.cli.main import app
from tests.conftest import SHARED

runner = CliRunner()


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script, in a real process."""
    exe = Path(sys.executable).with_name("ceasefire")
    return subprocess.run([str(exe), *args], input=stdin, capture_output=True, text=True, timeout=300)


@pytest.fixture
def batch(tmp_path: Path, articles_dir: Path) -> Path:
    """The two articles, a JSONL with one bad line, and a binary file posing as text."""
    folder = tmp_path / "in"
    shutil.copytree(articles_dir, folder / "articles")
    (folder / "feed.jsonl").write_text(
        json.dumps(
            {
                "text": "Militants attacked a checkpoint in Bannu, killing three soldiers.",
                "published": "2023-05-02",
            }
        )
        + "\n{not json\n",
        encoding="utf-8",
    )
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    return folder


def test_cli_ingest_reports_bad_files_and_stores_the_rest(batch: Path, db_url: str) -> None:
    db = db_url
    first = cli("ingest", str(batch), "--db", db)
    assert first.returncode == 1
    failed = [line for line in first.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 2
    assert any("broken.txt" in line for line in failed) and any("feed.jsonl#2" in line for line in failed)
    assert "Traceback" not in first.stderr
    assert "3 documents read, 3 new, 0 duplicate, 2 failed" in first.stderr
    again = cli("ingest", str(batch / "articles"), "--db", db)
    assert again.returncode == 0
    assert "2 documents read, 0 new, 2 duplicate, 0 failed" in again.stderr


def test_cli_export_scores_perfectly_on_document_fields(
    articles_dir: Path, tmp_path: Path, db_url: str
) -> None:
    db = db_url
    assert cli("ingest", str(articles_dir), "--db", db).returncode == 0
    out = tmp_path / "export.json"
    assert cli("export", "--db", db, "--format", "json", "-o", str(out)).returncode == 0
    gold = articles_dir.parent / "gold" / "articles.gold.json"
    scorer = SHARED / "tools" / "score.py"
    assert scorer.is_file(), f"missing scorer {scorer}"
    scored = subprocess.run(
        [sys.executable, str(scorer), str(out), str(gold), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(scored.stdout)
    for name in (
        "documents_found",
        "title_accuracy",
        "published_accuracy",
        "boilerplate_removed",
        "duplicate_paragraphs_accuracy",
    ):
        assert figures[name] == 1.0, (name, figures)


def test_cli_ingest_reads_stdin(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = cli(
        "ingest",
        "-",
        "--db",
        db,
        "--published",
        "2022-11-28",
        stdin="The TTP called off its ceasefire with the government on Monday.\n",
    )
    assert result.returncode == 0, result.stderr
    exported = json.loads(cli("export", "--db", db).stdout)
    (doc,) = exported["documents"]
    assert doc["published"] == {"date": "2022-11-28", "precision": "day", "basis": "metadata"}


@pytest.mark.parametrize(
    "args", [["ingest", "x", "--published", "2021-02-30"], ["export", "--format", "xml"]]
)
def test_cli_bad_usage_exits_2(args: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, [*args, "--db", f"sqlite:///{tmp_path / 'u.db'}"])
    assert result.exit_code == 2


def test_cli_extract_prints_export_json(articles_dir: Path) -> None:
    path = sorted(articles_dir.glob("*.txt"))[-1]
    result = cli("extract", str(path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "ceasefire/1" and len(data["documents"]) == 1
    assert data["documents"][0]["source"] == str(path)


def test_cli_extract_missing_file_is_one_line_error(tmp_path: Path) -> None:
    result = cli("extract", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "nope.txt" in result.stderr


def test_cli_registry_and_timeline_print_tables(articles_dir: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 't.db'}"
    runner.invoke(app, ["ingest", str(articles_dir), "--db", db])
    registry = runner.invoke(app, ["ceasefires", "--db", db])
    assert registry.exit_code == 0 and "Ceasefire registry" in registry.output
    timeline = runner.invoke(app, ["timeline", "--db", db, "--family", "ceasefire"])
    assert timeline.exit_code == 0 and "Timeline" in timeline.output
    assert "ceasefire_" in timeline.output


def test_cli_ingest_with_two_workers_matches_one(articles_dir: Path, tmp_path: Path) -> None:
    exports = []
    for workers in ("1", "2"):
        db = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        assert cli("ingest", str(articles_dir), "--db", db, "--workers", workers).returncode == 0
        data = json.loads(cli("export", "--db", db).stdout)
        data.pop("generated")
        exports.append(data)
    assert exports[0] == exports[1]
    assert exports[0]["events"], "the articles yield events"


def test_cli_classify_prints_one_json_object_per_line() -> None:
    lines = "Gunmen abducted two engineers in Kech.\nThe weather was pleasant.\n"
    result = cli("classify", "-", stdin=lines)
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["type"] == "abduction"
    assert first["acled_sub_event_type"] == "Abduction/forced disappearance"
    assert second == {"type": None, "acled_event_type": None, "acled_sub_event_type": None, "modality": None}


@pytest.mark.parametrize(
    "url,shown",
    [("nonsense", "'nonsense'"), ("postgresql+psycopg://u:secret@127.0.0.1:1/x", "u:***@127.0.0.1:1/x")],
)
def test_cli_unusable_database_is_one_line_error(url: str, shown: str) -> None:
    result = cli("ceasefires", "--db", url)
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot open database") and shown in result.stderr
    assert "secret" not in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
