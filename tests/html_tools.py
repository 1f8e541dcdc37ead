"""Small readers of built HTML for the tests (stdlib only)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path


class Page(HTMLParser):
    """Ids, links, <time> values and the text of elements with a given class."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.times: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self._script_text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "time":
            self.times.append(attributes.get("datetime", ""))
        if tag == "script":
            self._script, self._script_text = attributes, []

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None


def read_page(site: Path, url_path: str) -> str:
    """The HTML of the page at a site-relative URL such as `reports/x/`."""
    path = site / url_path
    if url_path.endswith("/") or url_path == "":
        path = path / "index.html"
    return path.read_text("utf-8")


def text_of(html: str) -> str:
    """The visible text, tags removed and whitespace collapsed."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    from html import unescape

    return " ".join(unescape(text).split())
