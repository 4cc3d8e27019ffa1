"""Date expressions: found, resolved against publication, never more precise than the text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.models import Published
from ceasefire.nlp.temporal import find_dates, publication_value

DAY = Published(date="2023-03-15", precision="day", basis="metadata")
MONTH = Published(date="2023-03", precision="month", basis="text")
YEAR = Published(date="2019", precision="year", basis="inferred")
UNKNOWN = Published()
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


def only(sentence: str, published: Published) -> tuple[str, str | None, str | None, str]:
    found = find_dates(sentence, published)
    assert len(found) == 1, found
    m = found[0]
    assert sentence[m.start : m.end] == m.value.text
    return m.value.text or "", m.value.start, m.value.end, m.value.precision


@pytest.mark.parametrize(
    "sentence,published,expected",
    [
        (
            "Militants stormed the post on 4 August 2019.",
            UNKNOWN,
            ("4 August 2019", "2019-08-04", "2019-08-04", "day"),
        ),
        (
            "The truce began on October 9, 2021, officials said.",
            UNKNOWN,
            ("October 9, 2021", "2021-10-09", "2021-10-09", "day"),
        ),
        ("Talks resumed in June 2022 in Kabul.", UNKNOWN, ("June 2022", "2022-06-01", "2022-06-30", "month")),
        (
            "The group said it had carried out 90 attacks in 2020.",
            UNKNOWN,
            ("2020", "2020-01-01", "2020-12-31", "year"),
        ),
        ("The operation ended in late 2016.", UNKNOWN, ("late 2016", "2016-09-01", "2016-12-31", "range")),
        ("Fighting flared in mid-2015.", UNKNOWN, ("mid-2015", "2015-05-01", "2015-08-31", "range")),
        (
            "Clashes in early 2018 displaced thousands.",
            UNKNOWN,
            ("early 2018", "2018-01-01", "2018-04-30", "range"),
        ),
        (
            "The offensive began in spring 2014.",
            UNKNOWN,
            ("spring 2014", "2014-03-01", "2014-05-31", "season"),
        ),
        (
            "Drone strikes between 2008 and 2012 killed hundreds.",
            UNKNOWN,
            ("between 2008 and 2012", "2008-01-01", "2012-12-31", "range"),
        ),
    ],
)
def test_temporal_absolute_dates(sentence: str, published: Published, expected: tuple[str, ...]) -> None:
    assert only(sentence, published) == expected


@pytest.mark.parametrize(
    "sentence,published,expected",
    [
        # a month or day without a year takes the publication year ...
        (
            "The ceasefire was announced on January 12.",
            YEAR,
            ("January 12", "2019-01-12", "2019-01-12", "day"),
        ),
        ("In February, the group ended its truce.", YEAR, ("February", "2019-02-01", "2019-02-28", "month")),
        ("The envoy arrived on 3 March.", DAY, ("3 March", "2023-03-03", "2023-03-03", "day")),
        # ... but not a later month than publication: that is last year's
        ("In November, the talks collapsed.", DAY, ("November", "2022-11-01", "2022-11-30", "month")),
        # ... and stays unknown without a publication year
        ("In February, the group ended its truce.", UNKNOWN, ("February", None, None, "unknown")),
        ("The ceasefire was announced on January 12.", UNKNOWN, ("January 12", None, None, "unknown")),
    ],
)
def test_temporal_yearless_dates(sentence: str, published: Published, expected: tuple[str, ...]) -> None:
    assert only(sentence, published) == expected


@pytest.mark.parametrize(
    "sentence,published,expected",
    [
        ("Talks stalled last month.", DAY, ("last month", "2023-02-01", "2023-02-28", "month")),
        ("Talks stalled last month.", MONTH, ("last month", "2023-02-01", "2023-02-28", "month")),
        ("Talks stalled last month.", YEAR, ("last month", None, None, "unknown")),
        ("Talks stalled last month.", UNKNOWN, ("last month", None, None, "unknown")),
        ("Attacks rose sharply last year.", YEAR, ("last year", "2018-01-01", "2018-12-31", "year")),
        ("Attacks rose sharply this year.", DAY, ("this year", "2023-01-01", "2023-12-31", "year")),
        ("Attacks rose sharply this year.", UNKNOWN, ("this year", None, None, "unknown")),
        (
            "The truce began in November last year.",
            MONTH,
            ("November last year", "2022-11-01", "2022-11-30", "month"),
        ),
        ("Gunmen attacked a checkpoint on Monday.", DAY, ("Monday", "2023-03-13", "2023-03-13", "day")),
        ("Gunmen attacked a checkpoint on Monday.", MONTH, ("Monday", None, None, "unknown")),
        ("The jirga met yesterday.", DAY, ("yesterday", "2023-03-14", "2023-03-14", "day")),
    ],
)
def test_temporal_relative_dates_need_a_precise_anchor(
    sentence: str, published: Published, expected: tuple[str, ...]
) -> None:
    assert only(sentence, published) == expected


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("The group has observed a truce since 2016.", ("since 2016", "2016-01-01", "2023-03-15", "range")),
        ("Violence has fallen since June 2021.", ("since June 2021", "2021-06-01", "2023-03-15", "range")),
    ],
)
def test_temporal_since_runs_to_publication(sentence: str, expected: tuple[str, ...]) -> None:
    assert only(sentence, DAY) == expected


@pytest.mark.parametrize(
    "sentence",
    ["Officials said the talks may resume soon.", "The March on the capital drew thousands of people."],
)
def test_temporal_modal_may_and_plain_words_are_not_dates(sentence: str) -> None:
    assert [m.value.text for m in find_dates(sentence, DAY) if m.value.text == "May"] == []


@pytest.mark.parametrize(
    "published,expected",
    [
        (YEAR, ("2019-01-01", "2019-12-31", "year")),
        (MONTH, ("2023-03-01", "2023-03-31", "month")),
        (DAY, ("2023-03-15", "2023-03-15", "day")),
        (UNKNOWN, (None, None, "unknown")),
        (Published(date="2019", precision="day", basis="inferred"), ("2019-01-01", "2019-12-31", "year")),
    ],
)
def test_temporal_publication_widened_to_its_precision(
    published: Published, expected: tuple[str | None, ...]
) -> None:
    value = publication_value(published)
    assert (value.start, value.end, value.precision) == expected
    assert value.text is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_temporal_day_month_year_round_trip(day: date) -> None:
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    found = find_dates(f"It happened on {text}.", UNKNOWN)
    assert [(m.value.start, m.value.end, m.value.precision) for m in found] == [
        (day.isoformat(), day.isoformat(), "day")
    ]


@given(st.integers(min_value=1900, max_value=2099), st.integers(min_value=1, max_value=12))
def test_temporal_month_interval_covers_the_month(year: int, month: int) -> None:
    found = find_dates(f"Fighting resumed in {MONTHS[month - 1]} {year}.", UNKNOWN)
    assert len(found) == 1
    value = found[0].value
    assert value.precision == "month"
    assert value.start == f"{year}-{month:02d}-01"
    assert value.end is not None and value.end[:7] == f"{year}-{month:02d}"
