"""Generated pages cleaned to what our templates and Markdown make (nh3): the second
lock behind the check of report text (load.body), for anything it missed."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import nh3

from ..cache import BuildCache
from ..cache import enabled as caching

__all__ = ["PageCleaner", "clean_html"]

# What our templates and Markdown produce, and nothing else.
ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "li", "mark", "ol", "p", "pre", "section", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "time", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {
        "id",
        "class",
        "title",
        "aria-label",
        "data-pagefind-filter",
        "data-pagefind-meta",
        "data-pagefind-ignore",
    },  # fmt: skip
    "a": {"href", "rel", "download"},
    "time": {"datetime"},
    "th": {"scope"},
    "td": {"data-label"},  # the column's name, shown beside the cell on a phone
}
URL_SCHEMES = {"http", "https", "mailto"}

_CLEANED: BuildCache[str] = BuildCache()


def clean_html(html: str) -> str:
    """Rendered page content with anything outside the allow-list removed."""
    if caching():  # serving: a page that did not change was cleaned last time
        return _CLEANED.get(_key(html), lambda: _clean(html))
    return _clean(html)


def _cleaned_before(html: str) -> str | None:
    """While serving, the page as the last build cleaned it, if it has not changed."""
    return _CLEANED.find(_key(html)) if caching() else None


def _key(html: str) -> tuple[int, int]:
    # Python's own 64-bit string hash, ~5x cheaper than a digest of the UTF-8 (1,300 pages
    # a rebuild); two of a server's pages share one by chance once in ~10^13 builds, and
    # would then show the other page's content, cleaned.
    return len(html), hash(html)


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


class PageCleaner:
    """Pages cleaned on another core while MkDocs converts the next ones: nh3 lets go of
    Python's lock while it works, and a page's HTML is not read again until its template
    is rendered, after every page is converted."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="sanitise")
        self._pending: dict[str, Future[str]] = {}
        self._done: dict[str, str] = {}

    def submit(self, key: str, html: str) -> None:
        """Start cleaning a page's HTML."""
        # While serving, most pages are as the last build cleaned them: handing those
        # to the thread cost more than finding them (~50 us a page, 1,300 pages).
        cleaned = _cleaned_before(html)
        if cleaned is not None:
            self._done[key] = cleaned
        else:
            self._pending[key] = self._pool.submit(clean_html, html)

    def take(self, key: str) -> str | None:
        """The page's cleaned HTML (waiting for it if need be); None if it was not given."""
        if key in self._done:
            return self._done.pop(key)
        future = self._pending.pop(key, None)
        return None if future is None else future.result()

    def close(self) -> None:
        """Stop: what was not taken is not wanted."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pending, self._done = {}, {}
