"""`newsarchive suggest --write`: suggestions added to an article as commented-out items
under their key, for the editor to uncomment (remove "# ") or delete.

Nothing already in the file is changed, except that `figures: []` becomes `figures:` so
that an uncommented item lands in a list (an empty key reads as no items). A suggestion
whose passage the front matter already holds, as an item or as a comment, is left out,
so running it twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import re

from ..passages import normalise
from . import Suggestion, Suggestions, item_lines

__all__ = ["merge_suggestions"]

_FENCE = re.compile(r"^---\s*$", re.MULTILINE)
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):(?P<rest>.*)$")
_PASSAGE_FIELD = {"figures": "quote", "events": "quote", "quotes": "text"}


def _new(kind: str, suggestions: list[Suggestion], front_matter: str) -> list[Suggestion]:
    held = normalise(front_matter)
    return [s for s in suggestions if normalise(s.item[_PASSAGE_FIELD[kind]]) not in held]


def _commented(suggestions: list[Suggestion]) -> list[str]:
    lines = [
        f"  # Suggested by `newsarchive suggest` on {dt.date.today()}: to accept an item, "
        'remove "# " from its lines and check it against the text; delete the rest.'
    ]
    for suggestion in suggestions:
        lines.append(f"  # why: {suggestion.why}")
        lines += [f"  # {line}" for line in item_lines(suggestion.item)]
    return lines


def merge_suggestions(text: str, suggestions: Suggestions) -> tuple[str, int]:
    """The article text with the new suggestions written in as comments, and how many."""
    fences = list(_FENCE.finditer(text))
    if len(fences) < 2 or fences[0].start() != 0:
        raise ValueError("the file has no front matter between two '---' lines")
    head, rest = text[: fences[1].start()], text[fences[1].start() :]
    lines = head.rstrip("\n").split("\n")
    added = 0
    for kind, items in suggestions.kinds().items():
        fresh = _new(kind, items, head)
        if not fresh:
            continue
        added += len(fresh)
        start = next(
            (i for i, line in enumerate(lines) if (m := _TOP_KEY.match(line)) and m["key"] == kind),
            None,
        )
        if start is None:
            lines += [f"{kind}:", *_commented(fresh)]
            continue
        if lines[start].split("#")[0].strip() == f"{kind}: []":
            lines[start] = f"{kind}:"
        end = start + 1
        while end < len(lines) and not _TOP_KEY.match(lines[end]):
            end += 1
        while end > start + 1 and lines[end - 1].startswith("#"):
            end -= 1  # comments at the margin introduce the next key
        lines[end:end] = _commented(fresh)
    return "\n".join(lines) + "\n" + rest, added
