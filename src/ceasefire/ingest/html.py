"""Read a web page: its main text without navigation and footers, and its metadata.

trafilatura does the boilerplate removal and metadata reading (title, byline,
outlet, date, canonical URL). Its own text output joins paragraphs with single
newlines, which would lose the paragraph structure the cleaning step needs, so
the text is rebuilt here from its extracted tree, one paragraph per block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import trafilatura
from trafilatura.settings import Document as Extraction
from trafilatura.xml import xmltotxt

from ceasefire.errors import Errors
from ceasefire.ingest.errors import ReadError
from ceasefire.types import RawDocument

# Only publication dates the page states in its markup; the fuller search would
# lift a date out of the article body and present it as metadata.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
_DOCUMENT_START = re.compile(r"<(?:!doctype|html|head|body)\b", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_html(text: str, source: str) -> RawDocument:
    """Extract the main text and metadata of an HTML page or fragment.

    text (str): the HTML, already decoded.
    source (str): where it came from, kept on the document.
    RETURNS (RawDocument): with ``plain=False``; paragraphs separated by blank lines.
    Raises ReadError(E008) when the page has no main text.
    """
    extracted = _extract(_as_document(text))
    if extracted is None:
        raise ReadError(Errors.E008)
    body = _paragraphs(extracted.body)
    if not body:
        raise ReadError(Errors.E008)
    return RawDocument(
        source=source,
        text=body,
        title=_clean(extracted.title),
        published=_clean(extracted.date),
        outlet=_clean(extracted.sitename),
        byline=_clean(extracted.author),
        url=_clean(extracted.url),
        plain=False,
    )


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page names in a ``<meta>`` tag near its start, if any.

    data (bytes): the raw page.
    RETURNS (str | None): the name as written, e.g. ``windows-1252``.
    """
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _as_document(text: str) -> str:
    """Wrap a bare fragment in html/body, since trafilatura rejects single-block fragments."""
    if _DOCUMENT_START.search(text[:2048]):
        return text
    return f"<html><body>{text}</body></html>"


def _extract(html: str) -> Extraction | None:
    """trafilatura's extraction result, or None when it found nothing in the page.

    trafilatura and htmldate have crashed on odd markup (an ``AssertionError``
    deep in lxml for ``<svg><html>``), so any failure with metadata is retried
    without it, and a second failure becomes a one-line reason, never a traceback.
    """
    try:
        result = _run_trafilatura(html, with_metadata=True)
    except Exception:  # a third-party crash on bad markup: retried below
        try:
            result = _run_trafilatura(html, with_metadata=False)
        except Exception as error:
            raise ReadError(f"{Errors.E008} ({type(error).__name__}: {error})") from error
    return result if isinstance(result, Extraction) else None


def _run_trafilatura(html: str, *, with_metadata: bool) -> object:
    """One call of trafilatura with the settings this project relies on."""
    return trafilatura.bare_extraction(
        html,
        with_metadata=with_metadata,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )


def _paragraphs(body: Iterable[Any] | None) -> str:
    """One paragraph per top-level block of the extracted tree, separated by blank lines."""
    if body is None:
        return ""
    blocks = (xmltotxt(element, False).strip() for element in body)
    return "\n\n".join(block for block in blocks if block)


def _clean(value: object) -> str | None:
    """A metadata value with its whitespace tidied, or None when absent or blank."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
