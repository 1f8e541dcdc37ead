"""People quoted across reports, with likely variant spellings of one name joined.

Names are compared without case, accents, punctuation or honorifics ("Sir", "Dr"...).
Two spellings are taken as one person when their first names match and their surnames
differ by one edit (a letter added, dropped, changed, or two neighbours swapped; two edits
for surnames of eight letters or more). Names are compared only within blocks that share
the first name and the surname's first letter, and within a block only with the names that
share a spelling with one or two letters dropped (what one or two edits leave of both), so
this stays linear however many names a block holds (see _join_variants for the bounds).

Editors decide in front matter with a quote's `person` key: quotes with one key are one
person (a confirmed variant); quotes with different keys are never joined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..model import Article, Quote
from ..records import fold_name

__all__ = ["Person", "QuoteRef", "find_people", "fold_name"]


@dataclass(frozen=True)
class QuoteRef:
    """One quote of one report."""

    article: Article
    quote: Quote


@dataclass
class Person:
    """One person (or organisation) and everything the reports quote them as saying."""

    key: str
    quotes: list[QuoteRef] = field(default_factory=list)
    confirmed: bool = False  # variants joined by editors' `person` keys, not by a guess

    @cached_property  # read by every page naming the person; first read once all are found
    def spellings(self) -> list[str]:
        """Each spelling of the name, the one most reports use first (a report quoting a
        misspelt name five times is still one report); alphabetical on a tie. With an
        editor's `person` key, the spelling the key spells out comes first."""
        reports: dict[str, set[str]] = {}
        for ref in self.quotes:
            reports.setdefault(ref.quote.name, set()).add(ref.article.slug)  # type: ignore[arg-type]
        keyed = self.key.removeprefix("key:").split("/")[-1].replace("-", " ")
        keyed = fold_name(keyed) if self.confirmed else ""
        return sorted(reports, key=lambda n: (fold_name(n) != keyed, -len(reports[n]), n))

    @property
    def name(self) -> str:
        """Every spelling of the name, joined: "Alvi Karimov / Alvi Kraimov"."""
        return " / ".join(self.spellings)

    @property
    def is_variant(self) -> bool:
        """Whether the reports spell the name in more than one way."""
        return len({fold_name(s) for s in self.spellings}) > 1

    @property
    def roles(self) -> list[str]:
        """Every role the reports give the person, sorted."""
        return sorted({ref.quote.role for ref in self.quotes})

    @property
    def articles(self) -> list[Article]:
        """The reports that quote the person, each once."""
        return list({ref.article.slug: ref.article for ref in self.quotes}.values())


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein with adjacent swaps)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _allowed(last_a: str, last_b: str) -> int:
    """How many edits two surnames may differ by and still be one person's."""
    return 2 if min(len(last_a), len(last_b)) >= 8 else 1


def _same_person(a: str, b: str) -> bool:
    first_a, _, last_a = a.rpartition(" ")
    first_b, _, last_b = b.rpartition(" ")
    if first_a != first_b or not last_a or not last_b:
        return False
    allowed = _allowed(last_a, last_b)
    return abs(len(last_a) - len(last_b)) <= allowed and _edits(last_a, last_b) <= allowed


def _dropped(surname: str) -> set[str]:
    """The surname with up to one letter dropped (two, for eight letters or more): two
    surnames within the edits they are allowed share one of these (a changed letter or a
    swap is a letter dropped from each, an added one a letter dropped from the longer)."""
    found = {surname}
    for _ in range(2 if len(surname) >= 8 else 1):
        found |= {word[:i] + word[i + 1 :] for word in found for i in range(len(word))}
    return found


def find_people(articles: list[Article]) -> tuple[list[Person], list[QuoteRef]]:
    """Named people with their quotes, and the quotes of unnamed sources."""
    people: dict[str, Person] = {}
    unnamed: list[QuoteRef] = []
    for article in articles:
        for quote in article.meta.quotes:
            ref = QuoteRef(article, quote)
            if quote.name is None:
                unnamed.append(ref)
                continue
            recorded = quote.name in article.named
            if recorded:  # the records say who it is, whatever the spelling
                key = "key:" + article.identity(quote.name)[0]
            else:
                key = f"key:{quote.person}" if quote.person else fold_name(quote.name)
            confirmed = recorded or bool(quote.person)
            people.setdefault(key, Person(key, confirmed=confirmed)).quotes.append(ref)
    _join_variants(people)
    for person in people.values():
        person.quotes.sort(key=lambda r: (r.article.published.sort_date, r.article.slug))
    return sorted(people.values(), key=lambda p: p.name.lower()), unnamed


# Bounds of the join within one block, reached only by names made to be compared (real
# blocks hold a handful of names): a surname longer than _LONGEST_SURNAME letters is joined
# by its exact spelling only; a spelling with letters dropped that more than _CROWDED names
# share is not used to find candidates; and a name is compared with at most _COMPARED
# candidates, found among at most _VISITED names sharing a spelling with it.
_LONGEST_SURNAME = 20
_CROWDED = 32
_VISITED = 256
_COMPARED = 64


def _join_variants(people: dict[str, Person]) -> None:
    """Merge unkeyed spellings that are likely one name (see the module docstring).

    In each block, each name in turn (one that is still its own person) takes in every
    later name of the block that is the same person by `_same_person`. The later names are
    found through the spellings with letters dropped they share with it, not by comparing
    every pair, so the work is bounded per name (see the bounds above).
    """
    blocks: dict[tuple[str, str], list[str]] = {}
    for key in people:
        if key.startswith("key:"):
            continue  # an editor's key: never joined by a guess
        first, _, last = key.rpartition(" ")
        blocks.setdefault((first, last[:1]), []).append(key)
    for keys in blocks.values():
        if len(keys) < 2:
            continue
        dropped = [_dropped_of(key) for key in keys]
        sharing: dict[str, list[int]] = {}  # a spelling with letters dropped -> names, in order
        for position, spellings in enumerate(dropped):
            for spelling in spellings:
                sharing.setdefault(spelling, []).append(position)
        for position, a in enumerate(keys):
            if a not in people:
                continue
            later: set[int] = set()
            visited = 0
            for spelling in dropped[position]:
                names = sharing[spelling]
                if len(names) > _CROWDED:
                    continue
                visited += len(names)
                if visited > _VISITED:
                    break
                later.update(p for p in names if p > position)
            for other in sorted(later)[:_COMPARED]:
                b = keys[other]
                if b in people and _same_person(a, b):
                    people[a].quotes.extend(people.pop(b).quotes)


def _dropped_of(key: str) -> list[str]:
    """The spellings with letters dropped of a name's surname, in a fixed order; none for a
    surname too long to be joined by a guess."""
    surname = key.rpartition(" ")[2]
    if not surname or len(surname) > _LONGEST_SURNAME:
        return []
    return sorted(_dropped(surname))
