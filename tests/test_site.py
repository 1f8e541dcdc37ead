"""The real `mkdocs build --strict` of the project, read back as a reader's browser gets it."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import posixpath
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from markupsafe import escape

from conftest import ROOT, build_site, copy_project, set_paging
from html_tools import Page, read_page, text_of
from newsarchive.load import load_archive
from newsarchive.load.history import last_changes


def links_resolve(site: Path) -> int:
    """Assert that every relative link of the built site and its #anchor exist; count them."""
    pages = {p: Page(p.read_text("utf-8")) for p in site.rglob("*.html")}
    checked = 0
    for path, page in pages.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("mailto:"):
                continue
            if not parts.path:
                target = path
            elif parts.path.startswith("/"):  # 404.html links from the site root
                target = site / parts.path.lstrip("/")
            else:
                target = path.parent / parts.path
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            target = Path(posixpath.normpath(target))
            assert target.exists(), f"{path.relative_to(site)} links to missing {href}"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in pages[target].ids, f"{path}: {href}"
            checked += 1
    return checked


ARTICLES, _ = load_archive([ROOT / "articles"], root=ROOT)
BY_OUTLET_TITLE = {a.meta.title: a for a in ARTICLES}


def slug_of(start: str) -> str:
    return next(a.slug for a in ARTICLES if a.slug.startswith(start))


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_report_page_shows_metadata_body_and_cited_claims(site: Path, article):
    html = read_page(site, f"reports/{article.slug}/")
    page, text = Page(html), text_of(html)
    source = article.meta.source
    assert article.meta.title in text
    assert "Title rebuilt from the web address, not the outlet's headline." in text
    assert source.outlet in text
    assert source.url in page.links
    assert (source.author or "Not known.") in text
    assert source.published.basis in text
    assert "(exact day not known)" in text
    assert len(article.meta.figures) == html.count('<tr><td data-label="What">')
    assert "Figures cited" in text
    # A sentence from the body, and every cited passage as a link target on the page.
    paragraphs = [p for p in article.body.split("\n\n") if len(p) > 80]
    for paragraph in (paragraphs[0], paragraphs[-1]):
        assert text_of(paragraph[:60]) in text
    for href in [h for h in page.links if h.startswith("#passage-")]:
        assert href[1:] in page.ids


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_report_pages_reach_the_site_sanitised(site: Path, article):
    """The report template begins with a comment for editors, which the sanitiser strips
    (it runs beside MkDocs, and hands the page back before its template is rendered)."""
    html = read_page(site, f"reports/{article.slug}/")
    assert "edit that file, not this page" not in html
    first = next(p for p in article.body.split("\n\n") if len(p) > 80)
    assert text_of(first[:60]) in text_of(html)


def test_edit_button_opens_the_article_source(site: Path):
    slug = slug_of("2019-01-14-scroll")
    html = read_page(site, f"reports/{slug}/")
    assert (
        f'href="https://github.com/example-org/press-archive/edit/main/articles/{slug}.md"' in html
    )
    assert "edit/main/docs/about.md" in read_page(site, "about/")
    # "How to add a report" is CONTRIBUTING.md itself: edit it where it lives.
    guide = read_page(site, "contributing/")
    assert 'href="https://github.com/example-org/press-archive/edit/main/CONTRIBUTING.md"' in guide
    assert "Each report in the archive is one Markdown file" in guide


def _timeline_entries(html: str) -> list[tuple[str, str, list[str]]]:
    """(datetime, summary, [citation hrefs]) of each entry, in page order."""
    entries = []
    for item in BeautifulSoup(html, "html.parser").select("li.timeline-entry"):
        datetime = item.find("time")["datetime"]
        summary = item.select_one(".timeline-summary").get_text(" ", strip=True)
        citations = [a["href"] for a in item.select("a.citation")]
        entries.append((datetime, summary, citations))
    return entries


def _timeline_entries_undated(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        li.select_one(".timeline-summary").get_text() for li in soup.select("li.timeline-entry")
    ]


def test_timeline_lists_events_in_order_with_their_reports(site: Path):
    entries = _timeline_entries(read_page(site, "timeline/"))
    keys = [tuple(int(x) for x in d.split("-")) for d, _, _ in entries]
    padded = [k + (0,) * (3 - len(k)) for k in keys]
    assert padded == sorted(padded)
    by_summary = {summary: (date, cites) for date, summary, cites in entries}

    date, cites = by_summary["First wave of persecution of LGBT people in Chechnya"]
    assert date == "2017"
    cited = {c.split("/")[2] for c in cites}
    assert cited == {slug_of("2019-01-14-gay-times"), slug_of("2019-01-14-scroll")} | {
        slug_of("2019-01-16-gay-times-foreign"),
        slug_of("2019-01-16-gay-times-officials"),
    }
    # Two reports say 2018, one December 2018: the event stands under 2018, with both shown,
    # in the words of the first report to tell it.
    (osce,) = [s for s in by_summary if s.startswith("Report by international law professor")]
    date, cites = by_summary[osce]
    assert date == "2018" and len(cites) == 3
    html = read_page(site, "timeline/")
    # "Killed on Monday" lies within "since December": the dates can all be true.
    assert not BeautifulSoup(html, "html.parser").select("li.timeline-conflict")
    undated = _timeline_entries_undated(read_page(site, "timeline/undated/"))
    assert len(undated) == 4 and "4 events the reports tell without a date" in text_of(html)
    assert all("#passage-" in c for c in cites)
    publications = [e for e in entries if "publishes" in e[1]]
    assert len(publications) == 5
    assert [d for d, _, _ in entries].index("2017") < [d for d, _, _ in entries].index("2017-04")


def test_index_lists_reports_newest_first_and_outlet_pages_their_own(site: Path):
    html = read_page(site, "reports/")
    order = [m for m in re.findall(r'<a href="([^"]+)/">', html) if m.startswith("20")]
    assert order[:2] == sorted(order[:2], reverse=True)
    assert set(order) == {a.slug for a in ARTICLES}
    assert "January 2019" in text_of(html)
    gay_times = read_page(site, "outlets/gay-times/")
    assert gay_times.count('class="report-line"') == 3
    assert "Scroll.in" in text_of(read_page(site, "outlets/"))
    assert read_page(site, "outlets/scroll-in/").count('class="report-line"') == 1


def test_search_bundle_indexes_every_page_with_filters(site: Path):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    indexed = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert entry["languages"]["en"]["page_count"] == len(indexed) > len(ARTICLES)
    # Listings repeat what the reports say; a search finds the reports and people instead.
    for listing in ("timeline/", "reports/", "figures/", "passages/", "tags/argun/", "outlets/"):
        assert "data-pagefind-body" not in read_page(site, listing), listing
    person = next((site / "people").glob("*/index.html")).read_text("utf-8")
    assert "data-pagefind-body" in person and "data-pagefind-body" not in read_page(site, "people/")
    for article in ARTICLES:
        html = read_page(site, f"reports/{article.slug}/")
        body = html[html.index("data-pagefind-body") :]
        # Front matter facts are in the indexed content: outlet, author, people quoted.
        assert article.meta.source.outlet in body
        assert (article.meta.source.author or "Not known.") in body
        for quote in article.meta.quotes:
            assert quote.name is None or quote.name in text_of(body)
        year = article.published.sort_date.year
        assert f'data-pagefind-filter="year:{year}"' in html
        # The outlet is a filter and is shown with each result (meta), as is the date.
        outlet = escape(str(escape(str(escape(article.meta.source.outlet)))))  # see templates
        assert f'data-pagefind-filter="outlet:{outlet}" data-pagefind-meta="outlet"><a' in html
        assert 'data-pagefind-meta="published"' in html
        assert f'data-pagefind-filter="language:{article.meta.language}">' in html
        assert html.count('data-pagefind-filter="tag:') == len(article.meta.tags)
    # Nothing is loaded from Material's search any more.
    assert not (site / "search" / "search_index.json").exists()


def test_search_results_anchor_on_headings_only(site: Path):
    fragments = []
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        fragments.append(json.loads(data[data.index(b"{") :]))
    reports = [f for f in fragments if f["url"].startswith("/reports/2019-")]
    assert len(reports) == len(ARTICLES)
    for fragment in reports:
        # Marked passages and paragraphs have ids, for links: not anchors that repeat
        # the text in the search data. The report's sections still give sub-results,
        # and the marked passages are still found.
        assert {a["element"] for a in fragment["anchors"]} == {"h2"}, fragment["url"]
        assert "the-report" in {a["id"] for a in fragment["anchors"]}
        (article,) = (a for a in ARTICLES if fragment["url"] == f"/reports/{a.slug}/")
        assert article.meta.figures[0].quote in fragment["content"]


def test_feed_is_valid_atom_with_every_report(site: Path):
    tree = ET.parse(site / "feed.xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = tree.getroot().findall("a:entry", ns)
    assert len(entries) == len(ARTICLES)
    for entry in entries:
        link = entry.find("a:link", ns).get("href")
        assert urlsplit(link).scheme == "http" and "/reports/" in link
        # Updated when the article file last changed (its last commit); no report of the
        # five has a known day, so none claims a publication day.
        updated = dt.datetime.fromisoformat(entry.find("a:updated", ns).text)
        assert updated.year >= 2026 and entry.find("a:published", ns) is None
    changed = last_changes(ROOT / "articles")
    assert len(changed) == len(ARTICLES) and all(t.tzinfo for t in changed.values())
    head = read_page(site, "")
    assert 'rel="alternate feed" type="application/atom+xml"' in head
    assert '<a href="feed.xml">Atom feed</a>' in head  # shown to readers too
    # A report's sitemap entry says when its article last changed, not the build day.
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    sm = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {
        u.find("s:loc", sm).text: u.find("s:lastmod", sm).text for u in sitemap.findall("s:url", sm)
    }
    for article in ARTICLES:
        (url,) = [u for u in lastmod if u.endswith(f"/reports/{article.slug}/")]
        assert lastmod[url] == changed[article.path.name].date().isoformat()


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_report_page_has_news_article_json_ld(site: Path, article):
    page = Page(read_page(site, f"reports/{article.slug}/"))
    (script,) = [t for a, t in page.scripts if a.get("type") == "application/ld+json"]
    data = json.loads(script)
    assert data["@type"] == "NewsArticle" and data["@context"] == "https://schema.org"
    assert data["sameAs"] == article.meta.source.url
    assert data["publisher"]["name"] == article.meta.source.outlet
    assert "datePublished" not in data and "headline" not in data  # not known: not claimed


def test_home_shows_key_figures_with_their_support_and_latest_reports(site: Path):
    text = text_of(read_page(site, "")).replace(" :", ":")  # the figure is bold, then ":"
    assert "Detained (2018-19 crackdown)" in text
    network = "1 primary source, Russian LGBT Network"
    assert f"40 people: {network}, reported by 2 outlets in 4 reports; 3 of them name" in text
    assert f"around 40 people: {network}, reported by 1 outlet in 1 report" in text
    assert f"at least 2 people: {network}, reported by 2 outlets in 2 reports" in text
    assert "2 people: reported by 1 outlet in 3 reports (2 of them name only who relays it)" in text
    assert "<!-- archive:" not in read_page(site, "")


def test_tags_page_lists_report_tags_and_each_tag_its_reports(site: Path):
    index = read_page(site, "tags/")
    tagged = [a for a in ARTICLES if "Argun" in a.meta.tags]
    assert f'<a href="argun/">Argun</a>: {len(tagged)} reports' in index
    assert "Russian LGBT Network" in text_of(index)
    argun = read_page(site, "tags/argun/")
    assert {a.meta.title for a in tagged} <= set(re.findall(r'/">([^<]+)</a>', argun))
    report = read_page(site, f"reports/{tagged[0].slug}/")
    assert '<a href="../../tags/argun/" data-pagefind-filter="tag:Argun">Argun</a>' in report


def test_every_internal_link_and_anchor_resolves(site: Path):
    assert links_resolve(site) > 100


def test_the_themes_unused_search_is_not_published(site: Path):
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert not (site / "assets" / "javascripts" / "workers").exists()
    assert (site / "pagefind" / "pagefind.js").exists()


def test_site_makes_no_request_to_third_parties(site: Path):
    loaded = re.compile(r"<(?:script|img|iframe|source|link)\b[^>]*>")
    for path in site.rglob("*.html"):
        for tag in loaded.findall(path.read_text("utf-8")):
            if re.search(r'rel="(?:canonical|alternate)"', tag):
                continue  # addresses, not loaded
            url = re.search(r'(?:src|href)="([^"]*)"', tag)
            host = urlsplit(url.group(1)).hostname if url else None
            assert host in (None, "127.0.0.1"), f"{path.relative_to(site)} loads {tag}"


def test_a_broken_article_fails_the_build_naming_file_line_and_field(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    article = next((project / "articles").glob("*scroll*.md"))
    article.write_text(article.read_text("utf-8").replace("value: 3\n", "value: three\n"))
    (temp := tmp_path / "temp").mkdir()
    result = build_site(project, tmp_path / "out", TMPDIR=str(temp))
    assert result.returncode != 0
    assert f"articles/{article.name}:" in result.stderr
    assert "figures[3].value: 'three' is not a whole number" in result.stderr
    assert not list(temp.glob("newsarchive-*")), "the staged files of a failed build stay"


def test_a_new_article_appears_without_code_change(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    source = next((project / "articles").glob("*scroll*.md")).read_text("utf-8")
    new = (
        source.replace("scroll.in/latest/909519", "scroll.in/latest/999999")
        .replace('title: "Russia:', 'title: "Copy:')
        .replace("date: 2019-01-14/", "date: 2019-01-15/")
    )
    (project / "articles" / "2019-01-15-scroll-copy.md").write_text(new, "utf-8")
    out, temp = tmp_path / "out", tmp_path / "temp"
    temp.mkdir()
    result = build_site(project, out, TMPDIR=str(temp))
    assert result.returncode == 0, result.stderr
    assert not list(temp.glob("newsarchive-*")), "the staged files stay after the build"
    assert "2019-01-15-scroll-copy/" in read_page(out, "reports/")
    assert "2019-01-15-scroll-copy/" in read_page(out, "timeline/")
    assert "reported by 2 outlets in 5 reports" in text_of(read_page(out, ""))
    assert "2019-01-15-scroll-copy/" in read_page(out, "figures/")
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] > len(ARTICLES) + 1


def test_figures_page_sets_reports_side_by_side(site: Path):
    html = read_page(site, "figures/")
    text = text_of(html)
    assert "40 people: 1 primary source, Russian LGBT Network, reported by 2 outlets" in text
    assert "Still detained (2018-19 crackdown)" in text
    assert "at least 40" in text and "US State Department, citing civil society groups" in text
    assert html.count('<th scope="col">') == len(ARTICLES) + 1
    # Three Gay Times columns, told apart by the first words of their titles.
    headers = BeautifulSoup(html, "html.parser").select("thead th .short-title")
    assert len(headers) == len(ARTICLES) and len({h.get_text() for h in headers}) == len(ARTICLES)
    assert "Two killed and 40 detained in…" in {h.get_text() for h in headers}
    assert "paragraph copied from Gay Times" in text


def test_passages_page_and_report_pages_show_shared_paragraphs(site: Path):
    text = text_of(read_page(site, "passages/"))
    assert "repeats 9 paragraphs first published by" in text
    officials = read_page(site, f"reports/{slug_of('2019-01-16-gay-times-officials')}/")
    assert officials.count('class="shared-note"') == 16
    assert "Reworded from" in text_of(officials)
    scroll = read_page(site, f"reports/{slug_of('2019-01-14-scroll')}/")
    assert "shared-note" not in scroll


def test_people_pages_list_quotes_per_report_and_variant_spellings(site: Path):
    index = text_of(read_page(site, "people/"))
    # One report spells Karimov, one Kraimov: neither leads by its number of quotes.
    # records.yml lists both spellings as one person's.
    assert "Alvi Karimov / Alvi Kraimov spellings confirmed as one person" in index
    page = text_of(read_page(site, "people/alvi-karimov/"))
    assert "not yet confirmed by an editor" not in page
    assert "complete lies and don’t have an ounce of truth in them." in page
    assert "The claim that two were killed is even more absurd." in page
    # Unnamed sources keep the capitals of their roles (no "russian lgbt network").
    assert "Volunteer for the Russian LGBT Network, anonymous, to The Daily Beast" in index
    kochetkov = read_page(site, "people/igor-kochetkov/")
    assert (
        kochetkov.count("<strong>Igor Kochetkov</strong>") == 12
    )  # three more in OutNews since the articles were completed


def test_a_larger_archive_splits_the_figures_and_keeps_every_link(tmp_path: Path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_archive

    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "articles")
    write_archive(project / "articles", 20)
    out = tmp_path / "out"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    assert links_resolve(out) > 100
    index = read_page(out, "figures/")
    assert "<table>" not in index  # no reports x claims matrix above matrix_max_reports
    rows = sorted(p.parent.name for p in (out / "figures").glob("*/index.html"))
    assert rows and all(row.startswith("figure-") for row in rows)
    assert f'href="{rows[0]}/"' in index


def test_long_lists_split_into_a_page_per_year(tmp_path: Path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_archive

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = copy_project(tmp_path / "project")
    set_paging(project, split_above=2)  # 24 reports, 105 entries, 3 shared groups
    shutil.rmtree(project / "articles")
    write_archive(project / "articles", 24)
    out = tmp_path / "out"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(out), strict=True))
    assert links_resolve(out) > 100
    years = sorted(int(p.parent.name) for p in (out / "timeline").glob("*/index.html"))
    assert len(years) > 3
    index = read_page(out, "timeline/")
    assert f'<a href="{years[0]}/">{years[0]}</a>: ' in index and " entries</li>" in index
    middle = text_of(read_page(out, f"timeline/{years[1]}/"))
    assert f"{years[0]} · All years · {years[2]}" in middle
    # A year with more entries than a page holds gets a page per month.
    month = next((out / "timeline").glob("*/*/index.html"))
    year = month.parent.parent.name
    assert f'href="{month.parent.name}/"' in read_page(out, f"timeline/{year}/")
    month_page = text_of(month.read_text("utf-8"))
    assert "Timeline: " in month_page and f"All of {year}" in month_page
    report_years = [p for p in (out / "reports").glob("*/index.html") if p.parent.name.isdigit()]
    assert len(report_years) > 3
    assert "Reports of" in read_page(out, f"reports/{report_years[0].parent.name}/")
    # Outlet and tag lists split the same way, with their own titles.
    outlet = next(p for p in (out / "outlets").glob("*/[0-9]*/index.html"))
    assert ": reports of " in text_of(outlet.read_text("utf-8"))
    tag_year = next(p for p in (out / "tags").glob("*/[0-9]*/index.html"))
    assert "Reports tagged " in text_of(tag_year.read_text("utf-8"))
    # A person quoted often, and the unnamed sources, get a page per year.
    person_year = next((out / "people").glob("*/[0-9]*/index.html"))
    person = person_year.parent.parent.name
    assert f'href="{person_year.parent.name}/"' in read_page(out, f"people/{person}/")
    assert "All years" in text_of(person_year.read_text("utf-8"))
    assert "unnamed/" in read_page(out, "people/")
    # Many people: the people index leads to a page per initial letter.
    letters = list((out / "people" / "by-name").glob("*/index.html"))
    assert letters and f'href="by-name/{letters[0].parent.name}/"' in read_page(out, "people/")
    assert "All names" in text_of(letters[0].read_text("utf-8"))
    assert list((out / "people" / "unnamed").glob("[0-9]*/index.html"))
    passage_years = list((out / "passages").glob("[0-9]*/index.html"))
    assert passage_years and "shared paragraph" in read_page(out, "passages/")
    # A report's shared-paragraph note links into the right year page (links_resolve above).
    assert any("passages/20" in p.read_text() for p in (out / "reports").rglob("index.html"))


def test_no_page_ends_a_sentence_twice(site: Path):
    for path in site.rglob("*.html"):
        text = text_of(path.read_text("utf-8"))
        # "/.." is EDTF's open end (2018-12/..), not a sentence's end.
        twice = re.search(r"[^./]\.\.(?!\.)", text)
        assert not twice, (path, text[twice.start() - 40 : twice.end()])
