"""Counts read the ACLED/UCDP way: best, low, high."""

from __future__ import annotations

import pytest

from ceasefire.models import Number
from ceasefire.nlp.numbers import find_numbers, read_number


@pytest.mark.parametrize(
    "text,expected",
    [
        ("23", Number(best=23)),
        ("1,200", Number(best=1200)),
        ("three", Number(best=3)),
        ("twenty-three", Number(best=23)),
        ("Forty two", Number(best=42)),
        ("two hundred", Number(best=200)),
        ("a dozen", Number(best=12)),
        ("two dozen", Number(best=24)),  # a multiple of a dozen, not 2 then 12
        ("at least three dozen", Number(best=36, low=36)),
        ("half a dozen", Number(best=6)),
        ("at least 15", Number(best=15, low=15)),
        ("more than 10", Number(best=10, low=10)),
        ("up to 20", Number(high=20)),
        ("as many as 30", Number(high=30)),
        ("nearly 40", Number(best=40)),
        ("12 to 15", Number(best=12, low=12, high=15)),
        ("12-15", Number(best=12, low=12, high=15)),
        ("between five and eight", Number(best=5, low=5, high=8)),
        ("dozens", Number(best=12, low=12)),
        ("tens", Number(best=10, low=10)),
        ("scores", Number(best=20, low=20)),
        ("hundreds", Number(best=100, low=100)),
    ],
)
def test_numbers_read(text: str, expected: Number) -> None:
    assert read_number(text) == expected


@pytest.mark.parametrize("text", ["several", "multiple", "many", "a few"])
def test_numbers_vague_words_give_no_number(text: str) -> None:
    assert read_number(text) is None


@pytest.mark.parametrize(
    "sentence,expected",
    [
        (
            "Gunmen killed at least 15 people and wounded 30 others.",
            [Number(best=15, low=15), Number(best=30)],
        ),
        ("Dozens of fighters were killed.", [Number(best=12, low=12)]),
    ],
)
def test_numbers_found_in_text_with_offsets(sentence: str, expected: list[Number]) -> None:
    found = find_numbers(sentence, offset=100)
    assert [m.value for m in found] == expected
    for m in found:
        assert read_number(sentence[m.start - 100 : m.end - 100]) == m.value


@pytest.mark.parametrize(
    "text,expected",
    [
        # a wire-service update number glued to a count is two numbers, not a range
        ("UPDATE 1-Four die in shelling", [Number(best=1), Number(best=4)]),
        ("12-15 killed", [Number(best=12, low=12, high=15)]),
    ],
)
def test_numbers_mixed_digits_and_words_are_not_a_range(text: str, expected: list[Number]) -> None:
    assert [n.value for n in find_numbers(text)] == expected
