"""Roles, modality (``events/roles/modality.py``): asserted, claimed, denied, hypothetical.

Every sentence is invented; each states a general pattern of news English.
"""

from __future__ import annotations

import pytest

from tests.event_helpers import of_type, one, run


@pytest.mark.parametrize(
    "sentence",
    ["The TTP distanced itself from the bombing in Peshawar.", "The TTP disowned the attack on the school."],
)
def test_events_disowning_an_attack_denies_it(sentence: str) -> None:
    assert {e.modality for e in run(sentence).events} == {"denied"}


@pytest.mark.parametrize(
    "sentence,event_type,modality",
    [
        ("The TTP declared a ceasefire.", "ceasefire_declare", "asserted"),
        ("The militants have not attacked the convoy.", "attack", "negated"),
        ("The TTP may declare a ceasefire before Eid.", "ceasefire_declare", "hypothetical"),
        ("The TTP will declare a ceasefire next week.", "ceasefire_declare", "planned"),
        ("The TTP claimed that troops had violated the truce.", "ceasefire_violate", "claimed"),
        ("The army denied that it had shelled the village.", "airstrike", "denied"),
        ("According to local officials, militants attacked a checkpoint.", "attack", "reported"),
        ("The TTP reportedly executed two hostages.", "execution", "reported"),
        ("Nawaz Sharif announced that he would start talks with the TTP.", "talks_propose", "planned"),
        # a failure negates what did not happen, not an attack that was tried
        (
            "The TTP ended the truce, accusing the government of failing to release prisoners.",
            "prisoner_release",
            "negated",
        ),
        ("Militants failed to storm the base in Bannu.", "attack", "asserted"),
        # a belief about a truce is no truce; a belief about who bombed leaves the bombing
        (
            "Officials believe that the TTP halted attacks ahead of the polls.",
            "ceasefire_declare",
            "hypothetical",
        ),
        ("It is believed that the TTP carried out the bombing.", "bombing", "asserted"),
        ("Militants believed to be from the TTP attacked a checkpoint.", "attack", "asserted"),
        # the month is no modal
        ("A truce agreed in May was violated on Monday.", "ceasefire_violate", "asserted"),
        ("May was the deadliest month as militants attacked police posts.", "attack", "asserted"),
        # a noun trigger takes the modality of its own verb after it
        ("Officials said talks with the TTP could resume if it disarmed.", "talks_hold", "hypothetical"),
        ("Talks between the two sides will be held in Kabul next week.", "talks_hold", "planned"),
        ("Talks with the TTP will not resume, the minister said.", "talks_hold", "negated"),
        ("Talks with the TTP were held in Kabul, where officials may meet again.", "talks_hold", "asserted"),
        ("The ceasefire announced by the TTP on Monday would last a month.", "ceasefire_declare", "asserted"),
    ],
)
def test_events_modality(sentence: str, event_type: str, modality: str) -> None:
    assert one(sentence, event_type).modality == modality


@pytest.mark.parametrize(
    "sentence,event_type,modality,said_by",
    [
        # "denied" scopes into its complement, and the denier is the source
        ("The TTP denied reports that it had agreed to a ceasefire.", "ceasefire_agree", "denied", "ttp"),
        # a modal inside a relative clause does not reach the main clause
        ("The TTP, which may split into factions, attacked a police post.", "attack", "asserted", None),
        # generic or habitual statements are no asserted event
        (
            "The Taliban has used this tactic against military forces in Afghanistan, calling for ceasefires "
            "only to gain time to resupply.",
            "ceasefire_offer",
            "hypothetical",
            None,
        ),
        (
            "Indian troops routinely violate the ceasefire along the border.",
            "ceasefire_violate",
            "hypothetical",
            None,
        ),
        # ordered or vowed attacks have not happened
        (
            "The TTP chief ordered his fighters to carry out attacks across the country.",
            "attack",
            "planned",
            None,
        ),
        # a verification caveat anywhere in the sentence makes it a claim
        (
            "Militants said they attacked a checkpoint in Bannu, but the claim could not be "
            "independently verified.",
            "attack",
            "claimed",
            None,
        ),
    ],
)
def test_events_modality_scope_and_source(
    sentence: str, event_type: str, modality: str, said_by: str | None
) -> None:
    event = one(sentence, event_type)
    assert (event.modality, event.said_by) == (modality, said_by)


@pytest.mark.parametrize("headline", ["Pakistan says India breaks Kashmir ceasefire."])
def test_events_headline_claim_is_not_the_speakers_act(headline: str) -> None:
    event = one(headline, "ceasefire_violate")
    assert (event.said_by, event.modality) == ("pak_gov", "claimed")
    assert "pak_gov" not in event.actors.get("agent", [])


@pytest.mark.parametrize(
    "text,event_type,denied_by",
    [
        ("Police accused the BLA of the bombing, a charge the group denied.", "bombing", ["bla"]),
        ("The government blamed the TTP for the attack. The TTP denied involvement.", "attack", ["ttp"]),
        (
            "Police held the BLA responsible for the attack on a bus. The group denied any involvement.",
            "attack",
            ["bla"],
        ),
        (
            "The army blamed the TTP for the blast. The group has rejected the allegations.",
            "bombing",
            ["ttp"],
        ),
    ],
)
def test_events_denial_keeps_the_claim_and_records_the_denier(
    text: str, event_type: str, denied_by: list[str]
) -> None:
    claimed = [e for e in of_type(text, event_type) if e.modality == "claimed"]
    assert len(claimed) == 1
    assert claimed[0].actors.get("agent") == denied_by
    assert claimed[0].attributes.get("denied_by") == denied_by


@pytest.mark.parametrize(
    "text,agent,target",
    [
        # violence a side says it will or may do is a threat it makes, asserted: it was made
        ('"We will attack the enemy anywhere and anytime," said Ilan Voss, a Delta Front commander.',
         ["person:ilan-voss"], []),
        # the speaker threatens; the side the threatened act names is whom it is aimed at
        ("The Pakistani army said it would retaliate against any attack by the TTP.",
         ["pak_military"], ["ttp"]),
    ],
)  # fmt: skip
def test_modality_violence_to_come_in_speech_is_a_threat(
    text: str, agent: list[str], target: list[str]
) -> None:
    threat = one(text, "threat")
    assert threat.modality == "asserted"
    assert (threat.actors.get("agent", []), threat.actors.get("target", [])) == (agent, target)


@pytest.mark.parametrize(
    "text,event_type,modality",
    [
        # done, or said to be done: no threat
        ("The TTP attacked a checkpoint on Monday, police said.", "attack", "reported"),
        ("The TTP said it had attacked a checkpoint on Monday.", "attack", "asserted"),
        # to come, but nobody says so: a plan, not a threat
        ("The army will launch an offensive in the valley next week.", "military_operation", "planned"),
    ],
)
def test_modality_no_threat_without_a_speaker_of_violence_to_come(
    text: str, event_type: str, modality: str
) -> None:
    assert one(text, event_type).modality == modality


@pytest.mark.parametrize(
    "sentence,modality",
    [
        # a truce whose start is set was agreed: the future tells when it begins
        ("The ceasefire between the TTP and the government will take effect at midnight.", "asserted"),
        ("The truce between the army and the TTP is expected to begin on Monday.", "asserted"),
        ("The TTP truce will come into force on Friday.", "asserted"),
        # a truce whose holding is hoped for, or whose start hangs on a condition, is not
        ("The ceasefire between the TTP and the government will hold.", "planned"),
    ],
)
def test_modality_a_truce_set_to_begin_is_agreed(sentence: str, modality: str) -> None:
    events = [e for e in run(sentence).events if e.type.startswith("ceasefire_")]
    assert events and {e.modality for e in events} == {modality}
