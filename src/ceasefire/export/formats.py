"""The export extension point: every output format is a :class:`Format`, found through one registry.

Built-in formats (``DEFAULT_FORMATS``) are loaded through the same path a third-party
package takes: a module with a module-level ``FORMAT`` object. Other packages add
formats with an entry point in the ``ceasefire.formats`` group whose value is such a
module (or the ``Format`` object itself), e.g. in their ``pyproject.toml``::

    [project.entry-points."ceasefire.formats"]
    my-format = "my_package.my_format"

A format writes the whole :class:`~ceasefire.models.Export` to a binary stream and must
be deterministic: the same export gives the same bytes (rows sorted by id, no clock).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache
from importlib.metadata import entry_points
from types import ModuleType
from typing import BinaryIO, Protocol, runtime_checkable

from ceasefire.errors import CeasefireError
from ceasefire.models import Export

ENTRY_POINT_GROUP = "ceasefire.formats"
DEFAULT_FORMATS: tuple[str, ...] = (
    "ceasefire.export.json",
    "ceasefire.export.acled_csv",
    "ceasefire.export.ceasefires_csv",
    "ceasefire.export.geojson",
    "ceasefire.export.parquet",
)


@runtime_checkable
class Format(Protocol):
    """One output format of ``ceasefire export --format NAME``."""

    name: str
    """The ``--format`` value, e.g. ``acled-csv``."""
    suffix: str
    """The usual file name ending, e.g. ``.csv``."""
    binary: bool
    """True when the output is not text (it is then never written to a terminal as text)."""
    description: str
    """One line for ``--help``."""

    def write(self, export: Export, out: BinaryIO) -> None:
        """Write the whole export to ``out``; the same export must give the same bytes."""


def _format_of(obj: object, origin: str) -> Format:
    found = obj.FORMAT if isinstance(obj, ModuleType) and hasattr(obj, "FORMAT") else obj
    if not isinstance(found, Format):
        raise CeasefireError(f"export format {origin!r} does not provide a Format")
    return found


def _load(modules: Iterable[str]) -> dict[str, Format]:
    formats: dict[str, Format] = {}
    for name in modules:
        fmt = _format_of(importlib.import_module(name), name)
        formats[fmt.name] = fmt
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        fmt = _format_of(ep.load(), ep.value)
        formats.setdefault(fmt.name, fmt)  # a plugin never replaces a built-in
    return formats


@cache
def registry() -> dict[str, Format]:
    """Every known format by name: the built-ins first, then those of installed packages."""
    return _load(DEFAULT_FORMATS)


def names() -> list[str]:
    """The ``--format`` choices, built-ins in their documented order."""
    return list(registry())


def get(name: str) -> Format:
    """The format called ``name``; an unknown name is a one-line error listing the choices."""
    try:
        return registry()[name]
    except KeyError:
        raise CeasefireError(f"unknown format '{name}': available: {', '.join(names())}") from None
