"""One timeline from the events of every report, each event told once with all its sources.

How events are matched as "the same":
- Events with the same `key` in front matter are one event, whatever their dates or words.
- An event without a key joins another with the same date and the same summary (compared
  without case, punctuation or extra spaces), keyed or not.
- Everything else stays apart. Editors force a match by giving events one key, and split
  look-alikes by giving them different keys.
Matching is by dictionary look-up, so it stays linear in the number of events.

What a merged event says about its date: never more than every report says. Dates are
EDTF (dates.py): a day, month, year or interval. Each report keeps its own date; the event
is dated by the one that contains all the others (2018 contains December 2018; "since
December", 2018-12/2019-01-14, contains "Monday", 14 January), else by the span from the
earliest to the latest. It is a conflict only when the dates cannot all be true: when no
day lies within all of them (December 2018 against January 2019). On a line, intervals
that overlap two by two share a day, so one pass finds it. Events no report dates are kept
apart as undated.

A paragraph copied from an earlier report tells its events on that report's word, not as a
second source: each citation counts for its origin (figures.py does the same for figures).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..dates import EdtfDate
from ..model import Article, PartialDate
from ..passages import passage_id
from .origins import copied_paragraphs, origin_of
from .shared_passages import SharedGroup
from .support import Support

__all__ = [
    "Citation",
    "TimelineEntry",
    "build_timeline",
    "by_date",
    "publication_date",
]


@dataclass(frozen=True)
class Citation:
    """One report telling an event: its own date and words, and the passage where it does."""

    article: Article
    quote: str
    date_basis: str | None = None
    date: EdtfDate | None = None  # the report's own date for the event (None: undated)
    summary: str = ""
    primary_source: str | None = None
    source: Article | None = None  # the report it originates in, if copied; else None
    key: str | None = None  # the editors' key that joins it to others

    @property
    def passage_id(self) -> str:
        """The id of the passage's mark on the report page."""
        return passage_id(self.quote)


@dataclass
class TimelineEntry:
    """An event, or a report's publication, with the reports that tell it."""

    id: str
    date: EdtfDate | None  # what every report allows; None when no report dates it
    summary: str
    kind: str  # "event" or "publication"
    citations: list[Citation] = field(default_factory=list)
    # A publication known only as a window sorts at its first possible day.
    sort_date: tuple[int, int, int] | None = None
    conflict: bool = False  # the reports give dates that cannot all be true

    def sort_key(self) -> tuple:
        # At the same date, what happened comes before the reports about it.
        """Chronological order; at one date, events before publications."""
        order = 0 if self.kind == "event" else 1
        date = self.sort_date or (self.date.sort_key() if self.date else (0, 0, 0))
        return (date, order, self.summary.lower())

    def editors_note(self) -> str | None:
        """Why the editors join the reports as one event, when the reports tell it in
        different words (not copies of one paragraph): the event record's note, or a
        plain statement that the join is the editors' when the record has none."""
        words = {
            _summary_words(c.summary)
            for c in self.citations
            if c.source is None or c.source is c.article
        }
        if self.kind != "event" or len(words) < 2:
            return None
        keyed = next((c for c in self.citations if c.key), None)
        note = keyed.article.record_note(keyed.key) if keyed and keyed.key else None
        return note or "The editors take these reports to tell one event; the reports do not say so"

    def support(self) -> Support:
        """The reports, outlets and named primary sources behind the event."""
        support = Support()
        for citation in self.citations:
            origin = citation.source or citation.article
            support.add(citation.article, origin, citation.primary_source)
        return support

    def dates(self) -> list[tuple[EdtfDate | None, list[Citation]]]:
        """Each date the reports give (None: not dated), with the reports giving it."""
        return by_date(self.citations)


def by_date(citations: list[Citation]) -> list[tuple[EdtfDate | None, list[Citation]]]:
    """Each date some reports give (None: not dated), with the reports giving it, in order."""
    found: dict[EdtfDate | None, list[Citation]] = {}
    for citation in citations:
        found.setdefault(citation.date, []).append(citation)
    return sorted(found.items(), key=lambda item: (item[0] is None, item[0] or _NO_DATE))


def _summary_words(text: str) -> str:
    """A summary as compared: no case, punctuation or extra spaces."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _entry_id(seed: str) -> str:
    return "event-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:10]


_NO_DATE = EdtfDate.parse(9999)


def publication_date(article: Article) -> PartialDate:
    """A report's publication as precisely as known: its day, or the month or year its
    window lies in (render.words says the window itself)."""
    return article.published.precisely


def _publication_entry(article: Article) -> TimelineEntry:
    first = article.published.sort_date
    return TimelineEntry(
        id=_entry_id("published:" + article.slug),
        date=article.published.when,
        summary=f"{article.meta.source.outlet} publishes “{article.meta.title}”",
        kind="publication",
        citations=[Citation(article, quote="")],
        sort_date=(first.year, first.month, first.day),
    )


def build_timeline(articles: list[Article], shared: list[SharedGroup]) -> list[TimelineEntry]:
    """Merge the events of all reports and their publications, in chronological order;
    events that no report dates come last, with no date."""
    copied = copied_paragraphs(shared)
    copiers = {slug for slug, _ in copied}
    by_key: dict[str, TimelineEntry] = {}
    keyed_look_alikes: dict[tuple, str] = {}
    # Keyed events first, so that unkeyed events with the same date and words can join them.
    events = [(a, e) for a in articles for e in a.meta.events]
    events.sort(key=lambda pair: pair[1].key is None)
    for article, event in events:
        look_alike = (str(event.date or ""), _summary_words(event.summary))
        key = event.key or keyed_look_alikes.get(look_alike) or "|".join(look_alike)
        if event.key:
            keyed_look_alikes.setdefault(look_alike, key)
        entry = by_key.get(key)
        if entry is None:
            entry = by_key[key] = TimelineEntry(
                id=_entry_id(key), date=None, summary=event.summary, kind="event"
            )
        entry.citations.append(
            Citation(
                article,
                event.quote,
                event.date_basis,
                event.date,
                event.summary,
                event.primary_source,
                origin_of(article, event.quote, copied) if article.slug in copiers else None,
                event.key,
            )
        )
    for entry in by_key.values():
        _date_entry(entry)
    entries = list(by_key.values()) + [_publication_entry(a) for a in articles]
    for entry in entries:
        entry.citations.sort(key=lambda c: (c.article.published.sort_date, c.article.slug))
        if entry.kind == "event":  # told in the words of the first report to tell it
            entry.summary = entry.citations[0].summary
    dated = sorted((e for e in entries if e.date), key=lambda e: e.sort_key())
    return dated + sorted((e for e in entries if not e.date), key=lambda e: e.sort_key())


def _date_entry(entry: TimelineEntry) -> None:
    """Date a merged event by what all its reports allow, or mark their dates a conflict."""
    dates = [c.date for c in entry.citations if c.date is not None]
    if not dates:
        return
    bounds = [date.bounds() for date in dates]
    entry.conflict = max(first for first, _ in bounds) > min(last for _, last in bounds)
    # One date contains all the others when it has both the earliest start and the latest end.
    hull = (min(first for first, _ in bounds), max(last for _, last in bounds))
    widest = next((d for d, b in zip(dates, bounds, strict=True) if b == hull), None)
    entry.date = widest or _span(dates)


def _span(dates: list[EdtfDate]) -> EdtfDate:
    """The interval from the earliest date's start to the latest date's end."""
    first = min(dates, key=lambda d: d.bounds()[0])
    last = max(dates, key=lambda d: d.bounds()[1])
    start = "" if first.start is None else f"{first.start}{first.start_qualifier}"
    end = "" if last.end is None else f"{last.end}{last.end_qualifier}"
    start = ".." if first.start_open else start
    end = ".." if last.end_open else end
    return EdtfDate.parse(f"{start}/{end}") if start or end else first
