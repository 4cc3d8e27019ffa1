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


def speakers(text: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.speaker_text) for q in quotes(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a pronoun is the nearest person named before it, outside quotes
        (
            "TTP spokesman Muhammad Khurasani spoke to reporters on Sunday.\n\n"
            "“We will respond to every attack with full force,” he said.",
            [("muhammad_khurasani", "Muhammad Khurasani")],
        ),
        # "it" is the nearest organisation named before it, not a name inside the quote itself
        (
            "The TTP issued a statement on Sunday.\n\n"
            "“The government of Pakistan will see that we keep our word,” it said.",
            [("ttp", "TTP")],
        ),
        # a role is the nearest person named with that role beside their name
        (
            "Pakistani Prime Minister Imran Khan addressed the nation on Friday. Officials welcomed it.\n\n"
            "“The door to dialogue remains open for everyone,” the prime minister said.",
            [("imran_khan", "the prime minister")],
        ),
        # a person named in full before is later called by one of their names
        (
            "Rebel commander Lina Sorel spoke to reporters in the valley.\n\n"
            "“We will not lay down our arms,” Sorel said.",
            [("person:lina-sorel", "Sorel")],
        ),
        # a name no registry knows and no earlier sentence introduced is kept as written
        ("“We will not lay down our arms,” Orvath said.", [(None, "Orvath")]),
    ],
)
def test_quotes_speaker_from_the_parse(text: str, expected: list[tuple[str | None, str | None]]) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the next sentence of the paragraph
        "“The truce holds everywhere,” Zabihullah Mujahid said. “Nobody has fired a shot since Friday.”",
        # the next paragraph
        "“The truce holds everywhere,” Zabihullah Mujahid said.\n\n“Nobody has fired a shot since Friday.”",
    ],
)
def test_quotes_an_unattributed_quote_continues_the_one_before(text: str) -> None:
    assert speakers(text) == [("zabihullah_mujahid", "Zabihullah Mujahid")] * 2


def test_quotes_continue_only_right_after() -> None:
    """Another sentence between them: the later quote has no speaker (none is invented)."""
    text = (
        "“The truce holds everywhere,” Zabihullah Mujahid said. Fighting resumed in the north on Sunday. "
        "“Nobody has fired a shot since Friday.”"
    )
    assert speakers(text) == [("zabihullah_mujahid", "Zabihullah Mujahid"), (None, None)]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a participle with no subject of its own shares its clause's ("…, tweeting: …")
        (
            "Rebel commander Lina Sorel welcomed the deal. Sorel echoed that message, tweeting Sunday: "
            "“In a few hours we close the most painful chapter of our war.”",
            [("person:lina-sorel", "Sorel")],
        ),
        # a verb that closes a quote
        (
            "Rebel commander Lina Sorel spoke on Sunday.\n\n"
            "“Let us end the violence and work together for peace in the valley,” Sorel concluded.",
            [("person:lina-sorel", "Sorel")],
        ),
        # a quote closing on a comma continues its sentence past a line break
        (
            "The Northern Front said the truce was conditional.\n“Any breach will be met with a harsh "
            "response,”\nFront spokesman Lina Sorel said in a video statement.",
            [("person:lina-sorel", "Lina Sorel")],
        ),
        # "he" takes up the person named as subject, not one named as a possessor
        (
            "Talking to a television channel, Lina Sorel said that Orvath's reinforcements broke the truce."
            "\n\nShe however maintained that the army was “always ready to repel any attack by the rebels.”",
            [("person:lina-sorel", "Lina Sorel")],
        ),
        # a name no registry knows, after a comma, before the speech verb
        (
            "Speaking from a base in the hills, Orvath declared “from zero hours tomorrow a new truce takes "
            "effect.”",
            [(None, "Orvath")],
        ),
        # "he" takes up the previous quote's speaker when that is a name no registry knows
        (
            "“Let the guns be silenced and politics dominate,” Orvath wrote in a letter.\n\n"
            "“The stage has been reached where our forces should withdraw,” he wrote.",
            [(None, "Orvath"), (None, "Orvath")],
        ),
    ],
)
def test_quotes_speakers_in_harder_positions(
    text: str, expected: list[tuple[str | None, str | None]]
) -> None:
    assert speakers(text) == expected


def test_quotes_a_second_quote_after_said_continues_its_speaker() -> None:
    """'"A," X said. "B."': the opening mark of B, left with the sentence before by the splitter,
    does not stop B from continuing X."""
    text = "“Whatever the rebels do is up to them,” Lina Sorel said. “But we will do what must be done.”"
    assert len(set(speakers(text))) == 1 and speakers(text)[0][1] == "Lina Sorel"
