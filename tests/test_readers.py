"""Reading files, folders and stdin into RawDocument records (ceasefire.ingest.readers)."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.errors import Errors
from ceasefire.ingest.encoding import decode
from ceasefire.ingest.errors import ReadError
from ceasefire.ingest.readers import SUFFIXES, read_bytes, read_paths, suffix_of
from ceasefire.types import RawDocument, ReadFailure

DATA = Path(__file__).parent / "data" / "readers"


def read(*paths: Path | str, **options: object) -> list[RawDocument | ReadFailure]:
    """Everything read_paths yields for the given paths."""
    return list(read_paths([str(path) for path in paths], **options))  # type: ignore[arg-type]


def documents(results: list[RawDocument | ReadFailure]) -> list[RawDocument]:
    return [item for item in results if isinstance(item, RawDocument)]


def failures(results: list[RawDocument | ReadFailure]) -> list[ReadFailure]:
    failed = [item for item in results if isinstance(item, ReadFailure)]
    for failure in failed:
        assert "\n" not in failure.reason and "Traceback" not in failure.reason, failure.reason
    return failed


def only_failure(results: list[RawDocument | ReadFailure]) -> ReadFailure:
    assert len(results) == 1 and isinstance(results[0], ReadFailure), results
    return failures(results)[0]


def only_document(results: list[RawDocument | ReadFailure]) -> RawDocument:
    assert len(results) == 1 and isinstance(results[0], RawDocument), results
    return results[0]


# --- plain text -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["article.txt"])
def test_readers_txt_is_one_plain_document(name: str) -> None:
    doc = only_document(read(DATA / name))
    assert doc.source == str(DATA / name)
    assert doc.plain is True
    assert doc.text.startswith("Militants announce month-long ceasefire\n\nPESHAWAR:")
    assert (doc.title, doc.published, doc.outlet, doc.byline, doc.url) == (None, None, None, None, None)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Peshāwar: the ceasefire held.", "utf-8"),
        ("Peshāwar: the ceasefire held.", "utf-8-sig"),
        ("Peshāwar: the ceasefire held.", "utf-16"),
        ("Peshāwar: the ceasefire held.", "utf-16-le"),
        ("Peshāwar: the ceasefire held.", "utf-16-be"),
        ("Peshāwar: the ceasefire held.", "utf-32"),
        ("پشاور میں جنگ بندی", "utf-16-le"),
        ("The café in Peshawar reopened.", "latin-1"),
        ("“Ceasefire” holds at the café — officials", "cp1252"),
        ("café", "cp1252"),
        ("Прекращение огня в Пешаваре объявлено талибами в понедельник", "cp1251"),
    ],
)
def test_readers_decode_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    assert only_document(read(path)).text == text


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
        b"A ceasefire was agreed\x00 on Monday.",
        random.Random(7).randbytes(4096),
        bytes(range(256)) * 8,
    ],
)
def test_readers_binary_is_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    failure = only_failure(read(path))
    assert (failure.source, failure.reason) == (str(path), Errors.E002)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf", "\n\n".encode("utf-16")])
def test_readers_empty_file_fails(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    assert only_failure(read(path)).reason == Errors.E003


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=512), suffix=st.sampled_from(sorted(SUFFIXES | {"", ".dat"})))
def test_readers_any_bytes_give_documents_or_one_line_failures(data: bytes, suffix: str) -> None:
    results = list(read_bytes(data, "fuzz", suffix))
    assert results
    failures(results)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs", "Cn", "Co")), min_size=1)
    .filter(str.strip)
    # a leading U+FEFF cannot be told from a byte-order mark, which decoding removes
    .filter(lambda text: not text.startswith("\ufeff"))
)
def test_readers_decode_round_trips_utf8_and_utf16(text: str) -> None:
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", Errors.E003), (b"%PDF-1.4", Errors.E002), (b"\xff\xfe\x00\xd8", Errors.E004)],
)
def test_readers_decode_raises_read_error(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        decode(data)
    assert caught.value.reason == reason


# --- HTML -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["page.html"])
def test_readers_html_keeps_metadata_and_drops_boilerplate(name: str) -> None:
    doc = only_document(read(DATA / name))
    assert doc.plain is False
    assert doc.title == "Truce announced in North Waziristan"
    assert doc.published == "2014-03-01"
    assert doc.byline == "Tariq Naqash"
    assert doc.outlet == "The Frontier Post"
    assert doc.url == "https://frontier.example.org/news/2014/03/truce-announced"
    assert "announced a month-long ceasefire on Saturday" in doc.text
    for boilerplate in (
        "Subscribe to our newsletter",
        "Privacy policy",
        "All rights reserved",
        "Cricket team",
    ):
        assert boilerplate not in doc.text


@pytest.mark.parametrize("name", ["page.html"])
def test_readers_html_keeps_paragraph_breaks(name: str) -> None:
    paragraphs = only_document(read(DATA / name)).text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[1].startswith("The Tehreek-e-Taliban Pakistan announced")
    assert paragraphs[3].startswith("Security forces halted air strikes")


@pytest.mark.parametrize(
    "html",
    [
        (DATA / "no_body.html").read_text(encoding="utf-8"),
        "<html><head><title>Only a title</title></head></html>",
        "<html><body><!-- nothing here --></body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
    ],
)
def test_readers_html_without_main_text_fails(tmp_path: Path, html: str) -> None:
    path = tmp_path / "page.htm"
    path.write_text(html, encoding="utf-8")
    assert only_failure(read(path)).reason == Errors.E008


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div><p>Unclosed <b>bold <i>and</div></span></p>A truce holds in the valley.",
        "<svg><html><p>Ceasefire agreed between the two sides on Monday after talks.</p>",
        "<html><body><p>Broken &#xffffff; entity, <![CDATA[ junk ]]> in a story.</p></body></html>",
        "<<<>>> & <p <p> </ >",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>Talks resumed in Kabul.</p></body></html>",
    ],
)
def test_readers_html_survives_malformed_markup(tmp_path: Path, html: str) -> None:
    path = tmp_path / "broken.html"
    path.write_text(html, encoding="utf-8")
    results = read(path)
    assert len(results) == 1
    failures(results)


@pytest.mark.parametrize("charset", ["windows-1252", "iso-8859-1"])
def test_readers_html_declared_charset_is_used(tmp_path: Path, charset: str) -> None:
    body = "<p>Le cessez-le-feu a été annoncé à Peshawar, a déclaré le porte-parole du café.</p>"
    page = f'<html><head><meta charset="{charset}"><title>Trêve</title></head><body>{body}</body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(charset))
    doc = only_document(read(path))
    assert "a été annoncé à Peshawar" in doc.text
    assert doc.title == "Trêve"


# --- JSON and JSONL ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "sources"),
    [
        ("single.json", ["single.json"]),
        ("list.json", ["list.json#1", "list.json#2"]),
        ("wrapped.json", ["wrapped.json#1"]),
    ],
)
def test_readers_json_shapes(name: str, sources: list[str]) -> None:
    results = read(DATA / name)
    assert [doc.source for doc in documents(results)] == [str(DATA / source) for source in sources]
    assert not failures(results)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            {"text": "t", "title": "T", "published": "2022-06-02", "url": "u", "outlet": "O", "byline": "B"},
            {"text": "t", "title": "T", "published": "2022-06-02", "url": "u", "outlet": "O", "byline": "B"},
        ),
        (
            {"body": "t", "headline": "T", "date": "2009-02", "source_name": "O", "author": "B", "x": [1]},
            {"text": "t", "title": "T", "published": "2009-02", "url": None, "outlet": "O", "byline": "B"},
        ),
        (
            {"Content": "t", "published_at": 2014, "sitename": "  O  ", "Author": ""},
            {"text": "t", "title": None, "published": "2014", "url": None, "outlet": "O", "byline": None},
        ),
        (
            {"text": "t", "published": {"date": "2021-11-21", "precision": "day"}, "outlet": ["Dawn"]},
            {
                "text": "t",
                "title": None,
                "published": "2021-11-21",
                "url": None,
                "outlet": None,
                "byline": None,
            },
        ),
    ],
)
def test_readers_json_field_aliases(
    tmp_path: Path, record: dict[str, object], expected: dict[str, object]
) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    doc = only_document(read(path))
    got = {name: getattr(doc, name) for name in expected}
    assert got == expected


@pytest.mark.parametrize("name", ["records.jsonl"])
def test_readers_jsonl_bad_line_fails_alone(name: str) -> None:
    results = read(DATA / name)
    assert [doc.source for doc in documents(results)] == [f"{DATA / name}#1", f"{DATA / name}#3"]
    (failure,) = failures(results)
    assert failure.source == f"{DATA / name}#2"
    assert failure.reason.startswith("malformed JSON: ")


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson", ".json"])
def test_readers_jsonl_records_without_text_fail_alone(tmp_path: Path, suffix: str) -> None:
    lines = [
        '{"text": "A ceasefire."}',
        "",
        '{"title": "no text"}',
        '{"text": "   "}',
        "[1, 2]",
        '{"body": "Talks."}',
    ]
    path = tmp_path / f"records{suffix}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = read(path)
    assert [doc.text for doc in documents(results)] == ["A ceasefire.", "Talks."]
    assert [(f.source, f.reason) for f in failures(results)] == [
        (f"{path}#3", Errors.E016.format(fields="text, body, content")),
        (f"{path}#4", Errors.E016.format(fields="text, body, content")),
        (f"{path}#5", Errors.E017.format(kind="a list")),
    ]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0c"])
def test_readers_jsonl_keeps_unicode_line_separators_inside_strings(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "records.jsonl"
    record = json.dumps({"text": f"one{separator}two"}, ensure_ascii=False)
    path.write_text(record + "\n", encoding="utf-8")
    assert only_document(read(path)).text == f"one{separator}two"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"text": "unterminated', "malformed JSON: "),
        ("[]", Errors.E003),
        ('{"documents": {"a": 1}}', "not a document: "),
        ('"just a string"', Errors.E017.format(kind="a string")),
        ('{"title": "no text"}', "no text: "),
    ],
)
def test_readers_json_file_level_failures(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    failure = only_failure(read(path))
    assert failure.source == str(path)
    assert failure.reason.startswith(reason)


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_readers_json_record_with_html_text_is_extracted(tmp_path: Path, suffix: str) -> None:
    html = (DATA / "page.html").read_text(encoding="utf-8")
    path = tmp_path / f"scraped{suffix}"
    path.write_text(json.dumps({"text": html, "title": "Record title"}) + "\n", encoding="utf-8")
    doc = only_document(read(path))
    assert doc.plain is False
    assert doc.title == "Record title"  # the record's own metadata wins
    assert doc.byline == "Tariq Naqash"  # the page's fills the gaps
    assert "<p>" not in doc.text and "Subscribe to our newsletter" not in doc.text


# --- CSV --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["articles.csv"])
def test_readers_csv_rows_become_documents(name: str) -> None:
    results = read(DATA / name)
    first, second = documents(results)
    assert first.source == f"{DATA / name}#1"
    assert (first.text, first.title, first.published, first.outlet, first.byline) == (
        "A truce was agreed in Swat, officials said.",
        "Truce in Swat",
        "2009-02-16",
        "Dawn",
        "Staff Reporter",
    )
    assert second.text.startswith("Talks between the government and the TTP stalled;")
    assert second.byline is None


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_readers_csv_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "rows.csv"
    rows = [["Article", "Outlet"], ["Ceasefire, then talks; then more talks.", "Dawn"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        import csv

        csv.writer(handle, delimiter=delimiter).writerows(rows)
    doc = only_document(read(path))
    assert (doc.text, doc.outlet) == ("Ceasefire, then talks; then more talks.", "Dawn")


@pytest.mark.parametrize("name", ["no_text_column.csv"])
def test_readers_csv_without_text_column_fails(name: str) -> None:
    failure = only_failure(read(DATA / name))
    assert failure.source == str(DATA / name)
    assert failure.reason == Errors.E006.format(columns="text, body, content, article, headline")


@pytest.mark.parametrize("name", ["broken_quoting.csv"])
def test_readers_csv_broken_quoting_fails_per_row(name: str) -> None:
    results = read(DATA / name)
    assert [doc.outlet for doc in documents(results)] == ["Dawn", "AFP"]
    (failure,) = failures(results)
    assert failure.source == f"{DATA / name}#2"
    assert failure.reason.startswith("malformed CSV: ") and "line 3" in failure.reason


@pytest.mark.parametrize("content", ['text,outlet\nfine,Dawn\n"never closed,Reuters\nlost,AFP\n'])
def test_readers_csv_unclosed_quote_keeps_earlier_rows(tmp_path: Path, content: str) -> None:
    path = tmp_path / "unclosed.csv"
    path.write_text(content, encoding="utf-8")
    results = read(path)
    assert [doc.text for doc in documents(results)] == ["fine"]
    assert [f.source for f in failures(results)] == [f"{path}#2"]


@pytest.mark.parametrize("size", [200_000])
def test_readers_csv_allows_long_articles(tmp_path: Path, size: int) -> None:
    path = tmp_path / "long.csv"
    path.write_text(f'text\n"{"word " * (size // 5)}"\n', encoding="utf-8")
    assert len(only_document(read(path)).text) == size


@pytest.mark.parametrize("content", ["text,outlet\n", "text,outlet\n,Dawn\n"])
def test_readers_csv_without_usable_rows_fails(tmp_path: Path, content: str) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(content, encoding="utf-8")
    assert failures(read(path))


# --- gzip and size limits ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["article.txt", "records.jsonl", "articles.csv", "page.html"])
def test_readers_gzip_reads_like_the_plain_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.gz"
    path.write_bytes(gzip.compress((DATA / name).read_bytes()))
    plain = read(DATA / name)
    packed = read(path)
    assert [item.source.replace(str(path), "X") for item in packed] == [
        item.source.replace(str(DATA / name), "X") for item in plain
    ]
    assert [getattr(item, "text", None) for item in packed] == [getattr(item, "text", None) for item in plain]


@pytest.mark.parametrize("keep", [10, 30])
def test_readers_truncated_gzip_fails(tmp_path: Path, keep: int) -> None:
    path = tmp_path / "article.txt.gz"
    path.write_bytes(gzip.compress((DATA / "article.txt").read_bytes())[:keep])
    failure = only_failure(read(path))
    assert failure.source == str(path)
    assert failure.reason.startswith("corrupt or truncated gzip data: ")


@pytest.mark.parametrize("limit", [1_000])
def test_readers_gzip_bomb_is_capped(tmp_path: Path, limit: int) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * (limit * 100)))
    assert only_failure(read(path, max_bytes=limit)).reason == Errors.E015.format(limit=limit)


@pytest.mark.parametrize("limit", [100])
def test_readers_too_large_file_fails(tmp_path: Path, limit: int) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * (limit + 1), encoding="utf-8")
    reason = only_failure(read(path, max_bytes=limit)).reason
    assert reason == Errors.E012.format(size=limit + 1, limit=limit)


# --- paths, folders, stdin --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["missing.txt", "missing-folder/"])
def test_readers_missing_path_fails(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    failure = only_failure(read(path))
    assert (failure.source, failure.reason) == (str(path), Errors.E001)


def test_readers_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    files = {
        "z.txt": "last",
        "a.txt": "first",
        "b/m.TXT": "middle",
        "b/deeper/n.json": '{"text": "deep"}',
        "b/notes.md": "a README, not news",
        "b/scan.pdf": "%PDF-1.4",
        "b/.draft.txt": "hidden file",
        ".hidden/secret.txt": "hidden folder",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    results = read(tmp_path)
    assert [doc.text for doc in documents(results)] == ["first", "deep", "middle", "last"]
    assert not failures(results)
    assert [doc.source for doc in documents(results)][1] == str(tmp_path / "b" / "deeper" / "n.json")


@pytest.mark.parametrize("name", ["notes.md", "report.log", "README"])
def test_readers_named_file_with_unsupported_suffix_is_read_as_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("A ceasefire was declared.", encoding="utf-8")
    assert only_document(read(path)).text == "A ceasefire was declared."


def test_readers_symlink_loop_terminates(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("A truce.", encoding="utf-8")
    (tmp_path / "news" / "again").symlink_to(tmp_path / "news", target_is_directory=True)
    (tmp_path / "news" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "news" / "self.txt").symlink_to(tmp_path / "news" / "self.txt")
    results = read(tmp_path)
    assert [doc.text for doc in documents(results)] == ["A truce."]
    assert [f.source for f in failures(results)] == [str(tmp_path / "news" / "self.txt")]


def test_readers_file_that_vanishes_mid_run_fails(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Report {name}.", encoding="utf-8")
    results = read_paths([str(tmp_path)])
    first = next(results)
    (tmp_path / "b.txt").unlink()
    rest = list(results)
    assert isinstance(first, RawDocument)
    assert isinstance(rest[1], RawDocument) and rest[1].text == "Report c.txt."
    failure = only_failure(rest[:1])
    assert failure.source == str(tmp_path / "b.txt")
    assert failure.reason.startswith("cannot read: ")


def test_readers_permission_denied_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    if os.geteuid() == 0:  # root reads anything, so refuse the open the way the OS would
        real_open = Path.open

        def refuse(self: Path, *args: object, **kwargs: object) -> object:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(Path, "open", refuse)
    else:
        path.chmod(0)
    failure = only_failure(read(path))
    assert (failure.source, failure.reason) == (str(path), Errors.E011.format(detail="Permission denied"))


def test_readers_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "link.txt").symlink_to(fifo)
    assert only_failure(read(fifo)).reason == Errors.E001
    assert read(tmp_path) == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"A ceasefire was declared on Monday.\n", ["A ceasefire was declared on Monday.\n"]),
        (b'  {"text": "From a pipe."}', ["From a pipe."]),
        (b'[{"text": "one"}, {"text": "two"}]', ["one", "two"]),
        (b'{"text": "one"}\n{"text": "two"}\n', ["one", "two"]),
        (
            b"<html><body><p>Talks resumed in Kabul today.</p></body></html>",
            ["Talks resumed in Kabul today."],
        ),
        (gzip.compress(b'{"text": "zipped"}'), ["zipped"]),
    ],
)
def test_readers_stdin_sniffs_its_format(data: bytes, expected: list[str]) -> None:
    results = read("-", stdin=io.BytesIO(data))
    assert [doc.text for doc in documents(results)] == expected
    assert all(doc.source.startswith("<stdin>") for doc in documents(results))


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\x03" * 100])
def test_readers_stdin_failures_name_stdin(data: bytes) -> None:
    failure = only_failure(read("-", stdin=io.BytesIO(data)))
    assert failure.source == "<stdin>"


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("a.TXT", ".txt"),
        ("b.jsonl.gz", ".jsonl.gz"),
        ("c.tar.gz", ".tar.gz"),
        ("README", ""),
        ("x.gz", ".gz"),
    ],
)
def test_readers_suffix_of(name: str, suffix: str) -> None:
    assert suffix_of(name) == suffix


# --- JSONL streamed a record at a time ---------------------------------------------------------


def _records(n: int) -> list[str]:
    return [
        json.dumps({"text": f"Report {i}: militants attacked a checkpoint.", "title": f"R{i}"})
        for i in range(n)
    ]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".ndjson"])
def test_readers_jsonl_of_any_size_is_read_a_record_at_a_time(tmp_path: Path, suffix: str) -> None:
    """The cap holds for each line, not the file: an archive larger than it goes in whole,
    and a line over it fails alone, naming its line, while the lines after it are read."""
    lines = _records(300)
    lines[10] = json.dumps({"text": "x " * 2_000})  # one record longer than the limit
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path = tmp_path / f"archive{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    limit = 1_000
    assert len(data) > 10 * limit
    results = read(path, max_bytes=limit)
    (failure,) = failures(results)
    assert failure.source == f"{path}#11" and failure.reason.startswith("too large:")
    docs = documents(results)
    assert len(docs) == 299 and docs[-1].text.startswith("Report 299") and docs[-1].source == f"{path}#300"


def test_readers_truncated_gzip_jsonl_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    data = ("\n".join(_records(2_000)) + "\n").encode("utf-8")
    packed = gzip.compress(data)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    results = read(path)
    (failure,) = failures(results)
    assert failure.source == str(path) and failure.reason.startswith("corrupt or truncated gzip data: ")
    assert 100 < len(documents(results)) < 2_000


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        (codecs.BOM_UTF8 + '{"text": "Café attack"}\n'.encode(), ["Café attack"]),
        ('{"text": "Café attack"}\n'.encode("utf-16"), ["Café attack"]),  # whole-file path
        ('{"text": "ok"}\n{"text": "Caf\xe9 attack"}\n'.encode("latin-1"), ["ok", "Café attack"]),
    ],
)
def test_readers_streamed_jsonl_encodings(tmp_path: Path, encoded: bytes, expected: list[str]) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(encoded)
    results = read(path)
    assert not failures(results)
    assert [d.text for d in documents(results)] == expected


@pytest.mark.parametrize(
    ("content", "reason"), [(b"", Errors.E003), (b"%PDF-1.4\x00\x01\x02binary", Errors.E002)]
)
def test_readers_streamed_jsonl_that_is_no_text_fails_whole(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    failure = only_failure(read(path))
    assert (failure.source, failure.reason) == (str(path), reason)
