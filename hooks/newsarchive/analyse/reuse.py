"""Analysis results reused from the last build while serving, when what they are made from
is unchanged.

An editor's save changes one report, and most of what a part of the analysis reads from the
reports stays the same (a new title leaves every body as it was). A part that keys its
result by exactly what it reads can hand back the last build's result; only the edited
report's object is new (every loaded file is one Article), so the result's items are
pointed at the reports as loaded now before the pages use it. Nothing reused is changed:
an item or group that must point elsewhere is copied (pages key results by identity).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from ..cache import BuildCache, digest
from ..cache import enabled as caching
from ..model import Article

__all__ = ["point_at_current", "point_groups_at_current", "reused"]

T = TypeVar("T")


def reused(
    results: BuildCache[T],
    articles: list[Article],
    reads: Callable[[Article], Any],
    compute: Callable[[], T],
    keeping: tuple[BuildCache, ...] = (),
) -> T:
    """A part of the analysis: while serving, the last build's result when what the part
    `reads` of each report (in this order) is unchanged; else computed now. The caches
    `compute` fills (`keeping`) are kept for the next build when it is not run."""
    if not caching():
        return compute()
    key = tuple(_read(results, article, reads) for article in articles)
    found = results.find(key)
    if found is None:
        return results.get(key, compute)
    for cache in keeping:
        cache.keep_all()
    return found


# What each part reads of a report, digested once per file content (by the part's cache).
_READS: BuildCache[bytes] = BuildCache()


def _read(results: BuildCache, article: Article, reads: Callable[[Article], Any]) -> tuple:
    # repr is exact for what the parts read: text, dates, numbers and front matter records.
    # The records can change who a name is while the file stays the same.
    key = (id(results), article.digest, repr(article.named))
    return article.slug, _READS.get(key, lambda: digest(repr(reads(article))))


def point_at_current(
    items: list[T],
    current: dict[str, Article],
    fields: tuple[str, ...] = ("article",),
    records: tuple[tuple[str, str], ...] = (),
) -> list[T]:
    """Items of a reused result (frozen dataclasses whose `fields` hold reports) with each
    report the one loaded now, found by file name: `items` itself when none changed, else
    a new list with the changed items copied. `records` names the item's fields that hold
    one of its report's front matter records, each with the list it is in ("quote",
    "quotes"): the record at the same place in the report loaded now replaces it."""
    if not caching():  # nothing was reused: every item points at a report loaded now
        return items
    pointed: list[T] | None = None
    for number, item in enumerate(items):
        moved: dict[str, Any] = {}
        for name in fields:
            report = getattr(item, name)
            if report is not None and report is not current[report.slug]:  # None: no report
                moved[name] = current[report.slug]
        if "article" in moved:
            old_report: Article = item.article  # type: ignore[attr-defined]
            for name, listed in records:
                moved[name] = _same_place(getattr(item, name), old_report, moved["article"], listed)
        if moved:
            pointed = pointed or list(items)
            pointed[number] = dataclasses.replace(item, **moved)  # type: ignore[type-var]
    return items if pointed is None else pointed


def _same_place(record: Any, old: Article, new: Article, listed: str) -> Any:
    """The record of `new` at the place `record` has in `old` (their lists are equal: the
    part read them, or it would not be reused)."""
    old_records = getattr(old.meta, listed)
    position = next(i for i, candidate in enumerate(old_records) if candidate is record)
    return getattr(new.meta, listed)[position]


def point_groups_at_current(
    groups: list[T],
    items: str,
    current: dict[str, Article],
    fields: tuple[str, ...] = ("article",),
    records: tuple[tuple[str, str], ...] = (),
) -> list[T]:
    """Groups of a reused result (dataclasses holding a list of items in `items`) with
    their items pointed at the reports loaded now: a group with a changed item is copied."""
    if not caching():
        return groups
    pointed = []
    for group in groups:
        members = getattr(group, items)
        moved = point_at_current(members, current, fields, records)
        same = moved is members
        pointed.append(group if same else dataclasses.replace(group, **{items: moved}))  # type: ignore[type-var]
    return pointed
