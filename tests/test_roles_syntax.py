"""Agents read from the dependency parse (events/roles/syntax.py, nlp/parse.py), on invented sentences."""

from __future__ import annotations

import pytest

from ceasefire.entities.mentions import ActorMention
from ceasefire.events.roles.syntax import parse_agents, trigger_head
from ceasefire.nlp.lexicons import cues
from ceasefire.nlp.parse import parse_many
from ceasefire.nlp.pipeline import make_nlp
from ceasefire.nlp.tokens import token_view
from tests.event_helpers import one

SPEECH = cues().speech_verbs
REACTION = frozenset({"condemned", "welcomed"})


def agents_of(text: str, trigger: str, names: list[str], performative: bool = True) -> list[str] | None:
    """The names the parse makes agents of the first token ``trigger``; None when it leaves the choice.

    Each of ``names`` is an actor of its own, found by its words in the text, so the test does not
    depend on the registry."""
    doc = make_nlp()(text)
    words = [t.text for t in doc]
    mentions = []
    for name in names:
        parts = [t.text for t in make_nlp()(name)]
        start = next(i for i in range(len(words)) if words[i : i + len(parts)] == parts)
        mentions.append(ActorMention(start, start + len(parts), name, "test"))
    at = words.index(trigger)
    sent = next(s for s in doc.sents if s.start <= at < s.end)
    parse = parse_many([(doc, [(sent.start, sent.end)])])[0]
    found = parse_agents(parse, token_view(doc).lower, (at, at + 1), mentions, SPEECH, performative, REACTION)
    return [m.actor for m in found.agents] if found.decided else None


def test_syntax_parse_keeps_our_sentences_and_document_positions() -> None:
    doc = make_nlp()("The rebels met. Later the army agreed to a truce. Talks resumed.")
    second = list(doc.sents)[1]
    parse = parse_many([(doc, [(second.start, second.end)])])[0]
    assert not parse.parsed(0) and not parse.parsed(len(doc) - 1)
    roots = [i for i in range(second.start, second.end) if parse.heads[i] == i]
    assert [doc[i].text for i in roots] == ["agreed"]  # one sentence, one root
    truce = next(t.i for t in doc if t.text == "truce")
    assert trigger_head(parse, truce, truce + 1) == truce
    assert doc[parse.heads[parse.heads[truce]]].text == "agreed"  # truce <- to <- agreed


@pytest.mark.parametrize(
    "text,trigger,names,agents",
    [
        # the subject of the verb a noun trigger completes, past a relative clause between them
        (
            "Ardavia and Belmora, which back rival camps in the war, last week agreed on a truce.",
            "truce",
            ["Ardavia", "Belmora"],
            ["Ardavia", "Belmora"],
        ),
        # the passive's "by" phrase, wherever it stands
        (
            "A truce was declared on Monday by the Northern Front.",
            "declared",
            ["Northern Front"],
            ["Northern Front"],
        ),
        # a subject shared along a chain of verbs
        (
            "The Northern Front has agreed to declare a truce.",
            "declare",
            ["Northern Front"],
            ["Northern Front"],
        ),
        # a pronoun in reported speech is the speaker
        (
            "The Northern Front said it had agreed to a truce.",
            "truce",
            ["Northern Front"],
            ["Northern Front"],
        ),
        # the noun a relative clause describes
        (
            "Talks stalled with the Northern Front, which declared a truce on Friday.",
            "truce",
            ["Northern Front"],
            ["Northern Front"],
        ),
        # a name inside the subject's phrase stands for it
        (
            "Forces loyal to General Orlan and the Valley Council both say they have agreed to a truce.",
            "truce",
            ["General Orlan", "Valley Council"],
            ["General Orlan", "Valley Council"],
        ),
        # coordination through an apposition, and by a comma in a headline
        (
            "Both the army (NVA) and the Delta Front violated the truce.",
            "violated",
            ["NVA", "Delta Front"],
            ["NVA", "Delta Front"],
        ),
        ("Ardavia, Belmora agree to truce", "truce", ["Ardavia", "Belmora"], ["Ardavia", "Belmora"]),
        # a noun trigger's possessor and "by" phrase
        ("Ten soldiers died in an attack by the Delta Front.", "attack", ["Delta Front"], ["Delta Front"]),
        # a passive whose auxiliary a headline leaves out: the "by" phrase acts, not the subject
        (
            "Valley Council officer shot dead by Delta Front gunmen",
            "shot",
            ["Valley Council", "Delta Front"],
            ["Delta Front"],
        ),
        # a comma list of names before the subject's name, however the parser attaches it
        (
            "One dead, 14 injured as Ardavian, Belmoran troops trade fire in the valley",
            "trade",
            ["Ardavian", "Belmoran troops"],
            ["Belmoran troops", "Ardavian"],
        ),
        # a name that only modifies the subject's name describes it
        (
            "Delta Front commander Ilan Voss ambushed a convoy.",
            "ambushed",
            ["Delta Front", "Ilan Voss"],
            ["Ilan Voss"],
        ),
    ],
)
def test_syntax_names_who_acts(text: str, trigger: str, names: list[str], agents: list[str]) -> None:
    assert agents_of(text, trigger, names) == agents


@pytest.mark.parametrize(
    "text,trigger,names,performative",
    [
        # the subject of a verb of reacting did not do the event
        ("Ardavia condemned the attack on the convoy.", "attack", ["Ardavia"], False),
        ("Ardavia welcomed the truce.", "truce", ["Ardavia"], True),
        # nor the subject of a verb of saying, unless saying does it (a truce is declared by saying so)
        ("The Valley Council reported attacks near the border.", "attacks", ["Valley Council"], False),
        # a circumstance: the subject of "died" did not attack
        ("Ten soldiers of the Valley Council died in an attack.", "attack", ["Valley Council"], False),
        # the trigger is the subject: the clause names no one who did it
        ("The truce with the Valley Council collapsed.", "truce", ["Valley Council"], True),
        # harm done to the subject: a verb of harm with no object, a bare participle
        ("Ardavia: 4 members of the Delta Front killed", "killed", ["Ardavia", "Delta Front"], False),
        ("Three Delta Front fighters killed in raid", "killed", ["Delta Front"], False),
    ],
)
def test_syntax_leaves_to_word_order_when_no_subject_acts(
    text: str, trigger: str, names: list[str], performative: bool
) -> None:
    assert agents_of(text, trigger, names, performative) is None


def test_syntax_announcing_is_declaring() -> None:
    assert agents_of("The Valley Council announced a truce.", "truce", ["Valley Council"], True) == [
        "Valley Council"
    ]


@pytest.mark.parametrize(
    "text,event_type,agents",
    [
        # a dateline's agency reports; the sentence's subject acts
        ("Kabul (AFP) - The Taliban announced a ceasefire on Sunday.", "ceasefire_declare", ["afg_taliban"]),
        # reported attacks are done by whom the "by" phrase names, not by the reporter
        ("The Kenyan army reported attacks by al-Shabaab near the border.", "attack", ["al_shabaab"]),
        ("The Pakistani army said it had agreed to a ceasefire.", "ceasefire_agree", ["pak_military"]),
        ("Sudan, South Sudan agree to ceasefire", "ceasefire_agree", ["gov_sdn", "gov_ssd"]),
    ],
)
def test_syntax_agents_in_extraction(text: str, event_type: str, agents: list[str]) -> None:
    assert one(text, event_type).actors.get("agent", []) == agents


def test_syntax_trigger_head_is_the_top_of_its_span() -> None:
    """A span may hold a verb and its object's noun: the verb governs; a noun compound: its last word."""
    doc = make_nlp()(
        "The Delta Front rejected the council's ceasefire offer. Both warned of ceasefire violations."
    )
    parse = parse_many([(doc, [(s.start, s.end) for s in doc.sents])])[0]
    words = [t.text for t in doc]
    rejected, violations = words.index("rejected"), words.index("violations")
    assert trigger_head(parse, rejected, words.index("ceasefire") + 1) == rejected
    assert trigger_head(parse, violations - 1, violations + 1) == violations


@pytest.mark.parametrize(
    "text,event_type",
    [
        # a verb of ending with no object ends its subject: talks that ended are talks that stalled
        ("The talks for a permanent ceasefire deal ended without an agreement.", "talks_stall"),
        ("Negotiations on a truce ended on Friday without a deal.", "talks_stall"),
        # the truce itself, or a truce as the object, is still a truce's end
        ("The ceasefire ended on Monday.", "ceasefire_end"),
        ("The Pakistani Taliban ended the ceasefire on Monday.", "ceasefire_end"),
    ],
)
def test_syntax_what_ended_is_the_subject(text: str, event_type: str) -> None:
    assert one(text, event_type).type == event_type
