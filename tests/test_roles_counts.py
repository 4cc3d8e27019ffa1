"""Roles, counts (``events/roles/counts.py``): the killed, injured and abducted a sentence counts.

Every sentence is invented; each states a general pattern of news English.
"""

from __future__ import annotations

import pytest

from tests.event_helpers import of_type, one, run


@pytest.mark.parametrize(
    "sentence,agent,target",
    [
        ("Militants ambushed a convoy, killing 6 Pakistani soldiers.", [], ["pak_military"]),
        ("A bomb attack that killed at least 9 policemen rocked Quetta.", [], ["pak_police"]),
        ("Security forces killed TTP commander in Bajaur.", ["pak_military"], ["ttp"]),
        ("One killed, two wounded as Indian shelling hit the village.", ["indian_army"], []),
    ],
)
def test_events_the_counted_dead_are_targets(sentence: str, agent: list[str], target: list[str]) -> None:
    (event,) = [e for e in run(sentence).events if e.type in {"attack", "bombing", "airstrike"}]
    assert event.actors.get("agent", []) == agent and event.actors.get("target", []) == target


@pytest.mark.parametrize(
    "sentence,expected",
    [
        (
            "Gunmen killed at least 12 policemen and wounded 20 in Karachi.",
            {
                "fatalities": {"best": 12, "low": 12},
                "injured": {"best": 20},
            },
        ),
        (
            "Twin blasts kill 25 in Quetta, wound dozens.",
            {
                "fatalities": {"best": 25},
                "injured": {"best": 12, "low": 12},
            },
        ),
        ("Militants abducted seven workers in Kech.", {"abducted": {"best": 7}}),
        # coordinated counts of one event are summed
        ("Five soldiers, 27 militants killed in North Waziristan.", {"fatalities": {"best": 32}}),
        ("Two policemen and three militants died in the gunfight.", {"fatalities": {"best": 5}}),
        ("At least 3 soldiers, 5 militants killed in Bajaur clash.", {"fatalities": {"best": 8, "low": 8}}),
        # a singular victim counts one, with its count of others
        ("Bomb kills soldier, wounds four in Quetta.", {"fatalities": {"best": 1}, "injured": {"best": 4}}),
        ("Policeman shot dead in Peshawar.", {"fatalities": {"best": 1}}),
        ("Army officer, six rebels killed in Kurram.", {"fatalities": {"best": 7}}),
        ("Blast kills tribal elder, two others in Bajaur.", {"fatalities": {"best": 3}}),
        ("Gunmen kill tribal leader Malik Khan, two others in Bajaur.", {"fatalities": {"best": 3}}),
        ("Two dozen soldiers were killed in the attack.", {"fatalities": {"best": 24}}),
        # killing verbs and the toll
        ("Security forces gunned down four militants in Kech.", {"fatalities": {"best": 4}}),
        ("Twenty people lost their lives in the attack.", {"fatalities": {"best": 20}}),
        ("Nine passengers perished when the bus was attacked.", {"fatalities": {"best": 9}}),
        ("Eight militants were martyred in the raid, the group said.", {"fatalities": {"best": 8}}),
        ("The death toll in the Quetta blasts rose overnight to 84.", {"fatalities": {"best": 84}}),
        ("Three bodies found in Kalat after the attack.", {"fatalities": {"best": 3}}),
        # an injury count is kept apart; a count of the killed-or-wounded is neither
        (
            "A blast killed a policeman, three hurt in Swat.",
            {"fatalities": {"best": 1}, "injured": {"best": 3}},
        ),
        (
            "Militant killed, three volunteers injured in Khyber clash.",
            {"fatalities": {"best": 1}, "injured": {"best": 3}},
        ),
    ],
)
def test_events_quantities(sentence: str, expected: dict[str, dict[str, int | None]]) -> None:
    violent = [e for e in run(sentence).events if e.quantities.model_dump(exclude_none=True)]
    assert len(violent) == 1
    assert violent[0].quantities.model_dump(exclude_none=True) == expected


@pytest.mark.parametrize(
    "sentence,dead,abducted",
    [
        ("Gunmen kill 14 after kidnapping them from buses in Balochistan.", 14, None),
        ("Militants kidnapped five policemen and killed two of them near Tank.", 2, 5),
        ("Kidnappers kill 3 hostages in Kurram.", 3, None),
        ("Two soldiers were killed and 3 abducted in an ambush in Kurram.", 2, 3),
    ],
)
def test_events_a_killing_beside_a_kidnapping_is_its_own_event_with_the_dead(
    sentence: str, dead: int, abducted: int | None
) -> None:
    # A kidnapping says nothing of deaths: the killing stays an event, and holds the count of the dead.
    killing, kidnapping = one(sentence, "attack"), one(sentence, "abduction")
    assert killing.quantities.fatalities is not None and killing.quantities.fatalities.best == dead
    assert kidnapping.quantities.fatalities is None
    found = kidnapping.quantities.abducted
    assert (found.best if found else None) == abducted


@pytest.mark.parametrize(
    "sentence",
    [
        "A 45-year-old man was wounded in a three-day siege of the compound.",
        "Two militant groups clashed 10 km from Bannu.",
        "Police said 2 militants were arrested at 1200 gmt.",
        "Pakistan says 10 Indian soldiers killed or wounded.",
        "The 2014 attack on the school is remembered.",
    ],
)
def test_events_numbers_that_are_not_victims_are_not_fatalities(sentence: str) -> None:
    assert all(e.quantities.fatalities is None for e in run(sentence).events)


def test_events_summed_count_keeps_its_parts() -> None:
    event = one("Five soldiers, 27 militants killed in North Waziristan.", "attack")
    assert event.attributes["fatalities_by_group"] == [
        {"group": "soldiers", "count": {"best": 5}},
        {"group": "militants", "count": {"best": 27}},
    ]


@pytest.mark.parametrize(
    "sentence,count,date",
    [
        (
            "Police data show the BLA carried out 130 attacks in 2019.",
            130,
            ("2019-01-01", "2019-12-31", "year"),
        ),
        (
            "The group staged 57 attacks in March 2021, officials said.",
            57,
            ("2021-03-01", "2021-03-31", "month"),
        ),
    ],
)
def test_events_violence_summary_counts_over_a_period(
    sentence: str, count: int, date: tuple[str, str, str]
) -> None:
    event = one(sentence, "violence_summary")
    assert event.quantities.count is not None and event.quantities.count.best == count
    assert (event.date.start, event.date.end, event.date.precision) == date


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The TTP ended the truce in June 2014. Since then more than 500 people have been killed"
            " in attacks.",
            ({"fatalities": 500}, "2014-06-01", "range", None),
        ),
        (
            "More than 500 people have been killed in attacks since then.",
            ({"fatalities": 500}, None, "unknown", "since then"),
        ),
        (
            "At least 1,000 people died in militant violence last year.",
            ({"fatalities": 1000}, "2020-01-01", "year", "last year"),
        ),
        (
            "Over 300 civilians were killed in bombings in 2013, officials said.",
            ({"fatalities": 300}, "2013-01-01", "year", "2013"),
        ),
        ("The TTP carried out 282 attacks in 2021.", ({"count": 282}, "2021-01-01", "year", "2021")),
    ],
)
def test_events_aggregate_toll_over_a_period_is_a_summary(
    text: str, expected: tuple[dict[str, int], str | None, str, str | None]
) -> None:
    numbers, start, precision, date_text = expected
    (summary,) = of_type(text, "violence_summary")
    for kind, best in numbers.items():
        value = getattr(summary.quantities, kind)
        assert value is not None and value.best == best
    assert (summary.date.start, summary.date.precision, summary.date.text) == (start, precision, date_text)
    assert not of_type(text, "attack") and not of_type(text, "bombing")


@pytest.mark.parametrize(
    "sentence,event_type",
    [
        ("12 killed in attack.", "attack"),
        ("Five soldiers were killed in attacks on Monday.", "attack"),
        ("A suicide bomber killed 14 people in Peshawar in March 2013.", "bombing"),
    ],
)
def test_events_single_attack_toll_stays_an_attack(sentence: str, event_type: str) -> None:
    assert not of_type(sentence, "violence_summary")
    assert of_type(sentence, event_type)
