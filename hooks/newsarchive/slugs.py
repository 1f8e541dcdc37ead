"""Slugs: the words of a name as a URL or file name part (ASCII, lower case, -)."""

from __future__ import annotations

import re

from anyascii import anyascii

__all__ = ["slugify"]


def slugify(text: str) -> str:
    """ "Gay Times" -> "gay-times"; other scripts are transliterated ("Новая газета" ->
    "novaya-gazeta"); a name with no letters or digits at all -> "page"."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-") or "page"
