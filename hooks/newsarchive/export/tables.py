"""The archive as four tables (reports, figures, events, quotes): one row per report or
claim, each claim with its verbatim passage and the address of that passage on the site.

Every column is declared once, with its type and description; the descriptions of front
matter fields are the model's own (model.py), so the data package says what the schema says.

A row is a copy, not a source: each claim row also says what the pages say of it (`Facts`):
the record of each name it gives, the report its paragraph was copied from, what stands
behind it (reports, outlets, primary sources, counted as the pages count them), whether it
is disputed or conflicts, and the merged entry it belongs to (a Figures row, a timeline
entry). Those are looked up from the analysis once per build (`claim_facts`), never by
searching the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..analyse.archive import Archive
from ..analyse.figures import figure_row_ids, say_figure
from ..analyse.origins import copied_paragraphs, origin_of
from ..analyse.support import Support
from ..model import Article, Event, Figure, FrontMatter, Published, Quote, Source
from ..passages import passage_id

__all__ = [
    "Column",
    "EventFacts",
    "FigureFacts",
    "ReportFacts",
    "TABLES",
    "Table",
    "claim_facts",
    "report_address",
    "report_rows",
    "row_count",
    "rows",
]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless Table Schema type: string, integer, date, boolean
    description: str


@dataclass(frozen=True)
class Table:
    name: str  # data/<name>.csv
    title: str
    description: str
    columns: tuple[Column, ...]


def _described(model: type[BaseModel], field: str, name: str | None = None, kind: str = "string"):
    """A column whose description is the front matter field's own."""
    description = model.model_fields[field].description or ""
    return Column(name or field, kind, description)


_REPORT = (
    Column("report_id", "string", "The report's id: its article's file name without .md."),
    _described(Source, "outlet"),
    Column(
        "published",
        "date",
        "The day the report came out, when known; empty when only a window is known.",
    ),
    _described(Published, "when", "published_edtf"),
    Column("published_not_before", "date", "The first day the report can have come out."),
    Column("published_not_after", "date", "The last day the report can have come out."),
)
_PASSAGE_ADDRESS = Column(
    "passage_url", "string", "The passage, highlighted in the report's page on this site."
)


def _record_id(column: str, what: str, kinds: str) -> Column:
    """The column holding the record id of the name in another column."""
    return Column(
        column,
        "string",
        f"The record of {what} in the archive's records (records.yml), as kind/id "
        f"({kinds}), the same whatever spelling the report uses; empty when the name is "
        "not in the records (then compare the name itself).",
    )


_OUTLET_ID = _record_id("outlet_id", "the outlet", '"outlets/gay-times"')
_SOURCE_KINDS = '"organisations/russian-lgbt-network" or "people/..."'
_ORIGIN = Column(
    "origin_report_id",
    "string",
    "The report this row's passage originates in: the earlier report its paragraph was "
    "copied or reworded from (see the Shared passages page), else this row's own report_id. "
    "To count sources, not copies, count distinct origin_report_id values.",
)


def _support(what: str, note: str) -> tuple[Column, ...]:
    """What stands behind `what`, counted as its page counts it (`note`: what else to know)."""
    return (
        Column(
            "support_reports",
            "integer",
            f"How many reports state {what}, each once, copies included{note}.",
        ),
        Column(
            "support_outlets",
            "integer",
            f"How many outlets state {what}, each counted once by the report it originates "
            "in (a copied paragraph counts for the outlet it comes from): its independent "
            f"support, as the pages give it{note}.",
        ),
        Column(
            "support_primary_sources",
            "integer",
            f"How many distinct primary sources (by record) the reports name for {what}{note}.",
        ),
    )


TABLES = (
    Table(
        "reports",
        "Reports",
        "One row per report in the archive.",
        (
            *_REPORT,
            _described(FrontMatter, "title"),
            _described(FrontMatter, "title_source"),
            _described(Source, "author"),
            _described(Source, "url"),
            Column("archived", "string", "Web archive copies of the report, separated by spaces."),
            _described(Published, "basis", "published_basis"),
            _described(FrontMatter, "language"),
            Column("tags", "string", "Topics, separated by semicolons."),
            _described(FrontMatter, "summary"),
            _described(FrontMatter, "excerpt", kind="boolean"),
            Column("page_url", "string", "The report's page on this site."),
            _OUTLET_ID,
        ),
    ),
    Table(
        "figures",
        "Figures",
        "One row per numeric claim of a report, with the passage that states it.",
        (
            *_REPORT,
            *(
                _described(Figure, name, kind="integer" if name.startswith("value") else "string")
                for name in (
                    "label",
                    "value",
                    "value_max",
                    "unit",
                    "qualifier",
                    "stance",
                    "period",
                    "attributed_to",
                )  # fmt: skip
            ),
            _described(Figure, "primary_source"),
            _described(Figure, "quote"),
            Column(
                "other_quotes",
                "array",
                "Other passages of the same report that state the same figure, as a JSON list "
                "(exact, whatever the passages hold); empty when there are none.",
            ),
            _PASSAGE_ADDRESS,
            _described(Figure, "relayed_by"),
            _OUTLET_ID,
            _record_id("primary_source_id", "the primary source", _SOURCE_KINDS),
            _record_id("relayed_by_id", "who relays the figure", _SOURCE_KINDS),
            _record_id("period_id", "the period", '"periods/crackdown-2018-19"'),
            Column(
                "figure_row_id",
                "string",
                "The claim this figure belongs to (what is counted, about which period), the "
                "same for every report's figure of that claim: the id of its row on the "
                "Figures page (figures/#<id>; in a large archive its own page, figures/<id>/).",
            ),
            _ORIGIN,
            *_support("this value of the figure", "; empty for a denial, which supports none"),
            Column(
                "disputed",
                "boolean",
                "True when some report's figure for this claim is a denial (stance: denies).",
            ),
            Column(
                "sources_disagree",
                "boolean",
                "True when no single value fits every report's figure for this claim (the "
                "Figures page flags the row).",
            ),
        ),
    ),
    Table(
        "events",
        "Events",
        "One row per event a report tells, with the passage that tells it.",
        (
            *_REPORT,
            Column(
                "date",
                "string",
                "The date the report gives, in EDTF (Extended Date/Time Format), as precise as "
                "the text allows: a day, month or year (2017-04-26, 2017-04, 2017), an interval "
                "(2018-12/2019-01-14, an open end written 2018-12/.., an unknown end left empty), "
                "uncertain (?) or approximate (~); empty when the text gives no date.",
            ),
            *(_described(Event, name) for name in ("date_basis", "summary", "key")),
            _described(Event, "primary_source"),
            _described(Event, "quote"),
            _PASSAGE_ADDRESS,
            Column(
                "date_earliest",
                "date",
                "The first day of the date as written (2017: 2017-01-01; an uncertain or "
                "approximate date is not widened); empty when there is no date or its start "
                "is open or unknown.",
            ),
            Column(
                "date_latest",
                "date",
                "The last day of the date as written (2017: 2017-12-31); empty when there is "
                "no date or its end is open or unknown.",
            ),
            _OUTLET_ID,
            _record_id("event_id", "the event (its key)", '"events/two-deaths-2018-19"'),
            _record_id("primary_source_id", "the primary source", _SOURCE_KINDS),
            Column(
                "timeline_entry_id",
                "string",
                "The timeline entry this event is merged into, the same for every report "
                "that tells it: the entry's id (its anchor) on the timeline pages; events no "
                "report dates are on timeline/undated/.",
            ),
            _ORIGIN,
            *_support("the event", ", all reports of its timeline entry together"),
            Column(
                "dates_conflict",
                "boolean",
                "True when the reports telling this event give dates that cannot all be true "
                "(no day lies within all of them).",
            ),
        ),
    ),
    Table(
        "quotes",
        "Quotes",
        "One row per quotation in a report: who is quoted, as the report says, and the words.",
        (
            *_REPORT,
            *(_described(Quote, name) for name in ("name", "role", "person", "text", "speech")),
            _PASSAGE_ADDRESS,
            _OUTLET_ID,
            _record_id("speaker_id", "who is quoted", '"people/igor-kochetkov"'),
            _ORIGIN,
        ),
    ),
)


def report_address(site_url: str, article: Article) -> str:
    """A report's page on the published site."""
    return f"{site_url.rstrip('/')}/reports/{article.slug}/"


@dataclass(frozen=True)
class FigureFacts:
    """What the pages say of one figure: its Figures row, origin and value's support."""

    row_id: str
    origin: str  # the report id its paragraph originates in
    reports: int | None  # None: a denial, which supports no value
    outlets: int | None
    primary: int | None
    disputed: bool
    disagree: bool


@dataclass(frozen=True)
class EventFacts:
    """What the pages say of one event: its timeline entry, origin and the entry's support."""

    entry_id: str
    origin: str
    reports: int
    outlets: int
    primary: int
    conflict: bool


@dataclass(frozen=True)
class ReportFacts:
    """What the pages say of one report's claims, in its front matter's order; hashable,
    so that with a memo a report's rows are written again only when these change."""

    figures: tuple[FigureFacts, ...] = ()
    events: tuple[EventFacts, ...] = ()
    quote_origins: tuple[str, ...] = ()


def claim_facts(archive: Archive) -> dict[str, ReportFacts]:
    """Report id -> what the pages say of its claims: one pass over the Figures rows, the
    timeline and the copied paragraphs, each claim then found by look-up."""
    figures = _figure_facts(archive)
    events = _event_facts(archive)
    copied = copied_paragraphs(archive.shared)
    copiers = {slug for slug, _ in copied}
    facts = {}
    for article in archive.articles:
        meta = article.meta
        copier = article.slug in copiers
        facts[article.slug] = ReportFacts(
            figures=tuple(figures[id(figure)] for figure in meta.figures),
            events=tuple(events[_event_key(article.slug, event)] for event in meta.events),
            quote_origins=tuple(
                origin_of(article, quote.text, copied).slug if copier else article.slug
                for quote in meta.quotes
            ),
        )
    return facts


def _figure_facts(archive: Archive) -> dict[int, FigureFacts]:
    """id(figure) -> its facts: claims point at their report's own Figure records."""
    found = {}
    for row, row_id in zip(archive.figures, figure_row_ids(archive.figures), strict=True):
        # Each value's counts once (outlets are counted over its sources), then by look-up.
        counts = {
            say_figure(value.figure): _counts(value) for value in row.values() if value.figure
        }
        disputed, disagree = bool(row.disputed), row.disagree
        for claim in row.claims:
            said = None if claim.denies else counts[say_figure(claim.figure)]
            reports, outlets, primary = said or (None, None, None)
            found[id(claim.figure)] = FigureFacts(
                row_id, claim.source.slug, reports, outlets, primary, disputed, disagree
            )
    return found


def _event_facts(archive: Archive) -> dict[tuple, EventFacts]:
    """(report id, what the event says) -> the facts of its timeline entry."""
    found = {}
    for entry in archive.timeline:
        if entry.kind != "event":
            continue
        counts = _counts(entry.support())
        for citation in entry.citations:
            key = (
                citation.article.slug,
                citation.quote,
                citation.summary,
                citation.date,
                citation.date_basis,
                citation.primary_source,
            )
            origin = (citation.source or citation.article).slug
            found[key] = EventFacts(entry.id, origin, *counts, entry.conflict)
    return found


def _event_key(slug: str, event: Event) -> tuple:
    """An event as its timeline citation tells it (the same fields, so found by look-up)."""
    return (slug, event.quote, event.summary, event.date, event.date_basis, event.primary_source)


def _counts(support: Support) -> tuple[int, int, int]:
    return len(support.reports), support.outlet_count, support.primary_count


def rows(table: Table, archive: Archive, site_url: str) -> Iterator[dict[str, Any]]:
    """The rows of `table`, newest report first, claims in their article's order."""
    facts = claim_facts(archive) if table.name != "reports" else {}
    for article in archive.articles:
        page = report_address(site_url, article)
        yield from report_rows(table, article, page, facts.get(article.slug, ReportFacts()))


def report_rows(
    table: Table, article: Article, page: str, facts: ReportFacts
) -> Iterator[dict[str, Any]]:
    """One report's rows of `table` (its page: its address in the archive; its facts:
    what the pages say of its claims, from `claim_facts`)."""
    return _ROWS[table.name](article, page, facts)


def row_count(table: Table, archive: Archive) -> int:
    """How many rows `table` has, without making them."""
    if table.name == "reports":
        return len(archive.articles)
    return sum(len(getattr(article.meta, table.name)) for article in archive.articles)


def _report_columns(article: Article) -> dict[str, Any]:
    published = article.published
    return {
        "report_id": article.slug,
        "outlet": article.meta.source.outlet,
        "published": published.date,
        "published_edtf": str(published.when),
        "published_not_before": published.not_before,
        "published_not_after": published.not_after,
        "outlet_id": _record(article, article.meta.source.outlet),
    }


def _record(article: Article, name: str | None) -> str | None:
    """The record id ("organisations/russian-lgbt-network") of a name the report gives;
    None for no name, or a name not in the records (never an id made up from it)."""
    if not name:
        return None
    key, _ = article.identity(name)
    return None if key.startswith(_NOT_RECORDED) else key


_NOT_RECORDED = "name:"  # Article.identity's key for a name not in the records


def _report_rows(article: Article, page: str, facts: ReportFacts) -> Iterator[dict[str, Any]]:
    meta, source = article.meta, article.meta.source
    yield {
        **_report_columns(article),
        "title": meta.title,
        "title_source": meta.title_source,
        "author": source.author,
        "url": source.url,
        "archived": " ".join(source.archived) or None,
        "published_basis": source.published.basis,
        "language": meta.language,
        "tags": "; ".join(meta.tags) or None,
        "summary": meta.summary,
        "excerpt": meta.excerpt,
        "page_url": page,
    }


def _figure_rows(article: Article, page: str, facts: ReportFacts) -> Iterator[dict[str, Any]]:
    own = _OWN["figures"] - {"quote", "other_quotes"}
    for figure, found in zip(article.meta.figures, facts.figures, strict=True):
        yield {
            **_report_columns(article),
            **figure.model_dump(include=own),
            "quote": figure.quote,
            "other_quotes": figure.other_quotes or None,
            "passage_url": f"{page}#{passage_id(figure.quote)}",
            "primary_source_id": _record(article, figure.primary_source),
            "relayed_by_id": _record(article, figure.relayed_by),
            "period_id": _record(article, figure.period),
            "figure_row_id": found.row_id,
            "origin_report_id": found.origin,
            "support_reports": found.reports,
            "support_outlets": found.outlets,
            "support_primary_sources": found.primary,
            "disputed": found.disputed,
            "sources_disagree": found.disagree,
        }


def _event_rows(article: Article, page: str, facts: ReportFacts) -> Iterator[dict[str, Any]]:
    for event, found in zip(article.meta.events, facts.events, strict=True):
        date = event.date
        yield {
            **_report_columns(article),
            **event.model_dump(include=_OWN["events"] - {"date"}),
            "date": str(date) if date else None,
            "passage_url": f"{page}#{passage_id(event.quote)}",
            "date_earliest": date.earliest() if date else None,
            "date_latest": date.latest() if date else None,
            "event_id": _record(article, event.key),
            "primary_source_id": _record(article, event.primary_source),
            "timeline_entry_id": found.entry_id,
            "origin_report_id": found.origin,
            "support_reports": found.reports,
            "support_outlets": found.outlets,
            "support_primary_sources": found.primary,
            "dates_conflict": found.conflict,
        }


def _quote_rows(article: Article, page: str, facts: ReportFacts) -> Iterator[dict[str, Any]]:
    for quote, origin in zip(article.meta.quotes, facts.quote_origins, strict=True):
        yield {
            **_report_columns(article),
            **quote.model_dump(include=_OWN["quotes"]),
            "passage_url": f"{page}#{passage_id(quote.text)}",
            "speaker_id": _record(article, quote.name),
            "origin_report_id": origin,
        }


def _own_fields(table: str, model: type[BaseModel]) -> set[str]:
    """The claim's own columns of a table: its front matter fields among the columns."""
    (declared,) = (t for t in TABLES if t.name == table)
    return {c.name for c in declared.columns} & model.model_fields.keys()


_OWN = {
    "figures": _own_fields("figures", Figure),
    "events": _own_fields("events", Event),
    "quotes": _own_fields("quotes", Quote),
}

_ROWS: dict[str, Callable[[Article, str, ReportFacts], Iterator[dict[str, Any]]]] = {
    "reports": _report_rows,
    "figures": _figure_rows,
    "events": _event_rows,
    "quotes": _quote_rows,
}
