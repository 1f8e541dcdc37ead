"""A server's memo: what the last build made comes back for the same inputs, one build's
worth is kept, and an unchanged file is loaded as the same objects."""

from __future__ import annotations

import shutil

from conftest import ROOT
from newsarchive.load import load_archive, load_records
from newsarchive.memo import Memo, digest, recall


def counted():
    calls: list[str] = []

    def compute(value: str):
        return lambda: calls.append(value) or value.upper()

    return calls, compute


def test_without_a_memo_every_value_is_computed_each_time():
    calls, compute = counted()
    assert recall(None, "a", compute("a")) == recall(None, "a", compute("a")) == "A"
    assert calls == ["a", "a"]


def test_a_value_is_kept_for_the_next_build_and_dropped_when_unused():
    memo, (calls, compute) = Memo(), counted()
    memo.get("a", compute("a"))
    memo.get("b", compute("b"))
    memo.next_build()
    assert recall(memo, "a", compute("a")) == "A"  # asked for again: kept
    memo.next_build()
    memo.get("a", compute("a"))
    memo.get("b", compute("b"))  # not asked for by the last build: gone
    assert calls == ["a", "b", "b"]


def test_once_a_build_is_done_what_it_did_not_ask_for_can_go():
    memo, (calls, compute) = Memo(), counted()
    memo.get("a", compute("a"))
    memo.get("b", compute("b"))
    memo.next_build()
    memo.get("a", compute("a"))
    memo.forget_unused()  # the server is idle
    memo.next_build()
    memo.get("a", compute("a"))
    memo.get("b", compute("b"))
    assert calls == ["a", "b", "b"]


def test_digest_tells_apart_texts_and_their_split():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("é") == digest("é".encode())


def test_an_unchanged_file_is_loaded_as_the_same_report_names_resolved(tmp_path):
    shutil.copytree(ROOT / "articles", tmp_path / "articles")
    shutil.copy(ROOT / "records.yml", tmp_path / "records.yml")
    records, _ = load_records(tmp_path)
    memo = Memo()
    first, problems = load_archive(
        [tmp_path / "articles"], root=tmp_path, records=records, memo=memo
    )
    assert not problems and any(article.named for article in first)
    edited = first[0].path
    edited.write_text(edited.read_text("utf-8").replace("summary: ", "summary: Edited. ", 1))
    memo.next_build()
    again, _ = load_archive([tmp_path / "articles"], root=tmp_path, records=records, memo=memo)
    same = {a.slug for a in again for b in first if a is b}
    assert same == {a.slug for a in first} - {first[0].slug}
    assert "Edited. " in next(a for a in again if a.slug == first[0].slug).meta.summary


def test_a_rebuild_before_the_servers_pause_still_finds_what_the_last_build_made(tmp_path):
    from newsarchive.render import PagingOptions
    from newsarchive.runtime.session import BuildSession

    session = BuildSession()
    session.start(serving=True)
    try:
        session.begin(str(tmp_path), PagingOptions())
        memo = session._memo
        assert memo is not None
        memo.get("a", lambda: "A")
        session.end()  # its idle tidying is due, not run yet
        session.begin(str(tmp_path), PagingOptions())  # at once: tidying runs first
        assert memo.get("a", lambda: "computed again") == "A"
    finally:
        session.close()
        session.start(serving=False)
    assert session._memo is None  # a one-off build keeps nothing
