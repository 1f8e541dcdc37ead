"""The Data page: what the downloadable files hold, column by column, with a sample."""

from __future__ import annotations

from itertools import islice

from ..analyse.archive import Archive
from ..export.files import JSON_FILE, Licence
from ..export.tables import TABLES, row_count, rows
from .page import GeneratedPage, finished_page
from .templates import render_template

__all__ = ["DATA_SRC", "data_page"]

DATA_SRC = "data.md"
_SAMPLE_ROWS = 3
_SAMPLE_COLUMNS = ("outlet", "label", "value", "qualifier", "attributed_to", "quote")


def data_page(archive: Archive, licences: list[Licence]) -> GeneratedPage:
    """The page "Data": the files, their columns and a few rows of figures."""
    figures = next(table for table in TABLES if table.name == "figures")
    sample = list(islice(rows(figures, archive, ""), _SAMPLE_ROWS))
    content = render_template(
        "data.html",
        tables=TABLES,
        counts={t.name: row_count(t, archive) for t in TABLES},
        json_file=JSON_FILE,
        sample=sample,
        sample_columns=_SAMPLE_COLUMNS,
        licences=licences,
    )
    return finished_page(DATA_SRC, content)
