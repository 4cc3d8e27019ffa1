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


# ACLED's codebook distinctions (invented notes; places and groups are made up).
@pytest.mark.parametrize(
    "snippet,sub_event_type",
    [
        # Protests and Riots: a demonstration, and how it went
        ("About 500 teachers marched through Corvel to demand higher salaries.", "Peaceful protest"),
        (
            "Nurses rallied in Tobo against a clinic closure; riot police watched but did not intervene.",
            "Peaceful protest",
        ),
        ("Hundreds of lawyers rallied in Ulma against the killing of a colleague.", "Peaceful protest"),
        ("Police detained 40 people at an anti-war rally in Marovo.", "Protest with intervention"),
        (
            "Police beat protesters with batons during a sit-in in Hallo; no one was seriously injured.",
            "Protest with intervention",
        ),
        ("Police shot and killed two people during a march in Ansa.", "Excessive force against protesters"),
        (
            "A man threw a grenade into a peaceful sit-in in Dorvo; one protester was hospitalised.",
            "Excessive force against protesters",
        ),
        (
            "Protesters hurled stones at police and burned tyres on the main road of Nenna.",
            "Violent demonstration",
        ),
        (
            "Residents of Lera blocked the highway with burning tyres to protest power cuts.",
            "Violent demonstration",
        ),
        ("A mob beat a suspected thief to death in the market of Ubor.", "Mob violence"),
        (
            "A crowd attacked and burned the house of a man accused of witchcraft in Roma village.",
            "Mob violence",
        ),
        ("Gunmen killed 5 residents of Teku village.", "Attack"),
        # Battles: two organised armed sides
        ("Militiamen ambushed an army patrol outside Benzo, killing four soldiers.", "Armed clash"),
        ("Unidentified assailants shot dead a local councillor outside his home in Minto.", "Attack"),
        (
            "A roadside bomb hit a convoy near Sarko; militants then opened fire and the troops fought back.",
            "Armed clash",
        ),
        # an attack on forces on duty is a clash even when they do not fire back; a thrown grenade is not
        ("Gunmen fired on a police post in Vira and fled; the officers did not return fire.", "Armed clash"),
        (
            "Militants hurled a grenade at a patrol in Vira and fled; there was no exchange of fire.",
            "Grenade",
        ),
        (
            "Government troops retook the market town of Velo from insurgents on Tuesday.",
            "Government regains territory",
        ),
        (
            "Insurgents seized the district headquarters of Tarno after a fierce gun battle with police.",
            "Non-state actor overtakes territory",
        ),
        (
            "The Ravi Front recaptured Olla from the army after a week of fighting.",
            "Non-state actor overtakes territory",
        ),
        ("Rebels entered Piro unopposed after the garrison withdrew.", "Non-violent transfer of territory"),
        (
            "Taliban insurgents captured the district centre of Moor after government forces fled.",
            "Non-violent transfer of territory",
        ),
        # Explosions/Remote violence
        (
            "Government aircraft dropped bombs that released chlorine over Ostra, leaving dozens choking.",
            "Chemical weapon",
        ),
        (
            "The rebels launched missiles and explosive-laden drones at a fuel depot in Kessa.",
            "Air/drone strike",
        ),
        (
            "Soldiers shot down an army helicopter with a missile near Amba, killing its crew.",
            "Shelling/artillery/missile attack",
        ),
        ("Air defences intercepted two drones over the capital, officials said.", "Disrupted weapons use"),
        ("A shepherd was killed when he stepped on a landmine near Holt.", "Remote explosive/landmine/IED"),
        ("A man threw an improvised explosive device at a checkpoint in Surra, wounding a guard.", "Grenade"),
        ("A man wearing an explosive belt blew himself up at a police gate in Lodo.", "Suicide bomb"),
        (
            "Unknown persons threw petrol bombs at a party office in Kiru at night; no one was hurt.",
            "Looting/property destruction",
        ),
        # Violence against civilians
        ("Bandits kidnapped and later killed two aid workers near Tumba.", "Attack"),
        ("Police beat a man detained for theft in Oro; he died in custody.", "Attack"),
        (
            "Men in plain clothes took away an activist from his home in Urru; his whereabouts are unknown.",
            "Abduction/forced disappearance",
        ),
        (
            "Militants 'arrested' three traders in Boli and took them to an unknown location.",
            "Abduction/forced disappearance",
        ),
        # Strategic developments
        ("Forty rebels surrendered to the army in Kesso, handing over their weapons.", "Agreement"),
        ("The government and the rebels held a second round of talks in Lusa.", "Agreement"),
        ("Police raided a house in Dovo and arrested five members of a banned group.", "Arrests"),
        (
            "Police raided a flat in Tiro and arrested organisers who were preparing a protest for Friday.",
            "Arrests",
        ),
        ("The army deployed additional troops to the northern border region.", "Change to group/activity"),
        ("The military imposed a dusk-to-dawn curfew in Ridda after clashes.", "Change to group/activity"),
        ("Troops discovered a large arms cache in a cave near Voss.", "Disrupted weapons use"),
        (
            "Two militants were killed when the bomb they were assembling exploded prematurely in Kito.",
            "Disrupted weapons use",
        ),
        (
            "The rebels established a new headquarters in the town of Amar.",
            "Headquarters or base established",
        ),
        (
            "Bandits rustled 300 cattle from herders near Sumo without harming anyone.",
            "Looting/property destruction",
        ),
        ("Army officers seized power in Valen and suspended the constitution.", "Other"),
        ("A mass grave containing 30 bodies was discovered near Ilva.", "Other"),
        ("Thousands of residents fled Morta a day after fighting between two militias.", "Other"),
    ],
)
def test_classify_acled_codebook_distinctions(snippet: str, sub_event_type: str) -> None:
    assert classify(snippet)["acled_sub_event_type"] == sub_event_type


@pytest.mark.parametrize(
    "snippet,sub_event_type",
    [
        # the clause after "after" tells what led up to the note's event, not the event itself ...
        (
            "The army deployed 900 soldiers to Kaldo ahead of an offensive against the rebels.",
            "Change to group/activity",
        ),
        # a place taken "after clashes" was taken by fighting
        (
            "Rebels took control of Batta after clashes with gendarmes, who retreated.",
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_classify_background_clause(snippet: str, sub_event_type: str) -> None:
    assert classify(snippet)["acled_sub_event_type"] == sub_event_type


def test_classify_after_which_is_foreground() -> None:
    # "after which" tells what came next: the attack is the note's event, not the flight before it
    assert classify("Residents fled Tuma, after which gunmen attacked the town.")["type"] == "attack"
    assert classify("Residents fled Tuma after gunmen attacked the town.")["acled_sub_event_type"] == "Other"
