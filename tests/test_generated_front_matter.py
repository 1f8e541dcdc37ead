"""Every generated page's front matter is YAML whatever its title holds: never page text.

A title written into a template by hand ("title: Timeline: events without a date") is not
YAML; MkDocs then shows the block as the page's text, indexed for search, and the page
loses its title and its `search: exclude`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

from conftest import ROOT, build_site, copy_project, set_paging
from html_tools import read_page
from newsarchive.render.page import front_matter

TEMPLATES = ROOT / "hooks" / "newsarchive" / "templates"
SITE_NAME = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M).group(1)

HOSTILE_TITLES = [
    "Timeline: events without a date",
    "Timeline: 2019",
    "2019",
    "yes",
    "null",
    "- a list?",
    "# not a comment",
    "---",
    "a: b: c",
    "'quoted' and \"double\"",
    "{flow: mapping}",
    "[a, b]",
    "*alias & <tag> !bang %percent @at `tick` |pipe >fold",
    "Ünïcödé: Новая газета",
    "x" * 300,
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_front_matter_reads_back_as_written(title: str):
    head = front_matter(title, f"About {title}", hide=["toc"], search=False)
    body, meta = get_data(f"{head}\n# Heading\n")  # as MkDocs reads a page
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace('"', "&quot;")
    assert meta == {
        "title": escaped,
        "description": f"About {escaped}",
        "hide": ["toc"],
        "search": {"exclude": True},
    }
    assert body == "# Heading\n"


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_no_template_writes_front_matter_by_hand(template: Path):
    """Front matter comes from `front_matter` only: no template writes its own fields."""
    text = template.read_text("utf-8")
    assert not re.search(r"^(---\s*|(title|description|hide|search):.*)$", text, re.M)


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real archive with every list split by year (the timeline into a page per year)."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    set_paging(project, split_above=2)
    out = tmp_path_factory.mktemp("site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


def _front_matter_shown(html: str) -> list[str]:
    """The lines of a page's visible text that look like front matter."""
    content = BeautifulSoup(html, "html.parser").select_one(".md-content")
    if content is None:
        return []
    for example in content.select("pre, code"):  # the guide's examples of front matter
        example.decompose()
    lines = content.get_text("\n").splitlines()
    fields = re.compile(r"^\s*(---|(title|description|hide|search|exclude):)")
    return [line for line in lines if fields.match(line)]


def test_no_generated_page_shows_its_front_matter(split_site: Path):
    pages = sorted(split_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        shown = _front_matter_shown(path.read_text("utf-8"))
        assert not shown, f"{path.relative_to(split_site)} shows front matter: {shown}"


def _title_and_heading(html: str) -> tuple[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.select_one(".md-content h1")
    return soup.title.get_text(), heading.get_text().rstrip("¶")


def test_split_timeline_pages_have_their_titles_and_stay_out_of_search(split_site: Path):
    """Each page of the split timeline (a year, a month, the undated events): its title."""
    titles = []
    for path in sorted((split_site / "timeline").rglob("index.html")):
        html = path.read_text("utf-8")
        if '<ol class="timeline">' not in html:
            continue  # an index of months, or an event's own page
        title, heading = _title_and_heading(html)
        assert heading.startswith("Timeline: ") and title == f"{heading} - {SITE_NAME}", path
        assert "data-pagefind-body" not in html, path  # its `search: exclude` was read
        titles.append(heading)
    assert "Timeline: events without a date" in titles
    assert any(re.fullmatch(r"Timeline: (\w+ )?\d{4}", title) for title in titles), titles


def test_the_undated_page_of_the_whole_timeline_has_its_title(split_site: Path, tmp_path: Path):
    """Unsplit too (the real site's paging): the undated page's title and heading."""
    out = tmp_path / "site"
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stderr
    html = read_page(out, "timeline/undated/")
    title = "Timeline: events without a date"
    assert _title_and_heading(html) == (f"{title} - {SITE_NAME}", title)
    assert not _front_matter_shown(html) and "data-pagefind-body" not in html
