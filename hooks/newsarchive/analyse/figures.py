"""Figures side by side: which reports cite which figures, where they differ, and what
stands behind each value: reports, outlets and primary sources.

A claim's source is the report it appears in, unless the paragraph stating it is shared
with a report published earlier (see syndication.py): then its source is that earlier
report, because a copied paragraph is not an independent confirmation of what it says.
Outlets are counted by those sources, so neither an outlet's later reports nor a copied
paragraph count twice. Primary sources are the ones the reports name (`primary_source`),
compared as people's names are (people.fold_name). Claims and values are ranked by that
independent support, never by how many reports make them (headlines.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

from ..model import VAGUE_QUALIFIERS, Article, Figure
from ..slugs import distinct_slugs, slugify
from .headlines import row_rank, value_rank
from .origins import copied_paragraphs, origin_of
from .shared_passages import SharedGroup
from .support import Support

__all__ = [
    "FigureClaim",
    "FigureRow",
    "ValueSupport",
    "figure_row_ids",
    "figure_rows",
    "say_figure",
]


@dataclass(frozen=True)
class FigureClaim:
    """One figure of one report, with the report it originates in (itself, or the one it copies)."""

    article: Article
    figure: Figure
    source: Article  # the report this claim originates in: itself, or the one it copies

    def bounds(self) -> tuple[float, float]:
        """The range of true values the claim allows ("around" is taken as within 20%, the
        vague quantities as VAGUE_BOUNDS say)."""
        value, qualifier = self.figure.value, self.figure.qualifier
        if qualifier in VAGUE_QUALIFIERS:
            return VAGUE_BOUNDS[qualifier]
        assert value is not None  # the model requires a number for the other qualifiers
        if qualifier in {"exactly", "unqualified"}:
            return value, value
        if qualifier == "at least":
            return value, math.inf
        if qualifier == "more than":
            return value + 1, math.inf
        if qualifier in {"at most", "up to"}:
            return 0, value
        if qualifier == "between":
            return value, self.figure.value_max  # type: ignore[return-value]
        return value * 0.8, value * 1.2  # around

    @property
    def denies(self) -> bool:
        return self.figure.stance == "denies"


# What a vague quantity is taken to allow when compared with numbers: "dozens" is at
# least two dozen and fewer than a hundred. Said on the Figures page.
VAGUE_BOUNDS: dict[str, tuple[float, float]] = {
    "several": (3, 9),
    "dozens": (24, 99),
    "hundreds": (200, 999),
    "thousands": (2000, math.inf),
}


@dataclass
class FigureRow:
    """One claim (what is counted, about which period), across every report that makes it."""

    label: str
    period: str | None
    unit: str
    claims: list[FigureClaim] = field(default_factory=list)

    @property
    def title(self) -> str:
        """What the row counts, as a reader says it: "deaths (2018-19 crackdown)"."""
        words = self.label.replace("_", " ")
        return f"{words} ({self.period})" if self.period else words

    @property
    def articles(self) -> list[Article]:
        """The reports that make a claim of this row, each once, in claim order."""
        seen: dict[str, Article] = {}
        for claim in self.claims:
            seen.setdefault(claim.article.slug, claim.article)
        return list(seen.values())

    @cached_property  # rows never change once made (see _by_report); pages ask often
    def disagree(self) -> bool:
        """True when no single value fits every claim (different numbers, or qualifiers that
        contradict each other, such as "exactly 2" against "at least 3"; a range or a vague
        quantity agrees with the numbers it takes in). Denials are not values: see
        `disputed`."""
        stated = [claim for claim in self.claims if not claim.denies]
        if not stated:
            return False
        low = max(claim.bounds()[0] for claim in stated)
        high = min(claim.bounds()[1] for claim in stated)
        return low > high

    @cached_property
    def support(self) -> Support:
        """What stands behind the claim, whatever the value: every report stating it
        (denials are not support), the outlets they count as, the sources they name."""
        support = Support()
        for claim in self.claims:
            if not claim.denies:
                support.add(
                    claim.article,
                    claim.source,
                    claim.figure.primary_source,
                    claim.figure.relayed_by,
                )
        return support

    @property
    def disputed(self) -> list[FigureClaim]:
        """The claims that deny the figure (a spokesman's "let alone 40")."""
        return [claim for claim in self.claims if claim.denies]

    def values(self) -> list[ValueSupport]:
        """Each distinct wording of the figure ("around 40") with the reports behind it,
        best supported first (headlines.value_rank); denials are not among them."""
        return list(self._values)

    @cached_property
    def _values(self) -> list[ValueSupport]:
        by_value: dict[str, ValueSupport] = {}
        stated = [claim for claim in self.claims if not claim.denies]
        for claim in sorted(stated, key=lambda c: (c.bounds(), c.figure.qualifier)):
            support = by_value.setdefault(
                say_figure(claim.figure), ValueSupport(figure=claim.figure)
            )
            figure = claim.figure
            support.add(claim.article, claim.source, figure.primary_source, figure.relayed_by)
        return [
            by_value[said] for said in sorted(by_value, key=lambda s: value_rank(by_value[s], s))
        ]

    def best_supported(self, count: int) -> list[ValueSupport]:
        """The `count` best supported values (for summaries of long rows)."""
        return self._values[:count]

    def cells(self, article: Article) -> list[FigureClaim]:
        """The claims of this row made by one report (looked up, not searched)."""
        return self._by_report.get(article.slug, [])

    @cached_property
    def _by_report(self) -> dict[str, list[FigureClaim]]:
        # Built on first use, after figure_rows has added every claim.
        by_report: dict[str, list[FigureClaim]] = {}
        for claim in self.claims:
            by_report.setdefault(claim.article.slug, []).append(claim)
        return by_report


@dataclass
class ValueSupport(Support):
    """One value of a figure ("around 40") and what stands behind it."""

    figure: Figure | None = None  # the first claim of this value: how it is said


def say_figure(figure: Figure, unit: str | None = None) -> str:
    """A figure as a reader says it: "40", "around 40", "between 10 and 20", "dozens",
    with what it counts when `unit` is given ("dozens of people"); a denial says so:
    "denies 40"."""
    said: str
    if figure.qualifier in VAGUE_QUALIFIERS:
        said = f"{figure.qualifier} of" if unit else figure.qualifier
    elif figure.qualifier in {"exactly", "unqualified"}:
        said = str(figure.value)
    elif figure.qualifier == "between":
        said = f"between {figure.value} and {figure.value_max}"
    else:
        said = f"{figure.qualifier} {figure.value}"
    if unit:
        said += f" {unit}"
    return f"denies {said}" if figure.stance == "denies" else said


def figure_rows(articles: list[Article], shared: list[SharedGroup]) -> list[FigureRow]:
    """Every figure of every report, one row per (label, period, unit); best supported
    first (headlines.row_rank: by outlets and primary sources, never by reports).

    Claims about different periods are different rows, never merged.
    """
    copied_from = copied_paragraphs(shared)
    copiers = {slug for slug, _ in copied_from}
    rows: dict[tuple, FigureRow] = {}
    for article in articles:
        for figure in article.meta.figures:
            key = (figure.label, figure.period, figure.unit)
            row = rows.setdefault(key, FigureRow(figure.label, figure.period, figure.unit))
            copier = article.slug in copiers
            source = origin_of(article, figure.quote, copied_from) if copier else article
            row.claims.append(FigureClaim(article, figure, source))
    return sorted(rows.values(), key=row_rank)


def figure_row_ids(rows: list[FigureRow]) -> list[str]:
    """An id for each row, from what it counts ("figure-deaths-2017-purge"), different for
    different rows by construction: rows whose words slugify alike ("2017 purge" and
    "2017 purge.", or a period that spells another row's unit) get a digest of their exact
    label, period and unit (slugs.distinct_slugs)."""
    wanted = [
        (
            "figure-"
            + "-".join(
                slugify(part)
                for part in (row.label, row.period or "any", row.unit)
                if part != "people"
            ),
            (row.label, row.period, row.unit),
        )
        for row in rows
    ]
    by_identity = {(row.label, row.period, row.unit): row for row in rows}
    return distinct_slugs(wanted, what=lambda identity: _row_named(by_identity[identity]))


def _row_named(row: FigureRow) -> str:
    files = ", ".join(str(article.path) for article in row.articles[:3])
    return f"the figure '{row.title}' ({row.unit}, in {files})"
