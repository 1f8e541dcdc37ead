"""Corroboration on the five real reports (results checked by reading the texts) and on
small synthetic cases for the rules."""

from __future__ import annotations

import pytest

from conftest import make_article, real_archive
from newsarchive.analyse.archive import Archive
from newsarchive.analyse.figures import VAGUE_BOUNDS, figure_rows, say_figure
from newsarchive.analyse.people import find_people
from newsarchive.analyse.shared_passages import find_shared
from newsarchive.model import VAGUE_QUALIFIERS, Article
from newsarchive.render.words import say_attribution, say_support


@pytest.fixture(scope="module")
def archive() -> Archive:
    return real_archive()


def short(article: Article) -> str:
    return article.slug[11:]


def test_shared_paragraphs_are_the_gay_times_repeats(archive: Archive):
    pairs: dict[tuple[str, str], int] = {}
    for group in archive.shared:
        for member in group.members[1:]:
            key = (short(member.article), short(group.origin.article))
            pairs[key] = pairs.get(key, 0) + 1
    assert pairs == {
        ("gay-times-foreign-offices-condemn-purge", "gay-times-two-killed-40-detained"): 4,
        ("gay-times-officials-blame-sick-imaginations", "gay-times-two-killed-40-detained"): 9,
        (
            "gay-times-officials-blame-sick-imaginations",
            "gay-times-foreign-offices-condemn-purge",
        ): 7,
    }
    reworded = [
        group.origin.text[:40]
        for group in archive.shared
        for member in group.members[1:]
        if group.kind(member) == "reworded"
    ]
    assert sorted(reworded) == [
        "Foreign Office Minister, Sir Alan Duncan",
        "It was reported last week that Chechnya ",
    ]
    # Scroll.in and OutNews Global quote the same statements in their own words: not copies.
    for group in archive.shared:
        assert all(m.article.meta.source.outlet == "Gay Times" for m in group.members)
        assert not group.order_certain  # the Gay Times publication windows overlap


def _support(row) -> dict:
    return {
        say_figure(v.figure): (
            len(v.reports),
            v.outlets,
            v.primary_sources,
            len(v.unnamed_reports),
            len(v.relayed_reports),
        )
        for v in row.values()
    }


def test_figures_count_outlets_and_named_primary_sources_not_reports(archive: Archive):
    rows = {row.title: row for row in archive.figures}
    gay_times, scroll, outnews = "Gay Times", "Scroll.in", "OutNews Global"
    network = ["Russian LGBT Network"]
    assert _support(rows["detained (2018-19 crackdown)"]) == {
        "around 40": (1, [outnews], network, 0, 0),
        "at least 40": (1, [gay_times], [], 0, 1),  # the State Department relays it
        "40": (4, [gay_times, scroll], network, 3, 0),
    }
    # Three Gay Times reports are one outlet, and none of them names where "2" comes from:
    # two name only who relays it (Sir Alan Duncan, the State Department).
    assert _support(rows["deaths (2018-19 crackdown)"]) == {
        "at least 2": (2, [outnews, scroll], network, 0, 0),
        "2": (3, [gay_times], [], 1, 2),
    }
    # "A further 40 remain in detention" is another claim than "40 detained".
    assert _support(rows["still detained (2018-19 crackdown)"]) == {
        "40": (2, [gay_times], [], 0, 2)
    }
    # The 2017 deaths are another period: another row, never merged with 2019's.
    assert say_figure(rows["deaths (2017 purge)"].values()[0].figure) == "3"
    assert not any(row.disagree for row in archive.figures)


def test_people_with_two_spellings_are_one_person_by_their_record(archive: Archive):
    variants = [p for p in archive.people if p.is_variant]
    assert [sorted(p.spellings) for p in variants] == [["Alvi Karimov", "Alvi Kraimov"]]
    assert variants[0].confirmed  # records.yml lists both spellings
    names = {p.name for p in archive.people}
    assert {"Igor Kochetkov", "Sir Alan Duncan", "Robert Palldino"} <= names
    kochetkov = next(p for p in archive.people if p.name == "Igor Kochetkov")
    assert len(kochetkov.articles) == 4
    assert len(archive.unnamed) == 5  # "complete lie": the Chechen authorities, no one named


# --- the rules, on small synthetic reports ----------------------------------------------


def report(
    slug: str, body: str, figures=(), quotes=(), day: str = "2019-01-14", outlet: str = ""
) -> Article:
    """A report whose outlet is its slug, unless `outlet` says otherwise."""
    return make_article(
        slug, body=body, figures=figures, quotes=quotes, published=day, outlet=outlet or slug
    )


def figure(value: int, qualifier: str, quote: str, period: str = "2019", **more) -> dict:
    return {
        "label": "killed",
        "value": value,
        "qualifier": qualifier,
        "quote": quote,
        "period": period,
        "attributed_to": "unattributed",
        **more,
    }


def test_two_reports_of_one_outlet_count_once_and_copies_count_for_their_origin():
    body = (
        "Officials in the region said on Monday that two were killed in custody after the "
        "detentions of last week, and that the families of the victims were threatened."
    )
    named = figure(2, "exactly", "two were killed", primary_source="Officials")
    a = report("a", body, [named], day="2019-01-14")
    b = report("b", body, [named], day="2019-01-15", outlet="a")
    (value,) = figure_rows([a, b], [])[0].values()
    assert len(value.reports) == 2 and value.outlets == ["a"]
    assert value.primary_sources == ["Officials"] and value.unnamed_reports == []
    # Another outlet repeating a's paragraph word for word is not an independent outlet.
    c = report("c", body, [named], day="2019-01-16")
    (value,) = figure_rows([c, a], find_shared([c, a]))[0].values()
    assert len(value.reports) == 2 and value.outlets == ["a"]


def test_primary_sources_are_matched_like_names():
    one = figure(2, "exactly", "two", primary_source="the Russian LGBT Network")
    two = figure(2, "exactly", "two", primary_source="Russian LGBT network")
    rows = figure_rows([report("a", "two", [one]), report("b", "two", [two])], [])
    assert len(rows[0].values()[0].primary_sources) == 1


def test_every_vague_qualifier_the_model_accepts_has_the_bounds_it_is_compared_by():
    assert set(VAGUE_BOUNDS) == VAGUE_QUALIFIERS


def test_an_unattributed_figure_says_so():
    row = figure_rows([report("a", "two were killed", [figure(2, "exactly", "two")])], [])[0]
    assert say_attribution(row.claims[0].figure) == "not attributed in the report"
    expected = "reported by 1 outlet in 1 report, none naming a primary source"
    assert say_support(row.values()[0]) == expected


def test_contradicting_qualifiers_flag_a_row_and_periods_stay_apart():
    a = report("a", "Exactly two were killed.", [figure(2, "exactly", "two were killed")])
    b = report("b", "At least three were killed.", [figure(3, "at least", "three were killed")])
    c = report("c", "Around 40 died in 2017.", [figure(40, "around", "Around 40", "2017")])
    rows = {(r.label, r.period): r for r in figure_rows([a, b, c], [])}
    assert rows[("killed", "2019")].disagree
    assert not rows[("killed", "2017")].disagree


def test_editors_person_keys_confirm_or_separate_spellings():
    quote = {"role": "spokesperson", "text": "x"}
    a = report("a", "x", quotes=[{**quote, "name": "Alvi Karimov"}])
    b = report("b", "x", quotes=[{**quote, "name": "Alvi Kraimov"}])
    people, _ = find_people([a, b])
    assert len(people) == 1 and people[0].is_variant and not people[0].confirmed

    a = report("a", "x", quotes=[{**quote, "name": "Alvi Karimov", "person": "alvi"}])
    b = report("b", "x", quotes=[{**quote, "name": "Alvi Kraimov", "person": "alvi"}])
    (person,) = find_people([a, b])[0]
    assert person.confirmed and person.is_variant

    a = report("a", "x", quotes=[{**quote, "name": "Alvi Karimov", "person": "karimov"}])
    b = report("b", "x", quotes=[{**quote, "name": "Alvi Kraimov", "person": "kraimov"}])
    assert len(find_people([a, b])[0]) == 2


def test_names_that_differ_more_are_different_people():
    quote = {"role": "r", "text": "x"}
    a = report("a", "x", quotes=[{**quote, "name": "Igor Kochetkov"}])
    b = report("b", "x", quotes=[{**quote, "name": "Igor Konovalov"}])
    c = report("c", "x", quotes=[{**quote, "name": "Sir Alan Duncan"}])
    d = report("d", "x", quotes=[{**quote, "name": "Alan Duncan"}])
    people, _ = find_people([a, b, c, d])
    assert sorted(len(p.quotes) for p in people) == [1, 1, 2]


def test_a_name_is_headed_by_the_spelling_most_reports_use_not_most_quotes():
    quote = {"role": "spokesperson"}
    a = report("a", "x y z", quotes=[{**quote, "name": "Alvi Kraimov", "text": t} for t in "xyz"])
    b = report("b", "x", quotes=[{**quote, "name": "Alvi Karimov", "text": "x"}])
    c = report("c", "x", quotes=[{**quote, "name": "Alvi Karimov", "text": "x"}])
    (person,) = find_people([a, b, c])[0]
    assert person.spellings == ["Alvi Karimov", "Alvi Kraimov"]
    # An editor's key that spells the name out decides, whatever the counts.
    keyed = [{**quote, "name": "Alvi Kraimov", "text": "x", "person": "alvi-kraimov"}]
    b = report(
        "b", "x", quotes=[{**quote, "name": "Alvi Karimov", "text": "x", "person": "alvi-kraimov"}]
    )
    (person,) = find_people(
        [
            report("a", "x", quotes=keyed),
            b,
            report(
                "c",
                "x",
                quotes=[{**quote, "name": "Alvi Karimov", "text": "x", "person": "alvi-kraimov"}],
            ),
        ]
    )[0]
    assert person.spellings[0] == "Alvi Kraimov"
