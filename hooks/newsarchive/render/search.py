"""The site's search: a Pagefind index of the built pages.

Pagefind splits its index into chunks, so one query downloads a few hundred kilobytes
whatever the size of the archive, and it needs no server. Pages mark what is indexed
(`data-pagefind-body`, set in docs/overrides/main.html) and what can be filtered on
(`data-pagefind-filter`: outlet, year, tag, language, in the report template).
"""

from __future__ import annotations

import logging
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

__all__ = ["BackgroundIndexer", "SearchIndexError", "drop_theme_search", "index_site"]

log = logging.getLogger("mkdocs.hooks.newsarchive")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def _command(site_dir: Path) -> list[str]:
    # Headings' permalink signs (¶) are not words to find.
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--silent",
        "--exclude-selectors",
        ".headerlink",
    ]  # fmt: skip


# Material's own search (lunr, its languages and the worker, about 1 MB) ships with the
# theme whether or not its plugin is on; with Pagefind nothing loads it.
_THEME_SEARCH = ("assets/javascripts/lunr", "assets/javascripts/workers")


def drop_theme_search(site_dir: Path) -> None:
    """Remove the theme's unused search files from the built site."""
    for part in _THEME_SEARCH:
        shutil.rmtree(site_dir / part, ignore_errors=True)


def index_site(site_dir: Path) -> None:
    """Write the search bundle to `site_dir/pagefind/`."""
    result = subprocess.run(_command(site_dir), capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed: {result.stderr or result.stdout}")


class BackgroundIndexer:
    """Pagefind in the background, for `mkdocs serve`: the edited page reloads at once and
    its search follows a few seconds later. A run still going for an older build is
    stopped when a new one starts."""

    def __init__(self) -> None:
        self._running: subprocess.Popen | None = None

    def start(self, site_dir: Path) -> None:
        """Index `site_dir` in the background, stopping any earlier run."""
        self.stop()
        self._running = subprocess.Popen(
            _command(site_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        threading.Thread(target=_report_failure, args=(self._running,), daemon=True).start()

    def stop(self) -> None:
        """Stop a background run (a new build is starting, or the server is stopping)."""
        if self._running is not None and self._running.poll() is None:
            self._running.terminate()
            self._running.wait()


def _report_failure(process: subprocess.Popen) -> None:
    output, _ = process.communicate()
    if process.returncode not in (0, -signal.SIGTERM):
        log.warning(f"Pagefind failed, search will not work until the next change: {output}")
