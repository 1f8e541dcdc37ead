"""Whether this process may fork helper processes: on Linux, where a fork is cheap and
safe, and not while `mkdocs serve` runs (the server has threads, which a fork would copy
in any state). Asked by the parallel loader and by the build that compiles in a child."""

from __future__ import annotations

import sys

__all__ = ["may_fork", "serving"]

_serving = False


def serving(on: bool) -> None:
    """The process is a server (on) or a one-off build."""
    global _serving
    _serving = on


def may_fork() -> bool:
    """Whether work may go to forked processes now."""
    return sys.platform == "linux" and not _serving
