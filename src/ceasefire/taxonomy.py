"""Event families, as the spec defines them for scoring and filtering."""

from __future__ import annotations

VIOLENCE = frozenset(
    {
        "attack",
        "bombing",
        "airstrike",
        "execution",
        "assassination",
        "abduction",
        "military_operation",
        "ceasefire_violate",
        "violence_summary",
    }
)


def family(event_type: str) -> str:
    """``ceasefire`` for ceasefire_* (violations are violence), ``talks``, ``violence``, else the type."""
    if event_type in VIOLENCE:
        return "violence"
    if event_type.startswith("ceasefire_"):
        return "ceasefire"
    if event_type.startswith("talks_"):
        return "talks"
    return event_type
