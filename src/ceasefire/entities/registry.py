"""The actor registry: the built-in YAML files plus the user's, merged and checked.

Each file holds ``actors:``, a list of entries with ``id``, ``name``, ``kind``
(an ``ActorKind``), ``country`` (ISO 3166 alpha-3), ``parent`` (an actor id),
``aliases`` (spelling variants, abbreviations, transliterations) and ``ucdp``
(the name UCDP datasets give the actor: matched by ``actor_for_name`` only,
never in running text, since some are common words such as "IS" or "Turi").

User files (``--actors FILE``) use the same format. An entry with a new id adds
an actor; one with a known id overrides the fields it gives and adds its
aliases, and an alias a user file claims is taken from any other actor, so a
user can always redirect a name. Errors in a user file become one-line
``CeasefireError`` messages naming the file; errors in the built-in files are
bugs and raise ``ValueError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, get_args

import yaml

from ceasefire.errors import CeasefireError, Errors
from ceasefire.models import ActorKind
from ceasefire.nlp.lexicons import load_yaml_folder

KINDS: frozenset[str] = frozenset(get_args(ActorKind))
_ISO3 = re.compile(r"[A-Z]{3}")
_FIELDS = frozenset({"id", "name", "kind", "country", "parent", "aliases", "ucdp"})


class RegistryError(ValueError):
    """A malformed registry entry or file; the message is one line."""


@dataclass(frozen=True)
class ActorRecord:
    """One actor as the registry (or a rule) defines it."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    ucdp: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias: what is matched in text."""
        return (self.name, *self.aliases)


# ----------------------------------------------------------------------------- entries


def _strings(value: Any, key: str) -> tuple[str, ...]:
    """A string or a list of strings, as a tuple; anything else is an error."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        raise RegistryError(f"{key!r} must be a string or a list of non-empty strings")
    return tuple(v.strip() for v in items)


def _entry(row: Any) -> dict[str, Any]:
    """Validate one raw entry; returns only the fields it gives, normalised."""
    if not isinstance(row, dict):
        raise RegistryError(f"each actor must be a mapping, got {type(row).__name__}")
    if not isinstance(row.get("id"), str) or not row["id"].strip():
        raise RegistryError(f"an actor without an 'id': {row!r}"[:200])
    actor = row["id"].strip()
    unknown = set(row) - _FIELDS
    if unknown:
        raise RegistryError(f"actor {actor!r}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    entry: dict[str, Any] = {"id": actor}
    if "name" in row:
        entry["name"] = _strings(row["name"], "name")[0]
    if "kind" in row:
        if row["kind"] not in KINDS:
            raise RegistryError(
                f"actor {actor!r}: kind {row['kind']!r} is not one of {', '.join(sorted(KINDS))}"
            )
        entry["kind"] = row["kind"]
    for key in ("country", "parent"):
        if row.get(key) is not None:
            entry[key] = _strings(row[key], key)[0]
    if "country" in entry and not _ISO3.fullmatch(entry["country"]):
        raise RegistryError(f"actor {actor!r}: country {entry['country']!r} is not an ISO alpha-3 code")
    for key in ("aliases", "ucdp"):
        if row.get(key) is not None:
            entry[key] = _strings(row[key], key)
    return entry


def _entries(data: Any) -> list[dict[str, Any]]:
    """The validated entries of one parsed file."""
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise RegistryError("expected a mapping with an 'actors:' list")
    return [_entry(row) for row in data["actors"]]


def _record(entry: dict[str, Any]) -> ActorRecord:
    missing = [key for key in ("name", "kind") if key not in entry]
    if missing:
        raise RegistryError(f"new actor {entry['id']!r} needs {' and '.join(missing)}")
    return ActorRecord(
        id=entry["id"],
        name=entry["name"],
        kind=entry["kind"],
        country=entry.get("country"),
        parent=entry.get("parent"),
        aliases=entry.get("aliases", ()),
        ucdp=entry.get("ucdp", ()),
    )


def _overlay(old: ActorRecord, entry: dict[str, Any]) -> ActorRecord:
    """A known actor with the fields an entry gives; aliases and UCDP names are added, and a
    replaced name stays an alias so text naming it still resolves."""
    fields = {k: v for k, v in entry.items() if k in {"name", "kind", "country", "parent"}}
    name = fields.get("name", old.name)
    kept = (old.name,) if name != old.name else ()
    aliases = tuple(a for a in dict.fromkeys((*old.aliases, *kept, *entry.get("aliases", ()))) if a != name)
    ucdp = tuple(dict.fromkeys((*old.ucdp, *entry.get("ucdp", ()))))
    return replace(old, **fields, aliases=aliases, ucdp=ucdp)


# ----------------------------------------------------------------------------- registries


def check(records: Mapping[str, ActorRecord]) -> None:
    """Every parent exists and no actor is its own ancestor."""
    for record in records.values():
        seen = {record.id}
        parent = record.parent
        while parent is not None:
            if parent not in records:
                raise RegistryError(f"actor {record.id!r}: unknown parent {parent!r}")
            if parent in seen:
                raise RegistryError(f"actor {record.id!r}: parent cycle through {parent!r}")
            seen.add(parent)
            parent = records[parent].parent


@cache
def builtin_registry() -> dict[str, ActorRecord]:
    """The packaged registry (``data/actors/*.yaml``); a duplicate id or unknown parent is a bug."""
    records: dict[str, ActorRecord] = {}
    for name, data in load_yaml_folder("actors"):
        try:
            for entry in _entries(data):
                if entry["id"] in records:
                    raise RegistryError(f"duplicate actor id {entry['id']!r}")
                records[entry["id"]] = _record(entry)
        except RegistryError as exc:
            raise ValueError(f"actors/{name}: {exc}") from exc
    check(records)
    return records


def _read_user_file(path: str) -> list[dict[str, Any]]:
    """Parse and validate one user file, failing with a one-line message that names it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CeasefireError(Errors.E018.format(file=path, detail=f"cannot read: {reason}")) from None
    try:
        return _entries(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise CeasefireError(Errors.E018.format(file=path, detail=_yaml_reason(exc))) from None
    except RegistryError as exc:
        raise CeasefireError(Errors.E018.format(file=path, detail=str(exc))) from None


def _yaml_reason(exc: yaml.YAMLError) -> str:
    """A YAML error on one line: "line 3: mapping values are not allowed here"."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"line {mark.line + 1}: {problem}" if mark is not None else f"invalid YAML: {problem}"


def _merge(records: dict[str, ActorRecord], entries: Iterable[dict[str, Any]]) -> None:
    """Add or override entries in place; aliases a user claims are taken from other actors."""
    for entry in entries:
        old = records.get(entry["id"])
        records[entry["id"]] = _overlay(old, entry) if old else _record(entry)
        claimed = set(entry.get("aliases", ())) | ({entry["name"]} if "name" in entry else set())
        for other in list(records.values()):
            if other.id != entry["id"] and claimed & set(other.aliases):
                records[other.id] = replace(
                    other, aliases=tuple(a for a in other.aliases if a not in claimed)
                )


def load_registry(actor_files: tuple[str, ...] = ()) -> dict[str, ActorRecord]:
    """The built-in registry with the user's files merged over it, in order.

    actor_files (tuple[str, ...]): paths of user YAML files.
    RETURNS (dict[str, ActorRecord]): actors keyed by id.
    """
    records = dict(builtin_registry())
    for path in actor_files:
        entries = _read_user_file(path)
        try:
            _merge(records, entries)
            check(records)
        except RegistryError as exc:
            raise CeasefireError(Errors.E018.format(file=path, detail=str(exc))) from None
    return records


# ----------------------------------------------------------------------------- names


def name_key(name: str) -> str:
    """A name folded for lookup: case, hyphens, apostrophes and spacing do not matter."""
    folded = name.casefold().replace("’", "'").replace("-", " ")
    return " ".join(folded.split())


def actor_for_name(name: str, records: Mapping[str, ActorRecord]) -> str | None:
    """The id of the actor whose name, alias or UCDP name is ``name`` (folded), if exactly one."""
    key = name_key(name)
    found = {r.id for r in records.values() if key in {name_key(n) for n in (*r.names, *r.ucdp)}}
    return found.pop() if len(found) == 1 else None
