"""What the site's search reads of a page (Pagefind; runtime/search.py runs it).

Pagefind splits its index into chunks, so one query downloads a few hundred kilobytes
whatever the size of the archive, and it needs no server. Pages mark what is indexed
(`data-pagefind-body`, set in docs/overrides/main.html) and what can be filtered on
(`data-pagefind-filter`: outlet, year, tag, language, in the report template).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

__all__ = ["EXCLUDE_SELECTORS", "drop_theme_search", "searchable_part"]

# Headings' permalink signs (¶) are not words to find.
EXCLUDE_SELECTORS = ".headerlink"

# Material's own search (lunr, its languages and the worker, about 1 MB) ships with the
# theme whether or not its plugin is on; with Pagefind nothing loads it.
_THEME_SEARCH = ("assets/javascripts/lunr", "assets/javascripts/workers")


def drop_theme_search(site_dir: Path) -> None:
    """Remove the theme's unused search files from the built site."""
    for part in _THEME_SEARCH:
        shutil.rmtree(site_dir / part, ignore_errors=True)


_BODY = "<div data-pagefind-body>"  # docs/overrides/main.html

# The id of any element but a heading. Pagefind keeps every element with an id as an
# anchor, with its text; its UI links results only to headings. A report page's marked
# passages and paragraphs made anchors that repeated the whole text: 60% of its search
# data, held in Pagefind's memory for every page until it writes the index.
_NON_HEADING_ID = re.compile(r'(<(?!h[1-6][\s>])[a-zA-Z][a-zA-Z0-9]*\b[^>]*?)\s+id="[^"]*"')


def searchable_part(html: str) -> str | None:
    """What Pagefind reads of a page: its head (language, title) and its content from
    the indexed part on, with ids only on headings. None for a page without one
    (listings): Pagefind leaves those out once any page marks its body. The header and
    navigation before the content, 40% of a report page, are not sent: Pagefind would
    only skip them."""
    start = html.find(_BODY)
    if start == -1:
        return None
    head_end = html.find("<body")
    return html[:head_end] + "<body>" + _NON_HEADING_ID.sub(r"\1", html[start:])
