"""A shorter thread switch interval while background work runs, restored after.

A busy worker thread (an import writing to the store) holds Python's interpreter
lock for up to :func:`sys.getswitchinterval` at a time; the GUI thread waits that
long for each turn. While such work runs, :func:`fast_thread_switching` makes the
interpreter hand the lock over sooner. Blocks nest (across threads and objects):
the interval in force before the first one comes back when the last one ends.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

FAST_INTERVAL = 0.002
"""Seconds between switches while background work runs (Python's default: 0.005)."""

_lock = threading.Lock()
_holders = 0
_previous = 0.0


@contextmanager
def fast_thread_switching() -> Iterator[None]:
    """Switch threads every :data:`FAST_INTERVAL` seconds while the block runs."""
    global _holders, _previous
    with _lock:
        if _holders == 0:
            _previous = sys.getswitchinterval()
            sys.setswitchinterval(FAST_INTERVAL)
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                sys.setswitchinterval(_previous)
