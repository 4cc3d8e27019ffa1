"""Episode titles: the sides as the press names them, declarer first, and the months the truce ran."""

from __future__ import annotations

import pytest

from ceasefire.linking.ceasefires import build_registry
from ceasefire.linking.titles import episode_title, short_name
from ceasefire.models import Actor, Ceasefire, DateValue, Document, Event, Evidence, Published
from ceasefire.store import Store
from ceasefire.types import Extraction


def day(value: str) -> DateValue:
    return DateValue(start=value, end=value, precision="day")


@pytest.mark.parametrize(
    "actor,name",
    [
        ("pak_gov", "Pakistan"),  # a state is its country
        ("gov_phl", "Philippines"),
        ("ttp", "TTP"),  # a group of several words is its acronym of their initials
        ("tplf", "TPLF"),
        ("hamas", "Hamas"),  # a one-word name stays
        ("afg_taliban", "Afghan Taliban"),  # no acronym of its initials
        ("person:lina-sorel", "Lina Sorel"),  # not in the registry, no name given: from the id
    ],
)
def test_titles_short_names(actor: str, name: str) -> None:
    assert short_name(actor) == name


@pytest.mark.parametrize(
    "episode,title",
    [
        (
            Ceasefire(
                id="a", parties=["pak_gov", "ttp"], declared_by="ttp",
                start=day("2022-06-02"), end=day("2022-11-28"),
            ),
            "TTP – Pakistan ceasefire, Jun–Nov 2022",
        ),
        (
            Ceasefire(id="b", parties=["gov_moz", "renamo"], start=day("2016-12-27"), end=day("2017-05-04")),
            "Mozambique – Renamo ceasefire, Dec 2016–May 2017",
        ),
        # not known to have ended: from its start; no start: from the declaration
        (
            Ceasefire(id="c", parties=["cpp", "gov_phl"], start=day("2019-12-23")),
            "CPP – Philippines ceasefire, from Dec 2019",
        ),
        (Ceasefire(id="d", parties=["tplf"], declared=day("2021-06-28")), "TPLF ceasefire, from Jun 2021"),
        (Ceasefire(id="e", parties=["tplf", "tdf"], start=day("2021-06-28"), end=day("2021-06-30")),
         "TPLF – TDF ceasefire, Jun 2021"),  # one month
        (
            Ceasefire(
                id="f", parties=[], start=DateValue(start="2016-01-01", end="2016-12-31", precision="year"),
                end=DateValue(start="2017-01-01", end="2017-12-31", precision="year"),
            ),
            "Ceasefire, 2016–2017",
        ),
        (Ceasefire(id="g", parties=["hamas"]), "Hamas ceasefire, undated"),
        (Ceasefire(id="h", parties=["hamas"], end=day("2014-07-08")), "Hamas ceasefire, ended Jul 2014"),
    ],
)  # fmt: skip
def test_titles_of_episodes(episode: Ceasefire, title: str) -> None:
    assert episode_title(episode) == title


def _declared(doc: str) -> Event:
    return Event(
        id=f"declare-{doc}",
        type="ceasefire_declare",
        date=day("2024-03-02"),
        actors={"agent": ["discovered:nordland-front"], "target": ["pak_gov"]},
        evidence=[Evidence(doc=doc, start=0, end=4, text="text")],
    )


def test_titles_every_episode_has_one_with_the_stored_names_of_discovered_parties(db_url: str) -> None:
    """A party the built-in registry lacks is named as the store names it (accents and all)."""
    assert build_registry([_declared("a")])[0].title == "Nordland Front – Pakistan ceasefire, from Mar 2024"
    group = Actor(id="discovered:nordland-front", name="Nørdland Front", kind="armed_group")
    with Store(db_url) as store:
        store.add(
            [
                Extraction(
                    document=Document(
                        id="a",
                        source="a",
                        text="text",
                        published=Published(date="2024-03-02", precision="day"),
                    ),
                    actors=[group],
                    events=[_declared("a")],
                )
            ]
        )
        (episode,) = store.rebuild()
        assert episode.title == "Nørdland Front – Pakistan ceasefire, from Mar 2024"
        assert store.ceasefires()[0].title == episode.title
