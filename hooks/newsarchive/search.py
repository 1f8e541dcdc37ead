"""The site's search: a Pagefind index of the built pages.

Pagefind splits its index into chunks, so one query downloads a few hundred kilobytes
whatever the size of the archive, and it needs no server. Pages mark what is indexed
(`data-pagefind-body`, set in docs/overrides/main.html) and what can be filtered on
(`data-pagefind-filter`: outlet, year, tag, language, in the report template).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

__all__ = ["SearchIndexError", "index_site"]


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_site(site_dir: Path) -> None:
    """Write the search bundle to `site_dir/pagefind/`."""
    result = subprocess.run(
        # Headings' permalink signs (¶) are not words to find.
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site_dir),
            "--silent",
            "--exclude-selectors",
            ".headerlink",
        ],  # fmt: skip
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed: {result.stderr or result.stdout}")
