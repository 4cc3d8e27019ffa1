"""Measure what a headline alone yields against UCDP GED's coding of the same event (``make eval``).

Every GED row that cites news articles is scored on the headlines it cites, each
extracted on its own and dated by its article: fatalities within GED's
``low..high``, ``side_b`` among the actors, ``adm_1``/``adm_2`` among the places'
provinces and districts, and GED's ``date_start`` inside a violent event's date.
``side_b_named`` counts only rows where a cited headline names the side_b actor
(a name or alias of it or of a group descending from it): what a headline can tell.
A row is a hit when any of its headlines gets it right; rows where GED leaves a
field empty are not counted for it. Headlines are short and often vague
("Four militants killed in Pakistan"), so these are floors for what full
articles give, and the misses show what the rules do not yet cover.

Usage: python scripts/eval_ucdp.py [GED_CSV] [--json OUT] [--show-misses N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from make_sample_corpus import Article, collect, read_rows
from rapidfuzz import fuzz

from ceasefire.entities.actor_rules import load_rules
from ceasefire.entities.places import former_region, load_gazetteer, lookup
from ceasefire.entities.registry import actor_for_name, load_registry
from ceasefire.ingest.dating import parse_date
from ceasefire.models import Actor, Event, Place
from ceasefire.nlp.numbers import find_numbers
from ceasefire.pipeline import process
from ceasefire.taxonomy import family
from ceasefire.types import RawDocument

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CSV = REPO.parent / "shared/corpus/ucdp-ged-pakistan/ged_pakistan.csv"
DEFAULT_JSON = REPO / "bench/results/eval-ucdp.json"
ACTOR_MAP = Path(__file__).resolve().parent / "data/ucdp_actors.yaml"
FUZZY_NAME_SCORE = 90  # rapidfuzz ratio for spelling variants ("Pakhtunkwa" / "Pakhtunkhwa")
# Administrative words GED appends to names ("Kech district", "Khyber agency") that ours leave out.
ADMIN_WORDS = frozenset({"province", "district", "agency", "territory", "division", "tehsil"})
YEAR = re.compile(r"(?:19|20)\d\d")
MEASURES = (
    "fatalities", "fatalities_stated", "side_b", "side_b_named", "adm_1", "adm_1_placed", "adm_2",
    "adm_2_placed", "date",
)  # fmt: skip
ABBREVIATION = re.compile(r"[A-Z0-9][A-Z0-9&.-]*")


@dataclass(frozen=True)
class GedRow:
    """The GED codes of one event and the articles it cites."""

    id: int
    side_b: str
    country: str | None
    adm_1: str
    adm_2: str
    low: int
    high: int
    date_start: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Reading:
    """What one headline yields: its violent events, actors and places."""

    headline: str
    violent: tuple[Event, ...]
    actors: tuple[Actor, ...]
    places: tuple[Place, ...]
    states_number: bool

    @property
    def fatalities(self) -> int | None:
        """The largest best (else low) fatality count among the violent events."""
        counts = [
            n.best if n.best is not None else n.low
            for e in self.violent
            if (n := e.quantities.fatalities) is not None
        ]
        return max((c for c in counts if c is not None), default=None)


@dataclass
class Tally:
    """Hits and rows counted for one measure, plus the ids of the misses."""

    hits: int = 0
    n: int = 0
    misses: list[int] = field(default_factory=list)

    def add(self, row: int, hit: bool | None) -> None:
        """Count a row; ``None`` means the measure does not apply to it."""
        if hit is None:
            return
        self.n += 1
        if hit:
            self.hits += 1
        else:
            self.misses.append(row)

    @property
    def rate(self) -> float:
        return self.hits / self.n if self.n else 0.0


# ----------------------------------------------------------------------------- reading


def load_rows(path: Path) -> list[GedRow]:
    """GED rows that cite at least one headline, each with its parsed articles."""
    rows = list(read_rows(path))
    cited: dict[int, list[Article]] = {}
    for article, ids in collect(rows).citations.items():
        for row_id in ids:
            cited.setdefault(row_id, []).append(article)
    return [
        GedRow(
            id=int(r["id"]),
            side_b=r["side_b"].strip(),
            country=r.get("iso3", "").strip() or None,
            adm_1=r["adm_1"].strip(),
            adm_2=r["adm_2"].strip(),
            low=min(int(r["low"]), int(r["high"]), int(r["best"])),
            high=max(int(r["low"]), int(r["high"]), int(r["best"])),
            date_start=r["date_start"][:10],
            articles=tuple(sorted(cited.get(int(r["id"]), []))),
        )
        for r in rows
        if r.get("source_article", "").strip().startswith('"')
    ]


def read_article(article: Article) -> Reading:
    """Extract one headline, dated by its article."""
    raw = RawDocument(
        source=f"{article.outlet} {article.published}",
        text=article.headline,
        title=article.headline,
        published=article.published,
        outlet=article.outlet,
    )
    x = process(raw, published=parse_date(article.published), outlet=article.outlet)
    return Reading(
        headline=article.headline,
        violent=tuple(e for e in x.events if family(e.type) == "violence"),
        actors=tuple(x.actors),
        places=tuple(x.places),
        states_number=states_number(article.headline),
    )


def states_number(headline: str) -> bool:
    """True when the headline has a digit or number word other than a year."""
    return any(not YEAR.fullmatch(headline[n.start : n.end]) for n in find_numbers(headline))


# ----------------------------------------------------------------------------- matching


def normalise(name: str) -> str:
    """Lower-case ASCII words without administrative suffixes: "Khyber agency" -> "khyber"."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", folded.lower().replace("&", " and ")).split()
    return " ".join(w for w in words if w not in ADMIN_WORDS)


def same_name(a: str, b: str) -> bool:
    """Equal after normalising, or close enough to be a spelling variant."""
    na, nb = normalise(a), normalise(b)
    return bool(na) and (na == nb or fuzz.ratio(na, nb) >= FUZZY_NAME_SCORE)


@cache
def kinds_for() -> dict[str, frozenset[str]]:
    """GED names matched by actor kind rather than by one actor (``scripts/data/ucdp_actors.yaml``)."""
    raw = yaml.safe_load(ACTOR_MAP.read_text(encoding="utf-8"))["actors"]
    return {name: frozenset(spec["kinds"]) for name, spec in raw.items()}


@cache
def ged_actor(name: str, country: str | None = None) -> str | None:
    """The registry actor whose name, alias or UCDP name a GED actor name is (in the event's country,
    when several actors share the name)."""
    return actor_for_name(name, load_registry(), country=country)


def lineage(actor: str) -> set[str]:
    """An actor id and its ancestors in the registry."""
    registry = load_registry()
    found = {actor}
    record = registry.get(actor)
    while record is not None and record.parent is not None and record.parent not in found:
        found.add(record.parent)
        record = registry.get(record.parent)
    return found


def actor_hit(ged_name: str, actors: Iterable[Actor], country: str | None = None) -> bool:
    """GED actor among the extracted ones: by registry id or ancestry, by kind, else by name."""
    wanted, kinds = ged_actor(ged_name, country), kinds_for().get(ged_name, frozenset())
    for actor in actors:
        if (wanted is not None and wanted in lineage(actor.id)) or actor.kind in kinds:
            return True
        if any(same_name(ged_name, n) for n in (actor.name, *actor.aliases)):
            return True
    return False


@cache
def actor_names(ged_name: str, country: str | None = None) -> tuple[str, ...]:
    """What a headline can call a GED actor: the names, aliases and UCDP names of its registry actor and of
    the actors descending from it, and the bare names context rules may resolve to it ("Taliban")."""
    wanted = ged_actor(ged_name, country)
    if wanted is None:
        return ()
    names = {ged_name}
    for record in load_registry().values():
        if wanted in lineage(record.id):
            names.update((*record.names, *record.ucdp))
    for rule in load_rules().ambiguous:
        outcomes = {rule.default, *rule.by_country.values(), *rule.when_document_mentions.values()}
        outcomes |= {
            actor for table in (rule.sentence_cues, rule.before_cues, rule.after_cues) for actor, _ in table
        }
        if wanted in outcomes:
            names.update(rule.forms)
    return tuple(sorted(names))


def names_actor(headline: str, ged_name: str, country: str | None = None) -> bool:
    """True when the headline contains a name of the GED actor: abbreviations ("TTP", "IS") as written,
    other names compared as normalised words."""
    words = f" {normalise(headline)} "
    for name in actor_names(ged_name, country):
        if ABBREVIATION.fullmatch(name):
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w])", headline):
                return True
        elif normalise(name) and f" {normalise(name)} " in words:
            return True
    return False


def admin_names(place: Place, level: str) -> list[str]:
    """The province (``adm_1``) or district (``adm_2``) a place lies in or is, and for ``adm_1``
    the former region it lay in (GED codes the tribal areas as a province until 2018)."""
    own = {"adm_1": "admin1", "adm_2": "admin2"}[level]
    found = [place.name] if place.kind == own else []
    found += [n for n in (place.admin1 if level == "adm_1" else place.admin2,) if n]
    record = load_gazetteer().records.get(place.id)
    region = former_region(record) if record is not None and level == "adm_1" else None
    if record is not None and record.kind == "area" and record.precision == 4 and level == "adm_1":
        found.append(record.name)  # a former province or its like ("the tribal areas")
    return found + ([region.name] if region else [])


@cache
def unit_names(ged_name: str, level: str) -> frozenset[str]:
    """GED's name for a unit and what the gazetteer calls that unit today ("FR Kohat" -> "Kohat")."""
    kinds = {"adm_1": {"admin1", "area"}, "adm_2": {"admin2"}}[level]
    bare = " ".join(w for w in ged_name.split() if w.lower() not in ADMIN_WORDS)
    today = {r.name for form in (ged_name, bare) for r in lookup(form) if r.kind in kinds}
    return frozenset({ged_name} | today)


def place_hit(ged_name: str, level: str, places: Iterable[Place]) -> bool:
    """GED's province or district among those of the extracted places."""
    wanted = unit_names(ged_name, level)
    return any(same_name(w, have) for place in places for have in admin_names(place, level) for w in wanted)


# ----------------------------------------------------------------------------- scoring


def score(
    rows: Sequence[GedRow], read: Callable[[Article], Reading]
) -> tuple[dict[str, Tally], dict[int, list[Reading]]]:
    """Tally every measure over the rows; also return the readings, for showing misses."""
    tallies = {m: Tally() for m in MEASURES}
    readings: dict[int, list[Reading]] = {}
    for row in rows:
        rs = readings[row.id] = [read(a) for a in row.articles]
        fatal = any(r.fatalities is not None and row.low <= r.fatalities <= row.high for r in rs)
        tallies["fatalities"].add(row.id, fatal)
        tallies["fatalities_stated"].add(row.id, fatal if any(r.states_number for r in rs) else None)
        side_b = any(actor_hit(row.side_b, r.actors, row.country) for r in rs)
        tallies["side_b"].add(row.id, side_b)
        named = any(names_actor(r.headline, row.side_b, row.country) for r in rs)
        tallies["side_b_named"].add(row.id, side_b if named else None)
        placed = any(p.kind != "country" for r in rs for p in r.places)
        for level, value in (("adm_1", row.adm_1), ("adm_2", row.adm_2)):
            hit = any(place_hit(value, level, r.places) for r in rs) if value else None
            tallies[level].add(row.id, hit)
            tallies[f"{level}_placed"].add(row.id, hit if placed else None)
        tallies["date"].add(row.id, any(dated(row.date_start, e) for r in rs for e in r.violent))
    return tallies, readings


def dated(day: str, event: Event) -> bool:
    """True when the event's date interval contains the day."""
    start, end = event.date.start, event.date.end or event.date.start
    return start is not None and end is not None and start <= day <= end


# ----------------------------------------------------------------------------- output


def missing_actors(rows: Sequence[GedRow]) -> dict[str, int]:
    """GED side_b names neither the registry nor the kind map resolves, with their row counts."""
    counts = Counter((r.side_b, r.country) for r in rows)
    missing: Counter[str] = Counter()
    for (name, country), n in counts.most_common():
        if ged_actor(name, country) is None and name not in kinds_for():
            missing[name] += n
    return dict(missing.most_common())


def summary(rows: Sequence[GedRow], tallies: dict[str, Tally], csv_path: Path) -> dict[str, object]:
    return {
        "corpus": csv_path.name,
        "rows": len(rows),
        "headlines": sum(len(r.articles) for r in rows),
        "figures": {m: {"rate": round(t.rate, 3), "hits": t.hits, "n": t.n} for m, t in tallies.items()},
        "side_b_missing_from_registry": missing_actors(rows),
    }


def print_table(result: dict[str, object]) -> None:
    print(f"UCDP GED {result['corpus']}: {result['rows']} rows, {result['headlines']} headline citations")
    print(f"{'measure':<20}{'rate':>8}{'hits':>8}{'n':>8}")
    figures = result["figures"]
    assert isinstance(figures, dict)
    for name, f in figures.items():
        print(f"{name:<20}{f['rate']:>8.3f}{f['hits']:>8}{f['n']:>8}")
    missing = result["side_b_missing_from_registry"]
    assert isinstance(missing, dict)
    if missing:
        listed = ", ".join(f"{name} ({rows})" for name, rows in missing.items())
        print(f"side_b names missing from the actor registry: {listed}")


def describe(reading: Reading) -> str:
    """One headline and what was extracted from it, for reading misses."""
    events = ", ".join(f"{e.type}@{e.date.start}..{e.date.end} dead={_dead(e)}" for e in reading.violent)
    places = ", ".join(f"{p.name}[{p.kind}; {p.admin2}; {p.admin1}]" for p in reading.places)
    actors = ", ".join(a.id for a in reading.actors)
    found = f"events: {events or '-'} | actors: {actors or '-'} | places: {places or '-'}"
    return f"    {reading.headline!r}\n      {found}"


def _dead(event: Event) -> str:
    number = event.quantities.fatalities
    return str(number.best) if number is not None and number.best is not None else "-"


def show_misses(
    rows: Sequence[GedRow], tallies: dict[str, Tally], readings: dict[int, list[Reading]], n: int
) -> None:
    """A seeded sample of up to ``n`` misses per measure, with what each headline gave."""
    by_id = {r.id: r for r in rows}
    rng = random.Random(0)
    for measure, tally in tallies.items():
        sample = rng.sample(tally.misses, min(n, len(tally.misses)))
        print(f"\n== {measure}: {len(tally.misses)} misses, {len(sample)} shown")
        for row_id in sample:
            row = by_id[row_id]
            print(
                f"  GED {row.id}: side_b={row.side_b!r} adm_1={row.adm_1!r} adm_2={row.adm_2!r} "
                f"deaths={row.low}..{row.high} date={row.date_start}"
            )
            for reading in readings[row_id]:
                print(describe(reading))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV, help="the UCDP GED CSV")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the figures")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N", help="print N misses per measure")
    args = parser.parse_args(argv)
    rows = load_rows(args.csv)
    tallies, readings = score(rows, cache(read_article))
    result = summary(rows, tallies, args.csv)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print_table(result)
    if args.show_misses:
        show_misses(rows, tallies, readings, args.show_misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
