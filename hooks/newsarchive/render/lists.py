"""Lists of reports: all of them, each outlet's and each tag's, by month, split by year."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ..analyse.archive import Archive
from ..memo import Memo
from ..model import Article
from .links import report_links
from .page import GeneratedPage, finished_page
from .paging import PagingOptions, paged, year_published
from .templates import made_from, render_template, rendered
from .urls import outlet_src, page_url, relative_link, slugify, tag_src


def _months(articles: list[Article]) -> list[tuple[str, list[Article]]]:
    months: dict[str, list[Article]] = {}
    for article in articles:
        day = article.published.sort_date
        months.setdefault(day.strftime("%B %Y"), []).append(article)
    return list(months.items())


def _report_list(memo: Memo | None, src: str, articles: list[Article], **context) -> str:
    """One page of a list of reports, by month."""
    return made_from(
        memo,
        ("report_list.html", src, articles, context),
        lambda: render_template(
            "report_list.html",
            months=_months(articles),
            links=report_links(articles, src),
            **context,
        ),
    )


def report_list_pages(
    index_src: str,
    articles: list[Article],
    *,
    title: str,
    year_title: Callable[[int], str],
    lead: str,
    options: PagingOptions,
    memo: Memo | None = None,
    in_nav: bool = False,
) -> list[GeneratedPage]:
    """A list of reports (all, one outlet's, one tag's), newest first by month; when long,
    an index of years and a page per year, linked to their neighbours."""
    context = {"lead": lead, "show_outlet": not index_src.startswith("outlets/")}
    return paged(
        index_src,
        articles,
        options,
        part_of=year_published,
        one_page=lambda: _report_list(memo, index_src, articles, title=title, year=None, **context),
        index_page=lambda listing: rendered(
            memo, "years.html", what="reports", title=title, lead=lead, listing=listing, around=None
        ),
        part_page=lambda part: _report_list(
            memo,
            part.src,
            part.items,
            title=year_title(part.key),
            year=part.key,
            around=part.around,
            **context,
        ),
        in_nav=in_nav,
    )


def outlet_pages(
    archive: Archive, options: PagingOptions, memo: Memo | None = None
) -> list[GeneratedPage]:
    """The outlets index and each outlet's list of reports."""
    outlets = archive.outlets()
    listing = [
        (o, relative_link("outlets/index.md", page_url(outlet_src(o))), a)
        for o, a in outlets.items()
    ]
    pages = [finished_page("outlets/index.md", rendered(memo, "outlets.html", outlets=listing))]
    for outlet, articles in outlets.items():
        pages += report_list_pages(
            outlet_src(outlet),
            articles,
            title=outlet,
            year_title=partial("{0}: reports of {1}".format, outlet),
            lead=f"Every report by {outlet}",
            options=options,
            memo=memo,
        )
    return pages


def tags_of(archive: Archive) -> dict[str, tuple[str, list[Article]]]:
    """Tag slug -> the tag as first written and its reports, newest first; by name.

    Tags that differ only in case or punctuation ("LGBT rights", "lgbt-rights") share a page.
    """
    tags: dict[str, tuple[str, list[Article]]] = {}
    for article in archive.articles:
        for tag in article.meta.tags:
            tags.setdefault(slugify(tag), (tag, []))[1].append(article)
    return dict(sorted(tags.items()))


def tag_pages(
    archive: Archive, options: PagingOptions, memo: Memo | None = None
) -> list[GeneratedPage]:
    """The tags index and each tag's list of reports."""
    tags = tags_of(archive)
    listing = [
        (name, relative_link("tags/index.md", page_url(tag_src(name))), len(articles))
        for name, articles in tags.values()
    ]
    pages = [finished_page("tags/index.md", rendered(memo, "tags.html", tags=listing))]
    for name, articles in tags.values():
        pages += report_list_pages(
            tag_src(name),
            articles,
            title=f"Reports tagged {name}",
            year_title=partial("Reports tagged {0}, {1}".format, name),
            lead=f"Every report tagged {name}",
            options=options,
            memo=memo,
        )
    return pages
