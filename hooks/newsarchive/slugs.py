"""Slugs: the words of a name as a URL or file name part (ASCII, lower case, -)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["slugify"]


def slugify(text: str) -> str:
    """ "Gay Times" -> "gay-times"; a name with no ASCII letters -> "page"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "page"
