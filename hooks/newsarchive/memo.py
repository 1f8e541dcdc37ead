"""What a server keeps from one build to the next: values found by a key made of their
inputs, as Jinja keeps compiled templates in its bytecode cache.

The core (load, analyse, render, export) is a function of its inputs. After an editor
saves one report, `mkdocs serve` rebuilds and asks again for nearly everything the last
build made, so the session (runtime/session.py) owns one `Memo` and hands it to the few places
where that pays; a one-off build hands none (None), where it would only cost memory.

The seams, each with what it saves of a rebuild after one report is edited, at 1,000
synthetic reports (the compile alone, on 2 busy cores; with every seam: 1.3 s, without any:
11.6 s):

- load (`load_archive`): each file's parse and checks, by its path, bytes and the day (the
  checks compare dates with it), and the same copy with names resolved: an unchanged file
  gives the same Article, so what a report works out of itself alone (its paragraphs'
  sketches, its passages' paragraphs: model.Article) is not worked out again. Saves 4.6 s
  even against loading on both cores (a server loads on one: 4 s), analysis 1.5 s and
  render 0.8 s of it.
- render (`render_pages`, `home_blocks`, `render_feed`): a page by what its template is
  given (render.templates.fingerprint), or by the few inputs it is worked out of
  (`made_from`); a report page by its file, notes and links. Saves 3.9 s; keying the pages
  worked out of few inputs by those saves 0.7 s of it.
- export (`download_files`): each report's citation files and data rows. Saves 0.5 s.

Analysis across reports is done again at every build: 0.3 s, against 0.12 s when a server
kept its results.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["Memo", "digest", "recall"]

T = TypeVar("T")


class Memo:
    """Values by a key that changes whenever the value would; keeps what the latest build
    asked for, and the build before's until the server is idle (`forget_unused`)."""

    def __init__(self) -> None:
        self._last: dict[Hashable, Any] = {}
        self._now: dict[Hashable, Any] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for `key`: made by this build or the last one, else computed now."""
        if key in self._now:
            return self._now[key]
        value = self._last.pop(key) if key in self._last else compute()
        self._now[key] = value
        return value

    def next_build(self) -> None:
        """A build starts: what the last one asked for stays at hand, anything older goes."""
        self._last, self._now = self._now, {}

    def forget_unused(self) -> None:
        """What the build before the last made, and the last did not ask for, goes (called
        while the server is idle, so that its memory is freed then)."""
        self._last = {}


def recall(memo: Memo | None, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or, with a memo, the value it holds for `key`."""
    return compute() if memo is None else memo.get(key, compute)


def digest(*parts: str | bytes) -> bytes:
    """A short fingerprint of some text, to key a value by content."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.digest()
