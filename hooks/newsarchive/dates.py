"""Dates as the reports give them, in EDTF (the Library of Congress Extended Date/Time
Format): a day, month or year; an interval between two of them (`2018-12/2019-01-14`,
"since December" in a report of 14 January); an open end (`2018-12/..`) or an unknown
one (`2018-12/`); uncertain (`2017?`), approximate (`2017~`) or both (`2017%`).

The build reads this subset with one regular expression: the `edtf` package parses all
of EDTF with a pyparsing grammar at 1-9 ms a value (measured: 9.3 ms for an interval),
which at 100,000 dated events is a quarter of an hour. `edtf` is asked only about a value
this subset refuses, to tell the editor whether it is EDTF at all (see `parse`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering

__all__ = ["EDTF_PATTERN", "EdtfDate", "PartialDate", "edtf_examples"]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ENDPOINT = r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)([?~%]?)"
_SINGLE = re.compile(rf"^{_ENDPOINT}$")
_INTERVAL = re.compile(rf"^(?:{_ENDPOINT}|(\.\.)|)/(?:{_ENDPOINT}|(\.\.)|)$")
# The subset for JSON Schema (editors' tools); `EdtfDate.parse` checks the days are real.
EDTF_PATTERN = (
    r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?[?~%]?"
    r"|(?:\d{4}(?:-\d{2}(?:-\d{2})?)?[?~%]?|\.\.)?/(?:\d{4}(?:-\d{2}(?:-\d{2})?)?[?~%]?|\.\.)?)$"
)
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
EARLIEST_YEAR = 1800  # no press report is older


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day: `2017`, `2017-04`, `2017-04-01`."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read a YAML value (int year, date, or string) as a partial date."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError("give a date without a time of day, like 2019-01-14")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError("write a date as YYYY, YYYY-MM or YYYY-MM-DD")
        match = _PARTIAL_DATE.match(str(value).strip())
        if not match:
            raise ValueError(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match.group(1))
        month, day = (int(part) if part else None for part in match.groups()[1:])
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError as error:
            raise ValueError(f"{value!r} is not a real date ({error})") from None
        if year < EARLIEST_YEAR:
            raise ValueError(f"{value!r} is too early for a press report")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """ "day", "month" or "year"."""
        return "day" if self.day else "month" if self.month else "year"

    def sort_key(self) -> tuple[int, int, int]:
        """Chronological order: a year before its months, a month before its days."""
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def earliest(self) -> dt.date:
        """The first day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day the date can mean."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """The value for `<time datetime=...>`: `2017`, `2017-04` or `2017-04-01`."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def human(self) -> str:
        """How a reader says it: `2017`, `April 2017`, `1 April 2017`."""
        if not self.month:
            return str(self.year)
        month = _MONTHS[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    def __str__(self) -> str:
        return self.iso()


def _widened(date: PartialDate, qualifier: str, *, later: bool) -> dt.date:
    """An endpoint's outer day: an uncertain or approximate date may be one unit of its
    precision off (a day, a month or a year), so it reaches one unit further."""
    day = date.latest() if later else date.earliest()
    if not qualifier:
        return day
    step = 1 if later else -1
    if date.precision == "day":
        return day + dt.timedelta(days=step)
    if date.precision == "month":
        year, month = divmod(date.year * 12 + date.month - 1 + step, 12)  # type: ignore[operator]
        return PartialDate(year, month + 1).latest() if later else dt.date(year, month + 1, 1)
    return dt.date(date.year + step, 12, 31) if later else dt.date(date.year + step, 1, 1)


_QUALIFIED = {"": "{}", "?": "{} (uncertain)", "~": "about {}", "%": "about {} (uncertain)"}


@total_ordering
@dataclass(frozen=True)
class EdtfDate:
    """A date or an interval in the EDTF subset above. `start` and `end` are the same
    partial date for a single date; None for an open (`..`) or unknown (empty) end."""

    edtf: str  # as written, the value for data files
    start: PartialDate | None
    end: PartialDate | None
    start_qualifier: str = ""  # "", "?", "~" or "%"
    end_qualifier: str = ""
    start_open: bool = False  # `..`: no earlier limit; else an empty start is unknown
    end_open: bool = False

    @classmethod
    def parse(cls, value: object) -> EdtfDate:
        """Read a YAML value (a date, a year, or an EDTF string) as an EDTF date."""
        if isinstance(value, EdtfDate):
            return value
        if isinstance(value, dt.date | int) and not isinstance(value, bool):
            date = PartialDate.parse(value)
            return cls(date.iso(), date, date)
        if not isinstance(value, str):
            raise ValueError(f"write a date as EDTF text, such as {edtf_examples()}")
        text = value.strip()
        if single := _SINGLE.match(text):
            date = _endpoint(single[1], text)
            return cls(text, date, date, single[2], single[2])
        interval = _INTERVAL.match(text)
        if interval is None or text == "/":
            raise ValueError(_refusal(text))
        start = _endpoint(interval[1], text) if interval[1] else None
        end = _endpoint(interval[4], text) if interval[4] else None
        if start is None and end is None:
            raise ValueError(f"{text!r} gives neither end; give at least one date")
        if start is not None and end is not None and start.earliest() > end.latest():
            raise ValueError(f"{text!r} ends before it starts; swap the two dates")
        return cls(
            text,
            start,
            end,
            interval[2] or "",
            interval[5] or "",
            start_open=bool(interval[3]),
            end_open=bool(interval[6]),
        )

    @property
    def is_interval(self) -> bool:
        """Whether this is an interval, not one day, month or year."""
        return "/" in self.edtf

    @property
    def qualified(self) -> bool:
        """Whether either end is uncertain or approximate."""
        return bool(self.start_qualifier or self.end_qualifier)

    @property
    def precision(self) -> str:
        """ "day", "month" or "year" for a single date; "interval" otherwise."""
        assert self.start is not None  # a single date has both ends
        return "interval" if self.is_interval else self.start.precision

    @property
    def anchor(self) -> PartialDate:
        """Where the date sits on a timeline: its start, or its end when the start is
        not known."""
        found = self.start or self.end
        assert found is not None  # parse refuses an interval with neither end
        return found

    @property
    def year(self) -> int:
        """The anchor's year (timeline pages are split by it)."""
        return self.anchor.year

    @property
    def month(self) -> int | None:
        """The anchor's month, when known."""
        return self.anchor.month

    def earliest(self) -> dt.date | None:
        """The first day it can mean; None when the start is open or unknown."""
        return self.start.earliest() if self.start else None

    def latest(self) -> dt.date | None:
        """The last day it can mean; None when the end is open or unknown."""
        return self.end.latest() if self.end else None

    def bounds(self) -> tuple[dt.date, dt.date]:
        """The widest days it can mean, an uncertain or approximate end one unit further;
        an open or unknown end reaches as far as dates go."""
        first = (
            _widened(self.start, self.start_qualifier, later=False) if self.start else dt.date.min
        )
        last = _widened(self.end, self.end_qualifier, later=True) if self.end else dt.date.max
        return first, last

    def overlaps(self, other: EdtfDate) -> bool:
        """Whether both can be true: some day lies within both."""
        first, last = self.bounds()
        other_first, other_last = other.bounds()
        return first <= other_last and other_first <= last

    def contains(self, other: EdtfDate) -> bool:
        """Whether every day `other` can mean lies within this one."""
        first, last = self.bounds()
        other_first, other_last = other.bounds()
        return first <= other_first and other_last <= last

    def sort_key(self) -> tuple[int, int, int]:
        """Chronological order, by the anchor."""
        return self.anchor.sort_key()

    def __lt__(self, other: EdtfDate) -> bool:
        return (self.sort_key(), self.edtf) < (other.sort_key(), other.edtf)

    def iso(self) -> str:
        """The value for `<time datetime=...>`, which takes one date: the anchor (the
        words beside it say the interval)."""
        return self.anchor.iso()

    def human(self) -> str:
        """How a reader says it: "about 2017", "December 2018 – 14 January 2019",
        "until 14 January 2019", "from December 2018 (end not known)"."""
        if not self.is_interval:
            return _QUALIFIED[self.start_qualifier].format(self.anchor.human())
        start = _QUALIFIED[self.start_qualifier].format(self.start.human()) if self.start else ""
        end = _QUALIFIED[self.end_qualifier].format(self.end.human()) if self.end else ""
        if not start:
            return f"until {end}" if self.start_open else f"{end} or before (start not known)"
        if not end:
            return f"from {start} on" if self.end_open else f"from {start} (end not known)"
        return f"{start} – {end}"

    def __str__(self) -> str:
        return self.edtf


def _endpoint(text: str, whole: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError as error:
        if text == whole:
            raise
        raise ValueError(f"{whole!r}: {error}") from None


def edtf_examples() -> str:
    """The kinds of date an editor can write, each with an example."""
    return (
        "2019-01-14 (a day), 2019-01 (a month), 2019 (a year), 2018-12/2019-01-14 "
        "(an interval: 'since December' in a report of 14 January), 2018-12/.. (open end), "
        "2018-12/ (end not known), 2017? (uncertain), 2017~ (approximate)"
    )


def _refusal(text: str) -> str:
    """Why a value is refused: not EDTF, or EDTF this archive does not take."""
    from edtf import parse_edtf  # only on an error: its grammar takes a moment to build

    try:
        parse_edtf(text)
    except Exception:  # the parser raises several kinds; any one means "not EDTF"
        return f"{text!r} is not an EDTF date; write one of: {edtf_examples()}"
    return (
        f"{text!r} is EDTF, but not a kind of date this archive takes (seasons, "
        f"unspecified digits, sets and times are not); write one of: {edtf_examples()}"
    )
