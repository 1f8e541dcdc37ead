"""Dates in a text, absolute ("26 May 2017", "Dec. 29", "in 2017", "late December") and
relative ("on Monday", "last week", "yesterday", "since December"), resolved against the
report's publication day or window.

A date is as precise as every publication day allows: "on Monday" in a report of 14 or
15 January 2019 is 14 January; "last week" in one of 16 to 20 January is January 2019.
The rules are our own small grammar: dateparser reads one date string well, but finds
dates in running text with many false hits ("may", "now") and cannot say what a window
of publication days leaves open.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import PartialDate
from .numbers import MONTHS

__all__ = ["DateMention", "date_mentions"]

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|"
    # Russian forms, lower case as Russian writes them; longest first ("марта", not "март")
    + "|".join(sorted((m for m in MONTHS if not m.isascii()), key=len, reverse=True))
    + r")\.?"
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_YEAR = r"(?P<year>(?:18|19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"


@dataclass(frozen=True)
class DateMention:
    """A date the text gives: where, what it says, the date, and how it was worked out."""

    start: int
    end: int
    said: str
    date: PartialDate
    basis: str | None  # None when the text writes the date out in full


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _latest_before(day: dt.date, month: int, date_of_month: int | None) -> dt.date | None:
    """The last date with this month (and day) on or before `day`."""
    for year in (day.year, day.year - 1):
        candidate = _day(year, month, date_of_month or 1)
        if candidate and candidate <= day:
            return candidate
    return None


def _weekday_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


# Each rule: a pattern, and what it means on one publication day (a date and its precision).
Resolver = Callable[[re.Match, dt.date], tuple[dt.date, str] | None]


def _full_day(match: re.Match, _: dt.date) -> tuple[dt.date, str] | None:
    day = _day(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
    return (day, "day") if day else None


def _month_year(match: re.Match, _: dt.date) -> tuple[dt.date, str] | None:
    return dt.date(int(match["year"]), MONTHS[match["month"].lower()], 1), "month"


def _year(match: re.Match, _: dt.date) -> tuple[dt.date, str] | None:
    return dt.date(int(match["year"]), 1, 1), "year"


def _day_month(match: re.Match, published: dt.date) -> tuple[dt.date, str] | None:
    day = _latest_before(published, MONTHS[match["month"].lower()], int(match["day"]))
    return (day, "day") if day else None


def _month(match: re.Match, published: dt.date) -> tuple[dt.date, str] | None:
    day = _latest_before(published, MONTHS[match["month"].lower()], None)
    return (day, "month") if day else None


def _weekday(match: re.Match, published: dt.date) -> tuple[dt.date, str] | None:
    weekday = _WEEKDAYS.index(match["weekday"].lower())
    day = _weekday_before(published, weekday)
    if match.group().lower().startswith("last"):
        day -= dt.timedelta(days=7) if day == published else dt.timedelta(0)
    return day, "day"


def _relative(match: re.Match, published: dt.date) -> tuple[dt.date, str] | None:
    said = " ".join(match.group().lower().split())
    if said == "yesterday":
        return published - dt.timedelta(days=1), "day"
    if said == "today":
        return published, "day"
    if said.endswith("week"):  # last week / this week / earlier this week
        monday = published - dt.timedelta(days=published.weekday())
        return (monday - dt.timedelta(days=7) if "last" in said else monday), "week"
    if said.endswith("month"):
        first = published.replace(day=1)
        return (first - dt.timedelta(days=1)).replace(day=1) if "last" in said else first, "month"
    if said.endswith("year"):
        return dt.date(published.year - ("last" in said), 1, 1), "year"
    return None


_BEFORE_PUBLICATION = "the last {said} before publication"
_MONTH_ALONE = (
    r"\b(?:(?:early|mid|late|since|in|back in|last|this)[- ])?"
    rf"(?-i:{_MONTH})(?![\w.]|\s+(?:[0-3]?\d\b|(?:18|19|20)\d\d))"
)
_WEEKDAY = (
    r"\b(?:[Oo]n |[Ll]ast |[Tt]his )?"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
# Capitalised only where a sentence starts with it: "Russia Today" is a name.
_RELATIVE = (
    r"\b(?:yesterday|today|(?:earlier |later )?(?:last|this) (?:week|month|year))\b"
    r"|^(?:Yesterday|Today|(?:Earlier |Later )?(?:Last|This) (?:week|month|year))\b"
)
_RULES: list[tuple[re.Pattern, Resolver, str | None]] = [
    (re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"), _full_day, None),
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"), _full_day, None),
    (re.compile(rf"\b{_MONTH}\s+{_YEAR}\b"), _month_year, None),
    (re.compile(rf"\b{_DAY}\s+{_MONTH}(?!\s*\d)"), _day_month, _BEFORE_PUBLICATION),
    (re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d{{4}})"), _day_month, _BEFORE_PUBLICATION),
    (
        re.compile(_MONTH_ALONE, re.IGNORECASE),
        _month,
        "'{said}', the last {month} before publication",
    ),
    (re.compile(rf"(?<![\w-]){_YEAR}(?![\w-])"), _year, None),
    (re.compile(_WEEKDAY), _weekday, "'{said}', counted back from publication"),
    (re.compile(_RELATIVE), _relative, "'{said}', counted from publication"),
]


def _publication_days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def _common(dates: list[tuple[dt.date, str]]) -> PartialDate | None:
    """The most precise date that every reading allows: a day, a month or a year."""
    days = {day for day, _ in dates}
    precisions = {precision for _, precision in dates}
    first = min(days)
    if precisions == {"week"}:
        last = max(days) + dt.timedelta(days=6)
        if (first.year, first.month) == (last.year, last.month):
            return PartialDate(first.year, first.month, None)
        return PartialDate(first.year, None, None) if first.year == last.year else None
    if len(days) == 1 and precisions == {"day"}:
        return PartialDate(first.year, first.month, first.day)
    if len({(d.year, d.month) for d in days}) == 1 and precisions <= {"day", "month"}:
        return PartialDate(first.year, first.month, None)
    if len({d.year for d in days}) == 1:
        return PartialDate(first.year, None, None)
    return None


def _month_name(said: str | None) -> str:
    """ "Dec." or "декабре" -> "December": the note is in English, like the others."""
    return f"{dt.date(2000, MONTHS[said.rstrip('.').lower()], 1):%B}" if said else ""


def _window_words(first: dt.date, last: dt.date) -> str:
    if first == last:
        return f"{first.day} {first:%B %Y}"
    return (
        f"{first.day}–{last.day} {last:%B %Y}"
        if first.month == last.month
        else f"{first:%d %B} – {last:%d %B %Y}"
    )


# A relative date read on every day of a publication window longer than this has readings
# in more than one year (each rule's reading moves with the year of publication), so no
# date they all allow: not read at all, rather than once for each of thousands of days.
_LONGEST_WINDOW = 2 * 366


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether start..end overlaps one of the disjoint, ordered spans of `taken`."""
    index = bisect.bisect_left(taken, (start, end))
    return any(
        taken[i][0] < end and start < taken[i][1] for i in (index - 1, index) if 0 <= i < len(taken)
    )


def date_mentions(text: str, first: dt.date | None, last: dt.date | None) -> list[DateMention]:
    """Every date the text gives; those that need the publication date only when it is
    known (`first`..`last`, the publication window)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []  # the spans of the dates found, in order, disjoint
    for pattern, resolve, basis in _RULES:
        for match in pattern.finditer(text):
            if _overlaps(taken, match.start(), match.end()):
                continue
            if basis is None:
                reading = resolve(match, dt.date.today())
                date = _common([reading]) if reading else None
            elif first is None or last is None:
                continue  # a relative date with no publication date to count from
            elif (last - first).days > _LONGEST_WINDOW:
                continue  # readings over years apart: no date every one of them allows
            else:
                readings = [resolve(match, day) for day in _publication_days(first, last)]
                if any(reading is None for reading in readings):
                    continue
                date = _common([r for r in readings if r])
            if date is None or (last and date.earliest() > last):
                continue  # unresolvable, or after the report came out: not an event it tells
            said = match.group()
            month = match.groupdict().get("month")
            why = None
            if basis:
                why = basis.format(said=said, month=_month_name(month)) + (
                    f" ({_window_words(first, last)})" if first and last else ""
                )
            found.append(DateMention(match.start(), match.end(), said, date, why))
            bisect.insort(taken, (match.start(), match.end()))
    return sorted(found, key=lambda mention: mention.start)
