"""A function over many items on every core, in forked processes (Linux).

Used to read and check the articles of a one-off build: at 10,000 reports, 24.6 s of work
on two cores instead of one (benchmarks/RESULTS.md, "its two loaders"); a server reads
them one after the other (forking a process with threads copies them in any state, and a
server's rebuild parses only the files that changed). Below a few hundred items, starting
the processes and sending the results back costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from typing import Any, TypeVar

__all__ = ["on_every_core"]

T = TypeVar("T")
R = TypeVar("R")
PARALLEL_FROM = 400  # items: fewer are done here
CHUNK = 50  # items sent to a process at a time


def on_every_core(function: Callable[[T], R], items: list[T]) -> list[R]:
    """`function` of each item, in order, on every core when there are enough items."""
    cores = os.cpu_count() or 1
    if cores == 1 or sys.platform != "linux" or len(items) < PARALLEL_FROM:
        return [function(item) for item in items]
    chunks = [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(cores, mp_context=fork) as pool:
        done = list(pool.map(_each, repeat(function), chunks))
    return [result for chunk in done for result in chunk]


def _each(function: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    return [function(item) for item in chunk]
