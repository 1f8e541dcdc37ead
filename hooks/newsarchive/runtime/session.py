"""The build session: what lives across the builds of one MkDocs process.

`mkdocs build` builds once; `mkdocs serve` rebuilds after every edit in the same process.
The session knows which it is, keeps a memo of the core's work when serving (newsarchive.memo)
and moves it on at each build, compiles the archive into a staging folder (in a child
process for a one-off build, runtime.staging), feeds each written page to Pagefind and has
it write the search bundle at the end (in the background while serving: the edited page
reloads at once and its search follows), and holds what the current build has compiled for
the page events.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import logging
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..memo import Memo
from ..render import PagingOptions
from ..render.search import drop_theme_search
from .cleaner import PageCleaner
from .idle_collector import IdleCollector
from .outputs import Outputs
from .search import SearchIndex
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
    files: Any = None  # MkDocs's files of this build, once on_files made them


class BuildSession:
    """One MkDocs process: a single build, or a server's many rebuilds."""

    def __init__(self) -> None:
        self.serving = False
        self.incremental = False  # `mkdocs serve --dirty`: write only what changed
        self.build = Build()
        self._search = SearchIndex()
        self._outputs = Outputs()
        self._staging: Path | None = None  # the current build's staging folder
        self._memo: Memo | None = None  # a server's: what the last build made, by its inputs
        self._collector = IdleCollector(
            tidy=lambda: self._memo.forget_unused() if self._memo else None
        )

    def start(self, *, serving: bool, dirty: bool = False) -> None:
        """The process starts: a server caches across builds and forks no process; a
        dirty server's builds write only the pages that changed."""
        self.serving = serving
        self.incremental = serving and dirty
        self._memo = (self._memo or Memo()) if serving else None  # started again: kept

    def begin(self, site_dir: str, options: PagingOptions, site: bytes = b"") -> Build:
        """A build starts: forget the last one's objects and its search run. `site` is a
        fingerprint of what every page shows (runtime.outputs.site_fingerprint): when it
        changes, an incremental build writes every page again."""
        self.build.cleaner.close()
        self.build = Build(site_dir=site_dir, options=options)
        if self.serving:
            # Nothing, unless the server had no pause. Before the caches turn: the
            # collection first lets go of what the last build did not use (not what it made).
            with self.build.timings.phase("gc"):
                self._collector.before_build()
        if self._memo is not None:
            self._memo.next_build()
        self._search.stop()  # an index of the previous build's pages is no longer wanted
        if self.incremental:
            if self._outputs.begin(Path(site_dir), site):
                self._search.clear()
        else:
            self._search.clear()
        self.drop_staging()
        return self.build

    def modified(self, dest: str, made_from: bytes) -> bool:
        """Whether an incremental build must write the output at `dest` again."""
        return self._outputs.modified(dest, made_from)

    def written(self, dests: Iterable[str]) -> None:
        """The build made these outputs: an incremental build deletes the last one's
        others, from the site and from search."""
        if self.incremental:
            for dest in self._outputs.end(Path(self.build.site_dir), dests):
                self._search.remove(dest)

    def failed(self) -> None:
        """The build failed (the site is deleted): the next one writes everything."""
        self._outputs.forget()
        self.end()

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
        if self.serving or sys.platform != "linux":  # a server has threads: no fork
            staged = stage_archive(request, self.build.timings, memo=self._memo)
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
        """Keep what search reads of a written page (its path in the site)."""
        with self.build.timings.phase("search (feed)"):
            self._search.add(path, html)

    def write_index(self) -> None:
        """Write the search bundle, and drop the theme's own search files, which nothing
        loads. While serving, in the background: the edited page reloads at once and its
        search follows."""
        site_dir = Path(self.build.site_dir)
        drop_theme_search(site_dir)
        with self.build.timings.phase("search"):
            if self.serving:
                self._search.write_in_background(site_dir, on_failure=_search_failed)
            else:
                _give_back_freed_memory()
                self.build.timings.note_memory("freed memory given back")
                self._search.write(site_dir)

    def close(self) -> None:
        """The process ends: stop a search run still going, delete the staged files."""
        self._search.close()
        self.drop_staging()
        self.build.cleaner.close()
        self._collector.close()


def _give_back_freed_memory() -> None:
    """Hand the memory of the written pages back to the system before Pagefind builds its
    index, the build's peak: glibc keeps freed memory for later use (300 MB of 520 at
    10,000 reports) unless asked."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # another C library: nothing to ask
        return
    libc.malloc_trim(0)


def _search_failed(message: str) -> None:
    log.warning(f"{message}; search will not work until the next change")
