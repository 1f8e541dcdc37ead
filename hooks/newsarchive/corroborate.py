"""Setting the sources side by side: which reports cite which figures, and where they differ."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .model import Article, Figure

__all__ = ["FigureClaim", "FigureRow", "figure_rows"]


@dataclass(frozen=True)
class FigureClaim:
    article: Article
    figure: Figure

    def bounds(self) -> tuple[float, float]:
        """The range of true values the claim allows ("around" is taken as within 20%)."""
        value, qualifier = self.figure.value, self.figure.qualifier
        if qualifier in {"exactly", "unqualified"}:
            return value, value
        if qualifier == "at least":
            return value, math.inf
        if qualifier == "more than":
            return value + 1, math.inf
        if qualifier == "at most":
            return 0, value
        return value * 0.8, value * 1.2  # around


@dataclass
class FigureRow:
    """One claim (what is counted, about which period), across every report that makes it."""

    label: str
    period: str | None
    unit: str
    claims: list[FigureClaim] = field(default_factory=list)

    @property
    def title(self) -> str:
        words = self.label.replace("_", " ")
        return f"{words} ({self.period})" if self.period else words

    @property
    def articles(self) -> list[Article]:
        seen: dict[str, Article] = {}
        for claim in self.claims:
            seen.setdefault(claim.article.slug, claim.article)
        return list(seen.values())

    @property
    def disagree(self) -> bool:
        """True when no single value fits every claim (different numbers, or qualifiers that
        contradict each other, such as "exactly 2" against "at least 3")."""
        low = max(claim.bounds()[0] for claim in self.claims)
        high = min(claim.bounds()[1] for claim in self.claims)
        return low > high

    def values(self) -> list[tuple[str, list[Article]]]:
        """Each distinct wording of the figure ("around 40") with the reports that use it."""
        by_value: dict[str, dict[str, Article]] = {}
        for claim in sorted(self.claims, key=lambda c: (c.figure.value, c.figure.qualifier)):
            by_value.setdefault(say_figure(claim.figure), {})[claim.article.slug] = claim.article
        return [(text, list(articles.values())) for text, articles in by_value.items()]


def say_figure(figure: Figure) -> str:
    """A figure as a reader says it: "40", "around 40", "at least 2"."""
    if figure.qualifier in {"exactly", "unqualified"}:
        return str(figure.value)
    return f"{figure.qualifier} {figure.value}"


def figure_rows(articles: list[Article]) -> list[FigureRow]:
    """Every figure of every report, one row per (label, period, unit); most-cited first.

    Claims about different periods are different rows, never merged.
    """
    rows: dict[tuple, FigureRow] = {}
    for article in articles:
        for figure in article.meta.figures:
            key = (figure.label, figure.period, figure.unit)
            row = rows.setdefault(key, FigureRow(figure.label, figure.period, figure.unit))
            row.claims.append(FigureClaim(article, figure))
    return sorted(rows.values(), key=lambda r: (-len(r.articles), r.label, r.period or ""))
