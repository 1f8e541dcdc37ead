"""What a list of reports shows for each report, with links relative to the listing page."""

from __future__ import annotations

from collections.abc import Hashable

from ..analyse.timeline import publication_date
from ..cache import BuildCache
from ..model import Article
from .urls import outlet_src, page_url, relative_link, report_src
from .words import publication_label, short_title


def identities(articles: list[Article]) -> tuple:
    """Reports as a cache key: everything shown of a report comes from its file."""
    return tuple((article.slug, article.digest) for article in articles)


class ReportLinks(dict):
    """What a list shows for each of its reports (see report_links): made from the
    reports and the page only, which are its cache key."""

    key: Hashable


def report_links(articles: list[Article], from_src: str) -> ReportLinks:
    """What a list of reports shows for each one, with links relative to `from_src`; while
    serving, made again only when a report changes (never changed once made)."""
    key = ("links", from_src, identities(articles))
    return _LINKS.get(key, lambda: _report_links(articles, from_src, key))


_LINKS: BuildCache[ReportLinks] = BuildCache()


def _report_links(articles: list[Article], from_src: str, key: Hashable) -> ReportLinks:
    links = ReportLinks()
    links.key = key
    for article in articles:
        date = publication_date(article)
        links[article.slug] = {
            "article": article,
            "url": relative_link(from_src, page_url(report_src(article))),
            "outlet_url": relative_link(from_src, page_url(outlet_src(article.meta.source.outlet))),
            "date_iso": date.iso(),
            "date_label": publication_label(article),
            "short_date": publication_label(article, note=False),
            "short_title": short_title(article),
        }
    return links
