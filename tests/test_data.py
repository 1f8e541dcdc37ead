"""The archive as data and citations: the files validate, round-trip against the articles,
open safely in a spreadsheet, and say nothing the articles do not."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import frictionless
import pytest

from conftest import ROOT, make_article
from newsarchive.analyse.archive import analyse
from newsarchive.export import download_files
from newsarchive.export.citations import bibtex, citation_text, csl_json, ris
from newsarchive.export.files import spreadsheet_safe
from newsarchive.load import load_archive
from newsarchive.passages import passage_id

ARTICLES, _ = load_archive([ROOT / "articles"], root=ROOT)
BY_ID = {article.slug: article for article in ARTICLES}
LICENCE = [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}]


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, for spreadsheets"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_the_data_package_validates(site: Path):
    report = frictionless.validate(site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((site / "data" / "datapackage.json").read_text("utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"  # from mkdocs.yml
    names = {resource["name"] for resource in package["resources"]}
    assert names == {"reports", "figures", "events", "quotes", "archive"}


def test_every_claim_round_trips_through_the_csv_files(site: Path):
    figures = read_csv(site / "data" / "figures.csv")
    expected = [(a.slug, f) for a in ARTICLES for f in a.meta.figures]
    assert len(figures) == len(expected)
    assert any(figure.other_quotes for _, figure in expected)  # the column is exercised
    seen = {(row["report_id"], row["label"], row["quote"]): row for row in figures}
    for slug, figure in expected:
        row = seen[(slug, figure.label, figure.quote)]
        assert row["value"] == ("" if figure.value is None else str(figure.value))
        assert row["value_max"] == ("" if figure.value_max is None else str(figure.value_max))
        assert (row["qualifier"], row["stance"]) == (figure.qualifier, figure.stance)
        assert row["attributed_to"] == figure.attributed_to
        assert row["primary_source"] == (figure.primary_source or "")
        assert json.loads(row["other_quotes"] or "[]") == figure.other_quotes
        assert row["passage_url"].endswith(f"/reports/{slug}/#{passage_id(figure.quote)}")
    events = read_csv(site / "data" / "events.csv")
    assert sorted((r["report_id"], r["quote"], r["date"]) for r in events) == sorted(
        (a.slug, e.quote, e.date.iso() if e.date else "") for a in ARTICLES for e in a.meta.events
    )
    quotes = read_csv(site / "data" / "quotes.csv")
    assert sorted((r["report_id"], r["name"], r["text"]) for r in quotes) == sorted(
        (a.slug, q.name or "", q.text) for a in ARTICLES for q in a.meta.quotes
    )
    reports = {row["report_id"]: row for row in read_csv(site / "data" / "reports.csv")}
    assert reports.keys() == BY_ID.keys()
    for slug, row in reports.items():
        source = BY_ID[slug].meta.source
        assert row["author"] == (source.author or "")  # unknown stays empty, never guessed
        assert row["published"] == (
            source.published.date.isoformat() if source.published.date else ""
        )
        assert row["url"] == (source.url or "")


def test_the_json_file_holds_the_same_rows(site: Path):
    data = json.loads((site / "data" / "archive.json").read_text("utf-8"))
    for table in ("reports", "figures", "events", "quotes"):
        assert len(data[table]) == len(read_csv(site / "data" / f"{table}.csv"))
    assert data["figures"][0]["value"] == int(read_csv(site / "data" / "figures.csv")[0]["value"])
    figures = [figure for article in ARTICLES for figure in article.meta.figures]
    assert sorted(row["other_quotes"] or [] for row in data["figures"]) == sorted(
        figure.other_quotes for figure in figures
    )


def test_a_cell_that_a_spreadsheet_would_run_is_written_as_text():
    assert spreadsheet_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert spreadsheet_safe("+1") == "'+1" and spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("-2 people") == "'-2 people" and spreadsheet_safe("40") == "40"
    article = make_article(
        "formula",
        body='=cmd|" /C calc"!A0 said two died.',
        figures=[
            {
                "label": "deaths",
                "value": 2,
                "qualifier": "exactly",
                "attributed_to": '=cmd|" /C calc"!A0',
                "quote": "two died",
            }
        ],
    )
    files = download_files(
        analyse([article]), site_url="https://x.org/", site_name="A", licences=[]
    )
    (row,) = csv.DictReader(io.StringIO(files["data/figures.csv"].lstrip("\ufeff")))
    assert row["attributed_to"] == '\'=cmd|" /C calc"!A0'
    # A report without events or quotes adds no line to their tables.
    for table, rows in (("reports", 1), ("figures", 1), ("events", 0), ("quotes", 0)):
        lines = files[f"data/{table}.csv"].splitlines()
        assert len(lines) == 1 + rows and lines[0].startswith("\ufeffreport_id,"), table


# --- citations ----------------------------------------------------------------------------

UNKNOWN_AUTHOR = next(a for a in ARTICLES if a.meta.source.author is None)
KNOWN_AUTHOR = next(a for a in ARTICLES if a.meta.source.author)


def test_a_citation_says_what_is_not_known_and_invents_nothing():
    page = "https://x.org/reports/r/"
    text = citation_text(UNKNOWN_AUTHOR, "14–16 January 2019 (exact day not known)", page)
    assert text.startswith("Author not known. “")
    assert "(exact day not known)" in text and text.endswith(f"In the press archive: {page}.")
    item = csl_json(UNKNOWN_AUTHOR, page)
    assert "author" not in item and "Author not known." in item["note"]
    first, last = UNKNOWN_AUTHOR.published.not_before, UNKNOWN_AUTHOR.published.not_after
    assert item["issued"] == {
        "date-parts": [[first.year, first.month, first.day], [last.year, last.month, last.day]]
    }
    entry = bibtex(UNKNOWN_AUTHOR, page)
    assert "author =" not in entry and "day =" not in entry and "exact day not known" in entry
    record = ris(KNOWN_AUTHOR, page)
    assert record.startswith("TY  - NEWS\r\n") and record.endswith("ER  - \r\n")
    assert f"AU  - {KNOWN_AUTHOR.meta.source.author}\r\n" in record
    assert "DA  - " not in record  # no day is known


def test_a_report_with_a_known_day_is_cited_on_that_day():
    article = make_article("day", published="2019-01-14")
    assert "day = {14}" in bibtex(article, "p") and "month = jan" in bibtex(article, "p")
    assert "DA  - 2019/01/14/\r\n" in ris(article, "p")
    assert csl_json(article, "p")["issued"] == {"date-parts": [[2019, 1, 14]]}


def test_bibtex_escapes_what_would_break_it():
    article = make_article("esc", outlet="Smith & Sons {News} 100% #1")
    entry = bibtex(article, "p")
    assert "journal = {Smith \\& Sons \\{News\\} 100\\% \\#1}" in entry


def test_every_report_page_offers_its_citation_and_the_files_exist(site: Path):
    for article in ARTICLES:
        html = (site / "reports" / article.slug / "index.html").read_text("utf-8")
        assert 'class="citation-text"' in html and 'id="cite-this-report"' in html
        for ext in ("bib", "ris", "json"):
            assert f"../../citations/{article.slug}.{ext}" in html
            assert (site / "citations" / f"{article.slug}.{ext}").is_file()
    every = (site / "data" / "citations.bib").read_text("utf-8")
    assert every.count("@article{") == len(ARTICLES)
    items = json.loads((site / "data" / "citations.json").read_text("utf-8"))
    assert {item["id"] for item in items} == BY_ID.keys()


@pytest.mark.parametrize("page", ["", "figures/", "timeline/"])
def test_home_figures_and_timeline_link_to_the_data_page(site: Path, page: str):
    html = (site / page / "index.html").read_text("utf-8")
    assert 'href="data/"' in html or 'href="../data/"' in html
