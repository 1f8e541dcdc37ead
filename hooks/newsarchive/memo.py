"""What a server keeps from one build to the next: values found by a key made of their
inputs, as Jinja keeps compiled templates in its bytecode cache.

The core (load, analyse, render, export) is a function of its inputs. After an editor
saves one report, `mkdocs serve` rebuilds and asks again for nearly everything the last
build made, so the session (session.py) owns one `Memo` and hands it to the few places
where that pays; a one-off build hands none (None), where it would only cost memory.

Measured at 1,000 reports, one report edited per rebuild (benchmarks/rebuild.py 1000 3;
MEASURED below), what each seam saves of the hook's rebuild:

- load (`load_archive`): each file's parse and checks, by its path and bytes (and the day,
  which the checks compare dates with); the same object comes back for an unchanged file,
  so what a report works out of itself once (its paragraphs, say) is worked out once.
- render (`render_pages`, `home_blocks`, `render_feed`, `download_files`): each page and
  file by what it is made from: a template by what it is given, a report page by its
  file, notes and links.
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
