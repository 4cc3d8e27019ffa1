"""Date expressions: found, resolved against publication, never more precise than the text."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.models import DateValue, Published
from ceasefire.nlp.durations import find_durations
from ceasefire.nlp.temporal import (
    EventAnchor,
    _patterns,
    find_dates,
    may_have_dates,
    publication_value,
    reported_window,
    shift_value,
)

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ucdp-ged-pakistan.jsonl"

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
        # ... except a day at most a month after publication: the coming one (DAY is 15 March 2023)
        ("Talks are due to resume on March 29.", DAY, ("March 29", "2023-03-29", "2023-03-29", "day")),
        ("The envoy flew out on 16 March.", DAY, ("16 March", "2023-03-16", "2023-03-16", "day")),
        ("Talks are due to resume on April 30.", DAY, ("April 30", "2022-04-30", "2022-04-30", "day")),
        # ... also across the new year (a report of 28 December 2022 naming "January 3")
        (
            "The truce lapses on January 3.",
            Published(date="2022-12-28", precision="day"),
            ("January 3", "2023-01-03", "2023-01-03", "day"),
        ),
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
        ("Attacks rose earlier this year.", DAY, ("earlier this year", "2023-01-01", "2023-03-15", "range")),
        ("Talks resume later this month.", DAY, ("later this month", "2023-03-15", "2023-03-31", "range")),
        ("Attacks rose earlier this year.", MONTH, ("earlier this year", "2023-01-01", "2023-12-31", "year")),
        ("Attacks rose sharply this year.", UNKNOWN, ("this year", None, None, "unknown")),
        (
            "The truce began in November last year.",
            MONTH,
            ("November last year", "2022-11-01", "2022-11-30", "month"),
        ),
        ("Gunmen attacked a checkpoint on Monday.", DAY, ("Monday", "2023-03-13", "2023-03-13", "day")),
        ("Gunmen attacked a checkpoint on Monday.", MONTH, ("Monday", None, None, "unknown")),
        (
            "Gunmen attacked a post in the early hours of Monday.",
            DAY,
            ("Monday", "2023-03-13", "2023-03-13", "day"),
        ),
        ("Gunmen attacked a post late on Sunday.", DAY, ("Sunday", "2023-03-12", "2023-03-12", "day")),
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


@pytest.mark.parametrize(
    "published,expected",
    [
        (DAY, ("2023-03-09", "2023-03-15", "range")),
        (
            Published(date="2024-01-03", precision="day", basis="metadata"),
            ("2023-12-28", "2024-01-03", "range"),
        ),
        (MONTH, ("2023-03-01", "2023-03-31", "month")),
        (YEAR, ("2019-01-01", "2019-12-31", "year")),
        (UNKNOWN, (None, None, "unknown")),
    ],
)
def test_temporal_reported_window_ends_on_publication(
    published: Published, expected: tuple[str | None, ...]
) -> None:
    value = reported_window(publication_value(published))
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


@pytest.mark.parametrize(
    "sentence,published,expected",
    [
        (
            "Fighting resumed in the first month of 2024.",
            UNKNOWN,
            ("the first month of 2024", "2024-01-01", "2024-01-31", "month"),
        ),
        (
            "Attacks fell in the second half of 2022.",
            UNKNOWN,
            ("the second half of 2022", "2022-07-01", "2022-12-31", "range"),
        ),
        (
            "Talks were held in the first week of March.",
            DAY,
            ("the first week of March", "2023-03-01", "2023-03-07", "week"),
        ),
        (
            "Clashes peaked in the last week of June 2021.",
            UNKNOWN,
            ("the last week of June 2021", "2021-06-24", "2021-06-30", "week"),
        ),
        (
            "Violence rose in the first quarter of the year.",
            YEAR,
            ("the first quarter of the year", "2019-01-01", "2019-03-31", "range"),
        ),
        (
            "Talks were held in the first week of March.",
            UNKNOWN,
            ("the first week of March", None, None, "unknown"),
        ),
    ],
)
def test_temporal_ordinal_parts_of_a_period(
    sentence: str, published: Published, expected: tuple[str, ...]
) -> None:
    assert only(sentence, published) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The TTP declared a ceasefire in March 2021. The same year, talks collapsed.",
            ("The same year", "2021-01-01", "2021-12-31", "year"),
        ),
        (
            "The truce began on 9 May 2020. Two days later it collapsed.",
            ("Two days later", "2020-05-11", "2020-05-11", "day"),
        ),
        (
            "The truce began on 9 May 2020. The following week, talks resumed.",
            ("The following week", "2020-05-11", "2020-05-17", "week"),
        ),
        (
            "The truce began in May 2020. That month, attacks fell sharply.",
            ("That month", "2020-05-01", "2020-05-31", "month"),
        ),
        # the anchor is only month-precise: a day after it is not known
        (
            "The truce began in May 2020. The next day, attacks resumed.",
            ("The next day", None, None, "unknown"),
        ),
        # no explicit date before it: unknown, never the publication date
        ("The same year, talks collapsed.", ("The same year", None, None, "unknown")),
        # "since then": from the anchor up to publication
        (
            "The TTP ended the truce in November 2022. Since then, attacks have doubled.",
            ("Since then", "2022-11-01", "2023-03-15", "range"),
        ),
        (
            "The army launched an offensive on 15 June 2014 and has killed 2,000 militants since then.",
            ("since then", "2014-06-15", "2023-03-15", "range"),
        ),
        ("More than 500 people have been killed since then.", ("since then", None, None, "unknown")),
        (
            "Pakistan and the TTP agreed a truce in June 2022. "
            "The TTP ended it in November of the same year.",
            ("November of the same year", "2022-11-01", "2022-11-30", "month"),
        ),
        (
            "The truce began in June 2021 and collapsed on 9 March of the following year.",
            ("9 March of the following year", "2022-03-09", "2022-03-09", "day"),
        ),
        (
            "Talks opened in 2014. In June of that year the army launched an offensive.",
            ("June of that year", "2014-06-01", "2014-06-30", "month"),
        ),
        # a year alone anchors the month, never the day it does not give
        (
            "The truce was agreed in 2021 and ended on 3 May of the next year.",
            ("3 May of the next year", "2022-05-03", "2022-05-03", "day"),
        ),
        ("It ended in November of the same year.", ("November of the same year", None, None, "unknown")),
    ],
)
def test_temporal_anaphora_resolve_against_the_last_explicit_date(
    text: str, expected: tuple[str, ...]
) -> None:
    found = find_dates(text, DAY)
    last = found[-1]
    phrase, *interval = expected
    assert text[last.start : last.end] == phrase
    # resolved from context: no text, as the spec says (the offsets still point at the phrase)
    assert last.value.text == (phrase if last.value.precision == "unknown" else None)
    assert (last.value.start, last.value.end, last.value.precision) == tuple(interval)


@pytest.mark.parametrize(
    "sentence,text,end",
    [
        (
            "The ceasefire will last until the election on February 8.",
            "until the election on February 8",
            "2024-02-08",
        ),
        ("The TTP extended the truce till 30 June 2022.", "till 30 June 2022", "2022-06-30"),
    ],
)
def test_temporal_until_is_an_end_bound(sentence: str, text: str, end: str) -> None:
    (mention,) = find_dates(sentence, DAY)
    assert mention.role == "until"
    assert mention.value.text == text == sentence[mention.start : mention.end]
    assert mention.value.end == end


# DAY is Wednesday 15 March 2023
@pytest.mark.parametrize(
    "sentence,text,start",
    [
        # a weekday after a word of taking effect stands alone and looks ahead
        ("The group announced a three-day truce starting Sunday.", "Sunday", "2023-03-19"),
        ("The truce will hold from midnight Wednesday.", "Wednesday", "2023-03-15"),
        ("Both sides will stop firing as from 06:00 GMT Friday.", "Friday", "2023-03-17"),
        ("The truce begins Monday.", "Monday", "2023-03-20"),
        ("The truce starts at midnight on 22 February.", "22 February", "2023-02-22"),  # the nearest one
        ("The truce started on Monday.", "Monday", "2023-03-13"),
        # past words of taking effect look back, as "on Monday" does
        ("The truce took effect at midnight Monday.", "Monday", "2023-03-13"),
        ("The ceasefire came into force on Monday.", "Monday", "2023-03-13"),
        # a full date, with a time and zone between the words and the date
        ("A cessation of hostilities from midnight Damascus time on 27 February 2016.", "27 February 2016",
         "2016-02-27"),
        ("The truce comes into force at 06:00 GMT on May 4.", "May 4", "2023-05-04"),
    ],
)  # fmt: skip
def test_temporal_from_is_the_date_something_takes_effect(sentence: str, text: str, start: str) -> None:
    (mention,) = find_dates(sentence, DAY)
    assert (mention.role, sentence[mention.start : mention.end], mention.value.start) == ("from", text, start)


# DAY is Wednesday 15 March 2023
@pytest.mark.parametrize(
    "sentence,text,start,role",
    [
        # a weekday with a year-less date is one date, and the weekday says which year
        ("The truce takes effect on Monday, March 20.", "Monday, March 20", "2023-03-20", "from"),
        ("The group said on Monday, March 13, it would talk.", "Monday, March 13", "2023-03-13", "point"),
        # 21 March 2023 is a Tuesday
        ("Talks open on Thursday 21 March.", "Thursday 21 March", "2024-03-21", "point"),
        ("Fighting resumed on Friday, 17 March 2023.", "Friday, 17 March 2023", "2023-03-17", "point"),
        # a weekday that fits no year near publication leaves the year unknown
        ("Talks open on Sunday, March 18.", "Sunday, March 18", None, "point"),
        # a time of day between the words of taking effect and the date
        ("The truce takes effect first hour Sunday, March 19.", "Sunday, March 19", "2023-03-19", "from"),
        ("It takes effect one minute past midnight on March 19.", "March 19", "2023-03-19", "from"),
    ],
)  # fmt: skip
def test_temporal_a_weekday_and_its_date_are_one(
    sentence: str, text: str, start: str | None, role: str
) -> None:
    (mention,) = find_dates(sentence, DAY)
    assert (sentence[mention.start : mention.end], mention.value.start, mention.role) == (text, start, role)


@pytest.mark.parametrize("sentence", ["Sunday was quiet.", "The attack, Sunday, killed two."])
def test_temporal_a_bare_weekday_is_no_date(sentence: str) -> None:
    assert find_dates(sentence, DAY) == []


@pytest.mark.parametrize(
    "sentence,family,unit,count",
    [
        ("Two weeks into the campaign, militants ambushed a convoy.", "military_operation", "week", 2),
        ("Only three days into the talks, the TTP walked out.", "talks", "day", 3),
        ("A month into the truce, attacks resumed.", "ceasefire", "month", 1),
    ],
)
def test_temporal_event_anchored_expressions_wait_for_their_event(
    sentence: str, family: str, unit: str, count: int
) -> None:
    (mention,) = find_dates(sentence, DAY)
    assert mention.value.precision == "unknown"
    assert mention.anchored == EventAnchor(family, unit, count)


@pytest.mark.parametrize(
    "base,unit,count,expected",
    [
        (
            DateValue(start="2014-06-15", end="2014-06-15", precision="day"),
            "week",
            2,
            ("2014-06-29", "2014-07-05", "range"),
        ),
        (
            DateValue(start="2014-06-15", end="2014-06-15", precision="day"),
            "day",
            3,
            ("2014-06-18", "2014-06-18", "day"),
        ),
        # a month-precise start gives a month-wide window, never a day
        (
            DateValue(start="2014-06-01", end="2014-06-30", precision="month"),
            "week",
            2,
            ("2014-06-15", "2014-07-20", "range"),
        ),
        (DateValue(), "week", 2, (None, None, "unknown")),
    ],
)
def test_temporal_shift_value_keeps_the_anchor_width(
    base: DateValue, unit: str, count: int, expected: tuple[str | None, ...]
) -> None:
    value = shift_value(base, unit, count, "x")
    assert (value.start, value.end, value.precision) == expected


@pytest.mark.parametrize(
    "text,days,indefinite",
    [
        ("a month-long ceasefire starting from November 9", 30.0, False),
        ("The TTP declared a three-day truce for Eid.", 3.0, False),
        ("The two sides agreed a 48-hour ceasefire.", 2.0, False),
        ("The truce was extended by another month.", 30.0, False),
        ("The group announced an indefinite ceasefire.", None, True),
    ],
)
def test_temporal_durations(text: str, days: float | None, indefinite: bool) -> None:
    (found,) = find_durations(text)
    assert (found.days, found.indefinite) == (days, indefinite)


# ----------------------------------------------------------------------------- properties

RELATIVE = ["last month", "last year", "this year", "yesterday", "on Monday", "in November", "on 3 March",
            "in November last year", "last week", "two weeks ago", "the first week of March"]  # fmt: skip
PURELY_RELATIVE = ["last month", "last year", "this year", "yesterday", "on Monday", "last week",
                   "two weeks ago", "three days ago", "earlier this month"]  # fmt: skip
LEVEL = {"unknown": 0, "year": 1, "season": 1, "range": 1, "month": 2, "week": 3, "day": 3}
PUBLISHED = st.builds(
    lambda d, precision: Published(
        date={"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision],
        precision=precision,
    ),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(["day", "month", "year"]),
)


@given(st.sampled_from(PURELY_RELATIVE), PUBLISHED)
def test_temporal_relative_never_more_precise_than_publication(expression: str, published: Published) -> None:
    (mention,) = find_dates(f"Militants attacked a post {expression}.", published)
    assert LEVEL[mention.value.precision] <= LEVEL[published.precision]


@given(
    st.sampled_from([*RELATIVE, "in June 2014", "since 2009", "in late 2014"]),
    st.sampled_from([" ", "  ", "\t"]),
)
def test_temporal_stable_under_whitespace_and_case(expression: str, space: str) -> None:
    plain = find_dates(f"Militants attacked a post {expression}.", DAY)
    spaced = find_dates(f"Militants attacked a post {expression.replace(' ', space)}.", DAY)
    capital = find_dates(f"{expression[0].upper()}{expression[1:]}, militants attacked a post.", DAY)
    values = [
        [(m.value.start, m.value.end, m.value.precision) for m in found] for found in (plain, spaced, capital)
    ]
    assert values[0] == values[1] == values[2]


@given(
    st.sampled_from(RELATIVE),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=800),
)
def test_temporal_resolution_is_monotone_in_publication(expression: str, day: date, later_by: int) -> None:
    early = Published(date=day.isoformat(), precision="day")
    late = Published(date=(day + timedelta(days=later_by)).isoformat(), precision="day")
    (a,) = find_dates(f"Militants attacked a post {expression}.", early)
    (b,) = find_dates(f"Militants attacked a post {expression}.", late)
    assert a.value.start is not None and b.value.start is not None
    assert a.value.start <= b.value.start


@pytest.mark.parametrize(
    "extra",
    [["Tonight talks resume", "see you tomorrow", "the second half of 2014", "SEPT. 5", "a fortnight ago"]],
)
def test_temporal_cue_prefilter_never_hides_a_date(extra: list[str]) -> None:
    """``may_have_dates`` is only a shortcut: wherever a date pattern matches, it says True."""
    texts = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()] + extra
    matched = [t for t in texts if any(p.search(t) for p, _, _ in _patterns())]
    assert matched, "the sample corpus should contain dates"
    assert [t for t in matched if not may_have_dates(t)] == []
