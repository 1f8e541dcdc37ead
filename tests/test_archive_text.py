"""The hand-written pages (docs/*.md) and the site's description stay true as the archive
changes: no count of reports that the archive does not make itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_site, copy_project

HAND_WRITTEN = sorted(
    "" if page.stem == "index" else f"{page.stem}/" for page in (ROOT / "docs").glob("*.md")
)
NUMBERS = "one two three four five six seven eight nine ten eleven twelve".split()
# "five reports", "The 5 collected reports", "Five news reports of January 2019"; not
# "more than one report"
SAYS_HOW_MANY = re.compile(
    rf"(?<!than )\b(\d[\d,]*|{'|'.join(NUMBERS)})\s+(?:\w+\s+)?reports?\b", re.I
)
# The home page's blocks that the hook makes (render/site.py): counted by the archive.
GENERATED = ".key-figures, .report-list"


def _count(word: str) -> int:
    word = word.lower().replace(",", "")
    return int(word) if word.isdigit() else NUMBERS.index(word) + 1


def _claims(html: str) -> list[tuple[str, int]]:
    """Each "N reports" a page says outside its generated blocks, with its description."""
    soup = BeautifulSoup(html, "html.parser")
    for block in soup.select(GENERATED):
        block.decompose()
    content = soup.select_one(".md-content")
    description = soup.select_one('meta[name="description"]')
    texts = [
        content.get_text(" ") if content else "",
        description["content"] if description else "",
    ]
    return [
        (found[0], _count(found[1])) for text in texts for found in SAYS_HOW_MANY.finditer(text)
    ]


@pytest.fixture(scope="module", params=["as it is", "one report fewer"])
def built(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The site and the number of reports it holds: the real archive, and a copy of it with
    its newest report removed."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    articles = sorted((project / "articles").glob("*.md"))
    if request.param == "one report fewer":
        articles.pop().unlink()
    out = tmp_path_factory.mktemp("site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out, len(articles)


@pytest.mark.parametrize("page", HAND_WRITTEN)
def test_hand_written_pages_claim_no_count_the_archive_does_not_make(built, page: str):
    site, reports = built
    html = (site / page / "index.html").read_text("utf-8")
    wrong = [said for said, count in _claims(html) if count != reports]
    assert not wrong, f"{page or 'home'} says {wrong}; the archive holds {reports} reports"


def test_the_check_finds_a_count():
    html = (
        '<meta name="description" content="Five news reports of January 2019">'
        '<div class="md-content">The 5 reports, in more than one report. '
        '<div class="key-figures">in 2 reports</div></div>'
    )
    assert _claims(html) == [("5 reports", 5), ("Five news reports", 5)]
