"""Ids of the site's own headings (mkdocs.yml's toc `slugify`): Markdown's, never starting
with `_`, so that no heading made from an editor's value (a person's or an outlet's name)
takes an id the theme uses: Material reads `#__config`, `#__search`, `#__drawer`..."""

from __future__ import annotations

from markdown.extensions.toc import slugify

__all__ = ["heading_id"]


def heading_id(value: str, separator: str) -> str:
    """A heading's id: its words, as Markdown makes them by default, without leading `_` or `-`."""
    return slugify(value, separator).lstrip("_-") or "section"
