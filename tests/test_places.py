"""Places: the generated GeoNames gazetteer, its curated and historical layers, and ambiguity rules."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from ceasefire.entities.gazetteer import COLUMNS
from ceasefire.entities.places import (
    PRECISION,
    build_places,
    find_places,
    former_region,
    load_gazetteer,
    lookup,
    most_specific,
)
from ceasefire.nlp.lexicons import load_yaml
from ceasefire.nlp.pipeline import make_nlp

REPO = Path(__file__).resolve().parents[1]
GENERATED = REPO / "src/ceasefire/data/places/geonames.tsv.gz"
BUILD = REPO / "scripts/build_gazetteer.py"


def found(text: str) -> list[tuple[str, str, str, str | None]]:
    """(text as written, place name, kind, country) of every place mention."""
    doc = make_nlp()(text)
    records = load_gazetteer().records
    return [
        (doc[m.start : m.end].text, records[m.place].name, records[m.place].kind, records[m.place].country)
        for m in find_places(doc)
    ]


def names(text: str) -> list[str]:
    return [name for _, name, _, _ in found(text)]


# ----------------------------------------------------------------------------- data


def generated_text(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def generated_rows() -> list[dict[str, str]]:
    lines = [line for line in generated_text(GENERATED).splitlines() if not line.startswith("#")]
    return [dict(zip(COLUMNS, line.split("\t"), strict=True)) for line in lines]


def test_places_generated_file_matches_rebuild(tmp_path: Path) -> None:
    out = tmp_path / "geonames.tsv.gz"
    subprocess.run([sys.executable, str(BUILD), str(out)], check=True, capture_output=True, text=True)
    assert generated_text(out) == generated_text(GENERATED), "run `make gazetteer`"


@pytest.mark.parametrize("country", ["PAK", "AFG", "IND", "SYR", "COL", "USA"])
def test_places_generated_entries_are_complete(country: str) -> None:
    rows = generated_rows()
    mine = [r for r in rows if r["country"] == country]
    assert {r["kind"] for r in mine} == {"country", "admin1", "admin2", "city"}
    by_id = {r["id"]: r for r in rows}
    for row in mine:
        assert row["id"].isdigit() and row["name"].isascii(), row
        assert row["kind"] in {"country", "admin1"} or by_id[row["in"]]["country"] == country, row
    assert len(by_id) == len(rows)


def test_places_every_country_is_a_place() -> None:
    countries = [r for r in generated_rows() if r["kind"] == "country"]
    assert len(countries) >= 240
    assert all(lookup(r["name"])[0].kind == "country" for r in countries if len(lookup(r["name"])) == 1)


def test_places_curated_and_historical_references_exist() -> None:
    records = load_gazetteer().records
    curated = load_yaml("places", "curated.yaml")
    history = load_yaml("places", "historical.yaml")
    refs = [row["in"] for row in curated["places"] if "in" in row] + [row["id"] for row in curated["amend"]]
    refs += [unit["now"] for group in history["former_units"].values() for unit in group]
    refs += [
        unit["region"] for group in history["former_units"].values() for unit in group if "region" in unit
    ]
    assert [ref for ref in refs if ref not in records] == []


@pytest.mark.parametrize("kind,code", [("city", 1), ("admin2", 3), ("admin1", 4), ("country", 6)])
def test_places_precision_follows_kind(kind: str, code: int) -> None:
    assert PRECISION[kind] == code
    assert {r.precision for r in load_gazetteer().records.values() if r.kind == kind} == {code}


# ----------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("A suicide bomber struck a market in Peshawar on Monday.", [("Peshawar", "city")]),
        ("Gunmen killed two policemen in Lakki Marwat.", [("Lakki Marwat", "admin2")]),
        ("Troops raided a compound near Quetta.", [("Quetta", "city")]),
        ("Three soldiers died in a blast in Bannu district.", [("Bannu", "admin2")]),
        ("The convoy was ambushed outside Mingora in Swat.", [("Mingora", "city"), ("Swat", "admin2")]),
        ("Drone strikes hit Waziristan again.", [("Waziristan", "area")]),
        ("Shelling along the LoC wounded four villagers.", [("Line of Control", "area")]),
    ],
)
def test_places_towns_districts_and_areas(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(name, kind) for _, name, kind, _ in found(sentence)] == expected


@pytest.mark.parametrize(
    "written,today",
    [
        ("NWFP", "Khyber Pakhtunkhwa"),
        ("N.W.F.P.", "Khyber Pakhtunkhwa"),
        ("North-West Frontier Province", "Khyber Pakhtunkhwa"),
        ("Baluchistan", "Balochistan"),
        ("Khyber Agency", "Khyber"),
        ("Bajaur Agency", "Bajaur"),
        ("Mohmand Agency", "Mohmand"),
        ("Kurram Agency", "Kurram"),
        ("Orakzai Agency", "Orakzai"),
        ("North Waziristan Agency", "North Waziristan"),
        ("South Waziristan Agency", "South Waziristan"),
        ("FR Kohat", "Kohat"),
        ("Frontier Region Bannu", "Bannu"),
        ("FR D.I. Khan", "Dera Ismail Khan"),
        ("Bolan district", "Kachhi"),
    ],
)
def test_places_historical_names_map_to_today(written: str, today: str) -> None:
    assert found(f"Militants attacked a checkpost in {written} on Sunday.")[0][:2] == (written, today)


@pytest.mark.parametrize(
    "written,name",
    [
        ("Pishawar", "Peshawar"),
        ("D.I. Khan", "Dera Ismail Khan"),
        ("D I Khan", "Dera Ismail Khan"),
        ("DI Khan", "Dera Ismail Khan"),
        ("Dera Ismail Khan", "Dera Ismail Khan"),
        ("Miram Shah", "Miranshah"),
        ("Azad Kashmir", "Azad Jammu and Kashmir"),
        ("AJK", "Azad Jammu and Kashmir"),
        ("Pakistani Kashmir", "Azad Jammu and Kashmir"),
        ("KPK", "Khyber Pakhtunkhwa"),
        ("Killa Abdullah", "Qila Abdullah"),
        ("Upper Orakzai", "Orakzai"),
        ("Pakistan's part of Kashmir", "Azad Jammu and Kashmir"),
        ("Pakistan-occupied Kashmir", "Azad Jammu and Kashmir"),
        ("PoJK", "Azad Jammu and Kashmir"),
        ("Kurram tribal region", "Kurram"),
        ("Bajaur tribal district", "Bajaur"),
        ("N. Waziristan", "North Waziristan"),
        ("Nakiyal sector", "Nakyal"),
        ("Kohistan", "Upper Kohistan"),
    ],
)
def test_places_variant_spellings(written: str, name: str) -> None:
    assert found(f"Two people were killed in {written} on Friday.")[0][:2] == (written, name)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Haqqani network denied any role.",
        "Rustam Shah Mohmand, a former ambassador, said talks would resume.",
        "Mohmand tribesmen held a jirga with officials.",
        "A tank shell hit the wall.",
        "Tank crews were deployed along the road.",
        "The march was peaceful.",
        "Programme summary of Pakistan's AVT Khyber News 1600 gmt 3 May 13",
    ],
)
def test_places_words_people_and_tribes_are_not_places(sentence: str) -> None:
    assert [n for n in names(sentence) if n != "Pakistan"] == []


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("Militants attacked a police station in Tank.", "Tank"),
        ("Police said the attack took place in Tank district.", "Tank"),
        ("Security forces cordoned off parts of Mohmand after the blast.", "Mohmand"),
        ("Swat valley has been calm since the operation.", "Swat"),
        ("Suicide Bomber Kills 12 In Khyber Market", "Khyber"),
    ],
)
def test_places_ambiguous_names_with_locating_context_are_places(sentence: str, name: str) -> None:
    assert name in names(sentence)


@pytest.mark.parametrize(
    "sentence,country",
    [
        ("Shelling in Poonch killed a woman.", "PAK"),
        ("Indian troops said shelling in Poonch killed a woman.", "IND"),
        ("Clashes were reported in Punjab.", "PAK"),
        ("Farmers protested in Indian Punjab.", "IND"),
        # a Line of Control sector named after its district
        ("Two villagers were killed by shelling in the Poonch sector of Azad Kashmir.", "PAK"),
        ("Indian troops said two soldiers died in the Poonch sector.", "IND"),
    ],
)
def test_places_shared_names_follow_country_cues(sentence: str, country: str) -> None:
    poonch_or_punjab = [c for text, _, _, c in found(sentence) if text in {"Poonch", "Punjab"}]
    assert poonch_or_punjab == [country]


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("A bomb exploded in Kotli district of Azad Kashmir.", "Kotli"),
        ("A bomb exploded in Khyber Pakhtunkhwa's Bannu district.", "Bannu"),
        ("Four soldiers died in Pakistan's North Waziristan.", "North Waziristan"),
        ("Police in Balochistan said a blast hit Quetta.", "Quetta"),
    ],
)
def test_places_most_specific_place_of_a_sentence(sentence: str, expected: str) -> None:
    doc = make_nlp()(sentence)
    chosen = most_specific(find_places(doc))
    assert chosen is not None and load_gazetteer().records[chosen].name == expected


# ----------------------------------------------------------------------------- records


@pytest.mark.parametrize(
    "name,region",
    [
        ("Miranshah", "Federally Administered Tribal Areas"),
        ("Wana", "Federally Administered Tribal Areas"),
        ("Peshawar", None),
        ("Quetta", None),
    ],
)
def test_places_former_region_of_tribal_towns(name: str, region: str | None) -> None:
    record = next(r for r in lookup(name) if r.kind == "city")
    former = former_region(record)
    assert (former.name if former else None) == region


def test_places_built_place_carries_admin_units_and_precision() -> None:
    doc = make_nlp()("Gunmen attacked a bus near Wana and fled toward Khyber Pakhtunkhwa.")
    places = build_places(find_places(doc), doc, "d1")
    wana = next(p for p in places if p.name == "Wana")
    assert (wana.kind, wana.admin1, wana.admin2, wana.precision) == (
        "city",
        "Khyber Pakhtunkhwa",
        "South Waziristan",
        1,
    )
    assert wana.id.startswith("geonames:") and wana.lat and wana.lon
    assert wana.mentions[0].text == "Wana"
