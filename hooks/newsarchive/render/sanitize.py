"""Generated pages cleaned to what our templates and report text make (nh3): the second
lock behind the check of report text (load.body), for anything it missed."""

from __future__ import annotations

import nh3

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "clean_html"]

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


def clean_html(html: str) -> str:
    """Rendered page content with anything outside the allow-list removed."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
