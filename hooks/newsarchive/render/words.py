"""How the site says things in words: what stands behind a claim, who makes it."""

from __future__ import annotations

from ..analyse.people import fold_name
from ..analyse.support import Support
from ..model import UNATTRIBUTED, Figure


def say_attribution(figure: Figure) -> str:
    """Who a report says makes a claim, and the primary source it names, if another."""
    if figure.attributed_to == UNATTRIBUTED:
        said = "not attributed in the report"
    else:
        said = figure.attributed_to
    source = figure.primary_source
    if source and fold_name(source) not in fold_name(figure.attributed_to):
        said += f" (primary source: {source})"
    return said


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def say_support(support: Support) -> str:
    """What stands behind a claim, in words: "1 primary source, Russian LGBT Network,
    reported by 2 outlets in 3 reports; 1 of them names no source"."""
    reports, outlets = len(support.reports), len(support.outlets)
    carried = f"{_count(outlets, 'outlet')} in {_count(reports, 'report')}"
    named = support.primary_sources
    unnamed = len(support.unnamed_reports)
    if not named:
        return f"reported by {carried}, none naming a primary source"
    text = f"{_count(len(named), 'primary source')}, {', '.join(named)}, reported by {carried}"
    if unnamed:
        text += f"; {unnamed} of them name{'s' if unnamed == 1 else ''} no source"
    return text


def sentence_case(text: str) -> str:
    """The first letter in capitals, the rest as written (Jinja's capitalize lower-cases
    proper names: "the russian lgbt network")."""
    return text[:1].upper() + text[1:]
