"""Paragraphs that appear, verbatim or reworded by a few words, in more than one report.

Method (near-linear in the number of paragraphs, deterministic; what is worked out of each
paragraph alone, its shingles and sketch, is in paragraphs.py, once per report):
- A paragraph is a block of the body between blank lines with at least MIN_WORDS words
  (shorter ones, such as image credits, say too little to be evidence of copying).
- Its shingles are its overlapping runs of SHINGLE_WORDS words, lower-cased, punctuation
  and typography removed: each word is hashed with CRC-32 and each run of word hashes with
  Python's tuple hash, both stable across runs (unlike hash() of text, which is salted);
  a rare collision only adds a candidate or a common shingle.
- Candidate pairs come from a bottom-k sketch index: each paragraph is filed under its
  SKETCH_SIZE smallest shingle hashes, and paragraphs filed under the same hash are compared.
  Two paragraphs whose shingle sets overlap by Jaccard J share one of those minima with
  probability about 1 - (1 - J)^k (0.998 at the threshold 0.4 with k = 12). Under a hash
  filed under more than ALL_PAIRS_UP_TO paragraphs, each is compared with the first filed
  there only: copies of one paragraph (agency copy run by hundreds of outlets) all meet
  that first one, and a common phrase costs one comparison per paragraph, not a pair for
  every two (a true pair missed there still shares, on average, several other keys). Each
  paragraph is filed under SKETCH_SIZE keys, so there are at most that many comparisons
  per paragraph: linear in the archive, whatever its shape.
- A candidate pair is shared when the exact Jaccard similarity of the two shingle sets is
  at least THRESHOLD; at VERBATIM or above it is called verbatim, otherwise reworded.
  On the five reports, copies score 1.0 and the rewordings 0.41-0.42, while two reports
  quoting the same third party (a press statement) score at most 0.28.
- Shared pairs are joined into groups; each group is attributed to the report published
  first (earliest possible day, then latest possible day, then file name). When publication
  windows overlap, the order is not certain and the group says so.
"""

from __future__ import annotations

import collections
import itertools
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Article
from ..paragraphs import SHINGLE_WORDS, Paragraph, shingles_of

__all__ = [
    "SHINGLE_WORDS",
    "THRESHOLD",
    "VERBATIM",
    "Paragraph",
    "SharedGroup",
    "body_similarity",
    "find_shared",
]

ALL_PAIRS_UP_TO = 16
THRESHOLD = 0.4
VERBATIM = 0.9


def body_similarity(a: str, b: str) -> float:
    """Jaccard similarity of two whole texts' word runs (1.0: the same words)."""
    return _jaccard(shingles_of(a), shingles_of(b))


@dataclass
class SharedGroup:
    """Paragraphs of different reports that are copies or rewordings of one another."""

    members: list[Paragraph]
    similarity: dict[tuple[str, int], float] = field(default_factory=dict)  # to the origin

    @property
    def origin(self) -> Paragraph:
        """The member published first: where the paragraph comes from."""
        return self.members[0]

    @cached_property
    def order_certain(self) -> bool:
        """True when the origin was surely published before every other member (computed
        once: every member's page asks)."""
        first = self.origin.article.published.latest
        return all(first < m.article.published.sort_date for m in self.members[1:])

    def kind(self, member: Paragraph) -> str:
        """How a member repeats the origin: verbatim or reworded."""
        score = self.similarity.get((member.article.slug, member.index), 1.0)
        return "verbatim" if score >= VERBATIM else "reworded"

    @cached_property
    def id(self) -> str:
        """The group's stable id, from its origin paragraph's anchor."""
        return "shared-" + self.origin.anchor.removeprefix("para-")


def _publication_order(paragraph: Paragraph) -> tuple:
    published = paragraph.article.published
    return (published.sort_date, published.latest, paragraph.article.slug, paragraph.index)


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def find_shared(articles: list[Article]) -> list[SharedGroup]:
    """Groups of shared paragraphs across reports, first-published member first."""
    # The paragraphs worth comparing, each with its sketch (worked out once per report).
    sketched = [
        (paragraph, keys)
        for article in articles
        for paragraph in article.paragraphs
        if (keys := paragraph.sketch) is not None
    ]
    paragraphs = [paragraph for paragraph, _ in sketched]
    # Most keys belong to one paragraph only: count in C, and file only the shared ones.
    counts = collections.Counter(itertools.chain.from_iterable(keys for _, keys in sketched))
    shared_keys = {key for key, count in counts.items() if count > 1}
    index: dict[int, list[int]] = {}
    for number, (_, keys) in enumerate(sketched):
        for key in shared_keys.intersection(keys):
            index.setdefault(key, []).append(number)
    parent = list(range(len(paragraphs)))

    def root(i: int) -> int:
        """The representative of `i`'s set (union-find, path halving)."""
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # The pairs filed under a common key, each once (made and deduplicated in C). Under a
    # key shared by many paragraphs, each is paired with the first only: copies of one
    # paragraph still all meet it, and common phrases do not make pairs by the thousand.
    pairs: set[tuple[int, int]] = set()
    for postings in index.values():
        if len(postings) <= ALL_PAIRS_UP_TO:
            pairs.update(itertools.combinations(postings, 2))
        else:
            pairs.update(zip(itertools.repeat(postings[0]), postings[1:]))
    for a, b in pairs:
        pa, pb = paragraphs[a], paragraphs[b]
        if pa.article.slug != pb.article.slug and _jaccard(pa.shingles, pb.shingles) >= THRESHOLD:
            parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for number in range(len(paragraphs)):
        groups.setdefault(root(number), []).append(number)
    shared = []
    for members in groups.values():
        if len({paragraphs[m].article.slug for m in members}) < 2:
            continue
        ordered = sorted((paragraphs[m] for m in members), key=_publication_order)
        group = SharedGroup(ordered)
        origin = ordered[0]
        for member in ordered[1:]:
            group.similarity[(member.article.slug, member.index)] = _jaccard(
                origin.shingles, member.shingles
            )
        shared.append(group)
    return sorted(shared, key=lambda g: _publication_order(g.origin))
