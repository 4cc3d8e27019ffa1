"""A first temporal tagger: absolute and simple relative date expressions.

Expressions are found with regular expressions over raw text (dates are a
character-level phenomenon: "17th", "Feb.", "mid-2014") and resolved against
the document's publication date. The rule everywhere: a value is never more
precise than its text, and a relative expression ("last month") is only
resolved when the publication date is at least as precise as its unit.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from ceasefire.models import DateValue, Precision, Published

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
PREPOSITIONS = "in|In|since|Since|until|till|by|By|from|From|during|During|through|of|and|to|before|after"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# part of a period -> (first, last) fraction of the period, as day offsets of a 30-day month
# or month numbers of a year
PARTS_OF_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
PARTS_OF_YEAR = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

_LEVEL = {"year": 1, "month": 2, "day": 3}


@dataclass(frozen=True)
class Anchor:
    """The publication date as far as it is known: ``level`` 0 unknown, 1 year, 2 month, 3 day."""

    year: int = 0
    month: int = 0
    day: int = 0
    level: int = 0

    @classmethod
    def from_published(cls, published: Published | None) -> Anchor:
        """Read a ``Published``; its level is the coarser of its precision and its date string."""
        if published is None or not published.date:
            return cls()
        parts = published.date.split("-")
        try:
            numbers = [int(p) for p in parts[:3]]
        except ValueError:
            return cls()
        level = min(len(numbers), _LEVEL.get(published.precision, 0))
        if level == 0:
            return cls()
        numbers += [1] * (3 - len(numbers))
        return cls(numbers[0], numbers[1] if level >= 2 else 0, numbers[2] if level >= 3 else 0, level)

    def today(self) -> date:
        return date(self.year, self.month, self.day)


@dataclass(frozen=True)
class TimeMention:
    """A date expression found in text: character offsets and its resolved value."""

    start: int
    end: int
    value: DateValue


# ----------------------------------------------------------------------------- value builders


def _iso(d: date) -> str:
    return d.isoformat()


def _value(start: date, end: date, precision: Precision, text: str) -> DateValue:
    return DateValue(start=_iso(start), end=_iso(end), precision=precision, text=text)


def _unknown(text: str) -> DateValue:
    return DateValue(precision="unknown", text=text)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_value(year: int, month: int, text: str) -> DateValue:
    return _value(date(year, month, 1), _month_end(year, month), "month", text)


def year_value(year: int, text: str | None) -> DateValue:
    return DateValue(start=f"{year}-01-01", end=f"{year}-12-31", precision="year", text=text)


def day_value(year: int, month: int, day: int, text: str) -> DateValue:
    try:
        d = date(year, month, day)
    except ValueError:
        return _unknown(text)
    return _value(d, d, "day", text)


def publication_value(published: Published | None) -> DateValue:
    """The publication date widened to the interval its precision covers (``text`` null)."""
    anchor = Anchor.from_published(published)
    if anchor.level == 3:
        d = anchor.today()
        return DateValue(start=_iso(d), end=_iso(d), precision="day")
    if anchor.level == 2:
        return month_value(anchor.year, anchor.month, "").model_copy(update={"text": None})
    if anchor.level == 1:
        return year_value(anchor.year, None)
    return DateValue()


def _year_for_month(anchor: Anchor, month: int, day: int = 0) -> int | None:
    """The year of a month (and day) written without one: the latest not after publication."""
    if anchor.level == 0:
        return None
    if anchor.level >= 2 and (month, day) > (anchor.month, anchor.day if anchor.level == 3 else 31):
        return anchor.year - 1
    return anchor.year


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _year(text: str) -> int:
    return int(text)


# ----------------------------------------------------------------------------- handlers

Handler = Callable[[re.Match[str], Anchor], DateValue | None]


def _day_month_year(m: re.Match[str], _: Anchor) -> DateValue:
    return day_value(_year(m["y"]), _month_number(m["m"]), int(m["d"]), m[0])


def _month_year(m: re.Match[str], _: Anchor) -> DateValue:
    return month_value(_year(m["y"]), _month_number(m["m"]), m[0])


def _part_month_year(m: re.Match[str], _: Anchor) -> DateValue:
    return _part_of_month(_year(m["y"]), _month_number(m["m"]), m["part"], m[0])


def _part_of_month(year: int, month: int, part: str, text: str) -> DateValue:
    first, last = PARTS_OF_MONTH[_part_key(part)]
    end = min(last, calendar.monthrange(year, month)[1])
    return _value(date(year, month, first), date(year, month, end), "range", text)


def _part_key(part: str) -> str:
    part = part.lower()
    if part.startswith(("beginning", "start", "early")):
        return "early"
    if part.startswith(("end", "the end", "late")):
        return "late"
    return "mid"


def _part_year(m: re.Match[str], _: Anchor) -> DateValue:
    year = _year(m["y"])
    first, last = PARTS_OF_YEAR[_part_key(m["part"])]
    return _value(date(year, first, 1), _month_end(year, last), "range", m[0])


def _season_year(m: re.Match[str], _: Anchor) -> DateValue:
    year = _year(m["y"])
    first, last = SEASONS[m["s"].lower()]
    end_year, last_month = (year + 1, last - 12) if last > 12 else (year, last)
    return _value(date(year, first, 1), _month_end(end_year, last_month), "season", m[0])


def _year_range(m: re.Match[str], _: Anchor) -> DateValue:
    first, last = _year(m["y"]), _year(m["y2"])
    if last < first:
        return _unknown(m[0])
    return _value(date(first, 1, 1), date(last, 12, 31), "range", m[0])


def _plain_year(m: re.Match[str], _: Anchor) -> DateValue | None:
    return year_value(_year(m["y"]), m["y"])


def _month_relative_year(m: re.Match[str], anchor: Anchor) -> DateValue:
    if anchor.level < 1:
        return _unknown(m[0])
    shift = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return month_value(anchor.year + shift, _month_number(m["m"]), m[0])


def _day_month(m: re.Match[str], anchor: Anchor) -> DateValue:
    month, day = _month_number(m["m"]), int(m["d"])
    year = _year_for_month(anchor, month, day)
    return _unknown(m[0]) if year is None else day_value(year, month, day, m[0])


def _part_month(m: re.Match[str], anchor: Anchor) -> DateValue:
    month = _month_number(m["m"])
    year = _year_for_month(anchor, month)
    return _unknown(m[0]) if year is None else _part_of_month(year, month, m["part"], m[0])


def _last_month_name(m: re.Match[str], anchor: Anchor) -> DateValue:
    """ "last February": the latest February before the publication month."""
    if anchor.level < 2:
        return _unknown(m[0])
    month = _month_number(m["m"])
    year = anchor.year if month < anchor.month else anchor.year - 1
    return month_value(year, month, m[0])


def _bare_month(m: re.Match[str], anchor: Anchor) -> DateValue | None:
    if m["m"] in {"May", "MAY"} and not m["prep"]:
        return None  # the modal verb, not the month
    month = _month_number(m["m"])
    year = _year_for_month(anchor, month)
    return _unknown(m["m"]) if year is None else month_value(year, month, m["m"])


def _relative_unit(m: re.Match[str], anchor: Anchor) -> DateValue:
    """ "last month", "this year", "earlier this week" relative to publication."""
    unit = m["unit"].lower()
    rel = m["rel"].lower()
    shift = -1 if rel in {"last", "past", "previous"} else 1 if rel in {"next", "coming"} else 0
    return _shift(anchor, unit, shift, m[0])


def _shift(anchor: Anchor, unit: str, shift: int, text: str) -> DateValue:
    needed = {"year": 1, "month": 2, "week": 3, "day": 3}[unit]
    if anchor.level < needed:
        return _unknown(text)
    if unit == "year":
        return year_value(anchor.year + shift, text)
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + shift
        return month_value(index // 12, index % 12 + 1, text)
    today = anchor.today()
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=shift)
        return _value(monday, monday + timedelta(days=6), "week", text)
    d = today + timedelta(days=shift)
    return _value(d, d, "day", text)


def _ago(m: re.Match[str], anchor: Anchor) -> DateValue:
    raw = m["n"].lower()
    count = NUMBER_WORDS.get(raw) or int(raw)
    unit = m["unit"].lower().rstrip("s")
    return _shift(anchor, unit, -count, m[0])


def _day_word(m: re.Match[str], anchor: Anchor) -> DateValue:
    shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m["w"].lower()]
    return _shift(anchor, "day", shift, m[0])


def _weekday(m: re.Match[str], anchor: Anchor) -> DateValue | None:
    """ "on Monday": the latest such day on or before publication (news reports the past)."""
    if not (m["on"] or m["tod"]):
        return None
    if anchor.level < 3:
        return _unknown(m["w"])
    today = anchor.today()
    back = (today.weekday() - WEEKDAYS.index(m["w"].lower())) % 7
    d = today - timedelta(days=back)
    return _value(d, d, "day", m["w"])


# ----------------------------------------------------------------------------- patterns


def _month_alternation(full_only: bool) -> str:
    """Month names (capitalised or upper-case); abbreviations ("Feb.") only when ``full_only`` is false."""

    def forms(names: list[str]) -> str:
        variants = sorted({f for n in names for f in (n.capitalize(), n.upper())}, key=len, reverse=True)
        return "|".join(variants)

    full = forms([n for n in MONTHS if len(n) > 4 or n in {"may", "june", "july"}])
    if full_only:
        return f"(?P<m>{full})"
    short = forms([n for n in MONTHS if len(n) <= 4 and n not in {"may", "june", "july"}])
    return rf"(?P<m>{full}|(?:{short})\.?)"


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], Handler, str | None], ...]:
    """Patterns from most to least specific; earlier ones win overlaps."""
    mon = _month_alternation(full_only=False)
    full = _month_alternation(full_only=True)
    year = r"(?P<y>(?:1[89]|20)\d{2})"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    part = r"(?P<part>[Ee]arly|[Mm]id|[Ll]ate|(?:the )?(?:[Ee]nd|[Bb]eginning|[Ss]tart) of)"
    weekday = "(?P<w>" + "|".join(w.capitalize() for w in WEEKDAYS) + ")"
    spec: list[tuple[str, Handler] | tuple[str, Handler, str]] = [
        (rf"\b{day}\s+(?:of\s+)?{mon},?\s+{year}\b", _day_month_year),
        (rf"\b{mon}\s+{day},?\s+{year}\b", _day_month_year),
        (rf"\b{part}[\s-]+{mon},?\s+{year}\b", _part_month_year),
        (rf"\b{mon},?\s+(?:of\s+)?{year}\b", _month_year),
        (rf"\b{full}\s+(?P<rel>last|this|next)\s+year\b", _month_relative_year),
        (rf"\b{day}\s+(?:of\s+)?{mon}(?!\w)", _day_month),
        (rf"\b{mon}\s+{day}\b(?!,?\s*\d)", _day_month),
        (rf"\b{part}[\s-]+{full}\b", _part_month),
        (rf"\b[Ll]ast\s+{full}\b", _last_month_name),
        (rf"\b{part}[\s-]+{year}\b", _part_year),
        (rf"\b(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+(?:of\s+)?{year}\b", _season_year),
        (
            rf"\b(?:[Bb]etween|[Ff]rom)\s+{year}\s+(?:and|to|until)\s+(?P<y2>(?:1[89]|20)\d{{2}})\b",
            _year_range,
        ),
        (rf"\b{year}\s*[-–]\s*(?P<y2>(?:1[89]|20)\d{{2}})\b", _year_range),
        (
            r"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Pp]revious|[Cc]oming)\s+(?P<unit>week|month|year)\b",
            _relative_unit,
        ),
        (r"\b(?:[Ee]arlier|[Ll]ater)\s+(?P<rel>this)\s+(?P<unit>week|month|year)\b", _relative_unit),
        (
            r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
            _ago,
        ),
        (r"\b(?P<w>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)\b", _day_word),
        (
            rf"\b(?:(?P<on>[Oo]n)\s+)?{weekday}\b(?P<tod>\s+(?:night|morning|evening|afternoon)\b)?",
            _weekday,
            "w",
        ),
        (rf"\b(?:(?P<prep>{PREPOSITIONS})\s+)?{full}\b", _bare_month, "m"),
        (rf"\b(?P<prep>{PREPOSITIONS}|year)\s+{year}\b(?![-–]?\d)", _plain_year, "y"),
    ]
    return tuple((re.compile(entry[0]), entry[1], entry[2] if len(entry) == 3 else None) for entry in spec)


_SINCE = re.compile(r"\b[Ss]ince\s+$")


def _widen_since(text: str, start: int, value: DateValue, anchor: Anchor) -> tuple[int, DateValue]:
    """ "since 2009": from the start of 2009 up to publication (open-ended if that is unknown)."""
    since = _SINCE.search(text, max(0, start - 7), start)
    if since is None or value.start is None:
        return start, value
    end = publication_value(Published(date=_anchor_date(anchor), precision=_anchor_precision(anchor))).end
    if end is not None and end < value.start:
        end = None
    phrase = text[since.start() : start] + (value.text or "")
    return since.start(), DateValue(start=value.start, end=end, precision="range", text=phrase)


def _anchor_date(anchor: Anchor) -> str | None:
    parts = [f"{anchor.year:04d}", f"{anchor.month:02d}", f"{anchor.day:02d}"][: anchor.level]
    return "-".join(parts) or None


def _anchor_precision(anchor: Anchor) -> Precision:
    precisions: tuple[Precision, ...] = ("unknown", "year", "month", "day")
    return precisions[anchor.level]


def find_dates(text: str, published: Published | None = None, offset: int = 0) -> list[TimeMention]:
    """Find date expressions in ``text`` and resolve them.

    text (str): a sentence or a whole document.
    published (Published): anchor for relative and year-less expressions.
    offset (int): added to every position, so sentence-level calls give document offsets.
    RETURNS (list[TimeMention]): non-overlapping mentions in text order.
    """
    anchor = Anchor.from_published(published)
    taken: list[tuple[int, int]] = []
    found: list[TimeMention] = []
    for pattern, handler, group in _patterns():
        for m in pattern.finditer(text):
            start, end = m.span(group) if group else m.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            value = handler(m, anchor)
            if value is None:
                continue
            start, value = _widen_since(text, start, value, anchor)
            taken.append((start, end))
            found.append(TimeMention(start + offset, end + offset, value))
    return sorted(found, key=lambda mention: mention.start)
