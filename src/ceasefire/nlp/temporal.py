"""The temporal tagger: absolute, relative, ordinal, anaphoric and event-anchored dates.

Expressions are found with regular expressions over raw text (dates are a
character-level phenomenon: "17th", "Feb.", "mid-2014") and resolved against
the document's publication date. The rule everywhere: a value is never more
precise than its text, and a relative expression ("last month") is only
resolved when the publication date is at least as precise as its unit.

Three kinds of expression need more than the publication date:

- anaphora ("the same year", "that month", "the following week", "two days
  later") are resolved against the last resolved date before them in the same
  text, never more precisely than that date;
- "until X" marks X as the end of what its clause describes (``role="until"``),
  so it never becomes the date of an event by itself;
- "two weeks into the campaign" names an earlier event; it stays unknown here
  and carries ``anchored`` so the event writer can resolve it against that
  event's date (see :func:`shift_value`).

Word lists live in ``data/lexicons/temporal.yaml``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any, Literal

from ceasefire.models import DateValue, Precision, Published
from ceasefire.nlp.lexicons import load_yaml

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
class EventAnchor:
    """ "two weeks into the campaign": the anchoring event's family and the offset from its date."""

    family: str
    unit: str
    count: int


@dataclass(frozen=True)
class TimeMention:
    """A date expression found in text: character offsets, its resolved value and its role.

    role: "point" for a date of what the clause says, "until" for its end bound, "from" for the
        date it takes effect ("starting Sunday", "from midnight on Monday", "took effect at 06:00 on
        May 4"), which also dates the clause.
    anchored: set when the value depends on the date of an earlier event of the document.
    """

    start: int
    end: int
    value: DateValue
    role: Literal["point", "until", "from"] = "point"
    anchored: EventAnchor | None = None


@dataclass(frozen=True)
class TemporalCues:
    """The word lists of ``temporal.yaml``."""

    ordinals: dict[str, int]
    number_words: dict[str, int]
    anaphora: dict[str, int]
    anchor_nouns: dict[str, str]
    until: tuple[str, ...]
    effect: tuple[str, ...]


@cache
def temporal_cues() -> TemporalCues:
    """Load ``temporal.yaml`` once per process."""
    raw: dict[str, Any] = load_yaml("lexicons", "temporal.yaml")
    shifts = {"same": 0, "following": 1, "previous": -1}
    return TemporalCues(
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        number_words={str(k): int(v) for k, v in raw["number_words"].items()},
        anaphora={phrase: shifts[kind] for kind, phrases in raw["anaphora"].items() for phrase in phrases},
        anchor_nouns={noun: family for family, nouns in raw["anchor_nouns"].items() for noun in nouns},
        until=tuple(raw["until"]),
        effect=tuple(raw["effect"]),
    )


def count_value(text: str) -> int | None:
    """A small count as written: "2", "two", "a"."""
    raw = text.lower()
    return int(raw) if raw.isdigit() else temporal_cues().number_words.get(raw)


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


REPORT_WINDOW_DAYS = 6  # a report published on day D tells of events on D or the six days before


def reported_window(publication: DateValue) -> DateValue:
    """The date of an event its document reports without a date expression (``text`` null).

    A report published on day D describes events on or before D: [D - 6 days, D], precision
    ``range``. A month or year of publication stays that month or year; unknown stays unknown.

    publication (DateValue): the publication date as ``publication_value`` gives it.
    RETURNS (DateValue): the interval the event lies in.
    """
    if publication.precision != "day" or publication.start is None:
        return publication
    end = date.fromisoformat(publication.start)
    start = end - timedelta(days=REPORT_WINDOW_DAYS)
    return DateValue(start=_iso(start), end=_iso(end), precision="range")


NEAR_FUTURE = timedelta(days=31)


def _year_for_month(anchor: Anchor, month: int, day: int = 0) -> int | None:
    """The year of a month (and day) written without one: the latest not after publication (news
    reports the past), except a day at most a month after publication, which is that coming day: a
    report of 22 December naming "December 28" speaks of next week, not of a day a year before."""
    if anchor.level == 0:
        return None
    if anchor.level >= 2 and (month, day) > (anchor.month, anchor.day if anchor.level == 3 else 31):
        if anchor.level == 3 and day and _within(anchor.today(), anchor.year, month, day, NEAR_FUTURE):
            return anchor.year
        return anchor.year - 1
    if anchor.level == 3 and day and _within(anchor.today(), anchor.year + 1, month, day, NEAR_FUTURE):
        return anchor.year + 1  # "January 3" in a report of 28 December
    return anchor.year


def _within(today: date, year: int, month: int, day: int, reach: timedelta) -> bool:
    """That day exists and falls after ``today`` by at most ``reach``."""
    try:
        return timedelta(0) < date(year, month, day) - today <= reach
    except ValueError:
        return False


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


def _weekday_date(m: re.Match[str], anchor: Anchor) -> DateValue:
    """ "Monday, December 23": one date. A year written wins; without one, the weekday fixes it: the
    year, of the one before publication to the one after, in which that day falls on that weekday,
    the nearest to publication (a report of Sunday 22 December naming "Monday, December 23" means
    the next day, not a date a year before). Where none is near, weekday and publication disagree
    and the year stays unknown."""
    month, day = _month_number(m["m"]), int(m["d"])
    if m["y"]:
        return day_value(int(m["y"]), month, day, m[0])
    if anchor.level == 0:
        return _unknown(m[0])
    wanted = WEEKDAYS.index(m["w"].lower())
    around = anchor.today() if anchor.level == 3 else date(anchor.year, anchor.month or 7, 1)
    fits = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == wanted:
            fits.append(candidate)
    if not fits:
        return _unknown(m[0])
    nearest = min(fits, key=lambda d: abs((d - around).days))
    return day_value(nearest.year, month, day, m[0])


def _weekday_fixed(m: re.Match[str]) -> bool:
    """A date whose weekday fixed its year (``_weekday_date``): nothing else may move it."""
    return "w" in m.re.groupindex and "d" in m.re.groupindex and bool(m["w"])


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
    value = _shift(anchor, unit, shift, m[0])
    side = m[0].split()[0].lower()
    if side in {"earlier", "later"} and anchor.level == 3 and value.start and value.end:
        # "earlier this week": the part of the week up to publication, "later this month" the rest
        today = anchor.today().isoformat()
        start, end = (value.start, today) if side == "earlier" else (today, value.end)
        if start != value.start or end != value.end:
            return DateValue(start=start, end=end, precision="day" if start == end else "range", text=m[0])
    return value


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


PAST_EFFECT = frozenset({"took", "came", "went", "entered", "began", "started", "kicked"})


def _weekday(m: re.Match[str], anchor: Anchor) -> DateValue | None:
    """ "on Monday": the latest such day on or before publication (news reports the past). After a
    word of taking effect ("a truce starting Sunday", "from midnight Monday"), the weekday stands
    alone and looks ahead: the first such day on or after publication, unless the words are past
    ("took effect at midnight Monday")."""
    effect = None
    if not (m["on"] or m["tod"]):
        effect = _effect_regex().search(m.string, max(0, m.start() - 48), m.start())
        if effect is None:
            return None
    if anchor.level < 3:
        return _unknown(m["w"])
    today = anchor.today()
    wanted = WEEKDAYS.index(m["w"].lower())
    if effect is not None and PAST_EFFECT.isdisjoint(effect[0].lower().split()):
        d = today + timedelta(days=(wanted - today.weekday()) % 7)
    else:
        d = today - timedelta(days=(today.weekday() - wanted) % 7)
    return _value(d, d, "day", m["w"])


def _ordinal_part(m: re.Match[str], anchor: Anchor) -> DateValue | None:
    """ "the first month of 2024", "the second half of 2022", "the last week of March"."""
    ordinal = temporal_cues().ordinals[m["ord"].lower()]
    unit = m["ou"].lower()
    if m["m"]:
        month = _month_number(m["m"])
        year = _year(m["y"]) if m["y"] else _year_for_month(anchor, month)
        if year is None:
            return _unknown(m[0])
        return _part_of_a_month(year, month, unit, ordinal, m[0])
    if m["yo"]:
        return _part_of_a_year(_year(m["yo"]), unit, ordinal, m[0])
    shift = {"the": 0, "this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
    if anchor.level < 1:
        return _unknown(m[0])
    return _part_of_a_year(anchor.year + shift, unit, ordinal, m[0])


_PARTS_PER_YEAR = {"month": 12, "quarter": 4, "half": 2, "week": 52}
_PARTS_PER_MONTH = {"half": 2, "week": 4, "fortnight": 2}


def _part_of_a_year(year: int, unit: str, ordinal: int, text: str) -> DateValue | None:
    parts = _PARTS_PER_YEAR.get(unit)
    if parts is None or ordinal > parts:
        return None
    index = parts if ordinal == -1 else ordinal
    if unit == "week":
        first = date(year, 1, 1) + timedelta(weeks=index - 1)
        last = date(year, 12, 31) if ordinal == -1 else first + timedelta(days=6)
        return _value(last - timedelta(days=6) if ordinal == -1 else first, last, "week", text)
    months = 12 // parts
    first_month = (index - 1) * months + 1
    last_month = first_month + months - 1
    precision: Precision = "month" if months == 1 else "range"
    return _value(date(year, first_month, 1), _month_end(year, last_month), precision, text)


def _part_of_a_month(year: int, month: int, unit: str, ordinal: int, text: str) -> DateValue | None:
    parts = _PARTS_PER_MONTH.get(unit)
    if parts is None or ordinal > parts:
        return None
    days = calendar.monthrange(year, month)[1]
    index = parts if ordinal == -1 else ordinal
    if unit == "week":
        first = days - 6 if ordinal == -1 else (index - 1) * 7 + 1
        return _value(date(year, month, first), date(year, month, first + 6), "week", text)
    first = 1 if index == 1 else 16
    last = 15 if index == 1 else days
    return _value(date(year, month, first), date(year, month, last), "range", text)


def _anaphor(m: re.Match[str], _: Anchor) -> DateValue:
    """Placeholder: anaphora are resolved in text order by :func:`_resolve_anaphora`."""
    return _unknown(m[0])


def _event_anchored(m: re.Match[str], _: Anchor) -> DateValue:
    """Placeholder: "two weeks into the campaign" is resolved against the campaign's event."""
    return _unknown(m[0])


def _event_relative(m: re.Match[str], _: Anchor) -> DateValue:
    """Placeholder: "a week after militants stormed ...", "two days before the election" is resolved
    against the other event's date (``events/write.py``), else stays unknown."""
    return _unknown(m[0])


def anchor_of(value: DateValue) -> Anchor:
    """The most a resolved date says about one point in time: day, month or year of its start."""
    if value.start is None or value.end is None or value.precision == "unknown":
        return Anchor()
    start, end = date.fromisoformat(value.start), date.fromisoformat(value.end)
    if start == end:
        return Anchor(start.year, start.month, start.day, 3)
    if (start.year, start.month) == (end.year, end.month):
        return Anchor(start.year, start.month, 0, 2)
    return Anchor(start.year, 0, 0, 1)


def shift_value(base: DateValue, unit: str, count: int, text: str, elapsed: bool = True) -> DateValue:
    """``base`` moved by ``count`` units (day, week, month, year), never more precise than ``base``.

    elapsed (bool): "two weeks into the campaign": time gone by since ``base``, so the whole interval
        moves (a campaign begun in June 2014 is two weeks old some time from 15 June to 14 July);
        otherwise calendar units ("the following week": Monday to Sunday of the next week), which
        need an anchor at least as precise as the unit.
    """
    if base.start is None or base.end is None or base.precision == "unknown":
        return _unknown(text)
    if unit == "hour":  # "hours after": the same day or the next; "hours before": the day before or the same
        first, last = date.fromisoformat(base.start), date.fromisoformat(base.end)
        first, last = (first, last + timedelta(days=1)) if count > 0 else (first - timedelta(days=1), last)
        return _value(first, last, "range", text)
    if not elapsed:
        return _shift(anchor_of(base), unit, count, text)
    start, end = date.fromisoformat(base.start), date.fromisoformat(base.end)
    if unit in {"day", "week"}:
        days, width = (count, 0) if unit == "day" else (7 * count, 6)
        first, last = start + timedelta(days=days), end + timedelta(days=days + width)
    else:
        months = count * (12 if unit == "year" else 1)
        first, last = _add_months(start, months), _add_months(end, months)
    precision: Precision = "day" if first == last else "range"
    return _value(first, last, precision, text)


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


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
    cues = temporal_cues()
    ordinal = "(?P<ord>" + "|".join(cues.ordinals) + ")"
    count = r"(?P<n>\d{1,3}|" + "|".join(sorted(cues.number_words, key=len, reverse=True)) + ")"
    nouns = "|".join(sorted(cues.anchor_nouns, key=len, reverse=True))
    anaphors = "|".join(sorted(cues.anaphora, key=len, reverse=True))
    same_year = rf"(?i:{anaphors})\s+(?P<unit>year)\b(?![-\w])"  # "November of the same year"
    spec: list[tuple[str, Handler] | tuple[str, Handler, str]] = [
        (
            rf"\b(?i:the)\s+(?i:{ordinal})\s+(?P<ou>month|week|half|quarter|fortnight)\s+of\s+"
            rf"(?:{mon}(?:,?\s+{year})?|(?P<yo>(?:1[89]|20)\d{{2}})|(?P<yrel>the|this|last|next)\s+year)\b",
            _ordinal_part,
        ),
        (
            rf"\b(?i:{count})\s+(?P<unit>days?|weeks?|months?|years?)\s+into\s+"
            rf"(?:the|its|their|this|that|a|an)\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{nouns})\b",
            _event_anchored,
        ),
        (
            rf"\b(?:(?i:{count})\s+(?P<unit>hours?|days?|weeks?|months?|years?)|"
            rf"(?P<vague>[Hh]ours|[Mm]inutes|[Mm]oments))\s+(?P<dir>after|before)\b",
            _event_relative,
        ),
        # "Monday, December 23", "Sunday 22 December 2019": the weekday is part of the date
        (rf"\b{weekday},?\s+(?:the\s+)?{day}\s+(?:of\s+)?{mon}(?:,?\s+{year}\b|(?!\w))", _weekday_date),
        (rf"\b{weekday},?\s+{mon}\s+{day}\b(?:,?\s+{year}\b|(?!,?\s*\d))", _weekday_date),
        (rf"\b{day}\s+(?:of\s+)?{mon},?\s+{year}\b", _day_month_year),
        (rf"\b{mon}\s+{day},?\s+{year}\b", _day_month_year),
        (rf"\b{part}[\s-]+{mon},?\s+{year}\b", _part_month_year),
        (rf"\b{mon},?\s+(?:of\s+)?{year}\b", _month_year),
        (rf"\b(?:{day}\s+(?:of\s+)?)?{full},?\s+(?:of|in)\s+{same_year}", _anaphor),
        (rf"\b{full}\s+{day}\b,?\s+(?:of|in)\s+{same_year}", _anaphor),
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
        # before "this week": "earlier this week" is the part of the week up to publication
        (r"\b(?:[Ee]arlier|[Ll]ater)\s+(?P<rel>this)\s+(?P<unit>week|month|year)\b", _relative_unit),
        (
            r"(?<![Tt]he )\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Pp]revious|[Cc]oming)\s+"
            r"(?P<unit>week|month|year)\b(?!-)",
            _relative_unit,
        ),
        (
            r"\b(?P<n>\d{1,2}|(?i:an?|one|two|three|four|five|six))\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
            _ago,
        ),
        (r"\b(?P<w>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)\b", _day_word),
        (
            # "on Monday", "in the early hours of Monday", "late on Sunday", "Tuesday night"
            rf"\b(?:(?P<on>[Oo]n|(?:[Ii]n\s+)?the\s+(?:early\s+|small\s+|wee\s+)?"
            rf"(?:hours|morning|evening|night|afternoon)\s+of|[Ee]arly\s+on|[Ll]ate\s+on)\s+)?"
            rf"{weekday}\b(?P<tod>\s+(?:night|morning|evening|afternoon)\b)?",
            _weekday,
            "w",
        ),
        (
            rf"\b(?i:{anaphors})\s+(?P<unit>day|week|month|year)\b(?![-\w])",
            _anaphor,
        ),
        (rf"\b(?i:{count})\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<dir>later|earlier)\b", _anaphor),
        (r"\b[Ss]ince\s+then\b", _anaphor),
        (rf"\b(?:(?P<prep>{PREPOSITIONS})\s+)?{full}\b", _bare_month, "m"),
        (rf"\b(?P<prep>{PREPOSITIONS}|year)\s+{year}\b(?![-–]?\d)", _plain_year, "y"),
    ]
    return tuple((re.compile(entry[0]), entry[1], entry[2] if len(entry) == 3 else None) for entry in spec)


@cache
def _cue_regex() -> re.Pattern[str]:
    """Words one of which every pattern of :func:`_patterns` needs, as written there (case included).

    A month form, a year, a unit word ("day" also covers the weekdays, "yesterday"
    and "today") or "tonight"/"tomorrow". Most texts contain none, and one scan for
    these is far cheaper than running every pattern; a new pattern must need one of
    them too (``tests/test_temporal.py`` checks the sample corpus agrees).
    """
    months = sorted({f for n in MONTHS for f in (n.capitalize(), n.upper())}, key=len, reverse=True)
    words = ["day", "week", "month", "year", "half", "quarter", "fortnight", "[Tt]onight", "[Tt]omorrow"]
    words += [r"[Ss]ince\s+then", r"(?:[Hh]ours|[Mm]inutes|[Mm]oments)\s+(?:after|before)"]
    return re.compile("|".join([*words, r"(?:1[89]|20)\d\d", *months]))


def may_have_dates(text: str) -> bool:
    """False only when no date pattern can match ``text`` (a cheap test before running them)."""
    return _cue_regex().search(text) is not None


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

    text (str): a sentence or a whole document (anaphora need the dates before them).
    published (Published): anchor for relative and year-less expressions.
    offset (int): added to every position, so sentence-level calls give document offsets.
    RETURNS (list[TimeMention]): non-overlapping mentions in text order.
    """
    if (plain := _unshout(text)) != text:
        return [_restore(mention, text, plain, offset) for mention in find_dates(plain, published, offset)]
    if not may_have_dates(text):
        return []
    anchor = Anchor.from_published(published)
    taken: list[tuple[int, int]] = []
    found: list[TimeMention] = []
    anaphora: dict[int, _Anaphor] = {}
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
            if handler is _anaphor:
                anaphora[start] = _anaphor_shift(m)
            if handler is _event_relative:
                found.append(TimeMention(start, end, value, anchored=_relative_anchor(text, end, m)))
                continue
            found.append(_mention(text, start, end, value, m, handler is _event_anchored, anchor))
    found.sort(key=lambda mention: mention.start)
    resolved = _resolve_anaphora(found, anaphora, anchor)
    return [_offset(m, offset) for m in resolved]


# two or more words in capitals: a shouted headline or slug, where case tells nothing
_SHOUTED = re.compile(r"\b[A-Z][A-Z0-9'’.,-]*(?:\s+[A-Z0-9][A-Z0-9'’.,-]*)+\b")
_CALENDAR_WORD = re.compile(r"\b[a-z]+\b")


def _unshout(text: str) -> str:
    """``text`` with its runs of capitalised words written as prose would write them (lower
    case, month and weekday names capitalised), so "ENDED IN NOVEMBER LAST YEAR" reads like
    "ended in November last year". Same length, so offsets stay; ``text`` when nothing is shouted."""

    def prose(m: re.Match[str]) -> str:
        lowered = m[0].lower()
        if len(lowered) != len(m[0]):
            return m[0]
        return _CALENDAR_WORD.sub(
            lambda w: w[0].capitalize() if w[0] in MONTHS or w[0] in WEEKDAYS else w[0], lowered
        )

    return _SHOUTED.sub(prose, text) if any(c.isupper() for c in text) else text


def _restore(mention: TimeMention, text: str, plain: str, offset: int) -> TimeMention:
    """A mention found in the unshouted copy, with the original's words as its text."""
    start, end = mention.start - offset, mention.end - offset
    value = mention.value
    if value.text is not None and value.text == plain[start:end]:
        value = value.model_copy(update={"text": text[start:end]})
    return replace(mention, value=value)


def _mention(
    text: str, start: int, end: int, value: DateValue, m: re.Match[str], anchored: bool, anchor: Anchor
) -> TimeMention:
    """A mention with its role ("until X") or its event anchor ("two weeks into the campaign").

    A year-less "until February 8" looks ahead: it is the next such date after publication; a
    year-less "starting May 4" is the occurrence nearest to publication.
    """
    if anchored:
        unit = m["unit"].lower().rstrip("s")
        family = temporal_cues().anchor_nouns[m["noun"].lower()]
        return TimeMention(start, end, value, anchored=EventAnchor(family, unit, count_value(m["n"]) or 1))
    until = _until_regex().search(text, max(0, start - 48), start)
    if until is None:
        effect = _effect_regex().search(text, max(0, start - 48), start)
        if effect is None:
            return TimeMention(start, end, value)
        if PAST_EFFECT.isdisjoint(effect[0].lower().split()):
            value = _nearer_ahead(value, m, anchor, text[start:end])
        return TimeMention(start, end, value, role="from")
    phrase = text[until.start() : end]
    value = _ahead(value, m, anchor, phrase)
    return TimeMention(until.start(), end, value.model_copy(update={"text": phrase}), role="until")


def _nearer_ahead(value: DateValue, m: re.Match[str], anchor: Anchor, phrase: str) -> DateValue:
    """A year-less date a truce takes effect on ("starting May 4") is the occurrence nearest to
    publication: a truce reported "starting from November 9" on 20 November began eleven days
    before, one reported in March "starting May 4" begins in May."""
    ahead = _ahead(value, m, anchor, phrase)
    if ahead is value or not (ahead.start and value.end):
        return value
    today = anchor.today()
    after = date.fromisoformat(ahead.start) - today
    before = today - date.fromisoformat(value.end)
    return ahead if after < before else value


def _ahead(value: DateValue, m: re.Match[str], anchor: Anchor, phrase: str) -> DateValue:
    """A year-less date that bounds what is to come ("until February 8", "starting May 4") is the
    next such date after publication."""
    if (
        not _YEAR.search(m[0])
        and not _weekday_fixed(m)
        and value.end
        and anchor.level == 3
        and value.end < anchor.today().isoformat()
    ):
        return shift_value(value, "year", 1, phrase)
    return value


_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
CLAUSE = "clause"  # the family of an event-relative date whose other event is the clause that follows


def _relative_anchor(text: str, end: int, m: re.Match[str]) -> EventAnchor:
    """ "two days before the election" (the noun's family) or "a week after militants stormed" (the clause).

    Hours, minutes and moments move by less than a day: unit "hour", count +1 after and -1 before.
    """
    sign = -1 if m["dir"] == "before" else 1
    unit, count = ("hour", 1) if m["vague"] or m["unit"].lower().startswith("hour") else (m["unit"], 0)
    if unit != "hour":
        unit, count = unit.lower().rstrip("s"), count_value(m["n"]) or 1
    phrase = _relative_noun_regex().match(text, end)
    if phrase is None:
        return EventAnchor(CLAUSE, unit, sign * count)
    nouns = temporal_cues().anchor_nouns
    family = next((nouns[w] for w in phrase["words"].lower().split() if w in nouns), "")
    return EventAnchor(family, unit, sign * count)


@cache
def _relative_noun_regex() -> re.Pattern[str]:
    """ "the election", "the announcement", "the Peshawar attack": a noun phrase names the other event."""
    return re.compile(r"\s+(?:the|a|an|its|their|this|that|his|her)\s+(?P<words>(?:[\w-]+\s+){0,2}[\w-]+)")


@cache
def _until_regex() -> re.Pattern[str]:
    """ "until", "till the election on": an end bound right before a date."""
    words = "|".join(re.escape(w) for w in sorted(temporal_cues().until, key=len, reverse=True))
    return re.compile(
        rf"\b(?i:{words})\s+(?:(?:the|a|an|its|their)\s+(?:[\w-]+\s+){{1,3}}?(?:on|in|of)\s+)?$"
    )


@cache
def _effect_regex() -> re.Pattern[str]:
    """ "starting", "from midnight on", "took effect at 06:00 GMT on": the date something takes effect,
    right before a date (a time of day and "on"/"at"/"the" may stand between)."""
    words = "|".join(re.escape(w) for w in sorted(temporal_cues().effect, key=len, reverse=True))
    # "midnight", "06:00", "the first hour of", "one minute past midnight"
    clock = (
        r"(?:(?:the\s+)?(?:first|last)\s+(?:hour|minute)(?:\s+of)?|(?:one|a)\s+minute\s+(?:past|after)\s+midnight"
        r"|midnight|noon|dawn|\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|h(?:rs)?|hours)?)"
    )
    time = rf"(?:{clock}(?:\s+\w+\s+time|\s+gmt|\s+utc|\s+local)?\s+)?"
    return re.compile(rf"\b(?i:(?:{words})\s+(?:(?:on|at|from)\s+)?{time}(?:(?:on|of|the)\s+)?)$")


@dataclass(frozen=True)
class _Anaphor:
    """What an anaphor asks of the date before it: move by ``shift`` ``unit``s, then (for "November of
    the same year") take that month, and that day when given, inside the year reached."""

    unit: str
    shift: int
    month: int = 0
    day: int = 0


def _anaphor_shift(m: re.Match[str]) -> _Anaphor:
    """ "the following week" (week, +1), "two days earlier" (day, -2), "November of the same year"
    (year, 0, month 11); "since then" is (since, 0): from the anchor up to publication."""
    if m[0].lower().startswith("since"):
        return _Anaphor("since", 0)
    unit = m["unit"].lower().rstrip("s")
    groups = m.groupdict()
    if groups.get("dir"):
        count = count_value(m["n"]) or 1
        return _Anaphor(unit, count if m["dir"].lower() == "later" else -count)
    words = m[0].lower().split()
    cue = next(
        " ".join(words[i:-1]) for i in range(len(words)) if " ".join(words[i:-1]) in temporal_cues().anaphora
    )
    month = _month_number(groups["m"]) if groups.get("m") else 0
    return _Anaphor(unit, temporal_cues().anaphora[cue], month, int(groups["d"]) if groups.get("d") else 0)


def inferred_from_context(value: DateValue) -> DateValue:
    """A date resolved from context has no text, as the spec says; the mention's offsets keep the phrase."""
    return value if value.precision == "unknown" else value.model_copy(update={"text": None})


def _resolve_anaphora(
    found: list[TimeMention], anaphora: dict[int, _Anaphor], anchor: Anchor = Anchor()
) -> list[TimeMention]:
    """Resolve "the same year", "since then" and kin against the last explicit date before each of them.

    Only explicit dates anchor: a chain of anaphora ("the same year ... the following month") would
    otherwise lose precision at every step.
    """
    resolved: list[TimeMention] = []
    last: DateValue | None = None
    for mention in found:
        if mention.start in anaphora:
            ask = anaphora[mention.start]
            text = mention.value.text or ""
            if last is None:
                value = _unknown(text)
            elif ask.unit == "since":
                value = _widen_since("since ", 6, last.model_copy(update={"text": ""}), anchor)[1]
            else:
                value = shift_value(last, ask.unit, ask.shift, text, elapsed=False)
                if ask.month and value.start is not None and value.precision != "unknown":
                    year = int(value.start[:4])
                    value = (
                        day_value(year, ask.month, ask.day, text)
                        if ask.day
                        else month_value(year, ask.month, text)
                    )
            value = inferred_from_context(value)
            mention = TimeMention(mention.start, mention.end, value, mention.role)
        elif mention.value.precision != "unknown" and mention.anchored is None:
            last = mention.value
        resolved.append(mention)
    return resolved


def _offset(mention: TimeMention, offset: int) -> TimeMention:
    if not offset:
        return mention
    return TimeMention(
        mention.start + offset, mention.end + offset, mention.value, mention.role, mention.anchored
    )
