"""Slugs: the words of a name as a URL or file name part (ASCII, lower case, -)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Hashable, Sequence

from anyascii import anyascii

__all__ = ["SlugCollision", "distinct_slugs", "slugify"]


def slugify(text: str) -> str:
    """ "Gay Times" -> "gay-times"; other scripts are transliterated ("Новая газета" ->
    "novaya-gazeta"); a name with no letters or digits at all -> "page"."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-") or "page"


class SlugCollision(ValueError):
    """Two different things would still share one slug (their digests are alike)."""


_SEPARATOR = "--"  # slugify never makes two dashes in a row: a suffix no name can spell


def distinct_slugs(
    wanted: Sequence[tuple[str, Hashable]], reserved: frozenset[str] = frozenset(), what=repr
) -> list[str]:
    """A slug for each (slug, identity) pair, different for different identities by
    construction: a slug that one identity alone wants (and that is not `reserved`) is
    kept; each identity that shares its slug with another gets the slug with "--" and a
    digest of the identity's exact value, which no slugified name can spell (slugify never
    writes "--") and no other identity gives unless two digests are alike, which raises
    SlugCollision (naming both with `what`) rather than letting one page take another's.

    Never "the next free number": that depends on the order, and another name can take it.
    """
    holders: dict[str, set[Hashable]] = {}
    for slug, identity in wanted:
        holders.setdefault(slug, set()).add(identity)
    given: dict[str, Hashable] = {}
    slugs = []
    for slug, identity in wanted:
        if len(holders[slug]) > 1 or slug in reserved:
            digest = hashlib.sha256(repr(identity).encode("utf-8")).hexdigest()[:10]
            slug = f"{slug}{_SEPARATOR}{digest}"
        if given.setdefault(slug, identity) != identity:
            raise SlugCollision(
                f"{what(given[slug])} and {what(identity)} would share the page {slug}: "
                "tell them apart (a different spelling, period or key)"
            )
        slugs.append(slug)
    return slugs
