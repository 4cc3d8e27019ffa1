"""The first ceasefire registry: which events make an episode and how they group."""

from __future__ import annotations

import pytest

from ceasefire.models import DateValue, Event, Evidence
from ceasefire.resolve.ceasefires import build_registry, party_of


def ev(
    etype: str,
    day: str | None,
    doc: str = "d1",
    agent: tuple[str, ...] = ("ttp",),
    target: tuple[str, ...] = ("pak_gov",),
    mediator: tuple[str, ...] = (),
    modality: str = "asserted",
) -> Event:
    date = DateValue(start=day, end=day, precision="day", text=day) if day else DateValue()
    actors = {"agent": list(agent), "target": list(target)}
    if mediator:
        actors["mediator"] = list(mediator)
    return Event(
        id=f"{etype}-{day}-{doc}-{modality}",
        type=etype,  # type: ignore[arg-type]
        date=date,
        actors=actors,
        modality=modality,  # type: ignore[arg-type]
        evidence=[Evidence(doc=doc, start=0, end=4, text="text")],
    )


@pytest.mark.parametrize("etype", ["ceasefire_offer", "ceasefire_reject"])
def test_registry_offer_or_rejection_alone_makes_no_episode(etype: str) -> None:
    assert build_registry([ev(etype, "2024-01-10")]) == []


@pytest.mark.parametrize("modality", ["hypothetical", "negated", "denied", "planned"])
def test_registry_non_factual_declaration_makes_no_episode(modality: str) -> None:
    assert build_registry([ev("ceasefire_declare", "2024-01-10", modality=modality)]) == []


def test_registry_declare_and_end_form_one_ended_episode() -> None:
    declare = ev("ceasefire_declare", "2021-11-09", doc="a")
    end = ev("ceasefire_end", "2021-12-09", doc="b", agent=("ttp",), target=())
    (episode,) = build_registry([end, declare])
    assert episode.status == "ended" and episode.kind == "unilateral"
    assert episode.declared_by == "ttp" and episode.ended_by == "ttp"
    assert episode.start is not None and episode.start.start == "2021-11-09"
    assert episode.end is not None and episode.end.start == "2021-12-09"
    assert episode.sources == 2 and episode.events == [declare.id, end.id]


def test_registry_same_parties_years_apart_are_two_episodes() -> None:
    episodes = build_registry(
        [ev("ceasefire_agree", "2014-03-01", doc="a"), ev("ceasefire_agree", "2022-06-01", doc="b")]
    )
    assert [e.start.start for e in episodes if e.start] == ["2014-03-01", "2022-06-01"]
    assert all(e.kind == "bilateral" for e in episodes)


def test_registry_keeps_mediators_apart_from_parties() -> None:
    (episode,) = build_registry([ev("ceasefire_agree", "2022-06-02", mediator=("afg_taliban",))])
    assert episode.parties == ["pak_gov", "ttp"] and episode.mediators == ["afg_taliban"]


def test_registry_offer_joins_an_existing_episode() -> None:
    offer = ev("ceasefire_offer", "2022-05-20", doc="a")
    agree = ev("ceasefire_agree", "2022-06-02", doc="b")
    (episode,) = build_registry([offer, agree])
    assert set(episode.events) == {offer.id, agree.id}


def test_registry_reported_only_episode_is_marked_reported() -> None:
    (episode,) = build_registry([ev("ceasefire_agree", "2024-01-15", modality="reported")])
    assert episode.status == "reported"


def test_registry_violation_alone_makes_no_episode() -> None:
    assert build_registry([ev("ceasefire_violate", "2017-09-22", agent=("ind_army",), target=())]) == []


def test_registry_mediator_comes_from_talks_beside_the_episode() -> None:
    end = ev("ceasefire_end", "2022-11-28", doc="a")
    talks = ev("talks_hold", "2022-06-01", doc="a", agent=("ttp",), target=(), mediator=("afg_taliban",))
    elsewhere = ev("talks_hold", "2022-06-01", doc="b", agent=("ttp",), target=(), mediator=("qatar",))
    (episode,) = build_registry([end, talks, elsewhere])
    assert episode.mediators == ["afg_taliban"]
    assert talks.id in episode.events and elsewhere.id not in episode.events


def test_registry_since_dates_the_start_not_the_span() -> None:
    truce = ev("ceasefire_agree", None).model_copy(
        update={"date": DateValue(start="2009-01-01", end="2014-12-31", precision="range", text="since 2009")}
    )
    (episode,) = build_registry([truce])
    expected = DateValue(start="2009-01-01", end="2009-12-31", precision="year", text="since 2009")
    assert episode.start == expected


def test_registry_one_document_two_truces_months_apart_are_two_episodes() -> None:
    ended = ev("ceasefire_end", "2022-11-28", doc="a")
    declared = ev("ceasefire_declare", "2023-06-14", doc="a").model_copy(
        update={"attributes": {"duration_days": 3}}
    )
    episodes = build_registry([ended, declared])
    assert {e.status: e.planned_duration_days for e in episodes} == {"ended": None, "in_force": 3}


def test_registry_undated_mentions_in_different_documents_stay_apart() -> None:
    assert (
        len(build_registry([ev("ceasefire_agree", None, doc="a"), ev("ceasefire_agree", None, doc="b")])) == 2
    )


def _with(event: Event, **attributes: object) -> Event:
    return event.model_copy(update={"attributes": attributes})


def _ranged(event: Event, start: str, end: str, precision: str = "range") -> Event:
    date = DateValue(start=start, end=end, precision=precision, text=None)  # type: ignore[arg-type]
    return event.model_copy(update={"date": date})


@pytest.mark.parametrize("purpose", ["holiday", "election", "humanitarian", "peace_process"])
@pytest.mark.parametrize("etype", ["ceasefire_declare", "ceasefire_agree"])
def test_registry_purpose_comes_from_the_declaration(etype: str, purpose: str) -> None:
    declared = _with(ev(etype, "2023-06-14"), purpose=purpose)
    (episode,) = build_registry([declared, ev("ceasefire_end", "2023-06-20")])
    assert episode.purpose == purpose


@pytest.mark.parametrize(
    "attributes,modality,announced",
    [
        ({}, "asserted", True),
        ({"announced": False}, "asserted", False),
        ({}, "reported", None),
        ({"announced": False}, "reported", False),
    ],
)
def test_registry_announced(attributes: dict[str, object], modality: str, announced: bool | None) -> None:
    (episode,) = build_registry([_with(ev("ceasefire_agree", "2023-06-14", modality=modality), **attributes)])
    assert episode.announced is announced


@pytest.mark.parametrize(
    "headline,body,expected",
    [
        # a headline dated by its report's window against the body's "on Wednesday"
        (("2023-06-08", "2023-06-14", "range"), ("2023-06-14", "2023-06-14", "day"), "2023-06-14"),
        (("2023-06-01", "2023-06-30", "month"), ("2023-06-10", "2023-06-16", "week"), "2023-06-10"),
        (("2023-01-01", "2023-12-31", "year"), ("2023-06-01", "2023-06-30", "month"), "2023-06-01"),
        # ties go to the earliest
        (("2023-06-12", "2023-06-12", "day"), ("2023-06-14", "2023-06-14", "day"), "2023-06-12"),
    ],
)
def test_registry_dates_come_from_the_most_precise_event(
    headline: tuple[str, str, str], body: tuple[str, str, str], expected: str
) -> None:
    for etype, field in (("ceasefire_declare", "declared"), ("ceasefire_end", "end")):
        events = [_ranged(ev(etype, None, doc="a"), *headline), _ranged(ev(etype, None, doc="a"), *body)]
        events[1] = events[1].model_copy(update={"id": events[1].id + "-body"})
        if etype == "ceasefire_end":
            events.append(ev("ceasefire_declare", None, doc="a"))  # an end alone makes no episode
        (episode,) = build_registry(events)
        value = getattr(episode, field)
        assert value is not None and value.start == expected, (field, value)


def test_registry_start_from_the_most_precise_declaration_or_agreement() -> None:
    vague = _ranged(ev("ceasefire_declare", None, doc="a"), "2023-06-08", "2023-06-14")
    exact = ev("ceasefire_agree", "2023-06-13", doc="a")
    (episode,) = build_registry([vague, exact])
    assert episode.start is not None and episode.start.start == "2023-06-13"
    assert episode.declared is not None and episode.declared.precision == "range"


@pytest.mark.parametrize("stated_on", ["ceasefire_declare", "ceasefire_agree"])
def test_registry_planned_duration_from_any_declaration_or_agreement(stated_on: str) -> None:
    plain = ev("ceasefire_declare" if stated_on == "ceasefire_agree" else "ceasefire_agree", "2023-06-12")
    stating = _with(ev(stated_on, "2023-06-14"), duration_days=10)
    (episode,) = build_registry([plain, stating])
    assert episode.planned_duration_days == 10


def test_registry_talks_months_away_do_not_lend_their_mediator() -> None:
    ended = ev("ceasefire_end", "2022-11-28", doc="a")
    later_talks = ev(
        "talks_hold", "2023-06-14", doc="a", agent=("ttp",), target=(), mediator=("afg_taliban",)
    )
    (episode,) = build_registry([ended, later_talks])
    assert episode.mediators == [] and later_talks.id not in episode.events


@pytest.mark.parametrize(
    "forces,state", [("pak_military", "pak_gov"), ("indian_army", "ind_gov"), ("ttp", "ttp")]
)
def test_registry_forces_stand_for_their_state(forces: str, state: str) -> None:
    assert party_of(forces) == state


def test_registry_armies_and_governments_agreeing_are_one_episode() -> None:
    headline = ev("ceasefire_agree", "2021-02-25", doc="a", agent=("ind_gov", "pak_gov"), target=())
    body = ev("ceasefire_agree", "2021-02-25", doc="a", agent=("indian_army", "pak_military"), target=())
    (episode,) = build_registry([headline, body])
    assert episode.parties == ["ind_gov", "pak_gov"] and episode.kind == "bilateral"


def test_registry_one_government_two_opponents_are_two_episodes() -> None:
    haqqani = ev(
        "ceasefire_agree", "2014-02-20", doc="a", agent=("haqqani_network",), target=("pak_military",)
    )
    ttp = ev("ceasefire_declare", "2014-03-01", doc="a", agent=("ttp",), target=("pak_gov",))
    episodes = build_registry([haqqani, ttp])
    assert sorted(e.parties for e in episodes) == [["haqqani_network", "pak_gov"], ["pak_gov", "ttp"]]
