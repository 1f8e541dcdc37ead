"""The ids, permalinks and table of contents of a generated page's own headings.

Generated pages are HTML made by the templates, not Markdown, so the toc extension that
gives hand-written pages their heading ids and permalinks never sees them; this does the
same for each heading a template writes bare (`<h2>The report</h2>`): an id from its words
(`heading_id`, as mkdocs.yml's toc makes them), unique within the page as Markdown makes it
(`_1`, `_2`...), the permalink sign, and an entry in the page's table of contents. A heading
with attributes (a report's title, the report text's own headings) is left as it is, as
Markdown leaves raw HTML.
"""

from __future__ import annotations

import html
import re
from typing import Any

from .heading_ids import heading_id

__all__ = ["number_headings"]

_BARE_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]*>")


def number_headings(page_html: str) -> tuple[str, list[dict[str, Any]]]:
    """The page with ids and permalinks on its bare headings, and its table of contents
    (Python-Markdown's toc_tokens: level, id, name, children)."""
    taken: dict[str, int] = {}  # id -> the last number given after it
    flat: list[dict[str, Any]] = []

    def number(found: re.Match[str]) -> str:
        level, inner = int(found[1]), found[2]
        name = _TAG.sub("", inner).strip()  # HTML text, its entities still escaped
        anchor = _unique(heading_id(html.unescape(name), "-"), taken)
        flat.append({"level": level, "id": anchor, "name": name, "children": []})
        link = f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a>'
        return f'<h{level} id="{anchor}">{inner}{link}</h{level}>'

    return _BARE_HEADING.sub(number, page_html), _nested(flat)


def _unique(anchor: str, taken: dict[str, int]) -> str:
    """Markdown's way: the first keeps its id, the next get _1, _2... (counted on from the
    last number given, so that a thousand equal headings cost no more than a thousand)."""
    candidate = anchor
    while candidate in taken:
        taken[anchor] += 1
        candidate = f"{anchor}_{taken[anchor]}"
    taken[candidate] = 0
    return candidate


def _nested(flat: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each heading under the last one of a higher level before it."""
    top: list[dict[str, Any]] = []
    open_headings: list[dict[str, Any]] = []
    for token in flat:
        while open_headings and open_headings[-1]["level"] >= token["level"]:
            open_headings.pop()
        (open_headings[-1]["children"] if open_headings else top).append(token)
        open_headings.append(token)
    return top
