"""The archive compiled into a staging folder, here or in a child process (runtime/staging.py)."""

from __future__ import annotations

import datetime as dt
import gc
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from newsarchive.render import PagingOptions
from newsarchive.runtime import staging
from newsarchive.runtime.staging import Folders, StagingRequest, stage_archive, stage_in_child
from newsarchive.runtime.timings import Timings

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="a build forks on Linux only")


def _request(root: Path) -> StagingRequest:
    return StagingRequest(
        root=root,
        options=PagingOptions(),
        site_url="https://example.org/archive/",
        site_name="Archive",
        licences=[],
        built=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )


def _folders(tmp_path: Path) -> Folders:
    return Folders(pages=tmp_path / "staging", site=tmp_path / "site")


def test_the_child_stages_what_this_process_keeps_in_memory(tmp_path: Path):
    here = stage_archive(_request(ROOT), Timings())
    timings = Timings()
    there = stage_in_child(_request(ROOT), timings, _folders(tmp_path))
    assert there.pages == here.pages and there.files == here.files
    assert there.home == here.home and there.reports == here.reports
    assert len(here.reports) == 5 and "data/archive.json" in here.files
    for src_uri in [*here.pages, *here.files]:
        written, text = there.source(src_uri), here.source(src_uri)
        assert isinstance(written, Path) and isinstance(text, str)
        assert written.read_bytes() == text.encode(), src_uri
        assert written.is_relative_to(tmp_path / ("staging" if src_uri in here.pages else "site"))
    for page in here.pages.values():
        assert there.finished_of(page) == here.finished_of(page), page.src_uri
    timeline = there.pages["timeline.md"]
    assert timeline.finished and timeline.clean
    # Kept in memory, MkDocs writes every file; written in place, it is told of all but
    # the citation files, which only HTML links.
    assert here.files_for_mkdocs() == here.files
    left_out = set(here.files) - set(there.files_for_mkdocs())
    assert left_out and all(path.startswith("citations/") for path in left_out)
    assert {"feed.xml", "data/archive.json"} <= set(there.files_for_mkdocs())
    finished = there.finished_of(timeline)
    assert finished is not None and "<time" in finished.html and finished.toc
    assert {"load", "analyse", "render"} <= set(timings.seconds)  # the child's phases


def test_the_articles_are_loaded_in_the_child_not_here(tmp_path: Path, monkeypatch):
    loaded_here: list[object] = []
    load = staging.load_archive

    def counting_load(*args, **kwargs):
        loaded_here.append(args)  # the child appends to its own copy of the list
        return load(*args, **kwargs)

    monkeypatch.setattr(staging, "load_archive", counting_load)
    staged = stage_in_child(_request(ROOT), Timings(), _folders(tmp_path))
    assert len(staged.reports) == 5
    assert loaded_here == []


def test_a_failure_in_the_child_is_raised_here_with_its_cause(tmp_path: Path, monkeypatch):
    def failing_analysis(articles):
        raise ValueError("the analysis broke")

    monkeypatch.setattr(staging, "analyse", failing_analysis)
    with pytest.raises(RuntimeError, match="the analysis broke"):
        stage_in_child(_request(ROOT), Timings(), _folders(tmp_path))


def test_the_articles_problems_come_back_and_nothing_is_staged(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    article = next((project / "articles").glob("*scroll*.md"))
    article.write_text(article.read_text("utf-8").replace("value: 3\n", "value: three\n"))
    staged = stage_in_child(_request(project), Timings(), _folders(tmp_path))
    assert staged.pages == {} and staged.files == []
    assert any(f"articles/{article.name}:" in problem for problem in staged.problems)


def test_the_phases_do_not_overlap_so_their_sum_is_the_time_spent(tmp_path: Path):
    # benchmarks/rebuild.py reports the sum of the phases as the hook's share.
    timings = Timings()
    started = time.perf_counter()
    stage_archive(_request(ROOT), timings)
    spent = time.perf_counter() - started
    assert {"load", "analyse", "render", "render (wait for the files)"} <= set(timings.seconds)
    assert sum(timings.seconds.values()) <= spent


def test_what_lives_to_the_end_is_settled_once_loaded_and_once_analysed():
    # The compiling child exempts it from the collector's scans (gc.freeze).
    timings = Timings()
    moments: list[list[str]] = []
    stage_archive(_request(ROOT), timings, settled=lambda: moments.append(sorted(timings.seconds)))
    assert moments == [["load"], ["analyse", "load"]]


def test_compiling_in_this_process_exempts_nothing_from_collection():
    # `mkdocs serve` compiles here: its idle collector decides what is frozen, when.
    frozen = gc.get_freeze_count()
    stage_archive(_request(ROOT), Timings())
    assert gc.get_freeze_count() == frozen
