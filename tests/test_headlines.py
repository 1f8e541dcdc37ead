"""Headlines by independent support (issue 30, item 5): the home page's key figures, the
claims of the Figures page and each claim's values are ranked by the outlets and primary
sources behind them, never by how many reports repeat them. Checked on the five real
reports (built, as a reader sees them) and on small fictional ones for the rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, make_article
from newsarchive.analyse.archive import Archive, analyse
from newsarchive.analyse.figures import figure_rows, say_figure
from newsarchive.analyse.shared_passages import find_shared
from newsarchive.load import load_archive
from newsarchive.render.site import HOME_FIGURES


@pytest.fixture(scope="module")
def archive() -> Archive:
    articles, problems = load_archive([ROOT / "articles"], root=ROOT)
    assert problems == []
    return analyse(articles)


def _values(archive: Archive, title: str) -> list[str]:
    row = next(row for row in archive.figures if row.title == title)
    return [say_figure(value.figure) for value in row.values()]


def _home_titles(site: Path) -> list[str]:
    html = (site / "index.html").read_text("utf-8")
    return re.findall(r'class="key-figure-title"><a href="[^"]*">([^<]*)</a>', html)


def test_the_networks_at_least_2_deaths_leads_one_outlets_bare_2(archive: Archive, site: Path):
    # "2": three Gay Times reports, one outlet, no source named; "at least 2": Scroll.in
    # and OutNews Global, both naming the Russian LGBT Network.
    assert _values(archive, "deaths (2018-19 crackdown)") == ["at least 2", "2"]
    (deaths,) = [row for row in archive.figures if row.title == "deaths (2018-19 crackdown)"]
    assert [say_figure(v.figure) for v in deaths.best_supported(1)] == ["at least 2"]
    # As the reader sees it: first on the home page's card and in the Figures page's row.
    home = (site / "index.html").read_text("utf-8")
    card = home.split('href="figures/#figure-deaths-2018-19-crackdown"', 1)[1]
    assert card.index("at least 2 people") < card.index("<strong>2 people")
    figures = (site / "figures" / "index.html").read_text("utf-8")
    row = figures.split('id="figure-deaths-2018-19-crackdown"', 1)[1].split("</tr>", 1)[0]
    assert row.index("at least 2 people:") < row.index(">2 people:")


def test_one_2017_anecdote_is_not_headlined_above_the_2017_death_toll(archive: Archive, site: Path):
    # "9th floor" and "17-year-old" are one paragraph of one Gay Times report, copied into a
    # second one: one outlet, like Scroll.in's 2017 toll, but a detail of one case.
    titles = [row.title for row in archive.figures]
    toll = titles.index("deaths (2017 purge)")
    assert toll < titles.index("balcony floor (2017 purge)")
    assert toll < titles.index("victim age (2017 purge)")
    home = _home_titles(site)
    assert len(home) == HOME_FIGURES
    assert home[0] == "Deaths (2018-19 crackdown)"
    assert "Detained (2018-19 crackdown)" in home[:3]  # with the deaths by torture
    floor = "Balcony floor (2017 purge)"
    assert floor not in home or home.index("Deaths (2017 purge)") < home.index(floor)
    assert "Victim age (2017 purge)" not in home


def test_claims_several_outlets_carry_lead_and_single_outlet_ones_say_so(
    archive: Archive, site: Path
):
    outlets = [row.support.outlet_count for row in archive.figures]
    assert outlets == sorted(outlets, key=lambda count: count < 2)  # corroborated first
    assert outlets[:3] == [3, 3, 3] and set(outlets[3:]) == {1}
    html = (site / "index.html").read_text("utf-8")
    cards = re.split(r'<div class="key-figure(?: disagree)?">', html)[1:]
    noted = ["Reported by one outlet only." in card for card in cards]
    assert noted == [count == 1 for count in outlets[:HOME_FIGURES]]


# --- the rule, on fictional reports -----------------------------------------------------


def _figure(value: int, qualifier: str, quote: str, **more) -> dict:
    return {
        "label": "deaths",
        "value": value,
        "qualifier": qualifier,
        "quote": quote,
        "period": "2019",
        "attributed_to": "unattributed",
        **more,
    }


def test_two_outlets_saying_b_outrank_three_reports_of_one_outlet_saying_a():
    # The Daily Echo says "5" three times (A); the Courier and the Herald say "7" (B).
    a = [
        make_article(
            f"echo-{day}",
            body=f"Five people died, officials said on day {day}.",
            figures=[_figure(5, "unqualified", "Five people died")],
            published=f"2019-01-1{day}",
            outlet="Daily Echo",
        )
        for day in (1, 2, 3)
    ]
    b = [
        make_article(
            slug,
            body=f"{words} seven people died in custody.",
            figures=[_figure(7, "unqualified", "seven people died")],
            published="2019-01-14",
            outlet=outlet,
        )
        for slug, outlet, words in (
            ("courier", "Courier", "The Courier learnt that"),
            ("herald", "Herald", "According to the Herald,"),
        )
    ]
    articles = a + b
    (row,) = figure_rows(articles, find_shared(articles))
    values = row.values()
    assert [say_figure(v.figure) for v in values] == ["7", "5"]
    assert [len(v.reports) for v in values] == [2, 3]  # more reports, ranked second
    assert [v.outlet_count for v in values] == [2, 1]
    assert [say_figure(v.figure) for v in row.best_supported(1)] == ["7"]


def test_a_claim_two_outlets_carry_leads_a_single_outlets_even_with_more_reports():
    def report(slug: str, outlet: str, label: str, day: str) -> object:
        return make_article(
            slug,
            body=f"Report {slug}: three people were held, said {outlet}.",
            figures=[{**_figure(3, "exactly", "three people were held"), "label": label}],
            published=day,
            outlet=outlet,
        )

    articles = [
        report("a1", "Echo", "arrested", "2019-01-11"),
        report("a2", "Echo", "arrested", "2019-01-12"),
        report("a3", "Echo", "arrested", "2019-01-13"),
        report("b1", "Courier", "released", "2019-01-14"),
        report("b2", "Herald", "released", "2019-01-15"),
    ]
    rows = figure_rows(articles, [])
    assert [row.label for row in rows] == ["released", "arrested"]


def test_ties_in_support_go_to_the_qualified_number_then_the_lower_value():
    # One outlet each, no source named: "at least 2" before "2" before "dozens"; then 2 before 3.
    said = [
        ("w", _figure(3, "unqualified", "three died")),
        ("x", {**_figure(0, "dozens", "dozens died"), "value": None}),
        ("y", _figure(2, "unqualified", "two died")),
        ("z", _figure(2, "at least", "at least two died")),
    ]
    articles = [
        make_article(slug, body=f"In {slug}, {f['quote']}.", figures=[f], outlet=slug)
        for slug, f in said
    ]
    (row,) = figure_rows(articles, [])
    assert [say_figure(v.figure) for v in row.values()] == ["at least 2", "2", "3", "dozens"]
    # And the same reports in another order rank the same way: the order is the rule's.
    (again,) = figure_rows(articles[::-1], [])
    assert [say_figure(v.figure) for v in again.values()] == ["at least 2", "2", "3", "dozens"]
