"""Render: the analysed Archive -> every generated page (GeneratedPage), the feed, JSON-LD.

One module per page family (report_pages, lists, timeline_pages, figure_pages,
passage_pages, people_pages) and site-level outputs (site); urls says where pages live,
templates renders Jinja with autoescaping (so no front matter value can inject markup),
paging splits long lists, headings numbers the headings of the finished HTML, sanitize
holds the allow-list of what a page may carry, search says what Pagefind reads of a page.
Nothing here reads files or knows MkDocs: hooks/build.py is the adapter.
"""

from __future__ import annotations

from ..analyse.archive import Archive
from ..memo import Memo
from .cross_links import cross_links
from .figure_pages import figures_pages
from .lists import outlet_pages, report_list_pages, tag_pages
from .page import GeneratedPage
from .paging import PagingOptions
from .passage_pages import passage_group_urls, passages_pages
from .people_pages import people_pages
from .report_pages import mark_passages, memberships, report_page
from .site import (
    CONTRIBUTING_FILE,
    CONTRIBUTING_SRC,
    contributing_page,
    fill_home,
    home_blocks,
    json_ld,
    json_ld_script,
    json_ld_text,
    render_feed,
    with_language,
)
from .timeline_pages import timeline_pages
from .urls import report_src, slugify

__all__ = [
    "CONTRIBUTING_FILE",
    "CONTRIBUTING_SRC",
    "GeneratedPage",
    "PagingOptions",
    "contributing_page",
    "fill_home",
    "home_blocks",
    "json_ld",
    "json_ld_text",
    "json_ld_script",
    "mark_passages",
    "render_feed",
    "render_pages",
    "report_src",
    "slugify",
    "with_language",
]


def render_pages(
    archive: Archive,
    options: PagingOptions | None = None,
    *,
    site_url: str = "",
    memo: Memo | None = None,
) -> list[GeneratedPage]:
    """Every generated page of the site, lists split as `options` say; `site_url` is where
    the site is published (citations give the page's full address). With a `memo` (a
    server's), a page made from what the last build gave it is not rendered again."""
    options = options or PagingOptions()
    located: dict[str, str] = {}  # timeline entry id -> its page, for the reports' links
    timeline = timeline_pages(archive, options, located, memo)
    shared, group_urls = memberships(archive), passage_group_urls(archive, options)
    links = cross_links(archive, options, located)
    reports = [
        report_page(a, shared.get(a.slug, []), group_urls, options, links[a.slug], site_url, memo)
        for a in archive.articles
    ]
    pages: list[GeneratedPage] = []
    pages += report_list_pages(
        "reports/index.md",
        archive.articles,
        title="All reports",
        year_title=lambda year: f"Reports of {year}",
        lead="Every report in the archive",
        options=options,
        memo=memo,
        in_nav=True,
    )
    pages += outlet_pages(archive, options, memo)
    pages += tag_pages(archive, options, memo)
    pages += timeline
    pages += figures_pages(archive, options, memo)
    pages += passages_pages(archive, options, memo)
    pages += people_pages(archive, options, memo)
    return reports + pages
