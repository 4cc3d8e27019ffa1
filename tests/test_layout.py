"""The package layout keeps dependencies one way: nlp → entities → events → linking → store.

Each stage may import the shared base modules and the stages before it, never one after it
(``../shared/STYLE.md`` §7.1). A test reads the imports with ``ast``, so a late or local import
counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "ceasefire"
BASE = {"models", "errors", "types", "config", "taxonomy"}
ALLOWED: dict[str, set[str]] = {
    "ingest": BASE,
    "nlp": BASE,
    "entities": BASE | {"nlp"},
    "events": BASE | {"nlp", "entities"},
    "linking": BASE | {"nlp", "entities"},
}


def imported_packages(package: str) -> set[str]:
    """The first-level ``ceasefire`` modules a package's files import, other than itself."""
    found: set[str] = set()
    for path in (SRC / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "ceasefire" and len(parts) > 1 and parts[1] != package:
                    found.add(parts[1])
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_layout_imports_run_one_way(package: str) -> None:
    extra = imported_packages(package) - ALLOWED[package]
    assert not extra, f"{package}/ imports {sorted(extra)}, a later stage"


def test_layout_resolve_package_is_gone() -> None:
    """In-document linking lives in entities/, cross-document functions in linking/ (issue 13)."""
    assert not (SRC / "resolve").exists()
    assert (SRC / "entities" / "registry.py").exists() and (SRC / "linking" / "ceasefires.py").exists()
