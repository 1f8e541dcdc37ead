"""The search index: what Pagefind reads of each written page (render/search.py), and the
run that indexes them once the site is written (runtime/search.py)."""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

import pytest

from newsarchive.render.search import searchable_part
from newsarchive.runtime.search import SearchIndex, SearchIndexError


def _page(lang: str, body: str | None, nav: str = "<nav>Reports Timeline Figures</nav>") -> str:
    content = f"<div data-pagefind-body><h1>{body}</h1><p>{body}</p></div>" if body else ""
    return (
        f'<html lang="{lang}"><head><title>{body}</title></head>'
        f"<body><header>{nav}</header>{content}<footer>Footer</footer></body></html>"
    )


def test_only_the_head_and_the_indexed_part_are_sent():
    html = _page("en", "Argun jail")
    sent = searchable_part(html)
    assert sent is not None
    assert sent.startswith('<html lang="en"><head><title>Argun jail</title></head><body>')
    assert "<nav>" not in sent and "<div data-pagefind-body><h1>Argun jail</h1>" in sent
    # A listing has no indexed part: nothing is sent.
    assert searchable_part(_page("en", None)) is None


def test_only_headings_keep_their_ids_for_search():
    body = (
        '<h2 id="the-report">The report</h2><p id="para-1" class="x">Forty <mark class="m" '
        'id="passage-1">were detained</mark>.</p><a data-id="k" href="#h">Link</a>'
    )
    sent = searchable_part(_page("en", "Argun").replace("<p>Argun</p>", body))
    assert sent is not None
    assert '<h2 id="the-report">' in sent and '<p class="x">' in sent
    assert '<mark class="m">were detained</mark>' in sent and 'data-id="k"' in sent


def test_pages_kept_for_search_make_one_bundle_per_language(tmp_path: Path):
    index = SearchIndex()
    try:
        index.add("reports/argun/index.html", _page("en", "Detained in Argun"))
        index.add("reports/grozny/index.html", _page("ru", "Задержаны в Грозном"))
        index.add("reports/index.html", _page("en", None))
        index.add("reports/gone/index.html", _page("en", "A report deleted since"))
        index.remove("reports/gone/index.html")
        index.write(tmp_path)
    finally:
        index.close()
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert {code: lang["page_count"] for code, lang in entry["languages"].items()} == {
        "en": 1,
        "ru": 1,
    }
    fragments = [
        gzip.decompress(path.read_bytes()) for path in (tmp_path / "pagefind").glob("fragment/*")
    ]
    # The address as a reader follows it: the page's folder, from the site's root.
    assert any(b'"url":"/reports/argun/"' in fragment for fragment in fragments)
    assert not any(b"deleted since" in fragment for fragment in fragments)


def _fake_pagefind(tmp_path: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!{sys.executable}\n{script}")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))


def test_a_pagefind_that_fails_fails_the_build_with_what_it_said(tmp_path, monkeypatch):
    _fake_pagefind(tmp_path, "import sys\nsys.exit('no space left on device')", monkeypatch)
    index = SearchIndex()
    index.add("reports/argun/index.html", _page("en", "Argun"))
    with pytest.raises(SearchIndexError, match="exit status 1.*no space left on device"):
        index.write(tmp_path / "site")
    index.close()


def test_a_newer_build_stops_the_last_run_which_reports_no_failure(tmp_path, monkeypatch):
    _fake_pagefind(tmp_path, "import time\ntime.sleep(30)", monkeypatch)
    index = SearchIndex()
    failures: list[str] = []
    index.write_in_background(tmp_path / "site", on_failure=failures.append)
    deadline = time.monotonic() + 10
    while index._run is None and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.monotonic()
    index.stop()  # what the next build does first
    assert time.monotonic() - started < 5
    time.sleep(0.2)
    assert failures == []
    index.close()
