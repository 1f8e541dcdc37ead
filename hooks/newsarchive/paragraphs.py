"""A report's paragraphs, and what is compared of each to find the ones other reports
repeat (analyse/shared_passages.py says how): its runs of words, hashed (shingles), and
the smallest of those hashes (its bottom-k sketch).

A report's paragraphs are worked out once per loaded file (`Article.paragraphs`): a server
loads an unchanged file as the same object, so after an edit only the edited report's
paragraphs are hashed again.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .passages import normalise

if TYPE_CHECKING:
    from .model import Article

__all__ = ["MIN_WORDS", "SHINGLE_WORDS", "SKETCH_SIZE", "Paragraph", "paragraphs_of", "shingles_of"]

SHINGLE_WORDS = 4
MIN_WORDS = 8
SKETCH_SIZE = 12

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of one report, with its place in the body."""

    article: Article
    index: int  # position among the report's paragraphs
    start: int  # offsets in article.body
    end: int

    @property
    def text(self) -> str:
        """The paragraph's text."""
        return self.article.body[self.start : self.end]

    @cached_property  # asked by every page that links to the paragraph
    def anchor(self) -> str:
        """The paragraph's id on its report page, from its words."""
        digest = hashlib.sha1(normalise(self.text).encode("utf-8")).hexdigest()[:10]
        return f"para-{digest}"

    @cached_property  # kept for the paragraphs compared with another (a few)
    def shingles(self) -> frozenset[int]:
        """The paragraph's runs of SHINGLE_WORDS words, hashed."""
        return shingles_of(self.text)

    @cached_property
    def sketch(self) -> tuple[int, ...] | None:
        """Its SKETCH_SIZE smallest shingles, or None when it has fewer than MIN_WORDS
        words (too few to tell copying). Made from shingles not kept: every paragraph's
        would take 5 KB."""
        if len(_WORD.findall(self.text)) < MIN_WORDS:
            return None
        return tuple(sorted(shingles_of(self.text))[:SKETCH_SIZE])


def shingles_of(text: str) -> frozenset[int]:
    """The hashed runs of SHINGLE_WORDS words of a text."""
    words = _WORD.findall(normalise(text).lower().replace("'", ""))
    ids = [zlib.crc32(word.encode("utf-8")) for word in words]
    # hash() of a tuple of ints is the same in every run (only str hashing is salted).
    runs = zip(*(ids[i:] for i in range(SHINGLE_WORDS)), strict=False)
    return frozenset(map(hash, runs))


def paragraphs_of(article: Article) -> tuple[Paragraph, ...]:
    """The body's paragraphs (blocks between blank lines), with their offsets."""
    paragraphs = []
    for number, match in enumerate(re.finditer(r"[^\n](?:.|\n(?!\s*\n))*", article.body)):
        end = match.start() + len(match.group().rstrip())
        paragraphs.append(Paragraph(article, number, match.start(), end))
    return tuple(paragraphs)
