"""Actors: registry aliases, context rules, people outside the registry and short forms."""

from __future__ import annotations

import pytest

from ceasefire.nlp.pipeline import make_nlp
from ceasefire.resolve.actors import build_actors, find_actors, load_registry, load_rules


def resolved(text: str) -> list[tuple[str, str]]:
    """(text as written, actor id) of every mention."""
    doc = make_nlp()(text)
    return [(doc[m.start : m.end].text, m.actor) for m in find_actors(doc).mentions]


def ids(text: str) -> set[str]:
    return {actor for _, actor in resolved(text)}


@pytest.mark.parametrize(
    "name",
    [
        "Tehreek-e-Taliban Pakistan",
        "Tehreek-i-Taliban Pakistan",
        "Tahreek-e-Taliban Pakistan",
        "Tehrik-i-Taliban Pakistan",
        "Tehreek e Taliban Pakistan",
        "tehreek-e-taliban pakistan",
        "TTP",
        "Pakistani Taliban",
    ],
)
def test_actors_ttp_spelling_variants(name: str) -> None:
    assert resolved(f"Residents blamed the {name} for the raid.") == [(name, "ttp")]


@pytest.mark.parametrize(
    "sentence,absent",
    [
        ("Tell us what happened, the villagers asked.", "united_states"),
        ("At dawn the convoy left Bannu.", "dawn"),
        ("The let-down was obvious.", "lashkar_e_taiba"),
    ],
)
def test_actors_acronyms_and_single_words_are_case_sensitive(sentence: str, absent: str) -> None:
    assert absent not in ids(sentence)


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Sirajuddin Haqqani met the delegation.", [("Sirajuddin Haqqani", "sirajuddin_haqqani")]),
        ("The Haqqani network denied involvement.", [("Haqqani network", "haqqani_network")]),
        ("ISKP claimed the blast, Reuters reported.", [("ISKP", "iskp"), ("Reuters", "reuters")]),
    ],
)
def test_actors_longest_match_wins(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert resolved(sentence) == expected


@pytest.mark.parametrize(
    "sentence,phrase,actor",
    [
        (
            "Security forces killed four militants in Bannu, Pakistan's army said.",
            "Security forces",
            "pak_military",
        ),
        ("In Quetta, Pakistan, troops cordoned off the area.", "troops", "pak_military"),
        ("The Pakistani government said the military would respond.", "military", "pak_military"),
        ("Islamabad refused to release the prisoners, Pakistani officials said.", "Islamabad", "pak_gov"),
        ("In Lahore, Pakistan, the government announced a curfew.", "government", "pak_gov"),
        ("Indian troops fired across the Line of Control.", "Indian troops", "indian_army"),
        ("Pakistan’s government rejected the offer.", "Pakistan’s government", "pak_gov"),
    ],
)
def test_actors_generic_descriptions_resolve_by_country(sentence: str, phrase: str, actor: str) -> None:
    assert (phrase, actor) in resolved(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["The military operation in Bajaur entered its second week, Pakistani officials said."],
)
def test_actors_military_as_modifier_is_not_an_actor(sentence: str) -> None:
    assert ("military", "pak_military") not in resolved(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Thousands of people gathered in Islamabad on Friday.", "He flew to Islamabad to meet the envoy."],
)
def test_actors_capital_as_place_is_not_the_government(sentence: str) -> None:
    assert "pak_gov" not in ids(sentence)


@pytest.mark.parametrize(
    "text,expected",
    [
        # a story about Pakistan's Taliban
        ("The TTP attacked a post in Swat. The Taliban later claimed the attack.", "ttp"),
        ("Militants struck in Peshawar, Pakistan. The Taliban said they would fight on.", "ttp"),
        # Kabul's government, the Islamic Emirate, is meant
        ("The TTP ended its truce. The Taliban in Kabul urged restraint.", "afg_taliban"),
        ("The Taliban, who run Afghanistan's interim government, hosted the meeting.", "afg_taliban"),
    ],
)
def test_actors_bare_taliban_resolved_by_context(text: str, expected: str) -> None:
    taliban = [actor for written, actor in resolved(text) if written == "Taliban"]
    assert taliban and set(taliban) == {expected}


@pytest.mark.parametrize(
    "text,name,actor",
    [
        ("Maulvi Abdul Rashid said the jirga would meet again.", "Abdul Rashid", "person:abdul-rashid"),
        ("Lt General Asad Durrani led the delegation.", "Asad Durrani", "person:asad-durrani"),
        ("Ayesha Siddiqa, a defence analyst, doubted the deal.", "Ayesha Siddiqa", "person:ayesha-siddiqa"),
        ("According to Imtiaz Gul, the group is split.", "Imtiaz Gul", "person:imtiaz-gul"),
        ("Prime Minister Imran Khan welcomed the talks.", "Imran Khan", "imran_khan"),
        ("Lt Gen Faiz Hamed attended the talks.", "Faiz Hamed", "faiz_hameed"),
    ],
)
def test_actors_people_introduced_by_title_apposition_or_attribution(
    text: str, name: str, actor: str
) -> None:
    assert (name, actor) in resolved(text)


@pytest.mark.parametrize(
    "text,surname,actor",
    [
        (
            "Ayesha Siddiqa, a defence analyst, doubted the deal. Siddiqa said it would not last.",
            "Siddiqa",
            "person:ayesha-siddiqa",
        ),
        ("Nawaz Sharif announced the talks. Later, Mr. Sharif met the committee.", "Sharif", "nawaz_sharif"),
    ],
)
def test_actors_surname_resolves_to_person_named_in_full(text: str, surname: str, actor: str) -> None:
    assert (surname, actor) in resolved(text)


@pytest.mark.parametrize(
    "text", ["Siddiqa said it would not last. Ayesha Siddiqa, a defence analyst, agreed."]
)
def test_actors_surname_before_full_name_is_not_resolved(text: str) -> None:
    first = resolved(text)[0]
    assert first != ("Siddiqa", "person:ayesha-siddiqa")


@pytest.mark.parametrize(
    "text", ["The TTP and the Afghan Taliban met in Kabul. The TTP said talks would go on."]
)
def test_actors_build_one_record_per_actor_with_mentions(text: str) -> None:
    doc = make_nlp()(text)
    actors = build_actors(find_actors(doc), doc, "d1")
    ttp = next(a for a in actors if a.id == "ttp")
    assert ttp.name == "Tehreek-e-Taliban Pakistan" and ttp.kind == "armed_group" and ttp.country == "PAK"
    assert [m.text for m in ttp.mentions] == ["TTP", "TTP"]
    assert all(text[m.start : m.end] == m.text and m.doc == "d1" for a in actors for m in a.mentions)


@pytest.mark.parametrize("minimum", [60])
def test_actors_registry_is_consistent(minimum: int) -> None:
    registry = load_registry()
    assert len(registry) >= minimum
    owners: dict[str, str] = {}
    for record in registry.values():
        assert record.parent is None or record.parent in registry
        for alias in (record.name, *record.aliases):
            assert owners.setdefault(alias, record.id) == record.id, f"{alias!r} names two actors"
    rules = load_rules()
    for country in rules.countries:
        assert all(actor in registry for actor in country.roles.values())
    for rule in rules.ambiguous:
        assert rule.default in registry and set(rule.by_country.values()) <= set(registry)
