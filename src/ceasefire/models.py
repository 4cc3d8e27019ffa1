"""Typed records of the public data contract (``shared/spec/DATA_MODEL.md``).

These pydantic models are the single source of truth for the export JSON: the
JSON Schema kept in ``export/ceasefire.schema.json`` is generated from them,
the CLI prints them and ``ceasefire.extract`` returns them. Field names follow
the spec exactly; extensions are added fields, never renamed ones.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "ceasefire/1"

Precision = Literal["day", "week", "month", "season", "year", "range", "unknown"]
DateBasis = Literal["metadata", "text", "inferred", "unknown"]
ActorKind = Literal[
    "state",
    "state_force",
    "armed_group",
    "political_party",
    "person",
    "organisation",
    "media",
    "igo",
    "civilians",
    "other",
]
ActorOrigin = Literal["registry", "discovered"]
PlaceKind = Literal["country", "admin1", "admin2", "city", "area"]
Modality = Literal["asserted", "reported", "claimed", "denied", "planned", "hypothetical", "negated"]
EventType = Literal[
    "ceasefire_offer",
    "ceasefire_declare",
    "ceasefire_agree",
    "ceasefire_extend",
    "ceasefire_end",
    "ceasefire_violate",
    "ceasefire_reject",
    "talks_propose",
    "talks_hold",
    "talks_stall",
    "talks_reject",
    "agreement",
    "demand",
    "threat",
    "attack",
    "bombing",
    "airstrike",
    "execution",
    "assassination",
    "abduction",
    "military_operation",
    "arrest",
    "prisoner_release",
    "protest",
    "violence_summary",
]
CeasefireKind = Literal["unilateral", "bilateral", "multilateral", "unknown"]
CeasefireStatus = Literal["proposed", "in_force", "ended", "rejected", "reported"]
Purpose = Literal["peace_process", "election", "humanitarian", "holiday", "other"]


def document_id(text: str) -> str:
    """The content hash that makes storage idempotent: same cleaned text, same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Record(BaseModel):
    """Base for every exported record: unknown fields are an error, so typos surface."""

    model_config = ConfigDict(extra="forbid")


class DateValue(Record):
    """An interval that is never more precise than the text that gave it."""

    start: str | None = None
    end: str | None = None
    precision: Precision = "unknown"
    text: str | None = None

    def interval(self) -> tuple[datetime.date, datetime.date] | None:
        """The first and last day covered, or ``None`` when unknown (or malformed)."""
        if self.precision == "unknown" or not self.start:
            return None
        try:
            return datetime.date.fromisoformat(self.start), datetime.date.fromisoformat(
                self.end or self.start
            )
        except ValueError:
            return None


class Evidence(Record):
    """A span of a document's cleaned text that states a fact."""

    doc: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Published(Record):
    """When a document appeared; ``date`` is an ISO prefix no finer than ``precision``."""

    date: str | None = None
    precision: Precision = "unknown"
    basis: DateBasis = "unknown"


class Removed(Record):
    """What cleaning dropped, so a reader can audit it."""

    duplicate_paragraphs: int = 0
    pull_quotes: int = 0
    boilerplate: list[str] = Field(default_factory=list)
    counts: dict[str, int] = Field(
        default_factory=dict, description="removed items by cleaning rule (caption, comment_prompt, ...)"
    )


class Document(Record):
    id: str
    source: str | None = None
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: Published = Field(default_factory=Published)
    language: str = "en"
    text: str
    removed: Removed = Field(default_factory=Removed)
    near_duplicate_of: str | None = None
    focus: dict[str, float] = Field(
        default_factory=dict,
        description="the countries the document is about (ISO 3166 alpha-3) and each one's share of the "
        "countries it names through actors, state words and places, heaviest first",
    )


class Actor(Record):
    id: str
    name: str
    kind: ActorKind = "other"
    country: str | None = None
    aliases: list[str] = Field(default_factory=list)
    parent: str | None = None
    affiliation: str | None = Field(
        default=None,
        description="for a person or a unit: the actor id of the state, government or group they act "
        "or speak for (a 'Thai Prime Minister' -> Thailand's government); null when unknown",
    )
    origin: ActorOrigin = Field(
        default="registry",
        description="registry: curated or generated world knowledge; discovered: a name found in the text "
        "that no registry knows",
    )
    mentions: list[Evidence] = Field(default_factory=list)


class Place(Record):
    id: str
    name: str
    kind: PlaceKind = "area"
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = Field(default=None, description="the district a town or area lies in")
    lat: float | None = None
    lon: float | None = None
    precision: int | None = Field(
        default=None,
        ge=1,
        le=7,
        description="UCDP GED where_prec of a mention: 1 town or exact place, 2 within about 25 km, "
        "3 district (admin2), 4 province (admin1), 5 region, border or line, 6 country, 7 waters or airspace",
    )
    mentions: list[Evidence] = Field(default_factory=list)


class Number(Record):
    """UCDP-style best/low/high reading of a count."""

    best: int | None = None
    low: int | None = None
    high: int | None = None


class Quantities(Record):
    fatalities: Number | None = None
    injured: Number | None = None
    abducted: Number | None = None
    count: Number | None = None


class Acled(Record):
    event_type: str
    sub_event_type: str | None = None


class Event(Record):
    id: str
    type: EventType
    date: DateValue = Field(default_factory=DateValue)
    actors: dict[str, list[str]] = Field(default_factory=dict)
    place: str | None = None
    quantities: Quantities = Field(default_factory=Quantities)
    attributes: dict[str, object] = Field(default_factory=dict)
    acled: Acled | None = None
    modality: Modality = "asserted"
    said_by: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)


class Conflict(Record):
    field: str
    values: list[object]
    sources: list[str]


class Ceasefire(Record):
    id: str
    title: str | None = Field(
        default=None,
        description="a readable label made from the data: the sides, declarer first, and the months the "
        'truce ran ("TTP – Pakistan ceasefire, Jun–Nov 2022")',
    )
    parties: list[str] = Field(default_factory=list)
    mediators: list[str] = Field(default_factory=list)
    guarantors: list[str] = Field(
        default_factory=list, description="actor ids named as guaranteeing the truce, apart from mediators"
    )
    monitors: list[str] = Field(
        default_factory=list, description="actor ids named as monitoring or verifying the truce"
    )
    declared_by: str | None = None
    ended_by: str | None = None
    kind: CeasefireKind = "unknown"
    announced: bool | None = None
    written: bool | None = None
    purpose: Purpose | None = None
    declared: DateValue | None = None
    start: DateValue | None = None
    extended: list[DateValue] = Field(default_factory=list)
    end: DateValue | None = None
    planned_duration_days: int | None = None
    expected_end: DateValue | None = Field(
        default=None,
        description="the last day the planned duration would cover (start + planned_duration_days - 1), "
        "inferred when the start is known to the day (or to the month: then a range of possible last days) "
        "and the truce was not extended; a plan, not an end",
    )
    end_reason: str | None = None
    status: CeasefireStatus = "reported"
    events: list[str] = Field(default_factory=list)
    violations: list[str] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    sources: int = 0


class Quote(Record):
    id: str
    speaker: str | None = None
    speaker_text: str | None = None
    text: str
    evidence: Evidence


class Export(Record):
    """The whole record: what ``ceasefire export --format json`` writes."""

    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    generated: str
    documents: list[Document] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    ceasefires: list[Ceasefire] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
