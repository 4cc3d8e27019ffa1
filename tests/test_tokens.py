"""The token view and text helpers must agree with spaCy's own Token and Span attributes."""

from __future__ import annotations

import pytest

from ceasefire.nlp.pipeline import make_nlp
from ceasefire.nlp.tokens import doc_text, quoted_at, span_text, token_view

TEXTS = [
    "",
    "Bomb kills soldier",
    "Lt. Col. Khan said 11 pro-government militia members were killed.\n\nTalks resume in Doha!  Why?",
    "“They agreed to a cease-fire,” the TTP said (in a statement). Two died.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_view_matches_token_attributes(text: str) -> None:
    doc = make_nlp()(text)
    view = token_view(doc)
    assert view.lower == [t.lower_ for t in doc]
    assert view.text == [t.text for t in doc]
    assert view.is_title == [t.is_title for t in doc]
    assert view.is_lower == [t.is_lower for t in doc]
    assert view.is_alpha == [t.is_alpha for t in doc]
    assert view.is_punct == [t.is_punct for t in doc]
    assert view.sent_start == [bool(t.is_sent_start) for t in doc]
    assert view.idx == [t.idx for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_text_slices_match_spans(text: str) -> None:
    doc = make_nlp()(text)
    assert doc_text(doc) == doc.text == text
    for start in range(len(doc) + 1):
        for end in range(start, len(doc) + 1):
            assert span_text(doc, start, end) == doc[start:end].text
    for sent in doc.sents:
        assert span_text(doc, sent.start, sent.end) == sent.text


def test_tokens_quoted_at_is_inside_quotation_marks_of_its_paragraph() -> None:
    text = 'He said: “We will hold the truce,” and left.\n\n"Nobody fired," she said.'
    assert quoted_at(text, text.index("hold"))
    assert not quoted_at(text, text.index("left"))
    assert quoted_at(text, text.index("Nobody"))
    assert not quoted_at(text, text.index("she"))
