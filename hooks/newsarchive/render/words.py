"""How the site says things in words: what stands behind a claim, who makes it."""

from __future__ import annotations

import datetime as dt

from ..analyse.figures import FigureRow
from ..analyse.people import fold_name
from ..analyse.support import Support
from ..analyse.timeline import TimelineEntry, publication_date
from ..model import UNATTRIBUTED, Article, Figure, PartialDate

_DENIALS_SHOWN = 3  # denials named in a sentence; the rest are counted


def say_dispute(row: FigureRow) -> str:
    """Who denies a figure, and in which report: "Disputed: denied by Chechen authorities,
    to RT (OutNews Global)"; past three denials the rest are counted, so the line stays short."""
    denials = row.disputed
    named = [
        f"{say_attribution(claim.figure)} ({claim.article.meta.source.outlet})"
        for claim in denials[:_DENIALS_SHOWN]
    ]
    said = "Disputed: denied by " + "; by ".join(named)
    if len(denials) > _DENIALS_SHOWN:
        said += f"; and in {_count(len(denials) - _DENIALS_SHOWN, 'other report')}"
    return said


def say_attribution(figure: Figure) -> str:
    """Who a report says makes a claim, and the primary source it names, if another."""
    if figure.attributed_to == UNATTRIBUTED:
        said = "not attributed in the report"
    else:
        said = figure.attributed_to
    told = fold_name(figure.attributed_to)
    chain = []
    relay, source = figure.relayed_by, figure.primary_source
    if relay and fold_name(relay) not in told:
        chain.append(f"relayed by {relay}")
    if source and fold_name(source) not in told:
        chain.append(f"primary source: {source}")
    elif relay and not source:
        chain.append(f"{relay} passes it on from a source the report does not name")
    return said + (f" ({'; '.join(chain)})" if chain else "")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


_NAMES_SHOWN = 5  # primary sources named in a sentence; the rest are counted


def say_support(support: Support) -> str:
    """What stands behind a claim, in words: "1 primary source, Russian LGBT Network,
    reported by 2 outlets in 3 reports; 1 of them names no source"."""
    reports, outlets = len(support.reports), len(support.outlets)
    carried = f"{_count(outlets, 'outlet')} in {_count(reports, 'report')}"
    named = support.primary_sources
    unnamed = len(support.unnamed_reports)
    relayed = len(support.relayed_reports)
    if relayed:
        relays = f"{relayed} of them name{'s' if relayed == 1 else ''} only who relays it"
        carried += f" ({relays})" if named or unnamed else f", {relays}"
    if not named and not unnamed:
        return f"reported by {carried}"
    if not named:
        return f"reported by {carried}, none naming a primary source"
    listed = ", ".join(named[:_NAMES_SHOWN])
    if len(named) > _NAMES_SHOWN:
        listed += f" and {len(named) - _NAMES_SHOWN} more"
    text = f"{_count(len(named), 'primary source')}, {listed}, reported by {carried}"
    if unnamed:
        text += f"; {unnamed} of them name{'s' if unnamed == 1 else ''} no source"
    return text


def say_origins(support: Support) -> str:
    """Where a claim's values trace to, when the reports name a single primary source:
    "Every report that names a source for this figure names one: Russian LGBT Network
    (2 of 5 reports; the others name none or only who relays it)"; "" otherwise."""
    named = support.primary_sources
    if len(named) != 1:
        return ""
    naming, total = len(support.naming), len(support.reports)
    if naming == total:
        return f"Every report traces this figure to one primary source: {named[0]}"
    return (
        f"The one primary source the reports name for this figure is {named[0]} ({naming} "
        f"of {total} reports; the others name none, or only who relays it)"
    )


def sentence_case(text: str) -> str:
    """The first letter in capitals, the rest as written (Jinja's capitalize lower-cases
    proper names: "the russian lgbt network")."""
    return text[:1].upper() + text[1:]


_SHORT_TITLE_WORDS = 6


def short_title(article: Article) -> str:
    """The title's first words, to tell apart reports of one outlet where they are compared
    ("Two killed and 40 detained in…")."""
    words = article.meta.title.split()
    short = " ".join(words[:_SHORT_TITLE_WORDS])
    return short + "…" if len(words) > _SHORT_TITLE_WORDS else short


DAY_NOT_KNOWN = " (exact day not known)"  # said after a publication window


def window_label(first: dt.date, last: dt.date) -> str:
    """A publication window: "14–16 January 2019", "28 December 2018 – 2 January 2019"."""
    if first.year == last.year and first.month == last.month:
        return f"{first.day}–{last.day} {PartialDate(first.year, first.month).human()}"
    return f"{PartialDate.parse(first).human()} – {PartialDate.parse(last).human()}"


def publication_label(article: Article, *, note: bool = True) -> str:
    """When a report came out: its day, or its window, followed (with `note`) by
    "(exact day not known)"."""
    published = article.published
    first, last = published.not_before, published.not_after
    if published.date is not None or first is None or last is None or first == last:
        return publication_date(article).human()
    return window_label(first, last) + (DAY_NOT_KNOWN if note else "")


def entry_label(entry: TimelineEntry) -> str:
    """A timeline entry's date as a heading: the date every report allows, the range of a
    conflict, a report's publication window, or that no report gives a date."""
    if entry.kind == "publication":
        return publication_label(entry.citations[0].article)
    if entry.date is None:
        return "Date not given"
    return entry.date.human()
