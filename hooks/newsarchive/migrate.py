"""`newsarchive migrate`: rewrite article files written for an older schema, line by line,
so that the editor's comments, quoting and order stay as they were.

December 2026: a publication window is one EDTF interval, `date: 2019-01-16/2019-01-20`,
where it was `date: null` with `not_before` and `not_after`.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["migrate_text", "migrate_files"]

_VALUE = r"[ \t]*[\"']?(\d{4}-\d{2}-\d{2})[\"']?[ \t]*(?:#[^\n]*)?\n"
_WINDOW = re.compile(
    r"^(?P<indent>[ \t]+)(?:date:[ \t]*(?:null|~)?[ \t]*(?:#[^\n]*)?\n(?P=indent))?"
    rf"not_before:{_VALUE}(?P=indent)not_after:{_VALUE}",
    re.MULTILINE,
)


def migrate_text(text: str) -> str:
    """The file's text for today's schema (unchanged when it already is)."""
    return _WINDOW.sub(lambda found: f"{found['indent']}date: {found[2]}/{found[3]}\n", text)


def migrate_files(paths: list[Path]) -> list[Path]:
    """Rewrite each file that needs it; returns the files changed."""
    changed = []
    for path in paths:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # not text it can rewrite: `newsarchive check` says what is wrong
        updated = migrate_text(text)
        if updated != text:
            path.write_text(updated, "utf-8")
            changed.append(path)
    return changed
