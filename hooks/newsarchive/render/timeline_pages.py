"""The timeline: dated events by year (a crowded year by month), and undated events."""

from __future__ import annotations

import calendar
from typing import Any

from ..analyse.archive import Archive
from ..analyse.timeline import DAY_NOT_KNOWN, Citation, publication_date
from .links import identities
from .page import GeneratedPage
from .paging import PagingOptions, paginate, paginate_by_year
from .templates import PAGE_CACHE, fingerprint, render_cached, render_template
from .urls import page_url, relative_link, report_src
from .words import say_support


def _timeline_page(src: str, entries: list, **context) -> str:
    """Timeline entries on one page. An entry is made from the reports that tell it, so
    while serving the page is rendered again only when those reports change."""
    told_by = identities([c.article for e in entries for c in e.citations])
    key = ("timeline", src, told_by, fingerprint(context))
    return PAGE_CACHE.get(
        key, lambda: render_template("timeline.md", years=_timeline_years(entries, src), **context)
    )


def timeline_pages(archive: Archive, options: PagingOptions) -> list[GeneratedPage]:
    """The timeline of dated events (split by year, then month) and the undated events."""
    dated = [entry for entry in archive.timeline if entry.date]
    undated = [entry for entry in archive.timeline if not entry.date]
    pages = _dated_timeline_pages(dated, options, undated=len(undated))
    if undated:
        title = "Timeline: events without a date"
        content = _timeline_page(UNDATED_SRC, undated, title=title, year=None, undated=0)
        pages.append(GeneratedPage(UNDATED_SRC, content, in_nav=False))
    return pages


UNDATED_SRC = "timeline/undated.md"


def _dated_timeline_pages(
    dated: list, options: PagingOptions, *, undated: int
) -> list[GeneratedPage]:
    if len(dated) <= options.split_above:
        content = _timeline_page("timeline.md", dated, title="Timeline", year=None, undated=undated)
        return [GeneratedPage("timeline.md", content)]
    by_year, listing, around = paginate_by_year("timeline.md", dated, lambda entry: entry.date.year)
    index = render_cached(
        "years.md",
        what="timeline",
        title="Timeline",
        listing=listing,
        around=None,
        undated=undated,
    )
    pages = [GeneratedPage("timeline.md", index)]
    for year, entries in by_year.items():
        src = around[year]["src"]
        if len(entries) <= options.split_above:
            content = _timeline_page(
                src,
                entries,
                title=f"Timeline: {year}",
                year=year,
                around=around[year],
                undated=0,
            )
            pages.append(GeneratedPage(src, content, in_nav=False))
        else:  # a crowded year: a page per month
            pages += _timeline_months(src, year, entries, around[year])
    return pages


def _timeline_months(
    year_src: str, year: int, entries: list, around_year: dict[str, Any]
) -> list[GeneratedPage]:
    def label(month: int) -> str:
        """A month as a heading: "January 2019", or the year when the month is not known."""
        return f"{calendar.month_name[month]} {year}" if month else f"{year}, month not known"

    by_month, listing, around = paginate(
        year_src,
        entries,
        lambda entry: entry.date.month or 0,
        name=lambda month: f"{month:02d}" if month else "month-not-known",
        label=label,
        index_label=f"All of {year}",
    )
    index = render_cached(
        "years.md", what="months", title=f"Timeline: {year}", listing=listing, around=around_year
    )
    pages = [GeneratedPage(year_src, index, in_nav=False)]
    for month, found in by_month.items():
        src = around[month]["src"]
        title = f"Timeline: {label(month)}"
        content = _timeline_page(
            src, found, title=title, year=year, around=around[month], undated=0
        )
        pages.append(GeneratedPage(src, content, in_nav=False))
    return pages


def _timeline_years(entries: list, from_src: str) -> list[tuple[int | str, list[dict]]]:
    """Timeline entries grouped by year (undated ones under one heading), each with the
    dates its reports give and links relative to `from_src`."""
    years: dict[int | str, list[dict]] = {}
    for entry in entries:
        dates = [
            (date, [_timeline_citation(c, from_src) for c in citations])
            for date, citations in entry.dates()
        ]
        item = {
            "entry": entry,
            "dates": dates,
            # One date for all (or a publication): the reports are listed as one.
            "one_date": len(dates) == 1 and (entry.kind != "event" or dates[0][0] == entry.date),
            "support": say_support(entry.support()) if entry.kind == "event" else "",
        }
        years.setdefault(entry.date.year if entry.date else UNDATED, []).append(item)
    return list(years.items())


UNDATED = "Date not given"  # the heading of events that no report dates


def _timeline_citation(citation: Citation, from_src: str) -> dict:
    anchor = f"#{citation.passage_id}" if citation.quote else ""
    return {
        "citation": citation,
        "date_label": publication_date(citation.article)[1].removesuffix(DAY_NOT_KNOWN),
        "url": relative_link(from_src, page_url(report_src(citation.article)) + anchor),
    }
