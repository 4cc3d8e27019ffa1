"""Plain-list views of a processed ``Doc``, read once per document.

``doc[i].lower_`` builds a new ``Token`` object on every call, and the rule
modules ask for the same few attributes of the same tokens many times over.
:func:`token_view` reads them once into Python lists (kept in the doc's
``user_data``, so they live and die with the doc) that every stage indexes
instead. Build the view only after the pipeline has run: retokenizing a doc
later would leave it stale.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_TITLE, LOWER, ORTH, SENT_START
from spacy.tokens import Doc

_KEY = "ceasefire.token_view"
_TEXT_KEY = "ceasefire.doc_text"
# read with one ``Doc.to_array`` call instead of a ``Token`` object per token and attribute
_ATTRS = [LOWER, ORTH, IS_TITLE, IS_LOWER, IS_ALPHA, IS_PUNCT, SENT_START, IDX]


@dataclass(frozen=True)
class TokenView:
    """Per-token attributes of one doc, index for index.

    lower (list[str]): ``Token.lower_``.
    text (list[str]): ``Token.text``.
    is_title, is_lower, is_alpha, is_punct (list[bool]): the lexical flags of the same names.
    sent_start (list[bool]): ``Token.is_sent_start`` (``None`` read as False).
    idx (list[int]): ``Token.idx``, the character offset of each token.
    """

    lower: list[str]
    text: list[str]
    is_title: list[bool]
    is_lower: list[bool]
    is_alpha: list[bool]
    is_punct: list[bool]
    sent_start: list[bool]
    idx: list[int]


def token_view(doc: Doc) -> TokenView:
    """The doc's token view, built on first use and cached on the doc."""
    view = doc.user_data.get(_KEY)
    if isinstance(view, TokenView) and len(view.lower) == len(doc):
        return view
    lower, orth, title, is_lower, alpha, punct, sent_start, idx = doc.to_array(_ATTRS).T.tolist()
    strings = doc.vocab.strings
    view = TokenView(
        lower=[strings[h] for h in lower],
        text=[strings[h] for h in orth],
        is_title=[x == 1 for x in title],
        is_lower=[x == 1 for x in is_lower],
        is_alpha=[x == 1 for x in alpha],
        is_punct=[x == 1 for x in punct],
        sent_start=[x == 1 for x in sent_start],  # 1 opens a sentence; -1 does not, 0 is unset
        idx=idx,
    )
    doc.user_data[_KEY] = view
    return view


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc (spaCy rebuilds it from every token on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` without building the span: a slice of the doc's text."""
    if start >= end:
        return ""
    view = token_view(doc)
    return doc_text(doc)[view.idx[start] : view.idx[end - 1] + len(view.text[end - 1])]


def at(doc: Doc, i: int, sequence: tuple[str, ...]) -> bool:
    """True when the tokens from ``i`` spell ``sequence`` (lower-cased)."""
    lower = token_view(doc).lower
    n = len(sequence)
    return (
        i >= 0
        and i + n <= len(lower)
        and (lower[i] == sequence[0] if n == 1 else tuple(lower[i : i + n]) == sequence)
    )


def ends_at(doc: Doc, end: int, sequence: tuple[str, ...]) -> bool:
    """True when ``sequence`` ends just before token ``end``."""
    return at(doc, end - len(sequence), sequence)


def quoted_at(text: str, at: int) -> bool:
    """Character ``at`` lies between quotation marks opened earlier in its paragraph (curly or
    straight): what a quote says, not what the report says."""
    start = max(text.rfind("\n\n", 0, at), 0)
    before = text[start:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1
