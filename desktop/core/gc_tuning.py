"""Keep the cyclic garbage collector off work where it can find nothing to collect.

After start-up the process holds a few hundred thousand long-lived objects (modules,
classes, SQLAlchemy's and Qt's bindings). Every full collection walks all of them,
and an import allocates millions of short-lived tuples that trigger many such
collections: about 80 ms of a 10,000-run re-import went to walking them. Freezing
what exists after start-up moves it to a permanent generation that collections skip
(:func:`gc.freeze`, the remedy the Python documentation gives).

An import's own objects (rows of strings and numbers, lists of them) hold no
reference cycles either, yet still trigger collections that walk them all: about
0.6 s of CPU in a 10,000-run import. :func:`collection_paused` switches automatic
collection off while such work runs; reference counting still frees everything.

Loading the app's modules is the same kind of work (classes, functions, constants:
no garbage): :func:`startup_paused` keeps collection off from launch until
:func:`freeze_startup_objects`, about 15% of the start-up's CPU.

In the app, automatic collection is off for good (:func:`collect_on_gui_thread`):
a timer on the GUI thread collects instead (``desktop.ui.gc_guard``), and skips
while an import has collection paused.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False
_gui_collects = 0  # collectors installed: automatic collection stays off


_startup_pause = False


def freeze_startup_objects() -> None:
    """Exclude every object alive now from future garbage collections.

    Ends the pause of :func:`startup_paused`: collection is automatic again.
    """
    gc.freeze()
    _end_startup_pause()


@contextmanager
def startup_paused() -> Iterator[None]:
    """No automatic collection while the app loads, until start-up is frozen.

    :func:`freeze_startup_objects` ends the pause; leaving the block ends it at
    the latest (every way out of the command line, in tests too).
    """
    global _startup_pause
    with _lock:
        if gc.isenabled() and _pauses == 0 and not _startup_pause:
            gc.disable()
            _startup_pause = True
    try:
        yield
    finally:
        _end_startup_pause()


def _end_startup_pause() -> None:
    global _startup_pause, _was_enabled
    with _lock:
        if not _startup_pause:
            return
        _startup_pause = False
        if _pauses:  # a collection_paused block runs: it re-enables at its end
            _was_enabled = True
        elif not _gui_collects:  # else the GUI thread's timer collects
            gc.enable()


@contextmanager
def collection_paused() -> Iterator[None]:
    """No automatic cyclic collection while the block runs (nests across threads)."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled and not _gui_collects:
                gc.enable()


def collect_on_gui_thread(enabled: bool) -> None:
    """Hand cyclic collection to the GUI thread's timer (or give it back).

    Objects that own Qt resources must be collected on the GUI thread only: an
    automatic collection runs on whichever thread allocates, e.g. a worker's
    query. While any collector holds it, automatic collection stays off, also
    after a pause; calls nest (each ``True`` is undone by one ``False``).
    """
    global _gui_collects
    with _lock:
        _gui_collects = max(0, _gui_collects + (1 if enabled else -1))
        if _gui_collects:
            gc.disable()
        elif _pauses == 0:
            gc.enable()


def is_paused() -> bool:
    """Whether some work has paused collection (see :func:`collection_paused`)."""
    return _pauses > 0
