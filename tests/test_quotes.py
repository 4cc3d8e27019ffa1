"""Direct quotes with speakers; scare quotes are not quotes."""

from __future__ import annotations

import pytest

from ceasefire.events.extract import extract
from ceasefire.models import Document, Published, Quote


def quotes(text: str) -> list[Quote]:
    found = extract(Document(id="q", text=text, published=Published(date="2022", precision="year"))).quotes
    for q in found:
        assert text[q.evidence.start : q.evidence.end] == q.evidence.text
        assert q.text in q.evidence.text
    return found


@pytest.mark.parametrize(
    "text,words,speaker,speaker_text",
    [
        (
            "“We will not lay down our arms,” TTP spokesman Muhammad Khurasani said.",
            "We will not lay down our arms",
            "muhammad_khurasani",
            "Muhammad Khurasani",
        ),
        (
            'Imran Khan said: "The door to dialogue remains open for everyone."',
            "The door to dialogue remains open for everyone.",
            "imran_khan",
            "Imran Khan",
        ),
        (
            "“The ceasefire has been extended for another month,” according to Zabihullah Mujahid.",
            "The ceasefire has been extended for another month",
            "zabihullah_mujahid",
            "Zabihullah Mujahid",
        ),
        (
            "“Talks are the only way forward for both sides,” said Ayesha Siddiqa, a security analyst.",
            "Talks are the only way forward for both sides",
            "person:ayesha-siddiqa",
            "Ayesha Siddiqa",
        ),
    ],
)
def test_quotes_speaker(text: str, words: str, speaker: str, speaker_text: str) -> None:
    found = quotes(text)
    assert [(q.text, q.speaker, q.speaker_text) for q in found] == [(words, speaker, speaker_text)]


@pytest.mark.parametrize(
    "text",
    [
        "The army displayed “its resolve” in the tribal districts.",
        "Officials called the offer a “positive development” for the region.",
        "Critics dismissed the “so-called peace process” as theatre.",
    ],
)
def test_quotes_scare_quotes_are_not_quotes(text: str) -> None:
    assert quotes(text) == []


@pytest.mark.parametrize("text", ["“We will respond to every attack with full force,” he said."])
def test_quotes_pronoun_speaker_is_kept_without_actor(text: str) -> None:
    found = quotes(text)
    assert len(found) == 1 and found[0].speaker is None


@pytest.mark.parametrize(
    "text,speaker,speaker_text",
    [
        # a role is not a name: kept as written, no actor invented
        ("“The operation will go on until the last terrorist is eliminated,” a government source said.", None,
         "a government source"),
        ("“The talks will resume next week in Kabul,” said a senior official.", None, "a senior official"),
        # a role of a registry actor speaks for that actor
        ("“We are committed to the peace process,” a TTP spokesman said.", "ttp", "TTP"),
    ],
)  # fmt: skip
def test_quotes_speaker_named_by_role(text: str, speaker: str | None, speaker_text: str) -> None:
    (quote,) = quotes(text)
    assert (quote.speaker, quote.speaker_text) == (speaker, speaker_text)


@pytest.mark.parametrize(
    "text,words,speaker",
    [
        (
            "“We will not surrender. We will fight until the end,” TTP spokesman Muhammad Khurasani said.",
            "We will not surrender. We will fight until the end",
            "muhammad_khurasani",
        ),
        (
            'Imran Khan said: "The door is open. We want peace with everyone."',
            "The door is open. We want peace with everyone.",
            "imran_khan",
        ),
    ],
)
def test_quotes_span_sentences(text: str, words: str, speaker: str) -> None:
    (quote,) = quotes(text)
    assert (quote.text, quote.speaker) == (words, speaker)
    assert quote.evidence.text == text
