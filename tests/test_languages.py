"""Reports in another language and script than the site's: readable addresses, the page's
language declared (Pagefind stems by it), one person whatever the script of their name, and
a search that finds them. Fixture reports are fictional, written for these tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, build_site, copy_project, served
from newsarchive.load import load_archive
from newsarchive.slugs import slugify

LANGUAGES = FIXTURES / "languages"


@pytest.fixture(scope="module")
def site_with_russian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    for article in LANGUAGES.glob("*.md"):
        shutil.copy(article, project / "articles" / article.name)
    out = tmp_path_factory.mktemp("site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


def test_names_in_other_scripts_get_readable_slugs():
    assert slugify("Тестовая газета") == "testovaya-gazeta"
    assert slugify("Игорь Кочетков") == "igor-kochetkov"
    assert slugify("Gay Times") == "gay-times" and slugify("Café Zürich") == "cafe-zurich"
    assert slugify("!!!") == "page"


def test_a_russian_report_has_readable_addresses_and_declares_its_language(site_with_russian):
    report = site_with_russian / "reports" / "2019-01-20-testovaya-gazeta-zaderzhaniya"
    html = (report / "index.html").read_text("utf-8")
    assert html.startswith('\n<!doctype html>\n<html lang="ru"') or '<html lang="ru"' in html[:200]
    assert "Тестовая статья: задержания в Грозном" in html
    assert (site_with_russian / "outlets" / "testovaya-gazeta" / "index.html").is_file()
    assert (site_with_russian / "tags" / "test" / "index.html").is_file()
    english = site_with_russian / "reports" / "2019-01-21-test-gazette-detentions" / "index.html"
    assert '<html lang="en"' in english.read_text("utf-8")[:200]
    # Pagefind made a Russian index (stemmed as Russian) beside the English one.
    entry = json.loads((site_with_russian / "pagefind" / "pagefind-entry.json").read_text())
    assert {"en", "ru"} <= set(entry["languages"])


def test_an_archived_copy_is_on_the_built_report_page_and_in_its_citations(site_with_russian):
    copy = "https://web.archive.org/web/20190122101500/https://example.org/en/test-report"
    report = site_with_russian / "reports" / "2019-01-21-test-gazette-detentions"
    html = (report / "index.html").read_text("utf-8")
    assert f'<a class="archived-link" href="{copy}"' in html
    assert "Wayback Machine, captured" in html and "22 January 2019" in html
    bib = (site_with_russian / "citations" / "2019-01-21-test-gazette-detentions.bib").read_text()
    assert f"Archived copy: {copy}" in bib
    reports = (site_with_russian / "data" / "reports.csv").read_text("utf-8-sig")
    assert copy in reports


def test_a_person_spelled_in_cyrillic_and_latin_is_one_person(site_with_russian):
    people = site_with_russian / "people"
    pages = [p for p in people.glob("*/index.html") if "petrov" in p.parent.name]
    assert [p.parent.name for p in pages] == ["ivan-petrov"]
    html = pages[0].read_text("utf-8")
    assert "Иван Петров" in html and "Ivan Petrov" in html
    assert "Мы проверяем сообщения о задержаниях" in html and "We are checking" in html


@pytest.mark.browser
def test_one_search_finds_russian_and_english_reports(site_with_russian, browser):
    from playwright.sync_api import expect

    page = browser.new_page()
    with served(site_with_russian) as base:
        try:
            # A form of the word that the text does not use (it says задержания,
            # задержаниях): found by Russian stemming, from the English search page (merged).
            page.goto(base + "search/?q=задержаниям")
            result = page.locator(".pagefind-ui__result-link[href*='testovaya-gazeta']")
            expect(result.first).to_be_visible(timeout=10_000)
            page.goto(base + "search/?q=detentions")
            result = page.locator(".pagefind-ui__result-link[href*='test-gazette']")
            expect(result.first).to_be_visible(timeout=10_000)
        finally:
            page.close()


def test_two_outlet_names_that_would_share_a_page_are_refused(tmp_path: Path):
    original = (LANGUAGES / "2019-01-21-test-gazette-detentions.md").read_text("utf-8")
    (tmp_path / "2019-01-21-test-gazette-detentions.md").write_text(original, "utf-8")
    twin = original.replace("outlet: Test Gazette", "outlet: Test-Gazette").replace(
        "en/test-report", "en/another-report"
    )
    (tmp_path / "2019-01-21-test-gazette-another.md").write_text(twin, "utf-8")
    _, problems = load_archive([tmp_path], root=tmp_path)
    (problem,) = problems
    assert problem.field == "source.outlet" and problem.line == 7  # the outlet's line
    assert "'Test Gazette'" in problem.message and "'Test-Gazette'" in problem.message
    assert "outlets/test-gazette/" in problem.message
