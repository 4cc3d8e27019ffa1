"""Properties (issue 7): the temporal tagger, the number reader and evidence offsets hold for
generated text, not only for the sentences we thought of. (Cleaning's idempotence is in
``test_clean.py``.)"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire.models import DateValue, Published
from ceasefire.nlp.numbers import find_numbers, read_number
from ceasefire.nlp.temporal import find_dates
from ceasefire.pipeline import process
from ceasefire.types import RawDocument

MONTH_NAMES = list(calendar.month_name)[1:]
UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

published_days = st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31))


def _published(day: date) -> Published:
    return Published(date=day.isoformat(), precision="day", basis="metadata")


@st.composite
def date_phrases(draw: st.DrawFn) -> tuple[str, int]:
    """A date expression and the fewest days its words can mean: a day 1, a part of a month
    ("early") 10, a week 7, a month 28, a season 90, a year 365."""
    year = draw(st.integers(1990, 2029))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    name = MONTH_NAMES[month - 1]
    return draw(
        st.sampled_from(
            [
                (f"on {day} {name} {year}", 1),
                (f"on {name} {day}, {year}", 1),
                (f"in {name} {year}", 28),
                (f"in early {name} {year}", 10),
                (f"in {year}", 365),
                (f"in the spring of {year}", 90),
                (f"between {year} and {year + 1}", 365),
                (f"in {name}", 28),
                ("last month", 28),
                ("last year", 365),
                ("last week", 7),
            ]
        )
    )


def _signature(text: str, published: Published) -> list[tuple[int, int, str | None, str | None, str]]:
    return [
        (m.start, m.end, m.value.start, m.value.end, m.value.precision) for m in find_dates(text, published)
    ]


@settings(max_examples=300, deadline=None)
@given(date_phrases(), published_days)
def test_properties_a_date_is_never_more_precise_than_its_words(phrase: tuple[str, int], day: date) -> None:
    text, fewest_days = phrase
    for mention in find_dates(f"The group said the truce began {text}.", _published(day)):
        span = mention.value.interval()
        assert span is not None, (text, mention.value)
        assert (span[1] - span[0]).days + 1 >= fewest_days, (text, mention.value)


@settings(max_examples=300, deadline=None)
@given(date_phrases(), published_days, st.sampled_from([" ", "  ", "\n", " \t "]))
def test_properties_dates_are_stable_under_spacing_and_capitals(
    phrase: tuple[str, int], day: date, gap: str
) -> None:
    text = f"The group said the truce began {phrase[0]}."
    published = _published(day)
    plain = _signature(text, published)
    spaced = text.replace(" ", gap)
    moved = [
        (m.start, m.end, m.value.start, m.value.end, m.value.precision) for m in find_dates(spaced, published)
    ]
    assert [v[2:] for v in moved] == [v[2:] for v in plain], "spacing changed the dates"
    assert _signature(text.upper(), published) == plain, "a shouted headline reads the same"


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["last month", "last week", "last year", "in November", "yesterday", "two weeks ago"]),
    published_days,
    st.integers(1, 400),
)
def test_properties_resolution_is_monotone_in_the_publication_date(
    phrase: str, day: date, later: int
) -> None:
    text = f"The truce collapsed {phrase}, officials said."
    early = find_dates(text, _published(day))
    late = find_dates(text, _published(day + timedelta(days=later)))
    assert len(early) == len(late)
    for a, b in zip(early, late, strict=True):
        assert a.value.start and b.value.start and a.value.start <= b.value.start, (phrase, a.value, b.value)
        assert a.value.end and b.value.end and a.value.end <= b.value.end


def _words(n: int) -> str:
    """An English number word for 0 < n < 1000."""
    hundreds, rest = divmod(n, 100)
    parts = [f"{UNITS[hundreds - 1]} hundred"] if hundreds else []
    if rest >= 20:
        tens, unit = divmod(rest, 10)
        parts.append(TENS[tens - 2] + (f"-{UNITS[unit - 1]}" if unit else ""))
    elif rest >= 10:
        parts.append(TEENS[rest - 10])
    elif rest:
        parts.append(UNITS[rest - 1])
    return " ".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 99_999), st.sampled_from(["digits", "words", "comma"]))
def test_properties_numbers_read_their_value(n: int, form: str) -> None:
    # news spells out counts below a hundred and round hundreds; larger ones come in digits
    words = _words(n if n < 100 else n // 100 % 10 * 100 or 100)
    spelled = {"digits": str(n), "words": words, "comma": f"{n:,}"}[form]
    if form == "words":
        n = n if n < 100 else n // 100 % 10 * 100 or 100
    number = read_number(spelled)
    assert number is not None and number.best == n, (spelled, number)
    found = find_numbers(f"Militants killed {spelled} people.")
    assert [m.value.best for m in found] == [n], (spelled, found)


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 999))
def test_properties_open_counts_keep_their_bound(n: int) -> None:
    at_least = read_number(f"at least {n}")
    assert at_least is not None and at_least.low == n and at_least.high is None
    up_to = read_number(f"up to {n}")
    assert up_to is not None and up_to.high == n


SENTENCES = st.sampled_from(
    [
        "The Tehreek-e-Taliban Pakistan announced a month-long ceasefire on 9 November 2021.",
        "Militants killed at least 12 soldiers in an attack on a checkpoint in Bannu, the army said.",
        "A suicide bomber struck a police station in Quetta on Monday, killing five.",
        "Talks mediated by the Afghan Taliban were held in Kabul last week.",
        "The government rejected the TTP's demand for the release of prisoners.",
        "“We will not accept any ceasefire,” a spokesman for the group said.",
        "Indian shelling killed a villager in Kotli district of Azad Kashmir, officials said.",
        "Pakistan's military said it had killed 10 militants in North Waziristan in November last year.",
        "Residents said markets reopened.",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SENTENCES, min_size=1, max_size=8), st.sampled_from([" ", "\n\n", "  "]), published_days)
def test_properties_every_evidence_span_is_the_text_at_its_offsets(
    sentences: list[str], gap: str, day: date
) -> None:
    extraction = process(RawDocument(source="generated", text=gap.join(sentences)), published=_published(day))
    text = extraction.document.text
    spans = [e for event in extraction.events for e in event.evidence]
    spans += [m for actor in extraction.actors for m in actor.mentions]
    spans += [m for place in extraction.places for m in place.mentions]
    spans += [q.evidence for q in extraction.quotes]
    if any("killed" in s or "ceasefire" in s for s in sentences):
        assert spans, "an attack or a truce is always evidenced"
    for span in spans:
        assert span.doc == extraction.document.id
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text, (span, text[span.start : span.end])
    for event in extraction.events:
        assert isinstance(event.date, DateValue)
