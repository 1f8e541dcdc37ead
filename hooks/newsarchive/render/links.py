"""What a list of reports shows for each report, with links relative to the listing page."""

from __future__ import annotations

from collections.abc import Hashable

from ..analyse.timeline import publication_date
from ..model import Article
from .urls import outlet_src, page_url, relative_link, report_src
from .words import publication_label, short_title


class ReportLinks(dict):
    """What a list shows for each of its reports (see report_links), and its `key` for a
    memo: made from the reports and the page only."""

    key: Hashable


def report_links(articles: list[Article], from_src: str) -> ReportLinks:
    """What a list of reports shows for each one, with links relative to `from_src`."""
    links = ReportLinks()
    links.key = ("links", from_src, tuple(article.version for article in articles))
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
