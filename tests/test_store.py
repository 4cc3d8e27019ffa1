"""The store on real SQLite and PostgreSQL: idempotency, atomic batches, round trips."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ceasefire.models import (
    Actor,
    DateValue,
    Document,
    Event,
    Evidence,
    Number,
    Published,
    Quantities,
    Quote,
    Removed,
    document_id,
)
from ceasefire.store import Store
from ceasefire.types import Extraction


def make_extraction(body: str, *, source: str = "a.txt", etype: str = "ceasefire_declare") -> Extraction:
    doc = Document(
        id=document_id(body),
        source=source,
        text=body,
        published=Published(date="2021-11-09", precision="day", basis="metadata"),
        removed=Removed(duplicate_paragraphs=1, boilerplate=["Share this"], counts={"share_chrome": 1}),
        focus={"PAK": 0.8, "AFG": 0.2},
    )
    start = body.index("ceasefire")
    ev = Evidence(doc=doc.id, start=0, end=len(body), text=body)
    group = Actor(
        id="ttp",
        name="Tehreek-e-Taliban Pakistan",
        kind="armed_group",
        country="PAK",
        aliases=["TTP"],
        mentions=[Evidence(doc=doc.id, start=0, end=3, text=body[:3])],
    )
    event = Event(
        id=document_id(doc.id + etype)[:16],
        type=etype,  # type: ignore[arg-type]
        date=DateValue(start="2021-11-09", end="2021-11-09", precision="day", text="November 9"),
        actors={"agent": ["ttp"], "target": ["pak_gov"]},
        quantities=Quantities(fatalities=Number(best=2, low=2)),
        attributes={"duration_days": 30},
        evidence=[ev],
        confidence=0.8,
    )
    quote = Quote(
        id=document_id(doc.id + "q")[:16],
        speaker="ttp",
        speaker_text="TTP",
        text="ceasefire",
        evidence=Evidence(doc=doc.id, start=start, end=start + 9, text="ceasefire"),
    )
    return Extraction(document=doc, actors=[group], events=[event], quotes=[quote])


@pytest.mark.parametrize("body", ["TTP announced a month-long ceasefire on November 9."])
def test_store_same_text_twice_is_one_document(store: Store, body: str) -> None:
    first = store.add([make_extraction(body)])
    second = store.add([make_extraction(body, source="copy.txt")])
    assert len(first.new) == 1 and not first.duplicate
    assert second.new == [] and second.duplicate == ["copy.txt"]
    assert store.count_documents() == 1
    assert len(store.events()) == 1


def test_store_duplicates_inside_one_batch_are_stored_once(store: Store) -> None:
    body = "TTP announced a ceasefire."
    result = store.add([make_extraction(body), make_extraction(body, source="b.txt")])
    assert len(result.new) == 1 and result.duplicate == ["b.txt"]


def test_store_round_trip_keeps_every_field(store: Store) -> None:
    x = make_extraction("TTP announced a month-long ceasefire on November 9.")
    store.add([x])
    exported = store.export()
    assert exported.documents == [x.document]
    assert exported.events == x.events
    assert exported.quotes == x.quotes
    (actor,) = exported.actors
    assert actor.mentions == x.actors[0].mentions and actor.aliases == ["TTP"]


def test_store_failed_document_does_not_take_the_batch_down(store: Store) -> None:
    good = make_extraction("TTP announced a ceasefire in the north.")
    bad = make_extraction("TTP ended the ceasefire.", source="bad.txt")
    bad.events.append(bad.events[0].model_copy())  # same event id twice: violates the primary key
    result = store.add([good, bad])
    assert result.new == [good.document.id]
    assert [source for source, _ in result.failed] == ["bad.txt"]
    assert store.count_documents() == 1
    assert [e.id for e in store.events()] == [good.events[0].id]


def test_store_registry_rebuild_is_stable(store: Store) -> None:
    store.add([make_extraction("TTP announced a month-long ceasefire on November 9.")])
    first = store.rebuild()
    second = store.rebuild()
    assert len(first) == 1 and first == second == store.ceasefires()
    assert first[0].declared_by == "ttp" and first[0].kind == "unilateral"
    assert first[0].evidence and first[0].sources == 1
    # the planned month (30 days from 9 November) survives the JSON record
    expected = first[0].expected_end
    assert (
        expected is not None
        and expected.start == "2021-12-08"
        and store.ceasefires()[0].expected_end == expected
    )


def test_store_export_is_identical_for_an_unchanged_store(store: Store) -> None:
    store.add([make_extraction("TTP announced a ceasefire.")])
    store.rebuild()
    assert store.export().model_dump_json() == store.export().model_dump_json()


def test_store_reopening_keeps_data(db_url: str) -> None:
    with Store(db_url) as s:
        s.add([make_extraction("TTP announced a ceasefire.")])
    with Store(db_url) as s:
        assert s.count_documents() == 1


def test_store_upgrades_a_store_without_document_focus(db_url: str) -> None:
    """A store written before ``documents.focus`` opens, gains the column and keeps its documents."""
    with Store(db_url) as s:
        s.add([make_extraction("TTP announced a ceasefire.")])
        with s.engine.begin() as conn:
            conn.execute(text("ALTER TABLE documents DROP COLUMN focus"))
    with Store(db_url) as s:
        (document,) = s.export().documents
        assert document.focus == {} and document.text == "TTP announced a ceasefire."
        s.add([make_extraction("TTP ended the ceasefire.")])
        assert {d.text: d.focus for d in s.export().documents}["TTP ended the ceasefire."] == {
            "PAK": 0.8,
            "AFG": 0.2,
        }


def test_store_sqlite_uses_wal(tmp_path: object) -> None:
    with Store(f"sqlite:///{tmp_path}/w.db") as s, s.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
