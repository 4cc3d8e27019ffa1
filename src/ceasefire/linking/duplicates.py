"""Near-duplicate documents: syndicated and lightly edited copies of a stored text.

Exact copies never get this far (a document's id is the hash of its cleaned
text). Near copies are found in three steps:

1. **Shingles** over normalised words (lower case, punctuation dropped): word
   5-grams for articles, word 3-grams for short texts (headlines, wire briefs),
   where 5-grams would leave too few shingles to compare.
2. **MinHash LSH** (datasketch) proposes candidates whose estimated Jaccard
   similarity is above ``LSH_THRESHOLD``. The signature uses a fixed seed,
   ``NUM_PERM`` permutations and SHA-1 hashing of the shingles, so it is the same
   in every run and every process. Its bands (datasketch's choice of bands and
   rows for the threshold) are hashed to one key each (``band_keys``) and kept
   in an indexed table, so the database answers the LSH query and memory does
   not grow with the store. Word counts and publication days rule out most
   candidates before their texts are read (``may_be_near_duplicate``).
3. **Verification** of each candidate against its text: the exact Jaccard of the
   two shingle sets must reach ``JACCARD_THRESHOLD`` (or the shorter text must be
   almost wholly contained in the longer, for a copy with a paragraph dropped or
   boilerplate added), and for short texts, where one word is the whole news,
   the facts that identify an event must agree: the same numbers and months,
   places that are not disjoint, the same words of recurrence ("another",
   "again"), and publication dates no more than ``MAX_DAYS_APART`` apart.
   "Bomb kills 5 in Quetta" and "Bomb kills 7 in Peshawar" share words but not
   facts.

The earliest stored document is the original; a copy of a copy points at the
root. The facts of a copy are evidence for the original's events, never new
events: ``match_event`` pairs them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from ceasefire.models import DateValue, Event, Published

NUM_PERM = 128
SEED = 20241
SCHEME = "affine32"
SIGNATURE_VERSION = f"minhash-{SCHEME}-p{NUM_PERM}-s{SEED}-w5/3"
SHORT_WORDS = 100  # texts with fewer words are shingled in 3-grams
MIN_WORDS = 4  # too little text to call anything a copy
LSH_THRESHOLD = 0.4
JACCARD_THRESHOLD = 0.5
CONTAINMENT_THRESHOLD = 0.8
MAX_DAYS_APART = 3  # syndicated copies of a headline run within days, not weeks
EVENT_SLACK = timedelta(days=45)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
WIRE_SLUGS = frozenset({"update", "wrapup", "refile", "rpt", "corrected"})
RECURRENCE = frozenset({"another", "again", "fresh", "renewed", "second", "third"})
_MONTHS = {
    name: f"m{i}"
    for i, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}


def words(text: str) -> list[str]:
    """Normalised words: NFKC, lower case, punctuation dropped (``Pakistan's`` stays one word)."""
    folded = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return _WORD.findall(folded)


def shingle_size(tokens: Sequence[str]) -> int:
    """3 for short texts (headlines have about ten words), 5 for articles."""
    return 3 if len(tokens) < SHORT_WORDS else 5


def shingles(tokens: Sequence[str], size: int | None = None) -> set[str]:
    """Word ``size``-grams of ``tokens``; a text shorter than one shingle is one shingle."""
    n = size or shingle_size(tokens)
    if len(tokens) <= n:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def signature(text: str) -> MinHash:
    """The MinHash of a text's shingles: the same in every run and process."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles(words(text)))])
    return minhash


def signature_bytes(minhash: MinHash) -> bytes:
    """The hash values as little-endian bytes, for the ``doc_signatures`` table."""
    return bytes(np.asarray(minhash.hashvalues, dtype="<u4").tobytes())


def signature_from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return MinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def containment(a: set[str], b: set[str]) -> float:
    """How much of the smaller set lies in the larger."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


@dataclass(frozen=True)
class Candidate:
    """What verification needs of one document: its text, places and publication date."""

    text: str
    places: frozenset[str] = frozenset()
    published: Published | None = None


def _numbers(tokens: Sequence[str]) -> set[str]:
    """Counts and calendar words: the facts that tell one headline's event from another's.

    The number of a wire slug ("UPDATE 2-", "WRAPUP 1-") is the story's version, not a fact.
    """
    return {
        _NUMBER_WORDS.get(t, _MONTHS.get(t, t))
        for i, t in enumerate(tokens)
        if (t.isdigit() or t in _NUMBER_WORDS or t in _MONTHS) and not (i and tokens[i - 1] in WIRE_SLUGS)
    }


def _published_day(value: Published | None) -> date | None:
    if value is None or value.precision != "day" or not value.date:
        return None
    try:
        return date.fromisoformat(value.date)
    except ValueError:
        return None


def similarity(copy: str, original: str) -> tuple[float, float]:
    """Exact Jaccard and containment of two texts' shingles, both shingled like ``copy``."""
    a, b = words(copy), words(original)
    size = min(shingle_size(a), shingle_size(b))
    sa, sb = shingles(a, size), shingles(b, size)
    return jaccard(sa, sb), containment(sa, sb)


def is_near_duplicate(copy: Candidate, original: Candidate) -> bool:
    """Whether ``copy`` is a lightly edited or syndicated copy of ``original`` (see the module doc)."""
    a, b = words(copy.text), words(original.text)
    if not may_be_near_duplicate(len(a), copy.published, len(b), original.published):
        return False
    jac, cont = similarity(copy.text, original.text)
    if jac < JACCARD_THRESHOLD and (cont < CONTAINMENT_THRESHOLD or jac < JACCARD_THRESHOLD / 2):
        return False
    if copy.places and original.places and not copy.places & original.places:
        return False
    if max(len(a), len(b)) >= SHORT_WORDS:
        return True
    na, nb = _numbers(a), _numbers(b)
    return not ((na and nb and na != nb) or (RECURRENCE & set(a)) != (RECURRENCE & set(b)))


@cache
def band_shape() -> tuple[int, int]:
    """(bands, rows per band): what datasketch's ``MinHashLSH`` chooses for ``LSH_THRESHOLD``
    and ``NUM_PERM``, so the stored index proposes exactly the candidates its LSH would."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def band_keys(minhash: MinHash) -> list[int]:
    """One signed 64-bit key per LSH band (the band's number and its hash values, hashed).

    Two signatures that agree on every value of some band share that band's key, which is
    the LSH candidate test; kept in an indexed table (``doc_bands``), it is answered by the
    database, and memory stays flat however many documents are stored.
    """
    bands, rows = band_shape()
    values = np.asarray(minhash.hashvalues, dtype="<u4")
    return [int64_hash(bytes([i]) + values[i * rows : (i + 1) * rows].tobytes()) for i in range(bands)]


def int64_hash(data: bytes) -> int:
    """A signed 64-bit hash, the same in every process: an indexed integer key for blocking."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


def may_be_near_duplicate(
    words_a: int, published_a: Published | None, words_b: int, published_b: Published | None
) -> bool:
    """What ``is_near_duplicate`` can rule out from word counts and publication days alone,
    before either text is read: too few words, or two short texts published too far apart."""
    if min(words_a, words_b) < MIN_WORDS:
        return False
    if max(words_a, words_b) >= SHORT_WORDS:
        return True
    da, db = _published_day(published_a), _published_day(published_b)
    return da is None or db is None or abs((da - db).days) <= MAX_DAYS_APART


def _dates_compatible(a: DateValue, b: DateValue) -> bool:
    ia, ib = a.interval(), b.interval()
    if ia is None or ib is None:
        return True
    return ia[0] - EVENT_SLACK <= ib[1] and ib[0] - EVENT_SLACK <= ia[1]


def _actors(event: Event) -> set[str]:
    return {a for ids in event.actors.values() for a in ids}


def _fatalities(event: Event) -> int | None:
    number = event.quantities.fatalities
    return number.best if number else None


def same_event(copy: Event, original: Event) -> bool:
    """The copy's event states the original's fact: same type, compatible dates, overlapping
    actors (a side that names none contradicts nothing: "Bomb kills four in Karachi: police"
    may read the police as the target in one copy and not in the other), and no contradicting
    place or death toll."""
    if copy.type != original.type or not _dates_compatible(copy.date, original.date):
        return False
    ca, oa = _actors(copy), _actors(original)
    if ca and oa and not ca & oa:
        return False
    if copy.place and original.place and copy.place != original.place:
        return False
    fc, fo = _fatalities(copy), _fatalities(original)
    return fc is None or fo is None or fc == fo


def match_event(copy: Event, originals: Sequence[Event], taken: Collection[str] = ()) -> Event | None:
    """The original's event that ``copy`` restates, preferring one not ``taken`` yet; else ``None``."""
    matches = [e for e in originals if same_event(copy, e)]
    fresh = [e for e in matches if e.id not in taken]
    return (fresh or matches)[0] if matches else None
