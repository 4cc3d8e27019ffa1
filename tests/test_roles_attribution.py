"""Roles, attribution (``events/roles/attribution.py``): whose claim a sentence reports.

Every sentence is invented; each states a general pattern of news English.
"""

from __future__ import annotations

import pytest

from tests.event_helpers import one


@pytest.mark.parametrize(
    "sentence,event_type",
    [
        ("The TTP announced the end of the ceasefire.", "ceasefire_end"),
        ("The TTP announced an extension of the truce by a month.", "ceasefire_extend"),
        ("The TTP declared an end to its ceasefire with the government.", "ceasefire_end"),
    ],
)
def test_events_a_side_announcing_its_truce_act_is_the_agent(sentence: str, event_type: str) -> None:
    # announcing it is the act: the announcer is the agent and the event no claim about another side
    event = one(sentence, event_type)
    assert event.actors.get("agent") == ["ttp"] and event.modality == "asserted"


def test_events_a_side_reporting_another_sides_breach_still_claims_it() -> None:
    event = one("The army announced that the TTP had violated the ceasefire.", "ceasefire_violate")
    assert event.actors.get("agent") == ["ttp"] and event.modality == "claimed"


@pytest.mark.parametrize(
    "sentence,event_type,said_by",
    [
        ("According to PIPS, the TTP carried out 30 attacks in 2020.", "violence_summary", "pips"),
        ("Imran Khan said the army launched airstrikes on the hideouts.", "airstrike", "imran_khan"),
    ],
)
def test_events_said_by_is_the_source_not_the_agent(sentence: str, event_type: str, said_by: str) -> None:
    event = one(sentence, event_type)
    assert event.said_by == said_by
    assert said_by not in event.actors.get("agent", [])


@pytest.mark.parametrize(
    "sentence,event_type,agent,said_by,modality",
    [
        # one side speaking of what the other did: its claim; the speaker is not the agent
        (
            "Pakistan said Indian troops violated the ceasefire.",
            "ceasefire_violate",
            "indian_army",
            "pak_gov",
            "claimed",
        ),
        (
            "The TTP says security forces attacked its fighters in Bannu.",
            "attack",
            "pak_military",
            "ttp",
            "claimed",
        ),
        # a side speaking of its own act announces it
        (
            "The TTP said it had extended the ceasefire by another month.",
            "ceasefire_extend",
            "ttp",
            "ttp",
            "asserted",
        ),
        # the verb of the event is no source of it
        ("The TTP declared a three-day truce for Eid.", "ceasefire_declare", "ttp", None, "asserted"),
    ],
)
def test_events_x_says_y_did_z(
    sentence: str, event_type: str, agent: str, said_by: str | None, modality: str
) -> None:
    event = one(sentence, event_type)
    assert event.actors.get("agent") == [agent]
    assert (event.said_by, event.modality) == (said_by, modality)
