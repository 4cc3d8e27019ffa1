"""The shipped lexicons hold what their readers expect."""

from __future__ import annotations

from typing import Any

from ceasefire.nlp.lexicons import data_dir, load_yaml


def _booleans(value: Any, path: str) -> list[str]:
    """Booleans where words are expected: items of lists, and keys (flags as values are fine)."""
    found: list[str] = []
    if isinstance(value, dict):
        found += [f"{path}: key {k}" for k in value if isinstance(k, bool)]
        for k, v in value.items():
            found += _booleans(v, f"{path}/{k}")
    elif isinstance(value, list):
        for v in value:
            found += [path] if isinstance(v, bool) else _booleans(v, path)
    return found


def test_lexicons_have_no_yaml_booleans() -> None:
    """YAML 1.1 reads a bare on, off, yes or no as a boolean: a word list would silently lose it."""
    found = []
    for folder in ("lexicons", "actors", "places"):
        for path in data_dir(folder).iterdir():
            if path.name.endswith(".yaml"):
                found += _booleans(load_yaml(folder, path.name), f"{folder}/{path.name}")
    assert found == []
