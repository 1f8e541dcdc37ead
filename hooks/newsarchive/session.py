"""The build session: what lives across the builds of one MkDocs process.

`mkdocs build` builds once; `mkdocs serve` rebuilds after every edit in the same process.
The session knows which it is, turns the content caches on when serving (newsarchive.cache)
and moves them on at each build, runs Pagefind in the background while serving (and waits
for it otherwise), and holds what the current build has computed for the page events.
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .analyse.archive import Archive
from .model import Article
from .render import PagingOptions
from .render.search import BackgroundIndexer, drop_theme_search, index_site
from .timings import Timings

__all__ = ["Build", "BuildSession"]


@dataclass
class Build:
    """What one build knows, for the events that come after on_files."""

    site_dir: str = ""
    options: PagingOptions = field(default_factory=PagingOptions)
    archive: Archive | None = None
    reports: dict[str, Article] = field(default_factory=dict)  # src_uri -> article
    blocks: dict[str, dict[str, str]] = field(default_factory=dict)  # src_uri -> its blocks
    changed: dict[str, dt.datetime] = field(default_factory=dict)  # article file -> last commit
    timings: Timings = field(default_factory=Timings.from_environment)


class BuildSession:
    """One MkDocs process: a single build, or a server's many rebuilds."""

    def __init__(self) -> None:
        self.serving = False
        self.build = Build()
        self._indexer = BackgroundIndexer()

    def start(self, *, serving: bool) -> None:
        """The process starts: cache across builds only when serving."""
        self.serving = serving
        cache.enable(serving)

    def begin(self, site_dir: str, options: PagingOptions) -> Build:
        """A build starts: forget the last one's objects and its search run."""
        self.build = Build(site_dir=site_dir, options=options)
        cache.next_build()
        self._indexer.stop()  # an index of the previous build's pages is no longer wanted
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

    def index(self, site_dir: Path) -> None:
        """Index the built site for search (in the background while serving), and drop the
        theme's own search files, which nothing loads."""
        drop_theme_search(site_dir)
        with self.build.timings.phase("search"):
            if self.serving:
                self._indexer.start(site_dir)
            else:
                index_site(site_dir)

    def close(self) -> None:
        """The process ends: stop a search run still going."""
        self._indexer.stop()
        gc.unfreeze()
