"""Extraction settings passed explicitly from the caller to the extractors.

A frozen, hashable value rather than module state: the same config gives the
same output in every process (``ingest --workers`` pickles it to each worker),
and caches of built matchers are keyed on it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractConfig:
    """What extraction reads besides the built-in data.

    actor_files (tuple[str, ...]): user actor registries (YAML, the format of
        ``data/actors/*.yaml``) merged over the built-in one in order; a later
        entry with a known id overrides its fields and adds its aliases.
    """

    actor_files: tuple[str, ...] = ()


DEFAULT_CONFIG = ExtractConfig()
