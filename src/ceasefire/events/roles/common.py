"""The words and types every part of role reading shares: cue lists of ``data/lexicons/cues.yaml``
and the roles of one trigger."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property

from ceasefire.nlp.lexicons import load_yaml, token_forms

PARTY_KINDS = frozenset({"state", "state_force", "armed_group", "political_party"})


QUANTITY_KINDS = ("fatalities", "injured", "abducted")  # by severity: the first wins a tie between cues


Phrase = tuple[str, ...]


COORDINATORS = frozenset({"and", ",", "&", "as", "well", "along", "together", "with"})


POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True)
class RoleCues:
    """The role-related word lists of ``cues.yaml``."""

    prepositions: frozenset[str]
    determiners: frozenset[str]
    clause_boundaries: frozenset[str]
    reaction_verbs: frozenset[str]
    subject_openers: frozenset[str]
    subject_heads: frozenset[str]
    target_boundaries: frozenset[str]
    fronted_subordinators: frozenset[str]
    mediation_verbs: frozenset[str]
    mediation_by: tuple[tuple[str, ...], ...]
    guarantee_by: tuple[tuple[str, ...], ...]
    monitoring_by: tuple[tuple[str, ...], ...]
    monitoring_after: tuple[tuple[str, ...], ...]
    guarantee_after: tuple[tuple[str, ...], ...]
    demand_window: int
    demand_openers: tuple[tuple[str, ...], ...]
    demand_verbs: frozenset[str]
    quantity_windows: tuple[int, int]
    quantity_before: dict[str, tuple[Phrase, ...]]
    quantity_after: dict[str, tuple[Phrase, ...]]
    quantity_stops: frozenset[str]
    toll_prepositions: frozenset[str]
    toll_window: int
    noun_stops: frozenset[str]
    count_blockers: frozenset[str]
    not_counted: frozenset[str]
    singular_victims: frozenset[str]
    passive_fillers: frozenset[str]
    count_modifiers: frozenset[str]

    @cached_property
    def victim_words(self) -> frozenset[str]:
        """Words after a noun that make it a victim: "soldiers killed", "workers abducted"."""
        return frozenset(p[0] for phrases in self.quantity_after.values() for p in phrases if len(p) == 1)

    @cached_property
    def victim_verbs(self) -> frozenset[str]:
        """One-word cues before a count of victims: "killing [6 soldiers]", "wounded [two policemen]"."""
        return frozenset(p[0] for phrases in self.quantity_before.values() for p in phrases if len(p) == 1)

    @cached_property
    def injury_words(self) -> frozenset[str]:
        return frozenset(p[0] for p in self.quantity_after["injured"] if len(p) == 1)

    @cached_property
    def all_cue_words(self) -> frozenset[str]:
        """Every word of a quantity cue: none of them describes what is counted."""
        table = (*self.quantity_after.values(), *self.quantity_before.values())
        return frozenset(w for phrases in table for p in phrases for w in p)

    @cached_property
    def after_by_first(self) -> dict[str, tuple[tuple[str, Phrase], ...]]:
        """``quantity_after`` as (kind, phrase) pairs by the phrase's first word, in table order."""
        return _index_phrases(self.quantity_after, 0)

    @cached_property
    def before_by_last(self) -> dict[str, tuple[tuple[str, Phrase], ...]]:
        """``quantity_before`` as (kind, phrase) pairs by the phrase's last word, in table order."""
        return _index_phrases(self.quantity_before, -1)


def _index_phrases(
    table: dict[str, tuple[Phrase, ...]], position: int
) -> dict[str, tuple[tuple[str, Phrase], ...]]:
    """(kind, phrase) pairs keyed by one word of the phrase, keeping the kinds' and phrases' order."""
    index: dict[str, list[tuple[str, Phrase]]] = {}
    for kind, phrases in table.items():
        for phrase in phrases:
            if not phrase:
                raise ValueError(f"empty {kind} quantity cue in cues.yaml")
            index.setdefault(phrase[position], []).append((kind, phrase))
    return {word: tuple(pairs) for word, pairs in index.items()}


@cache
def role_cues() -> RoleCues:
    raw = load_yaml("lexicons", "cues.yaml")
    q = raw["quantities"]
    return RoleCues(
        prepositions=frozenset(raw["prepositions"]),
        determiners=frozenset(raw["determiners"]),
        clause_boundaries=frozenset(raw["clause_boundaries"]),
        reaction_verbs=frozenset(raw["reaction_verbs"]),
        subject_openers=frozenset(raw["subject_openers"]),
        subject_heads=frozenset(raw.get("subject_heads", [])),
        target_boundaries=frozenset(raw["target_boundaries"]),
        fronted_subordinators=frozenset(raw["fronted_subordinators"]),
        mediation_verbs=frozenset(raw["mediation_verbs"]),
        mediation_by=tuple(token_forms(p) for p in raw["mediation_by"]),
        guarantee_by=tuple(token_forms(p) for p in raw["third_parties"]["guarantor"]["before"]),
        guarantee_after=tuple(token_forms(p) for p in raw["third_parties"]["guarantor"]["after"]),
        monitoring_by=tuple(token_forms(p) for p in raw["third_parties"]["monitor"]["before"]),
        monitoring_after=tuple(token_forms(p) for p in raw["third_parties"]["monitor"]["after"]),
        demand_window=int(raw["demand_content"]["window"]),
        demand_openers=tuple(token_forms(p) for p in raw["demand_content"]["openers"]),
        demand_verbs=frozenset(raw["demand_content"]["verbs"]),
        quantity_windows=(int(q["window_before"]), int(q["window_after"])),
        quantity_before=quantity_phrases({k: q[k]["before"] for k in QUANTITY_KINDS}),
        quantity_after=quantity_phrases({k: q[k]["after"] for k in QUANTITY_KINDS}),
        quantity_stops=frozenset(q["stops"]),
        toll_prepositions=frozenset(q["toll"]["prepositions"]),
        toll_window=int(q["toll"]["window"]),
        noun_stops=frozenset(q["noun_stops"]) | frozenset(raw["prepositions"]),
        count_blockers=frozenset(q["not_after"]),
        not_counted=frozenset(q["not_counted"]),
        singular_victims=frozenset(q["singular_victims"]),
        passive_fillers=frozenset(q["passive_fillers"]),
        count_modifiers=frozenset(q["count_modifiers"]),
    )


@dataclass
class Roles:
    """Actor ids by role for one trigger, and whose claim the sentence reports."""

    agent: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    mediator: list[str] = field(default_factory=list)
    guarantor: list[str] = field(default_factory=list)
    monitor: list[str] = field(default_factory=list)
    said_by: str | None = None
    source_only: bool = False

    def as_dict(self) -> dict[str, list[str]]:
        return {
            k: v
            for k, v in (
                ("agent", self.agent),
                ("target", self.target),
                ("mediator", self.mediator),
                ("guarantor", self.guarantor),
                ("monitor", self.monitor),
            )
            if v
        }


def add(ids: list[str], actor: str) -> None:
    if actor not in ids:
        ids.append(actor)


def quantity_phrases(raw: dict[str, list[str]]) -> dict[str, tuple[Phrase, ...]]:
    return {k: tuple(sorted((token_forms(w) for w in raw.get(k, [])), key=len, reverse=True)) for k in raw}
