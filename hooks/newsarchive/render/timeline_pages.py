"""The timeline: dated events by year (a crowded year by month), and undated events."""

from __future__ import annotations

import calendar

from ..analyse.archive import Archive
from ..analyse.timeline import Citation, TimelineEntry, by_date
from ..memo import Memo
from .page import GeneratedPage, finished_page
from .paging import PagingOptions, Part, paged, paged_by_year
from .templates import made_from, render_template, rendered
from .urls import page_url, relative_link, report_src
from .words import entry_label, publication_label, say_support, short_title


def _timeline_page(
    memo: Memo | None,
    src: str,
    entries: list,
    options: PagingOptions,
    located: dict[str, str],
    **context,
) -> str:
    """Timeline entries on one page (noted in `located`: entry id -> page)."""
    located.update((entry.id, src) for entry in entries)
    return made_from(
        memo,
        ("timeline.html", src, entries, options, context),
        lambda: render_template(
            "timeline.html",
            years=_timeline_years(entries, src, options),
            data_url=relative_link(src, page_url("data.md")),
            undated_url=relative_link(src, page_url(UNDATED_SRC)),
            timeline_url=relative_link(src, page_url("timeline.md")),
            **context,
        ),
    )


def timeline_pages(
    archive: Archive, options: PagingOptions, located: dict[str, str], memo: Memo | None = None
) -> list[GeneratedPage]:
    """The timeline of dated events (split by year, then month) and the undated events;
    `located` learns the page of every entry."""
    dated = [entry for entry in archive.timeline if entry.date]
    undated = [entry for entry in archive.timeline if not entry.date]
    pages = _dated_timeline_pages(memo, dated, options, located, undated=len(undated))
    if undated:
        title = "Timeline: events without a date"
        content = _timeline_page(
            memo, UNDATED_SRC, undated, options, located, title=title, year=None, undated=0
        )
        pages.append(finished_page(UNDATED_SRC, content, in_nav=False))
    for entry in archive.timeline:
        if entry.kind == "event" and len(entry.citations) > options.inline_members:
            pages += _event_pages(memo, entry, options)
    return pages


UNDATED_SRC = "timeline/undated.md"


def _dated_timeline_pages(
    memo: Memo | None, dated: list, options: PagingOptions, located: dict[str, str], *, undated: int
) -> list[GeneratedPage]:
    return paged(
        "timeline.md",
        dated,
        options,
        part_of=lambda entry: entry.date.year,
        one_page=lambda: _timeline_page(
            memo,
            "timeline.md",
            dated,
            options,
            located,
            title="Timeline",
            year=None,
            undated=undated,
        ),
        index_page=lambda listing: rendered(
            memo,
            "years.html",
            what="timeline",
            title="Timeline",
            listing=listing,
            around=None,
            undated=undated,
            undated_url=relative_link("timeline.md", page_url(UNDATED_SRC)),
        ),
        part_page=lambda part: _timeline_year(memo, part, options, located),
        in_nav=True,
    )


def _timeline_year(
    memo: Memo | None, year: Part, options: PagingOptions, located: dict[str, str]
) -> list[GeneratedPage]:
    """A year of the timeline on one page, or when crowded an index and a page per month."""

    def label(month: int) -> str:
        """A month as a heading: "January 2019", or the year when the month is not known."""
        name = calendar.month_name[month]
        return f"{name} {year.key}" if month else f"{year.key}, month not known"

    return paged(
        year.src,
        year.items,
        options,
        part_of=lambda entry: entry.date.month or 0,
        one_page=lambda: _timeline_page(
            memo,
            year.src,
            year.items,
            options,
            located,
            title=f"Timeline: {year.key}",
            year=year.key,
            around=year.around,
            undated=0,
        ),
        index_page=lambda listing: rendered(
            memo,
            "years.html",
            what="months",
            title=f"Timeline: {year.key}",
            listing=listing,
            around=year.around,
        ),
        part_page=lambda month: _timeline_page(
            memo,
            month.src,
            month.items,
            options,
            located,
            title=f"Timeline: {label(month.key)}",
            year=year.key,
            around=month.around,
            undated=0,
        ),
        name=lambda month: f"{month:02d}" if month else "month-not-known",
        label=label,
        index_label=f"All of {year.key}",
    )


def _timeline_years(
    entries: list, from_src: str, options: PagingOptions
) -> list[tuple[int | str, list[dict]]]:
    """Timeline entries grouped by year (undated ones under one heading), each with the
    dates its reports give and links relative to `from_src`. An event told by many reports
    names the first few and links to its own page."""
    years: dict[int | str, list[dict]] = {}
    for entry in entries:
        many = len(entry.citations) > options.inline_members
        shown = entry.citations[: options.inline_members] if many else entry.citations
        dates = [
            (date, [_timeline_citation(c, from_src) for c in citations])
            for date, citations in by_date(shown)
        ]
        item = {
            "entry": entry,
            "label": entry_label(entry),
            "dates": dates,
            # One date for all (or a publication): the reports are listed as one.
            "one_date": len(dates) == 1 and (entry.kind != "event" or dates[0][0] == entry.date),
            "support": say_support(entry.support()) if entry.kind == "event" else "",
            "more": len(entry.citations) - len(shown),
            "event_url": relative_link(from_src, page_url(event_src(entry))) if many else "",
        }
        years.setdefault(entry.date.year if entry.date else UNDATED, []).append(item)
    return list(years.items())


UNDATED = "Date not given"  # the heading of events that no report dates


def event_src(entry: TimelineEntry) -> str:
    """The own page of an event that many reports tell."""
    return f"timeline/{entry.id}.md"


def _event_pages(
    memo: Memo | None, entry: TimelineEntry, options: PagingOptions
) -> list[GeneratedPage]:
    """Every report that tells one event, with the date each gives, by year of publication
    when they are many."""
    src = event_src(entry)

    def page(citations: list[Citation], page_src: str, **context: object) -> str:
        dates = [
            (date, [_timeline_citation(c, page_src) for c in cited])
            for date, cited in by_date(citations)
        ]
        return rendered(
            memo,
            "timeline_event.html",
            entry=entry,
            label=entry_label(entry),
            support=say_support(entry.support()),
            dates=dates,
            timeline_url=relative_link(page_src, page_url("timeline.md")),
            **context,
        )

    return paged_by_year(src, entry.citations, options, page)


def _timeline_citation(citation: Citation, from_src: str) -> dict:
    anchor = f"#{citation.passage_id}" if citation.quote else ""
    return {
        "citation": citation,
        "date_label": publication_label(citation.article, note=False),
        "short_title": short_title(citation.article),
        "url": relative_link(from_src, page_url(report_src(citation.article)) + anchor),
    }
