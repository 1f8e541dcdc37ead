"""Shared passages: who repeats whom, and each paragraph with the reports that share it."""

from __future__ import annotations

from ..analyse import shared_passages
from ..analyse.archive import Archive
from ..analyse.shared_passages import SharedGroup
from ..model import Article
from .links import report_links
from .page import GeneratedPage
from .paging import PagingOptions, paged, year_published
from .templates import render_cached


def passage_group_urls(archive: Archive, options: PagingOptions) -> dict[str, str]:
    """Shared group id -> its place on the shared passages page(s)."""
    if not options.splits(archive.shared):
        return {group.id: f"passages/#{group.id}" for group in archive.shared}
    return {
        group.id: f"passages/{group.origin.article.published.sort_date.year}/#{group.id}"
        for group in archive.shared
    }


def _passages_page(archive: Archive, groups: list[SharedGroup], src: str, **extra) -> str:
    """The shared passages page for `groups`: who repeats whom, then each passage."""
    by_origin: dict[str, tuple[Article, list]] = {}
    repeats: dict[tuple[str, str], int] = {}  # (later report, earlier report) -> paragraphs
    for group in groups:
        origin = group.origin.article
        by_origin.setdefault(origin.slug, (origin, []))[1].append(group)
        for member in group.members[1:]:
            pair = (member.article.slug, origin.slug)
            repeats[pair] = repeats.get(pair, 0) + 1
    cited = {m.article.slug: m.article for g in groups for m in g.members}
    return render_cached(
        "passages.md",
        repeats=[(cited[a], cited[b], n) for (a, b), n in sorted(repeats.items())],
        by_origin=list(by_origin.values()),
        count=len(groups),
        links=report_links(list(cited.values()), src),
        shingle_words=shared_passages.SHINGLE_WORDS,
        threshold=shared_passages.THRESHOLD,
        verbatim=shared_passages.VERBATIM,
        **extra,
    )


def passages_pages(archive: Archive, options: PagingOptions) -> list[GeneratedPage]:
    """The shared passages page, or an index of years and a page per year."""
    return paged(
        "passages.md",
        archive.shared,
        options,
        part_of=lambda group: year_published(group.origin.article),
        one_page=lambda: _passages_page(archive, archive.shared, "passages.md", year=None),
        index_page=lambda listing: render_cached(
            "years.md", what="passages", title="Shared passages", listing=listing, around=None
        ),
        part_page=lambda part: _passages_page(
            archive, part.items, part.src, year=part.key, around=part.around
        ),
        in_nav=True,
    )
