"""The analysed archive: everything the pages show, computed once per build."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article
from .figures import FigureRow, figure_rows
from .people import Person, QuoteRef, find_people
from .shared_passages import SharedGroup, find_shared
from .timeline import TimelineEntry, build_timeline

__all__ = ["Archive", "analyse"]


@dataclass(frozen=True)
class Archive:
    """Everything the pages show, computed once per build from the validated articles."""

    articles: list[Article]  # newest first
    timeline: list[TimelineEntry]
    figures: list[FigureRow]
    shared: list[SharedGroup]
    people: list[Person]
    unnamed: list[QuoteRef]  # quotes of sources the reports do not name

    def outlets(self) -> dict[str, list[Article]]:
        """Outlet name -> its reports, newest first; outlets in alphabetical order."""
        by_outlet: dict[str, list[Article]] = {}
        for article in self.articles:
            by_outlet.setdefault(article.meta.source.outlet, []).append(article)
        return dict(sorted(by_outlet.items(), key=lambda item: item[0].lower()))


def analyse(articles: list[Article]) -> Archive:
    """Everything the pages show, from validated articles."""
    newest_first = sorted(articles, key=lambda a: (a.published.sort_date, a.slug), reverse=True)
    shared = find_shared(newest_first)
    people, unnamed = find_people(newest_first)
    return Archive(
        articles=newest_first,
        timeline=build_timeline(newest_first, shared),
        figures=figure_rows(newest_first, shared),
        shared=shared,
        people=people,
        unnamed=unnamed,
    )
