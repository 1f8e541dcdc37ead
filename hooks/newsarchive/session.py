"""The build session: what lives across the builds of one MkDocs process.

`mkdocs build` builds once; `mkdocs serve` rebuilds after every edit in the same process.
The session knows which it is, turns the content caches on when serving (newsarchive.cache)
and moves them on at each build, feeds each written page to Pagefind and has it write the
search bundle at the end (in the background while serving: the edited page reloads at once
and its search follows), and holds what the current build has computed for the page events.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .analyse.archive import Archive
from .model import Article
from .render import PagingOptions
from .render.search import SearchIndexer, SearchIndexError, drop_theme_search
from .timings import Timings

__all__ = ["Build", "BuildSession"]

log = logging.getLogger("mkdocs.hooks.newsarchive")


@dataclass
class Build:
    """What one build knows, for the events that come after on_files."""

    site_dir: str = ""
    options: PagingOptions = field(default_factory=PagingOptions)
    archive: Archive | None = None
    reports: dict[str, Article] = field(default_factory=dict)  # src_uri -> article
    languages: dict[str, str] = field(default_factory=dict)  # src_uri -> other than the site's
    blocks: dict[str, dict[str, str]] = field(default_factory=dict)  # src_uri -> its blocks
    changed: dict[str, dt.datetime] = field(default_factory=dict)  # article file -> last commit
    timings: Timings = field(default_factory=Timings.from_environment)


class BuildSession:
    """One MkDocs process: a single build, or a server's many rebuilds."""

    def __init__(self) -> None:
        self.serving = False
        self.build = Build()
        self._indexer: SearchIndexer | None = None
        self._written: list[str] = []  # pages written while serving, not yet indexed

    def start(self, *, serving: bool) -> None:
        """The process starts: cache across builds only when serving."""
        self.serving = serving
        cache.enable(serving)

    def begin(self, site_dir: str, options: PagingOptions) -> Build:
        """A build starts: forget the last one's objects and its search run."""
        self.build = Build(site_dir=site_dir, options=options)
        cache.next_build()
        self._stop_indexing()  # an index of the previous build's pages is no longer wanted
        self._written = []
        if self.serving:
            # The caches and the last build's objects are live while a rebuild allocates
            # as much again, and Python's collector would scan them over and over (half the
            # hook's rebuild time at 1,000 reports). Collect the last build once; exempt
            # what is left.
            with self.build.timings.phase("gc"):
                gc.unfreeze()
                gc.collect()
                gc.freeze()
        return self.build

    def release_archive(self) -> None:
        """The pages are converted: drop the articles and their analysis (most of the
        build's memory) before the pages are written and indexed. While serving, the
        caches keep what the next build reuses."""
        self.build.archive = None
        self.build.reports = {}
        if not self.serving:  # a server collects once per build, in begin()
            gc.collect()

    def index_page(self, path: str, html: str) -> None:
        """Hand a written page (its path in the site) to the search index. While serving,
        only note it: the server's index is made after the build, in the background."""
        if self.serving:
            self._written.append(path)
            return
        with self.build.timings.phase("search (feed)"):
            self._search_indexer().add(path, html)

    def write_index(self) -> None:
        """Write the search bundle, and drop the theme's own search files, which nothing
        loads. While serving, the pages are indexed and the bundle written in the
        background: the edited page reloads at once and its search follows."""
        drop_theme_search(Path(self.build.site_dir))
        with self.build.timings.phase("search"):
            indexer = self._search_indexer()  # even with no page: the search page loads it
            if self.serving:
                written, self._written = self._written, []
                threading.Thread(
                    target=_index_written, args=(indexer, written), daemon=True
                ).start()
            else:
                indexer.write()

    def close(self) -> None:
        """The process ends: stop a search run still going."""
        self._stop_indexing()
        gc.unfreeze()

    def _search_indexer(self) -> SearchIndexer:
        """This build's search index, started on first use."""
        if self._indexer is None:
            self._indexer = SearchIndexer(Path(self.build.site_dir))
        return self._indexer

    def _stop_indexing(self) -> None:
        if self._indexer is not None:
            self._indexer.stop()
            self._indexer = None


def _index_written(indexer: SearchIndexer, pages: list[str]) -> None:
    try:
        for path in pages:
            indexer.add(path, (indexer.site_dir / path).read_text("utf-8"))
        indexer.write()
    except (SearchIndexError, OSError) as error:
        if not indexer.stopped:  # not replaced by a newer build: say why search is broken
            log.warning(f"{error}; search will not work until the next change")
