"""When each article file last changed, from the repository's history (git).

The Atom feed's `<updated>` says when an entry last changed; a report's publication day
is often not known, and the feed must not invent one.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

__all__ = ["last_changes", "parse_log"]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def last_changes(folder: Path, *, now: dt.datetime | None = None) -> dict[str, dt.datetime]:
    """File name -> time of the last commit that changed it, for the files in `folder`.

    One `git log` for all files, so it stays linear. Empty outside a repository or without
    git; a file the history does not know is left out (the caller uses the build time).
    A commit's time is the committer's claim (git takes year 10000): it is read as a
    number and held between 1970 and `now` (the build time; by default the present), so
    a commit dated in the future dates nothing after the build.
    """
    try:
        log = subprocess.run(
            ["git", "log", "--format=%x00%ct", "--name-only", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return {}
    return parse_log(log, now or dt.datetime.now(dt.UTC))


def parse_log(log: str, now: dt.datetime) -> dict[str, dt.datetime]:
    """`git log --format=%x00%ct --name-only` read: each name's newest commit time, in UTC,
    held between 1970 and `now`; a commit whose time is not a number is passed over."""
    latest = max(int(now.timestamp()), 0)
    changes: dict[str, dt.datetime] = {}
    for commit in log.split("\0")[1:]:  # newest first: the first time a name shows is its last
        stamp, *names = commit.strip().split("\n")
        try:
            seconds = int(stamp)
        except ValueError:
            continue
        when = _EPOCH + dt.timedelta(seconds=min(max(seconds, 0), latest))
        for name in names:
            if name:
                changes.setdefault(Path(name).name, when)
    return changes
