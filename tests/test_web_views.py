"""The dashboard's pure parts: highlighting pieces, the timeline's geometry, dates as shown."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.models import Ceasefire, DateValue
from ceasefire.store.queries import Month, Span, fts5_query
from ceasefire.web import highlight, timeline
from ceasefire.web.pages import chart_series, fmt_date


def _spans(length: int) -> st.SearchStrategy[list[Span]]:
    span = st.tuples(
        st.integers(0, max(0, length)),
        st.integers(0, max(0, length)),
        st.sampled_from(["event", "quote", "actor", "place"]),
    ).map(lambda t: Span(min(t[0], t[1]), max(t[0], t[1]), t[2], "ref", "label"))
    return st.lists(span, max_size=12)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), text=st.text(max_size=80))
def test_web_views_pieces_always_give_the_text_back_and_nest(data: st.DataObject, text: str) -> None:
    spans = data.draw(_spans(len(text)))
    parts = highlight.pieces(text, spans)
    assert highlight.joined(parts) == text
    for p in parts:
        if p.span is not None and p.span.kind in highlight.OUTER:
            assert all(c.span is None or c.span.kind in highlight.INNER for c in p.children)
        if p.span is not None and p.span.kind in highlight.INNER:
            assert all(c.span is None for c in p.children)


def test_web_views_pieces_keep_mentions_inside_their_sentence_and_drop_crossing_ones() -> None:
    text = "The TTP ended it. Pakistan agreed."
    spans = [
        Span(0, 17, "event", "e1", "ceasefire_end"),
        Span(4, 7, "actor", "ttp", "TTP"),
        Span(15, 26, "place", "x", "x"),
    ]
    parts = highlight.pieces(text, spans)
    sentence = next(p for p in parts if p.span and p.span.kind == "event")
    assert [c.span.ref for c in sentence.children if c.span] == ["ttp"]
    assert not any(p.span and p.span.kind == "place" for p in parts)  # it crossed the sentence's end


def _episode(**fields: object) -> Ceasefire:
    return Ceasefire.model_validate({"id": "cf-1", "parties": ["pak_gov", "ttp"], **fields})


def _day(day: str) -> dict[str, object]:
    return {"start": day, "end": day, "precision": "day"}


def test_web_views_timeline_an_open_episode_reaches_only_its_own_dates() -> None:
    months = [Month("2014-01", 3, 10), Month("2022-06", 5, 20)]
    open_2014 = _episode(
        start={"start": "2014-01-01", "end": "2014-12-31", "precision": "year"}, status="reported"
    )
    drawn = timeline.build(months, [open_2014], [], {})
    (band,) = drawn.bands
    right_edge = band.x + band.width
    x_2015 = timeline.LEFT + (2015 * 12 - (2014 * 12)) * (timeline.WIDTH - timeline.LEFT - timeline.RIGHT) / (
        2022 * 12 + 5 + 1 - 2014 * 12
    )
    assert band.open and band.reported and abs(right_edge - x_2015) < 2  # ends with 2014, not in 2022


def test_web_views_timeline_ticks_and_bars() -> None:
    ended = _episode(
        declared=_day("2021-11-09"), start=_day("2021-11-09"), end=_day("2021-12-09"), status="ended"
    )
    drawn = timeline.build([Month("2021-10", 4, 12), Month("2021-12", 2, 0)], [ended], [], {"ttp": "TTP"})
    (band,) = drawn.bands
    assert not band.open and {t.label for t in band.ticks} == {"declared", "start", "ended"}
    assert [b.events for b in drawn.bars] == [4, 2] and drawn.peak == 4
    assert band.label == "pak_gov – TTP"
    assert timeline.build([], [], [], {}).empty


def test_web_views_chart_series_fills_empty_months() -> None:
    import json

    series = json.loads(chart_series([Month("2021-11", 2, 5), Month("2022-02", 1, 0)]))
    assert series["months"] == ["2021-11", "2021-12", "2022-01", "2022-02"]
    assert series["events"] == [2, 0, 0, 1] and series["fatalities"] == [5, 0, 0, 0]


def test_web_views_dates_are_shown_no_more_precise_than_they_are() -> None:
    assert fmt_date(DateValue(start="2022-06-01", end="2022-06-30", precision="month")) == "2022-06"
    assert fmt_date(DateValue(start="2022-01-01", end="2022-12-31", precision="year")) == "2022"
    assert fmt_date(DateValue(start="2022-06-02", end="2022-06-02", precision="day")) == "2022-06-02"
    assert (
        fmt_date(DateValue(start="2022-06-02", end="2022-06-08", precision="range"))
        == "2022-06-02..2022-06-08"
    )
    assert fmt_date(DateValue()) == fmt_date(None) == "?"


def test_web_views_fts5_query_quotes_every_word() -> None:
    assert fts5_query('ceasefire" OR NEAR(a b) *') == '"ceasefire" "OR" "NEAR" "a" "b"'
    assert fts5_query("***") == '""'
