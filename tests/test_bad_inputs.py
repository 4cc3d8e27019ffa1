"""The bad-input battery (issue 7): every kind of bad file gets a one-line failure naming it (or
is stored sensibly), the good files beside it are stored, no traceback reaches the user, and
memory stays bounded. The files come from ``scripts/make_bad_inputs.py``."""

from __future__ import annotations

import filecmp
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from ceasefire.models import Event
from ceasefire.store import Store
from tests.conftest import REPO

KEPT = REPO / "tests" / "data" / "bad"
NOBODY = 65534
PEAK_LIMIT_MB = 800  # the 100 MB file is refused unread; the 10 MB line is read once


def _battery() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_bad_inputs", REPO / "scripts" / "make_bad_inputs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


battery = _battery()


def test_bad_inputs_kept_files_are_current(tmp_path: Path) -> None:
    battery.small(tmp_path)
    assert sorted(p.name for p in KEPT.iterdir()) == sorted(battery.EXPECTED)
    for name in battery.EXPECTED:
        assert filecmp.cmp(KEPT / name, tmp_path / name, shallow=False), f"{name} is stale: rerun the script"
    assert len(battery.EXPECTED) + len(battery.SPECIAL) >= 30


def _as_nobody() -> bool:
    """Whether the ingest can run as an unprivileged user here (root reads any file, so the
    unreadable file needs one); False when not root or when that user cannot reach the code."""
    if os.geteuid() != 0:
        return False
    probe = subprocess.run(
        [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            sys.executable,
            "-c",
            "import ceasefire",
        ],
        capture_output=True,
        cwd="/",
    )
    return probe.returncode == 0


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    base = Path(tempfile.mkdtemp(prefix="ceasefire-bad-"))
    os.chmod(base, 0o777)  # the unprivileged ingest writes its store here
    inputs = base / "inputs"
    shutil.copytree(KEPT, inputs)
    battery.special(inputs)
    (inputs / "good").mkdir()
    for n, text in enumerate(
        [
            "The TTP announced a month-long ceasefire on 9 November 2021, its spokesman said.",
            "Militants killed five policemen at a checkpoint in Quetta on Tuesday, officials said.",
        ]
    ):
        (inputs / "good" / f"good-{n}.txt").write_text(text, encoding="utf-8")
    nobody = _as_nobody()
    if not nobody and os.geteuid() == 0:
        # root reads a mode-000 file: point the name at one the kernel refuses to read instead
        (inputs / "unreadable.txt").unlink()
        (inputs / "unreadable.txt").symlink_to("/proc/self/mem")
    for path in [base, *base.rglob("*")]:
        if not path.is_symlink() and path.name != "unreadable.txt":
            os.chmod(path, 0o777 if path.is_dir() else 0o644)
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def run(folder: Path) -> subprocess.CompletedProcess[str]:
    db = f"sqlite:///{folder / 'bad.db'}"
    code = (
        "import runpy, sys; sys.argv = ['ceasefire', *sys.argv[1:]]; "
        "runpy.run_module('ceasefire.cli.main', run_name='__main__')"
    )
    command = [sys.executable, "-c", _PEAK + code, "ingest", str(folder / "inputs"), "--db", db]
    if _as_nobody():
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, cwd="/", timeout=600)


_PEAK = (
    "import atexit, sys\n"
    "def _peak():\n"
    "    with open('/proc/self/status') as status:\n"
    "        kb = next(line.split()[1] for line in status if line.startswith('VmHWM'))\n"
    "    sys.stderr.write(f'peak_kb={kb}\\n')\n"
    "atexit.register(_peak)\n"
)


def _failures(run: subprocess.CompletedProcess[str], folder: Path) -> dict[str, list[str]]:
    """Failure reasons by file name (records of a file under the file's name)."""
    found: dict[str, list[str]] = {}
    prefix = f"failed: {folder / 'inputs'}/"
    for line in run.stderr.splitlines():
        if line.startswith(prefix):
            name, _, reason = line[len(prefix) :].partition(": ")
            found.setdefault(name.split("#")[0], []).append(reason)
    return found


def test_bad_inputs_each_gets_its_one_line_reason(
    run: subprocess.CompletedProcess[str], folder: Path
) -> None:
    assert run.returncode == 1, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    failures = _failures(run, folder)
    expected = {**battery.EXPECTED, **battery.SPECIAL}
    for name, words in expected.items():
        if words in (battery.STORED, ""):
            continue
        assert name in failures, f"{name}: no failure line"
        assert all(words in reason for reason in failures[name]), (name, failures[name])
    # record-level failures beside stored records
    assert len(failures["mixed.jsonl"]) == 1 and len(failures["nested-line.jsonl"]) == 1
    assert len(failures["broken-quoting.csv"]) == 1
    silent = {n for n, w in expected.items() if w in (battery.STORED, "")} - {
        "mixed.jsonl",
        "nested-line.jsonl",
        "broken-quoting.csv",
    }
    assert not silent & set(failures), {n: failures[n] for n in silent & set(failures)}
    for line in run.stderr.splitlines():
        assert len(line) < 400, line


def test_bad_inputs_good_files_and_sensible_ones_are_stored(
    run: subprocess.CompletedProcess[str], folder: Path
) -> None:
    with Store(f"sqlite:///{folder / 'bad.db'}") as store:
        sources = {Path((d.source or "").split("#")[0]).name for d in store.documents()}
    assert {"good-0.txt", "good-1.txt"} <= sources
    for name in (
        "latin1.txt",
        "urdu.txt",
        "february-30.txt",
        "entity-flood.html",
        "mixed.jsonl",
        "broken-quoting.csv",
    ):
        assert name in sources, name
    summary = next(line for line in run.stderr.splitlines() if "documents read" in line)
    assert " failed" in summary
    # "February 30" and "31 April" are no dates: nothing stored claims them
    for event in store_events(folder):
        for value in (event.date.start, event.date.end):
            assert value is None or date.fromisoformat(value[:10]), value


def store_events(folder: Path) -> list[Event]:
    with Store(f"sqlite:///{folder / 'bad.db'}") as store:
        return store.events()


def test_bad_inputs_memory_stays_bounded(run: subprocess.CompletedProcess[str]) -> None:
    peak_kb = int(next(line for line in run.stderr.splitlines() if line.startswith("peak_kb=")).split("=")[1])
    assert peak_kb / 1024 < PEAK_LIMIT_MB


def test_bad_inputs_a_file_that_disappears_mid_run_fails_alone(tmp_path: Path) -> None:
    """Reading is lazy: a file removed after its folder was listed, before it is read, gets its
    one-line failure and the files after it are still read."""
    from ceasefire.ingest.readers import read_paths
    from ceasefire.types import RawDocument, ReadFailure

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Report {name}: militants attacked a checkpoint.", encoding="utf-8")
    results = read_paths([str(tmp_path)])
    first = next(results)
    (tmp_path / "b.txt").unlink()  # gone between the listing and its read
    rest = list(results)
    assert isinstance(first, RawDocument) and first.source.endswith("a.txt")
    failure, last = rest
    assert isinstance(failure, ReadFailure) and failure.source.endswith("b.txt")
    assert failure.reason == "not a file or folder" or failure.reason.startswith("cannot read")
    assert isinstance(last, RawDocument) and last.source.endswith("c.txt")


def test_bad_inputs_nul_and_control_characters_in_a_record_are_stored_clean(
    db_url: str, tmp_path: Path
) -> None:
    """PostgreSQL refuses NUL in text: a record carrying NUL or other control characters in its
    text, title or outlet is stored without them, on both backends."""
    from ceasefire.pipeline import ingest

    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"text": "Militants attacked\\u0000 a checkpoint in Quetta, killing four.", '
        '"title": "Quetta\\u0000 attack\\u0007", "outlet": "A\\u0000FP", "byline": "Staff\\u001b[31m"}\n',
        encoding="utf-8",
    )
    with Store(db_url) as store:
        summary = ingest([str(feed)], store)
        assert summary.failed == 0 and summary.new == 1, summary.failures
        (document,) = store.documents()
    for value in (document.text, document.title, document.outlet, document.byline):
        assert value and not any(ord(c) < 32 and c not in "\n\t" for c in value), repr(value)
    assert document.outlet == "A FP" and document.title == "Quetta attack"
