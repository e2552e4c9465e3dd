"""Heavy analysis in a process of its own, so the window never waits for it.

Parameter importance imports scikit-learn (seconds, the first time) and fits a
forest. On a thread of the app both hold Python's interpreter lock for long
stretches, and the window froze for up to a second and a half at a time. One worker
process, started on first use and kept for the next request, does that work instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from desktop.services.worker_pool import process_context

Result = TypeVar("Result")

_lock = threading.Lock()
_executor: ProcessPoolExecutor | None = None
_warm: set[str] = set()


def run_in_process(fn: Callable[..., Result], *args: Any) -> Result:
    """``fn(*args)`` in the analysis process; blocks the calling (worker) thread.

    ``fn`` must be a module-level function and its arguments picklable. A crashed
    process is replaced on the next call.
    """
    global _executor
    with _lock:
        if _executor is None:
            _executor = ProcessPoolExecutor(1, mp_context=process_context())
        executor = _executor
    try:
        result = executor.submit(fn, *args).result()
    except BrokenProcessPool:
        with _lock:
            if _executor is executor:
                _executor = None
                _warm.clear()
        raise
    _warm.add(_name(fn))
    return result


def has_run(fn: Callable[..., Any]) -> bool:
    """Whether the analysis process has run ``fn`` (so its modules are loaded)."""
    return _name(fn) in _warm


def shutdown(*, wait: bool = True) -> None:
    """Stop the analysis process, dropping queued jobs (``wait``: until it is gone).

    The next :func:`run_in_process` starts a new one.
    """
    global _executor
    with _lock:
        executor, _executor = _executor, None
        _warm.clear()
    if executor is not None:
        executor.shutdown(wait=wait, cancel_futures=True)


def _name(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"
