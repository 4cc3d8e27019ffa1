"""Build the bundled sample corpus from UCDP GED: one JSONL document per news article GED cites.

UCDP codes each event from news reports and names them in ``source_article`` as
``"Outlet,YYYY-MM-DD,Headline"`` entries joined by ``;``. Those headlines, dated
by their article, are a fair stand-in for a news feed, and each keeps the ids of
the GED events that cite it so extraction can be checked against UCDP's coding.
Standard library only, so it runs before the project is installed.

Usage: python scripts/make_sample_corpus.py SHARED_CSV OUT_JSONL
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# One quoted entry; the outlet ends at the first ",YYYY-MM-DD," and the headline may hold commas,
# semicolons, quotes and newlines.
ENTRY = re.compile(r'"(?P<outlet>[^\n]+?),(?P<date>\d{4}-\d{2}-\d{2}),(?P<rest>.+)"', re.DOTALL)
# Entries are joined by ";" between a closing and an opening quote.
ENTRY_SEPARATOR = re.compile(r'(?<=");(?=")')
# Factiva-style author suffix: "Headline\n\nAU \t\nTariq Naqash".
AUTHOR_SUFFIX = re.compile(r"\n\s*AU\s*\n")
# A few entries carry no headline at all, only a one-word outlet name or a byline ("By Jane Doe").
NOT_A_HEADLINE = re.compile(r"(?i)\S+|by(\s+\S+){1,4}")


@dataclass(frozen=True, order=True)
class Article:
    """One cited news article; field order is the output's sort order."""

    published: str
    outlet: str
    headline: str
    byline: str | None


@dataclass
class Corpus:
    """The distinct articles found, the GED rows citing each, and the entries that did not parse."""

    citations: dict[Article, set[int]] = field(default_factory=dict)
    unparsed: list[str] = field(default_factory=list)
    not_headlines: list[str] = field(default_factory=list)
    rows: int = 0


def parse_entry(entry: str) -> Article | None:
    """One ``"Outlet,YYYY-MM-DD,Headline"`` entry as an Article, or None when it does not fit that form."""
    match = ENTRY.fullmatch(entry.strip())
    if match is None or not _is_day(match["date"]):
        return None
    headline, byline = _split_author(match["rest"])
    outlet = _tidy(match["outlet"])
    if not outlet or not headline:
        return None
    return Article(match["date"], outlet, headline, byline)


def _split_author(rest: str) -> tuple[str, str | None]:
    """Headline and byline (None when there is none) from the text after the date."""
    parts = AUTHOR_SUFFIX.split(rest, maxsplit=1)
    byline = _tidy(parts[1]) if len(parts) > 1 else ""
    return _tidy(parts[0]), byline or None


def _tidy(text: str) -> str:
    """Whitespace collapsed to single spaces, so layout quirks do not split one headline in two."""
    return " ".join(text.split())


def _is_day(value: str) -> bool:
    """True for a real calendar day in ISO form."""
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def collect(rows: Iterable[dict[str, str]]) -> Corpus:
    """Gather the articles cited by GED rows; rows without quoted entries (older codings) are left out."""
    corpus = Corpus()
    for row in rows:
        cited = row.get("source_article", "").strip()
        if not cited.startswith('"'):
            continue
        corpus.rows += 1
        for entry in ENTRY_SEPARATOR.split(cited):
            article = parse_entry(entry)
            if article is None:
                corpus.unparsed.append(entry)
            elif NOT_A_HEADLINE.fullmatch(article.headline):
                corpus.not_headlines.append(article.headline)
            else:
                corpus.citations.setdefault(article, set()).add(int(row["id"]))
    return corpus


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """The GED rows of the CSV, without the HXL hashtag row that follows the header."""
    csv.field_size_limit(max(csv.field_size_limit(), path.stat().st_size))
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if _is_hxl(row):
                continue
            yield row


def _is_hxl(row: dict[str, str]) -> bool:
    """True for an HXL row, whose filled cells are all hashtags like ``#meta+source``."""
    cells = [value for value in row.values() if isinstance(value, str) and value.strip()]
    return bool(cells) and all(value.startswith("#") for value in cells)


def to_lines(corpus: Corpus) -> Iterator[str]:
    """One JSON line per article, sorted by date, outlet and headline so rebuilds are byte-identical."""
    for article in sorted(corpus.citations):
        record: dict[str, object] = {
            "text": article.headline,
            "title": article.headline,
            "published": article.published,
            "outlet": article.outlet,
        }
        if article.byline:
            record["byline"] = article.byline
        record["ucdp_ged_ids"] = sorted(corpus.citations[article])
        yield json.dumps(record, ensure_ascii=False) + "\n"


def build(source: Path, target: Path) -> Corpus:
    """Write the JSONL for ``source`` to ``target`` and return what was found."""
    corpus = collect(read_rows(source))
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(to_lines(corpus))
    return corpus


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints a one-line summary to stderr."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("shared_csv", type=Path, help="the UCDP GED CSV (shared/corpus/ucdp-ged-pakistan/)")
    parser.add_argument("out_jsonl", type=Path, help="the JSONL to write (examples/ucdp-ged-pakistan.jsonl)")
    args = parser.parse_args(argv)
    corpus = build(args.shared_csv, args.out_jsonl)
    print(
        f"{len(corpus.citations)} documents from {corpus.rows} GED rows with cited articles; "
        f"{len(corpus.unparsed)} entries could not be parsed, "
        f"{len(corpus.not_headlines)} left out as not headlines ({', '.join(corpus.not_headlines)})",
        file=sys.stderr,
    )
    for entry in corpus.unparsed:
        print(f"  unparsed: {entry!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
