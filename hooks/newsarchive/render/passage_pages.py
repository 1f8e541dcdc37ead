"""Shared passages: who repeats whom, and each paragraph with the reports that share it."""

from __future__ import annotations

from dataclasses import dataclass

from ..analyse import shared_passages
from ..analyse.archive import Archive
from ..analyse.shared_passages import Paragraph, SharedGroup
from ..memo import Memo
from ..model import Article
from .links import report_links
from .page import GeneratedPage
from .paging import PagingOptions, paged, paged_by_year, year_published
from .templates import rendered
from .urls import page_url, relative_link, report_src
from .words import publication_label


@dataclass(frozen=True)
class GroupUrls:
    """Where each shared paragraph is shown: its place on the shared passages page(s), and
    for one that many reports share, its own page listing them all."""

    listed: dict[str, str]
    own_page: dict[str, str]


def group_src(group: SharedGroup) -> str:
    """The own page of a paragraph that many reports share."""
    return f"passages/{group.id}.md"


def passage_group_urls(archive: Archive, options: PagingOptions) -> GroupUrls:
    """Shared group id -> its place on the shared passages page(s), and its own page."""
    if not options.splits(archive.shared):
        listed = {group.id: f"passages/#{group.id}" for group in archive.shared}
    else:
        listed = {
            group.id: f"passages/{group.origin.article.published.sort_date.year}/#{group.id}"
            for group in archive.shared
        }
    own_page = {
        group.id: page_url(group_src(group)) for group in archive.shared if _many(group, options)
    }
    return GroupUrls(listed, own_page)


def _many(group: SharedGroup, options: PagingOptions) -> bool:
    return len(group.members) - 1 > options.inline_members


def _passages_page(
    memo: Memo | None,
    groups: list[SharedGroup],
    src: str,
    options: PagingOptions,
    **extra: object,
) -> str:
    """The shared passages page for `groups`: who repeats whom, then each passage, naming
    at most options.inline_members other reports for each (the rest on its own page)."""
    by_origin: dict[str, tuple[Article, list]] = {}
    repeats: dict[tuple[str, str], int] = {}  # (later report, earlier report) -> paragraphs
    shown: dict[str, list[Paragraph]] = {}  # group id -> the members named on this page
    for group in groups:
        origin = group.origin.article
        by_origin.setdefault(origin.slug, (origin, []))[1].append(group)
        shown[group.id] = group.members[1 : 1 + options.inline_members]
        for member in group.members[1:]:
            pair = (member.article.slug, origin.slug)
            repeats[pair] = repeats.get(pair, 0) + 1
    # The pairs that repeat most; a wire story copied by hundreds of outlets would list them
    # all here, and each is on the paragraph's own page.
    top = sorted(repeats.items(), key=lambda item: (-item[1], item[0]))[:_TOP_REPEATS]
    everyone = {m.article.slug: m.article for g in groups for m in g.members}
    cited = {m.article.slug: m.article for g in groups for m in [g.origin, *shown[g.id]]}
    cited.update((slug, everyone[slug]) for pair, _ in top for slug in pair)
    return rendered(
        memo,
        "passages.html",
        repeats=[(cited[a], cited[b], n) for (a, b), n in sorted(top)],
        more_repeats=len(repeats) - len(top),
        by_origin=list(by_origin.values()),
        shown=shown,
        own_pages={
            g.id: relative_link(src, page_url(group_src(g))) for g in groups if _many(g, options)
        },
        count=len(groups),
        links=report_links(list(cited.values()), src),
        shingle_words=shared_passages.SHINGLE_WORDS,
        threshold=shared_passages.THRESHOLD,
        verbatim=shared_passages.VERBATIM,
        **extra,
    )


_TOP_REPEATS = 20  # pairs of reports listed under "Who repeats whom"


def passages_pages(
    archive: Archive, options: PagingOptions, memo: Memo | None = None
) -> list[GeneratedPage]:
    """The shared passages page (or an index of years and a page per year), and a page
    of its own for each paragraph that many reports share."""
    pages = paged(
        "passages.md",
        archive.shared,
        options,
        part_of=lambda group: year_published(group.origin.article),
        one_page=lambda: _passages_page(memo, archive.shared, "passages.md", options, year=None),
        index_page=lambda listing: rendered(
            memo,
            "years.html",
            what="passages",
            title="Shared passages",
            listing=listing,
            around=None,
        ),
        part_page=lambda part: _passages_page(
            memo, part.items, part.src, options, year=part.key, around=part.around
        ),
        in_nav=True,
    )
    for group in archive.shared:
        if _many(group, options):
            pages += _group_pages(memo, group, options)
    return pages


def _group_pages(
    memo: Memo | None, group: SharedGroup, options: PagingOptions
) -> list[GeneratedPage]:
    """Every report that shares one paragraph, by year of publication when they are many."""
    src = group_src(group)
    title = f"A paragraph in {len(group.members)} reports"

    def page(members: list[Paragraph], page_src: str, **context: object) -> str:
        items = [
            {
                "paragraph": m,
                "kind": "first" if m is group.origin else group.kind(m),
                "url": relative_link(page_src, page_url(report_src(m.article)) + "#" + m.anchor),
                "date": publication_label(m.article),
            }
            for m in members
        ]
        return rendered(
            memo,
            "shared_group.html",
            title=title,
            text=group.origin.text,
            order_certain=group.order_certain,
            items=items,
            passages_url=relative_link(page_src, page_url("passages.md")),
            **context,
        )

    return paged_by_year(src, group.members, options, page)
