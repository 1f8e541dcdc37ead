from __future__ import annotations

import datetime as dt

from conftest import make_article
from newsarchive.analyse.timeline import build_timeline
from newsarchive.model import Article
from newsarchive.render.words import entry_label


def event_entries(articles: list[Article]):
    return [e for e in build_timeline(articles, []) if e.kind == "event"]


def test_partial_dates_order_year_month_day():
    article = make_article(
        "a",
        [
            {"date": "2017-04-01", "summary": "day"},
            {"date": "2017-04", "summary": "month"},
            {"date": "2017", "summary": "year"},
            {"date": "2016-12-31", "summary": "before"},
        ],
    )
    assert [e.summary for e in event_entries([article])] == ["before", "year", "month", "day"]


def test_same_date_and_summary_is_one_event_citing_both_reports():
    a = make_article("a", [{"date": "2017", "summary": "First wave of persecution."}])
    b = make_article("b", [{"date": "2017", "summary": "first wave of  persecution"}])
    entries = event_entries([a, b])
    assert len(entries) == 1
    assert [c.article.slug for c in entries[0].citations] == [a.slug, b.slug]


def test_a_merge_of_2018_and_december_2018_is_dated_2018_and_shows_both():
    a = make_article("a", [{"date": "2018", "summary": "OSCE mechanism", "key": "osce"}])
    b = make_article("b", [{"date": "2018-12", "summary": "Benedek report", "key": "osce"}])
    (entry,) = event_entries([a, b])
    # No precision that one of the reports does not give on its own.
    assert entry.date.iso() == "2018" and not entry.conflict
    assert [(date.iso(), [c.summary for c in cited]) for date, cited in entry.dates()] == [
        ("2018", ["OSCE mechanism"]),
        ("2018-12", ["Benedek report"]),
    ]


def test_dates_that_cannot_both_be_true_are_a_conflict_with_each_side():
    a = make_article("a", [{"date": "2019-01", "summary": "Two killed", "key": "deaths"}])
    b = make_article("b", [{"date": "2018-12", "summary": "Two died", "key": "deaths"}])
    c = make_article("c", [{"date": "2018", "summary": "Two died", "key": "deaths"}])
    (entry,) = event_entries([a, b, c])
    assert entry.conflict
    assert entry_label(entry) == "2018 – January 2019"
    sides = [(date.iso(), [x.article.slug for x in cited]) for date, cited in entry.dates()]
    assert sides == [("2018", [c.slug]), ("2018-12", [b.slug]), ("2019-01", [a.slug])]


def test_an_undated_event_comes_last_without_a_date():
    a = make_article(
        "a", [{"date": None, "summary": "A warning", "key": "w"}, {"date": "2017", "summary": "x"}]
    )
    b = make_article("b", [{"date": None, "summary": "Warning posted", "key": "w"}])
    entries = event_entries([a, b])
    assert [(e.summary, e.date) for e in entries] == [("x", entries[0].date), ("A warning", None)]
    assert len(entries[1].citations) == 2 and entry_label(entries[1]) == "Date not given"


def test_an_event_counts_outlets_not_reports():
    one = make_article("one", [{"date": "2018", "summary": "S", "key": "k"}], outlet="Daily")
    two = make_article("two", [{"date": "2018", "summary": "S", "key": "k"}], outlet="Daily")
    (entry,) = event_entries([one, two])
    support = entry.support()
    assert len(support.reports) == 2 and support.outlets == ["Daily"]


def test_different_keys_split_look_alikes():
    a = make_article("a", [{"date": "2017", "summary": "Arrests", "key": "arrests-grozny"}])
    b = make_article("b", [{"date": "2017", "summary": "Arrests", "key": "arrests-argun"}])
    assert len(event_entries([a, b])) == 2


def test_an_unkeyed_event_joins_a_keyed_one_with_the_same_date_and_words():
    a = make_article("a", [{"date": "2017", "summary": "Arrests", "key": "arrests"}])
    b = make_article("b", [{"date": "2017", "summary": "Arrests"}])
    assert len(event_entries([b, a])) == 1


def test_each_publication_is_an_entry_after_the_events_of_its_day():
    a = make_article("a", [{"date": "2019-01-14", "summary": "Statement"}], published="2019-01-14")
    entries = build_timeline([a], [])
    assert [(e.kind, e.date.iso()) for e in entries] == [
        ("event", "2019-01-14"),
        ("publication", "2019-01-14"),
    ]
    assert entry_label(entries[1]) == "14 January 2019"
    assert dt.date(2019, 1, 14) == a.published.sort_date
