"""The first ceasefire registry: which events make an episode and how they group."""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.linking.ceasefires import _certain_window, build_registry, party_of
from ceasefire.models import Ceasefire, DateValue, Document, Event, Evidence, Published
from ceasefire.store import Store
from ceasefire.types import Extraction


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
    assert [e.start.start for e in episodes if e.start] == ["2022-06-01", "2014-03-01"]  # newest first
    assert all(e.kind == "bilateral" for e in episodes)


def test_registry_newest_first_by_the_latest_day_an_episode_reaches() -> None:
    """An episode known only by its end in 2022 comes before one begun in 2014; undated ones last."""
    old = ev("ceasefire_declare", "2014-03-01", doc="a")
    ended = ev("ceasefire_end", "2022-11-28", doc="b")
    undated = ev("ceasefire_agree", None, doc="c", agent=("haqqani_network",))
    episodes = build_registry([undated, old, ended])
    assert [(e.end or e.start or DateValue()).start for e in episodes] == ["2022-11-28", "2014-03-01", None]


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


def _at(event: Event, start: int) -> Event:
    return event.model_copy(
        update={"evidence": [Evidence(doc=event.evidence[0].doc, start=start, end=start + 4, text="text")]}
    )


def test_registry_an_end_months_later_in_the_same_report_ends_the_truce_it_follows() -> None:
    """ "agreed a truce in June 2022 ... ended it in November of the same year": one episode."""
    agreed = _at(ev("ceasefire_agree", "2022-06-02", doc="a"), 0)
    ended = _at(ev("ceasefire_end", "2022-11-28", doc="a"), 100)
    (episode,) = build_registry([ended, agreed])
    assert episode.start is not None and episode.start.start == "2022-06-02"
    assert episode.end is not None and episode.end.start == "2022-11-28"
    assert episode.status == "ended"


def test_registry_an_end_refers_to_the_nearest_truce_before_it() -> None:
    old = _at(ev("ceasefire_declare", "2021-11-09", doc="a"), 0)
    new = _at(ev("ceasefire_agree", "2022-06-02", doc="a"), 50)
    ended = _at(ev("ceasefire_end", "2022-11-28", doc="a"), 100)
    episodes = build_registry([old, new, ended])
    assert sorted((e.start.start if e.start else None, e.end.start if e.end else None) for e in episodes) == [
        ("2021-11-09", None),
        ("2022-06-02", "2022-11-28"),
    ]


@pytest.mark.parametrize(
    "end_day,doc",
    [
        ("2024-03-01", "a"),  # more than a year after: about another truce
        ("2022-01-10", "a"),  # before the truce began
    ],
)
def test_registry_an_end_far_away_or_elsewhere_stays_apart(end_day: str, doc: str) -> None:
    agreed = _at(ev("ceasefire_agree", "2022-06-02", doc="a"), 0)
    ended = _at(ev("ceasefire_end", end_day, doc=doc), 100)
    assert len(build_registry([agreed, ended])) == 2


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


@pytest.mark.parametrize(
    "actor,side",
    [
        ("npa", "cpp"),  # armed wing
        ("ndfp", "cpp"),  # political front
        ("tdf", "tplf"),
        ("qassam_brigades", "hamas"),
        ("jamaat_ul_ahrar", "jamaat_ul_ahrar"),  # a faction keeps its own side
        ("iskp", "iskp"),  # and so does an affiliate
    ],
)
def test_registry_a_wing_stands_for_its_group(actor: str, side: str) -> None:
    assert party_of(actor) == side


def test_registry_a_wing_and_its_group_declaring_are_one_episode() -> None:
    """The armed wing's announcement and the party's are one truce, not two unilateral ones."""
    party = ev("ceasefire_declare", "2019-12-22", doc="a", agent=("cpp",), target=("gov_phl",))
    wing = ev("ceasefire_declare", "2019-12-22", doc="a", agent=("ndfp",), target=("gov_phl",))
    (episode,) = build_registry([party, wing])
    assert episode.parties == ["cpp", "gov_phl"] and episode.kind == "unilateral"


@pytest.mark.parametrize(
    "agents,kind",
    [
        # a leader of no stated side, beside two organised parties, signs for one of them
        (("pak_gov", "ttp", "person:lina-sorel"), "bilateral"),
        (("pak_gov", "ttp", "afg_taliban"), "multilateral"),
    ],
)
def test_registry_kind_counts_organised_sides(agents: tuple[str, ...], kind: str) -> None:
    (episode,) = build_registry([ev("ceasefire_agree", "2021-02-25", agent=agents, target=())])
    assert episode.kind == kind


@pytest.mark.parametrize(
    "agents,parties",
    [
        # a person of no known side is no party: their truce is their side's, which the text may not say
        (("person:lina-sorel", "ttp"), ["ttp"]),
        # a person the registry places in a side stands for it
        (("ashraf_ghani", "afg_taliban"), ["afg_gov", "afg_taliban"]),
    ],
)
def test_registry_people_are_parties_only_through_their_side(
    agents: tuple[str, ...], parties: list[str]
) -> None:
    (episode,) = build_registry([ev("ceasefire_agree", "2019-06-15", agent=agents, target=())])
    assert episode.parties == parties


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


# -- issue 4, item 3: conflicts, expected end, violations, nature, stability ------------------------


def _day(day: str) -> dict[str, object]:
    return {"start": day, "end": day, "precision": "day"}


def _dv(day: str) -> dict[str, object]:
    return {"start": day, "end": day, "precision": "day", "text": day}


@pytest.mark.parametrize(
    "etype,field,days,shown,values",
    [
        # two sources against one: the better-supported date is shown, both are listed
        (
            "ceasefire_agree",
            "start",
            ["2021-11-09", "2021-11-09", "2021-11-08"],
            "2021-11-09",
            ["2021-11-09", "2021-11-08"],
        ),
        # one against one: the earliest
        (
            "ceasefire_agree",
            "start",
            ["2021-11-09", "2021-11-08"],
            "2021-11-08",
            ["2021-11-08", "2021-11-09"],
        ),
        (
            "ceasefire_declare",
            "declared",
            ["2021-11-09", "2021-11-08"],
            "2021-11-08",
            ["2021-11-08", "2021-11-09"],
        ),
        (
            "ceasefire_end",
            "end",
            ["2021-12-09", "2021-12-10", "2021-12-10"],
            "2021-12-10",
            ["2021-12-10", "2021-12-09"],
        ),
    ],
)
def test_registry_conflicting_dates_across_documents_are_listed(
    etype: str, field: str, days: list[str], shown: str, values: list[str]
) -> None:
    events = [ev(etype, day, doc=f"d{i}") for i, day in enumerate(days)]
    if etype == "ceasefire_end":
        events.append(ev("ceasefire_declare", "2021-11-09", doc="d0"))
    (episode,) = build_registry(events)
    value = getattr(episode, field)
    assert value is not None and value.start == shown
    (conflict,) = [c for c in episode.conflicts if c.field == field]
    assert conflict.values == [_dv(day) for day in values]
    assert sorted(conflict.sources) == sorted({f"d{i}" for i in range(len(days))})
    assert conflict.sources[0] in {f"d{i}" for i, day in enumerate(days) if day == shown}


@pytest.mark.parametrize(
    "coarse,precision",
    [(("2021-11-01", "2021-11-30"), "month"), (("2021-11-08", "2021-11-14"), "week")],
)
def test_registry_a_coarser_date_that_contains_another_is_no_conflict(
    coarse: tuple[str, str], precision: str
) -> None:
    vague = _ranged(ev("ceasefire_agree", None, doc="a"), *coarse, precision=precision)
    exact = ev("ceasefire_agree", "2021-11-09", doc="b")
    (episode,) = build_registry([vague, exact])
    assert episode.start is not None and episode.start.start == "2021-11-09"
    assert episode.conflicts == []


def test_registry_a_coarser_date_supports_the_value_inside_it() -> None:
    month = _ranged(ev("ceasefire_agree", None, doc="a"), "2021-11-01", "2021-11-30", precision="month")
    events = [
        month,
        ev("ceasefire_agree", "2021-11-09", doc="b"),
        ev("ceasefire_agree", "2021-11-08", doc="c"),
    ]
    events[2] = events[2].model_copy(update={"id": "late-first"})
    (episode,) = build_registry(events)
    (conflict,) = episode.conflicts
    # the month supports both days (2 each), the earliest wins; the month itself has 1
    assert [v["start"] for v in conflict.values] == ["2021-11-08", "2021-11-09", "2021-11-01"]  # type: ignore[index]
    assert episode.start is not None and episode.start.start == "2021-11-08"


def test_registry_same_document_dates_are_not_a_conflict() -> None:
    (episode,) = build_registry([ev("ceasefire_agree", "2021-11-08"), ev("ceasefire_declare", "2021-11-09")])
    assert episode.conflicts == []


def test_registry_merged_event_reports_give_each_source_its_date() -> None:
    merged = ev("ceasefire_agree", "2021-11-09", doc="a").model_copy(
        update={
            "attributes": {
                "reports": [
                    {"doc": "a", "type": "ceasefire_agree", "date": _day("2021-11-09")},
                    {"doc": "b", "type": "ceasefire_agree", "date": _day("2021-11-08")},
                ]
            },
            "evidence": [Evidence(doc=d, start=0, end=4, text="text") for d in ("a", "b")],
        }
    )
    (episode,) = build_registry([merged])
    (conflict,) = episode.conflicts
    assert conflict.field == "start" and conflict.sources == ["b", "a"]
    assert conflict.values[1] == _dv("2021-11-09")  # the event's own date keeps its text


@pytest.mark.parametrize(
    "etype,field,agents,shown,conflict",
    [
        ("ceasefire_declare", "declared_by", ["ttp", "pak_gov"], "ttp", ["ttp", "pak_gov"]),
        ("ceasefire_declare", "declared_by", ["pak_gov", "ttp", "ttp"], "ttp", ["ttp", "pak_gov"]),
        # forces stand for their state: no disagreement
        ("ceasefire_declare", "declared_by", ["pak_military", "pak_gov", "pak_gov"], "pak_gov", None),
        ("ceasefire_end", "ended_by", ["ttp", "pak_gov"], "ttp", ["ttp", "pak_gov"]),
    ],
)
def test_registry_sides_named_differently_are_listed(
    etype: str, field: str, agents: list[str], shown: str, conflict: list[str] | None
) -> None:
    events = [
        ev(
            etype,
            f"2021-{12 if etype == 'ceasefire_end' else 11}-{9 + i:02d}",  # ties go to the earliest
            doc=f"d{i}",
            agent=(a,),
            target=(),
        )
        for i, a in enumerate(agents)
    ]
    events[0] = events[0].model_copy(update={"actors": {"agent": [agents[0]], "target": ["ttp", "pak_gov"]}})
    if etype == "ceasefire_end":
        events.append(ev("ceasefire_agree", "2021-11-09", doc="d0"))
    (episode,) = build_registry(events)
    assert getattr(episode, field) == shown
    found = [c for c in episode.conflicts if c.field == field]
    assert [c.values for c in found] == ([conflict] if conflict else [])


@pytest.mark.parametrize(
    "start,days,extended,expected",
    [
        ("2021-11-09", 30, False, "2021-12-08"),
        ("2023-06-14", 3, False, "2023-06-16"),
        ("2023-06-14", 1, False, "2023-06-14"),
        ("2023-06-14", 3, True, None),  # an extension makes the plan stale
        ("2023-06-14", None, False, None),
    ],
)
def test_registry_expected_end_from_planned_duration(
    start: str | None, days: int | None, extended: bool, expected: str | None
) -> None:
    declared = ev("ceasefire_declare", start)
    events = [_with(declared, duration_days=days) if days else declared]
    if extended:
        events.append(ev("ceasefire_extend", "2023-06-16"))
    (episode,) = build_registry(events)
    got = episode.expected_end
    assert (got.start if got else None) == expected
    if got is not None:
        assert got.end == got.start and got.precision == "day" and got.text is None


@pytest.mark.parametrize(
    "first,last,precision,expected",
    [
        # a month-long truce agreed in June ends on one of the days from 30 June to 29 July
        ("2022-06-01", "2022-06-30", "month", ("2022-06-30", "2022-07-29", "range")),
        ("2022-01-01", "2022-12-31", "year", None),  # too vague to plan from
    ],
)
def test_registry_expected_end_is_no_more_precise_than_the_start(
    first: str, last: str, precision: str, expected: tuple[str, str, str] | None
) -> None:
    agreed = _with(_ranged(ev("ceasefire_agree", first), first, last, precision=precision), duration_days=30)
    (episode,) = build_registry([agreed])
    got = episode.expected_end
    assert ((got.start, got.end, got.precision) if got else None) == expected
    assert episode.status == "in_force"  # a plan never ends an episode


@pytest.mark.parametrize("modality,status", [("asserted", "in_force"), ("reported", "reported")])
def test_registry_an_expected_end_never_ends_an_episode(modality: str, status: str) -> None:
    declared = _with(ev("ceasefire_declare", "2020-06-14", modality=modality), duration_days=3)
    later = ev("attack", "2024-01-01", doc="z")
    (episode,) = build_registry([declared, later])
    assert episode.status == status and episode.end is None and episode.expected_end is not None


def _violent(
    etype: str, day: str | None, agent: tuple[str, ...], target: tuple[str, ...], modality: str = "asserted"
) -> Event:
    event = ev(etype, day, doc="news", agent=agent, target=target, modality=modality)
    return event.model_copy(
        update={"id": f"{etype}-{day}-{'+'.join(agent)}-{'+'.join(target)}-{event.modality}"}
    )


TRUCE = [
    ev("ceasefire_declare", "2021-11-09", doc="a"),
    ev("ceasefire_end", "2021-12-09", doc="b"),
]


@pytest.mark.parametrize(
    "event,linked",
    [
        (_violent("attack", "2021-11-20", ("ttp",), ("pak_military",)), True),  # forces stand for the state
        (_violent("bombing", "2021-11-09", ("ttp",), ("pak_police",)), True),  # the first day counts
        (_violent("airstrike", "2021-12-09", ("pak_military",), ("ttp",)), True),  # so does the last
        (_violent("attack", "2021-12-10", ("ttp",), ("pak_military",)), False),  # after the end
        (_violent("attack", "2021-11-08", ("ttp",), ("pak_military",)), False),  # before the start
        (_violent("attack", None, ("ttp",), ("pak_military",)), False),  # undated
        (
            _ranged(
                _violent("attack", None, ("ttp",), ("pak_military",)), "2021-11-01", "2021-11-30", "month"
            ),
            False,
        ),  # not wholly inside
        (_violent("attack", "2021-11-20", ("ttp",), ("civilians",)), False),  # not between the parties
        (_violent("attack", "2021-11-20", ("ttp",), ()), False),
        (_violent("attack", "2021-11-20", ("ttp",), ("pak_military",), modality="hypothetical"), False),
        (_violent("attack", "2021-11-20", ("ttp",), ("pak_military",), modality="claimed"), True),
        (_violent("ceasefire_violate", "2021-11-20", ("ttp",), ()), True),  # a violation naming one party
        (_violent("ceasefire_violate", "2021-11-20", ("ttp",), ("civilians",)), True),
        # another war's violation
        (_violent("ceasefire_violate", "2021-11-20", ("indian_army",), ("pak_military",)), False),
        (_violent("ceasefire_violate", "2021-11-20", ("afg_taliban",), ()), False),
    ],
)
def test_registry_violations_are_violence_between_the_parties_inside_the_window(
    event: Event, linked: bool
) -> None:
    (episode,) = build_registry([*TRUCE, event])
    assert episode.violations == ([event.id] if linked else [])


@pytest.mark.parametrize(
    "declared_days,end,expected",
    [
        (30, None, True),  # inside the expected end
        (5, None, False),  # past the expected end of a five-day truce
        (None, None, False),  # open window: known only as far as its reports reach (9 November)
        (30, "2021-11-15", False),  # a real end wins over the plan
    ],
)
def test_registry_violation_window_closes_at_end_or_expected_end(
    declared_days: int | None, end: str | None, expected: bool
) -> None:
    declared = ev("ceasefire_declare", "2021-11-09", doc="a")
    events = [_with(declared, duration_days=declared_days) if declared_days else declared]
    if end:
        events.append(ev("ceasefire_end", end, doc="b"))
    attack = _violent("attack", "2021-11-20", ("ttp",), ("pak_military",))
    (episode,) = build_registry([*events, attack])
    assert (attack.id in episode.violations) is expected


def test_registry_violations_need_a_known_start() -> None:
    ended = ev("ceasefire_end", "2021-12-09", doc="a")
    (episode,) = build_registry([ended, _violent("attack", "2021-11-20", ("ttp",), ("pak_military",))])
    assert episode.start is None and episode.violations == []


@pytest.mark.parametrize(
    "events,status",
    [
        ([ev("ceasefire_agree", "2024-01-15", modality="claimed")], "reported"),
        (
            [
                ev("ceasefire_declare", "2024-01-15", modality="reported"),
                ev("ceasefire_end", "2024-02-15", doc="b", modality="reported"),
            ],
            "reported",
        ),
        (
            [
                ev("ceasefire_declare", "2024-01-15", modality="reported"),
                ev("ceasefire_end", "2024-02-15", doc="b"),
            ],
            "ended",
        ),
        (
            [
                ev("ceasefire_offer", "2024-01-10"),
                ev("ceasefire_agree", "2024-01-15", doc="b", modality="reported"),
            ],
            "reported",
        ),
        ([ev("ceasefire_declare", "2024-01-15"), ev("ceasefire_reject", "2024-01-16", doc="b")], "in_force"),
    ],
)
def test_registry_status_keeps_the_nature_of_its_evidence(events: list[Event], status: str) -> None:
    (episode,) = build_registry(events)
    assert episode.status == status


@pytest.mark.parametrize("modality", ["asserted", "reported"])
def test_registry_rejected_offer_makes_no_episode(modality: str) -> None:
    offer = ev("ceasefire_offer", "2024-01-10", modality=modality)
    rejection = ev("ceasefire_reject", "2024-01-12", doc="b", agent=("pak_gov",), target=("ttp",))
    assert build_registry([offer, rejection]) == []


STABILITY_EVENTS = [
    ev("ceasefire_offer", "2021-11-01", doc="a"),
    _with(ev("ceasefire_declare", "2021-11-09", doc="a"), duration_days=30),
    ev("ceasefire_agree", "2021-11-08", doc="b"),
    ev("talks_hold", "2021-11-05", doc="a", agent=("ttp",), target=(), mediator=("afg_taliban",)),
    ev("ceasefire_end", "2021-12-09", doc="c", agent=("ttp",), target=()),
    ev("ceasefire_end", "2021-12-10", doc="d", agent=("pak_gov",), target=()),
    _violent("attack", "2021-11-20", ("ttp",), ("pak_military",)),
    ev("ceasefire_agree", "2014-03-01", doc="e"),
    ev("ceasefire_agree", "2021-02-25", doc="f", agent=("ind_gov", "pak_gov"), target=()),
]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_registry_same_events_in_any_order_give_the_same_registry(seed: int) -> None:
    import random

    first = build_registry(STABILITY_EVENTS)
    shuffled = list(STABILITY_EVENTS)
    random.Random(seed).shuffle(shuffled)
    assert build_registry(shuffled) == first == build_registry(STABILITY_EVENTS)
    assert [e.model_dump_json() for e in build_registry(shuffled)] == [e.model_dump_json() for e in first]
    ttp = next(e for e in first if e.parties == ["pak_gov", "ttp"] and e.end is not None)
    assert {c.field for c in ttp.conflicts} == {"start", "end", "ended_by"}
    assert ttp.violations and ttp.mediators == ["afg_taliban"] and ttp.expected_end is not None


@pytest.mark.parametrize(
    "attack_day,linked",
    [("2014-06-01", False), ("2015-01-02", True)],  # a truce "in 2014" may have begun after June
)
def test_registry_violations_must_certainly_follow_a_coarse_start(attack_day: str, linked: bool) -> None:
    truce = _ranged(ev("ceasefire_declare", None), "2014-01-01", "2014-12-31", precision="year")
    extended = ev("ceasefire_extend", "2015-01-20", doc="b")  # still reported in force then
    attack = _violent("attack", attack_day, ("ttp",), ("pak_military",))
    (episode,) = build_registry([truce, extended, attack])
    assert (attack.id in episode.violations) is linked


@pytest.mark.parametrize(
    "agent,parties,linked",
    [
        ("pak_military", ("ttp", "pak_gov"), False),  # Pakistan is party to many truces
        ("ttp", ("ttp", "pak_gov"), True),
        ("indian_army", ("ind_gov", "pak_gov"), True),  # between states, a state is enough
    ],
)
def test_registry_a_violation_naming_only_a_state_counts_only_between_states(
    agent: str, parties: tuple[str, str], linked: bool
) -> None:
    truce = ev("ceasefire_agree", "2021-02-25", agent=parties, target=())
    violation = _violent("ceasefire_violate", "2021-03-10", (agent,), ())
    (episode,) = build_registry([truce, violation])
    assert (violation.id in episode.violations) is linked


def test_registry_an_open_window_reaches_only_as_far_as_its_reports() -> None:
    declared = ev("ceasefire_declare", "2014-03-01", doc="a")
    extended = ev("ceasefire_extend", "2014-04-10", doc="b")
    during = _violent("attack", "2014-04-01", ("ttp",), ("pak_military",))
    years_later = _violent("attack", "2022-05-01", ("ttp",), ("pak_military",))
    (episode,) = build_registry([declared, extended, during, years_later])
    assert episode.violations == [during.id]


def test_registry_an_open_window_closes_when_the_next_episode_begins() -> None:
    day = DateValue(start="2014-03-01", end="2014-03-01", precision="day")
    first = Ceasefire(id="cf-1", parties=["pak_gov", "ttp"], start=day)
    later = DateValue(start="2014-06-01", end="2014-06-01", precision="day")
    second = Ceasefire(id="cf-2", parties=["pak_gov", "ttp"], start=later)
    window = _certain_window(first, [first, second], last_seen=date(2014, 12, 31))
    assert window == (date(2014, 3, 1), date(2014, 5, 31))


def test_registry_a_store_builds_it_in_two_steps_with_the_same_result(db_url: str) -> None:
    """``Store.rebuild`` reads the lifecycle and talks events, then only the violent events of
    the episodes' windows, in chunks; the registry equals ``build_registry`` over every event."""
    violent = [
        _violent("attack", day, ("ttp",), ("pak_military",))
        for day in ("2021-11-20", "2021-12-01", "2021-12-12", "2013-05-01", "2022-06-01")
    ]
    events = [*STABILITY_EVENTS, *violent]
    by_doc: dict[str, list[Event]] = {}
    for event in events:
        by_doc.setdefault(event.evidence[0].doc, []).append(event)
    with Store(db_url) as store:
        store.add(
            [
                Extraction(
                    document=Document(
                        id=doc,
                        source=doc,
                        text="text",
                        published=Published(date="2021-12-31", precision="day"),
                    ),
                    events=[e.model_copy(update={"id": f"{doc}-{i}"}) for i, e in enumerate(found)],
                )
                for doc, found in by_doc.items()
            ]
        )
        stored = store.events()
        registry = store.rebuild()
        assert registry == build_registry(stored) == store.ceasefires()
    assert any(episode.violations for episode in registry), "the check must include violations"


def test_registry_start_is_the_effective_date_and_declared_the_declaration() -> None:
    """ETH/PRIO: a truce announced on the 14th "starting" the 16th starts on the 16th."""
    declared = ev("ceasefire_declare", "2023-06-14", doc="a").model_copy(
        update={
            "attributes": {
                "from": DateValue(start="2023-06-16", end="2023-06-16", precision="day").model_dump()
            }
        }
    )
    (episode,) = build_registry([declared])
    assert episode.declared is not None and episode.declared.start == "2023-06-14"
    assert episode.start is not None and episode.start.start == "2023-06-16"


def test_registry_each_sides_own_declaration_is_its_own_episode() -> None:
    """A report of the government's Eid truce and the rebels' own three days later, between the same
    parties, reports two unilateral ceasefires (ETH/PRIO codes each declaration). Two reports that
    name different declarers disagree about one (test_registry_sides_named_differently_are_listed)."""
    government = ev("ceasefire_declare", "2023-06-12", doc="a", agent=("pak_gov",), target=("ttp",))
    rebels = ev("ceasefire_declare", "2023-06-15", doc="a", agent=("ttp",), target=("pak_gov",))
    episodes = build_registry([government, rebels])
    assert sorted(e.declared_by or "" for e in episodes) == ["pak_gov", "ttp"]


def test_registry_both_sides_ordering_an_agreed_truce_is_one_episode() -> None:
    agreed = ev("ceasefire_agree", "2023-06-10", doc="a", agent=("pak_gov", "ttp"), target=())
    government = ev("ceasefire_declare", "2023-06-12", doc="a", agent=("pak_gov",), target=("ttp",))
    rebels = ev("ceasefire_declare", "2023-06-12", doc="b", agent=("ttp",), target=("pak_gov",))
    (episode,) = build_registry([agreed, government, rebels])
    assert episode.kind == "bilateral"


def test_registry_a_lone_end_ends_the_truce_in_force_between_its_sides() -> None:
    """ "Fighting erupted, ending a months-long truce", reported in August by another report, ends
    the truce the same sides began in March; not one of other sides, nor one that began after it."""
    truce = ev("ceasefire_declare", "2022-03-24", doc="a", agent=("pak_gov",), target=("ttp",))
    other = ev("ceasefire_declare", "2022-05-01", doc="b", agent=("ind_gov",), target=("pak_gov",))
    later = ev("ceasefire_declare", "2022-12-01", doc="c", agent=("pak_gov",), target=("ttp",))
    end = ev("ceasefire_end", "2022-08-24", doc="d", agent=("pak_gov",), target=("ttp",))
    episodes = build_registry([truce, other, later, end])
    ended = [e for e in episodes if e.end is not None]
    assert len(episodes) == 3 and len(ended) == 1
    assert ended[0].start is not None and ended[0].start.start == "2022-03-24"


def test_registry_a_lone_end_without_sides_ends_nothing() -> None:
    truce = ev("ceasefire_declare", "2022-03-24", doc="a", agent=("pak_gov",), target=("ttp",))
    end = ev("ceasefire_end", "2022-08-24", doc="d", agent=(), target=())
    (episode,) = build_registry([truce, end])
    assert episode.end is None and end.id not in episode.events


def test_registry_a_lone_extension_extends_the_truce_in_force_between_its_sides() -> None:
    """ "The rebel leader extended the truce indefinitely", reported months after the truce began by
    another report, extends that truce: extending presupposes one. Not a truce of other sides."""
    truce = ev("ceasefire_declare", "2016-12-27", doc="a", agent=("renamo",), target=("gov_moz",))
    other = ev("ceasefire_declare", "2017-01-15", doc="b", agent=("ind_gov",), target=("pak_gov",))
    extended = ev("ceasefire_extend", "2017-05-04", doc="c", agent=("renamo",), target=("gov_moz",))
    episodes = build_registry([truce, other, extended])
    assert len(episodes) == 2
    (renamo,) = [e for e in episodes if "renamo" in e.parties]
    assert extended.id in renamo.events and renamo.start is not None and renamo.start.start == "2016-12-27"


def test_registry_an_extension_more_than_a_year_later_is_its_own_episode() -> None:
    truce = ev("ceasefire_declare", "2015-01-10", doc="a", agent=("renamo",), target=("gov_moz",))
    extended = ev("ceasefire_extend", "2017-05-04", doc="c", agent=("renamo",), target=("gov_moz",))
    assert len(build_registry([truce, extended])) == 2


def test_registry_a_truce_no_side_of_which_is_named_is_no_episode() -> None:
    """ "Ban said the truce announced Monday helps the talks": some truce, whose sides this text
    does not name, stays an event; it is no episode of its own, and joins one only through
    linking (here the report's own episode)."""
    unnamed = ev("ceasefire_declare", "2016-02-15", doc="a", agent=(), target=())
    assert build_registry([unnamed]) == []
    named = ev("ceasefire_agree", "2016-02-22", doc="a", agent=("us_gov", "russia_gov"), target=())
    (episode,) = build_registry([unnamed, named])
    assert unnamed.id in episode.events
