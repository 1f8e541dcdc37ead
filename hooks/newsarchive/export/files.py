"""The data files of the site: one CSV per table, all tables as one JSON file, and the
Frictionless data package (datapackage.json) that describes them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from ..analyse.archive import Archive
from .tables import TABLES, Table, rows

__all__ = ["DATA_DIR", "JSON_FILE", "Licence", "data_files", "spreadsheet_safe"]

DATA_DIR = "data"
JSON_FILE = "archive.json"
# A spreadsheet runs a cell that starts with one of these as a formula; such a cell is
# written with a leading apostrophe, which spreadsheets show as text (and hide).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Licence = dict[str, str]  # a Frictionless licence: name, path, title


def data_files(
    archive: Archive, *, site_url: str, site_name: str, licences: list[Licence]
) -> dict[str, str]:
    """data/<file> -> its text: the CSV tables, the JSON file and datapackage.json."""
    tables = {table.name: list(rows(table, archive, site_url)) for table in TABLES}
    files = {f"{DATA_DIR}/{t.name}.csv": _csv(t, tables[t.name]) for t in TABLES}
    files[f"{DATA_DIR}/{JSON_FILE}"] = json.dumps(
        {name: [_json_row(row) for row in found] for name, found in tables.items()},
        ensure_ascii=False,
        indent=1,
    )
    files[f"{DATA_DIR}/datapackage.json"] = json.dumps(
        _descriptor(site_name, site_url, licences), ensure_ascii=False, indent=2
    )
    return files


def spreadsheet_safe(text: str) -> str:
    """A cell's text that a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return spreadsheet_safe(str(value))


def _csv(table: Table, found: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # the byte order mark tells spreadsheets the file is UTF-8
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(column.name for column in table.columns)
    for row in found:
        writer.writerow(_cell(row[column.name]) for column in table.columns)
    return out.getvalue()


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


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
    """The table's Table Schema: its columns; each claim belongs to a report."""
    schema: dict[str, Any] = {
        "fields": [
            {"name": c.name, "type": c.type, "description": c.description} for c in table.columns
        ]
    }
    if table.name == "reports":
        schema["primaryKey"] = ["report_id"]
    else:
        reference = {"resource": "reports", "fields": ["report_id"]}
        schema["foreignKeys"] = [{"fields": ["report_id"], "reference": reference}]
    return schema
