"""Analysis results reused from the last build while serving, when what they are made from
is unchanged.

An editor's save changes one report, and most of what a part of the analysis reads from the
reports stays the same (a new title leaves every body as it was). A part that keys its
result by exactly what it reads can hand back the last build's result; only the edited
report's object is new (every loaded file is one Article), so the result's items are
pointed at the reports as loaded now before the pages use it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from ..cache import BuildCache, digest
from ..cache import enabled as caching
from ..model import Article

__all__ = ["point_at_current", "reused"]

T = TypeVar("T")


def reused(
    results: BuildCache[T],
    articles: list[Article],
    reads: Callable[[Article], Any],
    compute: Callable[[], T],
) -> T:
    """A part of the analysis: while serving, the last build's result when what the part
    `reads` of each report (in this order) is unchanged; else computed now."""
    if not caching():
        return compute()
    return results.get(tuple(_read(results, article, reads) for article in articles), compute)


# What each part reads of a report, digested once per file content (by the part's cache).
_READS: BuildCache[bytes] = BuildCache()


def _read(results: BuildCache, article: Article, reads: Callable[[Article], Any]) -> tuple:
    # repr is exact for what the parts read: text, dates, numbers and front matter records.
    key = (id(results), article.digest)
    return article.slug, _READS.get(key, lambda: digest(repr(reads(article))))


def point_at_current(items: list[Any], current: dict[str, Article]) -> None:
    """Re-point, in place, items of a reused result (frozen dataclasses with an `article`
    field) at the reports loaded now, found by file name."""
    for number, item in enumerate(items):
        article = current[item.article.slug]
        if item.article is not article:
            items[number] = dataclasses.replace(item, article=article)
