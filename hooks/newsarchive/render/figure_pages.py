"""Figures side by side: one matrix of claims x reports, or a page per claim."""

from __future__ import annotations

from ..analyse.archive import Archive
from ..analyse.figures import FigureClaim, FigureRow
from ..analyse.figures import figure_row_ids as row_ids
from ..memo import Memo
from .links import report_links
from .page import GeneratedPage, finished_page
from .paging import PagingOptions, paged_by_year
from .templates import made_from, render_template, rendered
from .urls import page_url, relative_link


def figure_row_ids(archive: Archive) -> list[str]:
    """Stable ids for the rows of the figures table, from what each row counts (unique:
    analyse.figures.figure_row_ids)."""
    return row_ids(archive.figures)


def figure_row_urls(archive: Archive, options: PagingOptions) -> list[str]:
    """Where each claim row is shown: an anchor of the matrix, or a page of its own."""
    if len(archive.articles) <= options.matrix_max_reports:
        return [f"figures/#{row_id}" for row_id in figure_row_ids(archive)]
    return [f"figures/{row_id}/" for row_id in figure_row_ids(archive)]


def figures_pages(
    archive: Archive, options: PagingOptions, memo: Memo | None = None
) -> list[GeneratedPage]:
    """The figures page: a matrix, or an index of claims and a page per claim."""
    ids = figure_row_ids(archive)
    if len(archive.articles) <= options.matrix_max_reports:
        content = rendered(
            memo,
            "figures.html",
            rows=archive.figures,
            row_ids=ids,
            articles=archive.articles,
            links=report_links(archive.articles, "figures.md"),
            **_explained_links(),
        )
        return [finished_page("figures.md", content)]
    urls = [relative_link("figures.md", url) for url in figure_row_urls(archive, options)]
    pages = [
        finished_page(
            "figures.md",
            rendered(
                memo,
                "figures_index.html",
                rows=list(zip(archive.figures, urls, strict=True)),
                **_explained_links(),
            ),
        )
    ]
    for row, row_id in zip(archive.figures, ids, strict=True):
        pages += _row_pages(memo, row, f"figures/{row_id}.md", options)
    return pages


def _explained_links() -> dict[str, str]:
    """The pages the figures page's explanation links to."""
    return {
        "data_url": relative_link("figures.md", page_url("data.md")),
        "passages_url": relative_link("figures.md", page_url("passages.md")),
    }


def _row_pages(
    memo: Memo | None, row: FigureRow, src: str, options: PagingOptions
) -> list[GeneratedPage]:
    """A claim's page: every report that makes it, by year of publication when many."""

    def page(claims: list[FigureClaim], page_src: str, **context: object) -> str:
        articles = list({claim.article.slug: claim.article for claim in claims}.values())
        return render_template(
            "figure_row.html",
            row=row,
            claims=claims,
            links=report_links(articles, page_src),
            figures_url=relative_link(page_src, page_url("figures.md")),
            **context,
        )

    def remembered(claims: list[FigureClaim], page_src: str, **context: object) -> str:
        inputs = ("figure_row.html", row, claims, page_src, context)
        return made_from(memo, inputs, lambda: page(claims, page_src, **context))

    return paged_by_year(src, row.claims, options, remembered)
