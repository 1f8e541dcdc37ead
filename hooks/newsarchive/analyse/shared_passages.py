"""Paragraphs that appear, verbatim or reworded by a few words, in more than one report.

Method (near-linear in the number of paragraphs, deterministic):
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
import hashlib
import itertools
import re
import zlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..cache import BuildCache
from ..model import Article
from ..passages import normalise
from .reuse import point_groups_at_current, reused

__all__ = [
    "Paragraph",
    "SharedGroup",
    "body_similarity",
    "find_shared",
    "paragraphs_of",
    "shingles_of",
]

SHINGLE_WORDS = 4
MIN_WORDS = 8
SKETCH_SIZE = 12
ALL_PAIRS_UP_TO = 16
THRESHOLD = 0.4
VERBATIM = 0.9

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

    @cached_property
    def shingles(self) -> frozenset[int]:
        """The paragraph's runs of SHINGLE_WORDS words, hashed."""
        text = self.text
        return _SHINGLES.get(text, lambda: shingles_of(text))


def shingles_of(text: str) -> frozenset[int]:
    """The hashed runs of SHINGLE_WORDS words of a text."""
    words = _WORD.findall(normalise(text).lower().replace("'", ""))
    ids = [_word_id(word) for word in words]
    # hash() of a tuple of ints is the same in every run (only str hashing is salted).
    runs = zip(*(ids[i:] for i in range(SHINGLE_WORDS)), strict=False)
    return frozenset(map(hash, runs))


def body_similarity(a: str, b: str) -> float:
    """Jaccard similarity of two whole texts' word runs (1.0: the same words)."""
    return _jaccard(shingles_of(a), shingles_of(b))


@lru_cache(maxsize=200_000)
def _word_id(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


def paragraphs_of(article: Article) -> list[Paragraph]:
    """The body's paragraphs (blocks between blank lines), with their offsets."""
    paragraphs = []
    for number, match in enumerate(re.finditer(r"[^\n](?:.|\n(?!\s*\n))*", article.body)):
        end = match.start() + len(match.group().rstrip())
        paragraphs.append(Paragraph(article, number, match.start(), end))
    return paragraphs


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


# While serving: the shingles of the paragraphs compared last time (the candidates).
_SHINGLES: BuildCache[frozenset[int]] = BuildCache()
# A body's long-enough paragraphs as (index, start, end, sketch), kept by body text while
# serving: hashing every paragraph is most of the work of finding shared ones.
_SKETCHES: BuildCache[list[tuple[int, int, int, tuple[int, ...]]]] = BuildCache()


def _sketched(article: Article) -> list[tuple[Paragraph, tuple[int, ...]]]:
    """The paragraphs worth comparing, each with its SKETCH_SIZE smallest shingles."""
    computed: list[Paragraph] = []

    def sketch() -> list[tuple[int, int, int, tuple[int, ...]]]:
        """Each long enough paragraph with its bottom-k sketch (smallest shingle hashes)."""
        computed.extend(
            p for p in paragraphs_of(article) if len(_WORD.findall(p.text)) >= MIN_WORDS
        )
        return [
            (p.index, p.start, p.end, tuple(sorted(p.shingles)[:SKETCH_SIZE])) for p in computed
        ]

    found = _SKETCHES.get(article.body, sketch)
    if computed:  # sketched just now: these paragraphs know their shingles already
        return [(paragraph, keys) for paragraph, (*_, keys) in zip(computed, found, strict=True)]
    return [(Paragraph(article, index, start, end), keys) for index, start, end, keys in found]


# While serving: the groups found last time, by the bodies and publication days they were
# found from. An edit that leaves those alone (a title, a figure, a quote) reuses them.
_GROUPS: BuildCache[list[SharedGroup]] = BuildCache()


def find_shared(articles: list[Article]) -> list[SharedGroup]:
    """Groups of shared paragraphs across reports, first-published member first."""
    # Found whole, the paragraphs' hashes are not asked for: keep them for the next edit.
    caches = (_SKETCHES, _SHINGLES)
    groups = reused(_GROUPS, articles, _shared_reads, lambda: _find_shared(articles), caches)
    current = {article.slug: article for article in articles}
    return point_groups_at_current(groups, "members", current)


def _shared_reads(article: Article) -> tuple:
    published = article.published
    return article.body, published.sort_date, published.latest


def _find_shared(articles: list[Article]) -> list[SharedGroup]:
    sketched = [found for article in articles for found in _sketched(article)]
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
