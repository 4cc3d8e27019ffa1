"""When a document was published: from metadata, a dateline, or the years its text mentions.

A publication date anchors every relative expression in the text ("last month",
"on Monday"), so it must never be more precise than its source: metadata and
datelines give what they state, while a date guessed from the text is only ever
a year and says so (``basis="inferred"``). dateutil is deliberately not used: it
fills missing parts with defaults, which would invent precision.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from ceasefire.models import DateBasis, Precision, Published

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\b\.?"
)
_ZONE = r"(?:z|[+-]\d{2}:?\d{2}|(?:gmt|utc)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|\(?[a-z]{2,5}\)?)"
_TIME = (
    r"(?:(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))(?:[:.](?P<second>\d{2}))?(?:\s*[ap]\.?\s?m\b\.?)?"
    r"|(?P<hour12>\d{1,2})\s*[ap]\.?\s?m\b\.?)"
    rf"(?:\s*{_ZONE})?"
)
_DAY_FORMS = (
    rf"{_DAY}[\s-]+(?:of\s+)?{_MONTH}[\s,-]+{_YEAR}",  # 21 November 2021, 21-Nov-2021
    rf"{_MONTH}\s*{_DAY},?\s+{_YEAR}",  # November 21, 2021
    rf"{_YEAR}-(?P<imonth>\d{{2}})-(?P<iday>\d{{2}})(?:t\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:{_ZONE})?)?",
)
_MONTH_FORM = rf"{_MONTH},?\s+{_YEAR}"
_CLOCK = rf"(?:(?:,|\s+at|\s*[|–—-])?\s*{_TIME})?"
_FLAGS = re.IGNORECASE

# A whole metadata value: weekday?, date, time? (covers RFC 2822 as well).
_TEXT_DAY = [re.compile(rf"(?:{_WEEKDAY},?\s*)?{form}{_CLOCK}", _FLAGS) for form in _DAY_FORMS[:2]]
_TEXT_MONTH = re.compile(_MONTH_FORM, _FLAGS)
_ISO_YEAR = re.compile(r"(?P<year>\d{4})")
_ISO_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")
_ISO_DAY_PREFIX = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_SLASHED = re.compile(r"(?P<a>\d{1,4})[/.](?P<b>\d{1,2})[/.](?P<c>\d{1,4})")

# Datelines: a standalone date line near the top, or a "PLACE, date:" prefix.
_LABEL = (
    r"(?:(?:first|last|originally)\s+)?(?:published|updated|posted|modified|created|dated?)"
    r"(?:\s+(?:on|at))?\s*[:|-]?\s*"
)
_STANDALONE = [
    re.compile(
        rf"(?:{_LABEL})?(?:{_WEEKDAY},?\s*)?(?:{form}){_CLOCK}"
        rf"(?:\s*[|•·;,]?\s*(?:last\s+)?(?:updated|modified)\b.*)?[\s.]*",
        _FLAGS,
    )
    for form in _DAY_FORMS
]
_PLACE_WORD = r"(?-i:[A-Z][A-Za-z'’.-]+)"
_PLACE_RUN = rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}"
_PLACE = rf"(?P<place>{_PLACE_RUN}(?:,\s*{_PLACE_RUN})?)"
_PREFIXES = [
    re.compile(
        rf"(?:{_PLACE}\s*[,—–-]?\s*)?\(?(?:{_WEEKDAY},?\s*)?(?:{form})\)?"
        rf"(?:\s*\((?-i:[A-Z])[\w .&/-]{{1,30}}\))?\s*[:—–-]+\s*\S",
        _FLAGS,
    )
    for form in _DAY_FORMS
]
_NOT_PLACES = frozenset(
    {"on", "in", "by", "at", "from", "since", "until", "as", "before", "after", "of", "the"}
)

_YEAR_MENTION = re.compile(r"(?<!\d)(?<!\d[.,])(?P<year>(?:19|20)\d\d)(?!\d|[.,]\d|s\b)")
_DATELINE_PARAGRAPHS = 5
_DATELINE_CHARS = 600


def parse_date(value: str) -> Published:
    """Read a metadata or command-line date, keeping exactly the precision it states.

    value (str): ISO (``2021-11-21``, ``2024-02``, ``2014``, ISO datetimes) or a common
        written form ("21 November 2021", "Nov 21, 2021", RFC 2822).
    RETURNS (Published): ``basis="metadata"``.
    Raises ValueError when the value is not a date or not a real one ("2021-02-30").
    """
    text = " ".join(value.split())
    for reader in (_read_iso, _read_written, _read_slashed):
        found = reader(text)
        if found is not None:
            return _published(*found, basis="metadata")
    raise ValueError(f"not a recognised date: {value!r}")


def find_dateline(text: str) -> Published | None:
    """Find a day-precise date the article states as its own (a dateline), near its top.

    Only standalone date lines ("Published: 21 Nov 2021 10:00") and dateline prefixes
    ("ISLAMABAD, November 21, 2021:") count: a date inside a sentence is a fact the
    article reports, not when it appeared, and a date without a year is not enough.
    """
    for paragraph in _top_paragraphs(text):
        found = dateline_of(paragraph)
        if found is not None:
            return found
    return None


def dateline_of(paragraph: str) -> Published | None:
    """The dateline a single paragraph states, or None (used by cleaning to spot date lines)."""
    text = " ".join(paragraph.split())
    for pattern in _STANDALONE:
        match = pattern.fullmatch(text)
        if match is not None:
            return _day_from(match)
    for pattern in _PREFIXES:
        match = pattern.match(text)
        if match is not None and _plausible_place(match.group("place")):
            return _day_from(match)
    return None


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_YEARLESS_WEEKDAY_DATE = [
    re.compile(rf"\b(?P<weekday>{'|'.join(_WEEKDAY_NAMES)}),?\s+{form}(?!,?\s*\d)", _FLAGS)
    for form in (rf"{_MONTH}\s*{_DAY}\b", rf"(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}")
]


def infer_published(text: str, today: datetime.date) -> Published:
    """Estimate the year of publication as the latest explicit year the text mentions.

    News reports the past, so the latest year written (and not in the future) is a
    fair lower bound; it is only a year, never a month or a day. A day the text names
    with its weekday and no year ("from 00.00 on Monday Aug. 29") moves the bound to
    the first year, from the bound on, in which every such day falls on its weekday:
    a report that names 2014 as past and Monday, August 29 as near is of 2016.
    """
    years = [int(m.group("year")) for m in _YEAR_MENTION.finditer(text)]
    plausible = [year for year in years if 1900 <= year <= today.year]
    if not plausible:
        return Published(date=None, precision="unknown", basis="unknown")
    return Published(
        date=f"{_weekday_year(text, max(plausible), today):04d}", precision="year", basis="inferred"
    )


RECENT_YEARS = 6  # a report's "Monday, August 29" is of a year near the latest year it names


def _weekday_year(text: str, lower: int, today: datetime.date) -> int:
    """The first year of the :data:`RECENT_YEARS` from ``lower`` in which every year-less weekday
    date of the text ("Monday, August 29", "Sunday 22 December") falls on its weekday; ``lower``
    when the text names none, or no such year fits them all."""
    days = []
    for pattern in _YEARLESS_WEEKDAY_DATE:
        for m in pattern.finditer(text):
            days.append(
                (_WEEKDAY_NAMES.index(m["weekday"].lower()), _MONTHS[m["month"].lower()], int(m["day"]))
            )
    if not days:
        return lower
    for year in range(lower, min(today.year, lower + RECENT_YEARS) + 1):
        try:
            if all(datetime.date(year, month, day).weekday() == weekday for weekday, month, day in days):
                return year
        except ValueError:
            continue
    return lower


def resolve_published(metadata: str | None, text: str, today: datetime.date) -> Published:
    """Pick the best-founded publication date: metadata, then a dateline, then an inferred year."""
    if metadata:
        try:
            return parse_date(metadata)
        except ValueError:
            pass
    return find_dateline(text) or infer_published(text, today)


def _read_iso(text: str) -> tuple[int, int | None, int | None] | None:
    if _ISO_YEAR.fullmatch(text):
        return int(text), None, None
    if match := _ISO_MONTH.fullmatch(text):
        return int(match["year"]), int(match["month"]), None
    if match := _ISO_DAY_PREFIX.match(text):
        datetime.datetime.fromisoformat(text.replace("z", "Z"))  # validates the whole value
        return int(match["year"]), int(match["month"]), int(match["day"])
    return None


def _read_written(text: str) -> tuple[int, int | None, int | None] | None:
    for pattern in _TEXT_DAY:
        if match := pattern.fullmatch(text):
            _check_clock(match)
            return int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"])
    if match := _TEXT_MONTH.fullmatch(text):
        return int(match["year"]), _MONTHS[match["month"].lower()], None
    return None


def _read_slashed(text: str) -> tuple[int, int | None, int | None] | None:
    """``2021/11/21`` always; ``21/11/2021`` or ``11/21/2021`` only when the order is unambiguous."""
    match = _SLASHED.fullmatch(text)
    if match is None:
        return None
    a, b, c = (match[name] for name in "abc")
    if len(a) == 4:
        return int(a), int(b), int(c)
    if len(c) != 4:
        return None
    first, second = int(a), int(b)
    if first > 12 >= second:
        return int(c), second, first
    if second > 12 >= first:
        return int(c), first, second
    if first == second:
        return int(c), first, first
    raise ValueError(f"ambiguous day/month order: {text!r}")


def _check_clock(match: re.Match[str]) -> None:
    """Reject impossible times so "21 Nov 2021 99:99" is not read as a date."""
    hour = match["hour"] or match["hour12"]
    if hour is not None and int(hour) > 24:
        raise ValueError(f"invalid hour: {hour}")
    for part in ("minute", "second"):
        if match[part] is not None and int(match[part]) > 59:
            raise ValueError(f"invalid {part}: {match[part]}")


def _published(year: int, month: int | None, day: int | None, *, basis: DateBasis) -> Published:
    """Validate the parts against the calendar and write the ISO prefix they support."""
    datetime.date(year, 1 if month is None else month, 1 if day is None else day)
    if year < 1000:
        raise ValueError(f"year out of range: {year}")
    precision: Precision = "day" if day is not None else "month" if month is not None else "year"
    parts = [f"{year:04d}"] + [f"{part:02d}" for part in (month, day) if part is not None]
    return Published(date="-".join(parts), precision=precision, basis=basis)


def _day_from(match: re.Match[str]) -> Published | None:
    """The calendar day a dateline match names, or None if it is not a real day."""
    groups = match.groupdict()
    month = groups.get("imonth") or groups.get("month")
    day = groups.get("iday") or groups.get("day")
    if month is None or day is None:
        return None
    month_number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
    try:
        return _published(int(match["year"]), month_number, int(day), basis="text")
    except ValueError:
        return None


def _plausible_place(place: str | None) -> bool:
    """A dateline place is a name, not a sentence opener such as "On" or "By"."""
    return place is None or place.split()[0].lower() not in _NOT_PLACES


def _top_paragraphs(text: str) -> Iterator[str]:
    """The first few non-empty lines of the text, within the first few hundred characters."""
    offset = 0
    count = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        if count >= _DATELINE_PARAGRAPHS or start >= _DATELINE_CHARS:
            return
        count += 1
        yield line.strip()
