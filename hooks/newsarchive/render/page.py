"""A generated page: its front matter for MkDocs, and its finished HTML."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from .headings import number_headings


@dataclass(frozen=True)
class GeneratedPage:
    """A page the hook adds to the site: its source as MkDocs reads it (front matter: the
    title, description and options), and the HTML of its content, finished: MkDocs
    converts no Markdown of it. A page without `html` is Markdown for MkDocs to convert
    (the editors' guide)."""

    src_uri: str  # where the page pretends to be in docs/, e.g. "reports/x.md"
    content: str  # front matter (and, without html, the Markdown to convert)
    edit_path: str | None = None  # the repository file an editor changes for this page
    in_nav: bool = True
    html: str | None = None  # the finished content
    toc: list[dict[str, Any]] = field(default_factory=list)  # toc_tokens of html's headings


def front_matter(
    title: str, description: str, *, hide: Sequence[str] = (), search: bool = True
) -> str:
    """A generated page's front matter, between its '---' lines, whatever its values hold.

    Every generated page gets its front matter here, serialised by YAML: a value written
    into a template by hand ("title: Timeline: 2019") is not YAML when it holds ": ", and
    MkDocs then shows the whole block as the page's text (and search indexes it).

    Material prints the title and description unescaped (its autoescape is off), in
    <title>, in the header and in a content="..." attribute: so &, <, > and " are escaped
    here, once. Apostrophes, common in titles and harmless there, are kept so that search
    matches them.

    Args:
        title: the page's title, as plain text.
        description: its meta description, as plain text.
        hide: the parts of the page Material hides ("navigation", "toc").
        search: whether search indexes the page.

    Returns:
        The front matter, from its opening '---' line to its closing '---' (no newline after).
    """
    fields: dict[str, object] = {"title": _html_text(title), "description": _html_text(description)}
    if hide:
        fields["hide"] = list(hide)
    if not search:
        fields["search"] = {"exclude": True}
    # One line a value, however long: the page's source stays readable.
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=2**31)
    return f"---\n{text}---"


def _html_text(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;")


def finished_page(
    src_uri: str, rendered: str, edit_path: str | None = None, *, in_nav: bool = True
) -> GeneratedPage:
    """A page as a template renders it: its front matter, then its finished HTML, whose
    bare headings get their ids, permalinks and table of contents here (render.headings)."""
    end = rendered.index("\n---", 3) + len("\n---")  # front_matter's closing line
    html, toc = number_headings(rendered[end:].lstrip("\n"))
    return GeneratedPage(src_uri, rendered[:end] + "\n", edit_path, in_nav, html, toc)
