"""The actor registry: generated world knowledge, curated files and the user's, merged and checked.

Each entry has ``id``, ``name``, ``kind`` (an ``ActorKind``), ``country`` (its main
country, ISO 3166 alpha-3), ``parent`` (an actor id), ``aliases`` (spelling variants,
abbreviations, transliterations: matched in running text) and ``ucdp`` (the names UCDP
datasets give the actor: matched by ``actor_for_name`` only, never in running text,
since some are common words such as "IS" or "Turi"). Optional, mostly from UCDP:
``ucdp_id`` (UCDP ActorId), ``full_name`` (the full English name), ``names_original``
(full names in the original language), ``former_names``, ``countries`` (every country
it fought in, ISO alpha-3), ``splinter_of`` and ``alliances`` (actor ids) and
``name_in_text`` (false when the ``name`` itself is unsafe in running text, e.g.
"Kurds": then only the aliases are matched) and ``wing`` (true when the actor is an
armed wing, political front or leadership body of its ``parent``: one conflict party
with it, as UCDP codes the CPP for the New People's Army; a faction or an affiliate is
not a wing). Full, original and former names resolve
through ``actor_for_name``; they are matched in text only when also given as aliases.

Three layers, loaded in this order:

1. generated: ``data/actors/ucdp.generated.jsonl``, written by
   ``scripts/build_ucdp_actors.py`` from the UCDP Actor Dataset (every non-state
   actor; a test fails if it is stale). A UCDP actor the curated files already
   have (by a curated ``ucdp_id``; else a ``ucdp`` name, name or alias equal to a
   UCDP name, in one of its countries) carries that curated id and gives only UCDP
   fields, never name, kind, country or parent; any other is ``ucdp_<ActorId>``
   (ActorIds are stable when UCDP renames an actor; names are not, and collide).
2. curated: ``data/actors/*.yaml``. An id new to the generated layer adds an
   actor (a duplicate id across curated files is a bug); a generated id is
   overlaid: the fields given win, names and lists are added.
3. the user's (``--actors FILE``), same format and fields. An entry with a new
   id adds an actor; one with a known id overrides the fields it gives and adds
   its names, and an alias a user file claims is taken from any other actor, so
   a user can always redirect a name. Errors in a user file become one-line
   ``CeasefireError`` messages naming the file; errors in the built-in files
   are bugs and raise ``ValueError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, get_args

import yaml

from ceasefire.errors import CeasefireError, Errors
from ceasefire.models import ActorKind
from ceasefire.nlp.lexicons import load_jsonl, load_yaml_folder

KINDS: frozenset[str] = frozenset(get_args(ActorKind))
_ISO3 = re.compile(r"[A-Z]{3}")
GENERATED = "ucdp.generated.jsonl"
_SCALARS = ("name", "kind", "country", "parent", "ucdp_id", "full_name", "name_in_text", "wing")
_LISTS = ("aliases", "ucdp", "names_original", "former_names", "countries", "splinter_of", "alliances")
_FIELDS = frozenset({"id", *_SCALARS, *_LISTS})


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
    ucdp_id: int | None = None
    full_name: str | None = None
    names_original: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    splinter_of: tuple[str, ...] = ()
    alliances: tuple[str, ...] = ()
    name_in_text: bool = True
    wing: bool = False
    keys: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", frozenset(name_key(n) for n in self.lookup_names))

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)

    @property
    def text_names(self) -> tuple[str, ...]:
        """What is matched in running text: the aliases, and the name unless it is unsafe there."""
        return self.names if self.name_in_text else self.aliases

    @property
    def lookup_names(self) -> tuple[str, ...]:
        """Every name ``actor_for_name`` resolves: names, UCDP, full, original and former names."""
        full = (self.full_name,) if self.full_name else ()
        return (*self.names, *self.ucdp, *full, *self.names_original, *self.former_names)


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
    for key in ("country", "parent", "full_name"):
        if row.get(key) is not None:
            entry[key] = _strings(row[key], key)[0]
    for key in _LISTS:
        if row.get(key) is not None:
            entry[key] = _strings(row[key], key)
    for code in (entry.get("country"), *entry.get("countries", ())):
        if code is not None and not _ISO3.fullmatch(code):
            raise RegistryError(f"actor {actor!r}: country {code!r} is not an ISO alpha-3 code")
    if row.get("ucdp_id") is not None:
        if not isinstance(row["ucdp_id"], int) or isinstance(row["ucdp_id"], bool):
            raise RegistryError(f"actor {actor!r}: ucdp_id must be an integer")
        entry["ucdp_id"] = row["ucdp_id"]
    for key in ("name_in_text", "wing"):
        if row.get(key) is not None:
            if not isinstance(row[key], bool):
                raise RegistryError(f"actor {actor!r}: {key} must be true or false")
            entry[key] = row[key]
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
    fields = {k: v for k, v in entry.items() if k != "id"}
    return ActorRecord(id=entry["id"], **fields)


def _overlay(old: ActorRecord, entry: dict[str, Any]) -> ActorRecord:
    """A known actor with the fields an entry gives; names and links are added, and a
    replaced name stays an alias so text naming it still resolves."""
    fields = {k: v for k, v in entry.items() if k in _SCALARS}
    name = fields.get("name", old.name)
    kept = (old.name,) if name != old.name and old.name_in_text else ()
    lists: dict[str, Any] = {
        key: tuple(dict.fromkeys((*getattr(old, key), *entry.get(key, ())))) for key in _LISTS
    }
    lists["aliases"] = tuple(
        a for a in dict.fromkeys((*old.aliases, *kept, *entry.get("aliases", ()))) if a != name
    )
    return replace(old, **fields, **lists)


def _layer(generated: dict[str, Any], curated: dict[str, Any]) -> dict[str, Any]:
    """A curated entry over the generated one of its id: its fields win, lists are joined
    (curated first). A curated name is matched in text unless it says otherwise; the
    generated name it replaces is kept among the UCDP names, never as an alias."""
    entry = {**generated, **{k: v for k, v in curated.items() if k in _SCALARS}}
    for key in _LISTS:
        joined = tuple(dict.fromkeys((*curated.get(key, ()), *generated.get(key, ()))))
        if joined:
            entry[key] = joined
    if "name" in curated:
        entry["name_in_text"] = curated.get("name_in_text", True)
        if "name" in generated and generated["name"] != curated["name"]:
            entry["ucdp"] = tuple(dict.fromkeys((*entry.get("ucdp", ()), generated["name"])))
    return entry


# ----------------------------------------------------------------------------- registries


def check(records: Mapping[str, ActorRecord]) -> None:
    """Every parent and linked actor exists and no actor is its own ancestor."""
    for record in records.values():
        for link in (*record.splinter_of, *record.alliances):
            if link not in records:
                raise RegistryError(f"actor {record.id!r}: unknown linked actor {link!r}")
        seen = {record.id}
        parent = record.parent
        while parent is not None:
            if parent not in records:
                raise RegistryError(f"actor {record.id!r}: unknown parent {parent!r}")
            if parent in seen:
                raise RegistryError(f"actor {record.id!r}: parent cycle through {parent!r}")
            seen.add(parent)
            parent = records[parent].parent


def generated_entries() -> dict[str, dict[str, Any]]:
    """The generated layer (``data/actors/ucdp.generated.jsonl``), validated, by id."""
    try:
        entries = [_entry(row) for row in load_jsonl("actors", GENERATED)]
    except RegistryError as exc:
        raise ValueError(f"actors/{GENERATED}: {exc}") from exc
    return {entry["id"]: entry for entry in entries}


def _curated_files() -> list[tuple[str, list[dict[str, Any]]]]:
    """(file name, validated entries) of each curated file (``data/actors/*.yaml``), in name order."""
    files = []
    for name, data in load_yaml_folder("actors"):
        try:
            files.append((name, _entries(data)))
        except RegistryError as exc:
            raise ValueError(f"actors/{name}: {exc}") from exc
    return files


def curated_entries() -> list[dict[str, Any]]:
    """The validated entries of the curated files, in file order (what the generator reads)."""
    return [entry for _, entries in _curated_files() for entry in entries]


@cache
def builtin_registry() -> dict[str, ActorRecord]:
    """The packaged registry: the generated layer overlaid by the curated ``data/actors/*.yaml``.

    A duplicate curated id, an unknown parent or link, or a generated entry no curated
    file completes (one without name or kind) is a bug.
    RETURNS (dict[str, ActorRecord]): curated actors first (in file order), then the rest.
    """
    generated = generated_entries()
    entries: dict[str, dict[str, Any]] = {}
    for name, curated in _curated_files():
        for entry in curated:
            if entry["id"] in entries:
                raise ValueError(f"actors/{name}: duplicate actor id {entry['id']!r}")
            base = generated.get(entry["id"])
            entries[entry["id"]] = _layer(base, entry) if base else entry
    entries.update({k: v for k, v in generated.items() if k not in entries})
    try:
        records = {key: _record(entry) for key, entry in entries.items()}
        check(records)
    except RegistryError as exc:
        raise ValueError(f"actors: {exc}") from exc
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


def actor_for_name(name: str, records: Mapping[str, ActorRecord], country: str | None = None) -> str | None:
    """The id of the actor one of whose names is ``name`` (folded), if exactly one.

    name (str): a name as a dataset writes it, e.g. GED's ``side_b``.
    records (Mapping[str, ActorRecord]): the registry.
    country (str | None): ISO alpha-3 code of the conflict's country; it settles a name
        several actors share (UCDP's "BRA" is a Baloch and a Bougainville group).
    RETURNS (str | None): the actor id, or None when no actor or several have the name.
    Names are the name, aliases, UCDP names, full, original and former names
    (``ActorRecord.lookup_names``).
    """
    key = name_key(name)
    found = [r for r in records.values() if key in r.keys]
    if len(found) > 1 and country is not None:
        found = [r for r in found if country == r.country or country in r.countries]
    return found[0].id if len(found) == 1 else None
