"""The data files of the site: one CSV per table, all tables as one JSON file, and the
Frictionless data package (datapackage.json) that describes them.

Each report's rows are written once, as CSV lines and JSON lines (`report_lines`), and the
files are joined from them: with a server's memo, an edit writes one report's rows again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

from ..model import Article
from .tables import TABLES, ReportFacts, Table, report_rows

__all__ = [
    "DATA_DIR",
    "JSON_FILE",
    "Licence",
    "ReportRows",
    "data_files",
    "report_lines",
    "spreadsheet_safe",
]

DATA_DIR = "data"
JSON_FILE = "archive.json"
# A spreadsheet runs a cell that starts with one of these as a formula, even after
# spaces; such a cell is written with a leading apostrophe, which spreadsheets show as
# text (and hide).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Licence = dict[str, str]  # a Frictionless licence: name, path, title


ReportRows = dict[str, tuple[str, list[str]]]  # table -> its CSV lines, its JSON rows


def report_lines(article: Article, page: str, facts: ReportFacts) -> ReportRows:
    """One report's rows in every table, as CSV lines and as one JSON object per row
    (`facts`: what the pages say of its claims, tables.claim_facts)."""
    lines: ReportRows = {}
    for table in TABLES:
        found = list(report_rows(table, article, page, facts))
        cells = ([_cell(row[column.name]) for column in table.columns] for row in found)
        lines[table.name] = (_csv_lines(cells), [_json_row(row) for row in found])
    return lines


def data_files(
    reports: list[ReportRows], *, site_url: str, site_name: str, licences: list[Licence]
) -> dict[str, str]:
    """data/<file> -> its text: the CSV tables, the JSON file and datapackage.json, from
    each report's rows (newest report first)."""
    files = {}
    for table in TABLES:
        # The byte order mark tells spreadsheets the file is UTF-8.
        header = "\ufeff" + _csv_lines([[column.name for column in table.columns]])
        files[f"{DATA_DIR}/{table.name}.csv"] = header + "".join(r[table.name][0] for r in reports)
    # One row per line: readable, and written by json's fast encoder (no indent).
    tables = []
    for table in TABLES:
        found = ",\n".join(row for report in reports for row in report[table.name][1])
        tables.append(f'"{table.name}": [\n{found}\n]')
    files[f"{DATA_DIR}/{JSON_FILE}"] = "{\n" + ",\n".join(tables) + "\n}\n"
    files[f"{DATA_DIR}/datapackage.json"] = json.dumps(
        _descriptor(site_name, site_url, licences), ensure_ascii=False, indent=2
    )
    return files


def spreadsheet_safe(text: str) -> str:
    """A cell's text that a spreadsheet will not run as a formula."""
    formula = text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START)
    return "'" + text if formula else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):  # a number, never a formula: written exact
        return str(value)
    if isinstance(value, list):  # a Table Schema array: JSON in the cell
        return json.dumps(value, ensure_ascii=False)
    return spreadsheet_safe(str(value))


def _csv_lines(rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _json_row(row: dict[str, Any]) -> str:
    dated = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}
    return json.dumps(dated, ensure_ascii=False)


def _descriptor(site_name: str, site_url: str, licences: list[Licence]) -> dict[str, Any]:
    resources: list[dict[str, Any]] = [
        {
            "name": table.name,
            "title": table.title,
            "description": table.description,
            "path": f"{table.name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "dialect": {"header": True, "delimiter": ",", "doubleQuote": True},
            "schema": _schema(table),
        }
        for table in TABLES
    ]
    resources.append(
        {
            "name": "archive",
            "title": "All tables in one JSON file",
            "description": "An object with one list of rows per table, as in the CSV files.",
            "path": JSON_FILE,
            "format": "json",
            "mediatype": "application/json",
        }
    )
    return {
        "name": "press-archive",
        "title": site_name,
        "description": (
            "Each report of the archive, and each figure, event and quotation it contains, "
            "with the verbatim passage of the report that states it."
        ),
        "homepage": site_url,
        "licenses": licences,
        "resources": resources,
    }


def _schema(table: Table) -> dict[str, Any]:
    """The table's Table Schema: its columns; each claim belongs to a report, and
    originates in one (origin_report_id)."""
    schema: dict[str, Any] = {
        "fields": [
            {"name": c.name, "type": c.type, "description": c.description} for c in table.columns
        ]
    }
    if table.name == "reports":
        schema["primaryKey"] = ["report_id"]
    else:
        reference = {"resource": "reports", "fields": ["report_id"]}
        keys = [c.name for c in table.columns if c.name in ("report_id", "origin_report_id")]
        schema["foreignKeys"] = [{"fields": [key], "reference": reference} for key in keys]
    return schema
