"""SQLAlchemy 2.0 tables for the stored record.

Documents, actors, places, events, evidence, ceasefires and quotes each get a
table; offsets and dates are real columns (so they can be indexed and queried),
while small nested values that are only ever read whole (quantities,
attributes, the ``removed`` audit) are JSON. The schema is the same on SQLite
and PostgreSQL.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    source: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    published_date: Mapped[str | None] = mapped_column(String(10), index=True)
    published_precision: Mapped[str] = mapped_column(String(8))
    published_basis: Mapped[str] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    removed: Mapped[dict[str, Any]] = mapped_column(JSON)
    near_duplicate_of: Mapped[str | None] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer, index=True, doc="order of arrival, for stable listings")
    focus: Mapped[dict[str, float] | None] = mapped_column(JSON, doc="country code -> share (Document.focus)")


class ActorRow(Base):
    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(3))
    parent: Mapped[str | None] = mapped_column(String(120))
    aliases: Mapped[list[Any]] = mapped_column(JSON)
    affiliation: Mapped[str | None] = mapped_column(String(120))
    origin: Mapped[str] = mapped_column(String(12), default="registry")


class MentionRow(Base):
    """A span of a document naming an actor or a place (``entity`` says which)."""

    __tablename__ = "mentions"
    __table_args__ = (
        UniqueConstraint("entity", "ref", "doc_id", "start", "end", name="uq_mention"),
        Index("ix_mentions_ref", "entity", "ref"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(8))
    ref: Mapped[str] = mapped_column(String(120))
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class PlaceRow(Base):
    __tablename__ = "places"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    country: Mapped[str | None] = mapped_column(String(3))
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[int | None] = mapped_column(Integer)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_type_date", "type", "date_start"),)  # event resolution's blocking

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(24), index=True)
    date_start: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str] = mapped_column(String(8))
    date_text: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[str | None] = mapped_column(String(120))
    quantities: Mapped[dict[str, Any]] = mapped_column(JSON)
    # the best death toll of ``quantities``, as a column so the dashboard can sum it by month in SQL
    fatalities: Mapped[int | None] = mapped_column(Integer)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON)
    acled: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    modality: Mapped[str] = mapped_column(String(12))
    said_by: Mapped[str | None] = mapped_column(String(120))
    confidence: Mapped[float] = mapped_column(Float)


class EventActorRow(Base):
    __tablename__ = "event_actors"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    actor_id: Mapped[str] = mapped_column(String(120), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class EvidenceRow(Base):
    """A sentence backing an event (``owner`` is ``event`` or ``ceasefire``)."""

    __tablename__ = "evidence"
    __table_args__ = (
        Index("ix_evidence_owner", "owner", "owner_id"),
        # a page of documents counts its events, search its sentences' events: by document, covered
        Index("ix_evidence_doc_owner", "doc_id", "owner", "owner_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner: Mapped[str] = mapped_column(String(10))
    owner_id: Mapped[str] = mapped_column(String(40))
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class CeasefireRow(Base):
    """A registry episode; derived from events, so it is rebuilt whole by ``resolve``."""

    __tablename__ = "ceasefires"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[str] = mapped_column(String(10))
    start_date: Mapped[str | None] = mapped_column(String(10), index=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    speaker: Mapped[str | None] = mapped_column(String(120))
    speaker_text: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)


class MetaRow(Base):
    """Store-wide facts, e.g. when it last changed (an export's ``generated`` time)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DocSignatureRow(Base):
    """A document's MinHash signature (``linking/duplicates.py``), so near-duplicate detection
    never re-reads the texts of the whole store; ``version`` names the shingling and hashing."""

    __tablename__ = "doc_signatures"

    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    hashvalues: Mapped[bytes] = mapped_column(LargeBinary)
    words: Mapped[int | None] = mapped_column(Integer, doc="normalised words: rules out candidates unread")


class DocBandRow(Base):
    """One LSH band key of a document's signature (``linking/duplicates.band_keys``): documents
    sharing a key are near-duplicate candidates, found by the index instead of in memory."""

    __tablename__ = "doc_bands"
    __table_args__ = ({"sqlite_with_rowid": False},)

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)


class EventKeyRow(Base):
    """A blocking key of an event (``linking/events.blocking_keys``, hashed) at its first day:
    event resolution asks this index for the stored events that share a key with a new one
    inside its date window, instead of comparing it with every event of the window.

    Derived data without a foreign key: a row whose event has gone, or whose day has moved
    (rows for the new day are added), only proposes a candidate the join to ``events`` drops.
    """

    __tablename__ = "event_keys"
    __table_args__ = ({"sqlite_with_rowid": False},)

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    date_start: Mapped[str] = mapped_column(String(10), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(16), primary_key=True)
