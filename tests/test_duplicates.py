"""Near-duplicate documents (issue 4): found by MinHash LSH, marked, and their facts kept as evidence."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from datasketch import MinHashLSH
from sqlalchemy import delete, func, select, update

from ceasefire.linking.duplicates import (
    LSH_THRESHOLD,
    NUM_PERM,
    Candidate,
    band_keys,
    is_near_duplicate,
    may_be_near_duplicate,
    same_event,
    signature,
    signature_bytes,
    signature_from_bytes,
    words,
)
from ceasefire.models import (
    Actor,
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
from ceasefire.store.near_duplicates import INDEX_KEY
from ceasefire.store.schema import DocBandRow, DocSignatureRow, EvidenceRow, MetaRow
from ceasefire.types import Extraction

ARTICLE = [
    "ISLAMABAD: The banned Tehreek-e-Taliban Pakistan announced a month-long ceasefire with the "
    "government on Tuesday, a spokesman for the group said in a statement sent to reporters.",
    "The truce, which begins on November 9, follows weeks of talks mediated by the Afghan Taliban in "
    "Kabul, according to officials on both sides who spoke on condition of anonymity.",
    "Information Minister Fawad Chaudhry said the talks would continue and that the ceasefire could "
    "be extended if both sides made progress on the demands put forward during the negotiations.",
    "The group has carried out hundreds of attacks on security forces in the northwest since 2007 and "
    "its fighters killed two soldiers in North Waziristan last week, the military said on Monday.",
    "Analysts in Peshawar cautioned that earlier truces with the militants had collapsed within weeks "
    "and that the government had yet to say which of the group's demands it was prepared to meet.",
]
EDITED = [
    ARTICLE[0].replace("announced", "declared").replace("on Tuesday", "on Tuesday evening"),
    ARTICLE[1].replace("weeks of talks", "several weeks of talks"),
    ARTICLE[2],
    ARTICLE[4].replace("cautioned", "warned"),
]
SYNDICATED = [
    "This story has not been edited by our staff and is auto-generated from a syndicated feed.",
    *ARTICLE,
    "Copyright 2021 Agence Wire Service. All rights reserved. Follow us on social media for updates.",
]
PUBLISHED = Published(date="2021-11-09", precision="day", basis="metadata")


def make_extraction(
    text: str,
    *,
    source: str,
    events: tuple[tuple[str, str, list[str], int | None], ...] = (),
    published: Published = PUBLISHED,
    places: tuple[str, ...] = (),
) -> Extraction:
    """A document with events (type, sentence quoted as evidence, agents, deaths) and TTP mentions."""
    doc = Document(id=document_id(text), source=source, text=text, published=published)
    made = []
    for etype, sentence, agents, deaths in events:
        start = text.index(sentence)
        made.append(
            Event(
                id=document_id(doc.id + etype + sentence)[:16],
                type=etype,  # type: ignore[arg-type]
                date=DateValue(start="2021-11-09", end="2021-11-09", precision="day", text="November 9"),
                actors={"agent": agents},
                quantities=Quantities(fatalities=Number(best=deaths)) if deaths is not None else Quantities(),
                evidence=[Evidence(doc=doc.id, start=start, end=start + len(sentence), text=sentence)],
                confidence=0.8,
            )
        )
    actors = []
    if "Tehreek-e-Taliban Pakistan" in text:
        start = text.index("Tehreek-e-Taliban Pakistan")
        mention = Evidence(doc=doc.id, start=start, end=start + 26, text="Tehreek-e-Taliban Pakistan")
        actors.append(
            Actor(id="ttp", name="Tehreek-e-Taliban Pakistan", kind="armed_group", mentions=[mention])
        )
    place_records = [
        Place(id=p, name=p, mentions=[Evidence(doc=doc.id, start=0, end=1, text=text[:1])]) for p in places
    ]
    return Extraction(document=doc, actors=actors, places=place_records, events=made)


def article(
    paragraphs: list[str], source: str, *, extra: tuple[str, str, list[str], int | None] | None = None
) -> Extraction:
    text = "\n\n".join(paragraphs)
    declare = next(p for p in paragraphs if "ceasefire with" in p)
    events: list[tuple[str, str, list[str], int | None]] = [("ceasefire_declare", declare, ["ttp"], None)]
    if extra:
        events.append(extra)
    return make_extraction(text, source=source, events=tuple(events))


def headline(text: str, source: str, *, places: tuple[str, ...] = (), day: str = "2014-04-24") -> Extraction:
    return make_extraction(
        text, source=source, places=places, published=Published(date=day, precision="day", basis="metadata")
    )


def documents_by_source(store: Store) -> dict[str | None, Document]:
    return {d.source: d for d in store.documents()}


@pytest.mark.parametrize("text", ["\n\n".join(ARTICLE), "Bomb kills four in Pakistan's Karachi: police"])
def test_duplicates_signature_is_deterministic_across_processes(text: str) -> None:
    here = signature_bytes(signature(text))
    code = (
        "import sys; from ceasefire.linking.duplicates import signature, signature_bytes; "
        "sys.stdout.write(signature_bytes(signature(sys.argv[1])).hex())"
    )
    there = subprocess.run([sys.executable, "-c", code, text], check=True, capture_output=True, text=True)
    assert bytes.fromhex(there.stdout) == here == signature_bytes(signature(text))
    assert signature_from_bytes(here).jaccard(signature(text)) == 1.0


@pytest.mark.parametrize(
    ("copy", "original", "expected"),
    [
        (
            "Bomb kills four in Pakistan's Karachi: officials",
            "Bomb kills four in Pakistan's Karachi: police",
            True,
        ),
        ("Bomb kills 5 in Quetta", "Bomb kills 7 in Peshawar", False),
        ("Bomb kills 5 in Quetta city", "Bomb kills 5 in Peshawar city", False),
        ("Three killed in Pak blast", "7 killed in Pak blast", False),
        (
            "Programme summary of Pakistan's AVT Khyber News 1600 gmt 9 Feb 13",
            "Programme summary of Pakistan's AVT Khyber News 1600 gmt 9 Jan 13",
            False,
        ),
        (
            "UPDATE 2-Gunmen kill 14 after kidnapping them from buses on Pakistani coast",
            "Gunmen kill 14 after kidnapping them from buses on Pakistani coast",
            True,
        ),
        (
            "Another police officer escorting polio workers killed in Pakistan",
            "Policeman escorting polio workers killed in Pakistan",
            False,
        ),
    ],
)
def test_duplicates_headlines(copy: str, original: str, expected: bool) -> None:
    assert (
        is_near_duplicate(Candidate(copy, published=PUBLISHED), Candidate(original, published=PUBLISHED))
        is expected
    )


def test_duplicates_same_words_different_places_are_not_copies() -> None:
    a = Candidate("Pakistani troops kill 12 militants in North Waziristan", frozenset({"north_waziristan"}))
    b = Candidate("Pakistani troops kill 12 militants in South Waziristan", frozenset({"south_waziristan"}))
    assert not is_near_duplicate(a, b)
    assert is_near_duplicate(a, Candidate(a.text + " agency", frozenset({"north_waziristan"})))


def test_duplicates_headline_weeks_apart_is_another_event() -> None:
    late = Published(date="2014-11-25", precision="day", basis="metadata")
    a = Candidate("20 militants killed in Pak airstrikes in North Waziristan", published=late)
    b = Candidate(
        "20 militants killed in Pak airstrikes", published=Published(date="2014-10-26", precision="day")
    )
    assert not is_near_duplicate(a, b)


@pytest.mark.parametrize(
    ("etype", "deaths", "agents", "matches"),
    [
        ("bombing", 2, ["ttp"], True),
        ("bombing", None, ["ttp"], True),
        ("bombing", 2, [], True),  # the copy names no actor: it contradicts nothing
        ("bombing", 3, ["ttp"], False),
        ("bombing", 2, ["baloch_liberation_army"], False),
        ("attack", 2, ["ttp"], False),
    ],
)
def test_duplicates_same_event(etype: str, deaths: int | None, agents: list[str], matches: bool) -> None:
    date = DateValue(start="2021-11-09", end="2021-11-09", precision="day")
    original = Event(
        id="o",
        type="bombing",
        date=date,
        actors={"agent": ["ttp"]},
        quantities=Quantities(fatalities=Number(best=2)),
    )
    copy = Event(
        id="c",
        type=etype,  # type: ignore[arg-type]
        date=date,
        actors={"agent": agents} if agents else {},
        quantities=Quantities(fatalities=Number(best=deaths)) if deaths else Quantities(),
    )
    assert same_event(copy, original) is matches


def test_duplicates_lightly_edited_copy_is_marked(store: Store) -> None:
    store.add([article(ARTICLE, "original.txt")])
    result = store.add([article(EDITED, "edited.txt")])
    docs = documents_by_source(store)
    assert docs["edited.txt"].near_duplicate_of == docs["original.txt"].id
    assert result.near_duplicate == {docs["edited.txt"].id: docs["original.txt"].id}
    assert docs["original.txt"].near_duplicate_of is None


def test_duplicates_syndicated_copy_is_marked(store: Store) -> None:
    store.add([article(ARTICLE, "original.txt"), article(SYNDICATED, "wire.txt")])  # one batch
    docs = documents_by_source(store)
    assert docs["wire.txt"].near_duplicate_of == docs["original.txt"].id


def test_duplicates_different_headlines_are_not_marked(store: Store) -> None:
    store.add([headline("Bomb kills 5 in Quetta", "q.txt", places=("quetta",))])
    store.add([headline("Bomb kills 7 in Peshawar", "p.txt", places=("peshawar",))])
    store.add([headline("Bomb kills four in Pakistan's Karachi: police", "k1.txt")])
    store.add([headline("Bomb kills four in Pakistan's Karachi: officials", "k2.txt", day="2014-04-25")])
    docs = documents_by_source(store)
    assert docs["q.txt"].near_duplicate_of is None and docs["p.txt"].near_duplicate_of is None
    assert docs["k2.txt"].near_duplicate_of == docs["k1.txt"].id


def test_duplicates_chain_points_at_the_root(db_url: str) -> None:
    # each step is a light edit of the one before; the third is also checked by a fresh Store,
    # whose index is rebuilt from the stored signatures
    first = ARTICLE
    second = [*ARTICLE[:4], ARTICLE[4].replace("cautioned", "warned")]
    third = [second[0].replace("announced", "declared"), *second[1:4]]
    with Store(db_url) as store:
        store.add([article(first, "1.txt")])
        store.add([article(second, "2.txt")])
    with Store(db_url) as store:
        store.add([article(third, "3.txt")])
        docs = documents_by_source(store)
    root = docs["1.txt"].id
    assert docs["2.txt"].near_duplicate_of == root
    assert docs["3.txt"].near_duplicate_of == root


def test_duplicates_reingest_changes_nothing(store: Store) -> None:
    batch = [article(ARTICLE, "original.txt"), article(EDITED, "edited.txt")]
    store.add(batch)
    before = store.export().model_dump(exclude={"generated"})
    result = store.add(batch)
    assert result.new == [] and len(result.duplicate) == 2
    assert store.export().model_dump(exclude={"generated"}) == before
    with store._session() as session:
        assert session.scalar(select(func.count()).select_from(DocSignatureRow)) == 2


def test_duplicates_copy_events_become_evidence_on_the_original(store: Store) -> None:
    store.add([article(ARTICLE, "original.txt")])
    new_fact = ("attack", EDITED[3], ["ttp"], None)  # a sentence the editor changed: no match in the original
    store.add([article(EDITED, "edited.txt", extra=new_fact)])
    docs = documents_by_source(store)
    events = store.events()
    declares = [e for e in events if e.type == "ceasefire_declare"]
    assert len(declares) == 1, "the copy's declaration is evidence, not a second event"
    assert [ev.doc for ev in declares[0].evidence] == [docs["original.txt"].id, docs["edited.txt"].id]
    assert [e.type for e in events if e.type == "attack"] == ["attack"]
    with store._session() as session:
        rows = session.scalars(select(EvidenceRow).where(EvidenceRow.owner == "event")).all()
    assert len(rows) == 3  # original declaration + copy's restatement + the copy's new attack
    assert {a.id for a in store.actors() for m in a.mentions if m.doc == docs["edited.txt"].id} == {"ttp"}
    registry = store.rebuild()
    assert [cf.sources for cf in registry] == [2]


def test_duplicates_band_keys_propose_what_datasketch_lsh_proposes() -> None:
    # texts drawn from a small vocabulary, so that many pairs collide in some band and many not
    rng = random.Random(11)
    vocabulary = [
        "bomb",
        "kills",
        "four",
        "in",
        "karachi",
        "quetta",
        "police",
        "militants",
        "attack",
        "blast",
        "north",
        "west",
    ]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(4, 12))) for _ in range(150)]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    keys = {}
    for i, text in enumerate(texts):
        minhash = signature(text)
        lsh.insert(str(i), minhash)
        keys[str(i)] = set(band_keys(minhash))
    proposed = 0
    for i, text in enumerate(texts):
        by_keys = {k for k, bands in keys.items() if bands & keys[str(i)]}
        assert by_keys == set(lsh.query(signature(text)))
        proposed += len(by_keys) - 1
    assert proposed > 0, "the check must include colliding pairs"


KARACHI = "Bomb kills four in Pakistan's Karachi: police"
KARACHI_COPY = "Bomb kills four in Pakistan's Karachi: officials"


@pytest.mark.parametrize(
    ("copy", "copy_day", "original", "original_day", "possible", "copied"),
    [
        (KARACHI_COPY, "2014-04-25", KARACHI, "2014-04-24", True, True),
        (KARACHI_COPY, "2014-05-25", KARACHI, "2014-04-24", False, False),  # a month later: another bomb
        ("Bomb kills four", "2014-04-24", "Bomb kills four", "2014-04-24", False, False),  # too few words
        ("\n\n".join(EDITED), "2021-12-30", "\n\n".join(ARTICLE), "2021-11-09", True, True),  # long: any date
    ],
)
def test_duplicates_prefilter_rules_out_only_what_verification_rejects(
    copy: str, copy_day: str, original: str, original_day: str, possible: bool, copied: bool
) -> None:
    a = Candidate(copy, published=Published(date=copy_day, precision="day", basis="metadata"))
    b = Candidate(original, published=Published(date=original_day, precision="day", basis="metadata"))
    assert may_be_near_duplicate(len(words(copy)), a.published, len(words(original)), b.published) is possible
    assert is_near_duplicate(a, b) is copied


def test_duplicates_index_of_an_older_store_is_rebuilt(db_url: str) -> None:
    """A store whose band index is missing (written before it was kept in tables) gets it
    rebuilt, word counts included, and finds copies of what it already held."""
    with Store(db_url) as store:
        store.add([article(ARTICLE, "1.txt")])
        with store._session.begin() as session:
            session.execute(delete(DocBandRow))
            session.execute(delete(MetaRow).where(MetaRow.key == INDEX_KEY))
            session.execute(update(DocSignatureRow).values(words=None))
    with Store(db_url) as store:
        store.add([article(EDITED, "2.txt")])
        docs = documents_by_source(store)
        with store._session() as session:
            words = session.scalars(select(DocSignatureRow.words)).all()
            bands = session.scalar(select(func.count()).select_from(DocBandRow))
    assert docs["2.txt"].near_duplicate_of == docs["1.txt"].id
    assert len(words) == 2 and all(w and w > 100 for w in words)
    assert bands and bands >= 2 * 16
