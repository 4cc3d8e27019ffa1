"""People: whom a person acts for (affiliation) and later mentions by office (issue 13, item 4).

Rule-only: these tests run ``find_actors`` and never load the statistical model.
"""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.entities.actor_rules import Days
from ceasefire.entities.actors import find_actors
from ceasefire.entities.mentions import ActorFinding
from ceasefire.nlp.pipeline import make_nlp

IN_2019 = (date(2019, 6, 10), date(2019, 6, 10))  # the Islamic Republic governs Afghanistan
IN_2022 = (date(2022, 6, 10), date(2022, 6, 10))  # the Taliban's Emirate does


def finding_of(text: str, days: Days = IN_2019) -> tuple[ActorFinding, list[tuple[str, str]]]:
    doc = make_nlp()(text)
    finding = find_actors(doc, days=days)
    return finding, [(doc[m.start : m.end].text, m.actor) for m in finding.mentions]


@pytest.mark.parametrize(
    "text,days,person,affiliation",
    [
        # a country word before the office: that country's government of the day
        ("Afghan President Omar Zadran announced a truce.", IN_2019, "person:omar-zadran", "afg_gov"),
        ("Afghan President Omar Zadran announced a truce.", IN_2022, "person:omar-zadran", "afg_taliban"),
        ("Indian Foreign Minister Ravi Menon met the envoy.", IN_2019, "person:ravi-menon", "ind_gov"),
        ("Pakistan's Interior Minister Nadia Qureshi spoke.", IN_2019, "person:nadia-qureshi", "pak_gov"),
        # a military office: the country's forces
        (
            "Pakistani Lt Gen Kamran Saleem visited the front.",
            IN_2019,
            "person:kamran-saleem",
            "pak_military",
        ),
        # an actor named before the office
        ("TTP commander Gul Zaman Wazir claimed the attack.", IN_2019, "person:gul-zaman-wazir", "ttp"),
        ("The TTP's spokesman Hamid Shinwari denied it.", IN_2019, "person:hamid-shinwari", "ttp"),
        # the "of" complement after a titled name
        ("President Omar Zadran of Afghanistan announced a truce.", IN_2019, "person:omar-zadran", "afg_gov"),
        ("Commander Gul Zaman Wazir of the TTP claimed it.", IN_2019, "person:gul-zaman-wazir", "ttp"),
        # apposition
        ("Hamid Shinwari, the TTP's spokesman, denied it.", IN_2019, "person:hamid-shinwari", "ttp"),
        ("Hamid Shinwari, a TTP spokesman, denied it.", IN_2019, "person:hamid-shinwari", "ttp"),
    ],
)
def test_people_affiliation_from_the_office(text: str, days: Days, person: str, affiliation: str) -> None:
    finding, _ = finding_of(text, days)
    assert finding.affiliations.get(person) == affiliation


@pytest.mark.parametrize(
    "text,days,person",
    [
        # an office alone says nobody's
        ("President Omar Zadran announced a truce.", IN_2019, "person:omar-zadran"),
        # a report from 2021 may speak of either government of Afghanistan: neither is guessed
        ("Afghan President Omar Zadran announced a truce.", (date(2021, 1, 1), date(2021, 12, 31)), None),
        # a country word not right before the office
        ("An Afghan delegation met President Omar Zadran.", IN_2019, "person:omar-zadran"),
        # a country with no rule is no one's government
        ("Freedonian President Omar Zadran announced a truce.", IN_2019, "person:omar-zadran"),
        # a role noun that is no office
        ("Hamid Shinwari, a TTP supporter, was arrested.", IN_2019, "person:hamid-shinwari"),
        # "of" after a name with no office before it
        ("Omar Zadran of Afghanistan announced a truce.", IN_2019, "person:omar-zadran"),
    ],
)
def test_people_affiliation_never_guessed(text: str, days: Days, person: str | None) -> None:
    finding, _ = finding_of(text, days)
    assert finding.affiliations.get(person or "person:omar-zadran") is None


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "TTP spokesman Hamid Shinwari denied it. The spokesman said the group would fight on.",
            ("The spokesman", "person:hamid-shinwari"),
        ),
        (
            "Hamid Shinwari, the TTP's spokesman, denied it. Later the spokesman said the group would fight.",
            ("the spokesman", "person:hamid-shinwari"),
        ),
        (
            "Afghan President Omar Zadran announced a truce. The president said it would hold.",
            ("The president", "person:omar-zadran"),
        ),
    ],
)
def test_people_office_names_the_one_holder(text: str, expected: tuple[str, str]) -> None:
    _, mentions = finding_of(text)
    assert expected in mentions


@pytest.mark.parametrize(
    "text,absent",
    [
        # two spokesmen: "the spokesman" is neither
        (
            "TTP spokesman Hamid Shinwari and Baloch spokesman Jalal Marri spoke. The spokesman left.",
            "The spokesman",
        ),
        # the office before the person is introduced
        ("The spokesman left before TTP spokesman Hamid Shinwari arrived.", "The spokesman"),
        # "the president of ..." is someone else's office
        ("Afghan President Omar Zadran spoke. The president of the council disagreed.", "The president"),
    ],
)
def test_people_office_stays_open_when_unclear(text: str, absent: str) -> None:
    _, mentions = finding_of(text)
    assert all(written != absent for written, _ in mentions)


def test_people_organisation_head_ends_no_persons_name() -> None:
    """ "the Sunrise Union said": a speech verb after an organisation's name makes no person of it."""
    finding, mentions = finding_of("A truce was agreed, the Sunrise Union said on Monday.")
    assert not any(actor.startswith("person:") for _, actor in mentions)
    assert not finding.new


# ----------------------------------------------------------------------------- names of the world (issue 13)


@pytest.mark.parametrize(
    "text,name",
    [
        # Arabic particles written onto the family name
        ("Sudanese President Omar al-Bashir hosted the talks.", "Omar al-Bashir"),
        ("The deal was signed by Fayez al-Sarraj, the head of the government.", "Fayez al-Sarraj"),
        ('"We will keep the truce," Nabil el-Masri said.', "Nabil el-Masri"),
        # a Korean given name: two syllables, the second in lower case
        ("UN Secretary-General Ban Ki-moon called the ceasefire a signal of hope.", "Ban Ki-moon"),
        ("President Moon Jae-in met the envoy.", "Moon Jae-in"),
        # titles of office beyond the region's: "Defense Secretary", "counterpart", "Chair"
        ("Defense Secretary Mark Esper met the president.", "Mark Esper"),
        ("Putin spoke to his Turkish counterpart Tayyip Erdogan on Thursday.", "Tayyip Erdogan"),
        ('"It is a step towards peace," Relief Network Chair Lorna Bautista, said.', "Lorna Bautista"),
        # apposition after the name, with no determiner before the office
        ("Ibrahim Tarek, commander of the operations room, confirmed the mobilisation.", "Ibrahim Tarek"),
        ("Redwan Osman, spokesman for the task force, spoke on Wednesday.", "Redwan Osman"),
        ("Afonso Mabote, leader of the rebel movement, agreed to a truce.", "Afonso Mabote"),
        # apposition before the name: "the <office> of X, Name"
        (
            "The talks were attended by the President of Venezuela, Nicolas Marin, and others.",
            "Nicolas Marin",
        ),
        ("I called the President of the Republic, Filipe Nhaca, and offered a truce.", "Filipe Nhaca"),
        ("Its co-chair is the US ambassador, Dean Pitt.", "Dean Pitt"),
    ],
)
def test_people_names_of_the_world(text: str, name: str) -> None:
    _, mentions = finding_of(text)
    assert any(said == name and actor.startswith("person:") for said, actor in mentions), mentions


@pytest.mark.parametrize(
    "text,person,affiliation",
    [
        (
            "The envoy met the longtime president of Eritrea, Isaias Tesfay, in Asmara.",
            "person:isaias-tesfay",
            "gov_eri",
        ),
        ("Salvador Mena, president of El Salvador, arrived.", "person:salvador-mena", "gov_slv"),
        ("Its co-chair is the US ambassador, Dean Pitt.", "person:dean-pitt", "united_states"),
    ],
)
def test_people_affiliation_from_an_office_in_apposition(text: str, person: str, affiliation: str) -> None:
    finding, _ = finding_of(text, IN_2022)
    assert finding.affiliations.get(person) == affiliation


@pytest.mark.parametrize(
    "text,not_a_name",
    [
        # a participle after a hyphen is no syllable of a name
        ("Haftar-led forces shelled the airport.", "Haftar-led"),
        # a coordinated office belongs to the next person, not to the one before the comma
        ("The co-chairs are the Swiss ambassador, Mirko Manz, and US ambassador, Dean Pitt.", None),
        # office and event nouns are no names
        ("A committee was chaired by General Coordinator of the Committee.", "Coordinator"),
        ("President Salva Mayen Declares Permanent Ceasefire with the rebels.", "Permanent Ceasefire"),
    ],
)
def test_people_what_is_not_a_name(text: str, not_a_name: str | None) -> None:
    finding, mentions = finding_of(text, IN_2022)
    if not_a_name is not None:
        assert all(said != not_a_name for said, _ in mentions), mentions
    else:
        assert finding.affiliations.get("person:mirko-manz") == "gov_che"
