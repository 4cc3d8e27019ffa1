"""The timeline marks each event with the registry's own links, so table and registry agree."""

from __future__ import annotations

import pytest

from ceasefire.cli.tables import episode_of
from ceasefire.models import Ceasefire, Event


@pytest.mark.parametrize(
    "event_id,marker",
    [("e-declare", "cf-1"), ("e-attack", "(cf-1)"), ("e-elsewhere", "")],
)
def test_tables_episode_marker_follows_the_registry(event_id: str, marker: str) -> None:
    registry = [Ceasefire(id="cf-1", events=["e-declare"], violations=["e-attack"])]
    assert episode_of(Event(id=event_id, type="attack"), registry) == marker
