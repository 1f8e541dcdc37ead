"""Golden pages: every page of the five-report site, as a reader gets it, compared with the
snapshot committed in tests/__snapshots__/. A refactor must leave them byte for byte the
same; an intended change is reviewed in the diff and accepted with
`.venv/bin/python -m pytest tests/test_golden.py --snapshot-update`.

Only the page's own content is compared (Material's navigation and header are the theme's),
and the feed and sitemap are left out: they carry the build's date.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def _content(html: str) -> str:
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    return article.decode() if article else ""


def test_every_page_is_as_the_golden_copy(site: Path, snapshot):
    pages = sorted(p for p in site.rglob("index.html") if "pagefind" not in p.parts)
    assert len(pages) > 30
    for page in pages:
        name = str(page.parent.relative_to(site)) or "home"
        assert _content(page.read_text("utf-8")) == snapshot(name=name)
