"""The content caches used while serving: reuse what did not change, keep one build's worth."""

from __future__ import annotations

import pytest

from newsarchive import cache


@pytest.fixture
def serving():
    cache.enable(True)
    yield
    cache.enable(False)


def counted():
    calls: list[str] = []

    def compute(value: str):
        return lambda: calls.append(value) or value.upper()

    return calls, compute


def test_off_every_value_is_computed_each_time():
    store, (calls, compute) = cache.BuildCache(), counted()
    assert store.get("a", compute("a")) == store.get("a", compute("a")) == "A"
    assert calls == ["a", "a"]


def test_on_a_value_is_reused_by_the_next_build_and_dropped_when_unused(serving):
    store, (calls, compute) = cache.BuildCache(), counted()
    store.get("a", compute("a"))
    store.get("b", compute("b"))
    cache.next_build()
    assert store.get("a", compute("a")) == "A"  # asked for again: reused
    cache.next_build()
    store.get("a", compute("a"))
    store.get("b", compute("b"))  # not asked for by the last build: gone
    assert calls == ["a", "b", "b"]


def test_a_reused_analysis_keeps_the_caches_its_computation_fills(serving):
    from conftest import make_article
    from newsarchive.analyse.reuse import reused

    results, inner = cache.BuildCache(), cache.BuildCache()
    calls, compute = counted()
    articles = [make_article("a")]

    def analysis():
        return inner.get("paragraphs", compute("paragraphs"))

    assert reused(results, articles, lambda a: a.body, analysis, (inner,)) == "PARAGRAPHS"
    cache.next_build()
    reused(results, articles, lambda a: a.body, analysis, (inner,))  # found whole
    cache.next_build()
    assert inner.get("paragraphs", compute("paragraphs")) == "PARAGRAPHS"  # still kept
    assert calls == ["paragraphs"]


def test_digest_tells_apart_texts_and_their_split():
    assert cache.digest("ab", "c") != cache.digest("a", "bc")
    assert cache.digest("é") == cache.digest("é".encode())


def test_find_hands_back_what_the_last_build_made_and_keeps_it(serving):
    store, (calls, compute) = cache.BuildCache(), counted()
    assert store.find("a") is None
    store.get("a", compute("a"))
    cache.next_build()
    assert store.find("a") == "A" and store.find("b") is None
    cache.next_build()
    assert store.find("a") == "A"  # found last build: kept for this one
    assert calls == ["a"]


def test_once_a_build_is_done_what_it_did_not_ask_for_can_go(serving):
    store, (calls, compute) = cache.BuildCache(), counted()
    store.get("a", compute("a"))
    store.get("b", compute("b"))
    cache.next_build()
    store.get("a", compute("a"))
    cache.forget_unused()  # the server is idle
    assert store.find("a") == "A" and store.find("b") is None
    assert calls == ["a", "b"]


def test_a_rebuild_before_the_servers_pause_still_finds_what_the_last_build_made(tmp_path):
    from newsarchive.render import PagingOptions
    from newsarchive.session import BuildSession

    session = BuildSession()
    session.start(serving=True)
    try:
        store = cache.BuildCache()
        session.begin(str(tmp_path), PagingOptions())
        store.get("a", lambda: "A")
        session.end()  # its idle tidying is due, not run yet
        session.begin(str(tmp_path), PagingOptions())  # at once: tidying runs first
        assert store.find("a") == "A"
    finally:
        session.close()
        session.start(serving=False)
