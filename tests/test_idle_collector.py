"""While serving, a build's cyclic garbage is collected once the server is idle, and what
is alive then is frozen so that the next rebuild's collections do not scan it."""

from __future__ import annotations

import gc
import time
import weakref

import pytest

from newsarchive.runtime import idle_collector
from newsarchive.runtime.idle_collector import IdleCollector


class _Node:
    """An object in a reference cycle: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.itself = self


@pytest.fixture
def automatic_collection_off():
    """Only IdleCollector may collect during the test."""
    gc.disable()
    yield
    gc.enable()
    gc.unfreeze()


def _cyclic_garbage() -> weakref.ref:
    node = _Node()
    return weakref.ref(node)  # node's cycle keeps it alive until a collection


def test_garbage_is_collected_and_the_living_frozen_once_the_server_is_idle(
    automatic_collection_off, monkeypatch
):
    monkeypatch.setattr(idle_collector, "IDLE_AFTER", 0.2)
    collector = IdleCollector()
    garbage = _cyclic_garbage()
    collector.after_build()
    assert garbage() is not None  # not at once: the browser is reloading the edited page
    deadline = time.monotonic() + 10
    while not gc.get_freeze_count() and time.monotonic() < deadline:
        time.sleep(0.05)  # frozen last, after the collection
    assert garbage() is None
    assert gc.get_freeze_count() > 0
    collector.close()
    assert gc.get_freeze_count() == 0


def test_a_rebuild_that_comes_before_the_pause_collects_first(
    automatic_collection_off, monkeypatch
):
    monkeypatch.setattr(idle_collector, "IDLE_AFTER", 60)
    collector = IdleCollector()
    collector.after_build()
    garbage = _cyclic_garbage()
    collector.before_build()
    assert garbage() is None
    assert gc.get_freeze_count() > 0
    collector.close()


def test_nothing_is_collected_before_the_first_build(automatic_collection_off):
    collector = IdleCollector()
    garbage = _cyclic_garbage()
    collector.before_build()
    assert garbage() is not None
    collector.close()


def test_what_tidying_lets_go_of_is_collected_in_the_same_pause(automatic_collection_off):
    held = [_Node()]  # in a cache, say, which tidying empties
    garbage = weakref.ref(held[0])
    collector = IdleCollector(tidy=held.clear)
    collector.after_build()
    collector.before_build()  # the collection that was due runs now
    assert not held and garbage() is None
    collector.close()
