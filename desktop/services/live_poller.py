"""Live refresh's poll cycle, Qt-free: each source's watcher polled, changes applied.

The window runs :meth:`LivePoller.cycle` on its thread pool (see
:mod:`desktop.ui.live_refresh`).
"""

from __future__ import annotations

import threading
import time

from desktop.services.catalog import Catalog
from desktop.services.import_pipeline import ImportReport
from desktop.services.live import SourceWatcher
from desktop.services.sources import kind_named, make_watcher

DEFAULT_SERVER_SECONDS = 30


class LivePoller:
    """Polls each source's watcher and applies what changed; runs on a pool
    thread, one cycle at a time."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.server_seconds = DEFAULT_SERVER_SECONDS
        self.cancel = threading.Event()
        #: Set while live refresh is switched off: a cycle already running stops
        #: before it writes anything (a watcher finds the same changes next time).
        self.held = threading.Event()
        self._watchers: dict[int, SourceWatcher] = {}
        self._last_server_poll: dict[int, float] = {}

    def cycle(self) -> tuple[list[ImportReport], list[str]]:
        """The reports of sources that changed, and why others could not be read."""
        reports: list[ImportReport] = []
        errors: list[str] = []
        sources = self.catalog.sources()
        alive = {source.id for source in sources}
        for stale in set(self._watchers) - alive:
            del self._watchers[stale]
        now = time.monotonic()
        for source in sources:
            if self._stopped():
                break
            try:
                if kind_named(source.kind).paced_polls:
                    last = self._last_server_poll.get(source.id)
                    if last is not None and now - last < self.server_seconds:
                        continue
                    self._last_server_poll[source.id] = now
                watcher = self._watchers.get(source.id)
                if watcher is None:
                    watcher = make_watcher(
                        self.catalog.store, source, self.catalog.session
                    )
                    self._watchers[source.id] = watcher
                changes = watcher.poll()
                if not changes.empty and not self._stopped():
                    reports.append(watcher.apply(changes))
            except Exception as exc:  # a source that cannot be read is skipped
                errors.append(f"{source.name}: {exc}")
        return reports, errors

    def _stopped(self) -> bool:
        return self.cancel.is_set() or self.held.is_set()
