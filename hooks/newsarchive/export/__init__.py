"""Export: the archive as files to take away — data tables (CSV, JSON, a Frictionless data
package) and citations (BibTeX, RIS, CSL-JSON), per report and for the whole archive.

Nothing here reads files or knows MkDocs: hooks/build.py adds what `download_files` makes
to the site.
"""

from __future__ import annotations

from ..analyse.archive import Archive
from ..model import Article
from .citations import bibtex, citation_text, csl_json, csl_json_text, ris
from .files import DATA_DIR, Licence, data_files
from .tables import report_address

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


def download_files(
    archive: Archive, *, site_url: str, site_name: str, licences: list[Licence]
) -> dict[str, str]:
    """Every file to take away, by its path in the site."""
    files = data_files(archive, site_url=site_url, site_name=site_name, licences=licences)
    every_bib, every_ris, every_csl = [], [], []
    for article in archive.articles:
        page = report_address(site_url, article)
        entry, record, item = bibtex(article, page), ris(article, page), csl_json(article, page)
        files[f"{CITATIONS_DIR}/{article.slug}.bib"] = entry
        files[f"{CITATIONS_DIR}/{article.slug}.ris"] = record
        files[f"{CITATIONS_DIR}/{article.slug}.json"] = csl_json_text([item])
        every_bib.append(entry)
        every_ris.append(record)
        every_csl.append(item)
    files[f"{DATA_DIR}/citations.bib"] = "\n".join(every_bib)
    files[f"{DATA_DIR}/citations.ris"] = "".join(every_ris)
    files[f"{DATA_DIR}/citations.json"] = csl_json_text(every_csl)
    return files
