"""Fuzz target: one reader (chosen by ``--suffix``) must turn any bytes into documents or
one-line failures, never an exception. Run by ``make fuzz`` for a bounded time per reader.

Usage: python fuzz/readers.py --suffix .html [CORPUS_DIR ...] -max_total_time=30
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["ceasefire"]):
    from ceasefire.ingest.readers import read_bytes
    from ceasefire.types import RawDocument, ReadFailure

SUFFIXES = (".txt", ".html", ".json", ".jsonl", ".csv", ".txt.gz", ".jsonl.gz")
LIMIT = 1_000_000  # bytes a gzip input may inflate to: keeps each run fast and bounded


def main() -> None:
    args = list(sys.argv)
    suffix = ".txt"
    if "--suffix" in args:
        at = args.index("--suffix")
        suffix = args[at + 1]
        del args[at : at + 2]
    if suffix not in SUFFIXES:
        raise SystemExit(f"--suffix must be one of {', '.join(SUFFIXES)}")

    def one(data: bytes) -> None:
        for item in read_bytes(data, "fuzz", suffix, max_bytes=LIMIT):
            assert isinstance(item, RawDocument | ReadFailure), item
            if isinstance(item, ReadFailure):
                assert "\n" not in item.reason and item.reason, item
            else:
                assert item.text.strip(), item

    atheris.Setup(args, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
