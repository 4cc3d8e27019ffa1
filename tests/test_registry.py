"""The first ceasefire registry: which events make an episode and how they group."""

from __future__ import annotations

import pytest

from ceasefire.models import DateValue, Event, Evidence
from ceasefire.resolve.ceasefires import build_registry


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
