"""Time per phase and resident memory after each step, for benchmarks/bench.py.

Off unless the environment variable NEWSARCHIVE_TIMINGS names a file: then the build
writes what it measured there as JSON when it ends.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["Timings"]

_STATUS = Path("/proc/self/status")  # Linux: this process's resident memory


class Timings:
    """Seconds per phase (added up) and memory in MB after named steps, of one build."""

    def __init__(self, target: str | None = None) -> None:
        self.target = target
        self.seconds: dict[str, float] = {}
        self.memory: dict[str, float] = {}

    @classmethod
    def from_environment(cls) -> Timings:
        """Timings that write to $NEWSARCHIVE_TIMINGS, if set."""
        return cls(os.environ.get("NEWSARCHIVE_TIMINGS") or None)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time the block as (part of) the phase `name`."""
        started = time.perf_counter()
        try:
            yield
        finally:
            spent = time.perf_counter() - started
            self.seconds[name] = self.seconds.get(name, 0.0) + spent

    def note_memory(self, step: str) -> None:
        """Record this process's resident memory now, when measuring."""
        if self.target and _STATUS.exists():
            lines = _STATUS.read_text().splitlines()
            rss = next(line for line in lines if line.startswith("VmRSS"))
            self.memory[step] = int(rss.split()[1]) / 1024

    def write(self) -> None:
        """Write what was measured to the target file, when measuring."""
        if self.target:
            measured = {"seconds": self.seconds, "memory": self.memory}
            Path(self.target).write_text(json.dumps(measured), encoding="utf-8")
