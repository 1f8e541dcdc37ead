"""Results kept from one build to the next while `mkdocs serve` runs, found by content.

After an editor saves one report, a rebuild asks again for nearly everything the previous
build computed: the same files, paragraphs and pages. Each cache hands those back and keeps
only what the latest build asked for, so it never holds more than one build's worth. A
one-off `mkdocs build` leaves caching off: there it would only cost memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["BuildCache", "digest", "enable", "enabled", "forget_unused", "next_build"]

T = TypeVar("T")

_caches: list[BuildCache] = []
_enabled = False


class BuildCache(Generic[T]):
    """Values by a key that changes whenever the value would (a digest of the inputs)."""

    def __init__(self) -> None:
        self._previous: dict[Hashable, T] = {}
        self._current: dict[Hashable, T] = {}
        _caches.append(self)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for `key`: kept from this or the last build, else computed now."""
        if not _enabled:
            return compute()
        if key in self._current:
            return self._current[key]
        value = self._previous[key] if key in self._previous else compute()
        self._current[key] = value
        return value

    def find(self, key: Hashable) -> T | None:
        """The value for `key` if this or the last build made it (kept for the next)."""
        if key not in self._current and key in self._previous:
            self._current[key] = self._previous[key]
        return self._current.get(key)

    def keep_all(self) -> None:
        """Keep what the last build held for the next one too: for a cache whose caller
        was skipped this time (a result found whole in another cache)."""
        if _enabled:
            self._current = {**self._previous, **self._current}

    def _rotate(self) -> None:
        self._previous, self._current = self._current, {}


def enabled() -> bool:
    """Whether caches keep anything (serving): a costly key is worth computing only then."""
    return _enabled


def enable(on: bool) -> None:
    """Cache across builds (when serving) or not (one build); off empties every cache."""
    global _enabled
    _enabled = on
    if not on:
        for cache in _caches:
            cache._previous, cache._current = {}, {}


def next_build() -> None:
    """A build starts: what the last one used stays available, anything older goes."""
    for cache in _caches:
        cache._rotate()


def forget_unused() -> None:
    """A build is done: what the one before made and this one did not ask for goes now,
    while the server is idle, not when the next build starts (which would drop it too)."""
    for cache in _caches:
        cache._previous = {}


def digest(*parts: str | bytes) -> bytes:
    """A short fingerprint of some text, to key a cache by content."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.digest()
