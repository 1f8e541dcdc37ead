"""The site's search: a Pagefind index of the built pages, fed while MkDocs writes them.

Pagefind splits its index into chunks, so one query downloads a few hundred kilobytes
whatever the size of the archive, and it needs no server. Pages mark what is indexed
(`data-pagefind-body`, set in docs/overrides/main.html) and what can be filtered on
(`data-pagefind-filter`: outlet, year, tag, language, in the report template).

Pagefind runs as a service beside the build: each page is handed over as it is written,
so Pagefind indexes on the second core while MkDocs renders on the first, and at the end
only writes its files. The pagefind package's own client (`PagefindIndex`) polls for one
answer per tenth of a second, 1,000 s for 10,000 pages; this one speaks the same protocol
(a base64 JSON message and a comma, each way) with a thread that reads answers as they come.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from pagefind.service import get_executable

__all__ = ["SearchIndexError", "SearchIndexer", "drop_theme_search", "searchable_part"]

# Headings' permalink signs (¶) are not words to find.
_CONFIG = {"exclude_selectors": [".headerlink"]}

# Material's own search (lunr, its languages and the worker, about 1 MB) ships with the
# theme whether or not its plugin is on; with Pagefind nothing loads it.
_THEME_SEARCH = ("assets/javascripts/lunr", "assets/javascripts/workers")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def drop_theme_search(site_dir: Path) -> None:
    """Remove the theme's unused search files from the built site."""
    for part in _THEME_SEARCH:
        shutil.rmtree(site_dir / part, ignore_errors=True)


_BODY = "<div data-pagefind-body>"  # docs/overrides/main.html

# The id of any element but a heading. Pagefind keeps every element with an id as an
# anchor, with its text; its UI links results only to headings. A report page's marked
# passages and paragraphs made anchors that repeated the whole text: 60% of its search
# data, held in Pagefind's memory for every page until it writes the index.
_NON_HEADING_ID = re.compile(r'(<(?!h[1-6][\s>])[a-zA-Z][a-zA-Z0-9]*\b[^>]*?)\s+id="[^"]*"')


def searchable_part(html: str) -> str | None:
    """What Pagefind reads of a page: its head (language, title) and its content from
    the indexed part on, with ids only on headings. None for a page without one
    (listings): Pagefind leaves those out once any page marks its body. The header and
    navigation before the content, 40% of a report page, are not sent: Pagefind would
    only skip them."""
    start = html.find(_BODY)
    if start == -1:
        return None
    head_end = html.find("<body")
    return html[:head_end] + "<body>" + _NON_HEADING_ID.sub(r"\1", html[start:])


IN_FLIGHT = 64  # pages handed to Pagefind and not yet indexed, at most


class SearchIndexer:
    """One Pagefind index of one build: pages are added as they are written, and
    `write` puts the search bundle in `site_dir/pagefind/`."""

    def __init__(self, site_dir: Path) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("Pagefind is not installed: run `make` to set up the venv")
        self.site_dir = site_dir
        # Its messages go to a file: in the answers' stream they would break the protocol.
        self._errors = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [str(executable), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
        )
        self._sent = 0
        # Pagefind reads every message as it comes into a queue without bounds and indexes
        # them in turn: pages sent faster than it indexes would pile up in its memory
        # while it peaks. At most this many pages wait there; the build waits for room.
        self._room = threading.BoundedSemaphore(IN_FLIGHT)
        self.stopped = False
        self._pages: dict[int, str] = {}  # message id -> the page it added, for errors
        self._failures: list[str] = []
        self._answers: dict[int, dict[str, Any]] = {}  # answers someone waits for
        self._answered = threading.Condition()
        self._reader = threading.Thread(target=self._read_answers, daemon=True)
        self._reader.start()
        self._index_id = self._ask({"type": "NewIndex", "config": _CONFIG})["index_id"]

    def add(self, path: str, html: str) -> None:
        """Hand over a written page (`path` relative to the site, as on disk); Pagefind
        indexes it while the build goes on."""
        searchable = searchable_part(html)
        if searchable is None:
            return
        while not self._room.acquire(timeout=1.0):
            if not self._reader.is_alive():
                raise SearchIndexError(f"Pagefind stopped: {self._why_stopped()}")
        self._send(
            {"type": "AddFile", "index_id": self._index_id, "file_path": path, "url": None,
             "file_contents": searchable},
            page=path,
        )  # fmt: skip

    def write(self) -> None:
        """Wait for every page to be indexed, then write the search bundle; a page that
        could not be indexed fails the build."""
        output = self.site_dir / "pagefind"
        self._ask({"type": "WriteFiles", "index_id": self._index_id, "output_path": str(output)})
        incomplete = _until_complete(output)
        self.stop()
        if incomplete:
            raise SearchIndexError(
                f"Pagefind's files were still incomplete after {_WRITE_DEADLINE:g} s: "
                + ", ".join(incomplete[:10])
            )
        if self._failures:
            raise SearchIndexError("Pagefind could not index:\n" + "\n".join(self._failures))

    def stop(self) -> None:
        """End the service (the build is done, or a newer build replaces this one)."""
        self.stopped = True
        if self._process.poll() is None:
            self._process.terminate()
            self._process.wait()
        self._errors.close()

    # --- the protocol ------------------------------------------------------------------

    def _send(self, payload: dict[str, Any], page: str | None = None) -> int:
        self._sent += 1
        if page is not None:  # before it is sent: the answer may come at once
            self._pages[self._sent] = page
        message = json.dumps(
            {"message_id": self._sent, "payload": payload}, ensure_ascii=False
        ).encode()
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except BrokenPipeError as error:
            raise SearchIndexError(f"Pagefind stopped: {self._why_stopped()}") from error
        return self._sent

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send a message and wait for its answer (every earlier message is answered first:
        Pagefind handles them in order)."""
        message_id = self._send(payload)
        with self._answered:
            self._answered.wait_for(
                lambda: message_id in self._answers or not self._reader.is_alive()
            )
            answer = self._answers.pop(message_id, None)
        if answer is None:
            raise SearchIndexError(f"Pagefind stopped: {self._why_stopped()}")
        if answer["type"] == "Error":
            raise SearchIndexError(f"Pagefind failed: {answer['message']}")
        return answer

    def _read_answers(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        buffered = b""
        while chunk := os.read(stdout.fileno(), 1 << 16):
            *complete, buffered = (buffered + chunk).split(b",")
            for encoded in complete:
                try:
                    answer = json.loads(base64.b64decode(encoded))
                except ValueError:  # not the protocol: a message Pagefind printed, say it
                    self._failures.append(encoded.decode(errors="replace").strip()[:300])
                    continue
                self._take(answer)
        with self._answered:
            self._answered.notify_all()

    def _take(self, answer: dict[str, Any]) -> None:
        message_id, payload = answer.get("message_id"), answer["payload"]
        page = None if message_id is None else self._pages.pop(message_id, None)
        if page is not None:
            self._room.release()
        if page is not None or message_id is None:  # an added page: only a failure matters
            if payload["type"] == "Error":
                self._failures.append(f"{page or 'a message'}: {payload['message']}")
            return
        with self._answered:
            self._answers[message_id] = payload
            self._answered.notify_all()

    def _why_stopped(self) -> str:
        if self.stopped:
            return "a newer build replaced this one"
        status = self._process.wait(timeout=5)
        self._errors.seek(0)
        said = self._errors.read().decode(errors="replace").strip()
        return f"exit status {status}" + (f": {said}" if said else "")


# Pagefind 1.5.2 answers WriteFiles while its last writes may still be in flight (fixed
# upstream after it: "flush output files before they drop", #1272); stopping it then left
# a truncated pagefind-entry.json, and a search page that searched for ever.
_WRITE_DEADLINE = 30.0  # seconds
_GZIPPED = {".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind"}


def _until_complete(output: Path) -> list[str]:
    """Wait until Pagefind's files are whole (JSON parses, gzip streams end, no size still
    changing); those still incomplete at the deadline."""
    deadline = time.monotonic() + _WRITE_DEADLINE
    sizes: dict[Path, int] = {}
    incomplete = ["sizes still changing"]
    while time.monotonic() < deadline:
        time.sleep(0.05)
        before, sizes = sizes, {path: path.stat().st_size for path in _files(output)}
        if sizes != before:
            continue  # still being written: read them once they are still
        incomplete = [str(path.relative_to(output)) for path in sizes if not _whole(path)]
        if not incomplete:
            return []
    return incomplete


def _files(output: Path) -> list[Path]:
    return [path for path in output.rglob("*") if path.is_file()]


def _whole(path: Path) -> bool:
    try:
        if path.suffix in _GZIPPED:
            gzip.decompress(path.read_bytes())
        elif path.suffix == ".json":
            json.loads(path.read_bytes())
    except (OSError, EOFError, ValueError):
        return False
    return True
