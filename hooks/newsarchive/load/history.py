"""When each article file last changed, from the repository's history (git).

The Atom feed's `<updated>` says when an entry last changed; a report's publication day
is often not known, and the feed must not invent one.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

__all__ = ["last_changes"]


def last_changes(folder: Path) -> dict[str, dt.datetime]:
    """File name -> time of the last commit that changed it, for the files in `folder`.

    One `git log` for all files, so it stays linear. Empty outside a repository or without
    git; a file the history does not know is left out (the caller uses the build time).
    """
    try:
        log = subprocess.run(
            ["git", "log", "--format=%x00%cI", "--name-only", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    changes: dict[str, dt.datetime] = {}
    for commit in log.split("\0")[1:]:  # newest first: the first time a name shows is its last
        stamp, *names = commit.strip().split("\n")
        when = dt.datetime.fromisoformat(stamp)
        for name in names:
            if name:
                changes.setdefault(Path(name).name, when)
    return changes
