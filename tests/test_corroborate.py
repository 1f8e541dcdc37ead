"""Corroboration on the five real reports (results checked by reading the texts) and on
small synthetic cases for the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from newsarchive.archive import Archive, analyse
from newsarchive.corroborate import figure_rows
from newsarchive.load import load_archive
from newsarchive.model import Article, FrontMatter
from newsarchive.people import find_people


@pytest.fixture(scope="module")
def archive() -> Archive:
    articles, problems = load_archive([ROOT / "articles"], root=ROOT)
    assert problems == []
    return analyse(articles)


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


def test_figures_side_by_side_with_independent_support(archive: Archive):
    rows = {row.title: row for row in archive.figures}
    detained = rows["detained (2018-19 crackdown)"]
    support = {v.text: (len(v.reports), len(v.sources)) for v in detained.values()}
    assert support == {"around 40": (1, 1), "at least 40": (1, 1), "40": (4, 3)}
    deaths = rows["deaths (2018-19 crackdown)"]
    assert {v.text: (len(v.reports), len(v.sources)) for v in deaths.values()} == {
        "at least 2": (2, 2),
        "2": (3, 2),
    }
    # The 2017 deaths are another period: another row, never merged with 2019's.
    assert rows["deaths (2017 purge)"].values()[0].text == "3"
    assert not any(row.disagree for row in archive.figures)


def test_people_with_two_spellings_are_one_person_pending_confirmation(archive: Archive):
    variants = [p for p in archive.people if p.is_variant]
    assert [sorted(p.spellings) for p in variants] == [["Alvi Karimov", "Alvi Kraimov"]]
    assert not variants[0].confirmed
    names = {p.name for p in archive.people}
    assert {"Igor Kochetkov", "Sir Alan Duncan", "Robert Palldino"} <= names
    kochetkov = next(p for p in archive.people if p.name == "Igor Kochetkov")
    assert len(kochetkov.articles) == 4
    assert len(archive.unnamed) == 4


# --- the rules, on small synthetic reports ----------------------------------------------


def report(slug: str, body: str, figures=(), quotes=(), day: str = "2019-01-14") -> Article:
    meta = FrontMatter.model_validate(
        {
            "title": slug,
            "title_source": "editorial",
            "title_note": "test",
            "source": {
                "outlet": slug,
                "url": f"https://example.org/{slug}",
                "author": "A",
                "published": {"date": day},
            },
            "language": "en",
            "summary": "s",
            "figures": list(figures),
            "quotes": list(quotes),
        }
    )
    return Article(Path(f"{day}-{slug}.md"), f"{day}-{slug}", meta, body, 1)


def figure(value: int, qualifier: str, quote: str, period: str = "2019") -> dict:
    return {
        "label": "killed",
        "value": value,
        "qualifier": qualifier,
        "quote": quote,
        "period": period,
    }


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
