"""Roles, agents and targets (``events/roles/agents.py``): who did what to whom, parties and mediators.

Every sentence is invented; each states a general pattern of news English.
"""

from __future__ import annotations

import pytest

from tests.event_helpers import of_type, one, run


@pytest.mark.parametrize(
    "sentence,event_type,agent",
    [
        ("The TTP called for a ceasefire during Ramadan.", "ceasefire_offer", "ttp"),
        ("Islamabad offered a month-long truce to the militants.", "ceasefire_offer", "pak_gov"),
        ("The BLA said it was ready for a ceasefire if talks began.", "ceasefire_offer", "bla"),
        ("The Pakistani Taliban declared a unilateral ceasefire on Sunday.", "ceasefire_declare", "ttp"),
        ("Jamaat-ul-Ahrar announced a 10-day truce for Eid.", "ceasefire_declare", "jamaat_ul_ahrar"),
        ("The TTP and the government agreed to a ceasefire.", "ceasefire_agree", "ttp"),
        ("The TTP extended its ceasefire by another month.", "ceasefire_extend", "ttp"),
        ("The TTP called off the ceasefire and ordered new attacks.", "ceasefire_end", "ttp"),
        (
            "Indian troops violated the ceasefire along the Line of Control.",
            "ceasefire_violate",
            "indian_army",
        ),
        ("The Pakistani Taliban rejected the government's ceasefire offer.", "ceasefire_reject", "ttp"),
        ("Imran Khan offered talks to the insurgents.", "talks_propose", "imran_khan"),
        ("The TTP ruled out talks with the government.", "talks_reject", "ttp"),
        ("The BLA threatened to target Chinese engineers.", "threat", "bla"),
        ("The TTP demanded the release of its prisoners.", "demand", "ttp"),
        ("The government signed a peace agreement with the TNSM in Swat.", "agreement", "pak_gov"),
        ("The CTD arrested three suspects in Lahore.", "arrest", "ctd"),
        ("Gunmen from the BLA abducted five engineers near Gwadar.", "abduction", "bla"),
        (
            "The Pakistani military launched a military operation in North Waziristan.",
            "military_operation",
            "pak_military",
        ),
        ("The TTP executed two captured policemen.", "execution", "ttp"),
        (
            "The Pakistani government released 100 Taliban prisoners as part of the deal.",
            "prisoner_release",
            "pak_gov",
        ),
    ],
)
def test_events_trigger_and_agent(sentence: str, event_type: str, agent: str) -> None:
    event = one(sentence, event_type)
    assert agent in event.actors.get("agent", [])


def test_events_a_passive_truce_event_takes_no_agent_from_its_subject() -> None:
    violated = one(
        "The ceasefire that the TTP announced in June was violated within days.", "ceasefire_violate"
    )
    assert not violated.actors.get("agent")
    by = one("The truce was violated by the TTP on Monday.", "ceasefire_violate")
    assert by.actors.get("agent") == ["ttp"]


def test_events_a_passive_verb_needs_a_truce_as_its_subject() -> None:
    assert not of_type("The TTP declared a truce, and the curfew was extended.", "ceasefire_extend")
    assert not of_type("The TTP, which had agreed to a truce, ended its attacks.", "ceasefire_end")


@pytest.mark.parametrize(
    "sentence,event_type,agent",
    [
        ("The TTP claimed responsibility for the attack on a police station in Bannu.", "attack", ["ttp"]),
        ("Jamaat-ul-Ahrar, a TTP splinter group, claimed the bombing in Peshawar.", "bombing",
         ["jamaat_ul_ahrar"]),
        ("The BLA claimed credit for the attack on the convoy.", "attack", ["bla"]),
    ],
)  # fmt: skip
def test_events_a_claim_of_responsibility_names_the_agent(
    sentence: str, event_type: str, agent: list[str]
) -> None:
    # the attack happened; who did it is the claimer's word, kept as said_by
    event = one(sentence, event_type)
    assert event.actors.get("agent") == agent and event.modality == "asserted"
    assert event.said_by == agent[0]


@pytest.mark.parametrize(
    "sentence,agent",
    [
        ("Since the TTP ended the ceasefire, gunmen attacked a police post in Tank.", []),
        ("A week after the TTP ended its truce, gunmen attacked a police station in Bannu.", []),
        ("After the TTP ended the truce, it attacked a checkpoint.", ["ttp"]),  # taken up by "it"
        ("After ending their ceasefire, the TTP attacked a checkpoint.", ["ttp"]),
    ],
)
def test_events_a_fronted_clause_lends_no_agent_to_the_main_one(sentence: str, agent: list[str]) -> None:
    assert one(sentence, "attack").actors.get("agent", []) == agent
    assert one(sentence, "ceasefire_end").actors.get("agent") == ["ttp"]


@pytest.mark.parametrize(
    "sentence,mediator,agents",
    [
        (
            "Qatar hosted talks between the Afghan Taliban and the United States.",
            "qatar",
            {"afg_taliban", "united_states"},
        ),
        (
            "The talks between the TTP and the Pakistani government were mediated by the Afghan Taliban.",
            "afg_taliban",
            {"ttp", "pak_gov"},
        ),
    ],
)
def test_events_talks_mediator_and_parties(sentence: str, mediator: str, agents: set[str]) -> None:
    event = one(sentence, "talks_hold")
    assert event.actors["mediator"] == [mediator]
    assert set(event.actors["agent"]) == agents


@pytest.mark.parametrize(
    "sentence,agent",
    [
        ("Indian shelling kills 15 villagers.", "indian_army"),
        ("Five Kashmiris were killed by Indian shelling.", "indian_army"),
        ("Pakistani air strikes kill 13 militants in Khyber.", "pak_military"),
        ("Afghan forces' firing killed two Pakistani soldiers.", "afg_taliban"),  # in November 2021
        ("US drone strike kills two in North Waziristan.", "us_military"),
    ],
)
def test_events_country_word_before_violence_is_the_agent(sentence: str, agent: str) -> None:
    violent = [e for e in run(sentence).events if e.type in {"attack", "airstrike"}]
    assert [e.actors.get("agent") for e in violent] == [[agent]]


@pytest.mark.parametrize(
    "sentence,agent,target",
    [
        ("Two Pakistani soldiers killed in a clash with militants.", None, "pak_military"),
        ("Pakistani security forces killed four TTP militants in Bannu.", "pak_military", "ttp"),
        ("Three policemen were abducted by the TTP near Bannu.", "ttp", "pak_police"),
    ],
)
def test_events_victims_are_targets_and_passive_by_is_agent(
    sentence: str, agent: str | None, target: str
) -> None:
    (event,) = run(sentence).events
    assert event.actors.get("agent", [None])[0] == agent
    assert target in event.actors["target"]


@pytest.mark.parametrize(
    "sentence,event_type,agent,said_by",
    [
        ("The government blamed the TTP for the attack on the checkpoint.", "attack", ["ttp"], "pak_gov"),
        ("Police accused the BLA of the bombing in Quetta.", "bombing", ["bla"], "pak_police"),
        ("The army holds the TTP responsible for the shelling of the village.", "airstrike", ["ttp"], None),
        ("Officials blamed the TTP and Jamaat-ul-Ahrar for the suicide bombing.", "bombing",
         ["ttp", "jamaat_ul_ahrar"], None),
        ("The blast was blamed on the TTP.", "bombing", ["ttp"], None),
    ],
)  # fmt: skip
def test_events_blame_makes_the_accused_the_agent_of_a_claim(
    sentence: str, event_type: str, agent: list[str], said_by: str | None
) -> None:
    event = one(sentence, event_type)
    assert event.actors.get("agent") == agent
    assert event.modality == "claimed"
    if said_by is not None:
        assert event.said_by == said_by
    assert not set(agent) & set(event.actors.get("target", []))
