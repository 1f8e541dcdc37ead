"""What a server's last build wrote, so that the next one writes only what changed.

MkDocs's dirty build (`mkdocs serve --dirty`) renders and writes a page again only when
its file says it is modified; a generated file always says so (mkdocs/structure/files.py),
so every page would be rendered again after any edit. The server remembers the
fingerprint of each generated page and file it handed to MkDocs, and a file is modified
when its fingerprint changed or its output is missing. What the last build wrote and this
one did not (a deleted or renamed report) is deleted. A change to what every page shows
(mkdocs.yml, the theme's overrides) empties the site, so that every page is written again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

__all__ = ["Outputs", "fingerprint", "site_fingerprint"]


def fingerprint(*parts: str | bytes | None) -> bytes:
    """A short digest of what an output is made from."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        if part is not None:
            hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.digest()


def site_fingerprint(config_file: Path, overrides: Path | None) -> bytes:
    """What every page shows besides its own content: the configuration and the theme's
    overrides (a few small files, read at each build)."""
    files = [config_file]
    if overrides is not None and overrides.is_dir():
        files += sorted(path for path in overrides.rglob("*") if path.is_file())
    return fingerprint(*(part for path in files for part in (str(path), path.read_bytes())))


class Outputs:
    """The fingerprints of a server's last build, by output path in the site."""

    def __init__(self) -> None:
        self._site = b""
        self._last: dict[str, bytes] = {}  # output path -> fingerprint, last build
        self._now: dict[str, bytes] = {}  # this build's, kept once it succeeds
        self._written: set[str] = set()  # every output path of the last build

    def begin(self, site_dir: Path, site: bytes) -> bool:
        """A build starts; `site` is its site_fingerprint: when it changed, every page is
        written again (the site is emptied, and True returned)."""
        emptied = site != self._site
        if emptied:
            _empty(site_dir)
            self._last, self._written = {}, set()
        self._site = site
        self._now = {}
        return emptied

    def modified(self, dest: str, made_from: bytes) -> bool:
        """Whether the output at `dest` changed since the last build."""
        self._now[dest] = made_from
        return self._last.get(dest) != made_from

    def end(self, site_dir: Path, written: Iterable[str]) -> list[str]:
        """The build succeeded with these outputs: delete the last build's others; the
        paths deleted."""
        current = set(written)
        gone = sorted(self._written - current)
        for dest in gone:
            path = site_dir / dest
            if path.is_file():
                path.unlink()
                _remove_empty_parents(path.parent, site_dir)
        self._last, self._written = self._now, current
        return gone

    def forget(self) -> None:
        """A build failed (its site was deleted): the next one writes everything."""
        self._site, self._last, self._written = b"", {}, set()


def _remove_empty_parents(folder: Path, site_dir: Path) -> None:
    while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
        os.rmdir(folder)
        folder = folder.parent


def _empty(site_dir: Path) -> None:
    if not site_dir.is_dir():
        return
    for entry in site_dir.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
