"""The archive as data and citations: the files validate, round-trip against the articles,
open safely in a spreadsheet, and say nothing the articles do not."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import frictionless
import pytest

from conftest import ROOT, make_article
from html_tools import Page, read_page
from newsarchive.analyse.archive import analyse
from newsarchive.analyse.figures import say_figure
from newsarchive.dates import EdtfDate
from newsarchive.export import download_files
from newsarchive.export.citations import bibtex, citation_text, csl_json, ris
from newsarchive.export.files import spreadsheet_safe
from newsarchive.load import load_archive
from newsarchive.model import Figure
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
        (a.slug, e.quote, str(e.date) if e.date else "") for a in ARTICLES for e in a.meta.events
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


# --- what the pages say of each row: copies, support, flags, merged entries, records -------

COPIER = "2019-01-16-gay-times-officials-blame-sick-imaginations"
TABLE_NAMES = ("reports", "figures", "events", "quotes")


def test_a_copied_paragraphs_figure_row_names_the_earlier_report(site: Path):
    figures = read_csv(site / "data" / "figures.csv")
    origins = {(r["report_id"], r["label"]): r["origin_report_id"] for r in figures}
    # Its deaths paragraph is Gay Times' two days before; its balcony paragraph, the 14th's.
    assert origins[(COPIER, "deaths")] == "2019-01-16-gay-times-foreign-offices-condemn-purge"
    assert origins[(COPIER, "balcony_floor")] == "2019-01-14-gay-times-two-killed-40-detained"
    copied = [r for r in figures if r["origin_report_id"] != r["report_id"]]
    assert copied and {r["report_id"] for r in copied} == {COPIER}
    for row in copied:  # an origin is always an earlier report of the archive
        origin = BY_ID[row["origin_report_id"]].published
        assert origin.sort_date <= BY_ID[row["report_id"]].published.sort_date
    # Copies count once: the copier's deaths rows add a report, never an outlet.
    deaths = [r for r in figures if (r["report_id"], r["label"]) == (COPIER, "deaths")]
    assert deaths and all(int(r["support_reports"]) > int(r["support_outlets"]) for r in deaths)
    for table in ("events", "quotes"):
        rows = read_csv(site / "data" / f"{table}.csv")
        assert all(r["origin_report_id"] in BY_ID for r in rows)
        assert any(r["origin_report_id"] != r["report_id"] for r in rows), table


def _support_on_figures_page(site: Path) -> dict[tuple[str, str], str]:
    """(figure row id, value as said) -> what the Figures page says stands behind it."""
    page = read_page(site, "figures/")
    found = {}
    for row_id, row in re.findall(r'<tr [^>]*id="(figure-[^"]+)"(.*?)</tr>', page, re.S):
        for said, support in re.findall(r'<span class="support">([^<:]+): ([^<]+)</span>', row):
            found[(row_id, html.unescape(said))] = html.unescape(support)
    return found


def test_counts_of_outlets_per_value_match_the_figures_page(site: Path):
    shown = _support_on_figures_page(site)
    assert shown
    rows = read_csv(site / "data" / "figures.csv")
    checked = set()
    for row in rows:
        if row["stance"] == "denies":  # a denial supports no value, and says so
            assert row["support_outlets"] == row["support_reports"] == ""
            continue
        fields = {k: row[k] for k in ("label", "unit", "qualifier", "attributed_to", "quote")}
        numbers = {k: int(row[k]) for k in ("value", "value_max") if row[k]}
        figure = Figure.model_validate({**fields, **numbers})
        key = (row["figure_row_id"], say_figure(figure, figure.unit))
        outlets, reports = int(row["support_outlets"]), int(row["support_reports"])
        words = f"{outlets} outlet{'s' * (outlets != 1)} in {reports} report{'s' * (reports != 1)}"
        assert f"reported by {words}" in shown[key], (key, shown[key])
        checked.add(key)
    assert checked == shown.keys()  # every value on the page has its rows, and no other
    # The flags are the page's: a row that disagrees, a claim that some report denies.
    page = read_page(site, "figures/")
    flagged = set(re.findall(r'<tr class="disagree" id="([^"]+)"', page))
    assert {r["figure_row_id"] for r in rows if r["sources_disagree"] == "true"} == flagged
    denied = {r["figure_row_id"] for r in rows if r["stance"] == "denies"}
    assert denied, "the archive has a denial"
    assert {r["figure_row_id"] for r in rows if r["disputed"] == "true"} == denied


def test_the_deaths_event_rows_carry_the_timeline_entry_they_are_merged_into(site: Path):
    events = read_csv(site / "data" / "events.csv")
    deaths = [r for r in events if r["event_id"] == "events/two-deaths-2018-19"]
    assert len({r["report_id"] for r in deaths}) >= 3
    (entry,) = {r["timeline_entry_id"] for r in deaths}  # one event, however many rows
    assert entry in Page(read_page(site, "timeline/")).ids
    # Counted by origin: the outlets of the reports the rows come from, each once.
    outlets = {BY_ID[r["origin_report_id"]].meta.source.outlet for r in deaths}
    assert {r["support_outlets"] for r in deaths} == {str(len(outlets))}
    assert {r["support_reports"] for r in deaths} == {str(len({r["report_id"] for r in deaths}))}
    assert {r["dates_conflict"] for r in deaths} == {"false"}
    # Each report's own date, in EDTF ("since December": an interval; "2019-01-14?"), and
    # the days it lies between.
    assert {r["date"] for r in deaths} >= {"2018-12/2019-01-20", "2019-01-14?"}
    for row in deaths:
        date = EdtfDate.parse(row["date"])
        assert row["date_earliest"] == str(date.earliest()) and row["date_latest"] == str(
            date.latest()
        )
    since_december = next(r for r in deaths if r["date"] == "2018-12/2019-01-20")
    assert (since_december["date_earliest"], since_december["date_latest"]) == (
        "2018-12-01",
        "2019-01-20",
    )
    undated = [r for r in events if not r["date"]]
    assert undated and all(not r["date_earliest"] and not r["date_latest"] for r in undated)
    # Every row's entry is an anchor of the timeline (undated events on their own page).
    anchors = (
        Page(read_page(site, "timeline/")).ids | Page(read_page(site, "timeline/undated/")).ids
    )
    assert {r["timeline_entry_id"] for r in events} <= anchors


def test_record_ids_name_the_russian_lgbt_network_whatever_the_spelling(site: Path):
    network = "organisations/russian-lgbt-network"
    figures = read_csv(site / "data" / "figures.csv")
    by_network = [r for r in figures if r["primary_source_id"] == network]
    assert len({r["report_id"] for r in by_network}) >= 2
    assert all("LGBT" in r["primary_source"] for r in by_network)
    assert all(
        r["primary_source_id"] == network
        for r in figures
        if r["primary_source"] == "Russian LGBT Network"
    )
    assert {r["period_id"] for r in figures} >= {"periods/crackdown-2018-19"}
    quotes = read_csv(site / "data" / "quotes.csv")
    assert any(r["speaker_id"] == "people/igor-kochetkov" for r in quotes)
    assert all(r["speaker_id"] == "" for r in quotes if not r["name"])  # anonymous: no id
    for table in TABLE_NAMES:
        rows = read_csv(site / "data" / f"{table}.csv")
        assert {r["outlet_id"] for r in rows} == {
            "outlets/gay-times",
            "outlets/outnews-global",
            "outlets/scroll-in",
        }, table
    data = json.loads((site / "data" / "archive.json").read_text("utf-8"))
    assert any(row["primary_source_id"] == network for row in data["events"] + data["figures"])


def test_a_name_not_in_the_records_gets_no_id():
    article = make_article(
        "unrecorded",
        body="A group said two died.",
        figures=[
            {
                "label": "deaths",
                "value": 2,
                "qualifier": "exactly",
                "attributed_to": "a group",
                "primary_source": "A Group",
                "quote": "two died",
            }
        ],
    )
    files = download_files(
        analyse([article]), site_url="https://x.org/", site_name="A", licences=[]
    )
    (row,) = csv.DictReader(io.StringIO(files["data/figures.csv"].lstrip("\ufeff")))
    assert row["primary_source"] == "A Group" and row["primary_source_id"] == ""
    assert row["outlet_id"] == "" and row["origin_report_id"] == row["report_id"]
    assert (row["support_reports"], row["support_outlets"], row["support_primary_sources"]) == (
        "1",
        "1",
        "1",
    )
    (item,) = json.loads(files["data/archive.json"])["figures"]
    assert item["primary_source_id"] is None and item["support_outlets"] == 1


def test_every_column_of_the_files_is_described_in_the_data_package(site: Path):
    package = json.loads((site / "data" / "datapackage.json").read_text("utf-8"))
    schemas = {r["name"]: r["schema"] for r in package["resources"] if "schema" in r}
    data = json.loads((site / "data" / "archive.json").read_text("utf-8"))
    data_page = read_page(site, "data/")
    for table in TABLE_NAMES:
        raw = (site / "data" / f"{table}.csv").read_bytes().decode("utf-8-sig")
        header = next(csv.reader(io.StringIO(raw)))
        fields = schemas[table]["fields"]
        assert header == [field["name"] for field in fields], table
        assert all(field["description"].strip() for field in fields), table
        assert all(row.keys() == set(header) for row in data[table]), table
        for name in header:  # and on the Data page
            assert f"<code>{name}</code>" in data_page, (table, name)


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
