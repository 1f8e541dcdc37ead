"""A generated page, and the HTML blocks that skip Python-Markdown on their way through."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import yaml


@dataclass(frozen=True)
class GeneratedPage:
    """A page the hook adds to the site, as Markdown with its finished HTML blocks."""

    src_uri: str  # where the page pretends to be in docs/, e.g. "reports/x.md"
    content: str  # Markdown, with a placeholder where each block of `blocks` goes
    edit_path: str | None = None  # the repository file an editor changes for this page
    in_nav: bool = True
    blocks: dict[str, str] = field(default_factory=dict)  # placeholder -> finished HTML


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


# Our own HTML blocks (never report text: the check refuses raw HTML in bodies). Python-
# Markdown re-parses every raw HTML block, the largest cost of a build; these are finished
# HTML already, so they skip Markdown and are put back by `inject_blocks`.
_OWN_BLOCK = re.compile(r"^\n*<(?:(?:section|div|ul|ol|h1)[\s>]|p class=)")

# A block's placeholder is a paragraph of text Markdown passes on untouched: its number
# between two private-use characters, which no report or front matter value may hold
# (load.body). An HTML comment in its place cost Markdown an eighth of a report page.
_OPEN, _CLOSE = "\ue000", "\ue001"
# Found as the paragraph Markdown makes of it: a search that starts with a fixed text is
# eight times faster over a page than one that may start in two ways.
_PLACEHOLDER = re.compile(f"<p>({_OPEN}\\d+{_CLOSE})</p>")


def lift_blocks(page: GeneratedPage) -> GeneratedPage:
    """The page with its own HTML blocks replaced by placeholders (they skip Markdown)."""
    chunks = page.content.split("\n\n")
    blocks = dict(page.blocks)  # made by the page's renderer, e.g. a report's text
    for index, chunk in enumerate(chunks):
        if _OWN_BLOCK.match(chunk):
            placeholder = f"{_OPEN}{len(blocks)}{_CLOSE}"  # as _PLACEHOLDER finds
            blocks[placeholder] = chunk
            chunks[index] = placeholder
    return replace(page, content="\n\n".join(chunks), blocks=blocks)


def inject_blocks(html: str, blocks: dict[str, str]) -> str:
    """The page's HTML with the paragraph Markdown made of each placeholder replaced by
    its block: in one pass over the page, not one per block (a report page has a dozen)."""
    if not blocks:
        return html
    return _PLACEHOLDER.sub(lambda found: blocks.get(found[1], found[0]), html)
