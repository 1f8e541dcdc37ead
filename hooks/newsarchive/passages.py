"""Finding quoted passages verbatim in a report body, forgiving only typography.

Editors copy quotes from web pages and type them into YAML, so curly and straight quotes,
dashes, no-break spaces and runs of whitespace must not make a true quote fail; anything
else (a changed word, a dropped comma) must.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Span", "closest_passage", "find_passage", "normalise", "passage_id"]

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text, and for each of its characters the index it came from in `text`."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        char = unicodedata.normalize("NFKC", char.translate(_TYPOGRAPHY)).translate(_TYPOGRAPHY)
        if char.isspace():
            # Collapse every run of whitespace (no-break spaces included) into one space.
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(index)
            continue
        for piece in char:
            chars.append(piece)
            origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


def normalise(text: str) -> str:
    """Text with typography folded: straight quotes and dashes, single spaces, no ends."""
    return _normalise_with_map(text)[0].strip()


@dataclass(frozen=True)
class Span:
    """Where a passage stands in the original body: `body[start:end]`."""

    start: int
    end: int


def find_passage(body: str, passage: str) -> Span | None:
    """The first place where `passage` stands in `body`, typography aside."""
    needle = normalise(passage)
    if not needle:
        return None
    haystack, origin = _normalise_with_map(body)
    at = haystack.find(needle)
    if at < 0:
        return None
    return Span(origin[at], origin[at + len(needle) - 1] + 1)


def passage_id(passage: str) -> str:
    """A stable id for a passage, derived from its words so links survive edits elsewhere."""
    digest = hashlib.sha1(normalise(passage).encode("utf-8")).hexdigest()
    return f"passage-{digest[:10]}"


_SENTENCE_END = re.compile(r"(?<=[.!?\"'])\s+|\n+")


def closest_passage(body: str, passage: str) -> str | None:
    """The sentence of `body` most like `passage`, to help an editor fix a wrong quote."""
    needle = normalise(passage)
    sentences = [normalise(s) for s in _SENTENCE_END.split(body) if s.strip()]
    best, best_ratio = None, 0.0
    for sentence in sentences:
        matcher = difflib.SequenceMatcher(None, needle, sentence, autojunk=False)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = sentence, ratio
    return best if best_ratio >= 0.5 else None
