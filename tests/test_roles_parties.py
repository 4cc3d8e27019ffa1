"""Implicit parties: the other side of a one-sided truce (events/roles/parties.py), on invented text."""

from __future__ import annotations

import pytest

from ceasefire.events.roles.parties import Side, plain_counterpart
from tests.event_helpers import one

SIDES = {
    "gov_a": Side("state", "AAA"),
    "army_a": Side("state_force", "AAA", "gov_a"),
    "police_a": Side("state_force", "AAA", "army_a"),
    "front_a": Side("armed_group", "AAA"),
    "wing_a": Side("armed_group", "AAA", "front_a"),
    "front_b": Side("armed_group", "BBB"),
    "front_c": Side("armed_group", "AAA"),
    "gov_b": Side("state", "BBB"),
    "un": Side("igo", None),
    "person": Side("person", "AAA"),
}


def sides(*ids: str) -> dict[str, Side]:
    return {i: SIDES[i] for i in ids}


@pytest.mark.parametrize(
    "named,present,counterpart",
    [
        # a rebel group's truce is with its own country's government
        (["front_a"], ("front_a", "gov_a", "gov_b", "un"), "gov_a"),
        # named through its forces, the government stands for them when the report names it
        (["front_a"], ("front_a", "army_a", "police_a", "gov_a"), "gov_a"),
        (["front_a"], ("front_a", "army_a"), "army_a"),
        # a government's truce is with the one armed group of its country the report names
        (["gov_a"], ("gov_a", "front_a", "front_b"), "front_a"),
        (["army_a"], ("army_a", "gov_a", "front_a"), "front_a"),
        # a wing stands for its group
        (["gov_a"], ("gov_a", "front_a", "wing_a"), "front_a"),
    ],
)
def test_parties_counterpart_when_plain(named: list[str], present: tuple[str, ...], counterpart: str) -> None:
    assert plain_counterpart(named, sides(*present)) == counterpart


@pytest.mark.parametrize(
    "named,present",
    [
        # two groups of the country: which one the government's truce is with is not plain
        (["gov_a"], ("gov_a", "front_a", "front_c", "wing_a")),
        # the report names no one on the other side
        (["front_a"], ("front_a", "gov_b", "un")),
        # a side of no camp (a person, an international body)
        (["un"], ("un", "gov_a", "front_a")),
        (["person"], ("person", "gov_a", "front_a")),
        # both sides already named, or sides of two camps
        (["front_a", "gov_a"], ("front_a", "gov_a")),
        ([], ("front_a", "gov_a")),
    ],
)
def test_parties_no_counterpart_unless_plain(named: list[str], present: tuple[str, ...]) -> None:
    assert plain_counterpart(named, sides(*present)) is None


@pytest.mark.parametrize(
    "text,event_type,agent,target",
    [
        (
            "FARC rebels declared a unilateral ceasefire on Monday. The Colombian government welcomed it.",
            "ceasefire_declare",
            ["farc"],
            ["gov_col"],
        ),
        (
            "The Ethiopian government declared a ceasefire in Tigray. The TPLF said it would fight on.",
            "ceasefire_declare",
            ["gov_eth"],
            ["tplf"],
        ),
    ],
)
def test_parties_extraction_fills_the_counterpart(
    text: str, event_type: str, agent: list[str], target: list[str]
) -> None:
    event = one(text, event_type)
    assert event.actors.get("agent") == agent and event.actors.get("target") == target
    assert event.attributes["counterpart"] == "context"


def test_parties_extraction_leaves_an_unknown_counterpart_unknown() -> None:
    event = one("FARC rebels declared a unilateral ceasefire on Monday.", "ceasefire_declare")
    assert event.actors.get("target") is None and "counterpart" not in event.attributes
