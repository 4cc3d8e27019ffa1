"""Who did what to whom, how sure, and how many: rules over one sentence, split by concern.

Without a parser, roles come from word order and small function words:
the agent is the nearest actor before the trigger that is not the object of a
preposition ("the TTP ... after calling off" ← TTP, not "on security forces"),
plus actors coordinated with it; "by X" after a trigger names the agent of a
passive; "between A and B" names the parties; the subject of "hosted talks"
and "mediated by X" name mediators. Modality and the source of a claim come
from cue words of ``data/lexicons/cues.yaml``:

- a cue scopes over its own clause (up to ``modality_clause_breaks``), so "the
  TTP, which may split, attacked a post" is an asserted attack; a cue verb with
  a "that"-complement ("denied reports that it had agreed") scopes into it;
- generic or habitual wording ("has used this tactic ..., calling for
  ceasefires", "usually", "routinely") is ``hypothetical``: the spec has no
  generic modality, and hypothetical is the value that says "no asserted
  occurrence";
- "X says Y did Z" makes X the source (``said_by``) and Y the agent; when X is
  a party to the conflict (state, force, armed group, party) speaking about
  what another side did, the event is X's ``claimed`` account. A side speaking
  of its own acts announces them, and stays asserted.
Each concern has its module: ``attribution`` (who says so), ``agents`` (agents, targets, parties,
mediators, victims), ``syntax`` (agents from the parse), ``parties`` (the other side of a one-sided
truce), ``modality`` (how sure), ``counts`` (how many), ``demands`` (what a side asks
for); ``common`` holds the cue lists and the ``Roles`` of one trigger.
"""

from __future__ import annotations

from ceasefire.events.roles.agents import assign_roles
from ceasefire.events.roles.attribution import Attribution, find_attributions
from ceasefire.events.roles.common import PARTY_KINDS, Roles, role_cues
from ceasefire.events.roles.counts import Count, classify_numbers, number_text, sum_numbers
from ceasefire.events.roles.demands import demand_content
from ceasefire.events.roles.modality import attributed_modality, modality_of, responsibility_claim
from ceasefire.events.roles.parties import ONE_SIDED, Side, plain_counterpart

__all__ = [
    "ONE_SIDED",
    "PARTY_KINDS",
    "Attribution",
    "Count",
    "Roles",
    "Side",
    "assign_roles",
    "attributed_modality",
    "classify_numbers",
    "demand_content",
    "find_attributions",
    "modality_of",
    "number_text",
    "plain_counterpart",
    "responsibility_claim",
    "role_cues",
    "sum_numbers",
]
