"""From each report to every other view of what it says: its figures' rows on the Figures
page, its events on the timeline, its people's pages, and the reports before and after it.

Computed once for the archive, after the timeline knows where each entry is, so a report
page never works out another page's address itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analyse.archive import Archive
from ..model import Article
from .figure_pages import figure_row_urls
from .paging import PagingOptions
from .people_pages import person_srcs
from .urls import page_url, relative_link, report_src
from .words import publication_label

__all__ = ["CrossLinks", "cross_links"]


@dataclass(frozen=True)
class CrossLinks:
    """One report's links, relative to its page; each list follows its front matter's."""

    figures: tuple[str, ...]
    events: tuple[str, ...]
    people: tuple[str | None, ...]  # None: an unnamed source
    older: tuple[str, str] | None  # (url, "Outlet, date")
    newer: tuple[str, str] | None


def cross_links(
    archive: Archive, options: PagingOptions, located: dict[str, str]
) -> dict[str, CrossLinks]:
    """Report slug -> its links; `located` gives the timeline page of each entry id."""
    rows = {
        (row.label, row.period, row.unit): url
        for row, url in zip(archive.figures, figure_row_urls(archive, options), strict=True)
    }
    entries = {
        (citation.article.slug, citation.quote, citation.summary): entry.id
        for entry in archive.timeline
        if entry.kind == "event"
        for citation in entry.citations
    }
    people = {
        (ref.article.slug, id(ref.quote)): src
        for person, src in zip(archive.people, person_srcs(archive), strict=True)
        for ref in person.quotes
    }
    articles = archive.articles  # newest first
    links = {}
    for position, article in enumerate(articles):
        src, meta = report_src(article), article.meta
        event_ids = [entries[(article.slug, e.quote, e.summary)] for e in meta.events]
        links[article.slug] = CrossLinks(
            figures=tuple(
                relative_link(src, rows[(f.label, f.period, f.unit)]) for f in meta.figures
            ),
            events=tuple(
                relative_link(src, page_url(located[entry]) + "#" + entry) for entry in event_ids
            ),
            people=tuple(
                relative_link(src, page_url(people[(article.slug, id(q))])) if q.name else None
                for q in meta.quotes
            ),
            older=_neighbour(articles, position + 1, src),
            newer=_neighbour(articles, position - 1, src),
        )
    return links


def _neighbour(articles: list[Article], index: int, src: str) -> tuple[str, str] | None:
    """The link to the report at `index` of the archive, if there is one, and its label."""
    if not 0 <= index < len(articles):
        return None
    other = articles[index]
    label = f"{other.meta.source.outlet}, {publication_label(other, note=False)}"
    return relative_link(src, page_url(report_src(other))), label
