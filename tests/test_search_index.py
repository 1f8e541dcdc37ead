"""The search index is fed page by page while the site is written (render/search.py)."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sys
import threading
from pathlib import Path

import pytest

from newsarchive.render import search
from newsarchive.render.search import SearchIndexer, SearchIndexError, searchable_part


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


def test_pages_added_one_by_one_make_one_bundle_per_language(tmp_path: Path):
    indexer = SearchIndexer(tmp_path)
    indexer.add("reports/argun/index.html", _page("en", "Detained in Argun"))
    indexer.add("reports/grozny/index.html", _page("ru", "Задержаны в Грозном"))
    indexer.add("reports/index.html", _page("en", None))
    indexer.write()
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


def test_a_build_that_outruns_pagefind_waits_instead_of_piling_pages_up_in_it(
    tmp_path: Path, monkeypatch
):
    # Pagefind queues whatever it is sent, without bounds, and indexes in turn.
    monkeypatch.setattr(search, "IN_FLIGHT", 2)
    indexer = SearchIndexer(tmp_path)
    pages = [(f"reports/r{i}/index.html", _page("en", f"Report {i}")) for i in range(6)]
    sender = threading.Thread(target=lambda: [indexer.add(*page) for page in pages])
    os.kill(indexer._process.pid, signal.SIGSTOP)  # Pagefind falls behind: it reads nothing
    try:
        sender.start()
        sender.join(timeout=2)
        waited = sender.is_alive()  # two pages sent, the third waits for room
    finally:
        os.kill(indexer._process.pid, signal.SIGCONT)
    sender.join(timeout=30)
    assert waited and not sender.is_alive()
    indexer.write()
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 6


def _fake_pagefind(tmp_path: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!{sys.executable}\n{script}")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))


def test_a_pagefind_that_stops_fails_with_what_it_said(tmp_path, monkeypatch):
    _fake_pagefind(tmp_path, "import sys\nsys.exit('no space left on device')", monkeypatch)
    with pytest.raises(SearchIndexError, match="exit status 1: no space left on device"):
        SearchIndexer(tmp_path)


# Answers every message in the protocol's form; refuses every page it is given.
_REFUSING_SERVICE = """
import base64, json, sys
buffered = b""
while chunk := sys.stdin.buffer.read1(65536):
    *messages, buffered = (buffered + chunk).split(b",")
    for encoded in messages:
        message = json.loads(base64.b64decode(encoded))
        kind = message["payload"]["type"]
        payload = {"NewIndex": {"type": "NewIndex", "index_id": 0},
                   "AddFile": {"type": "Error", "message": "unreadable page"},
                   "WriteFiles": {"type": "WriteFiles", "output_path": "x"}}[kind]
        answer = {"message_id": message["message_id"], "payload": payload}
        sys.stdout.buffer.write(base64.b64encode(json.dumps(answer).encode()) + b",")
        sys.stdout.flush()
"""


def test_a_page_pagefind_refuses_fails_the_build_naming_it(tmp_path, monkeypatch):
    _fake_pagefind(tmp_path, _REFUSING_SERVICE, monkeypatch)
    indexer = SearchIndexer(tmp_path)
    indexer.add("reports/argun/index.html", _page("en", "Argun"))
    with pytest.raises(SearchIndexError, match="reports/argun/index.html: unreadable page"):
        indexer.write()


def test_words_outside_the_protocol_fail_the_build_and_are_shown(tmp_path, monkeypatch):
    talkative = _REFUSING_SERVICE.replace(
        '"AddFile": {"type": "Error", "message": "unreadable page"}',
        '"AddFile": {"type": "IndexedFile", "page_word_count": 1, "page_url": "/", '
        '"page_meta": {}}',
    ).replace(
        "        answer = {",
        '        if kind == "AddFile": sys.stdout.buffer.write(b"Warning: disk nearly full,")\n'
        "        answer = {",
    )
    _fake_pagefind(tmp_path, talkative, monkeypatch)
    indexer = SearchIndexer(tmp_path)
    indexer.add("reports/argun/index.html", _page("en", "Argun"))
    with pytest.raises(SearchIndexError, match="Warning: disk nearly full"):
        indexer.write()


# Answers WriteFiles at once, as Pagefind 1.5.2 may while its writes are still in flight:
# the entry file is half there, then whole a moment later (unless told to stop there).
_LATE_WRITING_SERVICE = """
import base64, json, sys, time
from pathlib import Path
buffered = b""
while chunk := sys.stdin.buffer.read1(65536):
    *messages, buffered = (buffered + chunk).split(b",")
    for encoded in messages:
        message = json.loads(base64.b64decode(encoded))
        payload = message["payload"]
        answer = {"type": payload["type"], "index_id": 0, "output_path": "x"}
        if payload["type"] == "WriteFiles":
            entry = Path(payload["output_path"]) / "pagefind-entry.json"
            entry.parent.mkdir(parents=True)
            entry.write_text('{"version": "1.5.2", "lang')
        reply = {"message_id": message["message_id"], "payload": answer}
        sys.stdout.buffer.write(base64.b64encode(json.dumps(reply).encode()) + b",")
        sys.stdout.flush()
        if payload["type"] == "WriteFiles" and FINISH:
            time.sleep(0.3)
            entry.write_text('{"version": "1.5.2", "languages": {}}')
"""


def test_pagefind_is_stopped_only_once_its_files_are_whole(tmp_path, monkeypatch):
    _fake_pagefind(tmp_path, "FINISH = True\n" + _LATE_WRITING_SERVICE, monkeypatch)
    indexer = SearchIndexer(tmp_path / "site")
    indexer.write()
    entry = tmp_path / "site" / "pagefind" / "pagefind-entry.json"
    assert json.loads(entry.read_text()) == {"version": "1.5.2", "languages": {}}


def test_files_pagefind_leaves_incomplete_fail_the_build_naming_them(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "_WRITE_DEADLINE", 0.5)
    _fake_pagefind(tmp_path, "FINISH = False\n" + _LATE_WRITING_SERVICE, monkeypatch)
    indexer = SearchIndexer(tmp_path / "site")
    with pytest.raises(SearchIndexError, match="incomplete after 0.5 s: pagefind-entry.json"):
        indexer.write()
