"""Build every state of the world as data: its words, names and capitals, and its role actors.

Raw data: countryinfo (each country's English name, demonym, capital and alternative spellings)
and country_converter (short and official names, UN membership), both as packaged files, plus
UCDP's actor list (``../shared/corpus/ucdp-actors/ucdp-actor-221.csv``) for the name UCDP gives
each government. Curated corrections: ``scripts/data/states.yaml``. Generated, read at run time:

- ``src/ceasefire/data/lexicons/countries.yaml``: per state, the modifier words ("Ethiopian",
  "South Sudanese"), names as a noun, capitals, and the actor of each generic role (government,
  forces, police, civilians), with earlier roles where power changed hands;
- ``src/ceasefire/data/actors/states.yaml``: the role actors the curated registry does not already
  hold ("Government of Ethiopia", "Armed Forces of Ethiopia", ...), with UCDP's government names.

``tests/test_states.py`` fails when the checked-in files differ from a rebuild. Run ``make states``
after changing an input.

Usage: python scripts/build_states.py [--ucdp CSV] [--out-dir SRC_DATA_DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
CURATED = Path(__file__).resolve().parent / "data" / "states.yaml"
DATA = REPO / "src" / "ceasefire" / "data"
UCDP_CSV = REPO.parent / "shared" / "corpus" / "ucdp-actors" / "ucdp-actor-221.csv"
ROLES = ("government", "forces", "police", "civilians")
# Alternative spellings are kept only as multi-word English forms ("Republic of the Sudan"): single
# words there are codes, native names or given names ("Dominique"), so curated data adds those.
ENGLISH_FORM = re.compile(
    r"[A-Za-z' .\-]*\b(Republic|Kingdom|State|States|Federation|Federal|Commonwealth|Principality|Sultanate|"
    r"Emirates?|Union|Democratic|Islamic|People's|Confederation|Duchy|Independent|Socialist)\b[A-Za-z' .\-]*"
)
GOVERNMENT_OF = "Government of "


@dataclass
class State:
    """One state as the generator assembles it."""

    code: str
    name: str
    the: bool
    demonym: str | None
    names: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    official: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    earlier: list[dict[str, Any]] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    ucdp: list[str] = field(default_factory=list)

    @property
    def display(self) -> str:
        return f"the {self.name}" if self.the else self.name


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _countryinfo() -> dict[str, dict[str, Any]]:
    """countryinfo's records by ISO alpha-3 (a few of its files are empty or not JSON: skipped)."""
    found: dict[str, dict[str, Any]] = {}
    for path in resources.files("countryinfo").joinpath("data").iterdir():
        if not path.name.endswith(".json"):
            continue
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        code = (record.get("ISO") or {}).get("alpha3")
        if code:
            found[code] = record
    return found


def _converter() -> dict[str, dict[str, str]]:
    """country_converter's table by ISO alpha-3 (read as a file: its pandas code is not needed)."""
    text = resources.files("country_converter").joinpath("country_data.tsv").read_text(encoding="utf-8")
    return {row["ISO3"]: row for row in csv.DictReader(text.splitlines(), delimiter="\t")}


def _is_english_form(name: str) -> bool:
    """A multi-word English form of a state's name ("Republic of the Sudan"), not a native one."""
    return " " in name and ENGLISH_FORM.fullmatch(name) is not None


def assemble(curated: dict[str, Any]) -> list[State]:
    """Every UN member state and the curated extra states, with curated corrections applied."""
    info, table = _countryinfo(), _converter()
    codes = sorted({c for c, row in table.items() if row.get("UNmember")} | set(curated["extra_states"]))
    fixes: dict[str, dict[str, Any]] = curated.get("countries", {})
    the = set(curated.get("with_the", []))
    states = []
    for code in codes:
        extra = curated["extra_states"].get(code, {})
        record, row = info.get(code, {}), table.get(code, {})
        fix = fixes.get(code, {})
        name = extra.get("name") or record.get("name") or row["name_short"]
        demonym = extra.get("demonym") or record.get("demonym") or None
        official = _unique(
            [
                n
                for n in (extra.get("official"), row.get("name_official"), *record.get("altSpellings", []))
                if n and n != name and _is_english_form(n)
            ]
        )
        not_names = set(fix.get("not_names", []))
        official = [n for n in official if n not in not_names]
        names = _unique([name, row.get("name_short", ""), *official, *fix.get("names", [])])
        not_words = {w.lower() for w in fix.get("not_words", [])}
        words = _unique(
            [w.lower() for w in (name, row.get("name_short", ""), demonym or "")]
            + [w.lower() for w in fix.get("words", [])]
        )
        capital = extra.get("capital") or record.get("capital") or ""
        not_capitals = set(fix.get("not_capitals", []))
        states.append(
            State(
                code=code,
                name=name,
                the=code in the,
                demonym=demonym,
                names=names,
                words=[w for w in words if w not in not_words],
                capitals=[c for c in _unique([capital, *fix.get("capitals", [])]) if c not in not_capitals],
                official=official,
                roles=dict(fix.get("roles", {})),
                earlier=[
                    {"until": str(e["until"]), "roles": dict(e["roles"])} for e in fix.get("earlier", [])
                ],
                aliases={role: list(v) for role, v in fix.get("aliases", {}).items()},
            )
        )
    return states


def ucdp_governments(path: Path) -> list[str]:
    """UCDP's names of state governments (``Org`` = 4), in the file's order."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        return [row["NameData"] for row in csv.DictReader(handle) if row["Org"].strip() == "4"]


def match_governments(states: list[State], names: list[str], curated: dict[str, Any]) -> list[str]:
    """Give each state the UCDP names of its government; return the names of no current state.

    A UCDP name is "Government of <country>", matched by country_converter's name patterns; a
    former state's name ("Russia (Soviet Union)") takes the current state its pattern also names.
    """
    table = _converter()
    by_code = {s.code: s for s in states}
    historical = curated.get("historical_governments", {})
    left = []
    for ucdp in names:
        country = ucdp.removeprefix(GOVERNMENT_OF)
        hits = [
            code
            for code, row in table.items()
            if code in by_code and row.get("regex") and re.search(row["regex"], country, re.IGNORECASE)
        ]
        if len(hits) == 1 and ucdp not in historical:
            by_code[hits[0]].ucdp.append(ucdp)
        else:
            left.append(ucdp)
    return left


def role_actors(state: State) -> list[dict[str, Any]]:
    """The role actors a state needs that the curated registry does not already hold."""
    low = state.code.lower()
    government = state.roles.get("government", f"gov_{low}")
    display = state.display
    names = {
        "government": f"Government of {display}",
        "forces": f"Armed Forces of {display}",
        "police": f"Police of {display}",
        "civilians": f"Civilians of {display}",
    }
    kinds = {
        "government": "state",
        "forces": "state_force",
        "police": "state_force",
        "civilians": "civilians",
    }
    actors = []
    for role in ROLES:
        if role in state.roles:
            continue
        entry: dict[str, Any] = {"id": f"{role_prefix(role)}_{low}", "name": names[role], "kind": kinds[role]}
        entry["country"] = state.code
        if role in {"forces", "police"}:
            entry["parent"] = government
        aliases = state.aliases.get(role, [])
        if role == "government":
            ucdp = [n for u in state.ucdp for n in ucdp_forms(u)]
            aliases = [*state.official, *aliases, *(n for n in ucdp if n != names[role])]
        if _unique(aliases):
            entry["aliases"] = _unique(aliases)
        if role == "government" and state.ucdp:
            entry["ucdp"] = state.ucdp
        actors.append(entry)
    return actors


def ucdp_forms(ucdp: str) -> list[str]:
    """The names a UCDP government name stands for in text: "Government of DR Congo (Zaire)" is
    "Government of DR Congo" and "Government of Zaire" (a former name of the state)."""
    match = re.fullmatch(r"(Government of )(.+?) \((.+)\)", ucdp)
    if match is None:
        return [ucdp]
    return [match[1] + match[2], match[1] + match[3]]


def role_prefix(role: str) -> str:
    return {"government": "gov"}.get(role, role)


def country_rules(state: State) -> dict[str, Any]:
    """A state's entry of countries.yaml."""
    low = state.code.lower()
    roles = {role: state.roles.get(role, f"{role_prefix(role)}_{low}") for role in ROLES}
    entry: dict[str, Any] = {"name": state.name, "words": state.words, "names": state.names}
    if state.capitals:
        entry["capitals"] = state.capitals
    entry["roles"] = roles
    if state.earlier:
        entry["earlier"] = [{"until": e["until"], "roles": {**roles, **e["roles"]}} for e in state.earlier]
    return entry


def historical_actors(left: list[str], curated: dict[str, Any]) -> list[dict[str, Any]]:
    """Governments of former states, as actors of their own."""
    actors = []
    for ucdp in left:
        spec = curated.get("historical_governments", {}).get(ucdp)
        if spec is None:
            raise SystemExit(f"UCDP government {ucdp!r} matches no state: add it to historical_governments")
        slug = re.sub(r"[^a-z0-9]+", "_", ucdp.removeprefix(GOVERNMENT_OF).lower()).strip("_")
        entry: dict[str, Any] = {"id": f"gov_former_{slug}", "name": ucdp, "kind": "state"}
        if spec.get("country"):
            entry["country"] = spec["country"]
        entry["ucdp"] = [ucdp]
        actors.append(entry)
    return actors


def header(what: str) -> str:
    return (
        f"# Generated by scripts/build_states.py from countryinfo {version('countryinfo')} and "
        f"country_converter {version('country_converter')}\n"
        f"# (names, demonyms, capitals), UCDP Actor Dataset 22.1 (CC BY 4.0: government names) and\n"
        f"# scripts/data/states.yaml (curated). Do not edit: change an input and run `make states`.\n"
        f"# {what}\n"
    )


def render(states: list[State], left: list[str], curated: dict[str, Any]) -> tuple[str, str]:
    """The text of countries.yaml and of actors/states.yaml."""
    countries = {"countries": {s.code: country_rules(s) for s in states}}
    actors = [a for s in states for a in role_actors(s)] + historical_actors(left, curated)
    return (
        header("Every state: modifier words, names, capitals and the actor of each generic role.")
        + dump(countries),
        header("Each state's government, armed forces, police and civilians, unless curated.")
        + dump({"actors": actors}),
    )


def dump(data: dict[str, Any]) -> str:
    """YAML with short lists on one line, keys in their given order."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110, default_flow_style=None)


def build(ucdp_csv: Path = UCDP_CSV) -> tuple[str, str]:
    """Both generated files' text, from the inputs on disk."""
    curated = yaml.safe_load(CURATED.read_text(encoding="utf-8"))
    states = assemble(curated)
    left = match_governments(states, ucdp_governments(ucdp_csv), curated)
    return render(states, left, curated)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ucdp", type=Path, default=UCDP_CSV)
    parser.add_argument("--out-dir", type=Path, default=DATA)
    args = parser.parse_args(argv)
    countries, actors = build(args.ucdp)
    (args.out_dir / "lexicons" / "countries.yaml").write_text(countries, encoding="utf-8")
    (args.out_dir / "actors" / "states.yaml").write_text(actors, encoding="utf-8")
    print(f"wrote {countries.count(chr(10))} + {actors.count(chr(10))} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
