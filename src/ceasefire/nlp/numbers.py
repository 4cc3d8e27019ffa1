"""Reading counts the way ACLED and UCDP do: best / low / high.

"at least 15" → low 15, best 15; "12 to 15" → low 12, best 12, high 15;
"up to 20" → high 20; vague words get their smallest reading ("dozens" → 12);
"several" or "multiple" give no number at all. A reading is never more
precise than the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ceasefire.models import Number

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}  # "two dozen" is 24
# ACLED's smallest reading of a vague plural
VAGUE = {
    "dozens": 12, "tens": 10, "scores": 20, "hundreds": 100, "thousands": 1000,
    "tens of thousands": 10_000, "hundreds of thousands": 100_000,
}  # fmt: skip
EXACT_PHRASES = {"a dozen": 12, "dozen": 12, "half a dozen": 6, "a couple of": 2, "a score of": 20}
LOWER_BOUND = (
    "at least", "no fewer than", "not less than", "a minimum of",
    "more than", "over", "upwards of", "in excess of",
)  # fmt: skip
UPPER_BOUND = ("up to", "as many as", "at most", "no more than", "fewer than", "less than", "under")
APPROXIMATE = ("nearly", "almost", "about", "around", "approximately", "roughly", "some", "an estimated")


@dataclass(frozen=True)
class NumberMention:
    """A count found in text, with character offsets."""

    start: int
    end: int
    value: Number


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _number_regex() -> re.Pattern[str]:
    """One pattern for a count with its optional modifier and range."""
    units, tens = _alternation(list(UNITS)), _alternation(list(TENS))
    word = rf"(?:(?:{tens})(?:[- ](?:{units}))?|{units})"
    scaled = rf"(?:{word}|a)(?:[- ](?:{_alternation(list(SCALES))}))+"
    digits = r"\d{1,3}(?:,\d{3})+|\d+"
    value = rf"(?:{digits}|{scaled}|{word})"
    exact = _alternation(list(EXACT_PHRASES))
    vague = _alternation(list(VAGUE))
    modifier = _alternation(list(LOWER_BOUND + UPPER_BOUND + APPROXIMATE))
    return re.compile(
        rf"\b(?:(?P<mod>{modifier})\s+)?"
        rf"(?:(?P<between>between)\s+(?P<lo>{value})\s+and\s+(?P<hi>{value})"
        rf"|(?P<a>{value})(?:\s*(?:to|-|–|or)\s*(?P<b>{value}))?"
        rf"|(?P<exact>{exact})|(?P<vague>{vague}))\b",
        re.IGNORECASE,
    )


def word_value(text: str) -> int | None:
    """Value of one number as written: "1,200", "twenty-three", "two hundred"."""
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    total = current = 0
    for part in re.split(r"[- ]+", text):
        if part in UNITS:
            current += UNITS[part]
        elif part in TENS:
            current += TENS[part]
        elif part in SCALES:
            current = max(current, 1) * SCALES[part]
            if SCALES[part] >= 1000:
                total, current = total + current, 0
        elif part == "a":
            current = 1
        else:
            return None
    return total + current


def _bounded(value: int, modifier: str | None) -> Number:
    if modifier in LOWER_BOUND:
        return Number(best=value, low=value)
    if modifier in UPPER_BOUND:
        return Number(high=value)
    return Number(best=value)


def _reading(m: re.Match[str]) -> Number | None:
    modifier = m["mod"].lower() if m["mod"] else None
    if m["exact"]:
        return _bounded(EXACT_PHRASES[m["exact"].lower()], modifier)
    if m["vague"]:
        smallest = VAGUE[m["vague"].lower()]
        return Number(best=smallest, low=smallest)
    low_text, high_text = (m["lo"], m["hi"]) if m["between"] else (m["a"], m["b"])
    low = word_value(low_text)
    if low is None:
        return None
    high = word_value(high_text) if high_text else None
    if high is not None and high > low:
        return Number(best=low, low=low, high=high)
    return _bounded(low, modifier)


def find_numbers(text: str, offset: int = 0) -> list[NumberMention]:
    """All counts in ``text`` (years and dates are the caller's to exclude).

    offset (int): added to every position so sentence-level calls give document offsets.
    """
    found = []
    for m in _number_regex().finditer(text):
        if m["a"] and m["b"] and m["a"][0].isdigit() != m["b"][0].isdigit():
            found.extend(_unmixed(m, offset))  # "UPDATE 1-Four die": two numbers, not a range
            continue
        value = _reading(m)
        if value is not None:
            found.append(NumberMention(m.start() + offset, m.end() + offset, value))
    return found


def _unmixed(m: re.Match[str], offset: int) -> list[NumberMention]:
    """The two numbers of a "range" written half in digits, half in words, each on its own."""
    found = []
    for group in ("a", "b"):
        value = word_value(m[group])
        if value is not None:
            bounded = _bounded(value, m["mod"].lower() if m["mod"] and group == "a" else None)
            found.append(NumberMention(m.start(group) + offset, m.end(group) + offset, bounded))
    return found


def read_number(text: str) -> Number | None:
    """Read a phrase that is one count ("at least 15", "dozens"); None when it has no number."""
    m = _number_regex().fullmatch(text.strip())
    return _reading(m) if m else None
