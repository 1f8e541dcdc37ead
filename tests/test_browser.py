"""The built site driven the way a reader does, in headless Chromium (Debian's package).

Screenshots of every page checked, at desktop and phone width, go to SCREENSHOT_DIR
(default tests/screenshots/) for a person to look at.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT, served
from newsarchive.load import load_archive

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "tests" / "screenshots"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}

ARTICLES, _ = load_archive([ROOT / "articles"], root=ROOT)
OUTNEWS = next(a for a in ARTICLES if a.meta.source.outlet == "OutNews Global")
OFFICIALS = next(a for a in ARTICLES if "officials" in a.slug)
PAGES = {
    "home": "",
    "report": f"reports/{OUTNEWS.slug}/",
    "timeline": "timeline/",
    "reports": "reports/",
    "outlet": "outlets/gay-times/",
    "figures": "figures/",
    "passages": "passages/",
    "people": "people/",
    "person": "people/alvi-karimov/",
    "tags": "tags/",
    "tag": "tags/argun/",
    "about": "about/",
    "contributing": "contributing/",
}


@pytest.fixture(scope="session")
def base_url(site: Path):
    with served(site) as url:
        yield url


class Problems:
    """Console errors and failed requests seen while a page is open."""

    def __init__(self, page: Page):
        self.seen: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.seen.append(m.text))
        page.on("pageerror", lambda e: self.seen.append(str(e)))
        # A request the page itself gave up on (leaving it while search fragments load) is
        # not an error; any other failure is.
        page.on(
            "requestfailed",
            lambda r: (
                "ERR_ABORTED" not in (r.failure or "") and self.seen.append(f"{r.url}: {r.failure}")
            ),
        )
        page.on("response", lambda r: r.status >= 400 and self.seen.append(f"{r.url}: {r.status}"))


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.problems = Problems(page)
    yield page
    context.close()


def shoot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def search(page: Page, base_url: str, word: str):
    """Type a word into the search page (Pagefind) the way a reader does."""
    page.goto(base_url + "search/")
    page.locator(".pagefind-ui__search-input").press_sequentially(word, delay=20)
    results = page.locator(".pagefind-ui__result")
    expect(results.first).to_be_visible(timeout=10_000)
    return results


# --- search -----------------------------------------------------------------------------


def test_search_by_front_matter_word_finds_the_report_and_opens_it(page: Page, base_url):
    results = search(page, base_url, "Harkavy")  # the author: front matter only
    expect(results.first).to_contain_text(OUTNEWS.meta.title)
    shoot(page, "desktop-search-results")
    results.first.locator("a.pagefind-ui__result-link").click()
    page.wait_for_url(re.compile(re.escape(f"/reports/{OUTNEWS.slug}/")))
    expect(page.locator("h1.report-title")).to_have_text(OUTNEWS.meta.title)


def test_search_by_a_word_of_one_report_body_finds_only_that_report(page: Page, base_url):
    results = search(page, base_url, "Umarov")  # a minister named in one report only
    expect(page.locator(".pagefind-ui__message")).to_contain_text("result")
    hrefs = results.locator("a").evaluate_all("links => links.map(a => a.href)")
    reports = {re.search(r"/reports/([^/]+)/", h).group(1) for h in hrefs if "/reports/" in h}
    assert reports == {OFFICIALS.slug}
    results.locator(f"a[href*='/reports/{OFFICIALS.slug}/']").first.click()
    page.wait_for_url(re.compile(re.escape(f"/reports/{OFFICIALS.slug}/")))
    expect(page.locator("h1.report-title")).to_have_text(OFFICIALS.meta.title)


def test_search_by_place_and_outlet_lists_several_reports(page: Page, base_url):
    for word in ("Argun", "Scroll.in"):
        results = search(page, base_url, word)
        expect(results.first).to_be_visible()
        assert results.count() >= 1
    assert page.problems.seen == []


def test_search_filters_by_outlet(page: Page, base_url):
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    results = search(page, base_url, "Chechnya")
    expect(page.locator(".pagefind-ui__message")).to_contain_text("result")
    before = results.count()
    # The filters' counts load only when the reader asks for them.
    assert not [url for url in fetched if "/pagefind/filter/" in url]
    expect(page.locator(".pagefind-ui__filter-name")).to_have_count(0)
    page.get_by_role("button", name="Filter by outlet, year, tag or language").click()
    expect(page.locator(".pagefind-ui__filter-name").first).to_be_focused()
    assert [url for url in fetched if "/pagefind/filter/" in url]
    expect(page.get_by_role("button", name="Filter by outlet")).to_have_count(0)
    page.locator(".pagefind-ui__filter-name", has_text="Outlet").click()
    page.get_by_label(re.compile(r"^Scroll\.in")).check()
    expect(results).not_to_have_count(before)
    hrefs = results.locator("a.pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => a.href)"
    )
    assert hrefs and all("/reports/2019-01-14-scroll" in h for h in hrefs)
    assert "outlet=Scroll.in" in page.url and "q=Chechnya" in page.url
    # The address, shared or reopened, brings back the same filtered results.
    filtered = results.count()
    page.goto(page.url)
    expect(page.get_by_label(re.compile(r"^Scroll\.in"))).to_be_checked()
    expect(results).to_have_count(filtered)
    reopened = results.locator("a.pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => a.href)"
    )
    assert reopened == hrefs


def test_search_fetches_no_index_for_the_first_letters_typed(page: Page, base_url):
    """Each letter typed asks Pagefind to fetch ahead; one or two letters would fetch parts
    of the index the word will not need."""
    page.goto(base_url + "search/")
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    preload = """async (term) => {
        const engine = await import(new URL("../javascripts/search/pagefind.js", document.baseURI));
        await engine.preload(term);
    }"""
    page.evaluate(preload, "ch")
    assert not [url for url in fetched if "/pagefind/index/" in url]
    page.evaluate(preload, "chechnya")
    assert [url for url in fetched if "/pagefind/index/" in url]


def test_search_results_name_outlet_and_date_and_quote_the_report(page: Page, base_url):
    results = search(page, base_url, "Chechnya")
    expect(page.locator(".pagefind-ui__message")).to_contain_text("result")
    reports = results.filter(has=page.locator("a.pagefind-ui__result-link[href*='/reports/2']"))
    expect(reports.first).to_be_visible()
    for report in reports.all():
        tags = " ".join(report.locator(".pagefind-ui__result-tag").all_inner_texts())
        outlet = re.search(r"Outlet: (.+?)(?= Published|$)", tags)
        assert outlet and outlet.group(1) in {a.meta.source.outlet for a in ARTICLES}, tags
        assert re.search(r"Published: .*20\d\d", tags), tags
    excerpts = " ".join(results.locator(".pagefind-ui__result-excerpt").all_inner_texts())
    for furniture in ("Shared paragraph", "Published", "Original", "On the timeline"):
        assert furniture not in excerpts


def test_a_search_link_opens_with_its_results(page: Page, base_url):
    page.goto(base_url + "search/?q=Kadyrov")
    expect(page.locator(".pagefind-ui__result").first).to_be_visible(timeout=10_000)


def test_a_search_survives_opening_a_result_and_going_back(page: Page, base_url):
    results = search(page, base_url, "Umarov")
    assert "q=Umarov" in page.url  # shareable
    results.first.locator("a.pagefind-ui__result-link").first.click()
    page.wait_for_url(lambda url: "/search/" not in url)
    page.go_back()
    expect(page.locator(".pagefind-ui__search-input")).to_have_value("Umarov")
    expect(page.locator(".pagefind-ui__result").first).to_be_visible(timeout=10_000)


def test_the_search_box_shows_keyboard_focus(page: Page, base_url):
    page.goto(base_url + "search/")
    box = page.locator(".pagefind-ui__search-input")
    expect(box).to_be_visible()
    style = "e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth"
    before = box.evaluate(style)
    page.keyboard.press("Tab")
    for _ in range(40):  # Tab through the header to the search box
        if box.evaluate("e => e === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert box.evaluate("e => e === document.activeElement")
    after = box.evaluate(style)
    assert after != before and not after.startswith("none"), (before, after)


# --- timeline ---------------------------------------------------------------------------


def test_timeline_is_chronological_and_reads_naturally(page: Page, base_url):
    page.goto(base_url + PAGES["timeline"])
    times = page.locator("ol.timeline > li > time")  # entries, not the dates within one
    values = times.evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    keys = [tuple(int(x) for x in v.split("-")) + (0,) * (3 - v.count("-") - 1) for v in values]
    assert keys == sorted(keys) and len(keys) > 10
    labels = times.all_inner_texts()
    assert "April 2017" in labels and "26 May 2017" in labels and "2017" in labels
    assert "14–16 January 2019 (exact day not known)" in labels


def test_following_a_citation_lands_on_the_highlighted_passage(page: Page, base_url):
    page.goto(base_url + PAGES["timeline"])
    entry = page.locator("li.timeline-entry", has_text="The BBC broadcasts")
    entry.locator("a.citation").first.click()
    page.wait_for_url(re.compile(r"/reports/.+#passage-"))
    target = page.locator("mark.passage:target")
    expect(target).to_be_visible()
    expect(target).to_contain_text("In April 2017")
    expect(target).to_be_in_viewport()
    background = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    other = page.locator("mark.passage:not(:target)").first
    assert other.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    shoot(page, "desktop-report-at-passage")


# --- report page ------------------------------------------------------------------------


def test_report_page_shows_metadata_original_link_and_figures(page: Page, base_url):
    page.goto(base_url + PAGES["report"])
    panel = page.locator("section.report-meta")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("OutNews Global")
    expect(panel).to_contain_text("Rob Harkavy")
    link = panel.locator("a.original-link")
    expect(link).to_have_attribute("href", OUTNEWS.meta.source.url)
    rows = page.locator(".figures table tbody tr")
    expect(rows).to_have_count(len(OUTNEWS.meta.figures))
    expect(rows.first).to_contain_text("around 40")


# --- every page: phone, console, accessibility, screenshots ----------------------------


@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_phone_and_logs_no_error(browser: Browser, base_url, name):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = Problems(page)
    page.goto(base_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} scrolls sideways: {width}px"
    shoot(page, f"phone-{name}")
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(page.locator("nav.md-nav--primary")).to_be_in_viewport()
    shoot(page, f"phone-{name}-navigation")
    assert problems.seen == []
    context.close()


def test_a_reports_figure_leads_to_its_highlighted_row_and_back(page: Page, base_url):
    page.goto(base_url + PAGES["report"])
    page.locator(".figures td a", has_text="deaths").first.click()
    page.wait_for_url(re.compile(r"/figures/#figure-deaths-"))
    row = page.locator("tr:target")
    expect(row).to_be_in_viewport()
    cell = row.locator("th").first
    assert cell.evaluate("e => getComputedStyle(e).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    shoot(page, "desktop-figures-row")
    page.go_back()
    page.wait_for_url(re.compile(r"/reports/"))


def test_a_person_quoted_and_an_event_lead_to_their_pages(page: Page, base_url):
    page.goto(base_url + PAGES["report"])
    page.locator(".report-quotes a", has_text="Igor Kochetkov").first.click()
    expect(page.locator("h1")).to_contain_text("Igor Kochetkov")
    page.go_back()
    page.locator(".report-events a", has_text="On the timeline").first.click()
    page.wait_for_url(re.compile(r"/timeline/#event-"))
    expect(page.locator("li.timeline-entry:target")).to_be_in_viewport()
    page.go_back()
    page.locator(".report-nav a").first.click()
    expect(page.locator("h1")).not_to_have_count(0)
    assert page.problems.seen == []


def test_on_a_phone_figures_show_their_passages_and_years_are_in_reach(browser: Browser, base_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + PAGES["report"])
    passage = page.locator('.figures td[data-label="Passage"]').first
    passage.scroll_into_view_if_needed()
    box = passage.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    shoot(page, "phone-report-figures")
    # The Figures page: a card per claim, each report's value under its name, no sideways
    # scrolling; and the timeline's years are reachable without the sidebar.
    page.goto(base_url + PAGES["figures"])
    matrix = page.locator(".figure-matrix")
    assert matrix.evaluate("e => e.scrollWidth <= e.clientWidth")
    cell = page.locator(".figure-matrix td:has(a)").first
    label = cell.evaluate("e => getComputedStyle(e, '::before').content")
    assert "Gay Times" in label or "Scroll.in" in label or "OutNews" in label, label
    shoot(page, "phone-figures")
    page.goto(base_url + PAGES["timeline"])
    page.locator(".year-jump a", has_text="2018").click()
    expect(page.locator("h2#\\32 018")).to_be_in_viewport()
    context.close()


def test_a_page_load_fetches_no_sitemap(page: Page, base_url):
    # Material fetches sitemap.xml for each link[rel=alternate]; the feed link is not one.
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    for name in ("home", "report", "timeline"):
        page.goto(base_url + PAGES[name])
        page.wait_for_load_state("networkidle")
    assert requested and not [url for url in requested if "sitemap" in url]
    expect(page.locator('link[type="application/atom+xml"]')).to_have_count(1)


def _serious(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _palette(scheme: str) -> str:
    """Material remembers the chosen palette in localStorage; set it before a page loads."""
    return (
        "localStorage.setItem('/.__palette', JSON.stringify("
        f"{{index: {0 if scheme == 'default' else 1}, color: {{scheme: '{scheme}'}}}}))"
    )


def _axe_at_rest(page: Page) -> list[str]:
    # Measure contrast at rest: Material fades tabs in, and a half-faded tab fails AA.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.wait_for_load_state("networkidle")
    return _serious(Axe().run(page))


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_accessibility_violation_on_any_page(
    browser: Browser, base_url, site, viewport, scheme
):
    context = browser.new_context(viewport=viewport)
    context.add_init_script(_palette(scheme))
    page = context.new_page()
    problems = Problems(page)
    addresses = sorted(
        str(index.parent.relative_to(site)).replace(".", "") for index in site.rglob("index.html")
    )
    assert len(addresses) > 30
    found = {}
    for address in addresses:
        page.goto(base_url + (address + "/" if address else ""))
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        if violations := _axe_at_rest(page):
            found[address] = violations
    assert found == {}
    assert problems.seen == []
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_search_results_have_no_serious_accessibility_violation(page: Page, base_url, scheme):
    page.add_init_script(_palette(scheme))
    search(page, base_url, "Kochetkov")
    expect(page.locator(".pagefind-ui__message")).to_contain_text("result")
    violations = _axe_at_rest(page)
    shoot(page, f"desktop-search-{scheme}")
    assert violations == []
    assert page.problems.seen == []


@pytest.mark.parametrize("name", ["report", "timeline", "contributing"])
def test_tab_on_a_phone_never_lands_off_screen(browser: Browser, base_url, name):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    # Material's palette switch is a hidden radio button; its focus ring is drawn on the
    # label beside it (.md-option.focus-visible + label).
    where = """() => { let e = document.activeElement;
        if (e.matches(".md-option")) e = e.nextElementSibling;
        const r = e.getBoundingClientRect();
        return [e.outerHTML.slice(0, 80), r.left, r.right, r.top, r.bottom]; }"""
    for _ in range(40):
        page.keyboard.press("Tab")
        html, left, right, top, bottom = page.evaluate(where)
        assert right > left and bottom > top, f"focus on something not drawn: {html}"
        assert left >= 0 and right <= PHONE["width"], f"focus off-screen: {html} {left}-{right}"
        assert top < PHONE["height"] and bottom > 0, f"focus off-screen: {html} {top}-{bottom}"
    context.close()


# --- data and citations ------------------------------------------------------------------


def test_a_researcher_downloads_a_csv_and_a_bibtex_file_and_reads_them(page: Page, base_url):
    page.goto(base_url + "data/")
    with page.expect_download() as csv_download:
        page.locator("a[href='figures.csv']").click()
    raw = Path(csv_download.value.path()).read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == sum(len(a.meta.figures) for a in ARTICLES)
    assert {row["report_id"] for row in rows} <= {a.slug for a in ARTICLES}
    page.goto(base_url + PAGES["report"])
    with page.expect_download() as bib_download:
        page.locator(".citation-actions a", has_text="BibTeX").click()
    entry = Path(bib_download.value.path()).read_text("utf-8")
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", entry, re.MULTILINE))
    assert entry.startswith(f"@article{{{OUTNEWS.slug},")
    assert fields["author"] == OUTNEWS.meta.source.author
    assert fields["journal"] == "OutNews Global" and fields["url"] == OUTNEWS.meta.source.url


def test_a_reader_copies_a_reports_citation_with_the_day_they_read_it(browser: Browser, base_url):
    context = browser.new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + PAGES["report"])
    page.get_by_role("button", name="Copy the citation").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    today = dt.date.today()
    assert copied.startswith(f"{OUTNEWS.meta.source.author}. “{OUTNEWS.meta.title}”")
    assert f"/reports/{OUTNEWS.slug}/." in copied
    assert copied.endswith(f"Accessed {today.day} {today:%B %Y}.")
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    context.close()


def test_a_printed_report_carries_its_citation_and_not_the_sites_controls(page: Page, base_url):
    page.goto(base_url + PAGES["report"])
    page.emulate_media(media="print")
    citation = page.locator(".citation-text")
    expect(citation).to_be_visible()
    expect(citation).to_contain_text(f"/reports/{OUTNEWS.slug}/")
    expect(citation).to_contain_text("Accessed")
    expect(page.locator(".citation-actions")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    page.pdf(path=str(SCREENSHOTS / "print-report.pdf"))
