"""Pages cleaned (render.sanitize) on another core while MkDocs renders the next ones.

nh3 lets go of Python's lock while it works, and a page's cleaned HTML is not needed until
its template is rendered. Measured: cleaning takes 0.37 ms a report page (11 KB, nh3 0.3),
about 0.5 s of a 1,000-report build and 5 s at 10,000 when done in line; on the thread the
build waits 0.02 s for it at 1,000 ("sanitise (wait)" in benchmarks/RESULTS.md). While
serving, a dirty build renders, and so cleans, only the pages that changed.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from ..render.sanitize import clean_html

__all__ = ["PageCleaner"]


class PageCleaner:
    """One thread that cleans the pages handed to it, in turn."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="sanitise")
        self._pending: dict[str, Future[str]] = {}

    def submit(self, key: str, html: str) -> None:
        """Start cleaning a page's HTML."""
        self._pending[key] = self._pool.submit(clean_html, html)

    def take(self, key: str) -> str | None:
        """The page's cleaned HTML (waiting for it if need be); None if it was not given."""
        future = self._pending.pop(key, None)
        return None if future is None else future.result()

    def close(self) -> None:
        """Stop: what was not taken is not wanted."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pending = {}
