"""Hostile articles that pass the check, built into the real site and driven in Chromium:
no script but the project's own runs, whatever page or search a reader opens, and every
citation file and the feed still read as one record per report.

Each payload calls alert() or sets window.__xss; an init script counts both, and any
dialog fails the test too. Each class of issue 35 has at least one case here.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import quote

import bibtexparser
import pytest
import rispy
from markupsafe import escape
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import FIXTURES, ROOT, build_site, copy_project, served

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "tests" / "screenshots"))
XSS = "<img src=x onerror=alert(1)>"
HOSTILE_OUTLET = f"Evil {XSS} & Co"
# Each case: (file stem, front matter replacements, body added). All pass the check.
CASES = {
    # 1. search filters render as HTML: an outlet and an author that are markup.
    "2019-01-14-filter-markup": (
        {
            "Example News": HOSTILE_OUTLET,
            "Jane Doe": '<svg onload="alert(1)">',
            '"https://example.org/report"': '"https://example.org/filter"',
        },
        "",
    ),
    # 2. attributes from report text: attr_list, a heading that takes Material's id.
    "2019-01-14-attribute-lists": (
        {'"https://example.org/report"': '"https://example.org/attributes"'},
        '\nA paragraph with zebracorn words.\n{: data-pagefind-meta="url:javascript:alert(1)" '
        'data-pagefind-filter="outlet:BBC News" #__config }\n\n## __config\n\n'
        "{: #__search onclick=alert(1) }\n",
    ),
    # 4. front matter values are text, never Markdown: links, attribute lists, headings.
    "2019-01-14-values-as-markdown": (
        {
            '"Example report"': '"[click](javascript:alert(1)) {: #__config } <script>'
            'alert(1)</script>"',
            '"A short example."': '"## __config {: onclick=alert(1) } *x* `y` '
            '<b onmouseover=alert(1)>z</b>"',
            "Igor Kochetkov": "__config",
            "spokesperson": '"</p><script>alert(1)</script>"',
            '"https://example.org/report"': '"https://example.org/values"',
        },
        "",
    ),
}


def _article(base: str, replacements: dict[str, str], body: str) -> str:
    for old, new in replacements.items():
        assert old in base, old
        base = base.replace(old, new, 1)
    return base + body


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile-project"))
    base = (FIXTURES / "valid" / "2019-01-14-example-minimal.md").read_text("utf-8")
    for stem, (replacements, body) in CASES.items():
        text = _article(base, replacements, body)
        (project / "articles" / f"{stem}.md").write_text(text, "utf-8")
    out = tmp_path_factory.mktemp("hostile-site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path):
    with served(hostile_site) as url:
        yield url


# Counts every alert() and every write to window.__xss before any page script runs.
_TRAP = """
window.__ran = [];
window.alert = (...args) => { window.__ran.push("alert " + args.join(" ")); };
Object.defineProperty(window, "__xss", { set(v) { window.__ran.push("__xss " + v); } });
"""


def _open(browser: Browser, url: str) -> tuple[Page, list[str]]:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(_TRAP)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, dialogs


def _assert_no_foreign_script(page: Page, dialogs: list[str]) -> None:
    ran = page.evaluate("window.__ran")
    assert ran == [] and dialogs == [], (page.url, ran, dialogs)
    # Material's own script read its #__config and ran: its globals exist.
    assert page.evaluate("typeof window.document$") == "object", page.url
    assert page.locator("#__config").count() == 1
    assert page.evaluate("document.querySelector('#__config').tagName") == "SCRIPT"
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        assert not href.lower().startswith(("javascript:", "data:", "vbscript:")), href


def _pages(site: Path) -> list[str]:
    stems = list(CASES)
    found = [f"reports/{stem}/" for stem in stems]
    found += ["", "reports/", "timeline/", "figures/", "people/", "outlets/", "tags/"]
    outlet = next(p for p in (site / "outlets").iterdir() if p.name.startswith("evil"))
    found.append(f"outlets/{outlet.name}/")
    found += [f"people/{p.name}/" for p in (site / "people").iterdir() if "config" in p.name]
    return found


def test_no_page_of_a_hostile_site_runs_foreign_script(
    browser: Browser, hostile_site: Path, hostile_url: str
):
    for path in _pages(hostile_site):
        page, dialogs = _open(browser, hostile_url + path)
        _assert_no_foreign_script(page, dialogs)
        page.close()


def test_report_text_attributes_and_headings_stay_text(browser: Browser, hostile_url: str):
    page, dialogs = _open(browser, hostile_url + "reports/2019-01-14-attribute-lists/")
    text = page.locator(".md-content").inner_text()
    assert '{: data-pagefind-meta="url:javascript:alert(1)"' in text  # shown, not applied
    assert page.locator("[data-pagefind-meta^='url']").count() == 0
    assert page.locator("[data-pagefind-filter*='BBC']").count() == 0
    assert page.locator("h2#text-__config").count() == 1  # the report's heading, prefixed
    _assert_no_foreign_script(page, dialogs)


def test_values_show_as_written_not_as_markdown(browser: Browser, hostile_url: str):
    page, dialogs = _open(browser, hostile_url + "reports/2019-01-14-values-as-markdown/")
    title = page.locator("h1").first.inner_text()
    assert title.startswith("[click](javascript:alert(1)) {: #__config } <script>")
    assert page.locator(".md-content a[href^='javascript']").count() == 0
    _assert_no_foreign_script(page, dialogs)


@pytest.mark.parametrize(
    "query",
    [
        # As the search page writes a ticked outlet into the address: the indexed value.
        f"?q=example&outlet={quote(str(escape(str(escape(HOSTILE_OUTLET)))))}",
        f"?q=example&outlet={quote(HOSTILE_OUTLET)}",
        "?q=example&language=en",
        "?q=example&outlet=BBC+News",
    ],
)
def test_search_with_filters_in_the_address_runs_no_foreign_script(
    browser: Browser, hostile_url: str, query: str
):
    # Given a filter in the address, the search page now and then shows no values in the
    # other filter groups and never draws them (?language=en, twice in full runs under load:
    # CI and a fresh clone; never alone). Not what this test is about: open the page again,
    # up to three times, checking each for foreign script. (A reader-facing flaw: issue 33.)
    for _ in range(3):
        page, dialogs = _open(browser, hostile_url + "search/" + query)
        page.locator("#archive-search .pagefind-ui__filter-name").first.wait_for(timeout=20_000)
        page.locator("#archive-search .pagefind-ui__message").first.wait_for(timeout=20_000)
        _assert_no_foreign_script(page, dialogs)
        label = page.locator("#archive-search .pagefind-ui__filter-label", has_text="Evil")
        try:
            label.first.wait_for(state="attached", timeout=10_000)
            break
        except PlaywrightTimeout:
            page.close()
    else:
        pytest.fail("the outlet filter never showed its values")
    for group in page.locator("#archive-search details.pagefind-ui__filter-block").all():
        group.evaluate("details => { details.open = true; }")
    page.screenshot(path=str(SCREENSHOTS / f"hostile-search-{len(query)}.png"), full_page=True)
    labels = page.locator("#archive-search .pagefind-ui__filter-label").all_text_contents()
    labels = [" ".join(label.split()) for label in labels]
    # The outlet's name is shown as the text it is, in the outlet filter.
    assert any(label.startswith(HOSTILE_OUTLET) for label in labels), labels
    assert page.locator("#archive-search img").count() == 0
    for href in page.eval_on_selector_all(
        "#archive-search a", "links => links.map(a => a.getAttribute('href'))"
    ):
        assert href.startswith("/"), href
    _assert_no_foreign_script(page, dialogs)


def test_every_citation_file_and_the_feed_read_as_one_record_per_report(hostile_site: Path):
    reports = [p.name for p in (hostile_site / "reports").iterdir() if p.is_dir()]
    reports = [name for name in reports if re.match(r"\d{4}-", name)]
    for name in reports:
        ris = rispy.loads((hostile_site / "citations" / f"{name}.ris").read_text("utf-8"))
        assert len(ris) == 1, name
        bib = bibtexparser.parse_string(
            (hostile_site / "citations" / f"{name}.bib").read_text("utf-8")
        )
        assert len(bib.entries) == 1 and not bib.failed_blocks, name
    feed = ElementTree.parse(hostile_site / "feed.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == len(reports)
