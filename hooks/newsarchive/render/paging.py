"""Splitting a list that grows with the archive into pages (years, months, letters)."""

from __future__ import annotations

from collections.abc import Callable, Sized
from dataclasses import dataclass, fields
from typing import Any

from ..model import Article
from .page import GeneratedPage, finished_page
from .urls import page_url, relative_link


@dataclass(frozen=True)
class PagingOptions:
    """When a list becomes several pages, so that no page grows with the archive.

    Set in mkdocs.yml under `extra: archive_paging:`; tests set small numbers.
    """

    # Above this many items (reports, timeline entries, groups, people, quotes) a list is
    # split into a page per year (a crowded year per month, people per initial letter):
    # at 1,000 reports a single timeline page was 1.6 MB.
    split_above: int = 300
    # One column per report reads well up to about this many reports; above it each claim
    # gets a page of its own (the matrix grows as reports x claims: 45 MB at 10,000).
    matrix_max_reports: int = 12
    # A paragraph, an event or a claim shared by more reports than this names them on a
    # page of its own (paginated), and elsewhere says how many there are: listed inline on
    # every member's page, a paragraph copied by 200 reports would cost 200 x 200 links.
    inline_members: int = 5

    @classmethod
    def from_settings(cls, settings: object) -> PagingOptions:
        """Options from mkdocs.yml's `extra: archive_paging:` mapping (absent: defaults).

        Raises:
            ValueError: a setting that is unknown or not a whole number above 0.
        """
        if settings is None:
            return cls()
        if not isinstance(settings, dict):
            raise ValueError("extra.archive_paging must be a mapping of setting: number")
        known = {f.name for f in fields(cls)}
        for name, value in settings.items():
            if name not in known:
                raise ValueError(f"extra.archive_paging.{name} is unknown; use {sorted(known)}")
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"extra.archive_paging.{name} must be a whole number above 0")
        return cls(**settings)

    def splits(self, items: Sized) -> bool:
        """Whether a list this long becomes an index and a page per part."""
        return len(items) > self.split_above


@dataclass(frozen=True)
class Part:
    """One page of a split list: its key (a year, a month, a letter), its items, where it
    lives and its neighbours (for year_nav.md)."""

    key: Any
    items: list
    src: str
    around: dict[str, Any]


def paged(
    index_src: str,
    items: list,
    options: PagingOptions,
    *,
    part_of: Callable[[Any], Any],
    one_page: Callable[[], str],
    index_page: Callable[[list[tuple[str, str, int]]], str],
    part_page: Callable[[Part], str | list[GeneratedPage]],
    name: Callable[[Any], str] = str,
    label: Callable[[Any], str] = str,
    index_label: str = "All years",
    folder: str | None = None,
    in_nav: bool = False,
) -> list[GeneratedPage]:
    """A list on one page at `index_src`, or, when options say it splits, an index page
    (`index_page` given its links) and a page per part (`part_page` may return pages of
    its own, such as a crowded year split by month).

    The parts (years by default) come in the order of their first item.
    """
    if not options.splits(items):
        return [finished_page(index_src, one_page(), in_nav=in_nav)]
    parts, listing, around = paginate(
        index_src, items, part_of, name=name, label=label, index_label=index_label, folder=folder
    )
    pages = [finished_page(index_src, index_page(listing), in_nav=in_nav)]
    for key, found in parts.items():
        part = Part(key, found, around[key]["src"], around[key])
        made = part_page(part)
        pages += made if isinstance(made, list) else [finished_page(part.src, made, in_nav=False)]
    return pages


def paged_by_year(
    src: str, items: list, options: PagingOptions, page: Callable[..., str]
) -> list[GeneratedPage]:
    """`paged` for the items of one thing (a paragraph's copies, an event's reports, a
    claim's reports, a person's quotes), split by the year their reports came out.

    `page(items, page_src, listing=..., year=..., around=...)` renders one page of them;
    the index page gets no items and the years' links.
    """
    return paged(
        src,
        items,
        options,
        part_of=lambda item: year_published(item.article),
        one_page=lambda: page(items, src, listing=None, year=None),
        index_page=lambda listing: page([], src, listing=listing, year=None),
        part_page=lambda part: page(
            part.items, part.src, listing=None, year=part.key, around=part.around
        ),
    )


def paginate(
    index_src: str,
    items: list,
    part_of: Callable[[Any], Any],
    *,
    name: Callable[[Any], str],
    label: Callable[[Any], str],
    index_label: str,
    folder: str | None = None,
) -> tuple[dict[Any, list], list[tuple[str, str, int]], dict[Any, dict[str, Any]]]:
    """A list split into parts (years, months, letters): the items by part, in their
    order; the index page's links (label, url, count); each part's page and neighbours.
    The parts' pages go in `folder`, by default the one named after the index page."""
    parts: dict[Any, list] = {}
    for item in items:
        parts.setdefault(part_of(item), []).append(item)
    keys = list(parts)
    folder = folder or index_src.removesuffix("index.md").removesuffix(".md").rstrip("/")
    src = {key: f"{folder}/{name(key)}.md" for key in keys}
    listing = [
        (label(key), relative_link(index_src, page_url(src[key])), len(parts[key])) for key in keys
    ]
    around = {}
    for position, key in enumerate(keys):
        before = keys[position - 1] if position else None
        after = keys[position + 1] if position + 1 < len(keys) else None
        around[key] = {
            "src": src[key],
            "index": relative_link(src[key], page_url(index_src)),
            "index_label": index_label,
            "previous": None if before is None else relative_link(src[key], page_url(src[before])),
            "next": None if after is None else relative_link(src[key], page_url(src[after])),
            "previous_label": None if before is None else label(before),
            "next_label": None if after is None else label(after),
        }
    return parts, listing, around


def year_published(article: Article) -> int:
    """The year a report came out (its window's first day)."""
    return article.published.sort_date.year
