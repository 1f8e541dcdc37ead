"""Where a claim originates: in its own report, or in the earlier report whose paragraph
its report copied (shared_passages.py). A copied paragraph is not an independent
confirmation of what it says, so figures and events count for their origin."""

from __future__ import annotations

from ..cache import BuildCache
from ..model import Article
from ..passages import find_passage
from .shared_passages import SharedGroup, paragraphs_of

__all__ = ["copied_paragraphs", "origin_of"]


def copied_paragraphs(shared: list[SharedGroup]) -> dict[tuple, Article]:
    """(report slug, paragraph index) -> the earlier report the paragraph was copied from."""
    copied = {}
    for group in shared:
        for member in group.members[1:]:
            copied[(member.article.slug, member.index)] = group.origin.article
    return copied


def origin_of(article: Article, quote: str, copied: dict[tuple, Article]) -> Article:
    """The report a passage originates in: the earlier one if its paragraph was copied."""
    index = PARAGRAPH_OF_QUOTE.get((article.body, quote), lambda: _paragraph_of(article, quote))
    return article if index is None else copied.get((article.slug, index), article)


# While serving: which paragraph of a body holds a quote (finding it is the costly part).
PARAGRAPH_OF_QUOTE: BuildCache[int | None] = BuildCache()


def _paragraph_of(article: Article, quote: str) -> int | None:
    span = find_passage(article.body, quote)
    if span is None:
        return None
    for paragraph in paragraphs_of(article):
        if paragraph.start <= span.start < paragraph.end:
            return paragraph.index
    return None
