"""Read files, folders and stdin into RawDocument records, one ReadFailure per thing that cannot be read.

A bad file or record never stops the run: it comes out as a ReadFailure with a
one-line reason (for ``ceasefire ingest`` to print on stderr) and reading goes
on with the next one. Multi-record files (JSON lists, JSONL, CSV) name each
record ``path#N``, N counting from 1, so a failure points at the line to fix.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, Literal

from ceasefire.errors import Errors
from ceasefire.ingest.encoding import decode, decode_line, line_codec
from ceasefire.ingest.errors import ReadError
from ceasefire.ingest.html import declared_charset, read_html
from ceasefire.types import RawDocument, ReadFailure

Kind = Literal["text", "html", "json", "jsonl", "csv"]
Result = RawDocument | ReadFailure

_KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
# Markdown is left out on purpose: inside a folder it is nearly always a README, not news.
SUFFIXES: frozenset[str] = frozenset(_KINDS) | frozenset(suffix + ".gz" for suffix in _KINDS)

STDIN_SOURCE = "<stdin>"
DEFAULT_MAX_BYTES = 50_000_000

TEXT_FIELDS: tuple[str, ...] = ("text", "body", "content")
CSV_TEXT_FIELDS: tuple[str, ...] = ("text", "body", "content", "article", "headline")
METADATA_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at"),
    "url": ("url",),
    "outlet": ("outlet", "source_name", "sitename"),
    "byline": ("byline", "author"),
}

TOO_DEEP = "nested too deeply"
_GZIP_MAGIC = b"\x1f\x8b"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # no metadata value holds one; PostgreSQL refuses NUL
_STREAMED = frozenset({".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"})  # read a line at a time
_HEAD = 65_536  # bytes that decide how a streamed file is read
_HTML_TAG = re.compile(r"</[A-Za-z][A-Za-z0-9]*\s*>|<(?:br|p|div|html|body)\b", re.IGNORECASE)
_DELIMITERS = (",", ";", "\t")


def read_paths(
    paths: Sequence[str], *, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Result]:
    """Read every document in the given files and folders, in a stable order.

    paths (Sequence[str]): files, folders (read recursively, hidden entries and
        unsupported suffixes skipped) and ``-`` for standard input.
    stdin (BinaryIO | None): the stream ``-`` reads; ``sys.stdin.buffer`` when None.
    max_bytes (int): larger files, and gzip files that inflate past it, are refused.
    RETURNS (Iterator[RawDocument | ReadFailure]): documents and failures as they come.
    """
    for name in paths:
        if name == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
        else:
            yield from _read_path(Path(name), max_bytes)


def read_bytes(
    data: bytes, source: str, suffix: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Result]:
    """Read the contents of one file, chosen by its suffix; unknown suffixes are read as plain text.

    data (bytes): the raw contents, gzip-compressed when ``suffix`` ends in ``.gz``.
    source (str): the file's name, kept on every document and failure.
    suffix (str): such as ``.jsonl`` or ``.csv.gz``; case does not matter.
    max_bytes (int): the most a gzip file may inflate to.
    RETURNS (Iterator[RawDocument | ReadFailure]): one item per document or failed record.
    """
    try:
        data, suffix = _decompress(data, suffix.lower(), max_bytes)
        yield from _parse(data, source, _KINDS.get(suffix, "text"))
    except ReadError as error:
        yield ReadFailure(source, error.reason)


def suffix_of(name: str) -> str:
    """The suffix that decides how a file is read: ``.txt``, or ``.jsonl.gz`` for a compressed file."""
    name = name.lower()
    if name.endswith(".gz"):
        return Path(name[:-3]).suffix + ".gz"
    return Path(name).suffix


def _read_path(path: Path, max_bytes: int) -> Iterator[Result]:
    """Read a path named on the command line: a folder, a file, or a failure saying why not."""
    source = str(path)
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        yield ReadFailure(source, Errors.E001)
        return
    except OSError as error:
        yield ReadFailure(source, Errors.E011.format(detail=_os_detail(error)))
        return
    if stat.S_ISDIR(mode):
        yield from _read_folder(path, set(), max_bytes)
    elif stat.S_ISREG(mode):
        yield from _read_file(path, max_bytes)
    else:
        yield ReadFailure(source, Errors.E001)


def _read_folder(folder: Path, seen: set[Path], max_bytes: int) -> Iterator[Result]:
    """Read a folder depth-first in name order; ``seen`` holds resolved folders, so symlink loops end."""
    try:
        real = folder.resolve(strict=True)
        if real in seen:
            return
        seen.add(real)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield ReadFailure(str(folder), Errors.E011.format(detail=_os_detail(error)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        if _is_folder(entry):
            yield from _read_folder(path, seen, max_bytes)
        elif suffix_of(entry.name) in SUFFIXES and _is_readable_entry(entry):
            yield from _read_file(path, max_bytes)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """True for a folder or a link to one; an entry that vanished or cannot be examined is no folder."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_readable_entry(entry: os.DirEntry[str]) -> bool:
    """True for regular files, and for broken links so that they fail with a reason.

    FIFOs and devices are skipped: opening one could block the run forever.
    """
    try:
        return entry.is_file() or not os.path.exists(entry.path)
    except OSError:
        return True


def _read_file(path: Path, max_bytes: int) -> Iterator[Result]:
    """Read one file, turning OS errors (permissions, a file that vanished) into a failure naming it.

    Whatever else a file makes the readers raise ends that file with a one-line failure too,
    never the run: the documents read before it stay, the files after it are read.
    """
    try:
        if suffix_of(path.name) in _STREAMED:
            yield from _read_lines(path, max_bytes)
        else:
            yield from _read_whole(path, max_bytes)
    except (ValueError, RecursionError, MemoryError, UnicodeError, LookupError) as error:
        reason = f"{type(error).__name__}: {error}".splitlines()[0][:200]
        yield ReadFailure(str(path), Errors.E011.format(detail=reason))


def _read_lines(path: Path, max_bytes: int) -> Iterator[Result]:
    """A JSONL file (gzip-compressed or not) a record at a time, never whole, so an archive of
    any size goes in with flat memory; each line, not the file, is held to ``max_bytes``.

    Its first bytes decide how it is read (``line_codec``): binary or empty files fail whole,
    UTF-16/32 files (rare, and not splittable by bytes) are read whole like other formats.
    A record that fails names its line; a file that breaks off (truncated gzip) keeps the
    records before the break.
    """
    source = str(path)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    number = 0
    try:
        with opener(path, "rb") as handle:
            codec = line_codec(handle.read(_HEAD))
            if codec is None:
                yield from _read_whole(path, max_bytes)
                return
            handle.seek(0)
            while line := handle.readline(max_bytes + 1):
                number += 1
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    _skip_line(handle.readline)
                    yield ReadFailure(
                        f"{source}#{number}", Errors.E012.format(size=f"over {max_bytes}", limit=max_bytes)
                    )
                    continue
                if number == 1 and codec == "utf-8-sig":
                    line = line.removeprefix(codecs.BOM_UTF8)
                try:
                    text = decode_line(line)
                except ReadError as error:
                    yield ReadFailure(f"{source}#{number}", error.reason)
                    continue
                yield from _jsonl_documents(text, source, first=number)
    except ReadError as error:
        yield ReadFailure(source, error.reason)
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        yield ReadFailure(source, Errors.E014.format(detail=f"{error} (after line {number})"))
    except OSError as error:
        yield ReadFailure(source, Errors.E011.format(detail=_os_detail(error)))


def _skip_line(readline: Callable[[int], bytes]) -> None:
    """Read past the rest of an over-long line, a bounded chunk at a time."""
    while (chunk := readline(_HEAD)) and not chunk.endswith(b"\n"):
        pass


def _read_whole(path: Path, max_bytes: int) -> Iterator[Result]:
    """Read a file whole (capped at ``max_bytes``) by its suffix."""
    source = str(path)
    try:
        data = _read_capped(path, max_bytes)
    except ReadError as error:
        yield ReadFailure(source, error.reason)
        return
    except OSError as error:
        yield ReadFailure(source, Errors.E011.format(detail=_os_detail(error)))
        return
    yield from read_bytes(data, source, suffix_of(path.name), max_bytes=max_bytes)


def _read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing before reading when it is larger than ``max_bytes``."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise ReadError(Errors.E012.format(size=size, limit=max_bytes))
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew while being read
        raise ReadError(Errors.E012.format(size=len(data), limit=max_bytes))
    return data


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Iterator[Result]:
    """Read standard input, guessing its format from its first character."""
    try:
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ReadError(Errors.E012.format(size=f"more than {max_bytes}", limit=max_bytes))
        data, _ = _decompress(data, "", max_bytes)
        text = decode(data, declared=declared_charset(data))
        yield from _parse_text(text, STDIN_SOURCE, _sniff(text))
    except ReadError as error:
        yield ReadFailure(STDIN_SOURCE, error.reason)
    except OSError as error:
        yield ReadFailure(STDIN_SOURCE, Errors.E011.format(detail=_os_detail(error)))


def _sniff(text: str) -> Kind:
    """HTML if it starts with ``<``, JSON (or JSONL) with ``{`` or ``[``, plain text otherwise."""
    start = text.lstrip()[:1]
    if start == "<":
        return "html"
    if start in ("{", "["):
        return "json"
    return "text"


def _decompress(data: bytes, suffix: str, max_bytes: int) -> tuple[bytes, str]:
    """Inflate gzip data (by suffix or by its magic number) and drop ``.gz`` from the suffix."""
    if suffix.endswith(".gz") or data.startswith(_GZIP_MAGIC):
        return _gunzip(data, max_bytes), suffix.removesuffix(".gz")
    return data, suffix


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Inflate gzip data, never past ``max_bytes``, so a small bomb cannot fill memory."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            inflated = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise ReadError(Errors.E014.format(detail=error)) from error
    if len(inflated) > max_bytes:
        raise ReadError(Errors.E015.format(limit=max_bytes))
    return inflated


def _parse(data: bytes, source: str, kind: Kind) -> Iterator[Result]:
    """Decode the bytes (honouring an HTML page's declared charset) and read them as ``kind``."""
    declared = declared_charset(data) if kind == "html" else None
    yield from _parse_text(decode(data, declared=declared), source, kind)


def _parse_text(text: str, source: str, kind: Kind) -> Iterator[Result]:
    """Read decoded text as one document or as a file of records."""
    if kind == "html":
        yield read_html(text, source)
    elif kind == "json":
        yield from _json_documents(text, source)
    elif kind == "jsonl":
        yield from _jsonl_documents(text, source)
    elif kind == "csv":
        yield from _csv_documents(text, source)
    else:
        yield RawDocument(source=source, text=text, plain=True)


def _json_documents(text: str, source: str) -> Iterator[Result]:
    """A JSON object, a list of objects or ``{"documents": [...]}``; JSONL saved as ``.json`` works too."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            yield from _jsonl_documents(text, source)
            return
        raise ReadError(Errors.E005.format(detail=_json_detail(error))) from error
    except RecursionError:
        raise ReadError(Errors.E005.format(detail=TOO_DEEP)) from None
    records = _json_records(value)
    if records is None:
        yield _record_document(value, source)
        return
    if not records:
        raise ReadError(Errors.E003)
    for number, record in enumerate(records, start=1):
        yield _try_record(record, f"{source}#{number}")


def _json_records(value: object) -> list[object] | None:
    """The records of a multi-record JSON value, or None when it is a single document."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and "documents" in value:
        documents = value["documents"]
        if not isinstance(documents, list):
            raise ReadError(Errors.E017.format(kind=f"'documents' holding {_json_kind(documents)}"))
        return documents
    return None


def _jsonl_documents(text: str, source: str, first: int = 1) -> Iterator[Result]:
    """One JSON object per line (``first`` numbers the first); blank lines are skipped, ``#N`` is
    the line number."""
    # Not splitlines(): JSON strings may hold U+2028 and other characters it splits on.
    for number, line in enumerate(text.split("\n"), start=first):
        if not line.strip():
            continue
        record_source = f"{source}#{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            detail = f"{error.msg} at column {error.colno}"
            yield ReadFailure(record_source, Errors.E005.format(detail=detail))
            continue
        except RecursionError:
            yield ReadFailure(record_source, Errors.E005.format(detail=TOO_DEEP))
            continue
        yield _try_record(value, record_source)


def _try_record(value: object, source: str) -> Result:
    """A record as a document, or as a failure that lets the other records go on."""
    try:
        return _record_document(value, source)
    except ReadError as error:
        return ReadFailure(source, error.reason)


def _record_document(value: object, source: str) -> RawDocument:
    """A document from one JSON object, field names matched without regard to case."""
    if not isinstance(value, dict):
        raise ReadError(Errors.E017.format(kind=_json_kind(value)))
    return _fields_document(_lower_keys(value.items()), source, TEXT_FIELDS)


def _csv_documents(text: str, source: str) -> Iterator[Result]:
    """One document per CSV row; a row with broken quoting fails alone and the rest are still read."""
    _allow_fields_of(len(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    columns = _csv_header(reader)
    number = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            number += 1
            detail = f"{error} (row starting on line {start})"
            yield ReadFailure(f"{source}#{number}", Errors.E007.format(detail=detail))
            continue
        if any(cell.strip() for cell in row):
            number += 1
            yield _try_row(_lower_keys(zip(columns, row, strict=False)), f"{source}#{number}")
    if number == 0:
        raise ReadError(Errors.E003)


def _csv_header(reader: Iterator[list[str]]) -> list[str]:
    """The header row, which must name a text column."""
    try:
        header = next(reader)
    except StopIteration as error:
        raise ReadError(Errors.E003) from error
    except csv.Error as error:
        raise ReadError(Errors.E007.format(detail=f"{error} (header)")) from error
    columns = [name.strip().lower() for name in header]
    if not any(name in columns for name in CSV_TEXT_FIELDS):
        raise ReadError(Errors.E006.format(columns=", ".join(CSV_TEXT_FIELDS)))
    return columns


def _try_row(fields: dict[str, object], source: str) -> Result:
    """A CSV row as a document, or as a failure naming the row."""
    try:
        return _fields_document(fields, source, CSV_TEXT_FIELDS)
    except ReadError as error:
        return ReadFailure(source, error.reason)


def _delimiter(text: str) -> str:
    """The delimiter used most in the header line: comma, semicolon or tab (comma when none is)."""
    header = text.split("\n", 1)[0]
    best = max(_DELIMITERS, key=header.count)
    return best if header.count(best) else ","


def _allow_fields_of(size: int) -> None:
    """Raise the csv module's field size limit (128 KiB) so a whole article fits in one cell.

    The limit is process-wide, so it is only ever raised, to the size of the
    file being read, which ``max_bytes`` already bounds.
    """
    if csv.field_size_limit() < size:
        csv.field_size_limit(size)


def _fields_document(fields: Mapping[str, object], source: str, text_fields: tuple[str, ...]) -> RawDocument:
    """A document from named fields: the first usable text field and any metadata aliases."""
    text = next((value for name in text_fields if _has_text(value := fields.get(name))), None)
    if not isinstance(text, str):
        raise ReadError(Errors.E016.format(fields=", ".join(text_fields)))
    meta = {name: _first_value(fields, aliases) for name, aliases in METADATA_FIELDS.items()}
    page = read_html(text, source) if _looks_like_html(text) else RawDocument(source=source, text=text)
    # The record's own metadata wins over what a stored page says about itself.
    return RawDocument(
        source=source,
        text=page.text,
        title=meta["title"] or page.title,
        published=meta["published"] or page.published,
        outlet=meta["outlet"] or page.outlet,
        byline=meta["byline"] or page.byline,
        url=meta["url"] or page.url,
        plain=page.plain,
    )


def _has_text(value: object) -> bool:
    """True for a string with something other than whitespace in it."""
    return isinstance(value, str) and bool(value.strip())


def _first_value(fields: Mapping[str, object], aliases: tuple[str, ...]) -> str | None:
    """The first alias with a usable value, as one tidy line."""
    for alias in aliases:
        value = _scalar(fields.get(alias))
        if value:
            return value
    return None


def _scalar(value: object) -> str | None:
    """A metadata value as text: strings tidied, whole numbers (a year) kept, ``{"date": ...}`` unwrapped.

    The unwrapping lets this project's own JSON export, whose ``published`` is
    an object, be read back in.
    """
    if isinstance(value, dict):
        return _scalar(value.get("date"))
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return " ".join(_CONTROL.sub(" ", value).split()) or None
    return None


def _looks_like_html(text: str) -> bool:
    """True for text that starts with a tag and holds markup, such as a scraped page stored in JSON."""
    stripped = text.lstrip()
    return stripped.startswith("<") and _HTML_TAG.search(stripped[:10_000]) is not None


def _lower_keys(items: Iterable[tuple[object, object]]) -> dict[str, object]:
    """Field names trimmed and lower-cased; the first of two equal names wins."""
    fields: dict[str, object] = {}
    for key, value in items:
        fields.setdefault(str(key).strip().lower(), value)
    return fields


def _json_kind(value: object) -> str:
    """What a JSON value is, in JSON's own words, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _json_detail(error: json.JSONDecodeError) -> str:
    """A JSON error in one line: what went wrong and where."""
    return f"{error.msg} at line {error.lineno} column {error.colno}"


def _os_detail(error: OSError) -> str:
    """An OS error in one line, without the path (the failure names it already)."""
    return error.strerror or type(error).__name__
