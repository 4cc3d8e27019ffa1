"""Third parties of a truce (``events/roles/third_parties.py``): mediators, guarantors and monitors are
named by the phrases around them and are never sides. Invented sentences."""

from __future__ import annotations

import pytest

from ceasefire.linking.ceasefires import build_registry
from tests.event_helpers import of_type, run


def _truce(sentence: str) -> dict[str, list[str]]:
    (event,) = [e for e in run(sentence).events if e.type.startswith("ceasefire_")]
    return event.actors


@pytest.mark.parametrize(
    "sentence,role,named",
    [
        # a noun phrase's opening (determiner, nationality, title) may stand between phrase and name
        (
            "The TTP and the Pakistani government agreed a truce at talks mediated by the Afghan Interior "
            "Minister Sirajuddin Haqqani.",
            "mediator",
            ["sirajuddin_haqqani"],
        ),
        # a truce made at an outsider's call, or under its auspices, was brokered by it
        ("The TTP declared a truce with the government at the call of the Afghan Taliban.", "mediator",
         ["afg_taliban"]),
        ("The TTP and the government agreed a ceasefire under the auspices of the United Nations.",
         "mediator", ["un"]),
        # guarantors, before or after the name, coordinated names sharing the role
        ("The TTP and the government signed a truce guaranteed by the United Nations.", "guarantor", ["un"]),
        ("The TTP and the government signed a truce, with the United Nations and the African Union as "
         "guarantors.", "guarantor", ["un", "african_union"]),
        # monitors
        ("The TTP and the government agreed a truce to be monitored by the African Union.", "monitor",
         ["african_union"]),
        ("The TTP and the government agreed a truce that the United Nations will monitor.", "monitor",
         ["un"]),
    ],
)  # fmt: skip
def test_third_parties_named_by_their_phrases(sentence: str, role: str, named: list[str]) -> None:
    actors = _truce(sentence)
    assert actors.get(role) == named
    sides = {*actors.get("agent", []), *actors.get("target", [])}
    assert sides.isdisjoint(named), "a third party is never a side"


def test_third_parties_a_guarantor_is_not_a_mediator() -> None:
    actors = _truce("The TTP and the government signed a truce guaranteed by the United Nations.")
    assert "mediator" not in actors


def test_third_parties_monitoring_outside_a_truce_names_no_monitor() -> None:
    """A watchdog that "monitors the war" reports violence; it watches over no truce."""
    (attack,) = of_type(
        "The Kestrel Observatory, which monitors the war, said the TTP killed 12 soldiers in Bannu.", "attack"
    )
    assert "monitor" not in attack.actors


def test_third_parties_registry_keeps_guarantors_and_monitors_apart() -> None:
    extraction = run(
        "The TTP and the Pakistani government signed a ceasefire on 3 November 2021, with the United Nations "
        "as guarantor, to be monitored by the African Union."
    )
    (episode,) = build_registry(extraction.events)
    assert episode.guarantors == ["un"] and episode.monitors == ["african_union"]
    assert episode.mediators == [] and set(episode.parties) == {"ttp", "pak_gov"}
