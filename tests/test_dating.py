"""Publication dates: metadata parsing, datelines, inference from the text and their order."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.ingest.dating import find_dateline, infer_published, parse_date, resolve_published
from ceasefire.models import Published

TODAY = datetime.date(2026, 11, 21)


@pytest.mark.parametrize(
    ("value", "date", "precision"),
    [
        ("2021-11-21", "2021-11-21", "day"),
        ("2024-02", "2024-02", "month"),
        ("2014", "2014", "year"),
        ("2021-11-21T10:00:00Z", "2021-11-21", "day"),
        ("2021-11-21T23:30:00-05:00", "2021-11-21", "day"),
        ("2021-11-21 10:00", "2021-11-21", "day"),
        ("21 November 2021", "2021-11-21", "day"),
        ("21st Nov. 2021", "2021-11-21", "day"),
        ("Nov 21, 2021", "2021-11-21", "day"),
        ("November 21, 2021", "2021-11-21", "day"),
        ("Sunday, November 21, 2021 10:30 AM PKT", "2021-11-21", "day"),
        ("Sun, 21 Nov 2021 10:00:00 +0000", "2021-11-21", "day"),
        ("Thu, 21 Nov 2024 08:00:00 GMT", "2024-11-21", "day"),
        ("November 2021", "2021-11", "month"),
        ("Sept 2014", "2014-09", "month"),
        ("2021/11/21", "2021-11-21", "day"),
        ("21/11/2021", "2021-11-21", "day"),
        ("  2014 ", "2014", "year"),
    ],
)
def test_dating_parse_date_forms(value: str, date: str, precision: str) -> None:
    assert parse_date(value) == Published.model_validate(
        {"date": date, "precision": precision, "basis": "metadata"}
    )


@pytest.mark.parametrize(
    "value",
    [
        "2021-02-30",
        "February 30, 2021",
        "2021-13-01",
        "2021-00",
        "2021-11-21T25:00",
        "21 Nov 2021 99:99",
        "yesterday",
        "Nov 21",
        "0999",
        "11/10/2021",  # day and month order cannot be told apart
        "",
        "21 November 2021 and more",
    ],
)
def test_dating_parse_date_rejects_invalid(value: str) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_dating_parse_date_round_trips(day: datetime.date) -> None:
    expected = Published(date=day.isoformat(), precision="day", basis="metadata")
    assert parse_date(day.isoformat()) == expected
    assert parse_date(f"{day.day} {day:%B} {day.year:04d}") == expected
    assert parse_date(f"{day:%b} {day.day}, {day.year:04d}") == expected
    assert parse_date(day.isoformat()[:7]).precision == "month"


@pytest.mark.parametrize(
    "text",
    [
        "Published: 21 Nov 2021 10:00\n\nThe Taliban said ...",
        "Updated: Sunday, November 21, 2021 | Last updated 22 Nov 2021\n\nText.",
        "Truce collapses\n\nNovember 21, 2021\n\nThe Taliban said ...",
        "Truce collapses\n\n2021-11-21\n\nThe Taliban said ...",
        "ISLAMABAD, November 21, 2021: The Taliban said on Sunday ...",
        "PESHAWAR, Pakistan, 21 November 2021 (AFP) — Militants attacked ...",
        "Islamabad, 21 Nov 2021 - The talks resumed on Sunday.",
    ],
)
def test_dating_find_dateline_finds_day(text: str) -> None:
    assert find_dateline(text) == Published(date="2021-11-21", precision="day", basis="text")


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban said on November 21, 2021 that the truce was over.",
        "On November 21, 2021: the day the truce ended.",
        "ISLAMABAD, Nov 21 (Reuters) - The Taliban said on Sunday ...",
        "Sunday, November 21\n\nThe Taliban said ...",
        "November 2021\n\nThe Taliban said ...",
        "Published: November 31, 2021\n\nNot a real day.",
        "\n\n".join(["A short paragraph here."] * 5 + ["Published: 21 Nov 2021"]),
        "x" * 700 + "\n\nPublished: 21 Nov 2021",
        "",
    ],
)
def test_dating_find_dateline_ignores_non_datelines(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Since 2009 the truce held; in late 2014 troops left.", "2014"),
        ("282 attacks in 2021, and 42 attacks in January 2022.", "2022"),
        ("A plan for 2030 was drafted after the 2019 talks.", "2019"),  # no future years
        ("It cost 2,014 rupees in 2011; code 20145 and the 1990s do not count.", "2011"),
        ("In 1899 and 1950.", "1950"),
    ],
)
def test_dating_infer_published_latest_year(text: str, year: str) -> None:
    assert infer_published(text, TODAY) == Published(date=year, precision="year", basis="inferred")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # 29 August was a Monday in 2016, the first year from 2014 on
        (
            "In December 2014 the rebels declared a truce. The ceasefire starts at 00.00 on Monday Aug. 29.",
            "2016",
        ),
        ("The first truce came in 2014. Talks resume on Sunday 22 December.", "2019"),
        # both weekday dates must fit: 1 July was a Friday in 2011 too, 5 January a Tuesday only in 2016
        ("After the 2010 accord, talks began on Tuesday, January 5 and ended on Friday, July 1.", "2016"),
        # a weekday date no year of the next six fits leaves the bound as it was
        ("In 2014 there were talks. February 30 is no day: Monday, February 30.", "2014"),
        # a weekday and a day with its year is no year-less date
        ("In 2014 a truce. It ended on Monday, August 29, 2011.", "2014"),
    ],
)
def test_dating_infer_published_weekday_dates_fix_the_year(text: str, year: str) -> None:
    """A day named with its weekday and no year falls in the first year, from the latest year named,
    in which it is that weekday."""
    assert infer_published(text, TODAY) == Published(date=year, precision="year", basis="inferred")


@pytest.mark.parametrize("text", ["No year here.", "Figures: 2,014 and 20145.", "In 2099.", ""])
def test_dating_infer_published_unknown(text: str) -> None:
    assert infer_published(text, TODAY) == Published(date=None, precision="unknown", basis="unknown")


@pytest.mark.parametrize(
    ("metadata", "text", "expected"),
    [
        ("2021-11-20", "ISLAMABAD, November 21, 2021: Text from 2020.", ("2021-11-20", "day", "metadata")),
        ("not a date", "ISLAMABAD, November 21, 2021: Text from 2020.", ("2021-11-21", "day", "text")),
        (None, "ISLAMABAD, November 21, 2021: Text from 2020.", ("2021-11-21", "day", "text")),
        (None, "Talks stalled in 2020 after the 2019 truce.", ("2020", "year", "inferred")),
        ("", "Nothing dated.", (None, "unknown", "unknown")),
    ],
)
def test_dating_resolve_published_order(
    metadata: str | None, text: str, expected: tuple[str | None, str, str]
) -> None:
    date, precision, basis = expected
    found = resolve_published(metadata, text, TODAY)
    assert found == Published.model_validate({"date": date, "precision": precision, "basis": basis})
