"""Cleaning: normalisation, paragraphs, title, boilerplate rules, byline, repeats, idempotence."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire.ingest.clean import Cleaned, clean, load_patterns
from ceasefire.ingest.dating import resolve_published

BODY = "The army said on Tuesday that the ceasefire was holding across the valley, officials confirmed."
BODY3 = "Residents of the valley said markets had reopened for the first time in weeks on Wednesday."
BODY2 = "Talks between the two sides are expected to resume in Kabul next week, according to mediators."
RULES = {"caption", "comment_prompt", "share_chrome", "author_blurb"}


def paragraphs(cleaned: Cleaned) -> list[str]:
    return cleaned.text.split("\n\n") if cleaned.text else []


def article(*parts: str) -> str:
    return "\n\n".join(parts)


# ---------------------------------------------------------------- normalising and paragraphs


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("One line.\r\nTwo line.\rThree line.", ["One line.", "Two line.", "Three line."]),
        ("Zero\u200bwidth\ufeff and\u00ad soft.", ["Zerowidth and soft."]),
        ("Control\x07 char\x00s.", ["Control chars."]),
        ("Tabs\tand    spaces\u00a0here.  ", ["Tabs and spaces here."]),
        ("Cafe\u0301 in Peshawar.", ["Café in Peshawar."]),
        ("  \n\n First.\n\n\n\n Second. \n\n", ["First.", "Second."]),
    ],
)
def test_clean_normalises_text(raw: str, expected: list[str]) -> None:
    assert paragraphs(clean(raw, plain=False)) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "\nThe TTP has ordered attacks after calling off the ceasefire with the government.\n"
        "The peace talks suffered several deadlocks as the government refused the demands.\n"
        "Sirajuddin Haqqani had hosted the peace talks.",
    ],
)
def test_clean_one_paragraph_per_line_without_blank_lines(raw: str) -> None:
    assert paragraphs(clean(raw)) == [line for line in raw.split("\n") if line]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "The Pakistani Taliban on Monday called off a ceasefire agreed with the\n"
            "government in June and ordered fighters to stage attacks across the\n"
            "country, saying the military had kept up operations against them.\n"
            "The group said in a statement that the talks had failed to produce\n"
            "results.",
            [
                "The Pakistani Taliban on Monday called off a ceasefire agreed with the government in June "
                "and ordered fighters to stage attacks across the country, saying the military had kept "
                "up operations against them.",
                "The group said in a statement that the talks had failed to produce results.",
            ],
        ),
    ],
)
def test_clean_joins_hard_wrapped_prose(raw: str, expected: list[str]) -> None:
    assert paragraphs(clean(raw, plain=False)) == expected


@pytest.mark.parametrize(
    "block",
    [
        "Taliban Under Pressure Calls for Ceasefire\nTaliban Asks for Ceasefire",
        "Militants kill five soldiers in North Waziristan attack\n"
        "Government extends truce with the TTP by another month\n"
        "Talks with the Pakistani Taliban stall over tribal areas",
    ],
)
def test_clean_keeps_lines_of_unwrapped_blocks(block: str) -> None:
    assert paragraphs(clean(article(block, BODY), plain=False))[:-1] == block.split("\n")


# ---------------------------------------------------------------- title


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            article("Taliban Under Pressure Calls for Ceasefire", BODY),
            "Taliban Under Pressure Calls for Ceasefire",
        ),
        (article("Truce collapses as talks stall?", BODY), "Truce collapses as talks stall?"),
        (article("Advertisement", "Army ends operation in Swat", BODY), "Army ends operation in Swat"),
        (article("By Jane Doe", "Army ends operation in Swat", BODY), "Army ends operation in Swat"),
        (article("By Jane Doe", BODY), None),
    ],
)
def test_clean_title_detects_headline(raw: str, title: str | None) -> None:
    cleaned = clean(raw)
    assert cleaned.title == title
    if title is not None:
        assert paragraphs(cleaned)[0] == title  # the headline stays in the text


@pytest.mark.parametrize(
    "raw",
    [
        article(BODY, BODY2),
        article("The Taliban have called for a ceasefire.", BODY),
        article("November 21, 2021", BODY),
        article("Pakistan", BODY),
        article("ISLAMABAD:", BODY),
    ],
)
def test_clean_title_none_for_sentence_first_article(raw: str) -> None:
    assert clean(raw).title is None


def test_clean_title_not_looked_for_unless_plain() -> None:
    assert clean(article("Army ends operation in Swat", BODY), plain=False).title is None


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (article(BODY, BODY2), "Metadata Title"),
        (article("A plain first line", BODY), "  Metadata\n Title "),
    ],
)
def test_clean_title_metadata_wins(raw: str, title: str) -> None:
    assert clean(raw, title=title).title == "Metadata Title"


@pytest.mark.parametrize(
    "repeat",
    [
        "Taliban Under Pressure Calls for Ceasefire",
        "TALIBAN UNDER PRESSURE CALLS FOR CEASEFIRE!",
        "Taliban under pressure calls for ceasefire.",
        "Taliban Under Pressure Call for Ceasefire",
    ],
)
def test_clean_title_repeats_removed(repeat: str) -> None:
    cleaned = clean(article("Taliban Under Pressure Calls for Ceasefire", BODY, repeat, BODY2))
    assert paragraphs(cleaned) == ["Taliban Under Pressure Calls for Ceasefire", BODY, BODY2]
    assert cleaned.removed.counts["repeated_title"] == 1


def test_clean_title_keeps_sub_headline() -> None:
    raw = article("Taliban Under Pressure Calls for Ceasefire", "Taliban Asks for Ceasefire", BODY)
    assert paragraphs(clean(raw))[:2] == [
        "Taliban Under Pressure Calls for Ceasefire",
        "Taliban Asks for Ceasefire",
    ]


def test_clean_title_metadata_repeats_removed_after_first() -> None:
    cleaned = clean(
        article("Army Ends Swat Operation", BODY, "Army ends Swat operation"),
        title="Army Ends Swat Operation",
    )
    assert paragraphs(cleaned) == ["Army Ends Swat Operation", BODY]


# ---------------------------------------------------------------- boilerplate rules


@pytest.mark.parametrize(
    ("chrome", "rule"),
    [
        ("Photo: Pakistani soldiers patrol a market in Mingora on Tuesday.", "caption"),
        ("Image: Reuters", "caption"),
        ("Photo credit: Dawn", "caption"),
        ("File photo", "caption"),
        ("File photo of security personnel at a checkpoint.", "caption"),
        ("(Photo: AFP)", "caption"),
        ("— Reuters", "caption"),
        ("AFP/Getty Images", "caption"),
        ("REUTERS/Fayaz Aziz", "caption"),
        ("Aamir Qureshi/AFP via Getty Images", "caption"),
        ("You must be logged in to post a comment Login", "comment_prompt"),
        ("Leave a comment", "comment_prompt"),
        ("Login", "comment_prompt"),
        ("Log in", "comment_prompt"),
        ("Sign in to comment", "comment_prompt"),
        ("Post a comment", "comment_prompt"),
        ("Comments (12)", "comment_prompt"),
        ("Be the first to comment", "comment_prompt"),
        ("Share this article", "share_chrome"),
        ("Facebook Twitter WhatsApp Email", "share_chrome"),
        ("Advertisement", "share_chrome"),
        ("Subscribe to our newsletter for the latest updates", "share_chrome"),
        ("Follow us on Twitter", "share_chrome"),
        ("Read more: Taliban extend ceasefire by a month", "share_chrome"),
        ("Also read: Talks stall in Kabul", "share_chrome"),
        ("Related: Army ends operation in Swat", "share_chrome"),
        ("Click here to download the app", "share_chrome"),
        ("Tags: Pakistan, TTP, ceasefire", "share_chrome"),
        ("The writer is a former ambassador to Afghanistan.", "author_blurb"),
        ("The author is a senior fellow at an Islamabad think tank.", "author_blurb"),
        ("He can be reached at jdoe@example.com", "author_blurb"),
        ("Email: jane.doe@example.com", "author_blurb"),
        ("Follow him on Twitter @janedoe", "author_blurb"),
        ("The writer tweets @janedoe", "author_blurb"),
    ],
)
def test_clean_boilerplate_paragraph_removed(chrome: str, rule: str) -> None:
    cleaned = clean(article(BODY, chrome, BODY2), plain=False)
    assert paragraphs(cleaned) == [BODY, BODY2]
    assert cleaned.removed.counts == {rule: 1}
    assert cleaned.removed.boilerplate == [chrome]


@pytest.mark.parametrize(
    ("paragraph", "kept", "rule"),
    [
        (f"{BODY} You must be logged in to post a comment Login", BODY, "comment_prompt"),
        (f"{BODY} Leave a comment", BODY, "comment_prompt"),
        (f"{BODY} Advertisement", BODY, "share_chrome"),
        (f"{BODY} Read more: Truce extended by a month", BODY, "share_chrome"),
        ("Soldiers stand guard in Peshawar. (Photo: AFP)", "Soldiers stand guard in Peshawar.", "caption"),
        (
            "Soldiers stand guard in Peshawar (AP Photo/Anjum Naveed)",
            "Soldiers stand guard in Peshawar",
            "caption",
        ),
        (f"{BODY} Email: jane.doe@example.com", BODY, "author_blurb"),
    ],
)
def test_clean_boilerplate_trailing_fragment_removed(paragraph: str, kept: str, rule: str) -> None:
    cleaned = clean(article(BODY2, paragraph, BODY3), plain=False)
    assert paragraphs(cleaned) == [BODY2, kept, BODY3]
    assert cleaned.removed.counts == {rule: 1}


@pytest.mark.parametrize(
    "news",
    [
        "The photo showed soldiers at the checkpoint, according to the army.",
        "Officials said they would log in to the system on Monday to register",
        "The minister urged people to leave a comment on the proposal",
        "He was shown pictures by local officials of the damaged school",
        "Subscribers to the service said the ceasefire had been violated repeatedly in the north.",
        "The writer is currently in hiding after receiving threats from the group, police said.",
        "The writer was shot dead outside his home in Karachi on Tuesday, police said.",
        "Reuters reported that the talks had stalled, citing two officials.",
        "Related talks in Doha ended without agreement on Sunday, a spokesman said.",
        "Image: Reuters reported that the talks had stalled, citing two officials in Islamabad, who spoke on "
        "condition of anonymity because they were not authorised to speak to the media, and added that a new "
        "round was expected within weeks after the government and the group had exchanged lists of prisoners "
        "they wanted freed before any ceasefire could begin.",
    ],
)
def test_clean_boilerplate_keeps_news(news: str) -> None:
    cleaned = clean(article(BODY, news, BODY2), plain=False)
    assert paragraphs(cleaned) == [BODY, news, BODY2]
    assert cleaned.removed.boilerplate == []


def test_clean_patterns_are_data() -> None:
    source = Path(__file__).resolve().parents[1] / "src/ceasefire/data/boilerplate.yaml"
    data: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert set(data["rules"]) == RULES
    assert {rule.name for rule in load_patterns().rules} == RULES


# ---------------------------------------------------------------- byline


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By John Amaruso", "John Amaruso"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("By Jane Doe | Reuters", "Jane Doe"),
        ("By Jane Doe, Staff Reporter", "Jane Doe"),
        ("By Jane Doe in Islamabad", "Jane Doe"),
        ("BY: Asif Shahzad, Mushtaq Ali & Zeba Siddiqui", "Asif Shahzad, Mushtaq Ali and Zeba Siddiqui"),
        ("Written by Syed Ali Shah", "Syed Ali Shah"),
        ("Reporting by Asif Shahzad; Editing by Simon Cameron-Moore", "Asif Shahzad"),
        (
            "(Reporting by Asif Shahzad in Islamabad and Mushtaq Ali in Peshawar; Writing by Gibran Peshimam;"
            " Editing by Simon Cameron-Moore)",
            "Asif Shahzad and Mushtaq Ali",
        ),
    ],
)
def test_clean_byline_extracted(line: str, byline: str) -> None:
    cleaned = clean(article(BODY, line, BODY2), plain=False)
    assert cleaned.byline == byline
    assert paragraphs(cleaned) == [BODY, BODY2]
    assert cleaned.removed.counts == {"byline": 1}


def test_clean_byline_trailing_credit_cut() -> None:
    cleaned = clean(f"{BODY} (Reporting by Asif Shahzad; Editing by Tom Hogue)", plain=False)
    assert (cleaned.text, cleaned.byline) == (BODY, "Asif Shahzad")


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("By Jane Doe | November 21, 2021", "November 21, 2021"),
        ("By Jane Doe | Reuters | Published: 21 Nov 2021 10:00 PKT", "Published: 21 Nov 2021 10:00 PKT"),
    ],
)
def test_clean_byline_keeps_date_on_its_line(line: str, date: str) -> None:
    cleaned = clean(article("Truce collapses in Swat", line, BODY))
    assert cleaned.byline == "Jane Doe"
    assert paragraphs(cleaned) == ["Truce collapses in Swat", date, BODY]


@pytest.mark.parametrize(
    "sentence",
    [
        "By Sunday, the army had withdrawn from the valley.",
        "By then, both sides had agreed to a month-long truce.",
        "By March 2014 the talks had stalled",
        "By Pakistan's own estimate, 50 people died.",
        "By the end of the day the truce held",
        "By Imran Khan, who was ousted in 2022, the talks were revived.",
        "By Imran Khan's account the talks failed",
    ],
)
def test_clean_byline_ignores_sentences(sentence: str) -> None:
    cleaned = clean(article(BODY, sentence), plain=False)
    assert (paragraphs(cleaned), cleaned.byline) == ([BODY, sentence], None)


# ---------------------------------------------------------------- trailing chrome


@pytest.mark.parametrize(
    "tail",
    [["New York Times", "Dawn News"], ["Pakistan", "Taliban", "Ceasefire talks"], ["Dawn News"]],
)
def test_clean_trailing_chrome_removed(tail: list[str]) -> None:
    cleaned = clean(article(BODY, BODY2, "\n".join(tail)), plain=False)
    assert paragraphs(cleaned) == [BODY, BODY2]
    assert cleaned.removed.counts == {"trailing_chrome": len(tail)}
    assert cleaned.removed.boilerplate == tail


@pytest.mark.parametrize(
    "raw",
    [
        article(BODY, "Pakistan", BODY2),  # only at the very end
        article(BODY, "The truce held."),  # a real final sentence
        article(BODY, "Will the truce hold?"),
        article("Taliban kill five in Swat", "Peshawar"),  # no body paragraph at all
    ],
)
def test_clean_trailing_chrome_keeps_text(raw: str) -> None:
    cleaned = clean(raw, plain=False)
    assert cleaned.text == raw


# ---------------------------------------------------------------- repeats and pull-quotes


@pytest.mark.parametrize(
    "copy",
    [BODY, BODY.upper(), f"“{BODY}”", BODY.replace(" ", "  "), f'"{BODY}"'],
)
def test_clean_duplicates_dropped(copy: str) -> None:
    cleaned = clean(article(BODY, BODY2, copy), plain=False)
    assert paragraphs(cleaned) == [BODY, BODY2]
    assert cleaned.removed.duplicate_paragraphs == 1


@pytest.mark.parametrize(
    "quote",
    [
        "the fighters would resume attacks across the country",
        "“The government had failed … resume attacks across the country”",
        "“Government failed to meet demands; fighters will resume attacks across the whole country.”",
    ],
)
def test_clean_pull_quotes_dropped(quote: str) -> None:
    long = (
        "The Taliban said the government had failed to meet any of its demands, and that the fighters "
        "would resume attacks across the country within days."
    )
    cleaned = clean(article(long, quote, BODY), plain=False)
    assert paragraphs(cleaned) == [long, BODY]
    assert cleaned.removed.pull_quotes == 1


@pytest.mark.parametrize(
    "short",
    [
        "“We will keep fighting.”",  # too short to judge
        "“The government must release our prisoners before any truce,” the spokesman said.",  # attributed
        "The fighters would resume attacks across the whole province of Balochistan.",  # a new fact
        "At least 16 soldiers were killed in the attack.",  # a different number
    ],
)
def test_clean_pull_quotes_keep_unique_facts(short: str) -> None:
    long = (
        "At least 15 soldiers were killed in the attack, the Taliban said, adding that the government had "
        "failed to release prisoners and the fighters would resume attacks across the country."
    )
    cleaned = clean(article(long, short), plain=False)
    assert paragraphs(cleaned) == [long, short]


# ---------------------------------------------------------------- idempotence

CHROME = [
    "Photo: AFP",
    "By Jane Doe",
    "Advertisement",
    "Leave a comment",
    "Login",
    "Dawn News",
    "Read more: x",
    "(Reporting by A B; Editing by C D)",
    "The writer is a journalist.",
    "November 21, 2021",
    "“a quote”",
    BODY,
    BODY2,
]
PIECES = st.one_of(st.sampled_from(CHROME), st.text(max_size=80))
SEPARATORS = st.sampled_from(["\n", "\n\n", " ", "\r\n", "\n \n"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(PIECES, SEPARATORS), max_size=12), st.booleans())
def test_clean_is_idempotent(parts: list[tuple[str, str]], plain: bool) -> None:
    raw = "".join(piece + separator for piece, separator in parts)
    once = clean(raw, plain=plain)
    twice = clean(once.text, plain=plain)
    assert twice.text == once.text
    assert twice.removed.model_dump() == {
        "duplicate_paragraphs": 0,
        "pull_quotes": 0,
        "boilerplate": [],
        "counts": {},
    }


# ---------------------------------------------------------------- the real articles


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("name", ["000_adfdad27e7fb99d2.txt", "003_4cdf3e3032b71593.txt"])
def test_clean_real_articles_meet_gold(name: str) -> None:
    gold_file = EXAMPLES / "gold" / "articles.gold.json"
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["documents"][name]
    cleaned = clean((EXAMPLES / "articles" / name).read_text(encoding="utf-8"))
    published = resolve_published(None, cleaned.text, datetime.date(2026, 11, 21))
    assert cleaned.title == gold["title"]
    assert cleaned.removed.duplicate_paragraphs == gold["duplicate_paragraphs"]
    assert not any(text in cleaned.text for text in gold["boilerplate"])
    assert "You must be logged in to post a comment" not in cleaned.text
    low, high = gold["published"]["year_window"]
    assert published.date is not None and low <= published.date[:4] <= high
    assert published.precision != "day"
    assert clean(cleaned.text).text == cleaned.text
