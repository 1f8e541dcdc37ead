"""Whether the reports' web addresses still answer (`newsarchive check --links`).

Opt-in and online: the normal check never touches the network. A dead address is not a
mistake in the file, so it is reported as a warning with what to do about it.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from .load.problems import Problem
from .model import Article

__all__ = ["dead_links"]

_HEADERS = {"User-Agent": "newsarchive link check (+https://github.com/)"}


def _addresses(article: Article) -> Iterator[tuple[tuple, str]]:
    source = article.meta.source
    if source.url:
        yield ("source", "url"), source.url
    for index, copy in enumerate(source.archived):
        yield ("source", "archived", index), copy


def _failure(url: str, timeout: float) -> str | None:
    """Why `url` does not answer, or None when it does. Some servers refuse HEAD, so a
    refused HEAD is asked again with GET."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=_HEADERS)
        try:
            with urllib.request.urlopen(request, timeout=timeout):  # noqa: S310 (http/https only)
                return None
        except urllib.error.HTTPError as error:
            failure = f"answered {error.code} {error.reason}"
            if method == "HEAD" and error.code in {403, 405, 501}:
                continue
            return failure
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            return f"did not answer ({getattr(error, 'reason', error)})"
    return failure


def dead_links(articles: list[Article], *, timeout: float = 20, workers: int = 8) -> list[Problem]:
    """A warning for every source or archived address that does not answer."""
    checks = [(article, loc, url) for article in articles for loc, url in _addresses(article)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        failures = list(pool.map(lambda check: _failure(check[2], timeout), checks))
    warnings = []
    for (article, loc, url), failure in zip(checks, failures, strict=True):
        if failure is None:
            continue
        field = ".".join(str(part) for part in loc[:2]) + "".join(f"[{i}]" for i in loc[2:])
        advice = (
            "add a web archive copy under source.archived if one exists"
            if loc == ("source", "url")
            else "replace it with a copy that still answers"
        )
        warnings.append(
            Problem(str(article.path), article.line_of(loc), field, f"{url} {failure}; {advice}")
        )
    return warnings
