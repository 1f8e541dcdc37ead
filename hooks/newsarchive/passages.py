"""Finding quoted passages verbatim in a report body, forgiving only typography.

Editors copy quotes from web pages and type them into YAML, so curly and straight quotes,
dashes, no-break spaces and runs of whitespace must not make a true quote fail; anything
else (a changed word, a dropped comma) must.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

__all__ = [
    "PassageFinder",
    "Span",
    "closest_passage",
    "find_passage",
    "normalise",
    "passage_id",
]

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


_SPECIAL = re.compile(r"\s+|[^\x00-\x7f\s]+")


def _normalise_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """Normalised text, and for each of its characters the index it came from in `text`.

    Only for text that NFKC changes (see `PassageFinder.find`).
    """
    text = text.translate(_TYPOGRAPHY)
    chars: list[str] = []
    origin: list[int] = []
    last = 0
    for match in _SPECIAL.finditer(text):
        start = match.start()
        chars.append(text[last:start])
        origin.extend(range(last, start))
        piece = match.group()
        if piece.isspace():
            # Collapse every run of whitespace (no-break spaces included) into one space.
            chars.append(" ")
            origin.append(start)
        else:
            folded = unicodedata.normalize("NFKC", piece).translate(_TYPOGRAPHY)
            if len(folded) == len(piece) and not any(c.isspace() for c in folded):
                chars.append(folded)
                origin.extend(range(start, start + len(piece)))
            else:  # a character that expands ("…" -> "...") or becomes a space: one by one
                for offset, char in enumerate(piece):
                    one = unicodedata.normalize("NFKC", char).translate(_TYPOGRAPHY)
                    one = " " if one.isspace() else one
                    chars.append(one)
                    origin.extend([start + offset] * len(one))
        last = match.end()
    chars.append(text[last:])
    origin.extend(range(last, len(text)))
    joined = "".join(chars)
    # A no-break space folded next to a space would leave two; collapse and keep the map.
    if "  " in joined:
        keep = [i for i, c in enumerate(joined) if not (c == " " and i and joined[i - 1] == " ")]
        joined = "".join(joined[i] for i in keep)
        origin = [origin[i] for i in keep]
    stripped = joined.rstrip(" ")
    return stripped, tuple(origin[: len(stripped)])


def _fold_character(match: re.Match) -> str:
    """One non-ASCII character as compared: NFKC, typography folded."""
    folded = unicodedata.normalize("NFKC", match.group()).translate(_TYPOGRAPHY)
    return _WHITESPACE.sub(" ", folded)


_WHITESPACE = re.compile(r"\s+")
_LONG_WHITESPACE = re.compile(r"\s\s+")
_NON_ASCII = re.compile(r"[^\x00-\x7f\s]+")


def normalise(text: str) -> str:
    """Text with typography folded: straight quotes and dashes, single spaces, no ends.

    The same folding as `_normalise_with_map`, without the map, so it runs at C speed.
    """
    text = _WHITESPACE.sub(" ", text.translate(_TYPOGRAPHY))
    if not _folds_to_itself(text):
        text = _WHITESPACE.sub(" ", _NON_ASCII.sub(_fold_character, text))
    return text.strip(" ")


def _fold_whitespace_only(body: str) -> tuple[str, int, list[int], list[int]] | None:
    """For a body that only needs typography and whitespace folded (one character for one,
    runs of whitespace to one space): its normalised text, whether a leading space was
    stripped, and for each run of two or more whitespace characters its place in the
    collapsed text and how many characters were removed up to its end. None for a body
    NFKC changes.
    """
    text = body.translate(_TYPOGRAPHY)
    if not _folds_to_itself(text):
        return None
    runs, removed, total = [], [], 0
    for match in _LONG_WHITESPACE.finditer(text):  # a single whitespace character stays one
        runs.append(match.start() - total)
        total += match.end() - match.start() - 1
        removed.append(total)
    collapsed = _WHITESPACE.sub(" ", text)
    lead = 1 if collapsed.startswith(" ") else 0
    return collapsed.strip(" "), lead, runs, removed


def _folds_to_itself(text: str) -> bool:
    """True when NFKC leaves `text` alone (most English and Russian text), so that only
    typography and whitespace need folding: checked at C speed."""
    return text.isascii() or unicodedata.is_normalized("NFKC", text)


@dataclass(frozen=True)
class Span:
    """Where a passage stands in the original body: `body[start:end]`."""

    start: int
    end: int


def passage_id(passage: str) -> str:
    """A stable id for a passage, derived from its words so links survive edits elsewhere."""
    digest = hashlib.sha1(normalise(passage).encode("utf-8")).hexdigest()
    return f"passage-{digest[:10]}"


_SENTENCE_END = re.compile(r"(?<=[.!?\"'])\s+|\n+")
_WORD = re.compile(r"\w+")

# The hint for a passage not in the body is looked for among a few sentences only, so that
# a check of many missing passages over a long body stays linear in the file: the sentences
# that hold most of the passage's rarest words (at most _POSTINGS of the body's word
# entries are read per passage, rarest word first), compared with it in linear time.
_CANDIDATES = 8
_POSTINGS = 4_000
_LIKE = 0.5  # the least likeness of a hint (see _likeness)


def _sentence_index(body: str) -> tuple[list[str], dict[str, list[int]]]:
    """The body's sentences (normalised), and for each word the sentences that hold it."""
    sentences = [normalise(s) for s in _SENTENCE_END.split(body) if s.strip()]
    holding: dict[str, list[int]] = {}
    for number, sentence in enumerate(sentences):
        for word in set(_WORD.findall(sentence.lower())):
            holding.setdefault(word, []).append(number)
    return sentences, holding


def _trigrams(text: str) -> Counter[str]:
    padded = f" {text.lower()} "
    return Counter(padded[i : i + 3] for i in range(len(padded) - 2))


def _likeness(needle: Counter[str], size: int, sentence: str) -> float:
    """How alike two texts are, 0 to 1: the share of their letter triples they have in
    common (Dice), in time linear in both; a changed letter costs three triples of each."""
    other = _trigrams(sentence)
    shared = sum((needle & other).values())
    return 2 * shared / (size + sum(other.values()))


class PassageFinder:
    """Passages looked for in one body: what every search needs of the body is made once,
    on the first search (its folded text, or for a text NFKC changes a map of offsets),
    and its sentence index on the first hint."""

    def __init__(self, body: str) -> None:
        self.body = body

    @cached_property
    def _folded(self) -> tuple[str, int, list[int], list[int]] | None:
        return _fold_whitespace_only(self.body)

    @cached_property
    def _mapped(self) -> tuple[str, tuple[int, ...]]:
        return _normalise_with_map(self.body)

    @cached_property
    def _sentences(self) -> tuple[list[str], dict[str, list[int]]]:
        return _sentence_index(self.body)

    def find(self, passage: str) -> Span | None:
        """The first place where `passage` stands in the body, typography aside."""
        needle = normalise(passage)
        if not needle:
            return None
        folded = self._folded
        if folded is not None:
            haystack, lead, runs, removed = folded
            at = haystack.find(needle)
            if at < 0:
                return None

            def origin(index: int) -> int:
                """The body offset of a character of the folded text."""
                collapsed = index + lead
                before = bisect.bisect_left(runs, collapsed)  # runs that stand before it
                return collapsed + (removed[before - 1] if before else 0)

            return Span(origin(at), origin(at + len(needle) - 1) + 1)
        haystack, offsets = self._mapped
        at = haystack.find(needle)
        if at < 0:
            return None
        return Span(offsets[at], offsets[at + len(needle) - 1] + 1)

    def closest(self, passage: str) -> str | None:
        """The sentence of the body most like `passage`, to help an editor fix a wrong
        quote.

        Time: linear in the passage, plus at most _POSTINGS steps and _CANDIDATES sentences
        of comparable length (a sentence more than three times longer or shorter than the
        passage cannot be half like it), after the body's index is made once.
        """
        needle = normalise(passage)
        sentences, holding = self._sentences
        shared: Counter[int] = Counter()
        budget = _POSTINGS
        words = set(_WORD.findall(needle.lower()))
        for word in sorted(words, key=lambda w: len(holding.get(w, ()))):
            postings = holding.get(word, ())
            if len(postings) > budget:
                break  # the rest are commoner words: they tell the sentences apart least
            budget -= len(postings)
            shared.update(postings)
        comparable = [
            number
            for number in shared
            if len(needle) <= 3 * len(sentences[number])
            and len(sentences[number]) <= 3 * len(needle)
        ]
        candidates = sorted(heapq.nsmallest(_CANDIDATES, comparable, key=lambda n: (-shared[n], n)))
        grams = _trigrams(needle)
        size = sum(grams.values())
        best, best_like = None, 0.0
        for number in candidates:
            like = _likeness(grams, size, sentences[number])
            if like > best_like:
                best, best_like = sentences[number], like
        return best if best_like >= _LIKE else None


def find_passage(body: str, passage: str) -> Span | None:
    """The first place where `passage` stands in `body`, typography aside (to look for
    several in one body, use one PassageFinder)."""
    return PassageFinder(body).find(passage)


def closest_passage(body: str, passage: str) -> str | None:
    """The sentence of `body` most like `passage` (PassageFinder.closest)."""
    return PassageFinder(body).closest(passage)
