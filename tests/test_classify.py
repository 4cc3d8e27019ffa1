"""``ceasefire classify``: our event type and ACLED's types for a snippet, fast."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ceasefire.events.classify import classify, classify_many

REPO = Path(__file__).resolve().parents[1]
HEADLINES = REPO / "examples" / "ucdp-ged-pakistan.jsonl"
RATE = 2000  # snippets per second the command must reach on the sample headlines


@pytest.mark.parametrize(
    "snippet,acled",
    [
        ("Militants clashed with security forces in North Waziristan.", ("Battles", "Armed clash")),
        (
            "Troops recaptured the town of Mir Ali from militants.",
            ("Battles", "Government regains territory"),
        ),
        (
            "Taliban fighters overran a district centre in Kunduz.",
            ("Battles", "Non-state actor overtakes territory"),
        ),
        (
            "Rebels used chlorine gas in an attack on the village.",
            ("Explosions/Remote violence", "Chemical weapon"),
        ),
        (
            "A US drone strike killed four militants in North Waziristan.",
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        ("A suicide bomber killed 12 soldiers in Bannu.", ("Explosions/Remote violence", "Suicide bomb")),
        (
            "Indian shelling hit a village in Azad Kashmir.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            "A roadside bomb hit an army vehicle in Kech.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        ("A grenade attack on a shop wounded four in Quetta.", ("Explosions/Remote violence", "Grenade")),
        (
            "Soldiers raped two women during a raid in the village.",
            ("Violence against civilians", "Sexual violence"),
        ),
        ("Gunmen opened fire on a bus carrying passengers.", ("Violence against civilians", "Attack")),
        (
            "Militants abducted five engineers near Gwadar.",
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        ("Hundreds of people protested in Quetta against the killings.", ("Protests", "Peaceful protest")),
        (
            "Police fired tear gas to disperse protesters in Karachi.",
            ("Protests", "Protest with intervention"),
        ),
        ("Police shot dead three protesters in Karachi.", ("Protests", "Excessive force against protesters")),
        ("Protesters torched vehicles and pelted police with stones.", ("Riots", "Violent demonstration")),
        ("A mob lynched a man accused of blasphemy in Sialkot.", ("Riots", "Mob violence")),
        ("The TTP and the government agreed a ceasefire.", ("Strategic developments", "Agreement")),
        ("Police arrested 40 suspects in Lahore.", ("Strategic developments", "Arrests")),
        (
            "Two militant factions merged and named a new chief.",
            ("Strategic developments", "Change to group/activity"),
        ),
        ("Police foiled a terrorist attack in Karachi.", ("Strategic developments", "Disrupted weapons use")),
        (
            "The group set up a base in the mountains of Kunar.",
            ("Strategic developments", "Headquarters or base established"),
        ),
        (
            "Militants looted shops and set fire to a market.",
            ("Strategic developments", "Looting/property destruction"),
        ),
        (
            "The army handed over control of the district to civil authorities.",
            ("Strategic developments", "Non-violent transfer of territory"),
        ),
        ("The TTP called for a ceasefire during Ramadan.", ("Strategic developments", "Other")),
    ],
)
def test_classify_every_acled_sub_event_type(snippet: str, acled: tuple[str, str]) -> None:
    result = classify(snippet)
    assert (result["acled_event_type"], result["acled_sub_event_type"]) == acled


@pytest.mark.parametrize(
    "snippet,expected",
    [
        ("PAKISTAN SAYS INDIA BREAKS KASHMIR CEASEFIRE.", ("ceasefire_violate", "asserted")),
        ("Fifteen people killed in two separate drone attacks in Waziristan", ("attack", "asserted")),
        ("The TTP may declare a ceasefire before Eid.", ("ceasefire_declare", "hypothetical")),
        ("Cricket scores from Lahore.", (None, None)),
        ("", (None, None)),
    ],
)
def test_classify_type_and_modality(snippet: str, expected: tuple[str | None, str | None]) -> None:
    result = classify(snippet)
    assert (result["type"], result["modality"]) == expected
    assert set(result) == {"type", "acled_event_type", "acled_sub_event_type", "modality"}


@pytest.mark.parametrize("batch_size", [1, 7, 512])
def test_classify_batched_equals_one_by_one(batch_size: int) -> None:
    snippets = [json.loads(line)["text"] for line in HEADLINES.read_text(encoding="utf-8").splitlines()[:200]]
    assert list(classify_many(snippets, batch_size=batch_size)) == [classify(s) for s in snippets]


@pytest.mark.parametrize(
    "lines,expected",
    [
        (
            "A suicide bomber killed 12 soldiers in Bannu.\n\nPolice foiled a terrorist attack in Karachi.\n",
            [
                ("bombing", "Suicide bomb"),
                (None, None),
                ("attack", "Disrupted weapons use"),
            ],
        )
    ],
)
def test_classify_cli_one_json_object_per_line(
    lines: str, expected: list[tuple[str | None, str | None]]
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ceasefire.cli.main", "classify"],
        input=lines,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["type"], r["acled_sub_event_type"]) for r in rows] == expected
