"""Which claims and values lead: ranked by independent support, never by reports.

The rule (issue 30, item 5), for the home page's key figures, the order of the claims on
the Figures page, and the order of each claim's values:

1. A claim (or value) that at least two outlets carry comes before one that a single
   outlet carries, whatever else the single outlet gives: one origin, however many of its
   reports repeat it or copy its paragraph, is not corroboration. So the home page's key
   figures are the claims several outlets carry; single-outlet claims only fill the slots
   left, and their card says "one outlet".
2. Then more distinct primary sources named (the organisations or people a figure traces
   to), then more distinct outlets, each counted by its source report (support.Support).
3. Ties are broken by what the claim is, never by how many reports make it: for claims,
   a count of people (deaths, detained) before a measure of one case (a victim's age, a
   floor), then label, period and unit; for values, a number the report qualifies
   ("at least 2", "exactly 2") before a bare number ("2"), before a vague quantity
   ("dozens"), then the lower value, then the wording.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import VAGUE_QUALIFIERS
from .support import Support

if TYPE_CHECKING:
    from .figures import FigureRow, ValueSupport

__all__ = ["CORROBORATED_OUTLETS", "row_rank", "support_rank", "value_rank"]

CORROBORATED_OUTLETS = 2  # a claim this many outlets carry leads every claim fewer carry


def support_rank(support: Support) -> tuple[int, int, int]:
    """Sort key of what stands behind a claim: corroborated first, then more primary
    sources named, then more outlets (rules 1 and 2 above)."""
    outlets = support.outlet_count
    return (int(outlets < CORROBORATED_OUTLETS), -support.primary_count, -outlets)


def row_rank(row: FigureRow) -> tuple:
    """Sort key of a claim: its support, then a count of people before a measure."""
    return (support_rank(row.support), row.unit != "people", row.label, row.period or "", row.unit)


# Rule 3 for values: how carefully the number is said (lower first).
_QUALIFIED, _BARE, _VAGUE = 0, 1, 2


def value_rank(value: ValueSupport, said: str) -> tuple:
    """Sort key of one value of a claim (`said` is its wording, as say_figure gives it)."""
    figure = value.figure
    assert figure is not None  # a value is made from its first claim
    if figure.qualifier in VAGUE_QUALIFIERS:
        care = _VAGUE
    elif figure.qualifier == "unqualified":
        care = _BARE
    else:
        care = _QUALIFIED
    return (support_rank(value), care, figure.value or 0, said)
