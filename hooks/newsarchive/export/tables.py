"""The archive as four tables (reports, figures, events, quotes): one row per report or
claim, each claim with its verbatim passage and the address of that passage on the site.

Every column is declared once, with its type and description; the descriptions of front
matter fields are the model's own (model.py), so the data package says what the schema says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..analyse.archive import Archive
from ..model import Article, Event, Figure, FrontMatter, Published, Quote, Source
from ..passages import passage_id

__all__ = ["Column", "TABLES", "Table", "report_address", "report_rows", "row_count", "rows"]


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
                "As precise as the text allows: YYYY, YYYY-MM or YYYY-MM-DD; empty when the "
                "text gives no date.",
            ),
            *(_described(Event, name) for name in ("date_basis", "summary", "key")),
            _described(Event, "primary_source"),
            _described(Event, "quote"),
            _PASSAGE_ADDRESS,
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
        ),
    ),
)


def report_address(site_url: str, article: Article) -> str:
    """A report's page on the published site."""
    return f"{site_url.rstrip('/')}/reports/{article.slug}/"


def rows(table: Table, archive: Archive, site_url: str) -> Iterator[dict[str, Any]]:
    """The rows of `table`, newest report first, claims in their article's order."""
    for article in archive.articles:
        yield from report_rows(table, article, report_address(site_url, article))


def report_rows(table: Table, article: Article, page: str) -> Iterator[dict[str, Any]]:
    """One report's rows of `table` (its page: its address in the archive)."""
    return _ROWS[table.name](article, page)


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
    }


def _report_rows(article: Article, page: str) -> Iterator[dict[str, Any]]:
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


def _figure_rows(article: Article, page: str) -> Iterator[dict[str, Any]]:
    for figure in article.meta.figures:
        yield {
            **_report_columns(article),
            **figure.model_dump(include=_fields("figures") - {"quote", "other_quotes"}),
            "quote": figure.quote,
            "other_quotes": figure.other_quotes or None,
            "passage_url": f"{page}#{passage_id(figure.quote)}",
        }


def _event_rows(article: Article, page: str) -> Iterator[dict[str, Any]]:
    for event in article.meta.events:
        yield {
            **_report_columns(article),
            **event.model_dump(include=_fields("events") - {"date"}),
            "date": event.date.iso() if event.date else None,
            "passage_url": f"{page}#{passage_id(event.quote)}",
        }


def _quote_rows(article: Article, page: str) -> Iterator[dict[str, Any]]:
    for quote in article.meta.quotes:
        yield {
            **_report_columns(article),
            **quote.model_dump(include=_fields("quotes")),
            "passage_url": f"{page}#{passage_id(quote.text)}",
        }


def _fields(table: str) -> set[str]:
    """The claim's own columns of a table: those that are not the report's or the site's."""
    (declared,) = (t for t in TABLES if t.name == table)
    return {c.name for c in declared.columns} - {c.name for c in _REPORT} - {"passage_url"}


_ROWS: dict[str, Callable[[Article, str], Iterator[dict[str, Any]]]] = {
    "reports": _report_rows,
    "figures": _figure_rows,
    "events": _event_rows,
    "quotes": _quote_rows,
}
