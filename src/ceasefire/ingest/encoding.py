"""Turn the bytes of a file into text, or say clearly why they are not text.

News files arrive in every encoding a newsroom or scraper ever used: UTF-8 with
or without a BOM, UTF-16 from Windows tools, cp1252 from old CMSs. The order of
the checks below goes from certain (a BOM) to guessed (a statistical detector),
and binary data is refused before any guess is made, so a PDF never comes out
as a page of mojibake.
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from ceasefire.errors import Errors
from ceasefire.ingest.errors import ReadError

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures that are unambiguous at the start of a file; none can open real text.
_MAGIC: tuple[bytes, ...] = (
    b"%PDF-",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x89PNG\r\n\x1a\n",
    b"\x7fELF",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"\x1f\x8b",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"SQLite format 3\x00",
    b"\x00asm",
)

# C0 controls that never occur in text; tab, newlines, form feed, ESC and the DOS EOF mark are allowed.
_TEXT_CONTROLS = "\t\n\x0b\x0c\r\x1a\x1b"
_CONTROL_BYTES = bytes(b for b in range(32) if chr(b) not in _TEXT_CONTROLS)
_MAX_CONTROL_SHARE = 0.02
_SAMPLE = 65_536
# Share of UTF-16 code units whose high byte is NUL, at least: spaces alone give more in any script.
_MIN_WIDE_NULS = 0.1
# Above this share of non-ASCII letters, a Western reading is probably another script's mojibake.
_MAX_FOREIGN_LETTERS = 0.25


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Decode file contents to text, refusing binary data and empty files.

    data (bytes): the raw contents.
    declared (str | None): an encoding the file itself names (an HTML ``<meta charset>``),
        tried after BOMs and UTF-8 because such declarations are often wrong.
    RETURNS (str): the text, without any BOM.
    Raises ReadError with E002 (binary), E003 (empty) or E004 (undecodable).
    """
    text = _decode_bytes(data, declared)
    if not text.strip():
        raise ReadError(Errors.E003)
    if _plausible(text) is None:
        raise ReadError(Errors.E002)
    return text


def line_codec(head: bytes) -> str | None:
    """How a line-oriented file whose first bytes are ``head`` can be read a line at a time:
    ``utf-8`` (or ``utf-8-sig`` with a BOM), each line decoded on its own; ``None`` when only
    the whole file can be decoded (UTF-16 or UTF-32, whose newlines are not single bytes).

    Raises ReadError with E002 (binary) or E003 (empty), as ``decode`` would for the file.
    """
    if not head:
        raise ReadError(Errors.E003)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if any(head.startswith(bom) for bom, _ in _BOMS) or _wide_codec(head) is not None:
        return None
    if head.startswith(_MAGIC) or b"\x00" in head or _control_share(head) > _MAX_CONTROL_SHARE:
        raise ReadError(Errors.E002)
    return "utf-8"


def decode_line(line: bytes) -> str:
    """One line of a line-oriented file: UTF-8, else whatever ``decode`` makes of it alone."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return decode(line)


def _decode_bytes(data: bytes, declared: str | None) -> str:
    """Try each way of reading the bytes, most certain first."""
    if not data:
        raise ReadError(Errors.E003)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _require(_strict(data[len(bom) :], codec), Errors.E004)
    if data.startswith(_MAGIC):
        raise ReadError(Errors.E002)
    wide = _wide_codec(data)
    if wide is not None:
        return _require(_plausible(_strict(data, wide)), Errors.E002)
    if b"\x00" in data or _control_share(data[:_SAMPLE]) > _MAX_CONTROL_SHARE:
        raise ReadError(Errors.E002)
    for codec in ("utf-8", _known_codec(declared) or "utf-8"):
        text = _strict(data, codec)
        if text is not None:
            return text
    return _require(_western(data) or _detected(data), Errors.E004)


def _require(text: str | None, reason: str) -> str:
    """The decoded text, or a ReadError with ``reason`` when decoding failed."""
    if text is None:
        raise ReadError(reason)
    return text


def _strict(data: bytes, codec: str) -> str | None:
    """Decode without replacement characters, or None when the bytes do not fit the codec."""
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _known_codec(name: str | None) -> str | None:
    """The Python codec for a declared charset name, or None when Python does not know it."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def _wide_codec(data: bytes) -> str | None:
    """Recognise BOM-less UTF-32/UTF-16 from where the NUL bytes fall.

    Latin text in UTF-16-LE has a NUL in every odd position, and even Arabic or
    Cyrillic text has one after each space and digit (well over a tenth of its
    characters), but never in an even position; binary data scatters NULs
    everywhere, and a stray NUL in UTF-8 text is far too rare to match.
    """
    sample = data[: _SAMPLE - _SAMPLE % 4]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    if len(data) % 4 == 0:
        quads = [sample[i : i + 4] for i in range(0, len(sample), 4)]
        if all(q[2:] == b"\x00\x00" and q[:2] != b"\x00\x00" for q in quads):
            return "utf-32-le"
        if all(q[:2] == b"\x00\x00" and q[2:] != b"\x00\x00" for q in quads):
            return "utf-32-be"
    if len(data) % 2:
        return None
    pairs = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even == 0 and odd >= _MIN_WIDE_NULS * pairs:
        return "utf-16-le"
    if odd == 0 and even >= _MIN_WIDE_NULS * pairs:
        return "utf-16-be"
    return None


def _control_share(data: bytes) -> float:
    """Fraction of bytes that are control codes no text uses."""
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data)


def _plausible(text: str | None) -> str | None:
    """The text if nearly all of it is assigned, printable characters, else None."""
    if text is None:
        return None
    sample = text[:_SAMPLE]
    junk = sum(1 for char in sample if _is_junk(char))
    return text if junk <= _MAX_CONTROL_SHARE * len(sample) else None


def _is_junk(char: str) -> bool:
    """True for controls, unassigned, private-use and surrogate code points."""
    category = unicodedata.category(char)
    return category in {"Cn", "Co", "Cs"} or (category == "Cc" and char not in _TEXT_CONTROLS)


def _western(data: bytes) -> str | None:
    """Read the bytes as cp1252 when that gives plausible Latin text.

    English news in a legacy encoding is almost always cp1252 or Latin-1 (which
    cp1252 extends for printable text). Statistical detectors misjudge short texts
    like these, reading "café" as Central European "cafť", so this reading wins
    unless it turns most letters into accented ones, the mark of Cyrillic or
    Greek text in its own code page.
    """
    text = _strict(data, "cp1252")
    if text is None:
        return None
    letters = [char for char in text if char.isalpha()]
    foreign = sum(1 for char in letters if not char.isascii())
    if letters and foreign / len(letters) > _MAX_FOREIGN_LETTERS:
        return None
    return text


def _detected(data: bytes) -> str | None:
    """charset-normalizer's best guess, for text that is neither UTF nor Western."""
    best = from_bytes(data).best()
    return None if best is None else str(best)
