"""An overall deadline for HTTP requests, headers included.

Socket timeouts bound each read, not a request: a server that sends its status line
and headers one byte every few seconds is waited for forever. Here every
connection a request uses is registered with a :class:`Watch`; one daemon thread
shuts down the sockets of watches past their deadline (again and again, so a
retry's fresh connection is cut too), which ends the blocked read with an error
that the client reports as too slow.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_POLL = 0.05
"""Seconds between two cuts of a late watch's connections (retries connect anew)."""

_current = threading.local()


class Watch:
    """The deadline of one request and the connections it used."""

    def __init__(self, seconds: float) -> None:
        self.due = time.monotonic() + seconds
        self.fired = False
        self._connections: list[Any] = []

    def add(self, connection: Any) -> None:
        """Register a urllib3 connection of this request."""
        self._connections.append(connection)

    def cut(self) -> None:
        """Shut the sockets down: blocked reads return at once."""
        self.fired = True
        for connection in self._connections:
            sock = getattr(connection, "sock", None)
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class _Keeper:
    """One daemon thread that cuts the watches past their deadline."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._watches: set[Watch] = set()
        self._thread: threading.Thread | None = None

    def add(self, watch: Watch) -> None:
        with self._cond:
            self._watches.add(watch)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="http-deadlines", daemon=True
                )
                self._thread.start()
            self._cond.notify()

    def discard(self, watch: Watch) -> None:
        with self._cond:
            self._watches.discard(watch)

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                late = [w for w in self._watches if w.due <= now]
                for watch in late:
                    watch.cut()
                waiting = [w.due - now for w in self._watches if w.due > now]
                if late:
                    waiting.append(_POLL)
                self._cond.wait(min(waiting) if waiting else None)


_keeper = _Keeper()


@contextlib.contextmanager
def watched(seconds: float) -> Iterator[Watch]:
    """Run requests (in this thread) under one deadline of ``seconds``; inside
    another :func:`watched` block, the outer deadline applies."""
    outer = getattr(_current, "watch", None)
    if outer is not None:
        yield outer
        return
    watch = Watch(seconds)
    _current.watch = watch
    _keeper.add(watch)
    try:
        yield watch
    finally:
        _current.watch = None
        _keeper.discard(watch)


def _registering(base: type[HTTPConnectionPool]) -> type[HTTPConnectionPool]:
    class Registering(base):  # type: ignore[valid-type, misc]
        def _get_conn(self, timeout: float | None = None) -> Any:
            connection = super()._get_conn(timeout)
            watch = getattr(_current, "watch", None)
            if watch is not None:
                watch.add(connection)
            return connection

    Registering.__name__ = f"Registering{base.__name__}"
    return Registering


_POOLS = {
    HTTPConnectionPool: _registering(HTTPConnectionPool),
    HTTPSConnectionPool: _registering(HTTPSConnectionPool),
}


def _register_pools(manager: Any) -> None:
    """Make a urllib3 pool manager's stock pools register their connections
    (a SOCKS proxy's own pools are left as they are)."""
    manager.pool_classes_by_scheme = {
        scheme: _POOLS.get(cls, cls)
        for scheme, cls in manager.pool_classes_by_scheme.items()
    }


class DeadlineAdapter(HTTPAdapter):
    """An :class:`HTTPAdapter` whose connections requests under :func:`watched`
    register (also through an HTTP proxy)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        _register_pools(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        _register_pools(manager)
        return manager
