"""Events: triggers, types, dates, ceasefire attributes, ACLED types, ids, evidence (roles: test_roles_*)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire.events.rules import EVENT_TYPES, load_patterns
from ceasefire.events.write import AcledRule, SentenceWords
from ceasefire.models import Event, Published
from ceasefire.types import Extraction
from tests.event_helpers import ARTICLES, PUBLISHED, assert_evidence_points_into, of_type, one, run


@pytest.mark.parametrize(
    "sentence",
    [
        "The TTP called for a ceasefire.",
        "The militants said they were ready to agree to a truce.",
        "Islamabad urged the TTP to accept a ceasefire.",
        "The government proposed a ceasefire, but the TTP has not responded.",
    ],
)
def test_events_offer_is_not_an_agreement(sentence: str) -> None:
    types = {e.type for e in run(sentence).events}
    assert "ceasefire_offer" in types
    assert "ceasefire_agree" not in types


@pytest.mark.parametrize(
    "sentence",
    [
        "The rebel coalition has rejected a ceasefire with the new president.",
        "The TTP had refused a truce with the government.",
        "The group has flatly dismissed any ceasefire with the army.",
    ],
)
def test_events_a_rejected_truce_is_no_agreement(sentence: str) -> None:
    """ "has ... a ceasefire with" tells a truce in force, unless a verb of refusing stands between."""
    types = {e.type for e in run(sentence).events}
    assert "ceasefire_reject" in types and "ceasefire_agree" not in types


@pytest.mark.parametrize(
    "sentence,event_type",
    [
        # a truce taking effect is one declared or agreed, whatever stands between noun and verb
        ("The reduction in violence deal went into effect on Saturday.", "ceasefire_declare"),
        (
            "A week-long “reduction in violence” between the Taliban and the US began at midnight.",
            "ceasefire_agree",
        ),
        ("The truce has now taken effect across the province.", "ceasefire_declare"),
        ("The truce expired on Monday.", "ceasefire_end"),
        ("The ceasefire collapsed after a week.", "ceasefire_end"),
        ("Talks between the two sides collapsed in Kabul.", "talks_stall"),
        ("Negotiations reached a deadlock over the prisoners.", "talks_stall"),
        ("The government suspended talks after the bombing.", "talks_stall"),
        ("Two soldiers were killed in a suicide bombing in Bannu.", "bombing"),
        ("Three shells landed in the village as Indian shelling resumed.", "airstrike"),
        ("A drone strike killed four militants in North Waziristan.", "airstrike"),
        ("Hundreds of people protested in Quetta against the killings.", "protest"),
        ("A local leader was assassinated in Dera Ismail Khan.", "assassination"),
        ("Militants ambushed a convoy in Kurram.", "attack"),
    ],
)
def test_events_trigger_types(sentence: str, event_type: str) -> None:
    assert event_type in {e.type for e in run(sentence).events}


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # a truce named, then what became of it after an aside, a reduced or a relative clause
        ("The truce, agreed on June 9, 2021, was extended indefinitely.",
         {"ceasefire_agree": "2021-06-09", "ceasefire_extend": None}),
        ("The truce, agreed by the TTP and the government in June, collapsed in November.",
         {"ceasefire_agree": "2021-06-01", "ceasefire_end": "2021-11-01"}),
        ("The ceasefire, which the TTP declared in June, was extended until August.",
         {"ceasefire_declare": "2021-06-01", "ceasefire_extend": None}),
        ("The ceasefire that the militants announced in May was violated within days.",
         {"ceasefire_declare": "2021-05-01", "ceasefire_violate": None}),
        ("The truce agreed on June 9 was extended by a month.",
         {"ceasefire_agree": "2021-06-09", "ceasefire_extend": None}),
    ],
)  # fmt: skip
def test_events_what_befalls_a_truce_named_before(sentence: str, expected: dict[str, str | None]) -> None:
    # each event gets its own clause's date; one with none gets no other clause's (the report window)
    found: dict[str, Event] = {e.type: e for e in run(sentence).events}
    assert set(found) == set(expected)
    for event_type, start in expected.items():
        if start is not None:
            assert found[event_type].date.start == start
        else:
            assert found[event_type].date.precision == "range"  # the report's window, nobody's date


@pytest.mark.parametrize(
    "sentence,event_type",
    [
        ("Since the TTP ended the ceasefire, more than 300 soldiers have been killed.", "violence_summary"),
        ("Since January, militants have killed 120 policemen in the province.", "violence_summary"),
        ("At least 12 soldiers have been killed in the attack since Monday.", "attack"),
        ("Militants have killed 5 policemen in Bannu.", "attack"),
    ],
)
def test_events_a_toll_since_a_moment_is_a_summary(sentence: str, event_type: str) -> None:
    # a count of the dead "since" the truce ended is many events, not one attack with 300 dead
    violent = [e for e in run(sentence).events if e.type in {"attack", "violence_summary"}]
    assert [e.type for e in violent] == [event_type]


@pytest.mark.parametrize(
    "sentence,event_type",
    [
        ("The TTP suspended its attacks during Ramadan.", "ceasefire_declare"),
        ("The army halted military operations in North Waziristan.", "ceasefire_declare"),
        ("Military operations in North Waziristan have been suspended.", "ceasefire_declare"),
        ("The government suspended talks with the TTP.", "talks_stall"),
        ("The TTP postponed the talks with the government.", "talks_stall"),
        ("Talks with the TTP were held in Kabul.", "talks_hold"),
    ],
)
def test_events_halting_is_not_doing(sentence: str, event_type: str) -> None:
    # halting attacks is a truce, suspending talks a stall: neither is an attack or talks held
    types = {e.type for e in run(sentence).events}
    assert types == {event_type}, types


def test_events_a_relative_clause_after_the_trigger_lends_no_date() -> None:
    text = "Militants executed 23 soldiers who had been held captive since 2010."
    assert one(text, "execution").date.start != "2010-01-01"
    spoken = one("Militants attacked a police post, officials said on Friday.", "attack")
    assert spoken.date.start == "2021-11-19" and spoken.date.precision == "day"


@pytest.mark.parametrize(
    "sentence,event_type,expected",
    [
        # a date in a relative or subordinate clause of the subject dates that clause, not the call
        ("Ali Khan, who has led the TTP since its founder was jailed in 2004, called on all sides "
         "to respect the ceasefire.", "demand", None),
        # a coordinated verb keeps its own date
        ("In March, the government declared a truce with the TTP, but called it off in April.",
         "ceasefire_declare", "March"),
        # a participle modifying a noun of the clause is no clause of its own
        ("The TTP declared a ceasefire in a statement posted online on January 12.",
         "ceasefire_declare", "January 12"),
        # "following" is a preposition; the quote is what the minister announced then
        ("\"All parties have agreed on a permanent ceasefire,\" Pakistan's foreign minister announced "
         "following talks with the TTP in Kabul on Wednesday, June 23.",
         "ceasefire_agree", "Wednesday, June 23"),
        # a subjectless complement tells the governing verb's event
        ("Pakistan called on the TTP to lay down arms and withdraw from the valley in a letter read "
         "on March 21.", "demand", "March 21"),
    ],
)  # fmt: skip
def test_events_a_date_of_another_clause_is_not_the_triggers(
    sentence: str, event_type: str, expected: str | None
) -> None:
    """The parse says which clause a date belongs to (events/when.py)."""
    assert one(sentence, event_type).date.text == expected


def test_events_a_date_after_another_trigger_is_that_ones() -> None:
    text = "The TTP called off the ceasefire it had agreed with the government in June and ordered attacks."
    assert one(text, "ceasefire_agree").date.start == "2021-06-01"
    assert one(text, "attack").date.start != "2021-06-01"


@pytest.mark.parametrize(
    "sentence,event_type",
    [
        ("The group announced the end of its month-long truce.", "ceasefire_end"),
        ("The TTP announced an end to the ceasefire on Monday.", "ceasefire_end"),
        ("The militants declared the truce over.", "ceasefire_end"),
        ("The TTP announced it had called off the ceasefire.", "ceasefire_end"),
        ("Both sides agreed to end the ceasefire.", "ceasefire_end"),
        ("The TTP announced an extension of the ceasefire until Eid.", "ceasefire_extend"),
        ("The army announced a breach of the ceasefire near Miranshah.", "ceasefire_violate"),
    ],
)
def test_events_announcing_what_befalls_a_truce_is_no_declaration(sentence: str, event_type: str) -> None:
    # "announced ... ceasefire" declares one unless the words between say its end, extension or breach
    types = {e.type for e in run(sentence).events}
    assert event_type in types and "ceasefire_declare" not in types, types


@pytest.mark.parametrize(
    "sentence,acled",
    [
        ("Gunmen opened fire on a bus, killing five.", ("Violence against civilians", "Attack")),
        ("Militants shot dead two teachers in Swat.", ("Violence against civilians", "Attack")),
        ("Two soldiers and three militants were killed in a clash.", ("Battles", "Armed clash")),
        ("Security forces killed 12 militants in a raid.", ("Battles", "Armed clash")),
    ],
)
def test_events_acled_attack_by_target(sentence: str, acled: tuple[str, str]) -> None:
    event = one(sentence, "attack")
    assert event.acled is not None
    assert (event.acled.event_type, event.acled.sub_event_type) == acled


@pytest.mark.parametrize(
    "sentence,published,expected",
    [
        (
            "The TTP declared a ceasefire on 9 November.",
            PUBLISHED,
            ("2021-11-09", "2021-11-09", "day", "9 November"),
        ),
        (
            "The TTP declared a ceasefire last month.",
            PUBLISHED,
            ("2021-10-01", "2021-10-31", "month", "last month"),
        ),
        # no date expression: a report of day D tells of D or the six days before
        ("The TTP declared a ceasefire.", PUBLISHED, ("2021-11-14", "2021-11-20", "range", None)),
        (
            "The TTP declared a ceasefire.",
            Published(date="2014-03", precision="month", basis="metadata"),
            ("2014-03-01", "2014-03-31", "month", None),
        ),
        (
            "The TTP declared a ceasefire.",
            Published(date="2014", precision="year", basis="inferred"),
            ("2014-01-01", "2014-12-31", "year", None),
        ),
        (
            "The TTP declared a ceasefire.",
            Published(date=None, precision="unknown", basis="unknown"),
            (None, None, "unknown", None),
        ),
        # what is planned or hypothetical is never dated into the future
        ("The TTP will declare a ceasefire.", PUBLISHED, (None, None, "unknown", None)),
        ("The TTP may declare a ceasefire.", PUBLISHED, (None, None, "unknown", None)),
        # a claim or report of what happened is dated like an assertion
        (
            "The TTP reportedly declared a ceasefire.",
            PUBLISHED,
            ("2021-11-14", "2021-11-20", "range", None),
        ),
        (
            "The TTP declared a ceasefire last month.",
            Published(date="2014", precision="year", basis="inferred"),
            (None, None, "unknown", "last month"),
        ),
    ],
)
def test_events_date_from_sentence_else_publication(
    sentence: str, published: Published, expected: tuple[str | None, ...]
) -> None:
    event = next(e for e in run(sentence, published).events if e.type == "ceasefire_declare")
    assert (event.date.start, event.date.end, event.date.precision, event.date.text) == expected


@pytest.mark.parametrize(
    "sentence,event_type,acled",
    [
        (
            "A suicide bomber struck a police station in Peshawar.",
            "bombing",
            ("Explosions/Remote violence", "Suicide bomb"),
        ),
        (
            "A roadside bomb hit an army vehicle in Kech.",
            "bombing",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        (
            "Indian shelling hit a village in Azad Kashmir.",
            "airstrike",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            "Gunmen attacked a bus and killed six civilians.",
            "attack",
            ("Violence against civilians", "Attack"),
        ),
        (
            "The TTP and the government agreed a ceasefire.",
            "ceasefire_agree",
            ("Strategic developments", "Agreement"),
        ),
        ("Police arrested 40 protesters in Karachi.", "arrest", ("Strategic developments", "Arrests")),
    ],
)
def test_events_acled_mapping(sentence: str, event_type: str, acled: tuple[str, str]) -> None:
    event = one(sentence, event_type)
    assert event.acled is not None and (event.acled.event_type, event.acled.sub_event_type) == acled


@pytest.mark.parametrize(
    "sentence,items",
    [
        (
            "The TTP's demands included the release of prisoners, and the withdrawal of troops from Swat.",
            ["the release of prisoners", "the withdrawal of troops from Swat"],
        ),
    ],
)
def test_events_demand_lists_its_content_and_the_content_is_no_event(sentence: str, items: list[str]) -> None:
    events = run(sentence).events
    demand = next(e for e in events if e.type == "demand")
    assert demand.attributes["demands"] == items
    assert demand.actors["agent"] == ["ttp"]
    assert {e.type for e in events} == {"demand"}


@pytest.mark.parametrize(
    "text",
    ["The TTP killed two soldiers in Bannu. Later the army killed four militants in an attack on Bannu."],
)
def test_events_ids_are_stable_and_unique_and_evidence_points_into_text(text: str) -> None:
    first, second = run(text), run(text)
    assert [e.id for e in first.events] == [e.id for e in second.events]
    assert len({e.id for e in first.events}) == len(first.events)
    assert all(len(e.id) == 16 and 0.0 <= e.confidence <= 1.0 for e in first.events)
    assert_evidence_points_into(first)


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_events_every_type_has_a_pattern(event_type: str) -> None:
    assert any(p.label == event_type for p in load_patterns())


def articles_dir() -> Path:
    """The dev articles: the repo's examples/ copy, else the shared corpus next to the repo."""
    repo = Path(__file__).resolve().parents[1]
    for candidate in (repo / ARTICLES[0], Path(__file__).resolve().parents[2] / ARTICLES[1]):
        if candidate.is_dir():
            return candidate
    pytest.fail("dev articles not found in examples/articles or ../shared/corpus/articles")


def article(prefix: str, year: str) -> Extraction:
    path = next(articles_dir().glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return run(text, Published(date=year, precision="year", basis="inferred"), doc_id=path.stem)


@pytest.mark.parametrize("prefix,year", [("000", "2014"), ("003", "2022")])
def test_events_dev_articles_end_to_end_general_facts(prefix: str, year: str) -> None:
    extraction = article(prefix, year)
    assert_evidence_points_into(extraction)
    assert "ttp" in {a.id for a in extraction.actors}
    events = extraction.events
    if prefix == "003":
        assert any(e.type == "ceasefire_end" and "ttp" in e.actors.get("agent", []) for e in events)
        talks = [e for e in events if e.type == "talks_hold"]
        assert any({"afg_taliban", "sirajuddin_haqqani"} & set(e.actors.get("mediator", [])) for e in talks)
    else:
        executions = [e for e in events if e.type == "execution"]
        assert any(e.quantities.fatalities and e.quantities.fatalities.best == 23 for e in executions)
        ttp_ceasefire = [
            e for e in events if e.type.startswith("ceasefire_") and "ttp" in e.actors.get("agent", [])
        ]
        assert ttp_ceasefire
        assert all(e.type != "ceasefire_agree" for e in ttp_ceasefire)


# ----------------------------------------------------------------------------- issue 3: extraction


@pytest.mark.parametrize(
    "sentence,types",
    [
        ("Talks between the government and the TTP collapsed in Kabul.", ["talks_stall"]),
        ("The talks held in Kabul last week failed to produce a deal.", ["talks_stall"]),
        (
            "Talks between the government and the TTP collapsed after the militants held a round of "
            "talks in Kabul.",
            ["talks_stall", "talks_hold"],
        ),
        (
            "The TTP ended the ceasefire it agreed with the government in June.",
            ["ceasefire_end", "ceasefire_agree"],
        ),
        ("The ceasefire had been extended indefinitely.", ["ceasefire_extend"]),
    ],
)
def test_events_types_in_clauses(sentence: str, types: list[str]) -> None:
    assert [e.type for e in run(sentence).events] == types


@pytest.mark.parametrize(
    "text,count",
    [
        ("Militants attacked a checkpoint in Bannu.\n\nMilitants attacked a checkpoint in Bannu.", 1),
        ("Pakistan says India breaks Kashmir ceasefire\n\nPakistan says India breaks Kashmir ceasefire.", 1),
        ("Militants attacked a checkpoint in Bannu. Militants attacked a checkpoint in Tank.", 2),
    ],
)
def test_events_repeated_text_yields_no_second_event(text: str, count: int) -> None:
    assert len(run(text).events) == count


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # the date of the relative clause stays there; the fronted "On Monday" governs the main clause
        (
            "On Monday, the militants, who had signed a truce in 2019, attacked a checkpoint.",
            {"ceasefire_agree": "2019", "attack": "Monday"},
        ),
        # a date after a second trigger belongs to it
        (
            "The TTP ended the ceasefire it agreed with the government in June.",
            {"ceasefire_end": None, "ceasefire_agree": "June"},
        ),
        # a subordinate clause keeps its own date
        (
            "The TTP called off the truce on 28 November after talks collapsed in October.",
            {"ceasefire_end": "28 November", "talks_stall": "October"},
        ),
        # "until" ends what the clause describes; it is not the date of the extension
        (
            "The TTP extended the ceasefire until the election on February 8.",
            {"ceasefire_extend": None},
        ),
    ],
)
def test_events_governing_date(sentence: str, expected: dict[str, str | None]) -> None:
    assert {e.type: e.date.text for e in run(sentence).events} == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The army launched an offensive on June 15, 2014. "
            "Two weeks into the campaign, militants ambushed a convoy.",
            ("2014-06-29", "2014-07-05", "range"),
        ),
        # the campaign has no date of its own: unknown, not guessed
        (
            "The army launched an offensive. Two weeks into the campaign, militants ambushed a convoy.",
            (None, None, "unknown"),
        ),
    ],
)
def test_events_date_anchored_on_an_earlier_event(text: str, expected: tuple[str | None, ...]) -> None:
    event = one(text, "attack")
    assert (event.date.start, event.date.end, event.date.precision) == expected
    # resolved from context: no text, as the spec says; unresolved: the phrase as written
    assert event.date.text == (None if expected[0] else "Two weeks into the campaign")


@pytest.mark.parametrize(
    "sentence,event_type,attributes,date",
    [
        (
            "The government announced a month-long ceasefire starting from November 9.",
            "ceasefire_declare",
            {"duration_days": 30},
            "2021-11-09",
        ),
        ("The two sides agreed a 48-hour ceasefire.", "ceasefire_agree", {"duration_days": 2}, "2021-11-14"),
        (
            "The group announced an indefinite ceasefire.",
            "ceasefire_declare",
            {"duration": "indefinite"},
            "2021-11-14",
        ),
    ],
)
def test_events_ceasefire_duration_and_start(
    sentence: str, event_type: str, attributes: dict[str, object], date: str
) -> None:
    event = one(sentence, event_type)
    assert {k: v for k, v in event.attributes.items() if k.startswith("duration")} == attributes
    assert event.date.start == date


@pytest.mark.parametrize(
    "sentence,until",
    [
        (
            "The TTP extended the ceasefire until the election on February 8.",
            ("2022-02-08", "until the election on February 8"),
        )
    ],
)
def test_events_ceasefire_until_is_an_attribute(sentence: str, until: tuple[str, str]) -> None:
    bound = one(sentence, "ceasefire_extend").attributes["until"]
    assert isinstance(bound, dict) and (bound["end"], bound["text"]) == until


@pytest.mark.parametrize(
    "sentence,event_type,acled",
    [
        (
            "Militants opened fire on a bus carrying passengers in Kohistan.",
            "attack",
            ("Violence against civilians", "Attack"),
        ),
        ("Militants clashed with security forces in North Waziristan.", "attack", ("Battles", "Armed clash")),
        (
            "A grenade attack on a police station wounded four.",
            "bombing",
            ("Explosions/Remote violence", "Grenade"),
        ),
        (
            "A drone strike killed four militants.",
            "airstrike",
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        (
            "Indian troops violated the ceasefire, firing mortar shells across the Line of Control.",
            "ceasefire_violate",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            "Police defused a roadside bomb near a school in Quetta.",
            "bombing",
            ("Strategic developments", "Disrupted weapons use"),
        ),
        # the defused second bomb does not change what the first one was
        (
            "A car bomb killed four in Peshawar, while a second device was defused.",
            "bombing",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
    ],
)
def test_events_acled_by_target_device_and_weapon(
    sentence: str, event_type: str, acled: tuple[str, str]
) -> None:
    event = one(sentence, event_type)
    assert event.acled is not None and (event.acled.event_type, event.acled.sub_event_type) == acled


@pytest.mark.parametrize(
    "sentence,event_type,purpose",
    [
        ("The TTP announced a three-day ceasefire for Eid.", "ceasefire_declare", "holiday"),
        ("The militants declared a truce during Ramadan.", "ceasefire_declare", "holiday"),
        ("The two sides agreed a ceasefire ahead of the election.", "ceasefire_agree", "election"),
        ("The army declared a ceasefire to allow aid into the flooded valley.", "ceasefire_declare",
         "humanitarian"),
        ("The TTP offered a truce after the earthquake in the north.", "ceasefire_offer", "humanitarian"),
        ("The group extended its ceasefire for the polio vaccination drive.", "ceasefire_extend",
         "humanitarian"),
        ("The TTP declared a ceasefire to give talks a chance.", "ceasefire_declare", "peace_process"),
        ("The government agreed to a truce as part of the peace process.", "ceasefire_agree",
         "peace_process"),
        ("The TTP declared a ceasefire on Sunday.", "ceasefire_declare", None),
    ],
)  # fmt: skip
def test_events_ceasefire_purpose_from_cue_words(sentence: str, event_type: str, purpose: str | None) -> None:
    assert one(sentence, event_type).attributes.get("purpose") == purpose


@pytest.mark.parametrize(
    "sentence,event_type,announced",
    [
        ("The army and the TTP observed an unannounced ceasefire.", "ceasefire_declare", False),
        ("The two sides reached an informal truce in the valley.", "ceasefire_agree", False),
        ("The TTP agreed to a tacit ceasefire with the government.", "ceasefire_agree", False),
        ("The TTP announced a ceasefire on Sunday.", "ceasefire_declare", None),
    ],
)
def test_events_unannounced_truce(sentence: str, event_type: str, announced: bool | None) -> None:
    assert one(sentence, event_type).attributes.get("announced") is announced


@pytest.mark.parametrize(
    "sentence,event_type,agent,target",
    [
        ("The TTP rejected the government's demand for a ceasefire.", "ceasefire_reject", ["ttp"],
         ["pak_gov"]),
        ("The army refused the TTP's demands, including the release of prisoners.", "talks_reject",
         ["pak_military"], ["ttp"]),
        ("The TTP said it would not accept any demand that violates its principles.", "talks_reject",
         ["ttp"], []),
        ("The government rejected the TTP's demand for the reversal of the FATA merger.", "talks_reject",
         ["pak_gov"], ["ttp"]),
    ],
)  # fmt: skip
def test_events_refusing_a_demand_is_a_rejection_not_a_demand(
    sentence: str, event_type: str, agent: list[str], target: list[str]
) -> None:
    event = one(sentence, event_type)
    assert event.actors.get("agent") == agent
    assert event.actors.get("target", []) == target
    assert event.modality == "asserted" or event.said_by in agent
    assert event.attributes.get("rejected") == "demand" and event.attributes.get("demands")
    assert not of_type(sentence, "demand")


@pytest.mark.parametrize(
    "sentence,event_type,agent,target",
    [
        ("The government rejected the TTP's offer of a ceasefire during Ramadan.", "ceasefire_reject",
         ["pak_gov"], ["ttp"]),
        ("The TTP spurned the government's call for a truce.", "ceasefire_reject", ["ttp"], ["pak_gov"]),
        ("The army dismissed the TTP's offer of talks.", "talks_reject", ["pak_military"], ["ttp"]),
    ],
)  # fmt: skip
def test_events_refusing_an_offer_is_a_rejection_not_an_offer(
    sentence: str, event_type: str, agent: list[str], target: list[str]
) -> None:
    event = one(sentence, event_type)
    assert event.actors.get("agent") == agent and event.actors.get("target", []) == target
    assert event.attributes.get("rejected") == "offer"
    assert not of_type(sentence, "ceasefire_offer") and not of_type(sentence, "talks_propose")


@pytest.mark.parametrize(
    "sentence,event_type",
    [
        ("The army refused to accept a ceasefire with the militants.", "ceasefire_agree"),
        ("The TTP declined to attend talks in Kabul.", "talks_hold"),
        ("The leadership told its fighters to refrain from attacks.", "attack"),
    ],
)
def test_events_refusing_to_do_it_negates_it(sentence: str, event_type: str) -> None:
    assert {e.modality for e in of_type(sentence, event_type)} <= {"negated"}


def test_events_a_refusal_negates_only_the_verb_after_it() -> None:
    # the mourners refuse the burial, not the deaths
    event = one("Families refuse to bury the dead after the bombing in Quetta.", "bombing")
    assert event.modality == "asserted"


@pytest.mark.parametrize(
    "sentence,agent",
    [
        ("The TTP demanded the release of its prisoners.", "ttp"),
        ("The BLA's demands include the withdrawal of troops.", "bla"),
        ("The TTP called for the release of its commanders.", "ttp"),
        ("The TTP set conditions for talks, including the reversal of the FATA merger.", "ttp"),
    ],
)
def test_events_a_demand_is_the_demanders(sentence: str, agent: str) -> None:
    event = one(sentence, "demand")
    assert event.actors.get("agent") == [agent]
    assert event.modality == "asserted"


@pytest.mark.parametrize(
    "text,event_type,expected",
    [
        # the other event is dated earlier in the document: shifted from it, with no text (inferred)
        (
            "The TTP declared a ceasefire on 9 May 2021. Two days after the truce, talks between the TTP"
            " and the government began.",
            "talks_hold",
            ("2021-05-11", "2021-05-11", "day", None),
        ),
        # the other event's date is not known: unknown, never the publication date
        ("Two days before the election, the TTP declared a ceasefire.", "ceasefire_declare",
         (None, None, "unknown", "Two days before")),
        ("Hours after the announcement, gunmen attacked a bus.", "attack",
         (None, None, "unknown", "Hours after")),
    ],
)  # fmt: skip
def test_events_date_relative_to_another_event(
    text: str, event_type: str, expected: tuple[str | None, str | None, str, str | None]
) -> None:
    date = one(text, event_type).date
    assert (date.start, date.end, date.precision, date.text) == expected


@pytest.mark.parametrize(
    "text,event_type,agents",
    [
        ("India, Pakistan agree to observe ceasefire along LoC", "ceasefire_agree", {"ind_gov", "pak_gov"}),
        (
            "The armies of India and Pakistan agreed on Thursday to strictly observe all agreements on a "
            "ceasefire along the border.",
            "ceasefire_agree",
            {"indian_army", "pak_military"},
        ),
        (
            "Afghanistan and Pakistan agreed to uphold the truce reached in Doha.",
            "ceasefire_agree",
            {"afg_taliban", "pak_gov"},  # published in November 2021, after Kabul fell
        ),
        (
            "The TTP and the government agreed to respect the ceasefire.",
            "ceasefire_agree",
            {"ttp", "pak_gov"},
        ),
        (
            "India and Pakistan recommitted to the 2003 ceasefire agreement.",
            "ceasefire_agree",
            {"ind_gov", "pak_gov"},
        ),
        (
            "The TTP and the government agreed to extend the ceasefire by a month.",
            "ceasefire_extend",
            {"ttp", "pak_gov"},
        ),
        ("Pakistan and India held talks on Monday.", "talks_hold", {"pak_gov", "ind_gov"}),
        (
            "Afghanistan, Pakistan troops clash at Torkham border crossing",
            "attack",
            {"afg_taliban", "pak_military"},
        ),
        ("Indian and Pakistani troops clashed along the border.", "attack", {"indian_army", "pak_military"}),
    ],
)
def test_events_two_sided_events_have_both_sides_as_agents(
    text: str, event_type: str, agents: set[str]
) -> None:
    assert set(one(text, event_type).actors.get("agent", [])) == agents


@pytest.mark.parametrize(
    "text",
    [
        "The armies of India and Pakistan agreed to observe a ceasefire along the Line of Control.",
        "The two sides announced that they had agreed to a ceasefire.",
        "Kabul and Islamabad declared they had agreed to a truce.",
    ],
)
def test_events_agreement_wins_over_declaration_in_one_sentence(text: str) -> None:
    types = [e.type for e in run(text).events]
    assert "ceasefire_agree" in types and "ceasefire_declare" not in types


@pytest.mark.parametrize(
    "text,agent",
    [
        ("The TTP declared a ceasefire on Sunday.", "ttp"),
        ("Pakistan announced a unilateral ceasefire along the border.", "pak_gov"),
    ],
)
def test_events_one_sided_declaration_stays_a_declaration(text: str, agent: str) -> None:
    assert one(text, "ceasefire_declare").actors["agent"] == [agent]


@pytest.mark.parametrize(
    "text,event_type,agents",
    [
        (
            "Talks between the TTP and Pakistan were held in Kabul. Both sides agreed to a ceasefire.",
            "ceasefire_agree",
            {"ttp", "pak_gov"},
        ),
        (
            "Pakistan and India held talks on Monday. The two sides agreed to respect the ceasefire.",
            "ceasefire_agree",
            {"pak_gov", "ind_gov"},
        ),
        (
            "India, Pakistan agree to observe ceasefire. A joint statement said both sides would hold talks.",
            "talks_hold",
            {"ind_gov", "pak_gov"},
        ),
    ],
)
def test_events_both_sides_are_the_sides_named_before(text: str, event_type: str, agents: set[str]) -> None:
    assert set(one(text, event_type).actors.get("agent", [])) == agents


@pytest.mark.parametrize(
    "text",
    [
        "The armies of India and Pakistan agreed to a ceasefire.",
        "The directors general of military operations of India and Pakistan held talks over the hotline.",
        "Troops of Afghanistan and Pakistan were put on alert.",
    ],
)
def test_events_forces_nouns_and_offices_are_no_military_operation(text: str) -> None:
    assert not of_type(text, "military_operation")


@pytest.mark.parametrize(
    "text",
    [
        "The army launched a military operation in North Waziristan.",
        "Security forces began a crackdown on militants in Bajaur.",
    ],
)
def test_events_operation_wording_still_is_a_military_operation(text: str) -> None:
    assert of_type(text, "military_operation")


@pytest.mark.parametrize(
    "text,expected",
    [
        # "it" stands for the last singular thing that can be ended: the truce, not the plural talks
        (
            "Pakistan and the TTP agreed a ceasefire in June 2022 after talks in Kabul. "
            "The TTP ended it in November of the same year.",
            [("ceasefire_agree", "2022-06-01"), ("ceasefire_end", "2022-11-01")],
        ),
        (
            "The TTP declared a truce on 9 November 2021 but called it off a month later.",
            [("ceasefire_declare", "2021-11-09"), ("ceasefire_end", None)],
        ),
        (
            "The government announced a ceasefire on 1 May 2021. It was extended on 30 May.",
            [("ceasefire_declare", "2021-05-01"), ("ceasefire_extend", "2021-05-30")],
        ),
        # the nearest candidate is the operation: its end is no truce's end
        (
            "The army launched an operation after the truce collapsed in May. "
            "The government ended it in July.",
            [("military_operation", None), ("ceasefire_end", None)],
        ),
        # nothing to refer back to
        ("The TTP ended it in November 2022.", []),
        ("The ceasefire talks went on for weeks. Officials then extended it.", []),
    ],
)
def test_events_pronoun_refers_back_to_a_ceasefire(text: str, expected: list[tuple[str, str | None]]) -> None:
    got = [
        (e.type, e.date.start)
        for e in run(text, PUBLISHED).events
        if e.type.startswith("ceasefire_") or e.type == "military_operation"
    ]
    wanted = [(etype, day) for etype, day in expected]
    assert [t for t, _ in got] == [t for t, _ in wanted]
    assert [d for (_, d), (_, w) in zip(got, wanted, strict=True) if w is not None] == [
        w for _, w in wanted if w is not None
    ]


@pytest.mark.parametrize(
    "sentence,agents",
    [
        ("Pakistan and the TTP agreed a month-long ceasefire in June 2022.", ["pak_gov", "ttp"]),
        ("Pakistan and Tehreek-e-Taliban Pakistan agreed to extend the ceasefire.", ["pak_gov", "ttp"]),
    ],
)
def test_events_country_coordinated_with_a_group_is_its_state(sentence: str, agents: list[str]) -> None:
    (event,) = [e for e in run(sentence).events if e.type.startswith("ceasefire_")]
    assert sorted(event.actors["agent"]) == agents
    assert event.place is None


def test_events_country_coordinated_with_a_common_noun_stays_a_place() -> None:
    events = run("Fighting in Pakistan and Afghanistan killed 20 people.").events
    assert all("pak_gov" not in e.actors.get("agent", []) for e in events)


@pytest.mark.parametrize(
    "sentence,event_type,agent",
    [
        # the subject of a verb of reacting reacts; it did not carry out the event after the verb
        ("Pakistan condemns terrorist attack on foreign tourists.", "attack", []),
        ("Pakistan PM slams hotel attack as bid to damage economy.", "attack", []),
        ("India condemned Pakistani shelling that killed three villagers.", "airstrike", ["pak_military"]),
        ("The TTP attacked a checkpoint after the army condemned the group.", "attack", ["ttp"]),
    ],
)
def test_events_reacting_is_not_acting(sentence: str, event_type: str, agent: list[str]) -> None:
    assert one(sentence, event_type).actors.get("agent", []) == agent


@pytest.mark.parametrize(
    "headline,event_type",
    [
        ("At least 9 foreign tourists killed in Pakistan: police", "attack"),
        ("Gunmen kill 3 in Karachi: police", "attack"),
        ("Death toll in Pakistan church bomb rises to 25 - police", "bombing"),
    ],
)
def test_events_headline_source_after_a_colon_or_dash_is_no_target(headline: str, event_type: str) -> None:
    assert "pak_police" not in one(headline, event_type).actors.get("target", [])


@pytest.mark.parametrize(
    "sentence,protest",
    [
        ("Blast at election rally kills 15 in Pakistan.", False),  # the rally is the scene of the attack
        ("Suicide bomber kills 25 at Pakistan election rally.", False),
        ("Thousands rally in Karachi against the killings.", True),
        ("Opposition supporters held a rally in Lahore.", True),
        ("Police fired at the protesters in Quetta.", True),
    ],
)
def test_events_a_rally_is_a_protest_unless_it_is_a_campaign_event_or_a_scene(
    sentence: str, protest: bool
) -> None:
    assert any(e.type == "protest" for e in run(sentence).events) == protest


@pytest.mark.parametrize(
    "text,rejected",
    [
        # "the offer" is the last offer of a kind before it: the truce, not the talks
        ("The TTP offered a ceasefire for Eid. The army rejected the offer.", True),
        ("The TTP offered talks, but the government rejected the offer.", False),
        ("The government rejected the proposal to build a dam.", False),
        ("The TTP called for a truce; the government turned down the call.", True),
    ],
)
def test_events_the_offer_refers_back_to_a_ceasefire(text: str, rejected: bool) -> None:
    assert any(e.type == "ceasefire_reject" for e in run(text).events) == rejected


@pytest.mark.parametrize(
    "sentence,purpose",
    [
        ("The TTP observed an unannounced ceasefire before the February 2024 election.", "election"),
        ("The group declared a truce ahead of the 11 May 2013 elections.", "election"),
        ("The group declared a three-day truce for Eid.", "holiday"),
    ],
)
def test_events_purpose_reads_past_a_date(sentence: str, purpose: str) -> None:
    (event,) = [e for e in run(sentence).events if e.type.startswith("ceasefire_")]
    assert event.attributes.get("purpose") == purpose


@pytest.mark.parametrize(
    "text",
    [
        # asking another side to act is a demand (PLOVER REQUEST): urge / call on / appeal to X to do Y
        "The government urged the Delta Front to free the hostages.",
        "The council called on both armies to withdraw from the valley.",
        "The envoy appealed to all sides to end the violence.",
    ],
)
def test_events_asking_a_side_to_act_is_a_demand(text: str) -> None:
    assert one(text, "demand").type == "demand"


@pytest.mark.parametrize(
    "text",
    [
        "The army urged caution.",  # nothing asked of a side
        "Residents called on Friday to report the damage.",  # "called on <day>"
    ],
)
def test_events_urging_without_an_act_asked_is_no_demand(text: str) -> None:
    assert of_type(text, "demand") == []


@pytest.mark.parametrize(
    "text,event_type",
    [
        # the terms of art of agreements are ceasefires
        ("The Delta Front and the army agreed a cessation of hostilities on Monday.", "ceasefire_agree"),
        ("The Delta Front declared a cessation of all hostilities.", "ceasefire_declare"),
        ("The Delta Front and the army agreed a seven-day reduction in violence.", "ceasefire_agree"),
        ("The army announced a reduction-in-violence period.", "ceasefire_declare"),
        ("The Delta Front called for a humanitarian pause.", "ceasefire_offer"),
    ],
)
def test_events_terms_of_art_for_a_ceasefire(text: str, event_type: str) -> None:
    assert one(text, event_type).type == event_type


def _acled_rule(**cues: object) -> AcledRule:
    return AcledRule.of({"types": ["attack"], "words": ["beat"], "acled": ["Riots", "Mob violence"], **cues})


@pytest.mark.parametrize(
    "cues,sentence,holds",
    [
        ({}, "villagers beat a thief", True),
        ({}, "villagers stoned a thief", False),
        # also: one word of each list as well
        ({"also": [["thief", "robber"], ["market"]]}, "villagers beat a thief", False),
        ({"also": [["thief", "robber"], ["market"]]}, "villagers beat a robber in the market", True),
        # unless: none of these
        ({"unless": ["police"]}, "police beat a thief", False),
        # before / not_before: the doer stands before the verb; after: whom it is done to after it
        ({"before": ["villagers"]}, "villagers beat a thief", True),
        ({"before": ["villagers"]}, "soldiers beat villagers", False),
        ({"after": ["villagers"]}, "soldiers beat villagers", True),
        ({"not_before": ["were"]}, "villagers were beat by soldiers", False),
        # phrases are matched token by token, in YAML nested lists (aliases of shared lists) too
        ({"before": [["angry crowd"], "mob"]}, "an angry crowd beat a thief", True),
    ],
)
def test_events_acled_rule_cues(cues: dict[str, object], sentence: str, holds: bool) -> None:
    assert SentenceWords.of(sentence.split()).has_any(_acled_rule(**cues)) is holds


def test_events_acled_rule_focus_keeps_words_to_it() -> None:
    # "beat" outside the focus (a background clause of classify) does not make the rule hold
    tokens = ["they", "fled", "after", "villagers", "beat", "a", "thief"]
    assert SentenceWords.of(tokens).has_any(_acled_rule())
    assert not SentenceWords.of(tokens, frozenset({0, 1})).has_any(_acled_rule())
    assert SentenceWords.of(tokens, frozenset({0, 1})).has_any(_acled_rule(words=["fled"], also=[["beat"]]))


def test_events_acled_any_type_is_every_type() -> None:
    rule = AcledRule.of(
        {"types": ["any"], "words": ["mob"], "acled": ["Riots", "Mob violence"]}, {}, frozenset({"a"})
    )
    assert rule.types == {"a"}


@pytest.mark.parametrize(
    "sentence,event_type",
    [
        # a war's toll over its span is a summary of violence
        ("The 12-year conflict has cost more than 9,000 lives.", "violence_summary"),
        ("The insurgency has claimed thousands of lives since 2004.", "violence_summary"),
        ("The two-year war has killed thousands and displaced millions.", "violence_summary"),
        # a call for a truce whose adjectives a comma separates
        ("The envoy appealed for a complete, immediate nationwide ceasefire.", "ceasefire_offer"),
        # talks by telephone
        ("The two presidents discussed the truce by phone on Monday.", "talks_hold"),
        ("In a phone call on Monday, the two leaders reviewed the truce.", "talks_hold"),
    ],
)
def test_events_tolls_calls_and_phone_talks(sentence: str, event_type: str) -> None:
    assert event_type in {e.type for e in run(sentence).events}


@pytest.mark.parametrize(
    "sentence",
    [
        "Any breach will be met with a harsh response, TTP spokesman Muhammad Khurasani said.",
        "“We are always ready to repel any attack,” TTP spokesman Muhammad Khurasani said.",
        "TTP spokesman Muhammad Khurasani said the group would retaliate.",
        "TTP spokesman Muhammad Khurasani said the fighters would defend themselves if attacked.",
    ],
)
def test_events_a_promise_of_force_is_a_threat_its_speaker_makes(sentence: str) -> None:
    """What is to come makes it a threat; the threat itself was made (asserted), by its speaker."""
    threats = of_type(sentence, "threat")
    assert threats and threats[0].modality == "asserted"
    assert (
        "muhammad_khurasani" in threats[0].actors.get("agent", [])
        or threats[0].said_by == "muhammad_khurasani"
    )
