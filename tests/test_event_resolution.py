"""Event resolution (issue 4): mentions of one real-world event in several documents become one event."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import delete

from ceasefire.linking.events import (
    blocking_keys,
    combine_fatalities,
    corroborates,
    dates_overlap,
    shared_words,
    singular,
)
from ceasefire.models import (
    DateValue,
    Document,
    Event,
    Evidence,
    Number,
    Place,
    Published,
    Quantities,
    document_id,
)
from ceasefire.store import Store
from ceasefire.store.event_resolution import KEYS_META, candidates, hashed_keys
from ceasefire.store.schema import EventKeyRow, MetaRow
from ceasefire.types import Extraction

PLACES = {
    "quetta": Place(
        id="quetta", name="Quetta", kind="city", country="PAK", admin1="Balochistan", admin2="Quetta"
    ),
    "balochistan": Place(id="balochistan", name="Balochistan", kind="admin1", country="PAK"),
    "peshawar": Place(
        id="peshawar",
        name="Peshawar",
        kind="city",
        country="PAK",
        admin1="Khyber Pakhtunkhwa",
        admin2="Peshawar",
    ),
    "pakistan": Place(id="pakistan", name="Pakistan", kind="country", country="PAK"),
}


def week_before(day: str) -> DateValue:
    end = date.fromisoformat(day)
    return DateValue(start=(end - timedelta(days=6)).isoformat(), end=day, precision="range")


def headline(text: str, outlet: str, day: str, *events: dict[str, Any]) -> Extraction:
    """A dated headline from ``outlet`` with events given as {type, place, deaths, agents}."""
    doc = Document(
        id=document_id(text),
        source=f"{outlet}.txt",
        outlet=outlet,
        text=text,
        published=Published(date=day, precision="day", basis="metadata"),
    )
    made = [
        Event(
            id=document_id(f"{doc.id}{i}{spec['type']}"),
            type=spec["type"],
            date=week_before(day),
            actors={"agent": spec.get("agents", [])} if spec.get("agents") else {},
            place=spec.get("place"),
            quantities=Quantities(fatalities=Number(best=spec["deaths"], low=spec.get("at_least")))
            if spec.get("deaths") is not None
            else Quantities(),
            evidence=[Evidence(doc=doc.id, start=0, end=len(text), text=text)],
            confidence=0.7,
        )
        for i, spec in enumerate(events)
    ]
    used = {spec["place"] for spec in events if spec.get("place")}
    places = [
        PLACES[p].model_copy(update={"mentions": [Evidence(doc=doc.id, start=0, end=1, text=text[:1])]})
        for p in sorted(used)
    ]
    return Extraction(document=doc, actors=[], places=places, events=made)


QUETTA_AFP = headline(
    "Suicide bomber kills five in Pakistan's Quetta: officials",
    "afp",
    "2013-08-08",
    {"type": "bombing", "place": "quetta", "deaths": 5},
)
QUETTA_REUTERS = headline(
    "Blast at funeral in southwest Pakistan kills 7",
    "reuters",
    "2013-08-08",
    {"type": "attack", "place": "balochistan", "deaths": 7},
)
QUETTA_PTI = headline(
    "5 killed in suicide attack on police in Quetta",
    "pti",
    "2013-08-09",
    {"type": "bombing", "place": "quetta", "deaths": 5},
)
PESHAWAR = headline(
    "Bomb kills five in Pakistan's Peshawar",
    "ap",
    "2013-08-08",
    {"type": "bombing", "place": "peshawar", "deaths": 5},
)


def export_without_clock(store: Store) -> dict[str, Any]:
    return store.export().model_dump(mode="json", exclude={"generated"})


def test_event_resolution_one_attack_from_two_outlets_merges(store: Store) -> None:
    store.add([QUETTA_AFP])
    store.add([QUETTA_REUTERS])
    events = store.events()
    assert len(events) == 1
    event = events[0]
    assert event.id == QUETTA_AFP.events[0].id, "the stored event keeps its id"
    assert event.type == "bombing", "the more specific type is kept"
    assert event.place == "quetta", "the more specific place is kept"
    assert [e.doc for e in event.evidence] == [QUETTA_AFP.document.id, QUETTA_REUTERS.document.id]
    assert event.quantities.fatalities == Number(best=5, low=5, high=7)
    reports = event.attributes["reports"]
    assert isinstance(reports, list) and [r["doc"] for r in reports] == [e.doc for e in event.evidence]
    assert {"field": "fatalities", "values": [5, 7], "docs": [[reports[0]["doc"]], [reports[1]["doc"]]]} in (
        event.attributes["disagreements"]  # type: ignore[operator]
    )


def test_event_resolution_best_is_the_most_reported_value(store: Store) -> None:
    store.add([QUETTA_AFP, QUETTA_REUTERS, QUETTA_PTI])
    (event,) = store.events()
    assert len({e.doc for e in event.evidence}) == 3
    assert event.quantities.fatalities == Number(best=5, low=5, high=7)


def test_event_resolution_same_day_different_provinces_stay_apart(store: Store) -> None:
    store.add([QUETTA_AFP, PESHAWAR])
    events = store.events()
    assert len(events) == 2
    assert all("reports" not in e.attributes for e in events)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            {"type": "bombing", "place": "quetta", "deaths": 5},
            {"type": "protest", "place": "quetta", "deaths": 5},
        ),
        (
            {"type": "bombing", "place": "quetta", "deaths": 5},
            {"type": "airstrike", "place": "quetta", "deaths": 5},
        ),
        (
            {"type": "bombing", "place": "quetta", "deaths": 5},
            {"type": "bombing", "place": "quetta", "deaths": 40},
        ),
        ({"type": "bombing", "agents": ["ttp"]}, {"type": "bombing", "agents": ["bla"]}),
        (
            {"type": "bombing", "deaths": 5},
            {"type": "bombing", "deaths": 4},
        ),  # nothing but the date in common
    ],
)
def test_event_resolution_incompatible_events_stay_apart(
    store: Store, first: dict[str, Any], second: dict[str, Any]
) -> None:
    store.add([headline("Bomb kills five in Pakistan: officials", "afp", "2013-08-08", first)])
    store.add([headline("Blast leaves four dead, police say", "ap", "2013-08-08", second)])
    assert len(store.events()) == 2


def test_event_resolution_an_open_early_toll_meets_a_higher_later_one(store: Store) -> None:
    """ "At least 9 killed at church" and "78 killed at church": early tolls grow."""
    early = headline(
        "Bomb outside church kills at least 9: officials",
        "afp",
        "2013-09-22",
        {"type": "bombing", "deaths": 9, "at_least": 9},
    )
    late = headline(
        "Suicide bombers kill 78 at church", "reuters", "2013-09-22", {"type": "bombing", "deaths": 78}
    )
    store.add([early, late])
    (event,) = store.events()
    assert event.quantities.fatalities == Number(best=9, low=9, high=78) or (
        event.quantities.fatalities is not None and event.quantities.fatalities.high == 78
    )


def test_event_resolution_a_merged_event_is_compared_through_each_report(store: Store) -> None:
    """ "At least 9" and "15" of one church bombing made one event; "43" agrees with its 15 even
    though its best reading is 9."""
    store.add(
        [
            headline(
                "Bomb outside church kills at least 9", "afp", "2013-09-22", {"type": "bombing", "deaths": 9}
            )
        ]
    )
    store.add(
        [headline("15 killed in church attack", "pti", "2013-09-22", {"type": "bombing", "deaths": 15})]
    )
    store.add([headline("Church bombing kills 31", "ap", "2013-09-22", {"type": "bombing", "deaths": 31})])
    (event,) = store.events()
    assert len({e.doc for e in event.evidence}) == 3


def test_event_resolution_a_toll_update_the_next_day_joins_the_event(store: Store) -> None:
    """ "Death toll from church attack touches 81" a day after "suicide bombers kill 53 at church"."""
    store.add(
        [
            headline(
                "Suicide bombers kill 53 at church", "afp", "2013-09-22", {"type": "bombing", "deaths": 53}
            )
        ]
    )
    store.add(
        [
            headline(
                "Death toll from church attack touches 81",
                "pti",
                "2013-09-23",
                {"type": "attack", "deaths": 81},
            )
        ]
    )
    (event,) = store.events()
    assert event.quantities.fatalities is not None and event.quantities.fatalities.high == 81


def test_event_resolution_a_plain_report_the_next_day_needs_more_than_one_word(store: Store) -> None:
    store.add(
        [
            headline(
                "Suicide bombers kill 53 at church", "afp", "2013-09-22", {"type": "bombing", "deaths": 53}
            )
        ]
    )
    store.add([headline("Gunmen kill 60 near church", "pti", "2013-09-23", {"type": "attack", "deaths": 60})])
    assert len(store.events()) == 2


@pytest.mark.parametrize(
    ("plural", "single"),
    [("buses", "bus"), ("churches", "church"), ("miners", "miner"), ("shrines", "shrine"), ("bus", "bus")],
)
def test_event_resolution_plurals_meet_their_singular(plural: str, single: str) -> None:
    assert singular(plural) == singular(single) == single


def test_event_resolution_a_plain_toll_far_below_another_stays_apart(store: Store) -> None:
    first = headline("Bomb outside church kills 9", "afp", "2013-09-22", {"type": "bombing", "deaths": 9})
    second = headline(
        "Suicide bombers kill 78 at church", "reuters", "2013-09-22", {"type": "bombing", "deaths": 78}
    )
    store.add([first, second])
    assert len(store.events()) == 2


def test_event_resolution_shared_generic_words_are_no_evidence(store: Store) -> None:
    """ "shot dead" is in every report of a killing."""
    store.add([headline("Gunmen shot dead a prosecutor in Quetta", "afp", "2013-05-03", {"type": "attack"})])
    store.add([headline("Gunmen shot dead a candidate in Lahore", "ap", "2013-05-04", {"type": "attack"})])
    assert len(store.events()) == 2


def _said(text: str, **actors: list[str]) -> Event:
    return Event(
        id=document_id(text),
        type="attack",
        date=week_before("2013-05-04"),
        actors=actors,
        evidence=[Evidence(doc=document_id(text), start=0, end=len(text), text=text)],
    )


def test_event_resolution_a_name_shared_is_weighed_once_and_by_role() -> None:
    """ "Taliban" in both headlines is the actor test's to weigh, not a distinctive word; and the
    Taliban who bombed is not the Taliban raided."""
    bombers = _said("Taliban suicide bombers kill five", agent=["ttp"])
    raided = _said("Police raid Taliban hideout, kill five", agent=["pak_police"], target=["ttp"])
    assert not shared_words(bombers, raided, {})
    assert shared_words(_said("Taliban kill five at funeral"), _said("Funeral attack by Taliban"), {})
    assert corroborates(bombers, raided, {}) is None


def test_event_resolution_headlines_days_apart_stay_apart(store: Store) -> None:
    later = headline(
        "Suicide bomber kills five in Quetta again",
        "ap",
        "2013-08-12",
        {"type": "bombing", "place": "quetta", "deaths": 5},
    )
    store.add([QUETTA_AFP, later])
    assert len(store.events()) == 2


def test_event_resolution_same_document_events_never_merge(store: Store) -> None:
    two = headline(
        "Two bombs kill five each in Quetta",
        "afp",
        "2013-08-08",
        {"type": "bombing", "place": "quetta", "deaths": 5},
        {"type": "bombing", "place": "quetta", "deaths": 5},
    )
    store.add([two])
    assert len(store.events()) == 2
    store.add([QUETTA_PTI])  # joins one of them, not both
    events = store.events()
    assert len(events) == 2
    assert sorted(len({e.doc for e in ev.evidence}) for ev in events) == [1, 2]


def test_event_resolution_incremental_equals_batch(store: Store, tmp_path: Path) -> None:
    docs = [QUETTA_AFP, PESHAWAR, QUETTA_REUTERS, QUETTA_PTI]
    for extraction in docs:
        store.add([extraction])
    with Store(f"sqlite:///{tmp_path / 'batch.db'}") as batch:
        batch.add(docs)
        assert export_without_clock(store) == export_without_clock(batch)
    before = export_without_clock(store)
    result = store.add(docs)
    assert result.new == [] and export_without_clock(store) == before, "re-ingesting changes nothing"
    assert len(before["events"]) == 2


def test_event_resolution_export_validates(store: Store) -> None:
    store.add([QUETTA_AFP, QUETTA_REUTERS])
    schema = json.loads(
        (Path(__file__).resolve().parents[1] / "src/ceasefire/export/ceasefire.schema.json").read_text()
    )
    jsonschema.validate(json.loads(store.export().model_dump_json(by_alias=True)), schema)


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        ([5, 7], Number(best=5, low=5, high=7)),
        ([5, 7, 7], Number(best=7, low=5, high=7)),
        ([3, 9, 4], Number(best=4, low=3, high=9)),
    ],
)
def test_event_resolution_combine_fatalities(readings: list[int], expected: Number) -> None:
    reports = [{"fatalities": {"best": n, "low": None, "high": None}} for n in readings]
    assert combine_fatalities(reports) == expected


@pytest.mark.parametrize(
    ("a", "b", "overlap"), [("2013-08-08", "2013-08-09", True), ("2013-08-08", "2013-08-12", False)]
)
def test_event_resolution_dates_overlap(a: str, b: str, overlap: bool) -> None:
    assert dates_overlap(week_before(a), week_before(b)) is overlap


def test_event_resolution_country_words_are_no_distinctive_words() -> None:
    """Any country's name or people, not a list for one conflict: "Afghan" is as common in reports of
    the Afghan war as "Pakistani" in reports of Pakistan's."""
    a = _said("Afghan forces kill five in Kunduz")
    b = _said("Afghan troops kill five in Herat")
    assert not shared_words(a, b, {})
    assert shared_words(_said("Afghan wedding party hit"), _said("Wedding guests killed"), {})


def _headline_events(limit: int) -> tuple[list[Event], dict[str, Place]]:
    """The events our extractor finds in the first ``limit`` bundled UCDP headlines."""
    from ceasefire.pipeline import process
    from ceasefire.types import RawDocument

    events: list[Event] = []
    places: dict[str, Place] = {}
    path = Path(__file__).resolve().parents[1] / "examples" / "ucdp-ged-pakistan.jsonl"
    with path.open(encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if i >= limit:
                break
            row = json.loads(line)
            raw = RawDocument(
                source=str(i), text=row["text"], title=row.get("title"), published=row.get("published")
            )
            extraction = process(raw)
            events += extraction.events
            places.update({p.id: p for p in extraction.places})
    return events, places


def test_event_resolution_blocking_keys_lose_no_match() -> None:
    """Every pair of events ``corroborates`` would merge shares a blocking key: blocking on the
    keys proposes every candidate the scorer could accept."""
    events, places = _headline_events(600)
    keys = {e.id: blocking_keys(e, places) for e in events}
    matched = 0
    for i, a in enumerate(events):
        for b in events[i + 1 :]:
            if a.evidence[0].doc != b.evidence[0].doc and corroborates(a, b, places) is not None:
                matched += 1
                assert keys[a.id] & keys[b.id], (a.evidence[0].text, b.evidence[0].text)
    assert matched >= 20, "the check must include pairs that merge"


def test_event_resolution_blocking_proposes_only_events_that_share_a_key(store: Store) -> None:
    """In a window of many attacks, a new one is compared only with those sharing a key."""
    others = [
        headline(text, f"o{n}", "2013-08-08", {"type": "attack", "deaths": n})
        for n, text in (
            (3, "Attackers kill 3 at a wedding party"),
            (4, "Four dead as rocket hits passenger bus"),
            (6, "Six die when armed men storm a school"),
            (8, "Eight killed in ambush on convoy"),
        )
    ]
    store.add([QUETTA_AFP, PESHAWAR, *others])
    with store._session() as session:
        new = QUETTA_PTI.events[0]
        found = candidates(session, new, 10**6, hashed_keys(new, PLACES))
        everything = candidates(
            session, new, 10**6, [k for e in store.events() for k in hashed_keys(e, PLACES)]
        )
    # Quetta's attack shares the place and the toll; Peshawar's only the toll of five
    assert {c.event.id for c in found} == {QUETTA_AFP.events[0].id, PESHAWAR.events[0].id}
    assert len(everything) == 6, "all six are in the window and of a compatible type"


def test_event_resolution_keys_of_an_older_store_are_built(db_url: str) -> None:
    """A store written before blocking keys gets them once, and its events are found again."""
    with Store(db_url) as store:
        store.add([QUETTA_AFP])
        with store._session.begin() as session:
            session.execute(delete(EventKeyRow))
            session.execute(delete(MetaRow).where(MetaRow.key == KEYS_META))
    with Store(db_url) as store:
        store.add([QUETTA_PTI])
        assert len(store.events()) == 1
        with store._session() as session:
            assert session.get(MetaRow, KEYS_META) is not None
