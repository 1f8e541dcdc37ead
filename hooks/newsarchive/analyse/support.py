"""What stands behind a claim (a figure's value or an event): the reports that make it,
the outlets they count as, and the primary sources they name.

Counting sources, not reports: an outlet's second report on a story is not a second
source, and neither is a paragraph copied from another report, so outlets are counted by
each claim's source report (the report itself, or the one its paragraph was copied from).
Primary sources and outlets are counted by record (records.py): "LGBT Network" and "Russian
LGBT Network" are one when the record lists both; a name not in the records is compared by
its folded spelling (no case, accents, punctuation, honorifics or leading "the").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article

__all__ = ["Support"]


@dataclass
class Support:
    """What stands behind a claim: the reports that make it, the outlets they count as
    (each report's source, after copies), and the primary sources they name."""

    reports: dict[str, Article] = field(default_factory=dict)
    sources: dict[str, Article] = field(default_factory=dict)  # origin reports, by slug
    primary: dict[str, str] = field(default_factory=dict)  # identity -> name shown
    naming: set[str] = field(default_factory=set)  # reports that name a primary source
    relaying: set[str] = field(default_factory=set)  # ... that name only who passes it on

    def add(
        self,
        article: Article,
        source: Article,
        primary_source: str | None,
        relayed_by: str | None = None,
    ) -> None:
        """Count one claim of `article`, whose source report is `source`."""
        self.reports.setdefault(article.slug, article)
        self.sources.setdefault(source.slug, source)
        if relayed_by and not primary_source:
            self.relaying.add(article.slug)
        if primary_source:
            key, name = article.identity(primary_source)
            self.primary.setdefault(key, name)
            self.naming.add(article.slug)

    @property
    def outlets(self) -> list[str]:
        """The outlets behind the claim, counting each source report's outlet once."""
        names: dict[str, str] = {}
        for source in self.sources.values():
            key, name = source.identity(source.meta.source.outlet)
            names.setdefault(key, name)
        return sorted(names.values(), key=str.lower)

    @property
    def primary_sources(self) -> list[str]:
        """The named primary sources, each once, as first written."""
        return sorted(self.primary.values(), key=str.lower)

    @property
    def unnamed_reports(self) -> list[Article]:
        """Reports that name no primary source for the claim, nor who relays it."""
        named = self.naming | self.relaying
        return [a for slug, a in self.reports.items() if slug not in named]

    @property
    def relayed_reports(self) -> list[Article]:
        """Reports that name who passes the claim on, but not its primary source."""
        return [a for slug, a in self.reports.items() if slug in self.relaying - self.naming]

    @property
    def outlet_count(self) -> int:
        """How many outlets carry the claim (source reports' outlets, each once)."""
        return len(self.outlets)

    @property
    def primary_count(self) -> int:
        """How many distinct primary sources the reports name for the claim."""
        return len(self.primary)
