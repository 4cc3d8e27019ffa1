"""What a side demands: the content of a demand after its trigger."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ceasefire.events.roles.common import role_cues
from ceasefire.nlp.tokens import at


def demand_content(
    doc: Doc, sent: Span, trigger_start: int, trigger_end: int
) -> tuple[int, list[str]] | None:
    """Where the list of demands starts (character offset) and its items, if the sentence gives them."""
    c = role_cues()
    start = None
    if doc[trigger_start].lower_ in c.demand_verbs and doc[trigger_start].lower_.endswith(("ed", "ing")):
        start = trigger_end
    for i in range(trigger_end, min(sent.end, trigger_end + c.demand_window)):
        for opener in c.demand_openers:
            if at(doc, i, opener):
                start = i + len(opener)
                break
        if start is not None:
            break
    if start is None or start >= sent.end:
        return None
    content = doc[start : sent.end]
    text = content.text.strip().rstrip(".;:!?").strip()
    items = [item.strip(" ,") for item in _split_items(text)]
    return content.start_char, [item for item in items if item]


def _split_items(text: str) -> list[str]:
    """Split "A, and B" / "A and the B" into items (a conjunction before a determiner starts a new one)."""
    return re.split(r",\s*(?:and\s+)?|\s+and\s+(?=(?:the|an?|their|its|all)\s)", text)
