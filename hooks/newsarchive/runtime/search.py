"""The site's search: a Pagefind index of the built pages, made once the pages are written.

Each written page leaves what search reads of it (`searchable_part`: its head and its
indexed part, ids only on headings) in a folder of its own that mirrors the site; at the
end of the build Pagefind's command line indexes that folder and writes the bundle into
the site. A server keeps the folder across its builds (a dirty build writes only the
pages that changed) and runs Pagefind in the background: the edited page reloads at once
and its search follows.

Measured against the Pagefind service this replaces (pages handed over as they were
written, so that Pagefind indexed beside MkDocs): the service saved 1-2 s of a 1,000-report
build and nothing measurable at 10,000, needed a reader thread, a bound on pages in flight
and a wait for files it answered before writing (Pagefind 1.5.2, #1272), and once shipped
a truncated bundle. The command line has written its files when it exits.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from pagefind.service import get_executable

from ..render.search import EXCLUDE_SELECTORS, searchable_part

__all__ = ["SearchIndex", "SearchIndexError"]


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


class SearchIndex:
    """The pages search reads, and the Pagefind run that indexes them into `site_dir`."""

    def __init__(self) -> None:
        self._folder: Path | None = None  # made on first use
        self._run: subprocess.Popen | None = None
        self._lock = threading.Lock()  # the run is started by one thread, stopped by another

    @property
    def _source(self) -> Path:
        if self._folder is None or not self._folder.is_dir():
            self._folder = Path(tempfile.mkdtemp(prefix="newsarchive-search-"))
        return self._folder

    def add(self, dest: str, html: str) -> None:
        """A page was written at `dest` (its path in the site): keep what search reads."""
        path = self._source / dest
        searchable = searchable_part(html)
        if searchable is None:  # a listing: not searched
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(searchable, "utf-8")

    def remove(self, dest: str) -> None:
        """A page is gone from the site."""
        (self._source / dest).unlink(missing_ok=True)

    def clear(self) -> None:
        """Every page will be written again."""
        self.stop()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def write(self, site_dir: Path) -> None:
        """Index the pages and write the bundle to `site_dir/pagefind/`; fails with what
        Pagefind said."""
        run = self._start(site_dir)
        _, said = run.communicate()
        if run.returncode != 0:
            if run.returncode < 0:  # stopped: a newer build replaced this one
                raise SearchIndexError("Pagefind was stopped before it wrote the index")
            raise SearchIndexError(f"Pagefind failed (exit status {run.returncode}): {said}")

    def write_in_background(self, site_dir: Path, on_failure) -> None:
        """`write` on another thread; `on_failure(message)` is told if it fails."""

        def write() -> None:
            try:
                self.write(site_dir)
            except (SearchIndexError, OSError) as error:
                if "stopped" not in str(error):
                    on_failure(str(error))

        threading.Thread(target=write, daemon=True).start()

    def stop(self) -> None:
        """Stop a run still going (a newer build starts, or the process ends)."""
        with self._lock:
            run, self._run = self._run, None
        if run is not None and run.poll() is None:
            run.terminate()
            run.wait()

    def close(self) -> None:
        """The process ends: stop, and delete the pages kept for search."""
        self.clear()

    def _start(self, site_dir: Path) -> subprocess.Popen:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("Pagefind is not installed: run `make` to set up the venv")
        output = site_dir / "pagefind"
        shutil.rmtree(output, ignore_errors=True)  # no chunk of an older index stays
        command = [str(executable), "--site", str(self._source), "--output-path", str(output)]
        command += ["--exclude-selectors", EXCLUDE_SELECTORS, "--quiet"]
        self.stop()
        with self._lock:
            self._run = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
            )
            return self._run
