"""Bounded pages: a paragraph, a figure and an event shared by 300 reports (agency copy)
must not make any page grow with the size of the cluster."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_site, copy_project
from html_tools import text_of

CLUSTER = 300


@pytest.fixture(scope="module")
def wire_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_archive

    project = copy_project(tmp_path_factory.mktemp("wire") / "project")
    shutil.rmtree(project / "articles")
    write_archive(
        project / "articles", CLUSTER, shape="wire", cluster_sizes=(CLUSTER, CLUSTER), own_share=0
    )
    out = project.parent / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


def test_no_page_grows_with_a_cluster_of_300(wire_site: Path):
    sizes = {p: p.stat().st_size for p in wire_site.rglob("*.html") if "pagefind" not in p.parts}
    reports = {
        p: s for p, s in sizes.items() if "reports" in p.parts and p.parent.name != "reports"
    }
    assert len(reports) == CLUSTER
    assert max(reports.values()) < 100_000, max(reports.items(), key=lambda i: i[1])
    assert max(sizes.values()) < 1_000_000, max(sizes.items(), key=lambda i: i[1])


def test_a_paragraph_of_300_reports_is_counted_on_each_and_listed_on_its_own_page(wire_site):
    report = next(p for p in (wire_site / "reports").iterdir() if p.is_dir())
    html = (report / "index.html").read_text("utf-8")
    notes = BeautifulSoup(html, "html.parser").select(".shared-note")
    assert notes and all(len(note.find_all("a")) <= 4 for note in notes)  # origin, page, all
    assert any(f"in {CLUSTER - 2} other reports" in n.get_text() for n in notes) or any(
        f"in {CLUSTER - 1} other reports" in n.get_text() for n in notes
    )
    group_page = next(a["href"] for n in notes for a in n.find_all("a") if "see them all" in a.text)
    own = (report / group_page / "index.html").resolve()
    listed = BeautifulSoup(own.read_text("utf-8"), "html.parser").select("ul.report-list li")
    assert len(listed) == CLUSTER


def test_an_event_told_by_300_reports_names_five_and_links_to_all(wire_site: Path):
    pages = [p for p in (wire_site / "timeline").rglob("index.html") if "event-" not in str(p)]
    entries = [
        e
        for p in pages
        for e in BeautifulSoup(p.read_text("utf-8"), "html.parser").select("li.timeline-entry")
        if "Wire event" in e.get_text()
    ]
    (entry,) = entries
    year_page = next(p for p in pages if "Wire event" in p.read_text("utf-8"))
    assert len(entry.select("a.citation")) == 5
    assert f"and {CLUSTER - 5} more" in entry.get_text()
    link = next(a["href"] for a in entry.find_all("a") if f"all {CLUSTER} reports" in a.text)
    page = (year_page.parent / link / "index.html").resolve()
    cited = BeautifulSoup(page.read_text("utf-8"), "html.parser").select("a.citation")
    assert len(cited) == CLUSTER
    # Agency copy: one paragraph copied by every report counts for its origin alone.
    assert "Reported by 1 outlet in 300 reports" in text_of(page.read_text("utf-8"))
