"""Bring a store made by an older version up to the current schema, in place.

``create_all`` makes missing tables but never touches existing ones, so a column
added since a store was created is added here (and filled from what the row
already holds), and the full-text search structures are created when missing:
SQLite gets FTS5 tables kept in step by triggers, PostgreSQL GIN indexes on
``to_tsvector``. Every statement is a constant of this module: nothing a user
typed ever reaches this SQL.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, select, text, update

from ceasefire.store.schema import EventRow

# SQLite: external-content FTS5 tables over documents (title and text) and evidence sentences,
# with the triggers that keep them in step with their tables.
SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE VIRTUAL TABLE IF NOT EXISTS evidence_fts USING fts5("
    "text, content='evidence', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS evidence_fts_insert AFTER INSERT ON evidence BEGIN "
    "INSERT INTO evidence_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS evidence_fts_delete AFTER DELETE ON evidence BEGIN "
    "INSERT INTO evidence_fts(evidence_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS evidence_fts_update AFTER UPDATE ON evidence BEGIN "
    "INSERT INTO evidence_fts(evidence_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO evidence_fts(rowid, text) VALUES (new.id, new.text); END",
)
SQLITE_REBUILD = (
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    "INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild')",
)
POSTGRES_SEARCH = (
    "CREATE INDEX IF NOT EXISTS ix_documents_fts ON documents "
    "USING GIN (to_tsvector('english', coalesce(title, '') || ' ' || text))",
    "CREATE INDEX IF NOT EXISTS ix_evidence_fts ON evidence USING GIN (to_tsvector('english', text))",
)


def upgrade(conn: Connection) -> None:
    """Add what this version needs to a store of any earlier version; a no-op on a current one.

    Runs inside the caller's transaction, which holds the writers' lock: two processes opening
    one store at once never both alter it."""
    _add_fatalities(conn)
    _add_signature_words(conn)
    _add_document_focus(conn)
    _add_actor_affiliation(conn)
    _add_search(conn)


def _add_fatalities(conn: Connection) -> None:
    """``events.fatalities`` (since 0.1.0+registry): the best toll, filled from ``quantities``."""
    if "fatalities" in {c["name"] for c in inspect(conn).get_columns("events")}:
        return
    conn.execute(text("ALTER TABLE events ADD COLUMN fatalities INTEGER"))
    for event_id, quantities in conn.execute(select(EventRow.id, EventRow.quantities)).all():
        best = ((quantities or {}).get("fatalities") or {}).get("best")
        if best is not None:
            conn.execute(update(EventRow).where(EventRow.id == event_id).values(fatalities=best))


def _add_signature_words(conn: Connection) -> None:
    """``doc_signatures.words`` (since the stored LSH index): filled by ``ensure_index``, which
    rebuilds the index of a store whose ``near_duplicate_index`` meta is missing."""
    if "words" in {c["name"] for c in inspect(conn).get_columns("doc_signatures")}:
        return
    conn.execute(text("ALTER TABLE doc_signatures ADD COLUMN words INTEGER"))


def _add_document_focus(conn: Connection) -> None:
    """``documents.focus`` (since the states of the world): empty for documents stored before; a
    re-ingest of the same text leaves them as they are (documents are stored once)."""
    if "focus" in {c["name"] for c in inspect(conn).get_columns("documents")}:
        return
    conn.execute(text("ALTER TABLE documents ADD COLUMN focus JSON"))


def _add_actor_affiliation(conn: Connection) -> None:
    """``actors.affiliation`` and ``actors.origin`` (since discovered actors): people found in the text
    (``person:`` ids, the only actors outside the registry before) become ``discovered``; affiliations
    stay unknown until a document is read again."""
    columns = {c["name"] for c in inspect(conn).get_columns("actors")}
    if "affiliation" not in columns:
        conn.execute(text("ALTER TABLE actors ADD COLUMN affiliation VARCHAR(120)"))
    if "origin" not in columns:
        conn.execute(text("ALTER TABLE actors ADD COLUMN origin VARCHAR(12) DEFAULT 'registry'"))
        conn.execute(text("UPDATE actors SET origin = 'discovered' WHERE id LIKE 'person:%'"))


def _add_search(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        existed = "documents_fts" in inspect(conn).get_table_names()
        for statement in SQLITE_SEARCH:
            conn.execute(text(statement))
        if not existed:  # a store made before search: index what it already holds
            for statement in SQLITE_REBUILD:
                conn.execute(text(statement))
    elif conn.dialect.name == "postgresql":
        for statement in POSTGRES_SEARCH:
            conn.execute(text(statement))
