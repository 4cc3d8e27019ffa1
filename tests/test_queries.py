"""Paged reads of the store (store/queries.py) on SQLite and PostgreSQL."""

from __future__ import annotations

from ceasefire.models import Published
from ceasefire.pipeline import process
from ceasefire.store import Store
from ceasefire.store.queries import EventFilter
from ceasefire.types import RawDocument


def _add(store: Store, text: str, day: str) -> str:
    extraction = process(
        RawDocument(source=f"{day}.txt", text=text),
        published=Published(date=day, precision="day", basis="metadata"),
    )
    store.add([extraction])
    return extraction.document.id


def test_queries_monthly_follows_the_store(store: Store) -> None:
    reader = store.reader()
    _add(store, "A suicide bomber killed 12 soldiers in Bannu on 3 March 2021.", "2021-03-04")
    first = reader.monthly(EventFilter())
    assert [(m.month, m.events, m.fatalities) for m in first] == [("2021-03", 1, 12)]
    assert reader.monthly(EventFilter()) is first  # kept while the store is unchanged
    _add(store, "Militants killed five policemen in Quetta on 9 April 2021.", "2021-04-10")
    again = reader.monthly(EventFilter())
    assert [(m.month, m.events, m.fatalities) for m in again] == [("2021-03", 1, 12), ("2021-04", 1, 5)]


def test_queries_filters_and_pages(store: Store) -> None:
    reader = store.reader()
    bannu = _add(store, "The TTP killed 12 soldiers in Bannu on 3 March 2021.", "2021-03-04")
    _add(store, "A bomb killed five people in Quetta on 9 April 2021.", "2021-04-10")
    _add(store, "The TTP announced a ceasefire on 9 November 2021.", "2021-11-10")
    everything = reader.events(EventFilter())
    assert (
        everything.total == 3 and next(e.date.start for e in everything.items) == "2021-11-09"
    )  # newest first
    assert reader.events(EventFilter(actors=("ttp",))).total == 2
    assert reader.events(EventFilter(types=("bombing",))).total == 1
    assert reader.events(EventFilter(since="2021-04", until="2021-04")).total == 1
    assert [e.evidence[0].doc for e in reader.events(EventFilter(doc=bannu)).items] == [bannu]
    assert reader.events(EventFilter(q="ceasefire")).total == 1
    assert reader.events(EventFilter(q='ceasefire" OR "x')).total == 0  # quotes are words, not syntax
    page = reader.events(EventFilter(), offset=1, limit=1)
    assert page.total == 3 and len(page.items) == 1 and page.items[0].id == everything.items[1].id
    assert reader.documents(q="Quetta").total == 1
    assert reader.documents(q="Quetta OR Bannu").total == 0  # every word must be there
    assert reader.actors(q="taliban").items[0].id == "ttp"


def test_queries_document_spans_fit_the_text(store: Store) -> None:
    doc = _add(store, "The TTP killed 12 soldiers in Bannu on 3 March 2021.", "2021-03-04")
    view = store.reader().document(doc)
    assert view is not None
    kinds = {s.kind for s in view.spans}
    assert {"event", "actor", "place"} <= kinds
    for span in view.spans:
        assert 0 <= span.start < span.end <= len(view.document.text)


def test_queries_event_heads_match_the_full_listing(store: Store) -> None:
    """The markers' light query finds the events, in the order, that the full listing finds."""
    reader = store.reader()
    _add(store, "The TTP offered a ceasefire on 2 May 2022.", "2022-05-03")
    _add(store, "The government rejected the TTP's ceasefire offer on 4 May 2022.", "2022-05-05")
    _add(store, "Talks between the government and the TTP were held in Kabul on 20 May 2022.", "2022-05-21")
    _add(store, "The TTP killed 12 soldiers in Bannu on 3 March 2022.", "2022-03-04")
    _add(store, "Baloch separatists offered talks on 9 June 2022.", "2022-06-10")
    kinds = ("ceasefire_offer", "ceasefire_reject", "talks_hold", "talks_propose")
    for where in (
        EventFilter(types=kinds, actors=("ttp",)),
        EventFilter(types=kinds),
        EventFilter(actors=("ttp",)),
        EventFilter(types=kinds, actors=("ttp",), since="2022-05-03"),
    ):
        heads = reader.event_heads(where)
        full = reader.events(where, limit=200).items
        assert [(h.id, h.type, h.date) for h in heads] == [
            (e.id, e.type, e.date.model_copy(update={"text": None})) for e in full
        ]
    assert len(reader.event_heads(EventFilter(types=kinds, actors=("ttp",)))) >= 3
