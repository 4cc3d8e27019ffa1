"""Compare two JSON exports record by record, so releases can be compared.

For each record kind of the contract, ids added, removed, and changed (with the names
of the top-level fields that differ). ``generated`` is not compared: it is when, not what.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ceasefire.errors import CeasefireError

KINDS = ("documents", "actors", "places", "events", "ceasefires", "quotes")


@dataclass
class KindDiff:
    """What changed among the records of one kind."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass
class ExportDiff:
    """The differences between an old and a new export, by record kind."""

    kinds: dict[str, KindDiff]

    def __bool__(self) -> bool:
        return any(self.kinds.values())

    def as_dict(self) -> dict[str, Any]:
        return {kind: asdict(d) for kind, d in self.kinds.items()}


def _by_id(data: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    records = data.get(kind) or []
    return {str(r["id"]): r for r in records}


def diff_records(old: dict[str, Any], new: dict[str, Any]) -> ExportDiff:
    """Compare two parsed exports.

    :param old: the earlier export as parsed JSON
    :param new: the later export as parsed JSON
    :returns: per kind, sorted ids added and removed, and changed ids with their changed fields
    """
    kinds: dict[str, KindDiff] = {}
    for kind in KINDS:
        before, after = _by_id(old, kind), _by_id(new, kind)
        changed: dict[str, list[str]] = {}
        for rid in sorted(before.keys() & after.keys()):
            a, b = before[rid], after[rid]
            fields = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
            if fields:
                changed[rid] = fields
        kinds[kind] = KindDiff(
            added=sorted(after.keys() - before.keys()),
            removed=sorted(before.keys() - after.keys()),
            changed=changed,
        )
    return ExportDiff(kinds)


def load_export(path: Path) -> dict[str, Any]:
    """A JSON export from a file; a missing or malformed file is a one-line error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CeasefireError(f"{path}: cannot read: {exc.strerror}") from None
    except ValueError as exc:
        raise CeasefireError(f"{path}: not JSON: {exc}") from None
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("ceasefire/"):
        raise CeasefireError(f"{path}: not a ceasefire export (no 'schema': 'ceasefire/...')")
    return data


def diff_files(old: Path, new: Path) -> ExportDiff:
    """Compare two export files written by ``ceasefire export --format json``."""
    return diff_records(load_export(old), load_export(new))
