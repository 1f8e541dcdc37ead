"""Export: the archive as files to take away — data tables (CSV, JSON, a Frictionless data
package) and citations (BibTeX, RIS, CSL-JSON), per report and for the whole archive.

Nothing here reads files or knows MkDocs: hooks/build.py adds what `download_files` makes
to the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from ..analyse.archive import Archive
from ..memo import Memo, recall
from ..model import Article
from .citations import bibtex, citation_text, csl_json, csl_json_line, csl_json_text, ris
from .files import DATA_DIR, Licence, ReportRows, data_files, report_lines
from .tables import ReportFacts, claim_facts, report_address

__all__ = [
    "CITATIONS_DIR",
    "DATA_DIR",
    "citation_files",
    "citation_text",
    "download_files",
    "report_address",
]

CITATIONS_DIR = "citations"
_FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}


def citation_files(article: Article) -> dict[str, str]:
    """Format name -> where the report's citation file lives: citations/<id>.bib..."""
    return {name: f"{CITATIONS_DIR}/{article.slug}.{ext}" for ext, name in _FORMATS.items()}


@dataclass(frozen=True)
class _ReportFiles:
    """What one report puts in the citation files."""

    bibtex: str
    ris: str
    csl_json: str  # its own CSL-JSON file
    csl_item: str  # its item in the archive's CSL-JSON file


def _report_files(article: Article, site_url: str) -> _ReportFiles:
    page = report_address(site_url, article)
    item = csl_json(article, page)
    return _ReportFiles(
        bibtex=bibtex(article, page),
        ris=ris(article, page),
        csl_json=csl_json_text([item]),
        csl_item=csl_json_line(item),
    )


def _report_rows(article: Article, site_url: str, facts: ReportFacts) -> ReportRows:
    return report_lines(article, report_address(site_url, article), facts)


def download_files(
    archive: Archive,
    *,
    site_url: str,
    site_name: str,
    licences: list[Licence],
    memo: Memo | None = None,
) -> dict[str, str]:
    """Every file to take away, by its path in the site. With a `memo`, each report's part
    is written again only when the report, or what the pages say of its claims, changed."""
    reports = [
        recall(
            memo,
            ("citations", article.version, site_url),
            partial(_report_files, article, site_url),
        )
        for article in archive.articles
    ]
    # A report's rows also say what the other reports do (copies, support): its facts.
    facts = claim_facts(archive)
    rows = [
        recall(
            memo,
            ("rows", article.version, site_url, facts[article.slug]),
            partial(_report_rows, article, site_url, facts[article.slug]),
        )
        for article in archive.articles
    ]
    files = data_files(
        rows,
        site_url=site_url,
        site_name=site_name,
        licences=licences,
    )
    for article, report in zip(archive.articles, reports, strict=True):
        files[f"{CITATIONS_DIR}/{article.slug}.bib"] = report.bibtex
        files[f"{CITATIONS_DIR}/{article.slug}.ris"] = report.ris
        files[f"{CITATIONS_DIR}/{article.slug}.json"] = report.csl_json
    files[f"{DATA_DIR}/citations.bib"] = "\n".join(report.bibtex for report in reports)
    files[f"{DATA_DIR}/citations.ris"] = "".join(report.ris for report in reports)
    files[f"{DATA_DIR}/citations.json"] = (
        "[\n" + ",\n".join(report.csl_item for report in reports) + "\n]\n"
    )
    return files
