"""Golden pages: every page of the five-report site, as a reader gets it, compared with the
snapshot committed in tests/__snapshots__/. A refactor must leave them byte for byte the
same; an intended change is reviewed in the diff and accepted with
`.venv/bin/python -m pytest tests/test_golden.py --snapshot-update`.

One test per page, named by the page's folder (`.` is the home page), so one difference
does not hide the others; the pages are the ones the snapshot file names, and one more test
checks that the site builds exactly those pages: a page that is new or no longer built fails
it. With --snapshot-update a new page is written to the snapshot file (by that test, under
the name its own test will use) and a page no longer built is deleted from it (its test
passes without using its snapshot, which syrupy then finds unused).

Only the page's own content is compared (Material's navigation and header are the theme's),
and the feed and sitemap are left out: they carry the build's date. The site is built once
per test session (conftest's `site`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from syrupy.extensions.amber import AmberSnapshotExtension

PAGE_TEST = "test_every_page_is_as_the_golden_copy"
SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_golden.ambr"


def _golden_pages() -> list[str]:
    """The pages the committed snapshot file names, as their tests are named."""
    if not SNAPSHOTS.exists():
        return []
    name = re.compile(rf"^# name: {PAGE_TEST}\[(.+)\]$", re.MULTILINE)
    return sorted(name.findall(SNAPSHOTS.read_text("utf-8")))


def _built_pages(site: Path) -> set[str]:
    """Every page of the built site by its folder (`.`: the home page), search's left out."""
    return {
        str(page.parent.relative_to(site))
        for page in site.rglob("index.html")
        if "pagefind" not in page.parts
    }


def _content(html: str) -> str:
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    return article.decode() if article else ""


class _AsThePageTest(AmberSnapshotExtension):
    """Names a snapshot as the test of its page does (`index` is the page's name), so that
    the test of the set of pages can write a new page's snapshot with --snapshot-update
    (syrupy then warns that it "can not relate snapshot name" to that test: expected)."""

    @classmethod
    def get_snapshot_name(cls, *, test_location, index=0) -> str:
        return f"{PAGE_TEST}[{index}]"


@pytest.mark.parametrize("page", _golden_pages())
def test_every_page_is_as_the_golden_copy(site: Path, snapshot, page: str, request):
    built = site / page / "index.html"
    if not built.exists():
        if request.config.option.update_snapshots:
            return  # its snapshot is left unused: syrupy deletes it
        pytest.fail(f"{page} is no longer built (--snapshot-update deletes its snapshot)")
    # The test's id is the page, so the snapshot's name is `test_...[page]`.
    assert _content(built.read_text("utf-8")) == snapshot


def test_the_site_builds_the_golden_pages(site: Path, snapshot, request):
    built, golden = _built_pages(site), set(_golden_pages())
    assert len(built) > 30
    new, gone = sorted(built - golden), sorted(golden - built)
    if request.config.option.update_snapshots:
        as_page_test = snapshot.use_extension(_AsThePageTest)
        for page in new:
            content = _content((site / page / "index.html").read_text("utf-8"))
            assert content == as_page_test(name=page)
        return  # the pages no longer built: their tests leave their snapshots unused
    assert not new and not gone, (
        f"built without a golden copy: {new}; golden copy of a page no longer built: {gone}"
        " (read the pages, then accept them with --snapshot-update)"
    )
