"""Work that stays linear in a hostile article (issue #35, class 11), counted rather than
timed: how many sentences a missing passage is compared with, how many pairs of names
are compared, how much a suggestion quotes, how many publication days a date is read on.
Each bound fails on the old code, which did this work for every pair."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from conftest import make_article
from newsarchive import passages
from newsarchive.analyse import people
from newsarchive.suggest import dates, suggest

_WORDS = "police detained men in the republic and held them at a base where officers beat".split()


def _long_body(count: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    return " ".join(" ".join(rng.sample(_WORDS, 10)).capitalize() + "." for _ in range(count))


def _counting(monkeypatch, module, name: str, most: int) -> list[int]:
    """Count the calls of module.name, failing as soon as there are more than `most`."""
    calls = [0]
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls[0] += 1
        if calls[0] > most:
            pytest.fail(f"{name} called more than {most} times")
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_each_missing_passage_reads_the_body_once_not_once_per_passage(monkeypatch):
    body = _long_body(2_000)
    missing = [f"{' '.join(_WORDS[i : i + 8])} zz" for i in range(6)] * 5
    # Normalising: the body's sentences once for every passage, and each passage once.
    calls = _counting(monkeypatch, passages, "normalise", 2_000 + len(missing) + 5)
    finder = passages.PassageFinder(body)  # as the check looks for one file's passages
    for passage in missing:
        finder.closest(passage)
    assert calls[0] > len(missing)


def test_a_missing_passage_is_compared_with_a_few_sentences_only(monkeypatch):
    body = _long_body(2_000, seed=1)
    finder = passages.PassageFinder(body)
    finder.closest("warm up the index")
    calls = _counting(monkeypatch, passages, "_likeness", passages._CANDIDATES)
    finder.closest(" ".join(_WORDS[:10]) + " zz")
    assert calls[0] > 0


def test_the_hint_still_points_to_a_sentence_with_a_typo_or_other_quote_marks():
    body = (
        _long_body(3_000, seed=2)
        + (" Kadyrov’s spokesman said “we don’t have these people” on Monday. ")
        + _long_body(3_000, seed=3)
    )
    hint = "Kadyrov's spokesman said \"we don't have these people\" on Monday."
    assert (
        passages.closest_passage(body, "Kadyrov’s spokesmen said “we don’t have these people”")
        == hint
    )
    assert (
        passages.closest_passage(body, 'Kadyrov\'s spokesman said "we dont have these people"')
        == hint
    )
    assert passages.closest_passage(body, "nothing like any sentence of it at all") is None


def test_names_of_one_block_are_not_compared_pair_by_pair(monkeypatch):
    rng = random.Random(4)
    surnames: set[str] = set()
    while len(surnames) < 1_500:
        surnames.add("K" + "".join(rng.choice("aeioubdgkmnrstvz") for _ in range(7)))
    quotes = [{"name": f"Alvi {s}", "role": "witness", "text": "q"} for s in sorted(surnames)]
    articles = [make_article(f"r{i}", quotes=quotes[i : i + 50]) for i in range(0, 1_500, 50)]
    calls = _counting(monkeypatch, people, "_same_person", 10 * len(quotes))
    found, _ = people.find_people(articles)
    assert len(found) <= len(quotes) and calls[0] < 10 * len(quotes)


def _joined_pair_by_pair(keys: list[str]) -> dict[str, list[str]]:
    """The join as it was: each name takes in every later name of its block it matches."""
    groups = {key: [key] for key in keys}
    blocks: dict[tuple[str, str], list[str]] = {}
    for key in keys:
        first, _, last = key.rpartition(" ")
        blocks.setdefault((first, last[:1]), []).append(key)
    for block in blocks.values():
        for position, a in enumerate(block):
            for b in block[position + 1 :]:
                if a in groups and b in groups and people._same_person(a, b):
                    groups[a].extend(groups.pop(b))
    return groups


def test_the_join_is_the_one_pair_by_pair_comparison_gives():
    rng = random.Random(5)
    for _ in range(500):
        base = "".join(rng.choice("abk") for _ in range(rng.randint(1, 10)))
        keys: set[str] = set()
        for _ in range(rng.randint(2, 10)):
            word = list(base)
            for _ in range(rng.randint(0, 3)):
                at = rng.randrange(len(word) + 1)
                if rng.random() < 0.5:
                    word.insert(at, rng.choice("abk"))
                elif at < len(word) - 1:
                    word[at], word[at + 1] = word[at + 1], word[at]
                elif word and at < len(word):
                    word[at] = rng.choice("abk")
            if word:
                keys.add(f"{rng.choice(['alvi', 'zara'])} {''.join(word)}")
        order = sorted(keys, key=lambda _: rng.random())
        found = {key: people.Person(key, quotes=[key]) for key in order}
        people._join_variants(found)
        assert {key: p.quotes for key, p in found.items()} == _joined_pair_by_pair(order)


def test_a_sentence_of_many_dates_is_not_quoted_whole_for_each(tmp_path):
    days = [f"{1 + i % 28} May {2000 + i % 19}" for i in range(200)]
    counts = [f"{10 + i} people were detained" for i in range(100)]
    body = "Police raided the club on " + " and on ".join(days + counts) + " in Grozny.\n"
    path = tmp_path / "2019-01-14-many-dates.md"
    path.write_text("---\ntitle: t\n---\n" + body, "utf-8")
    found = suggest(path, [])
    assert len(found.events) == 200 and len(found.figures) == 100
    for suggestion in found.events + found.figures:
        assert len(suggestion.item["quote"]) < 400
        assert suggestion.item["quote"] in body


def test_a_relative_date_is_not_read_on_each_day_of_a_window_of_years(monkeypatch):
    calls = [0]
    original = dates._publication_days

    def counted(first: dt.date, last: dt.date):
        for day in original(first, last):
            calls[0] += 1
            yield day

    monkeypatch.setattr(dates, "_publication_days", counted)
    text = "It happened last week, and again on Monday, and in December."
    window = dates.date_mentions(text, dt.date(1900, 1, 1), dt.date(2019, 1, 1))
    assert [mention.basis for mention in window] == []
    assert calls[0] <= 3 * 2 * 366
    near = dates.date_mentions(text, dt.date(2019, 1, 14), dt.date(2019, 1, 15))
    assert len(near) == 3  # a window of days still reads them
