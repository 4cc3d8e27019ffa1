"""A document's focus: the countries it is about, weighted by what it names (issue 13, item 6).

Sentences are invented; each states a general pattern of news English.
"""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.entities.actor_rules import Days
from ceasefire.entities.actors import find_actors
from ceasefire.nlp.pipeline import make_nlp

IN_2024: Days = (date(2024, 3, 1), date(2024, 3, 1))


def focus_of(text: str, places: tuple[str, ...] = ()) -> dict[str, float]:
    return find_actors(make_nlp()(text), countries=places, days=IN_2024).focus


def test_focus_weights_what_the_document_names() -> None:
    focus = focus_of(
        "Ethiopian troops entered the town. The Ethiopian government said the TPLF had withdrawn. "
        "Ethiopia's army chief spoke. The US urged restraint."
    )
    assert next(iter(focus)) == "ETH" and focus["ETH"] > 0.5
    assert "USA" in focus and focus["USA"] < focus["ETH"]
    assert sum(focus.values()) == pytest.approx(1.0, abs=0.01)


def test_focus_counts_places_and_drops_incidental_countries() -> None:
    """A country named once in thirty mentions is incidental (under 5%); once in thirteen is not."""
    french = "A French aid worker said so."
    focus = focus_of(" ".join(["Sudanese troops shelled the camp."] * 10 + [french]), places=("SDN", "SDN"))
    assert list(focus) == ["SDN", "FRA"] and focus["SDN"] == pytest.approx(12 / 13, abs=0.001)
    thin = focus_of(" ".join(["Sudanese troops shelled the camp."] * 30 + [french]))
    assert list(thin) == ["SDN"]


def test_focus_ignores_reporters_and_international_bodies() -> None:
    """The UN and a news agency report on a country; they are not what the document is about."""
    focus = focus_of("The United Nations said Malian troops had left, Reuters reported.")
    assert list(focus) == ["MLI"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Malian troops attacked the camp. The government said 12 were killed.", "gov_mli"),
        ("Somali forces took the town. The army said the fighters fled.", "forces_som"),
    ],
)
def test_focus_decides_the_government_and_the_army(text: str, actor: str) -> None:
    doc = make_nlp()(text)
    finding = find_actors(doc, days=IN_2024)
    assert actor in {m.actor for m in finding.mentions if doc[m.start].lower_ in {"government", "army"}}
