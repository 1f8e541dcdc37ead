"""The build session: what lives across the builds of one MkDocs process.

`mkdocs build` builds once; `mkdocs serve` rebuilds after every edit in the same process.
The session knows which it is, turns the content caches on when serving (newsarchive.cache)
and moves them on at each build, compiles the archive into a staging folder (in a child
process for a one-off build, newsarchive.staging), feeds each written page to Pagefind and has
it write the search bundle at the end (in the background while serving: the edited page
reloads at once and its search follows), and holds what the current build has compiled for
the page events.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import logging
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from . import cache, forking
from .idle_collector import IdleCollector
from .render import PagingOptions
from .render.sanitize import PageCleaner
from .render.search import SearchIndexer, SearchIndexError, drop_theme_search
from .staging import Folders, Staged, StagingRequest, stage_archive, stage_in_child
from .timings import Timings

__all__ = ["Build", "BuildSession"]

log = logging.getLogger("mkdocs.hooks.newsarchive")


@dataclass
class Build:
    """What one build knows, for the events that come after on_files."""

    site_dir: str = ""
    options: PagingOptions = field(default_factory=PagingOptions)
    staged: Staged | None = None
    cleaner: PageCleaner = field(default_factory=PageCleaner)
    timings: Timings = field(default_factory=Timings.from_environment)


class BuildSession:
    """One MkDocs process: a single build, or a server's many rebuilds."""

    def __init__(self) -> None:
        self.serving = False
        self.build = Build()
        self._indexer: SearchIndexer | None = None
        self._written: list[str] = []  # pages written while serving, not yet indexed
        self._staging: Path | None = None  # the current build's staging folder
        self._collector = IdleCollector(tidy=cache.forget_unused)

    def start(self, *, serving: bool) -> None:
        """The process starts: a server caches across builds and forks no process."""
        self.serving = serving
        cache.enable(serving)
        forking.serving(serving)

    def begin(self, site_dir: str, options: PagingOptions) -> Build:
        """A build starts: forget the last one's objects and its search run."""
        self.build.cleaner.close()
        self.build = Build(site_dir=site_dir, options=options)
        if self.serving:
            # Nothing, unless the server had no pause. Before the caches turn: the
            # collection first lets go of what the last build did not use (not what it made).
            with self.build.timings.phase("gc"):
                self._collector.before_build()
        cache.next_build()
        self._stop_indexing()  # an index of the previous build's pages is no longer wanted
        self._written = []
        self.drop_staging()
        return self.build

    def end(self) -> None:
        """A build is done: while serving, collect its garbage once the server is idle."""
        if self.serving:
            self._collector.after_build()

    def stage(self, root: Path, site_url: str, site_name: str, licences: list) -> Staged:
        """Compile the archive. A one-off build compiles in a child process, so that the
        articles and their analysis never take this process's memory (Pagefind needs it
        at the end), and the child writes the pages to a staging folder and the files to
        take away into the site (MkDocs has emptied it already). A server compiles here,
        beside its caches, and keeps it all in memory."""
        request = StagingRequest(
            root=root,
            options=self.build.options,
            site_url=site_url,
            site_name=site_name,
            licences=licences,
            built=dt.datetime.now(dt.UTC).replace(microsecond=0),
        )
        if not forking.may_fork():
            staged = stage_archive(request, self.build.timings)
        else:
            self._staging = Path(tempfile.mkdtemp(prefix="newsarchive-"))
            folders = Folders(pages=self._staging, site=Path(self.build.site_dir))
            staged = stage_in_child(request, self.build.timings, folders)
        self.build.staged = staged
        return staged

    def drop_staging(self) -> None:
        """The staged pages are in the site (or the build failed): delete them."""
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

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
                _give_back_freed_memory()
                self.build.timings.note_memory("freed memory given back")
                indexer.write()

    def close(self) -> None:
        """The process ends: stop a search run still going, delete the staged files."""
        self._stop_indexing(wait=True)
        self.drop_staging()
        self.build.cleaner.close()
        self._collector.close()

    def _search_indexer(self) -> SearchIndexer:
        """This build's search index, started on first use."""
        if self._indexer is None:
            self._indexer = SearchIndexer(Path(self.build.site_dir))
        return self._indexer

    def _stop_indexing(self, *, wait: bool = False) -> None:
        if self._indexer is None:
            return
        if self.serving and not wait:
            # The last build's run may still be going: it ends while the next build starts.
            threading.Thread(target=self._indexer.stop, daemon=True).start()
        else:
            self._indexer.stop()
        self._indexer = None


def _give_back_freed_memory() -> None:
    """Hand the memory of the written pages back to the system before Pagefind builds its
    index, the build's peak: glibc keeps freed memory for later use (300 MB of 520 at
    10,000 reports) unless asked."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # another C library: nothing to ask
        return
    libc.malloc_trim(0)


def _index_written(indexer: SearchIndexer, pages: list[str]) -> None:
    try:
        for path in pages:
            indexer.add(path, (indexer.site_dir / path).read_text("utf-8"))
        indexer.write()
    except (SearchIndexError, OSError) as error:
        if not indexer.stopped:  # not replaced by a newer build: say why search is broken
            log.warning(f"{error}; search will not work until the next change")
