"""The fact-check of the five-report site (issue 30), one test per finding, on the real
articles and the built site: what the pages say must be what the texts say."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import real_archive
from newsarchive.analyse.archive import Archive


@pytest.fixture(scope="module")
def archive() -> Archive:
    return real_archive()


def _timeline_entry(site: Path, words: str):
    soup = BeautifulSoup((site / "timeline" / "index.html").read_text("utf-8"), "html.parser")
    (entry,) = [e for e in soup.select("li.timeline-entry") if words in e.get_text()]
    return entry


def test_since_december_is_an_interval_in_the_data_not_december(site: Path):
    with (site / "data" / "events.csv").open(encoding="utf-8") as table:
        rows = [row for row in csv.DictReader(table) if "since December" in row["date_basis"]]
    deaths = [row for row in rows if "die" in row["summary"] or "killed" in row["summary"]]
    assert deaths, "the deaths 'since December' are events"
    for row in deaths:
        assert row["date"].startswith("2018-12/2019-01-"), row  # from December to publication


def test_killed_on_monday_inside_since_december_is_no_conflict(archive: Archive, site: Path):
    (deaths,) = [
        e for e in archive.timeline if any(c.key == "two-deaths-2018-19" for c in e.citations)
    ]
    assert not deaths.conflict
    entry = _timeline_entry(site, deaths.summary)
    assert "cannot all be right" not in entry.get_text()


def test_a_merge_by_the_editors_says_so_with_their_note(site: Path):
    entry = _timeline_entry(site, "Wolfgang Benedek")
    text = " ".join(entry.get_text().split())
    assert "Joined by the editors:" in text
    assert "the reports do not say so" in text


def test_a_merge_of_one_paragraph_copied_is_not_called_the_editors(archive: Archive):
    # Two Gay Times reports tell the warning to flee in one copied paragraph, in one summary.
    (warning,) = [
        e for e in archive.timeline if any(c.key == "warning-to-flee" for c in e.citations)
    ]
    assert warning.editors_note() is None


def test_relayed_figures_say_who_passes_them_on_and_the_one_primary_source(site: Path):
    page = site / "figures" / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    (row,) = [r for r in soup.select("tr") if r.th and "Deaths (2018-19" in r.th.get_text()]
    text = " ".join(row.get_text().split())
    assert "name only who relays it" in text
    assert "The one primary source the reports name for this figure is Russian LGBT Network" in text
    assert "Sir Alan Duncan passes it on from a source the report does not name" in text


def test_primary_sources_and_people_are_counted_by_record(archive: Archive):
    sources = {name for row in archive.figures for name in row.support.primary_sources}
    assert sources == {"Russian LGBT Network"}
    karimov = [
        p for p in archive.people if "Alvi Karimov" in p.spellings or "Alvi Kraimov" in p.spellings
    ]
    assert len(karimov) == 1 and karimov[0].confirmed
