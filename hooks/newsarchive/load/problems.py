"""Problems found in article files, each said so that an editor can fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import line_of
from .characters import visible

__all__ = ["Problem", "ProblemLog", "dotted"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, said so that an editor can fix it.

    Its path, field and message may quote what the editor wrote (a file name, a key, a
    value): `str()` shows it on one line with every control as its escape, for a terminal
    or a log; other outputs escape it their own way (the GitHub annotations: cli).
    """

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return visible(f"{self.path}:{self.line}: {self.field}: {self.message}")


class ProblemLog:
    """The problems of one file, collected while it is read (with the line of every key)."""

    def __init__(self, path: str, lines: dict[tuple, int] | None = None, offset: int = 0):
        self.path = path
        self.lines = lines or {}
        self.offset = offset
        self.problems: list[Problem] = []

    def line_of(self, loc: tuple) -> int:
        """The file line of a field path, or of its nearest parent given."""
        return line_of(self.lines, loc)

    def add(
        self, loc: tuple, message: str, line: int | None = None, field: str | None = None
    ) -> None:
        """Log a problem of the field `loc` (at its line unless `line` is given)."""
        field = field or dotted(loc) or "front matter"
        self.problems.append(Problem(self.path, line or self.line_of(loc), field, message))


def dotted(loc: Iterable) -> str:
    """A field's path as editors read it: figures[0].quote."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
