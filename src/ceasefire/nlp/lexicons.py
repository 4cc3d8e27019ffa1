"""Access to the rule data shipped in ``ceasefire/data`` (YAML and JSONL files).

Rules live in data files so they can be read, reviewed and extended without
touching code; this module only finds and parses them, failing loudly on a
malformed file rather than running with half a lexicon.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any, TypeVar, cast

import yaml

from ceasefire.nlp.pipeline import make_nlp

# libyaml's safe loader when PyYAML has it: the same data, parsed about 7x faster (start-up)
T = TypeVar("T")
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_dir(*parts: str) -> Traversable:
    """The packaged data folder (or a path inside it)."""
    path = resources.files("ceasefire") / "data"
    for part in parts:
        path = path / part
    return path


def load_yaml(*parts: str) -> dict[str, Any]:
    """Parse one YAML mapping from the data folder."""
    path = data_dir(*parts)
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    if not isinstance(loaded, dict):
        raise ValueError(f"{'/'.join(parts)}: expected a mapping at the top level")
    return loaded


def word_lists(cls: type[T], *parts: str) -> T:
    """A frozen dataclass of word lists filled from a YAML mapping whose keys are its field names:
    each list becomes a frozenset, so a lexicon and its reader cannot drift apart silently (a
    missing key fails at load)."""
    raw = load_yaml(*parts)
    return cls(**{f.name: frozenset(raw[f.name]) for f in fields(cast(Any, cls))})


def load_yaml_folder(folder: str) -> list[tuple[str, dict[str, Any]]]:
    """Parse every ``*.yaml`` file of a data sub-folder, in name order."""
    files = sorted((p for p in data_dir(folder).iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)
    return [(p.name, load_yaml(folder, p.name)) for p in files]


def load_jsonl(*parts: str) -> list[dict[str, Any]]:
    """Parse a JSONL file; blank lines and lines starting with ``//`` are skipped."""
    rows = []
    text = data_dir(*parts).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{'/'.join(parts)} line {number}: {err}") from err
        if not isinstance(row, dict):
            raise ValueError(f"{'/'.join(parts)} line {number}: expected an object")
        rows.append(row)
    return rows


def token_forms(phrase: str) -> tuple[str, ...]:
    """Lower-cased tokens of a phrase as the pipeline's tokenizer splits it."""
    return tuple(t.lower_ for t in make_nlp().make_doc(phrase))


@dataclass(frozen=True)
class Cues:
    """The shared word lists of ``data/lexicons/cues.yaml``, tokenized once."""

    speech_verbs: frozenset[str]
    modality: tuple[tuple[str, tuple[tuple[str, ...], ...], int | None, bool], ...]
    modality_clause_breaks: frozenset[str]
    generic: tuple[tuple[str, ...], ...]
    claim_not_followed_by: frozenset[str]
    responsibility_verbs: frozenset[str]
    reported_plan_verbs: frozenset[str]
    performative_verbs: frozenset[str]
    nonviolent_modality: tuple[tuple[str, tuple[tuple[str, ...], ...], int | None], ...]
    subject_nouns: frozenset[str]
    subject_window: int
    subject_stops: frozenset[str]
    onset_nouns: frozenset[str]
    onset_verbs: frozenset[str]
    titles: tuple[tuple[str, ...], ...]
    apposition_roles: frozenset[str]
    not_name_words: frozenset[str]


@cache
def cues() -> Cues:
    """Load the cue lexicon (cached: read once per process)."""
    raw = load_yaml("lexicons", "cues.yaml")
    modality = []
    for key, spec in raw["modality"].items():
        name = spec.get("as", key)
        if "cues" in spec:
            modality.append((name, tuple(token_forms(w) for w in spec["cues"]), spec.get("window"), False))
        if "anywhere" in spec:
            modality.append((name, tuple(token_forms(w) for w in spec["anywhere"]), None, True))
    titles = sorted((token_forms(t) for t in raw["titles"]), key=len, reverse=True)
    return Cues(
        speech_verbs=frozenset(raw["speech_verbs"]),
        modality=tuple(modality),
        modality_clause_breaks=frozenset(raw["modality_clause_breaks"]),
        generic=tuple(token_forms(w) for w in raw["generic"]),
        claim_not_followed_by=frozenset(raw["modality"]["claimed"].get("not_followed_by", [])),
        responsibility_verbs=frozenset(raw["modality"]["claimed"].get("responsibility_verbs", [])),
        reported_plan_verbs=frozenset(raw["reported_plan_verbs"]),
        performative_verbs=frozenset(raw["performative_verbs"]),
        nonviolent_modality=tuple(
            (e["as"], tuple(token_forms(w) for w in e["cues"]), e.get("window"))
            for e in raw["nonviolent_modality"]
        ),
        subject_nouns=frozenset(raw["modality_after_subject"]["nouns"]),
        subject_window=int(raw["modality_after_subject"]["window"]),
        subject_stops=frozenset(raw["modality_after_subject"]["stops"]),
        onset_nouns=frozenset(raw["scheduled_onset"]["ceasefire_nouns"]),
        onset_verbs=frozenset(raw["scheduled_onset"]["verbs"]),
        titles=tuple(titles),
        apposition_roles=frozenset(raw["apposition_roles"]),
        not_name_words=frozenset(raw["not_name_words"]) | {w for t in titles for w in t if w.isalpha()},
    )
