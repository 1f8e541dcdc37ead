"""A report body cut into sentences and clauses, each a span of the body itself.

Every suggested passage is a slice of the body, so it is verbatim by construction.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Clauses", "Piece", "around", "clauses", "paragraphs", "sentences", "trimmed", "words"]


@dataclass(frozen=True)
class Piece:
    """A stretch of the body: its text and where it starts and ends."""

    text: str
    start: int
    end: int


# Words after which a full stop does not end the sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "sr", "jr", "prof", "gen", "col", "lt", "sgt", "rev",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "vs", "etc", "inc", "ltd", "co", "corp", "u.s", "u.k", "u.n", "e.g", "i.e",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-ZА-ЯЁ0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n")


def _trimmed(body: str, start: int, end: int) -> Piece | None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return Piece(body[start:end], start, end) if end > start else None


_EDGE = ' \t\n“”"«»„‘’,;:–—-'  # quotation marks and separators: not part of a passage


def trimmed(body: str, start: int, end: int) -> Piece:
    """body[start:end] without the quotation marks, spaces and separators at its ends
    (an apostrophe that ends a word, as in "activists’", is kept)."""
    while start < end and body[start] in _EDGE:
        start += 1
    while (
        end > start
        and body[end - 1] in _EDGE
        and not (
            body[end - 1] == "’"
            and end - 1 > start
            and body[end - 2].isalpha()
            and body[end - 2] == "s"
        )
    ):
        end -= 1
    return Piece(body[start:end], start, end)


# A suggested passage runs over at most about this many characters each side of what it
# states (a date, a number): a sentence with no comma and many dates is not quoted whole for
# each of them. Real passages are a clause or two, well within it.
_REACH = 150


def around(body: str, start: int, end: int, first: int, last: int) -> Piece:
    """`trimmed(body, start, end)`, cut to whole words within _REACH characters of
    body[first:last] (which it holds) when longer: what a suggestion quotes stays
    bounded, and is still a slice of the body."""
    if first - start > _REACH:
        cut = first - _REACH
        space = body.find(" ", cut, first)
        start = space + 1 if space >= 0 else cut
    if end - last > _REACH:
        cut = last + _REACH
        space = body.rfind(" ", last, cut)
        end = space if space >= 0 else cut
    return trimmed(body, start, end)


@dataclass(frozen=True)
class Clauses:
    """The clauses of one sentence, with where they start and end, so that the clauses
    around each figure or date of the sentence are found by bisection, not by a search."""

    parts: list[Piece]
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, sentence: Piece, body: str) -> Clauses:
        parts = clauses(sentence, body)
        return cls(parts, [part.start for part in parts], [part.end for part in parts])

    def covering(self, start: int, end: int) -> list[Piece]:
        """The clauses (in order) that overlap body[start:end]."""
        return self.parts[
            bisect.bisect_right(self.ends, start) : bisect.bisect_left(self.starts, end)
        ]

    def index_at(self, at: int) -> int:
        """The index of the first clause that holds `at` or ends just before it."""
        index = bisect.bisect_left(self.ends, at)
        if index == len(self.parts) or self.parts[index].start > at:
            raise LookupError(f"no clause holds offset {at}")
        return index


def _paragraphs(body: str) -> Iterator[tuple[int, int]]:
    start = 0
    for gap in _PARAGRAPH.finditer(body):
        yield start, gap.start()
        start = gap.end()
    yield start, len(body)


def paragraphs(body: str) -> list[Piece]:
    """The paragraphs of the body (separated by blank lines)."""
    return [piece for first, last in _paragraphs(body) if (piece := _trimmed(body, first, last))]


def sentences(body: str) -> list[Piece]:
    """The sentences of the body, never across a paragraph break."""
    found: list[Piece] = []
    for first, last in _paragraphs(body):
        start = first
        for end in _SENTENCE_END.finditer(body, first, last):
            before = body[start : end.start()].split()
            word = before[-1].lower().rstrip(".") if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue  # "Dec. 29", "St. Petersburg", "J. Smith"
            piece = _trimmed(body, start, end.end())
            if piece:
                found.append(piece)
            start = end.end()
        piece = _trimmed(body, start, last)
        if piece:
            found.append(piece)
    return found


# Where a sentence divides into clauses: commas, semicolons, colons and dashes.
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:]|\s[–—-])\s+|\s+(?=[“«„])|(?<=[”»])\s+")


def clauses(sentence: Piece, body: str) -> list[Piece]:
    """The clauses of a sentence, as spans of the body (without the separating marks)."""
    found: list[Piece] = []
    start = sentence.start
    for mark in _CLAUSE_BREAK.finditer(body, sentence.start, sentence.end):
        piece = _trimmed(body, start, mark.start())
        if piece:
            found.append(piece)
        start = mark.end()
    piece = _trimmed(body, start, sentence.end)
    if piece:
        found.append(_strip_end(piece))
    return found


def _strip_end(piece: Piece) -> Piece:
    """A clause without the sentence's closing full stop (a quote needs no stop)."""
    text = piece.text.rstrip(".")
    return Piece(text, piece.start, piece.start + len(text)) if text else piece


_WORD = re.compile(r"[\w’'-]+")


def words(text: str) -> list[str]:
    """The lower-case words of a text."""
    return [word.lower().strip("’'-") for word in _WORD.findall(text)]
