"""Where a claim originates: in its own report, or in the earlier report whose paragraph
its report copied (shared_passages.py). A copied paragraph is not an independent
confirmation of what it says, so figures and events count for their origin."""

from __future__ import annotations

from ..model import Article
from .shared_passages import SharedGroup

__all__ = ["copied_paragraphs", "origin_of"]


def copied_paragraphs(shared: list[SharedGroup]) -> dict[tuple, Article]:
    """(report slug, paragraph index) -> the earlier report the paragraph was copied from."""
    copied = {}
    for group in shared:
        for member in group.members[1:]:
            copied[(member.article.slug, member.index)] = group.origin.article
    return copied


def origin_of(article: Article, quote: str, copied: dict[tuple, Article]) -> Article:
    """The report a cited passage originates in: the earlier one if its paragraph was
    copied."""
    index = article.cited_paragraphs.get(quote)
    return article if index is None else copied.get((article.slug, index), article)
