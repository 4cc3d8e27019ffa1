"""The bad-input battery: files a feed can throw at ``ceasefire ingest``, each with what must happen.

Small files are kept in ``tests/data/bad/`` (this script writes them; a test checks they are
current). Large and special ones (a 100 MB file, one 10 MB line, millions of numbers, a symlink
loop, a dangling link, an unreadable file) are made at test time with ``--special``, into a
temporary folder: they do not belong in a repository.

``EXPECTED`` says, for each file, either the words its one-line failure must contain or that it
is stored (``STORED``): a sensible document, or a record-level failure beside stored records.

Usage: python scripts/make_bad_inputs.py [FOLDER] [--special]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO / "tests" / "data" / "bad"
STORED = "stored"
GOOD = "A suicide bomber killed 12 soldiers at a checkpoint in Bannu on Monday, the army said."

EXPECTED: dict[str, str] = {
    "binary.txt": "binary data",
    "pdf-named-text.txt": "binary data",
    "nul-bytes.txt": "binary data",
    "truncated.txt.gz": "corrupt or truncated gzip",
    "gzip-bomb.txt.gz": "too large once decompressed",
    "binary.txt.gz": "binary data",
    "utf16-no-bom.txt": STORED,
    "utf16-bom.txt": STORED,
    "latin1.txt": STORED,
    "invalid-utf8.txt": STORED,
    "empty.txt": "empty",
    "whitespace.txt": "empty",
    "bom-only.txt": "empty",
    "nested.json": "nested too deeply",
    "truncated.json": "malformed JSON",
    "not-an-object.json": "not a document",
    "wrong-type.json": "no text",
    "mixed.jsonl": STORED,  # one bad line fails alone, as mixed.jsonl#2
    "nested-line.jsonl": STORED,  # one line nested too deeply, as nested-line.jsonl#2
    "broken-quoting.csv": STORED,  # the broken row fails alone
    "no-text-column.csv": "no text column",
    "no-body.html": "no main text",
    "script-only.html": "no main text",
    "entity-flood.html": STORED,
    "broken-markup.html": STORED,
    "urdu.txt": STORED,
    "no-sentences.txt": STORED,
    "february-30.txt": STORED,
    "control-characters.txt": "binary data",
    "bidi-overrides.txt": STORED,
    "cr-line-endings.txt": STORED,
    "unsupported.docx": "",  # not a suffix ingest reads: skipped inside a folder, no failure
}
SPECIAL: dict[str, str] = {
    "huge-100mb.txt": "too large",
    "one-10mb-line.txt": "too long for one document",
    "millions-of-numbers.txt": "too long for one document",
    "loop": "",  # a symlink to its own folder: read once, never followed round
    "dangling-link.txt": "cannot read: No such file",  # the file it named is gone
    "unreadable.txt": "cannot read",
}


def small(folder: Path) -> None:
    """Write the kept files (deterministic: the same bytes on every run)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(30)
    files: dict[str, bytes] = {
        "binary.txt": bytes(rng.randrange(256) for _ in range(4096)),
        "pdf-named-text.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n",
        "nul-bytes.txt": (GOOD + "\x00\x00\x00" + GOOD).encode() * 20,
        "truncated.txt.gz": gzip.compress(((GOOD + "\n") * 200).encode(), mtime=0)[:60],
        "gzip-bomb.txt.gz": gzip.compress(b" " * 60_000_000, compresslevel=9, mtime=0),
        "binary.txt.gz": gzip.compress(bytes(rng.randrange(256) for _ in range(4096)), mtime=0),
        "utf16-no-bom.txt": GOOD.encode("utf-16-le"),
        "utf16-bom.txt": GOOD.encode("utf-16"),
        "latin1.txt": "Le kamikaze a tué 12 soldats à Bannu, a déclaré l'armée pakistanaise.".encode(
            "latin-1"
        ),
        "invalid-utf8.txt": GOOD.encode() + b" \xff\xfe\xc3\x28 " + GOOD.encode(),
        "empty.txt": b"",
        "whitespace.txt": b"   \n\t\n  \r\n ",
        "bom-only.txt": b"\xef\xbb\xbf",
        "nested.json": b"[" * 100_000 + b"]" * 100_000,
        "truncated.json": json.dumps({"text": GOOD, "title": "Bannu"}).encode()[:30],
        "not-an-object.json": b"[1, 2, 3]",
        "wrong-type.json": json.dumps({"text": 5, "body": None}).encode(),
        "mixed.jsonl": "\n".join(
            [json.dumps({"text": GOOD}), "{not json", json.dumps({"text": GOOD.replace("12", "14")})]
        ).encode(),
        "nested-line.jsonl": "\n".join(
            [json.dumps({"text": GOOD.replace("12", "15")}), "[" * 50_000 + "]" * 50_000]
        ).encode(),
        "broken-quoting.csv": (
            'title,text\nBannu,"' + GOOD + '"\nQuetta,"an unclosed quote, ' + GOOD.replace("12", "9") + "\n"
        ).encode(),
        "no-text-column.csv": b"id,score\n1,0.5\n2,0.7\n",
        "no-body.html": b"<html><head><title>Nothing here</title></head></html>",
        "script-only.html": b"<html><body><script>" + b"var x = 1;" * 500 + b"</script></body></html>",
        "entity-flood.html": (
            "<html><body><article><h1>Bannu attack</h1><p>"
            + GOOD
            + "</p><p>"
            + "&amp;&lt;&#8203;" * 30_000
            + "</p></article></body></html>"
        ).encode(),
        "broken-markup.html": (
            "<html><body><div><p>" + GOOD + "<b><i>unclosed <table><tr><td>cell</p></div>"
        ).encode(),
        "urdu.txt": "بنوں میں خودکش حملے میں بارہ فوجی ہلاک ہو گئے، فوج نے کہا۔".encode(),
        "no-sentences.txt": b"ceasefire truce talks " * 50,
        "february-30.txt": b"The TTP announced a ceasefire on February 30, 2022, and ended it on 31 April.",
        "control-characters.txt": ("\x01\x02\x03\x04\x05\x06\x07\x08" * 200 + GOOD).encode(),
        "bidi-overrides.txt": ("\u202e" + GOOD + "\u202c \u200b\u200d " + GOOD).encode(),
        "cr-line-endings.txt": (GOOD + "\r" + GOOD.replace("12", "3") + "\r").encode(),
        "unsupported.docx": b"PK\x03\x04 not read",
    }
    assert set(files) == set(EXPECTED), set(files) ^ set(EXPECTED)
    for name, data in files.items():
        (folder / name).write_bytes(data)


def special(folder: Path) -> None:
    """Write the large and special files (never kept in the repository)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "huge-100mb.txt").open("wb") as out:
        line = (GOOD + "\n").encode()
        for _ in range(100_000_000 // len(line) + 1):
            out.write(line)
    (folder / "one-10mb-line.txt").write_text(" ".join([GOOD] * (10_000_000 // len(GOOD))), encoding="utf-8")
    rng = random.Random(6)
    (folder / "millions-of-numbers.txt").write_text(
        " ".join(str(rng.randrange(10**6)) for _ in range(2_000_000)), encoding="utf-8"
    )
    loop = folder / "loop"
    if not loop.is_symlink():
        loop.symlink_to(".", target_is_directory=True)
    dangling = folder / "dangling-link.txt"
    if not dangling.is_symlink():
        dangling.symlink_to(folder / "gone.txt")
    unreadable = folder / "unreadable.txt"
    unreadable.write_text(GOOD, encoding="utf-8")
    os.chmod(unreadable, 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--special", action="store_true", help="also the large and special files")
    args = parser.parse_args()
    small(args.folder)
    if args.special:
        special(args.folder)
    print(
        f"wrote {len(EXPECTED) + (len(SPECIAL) if args.special else 0)} kinds of bad input to {args.folder}"
    )


if __name__ == "__main__":
    main()
