"""Internal records that travel between pipeline stages (not part of the export contract)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ceasefire.models import Actor, Document, Event, Place, Quote


@dataclass(frozen=True)
class RawDocument:
    """One document as a reader found it, before cleaning.

    ``source`` names where it came from (a path, ``path#3`` for the third record
    of a JSONL/CSV file, ``<stdin>``); metadata fields are ``None`` when absent.
    ``plain`` is true for plain text whose first line may be a headline.
    """

    source: str
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: str | None = None
    url: str | None = None
    plain: bool = True


@dataclass(frozen=True)
class ReadFailure:
    """A file (or record) that could not be read, with a one-line reason for stderr."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Extraction:
    """Everything found in one document; offsets in every evidence point into ``document.text``."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
