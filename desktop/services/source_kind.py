"""What a kind of source is: one object per kind, registered in
:mod:`desktop.services.sources`.

A :class:`SourceKind` says which locations it reads (``detect``), how such a
location is stored and named, the reader it plugs into the shared import pipeline
(:mod:`desktop.services.import_pipeline`), the watcher live refresh uses, and how
its runs' artifacts are reached.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from desktop.services.import_pipeline import (
    ImportOptions,
    ImportProgress,
    ImportReader,
    ImportReport,
    run_pipeline,
)

if TYPE_CHECKING:
    from desktop.core.views import SourceInfo
    from desktop.services.live import SourceWatcher
    from desktop.sources.tracking_server.credentials import SessionCredentials
    from desktop.store.database import Store


class ArtifactAccess(Enum):
    """How the artifacts of a kind's runs are reached."""

    LOCAL = "local"
    """Folders on this machine (or a ``file://`` URI), read in place."""
    REMOTE = "remote"
    """Listed and downloaded through the tracking server's artifact API."""
    PLACES = "places"
    """Where the user said, per source: a folder mapped from the server's to one
    on this machine, or a tracking server that serves them (team databases)."""


def local_location(location: str) -> str:
    """A local path as stored: absolute."""
    return os.path.abspath(location)


def local_is_missing(location: str) -> bool:
    """Whether a local file or folder no longer exists."""
    return not os.path.exists(location)


@dataclass(frozen=True, slots=True)
class SourceKind:
    """One kind of source (``mlruns`` folder, MLflow database, tracking server...)."""

    name: str
    """The kind as stored in ``sources.kind`` (never change it once released)."""
    detect: Callable[[str], bool]
    """Whether a location the user opened is of this kind (cheap, no reading)."""
    reader: ImportReader
    """Reads a location into the store through the shared import pipeline."""
    watcher: Callable[[Store, SourceInfo, SessionCredentials], SourceWatcher]
    """The live-refresh watcher of a stored source of this kind (the session's
    sign-ins reach a tracking server)."""
    display_name: Callable[[str], str]
    """The short name shown for a stored location."""
    normalize: Callable[[str], str] = local_location
    """A detected location as stored (absolute path, URL without credentials)."""
    is_missing: Callable[[str], bool] = local_is_missing
    """Whether a stored location is known to be gone (without connecting)."""
    artifacts: ArtifactAccess = ArtifactAccess.LOCAL
    """How its runs' artifacts are reached."""
    default_batch_runs: int = 250
    """Runs per written batch unless :class:`ImportOptions` says otherwise."""
    paced_polls: bool = False
    """Live refresh polls it at the user's server interval, not at every tick (no
    cheap change signal: each poll is a sync)."""

    def import_location(
        self,
        store: Store,
        location: str,
        options: ImportOptions | None = None,
        *,
        cancel: threading.Event | None = None,
    ) -> Generator[ImportProgress, None, ImportReport]:
        """Import (or refresh) ``location``, already normalized, into ``store``."""
        return run_pipeline(
            store,
            self.name,
            self.reader,
            location,
            options or ImportOptions(),
            default_batch_runs=self.default_batch_runs,
            cancel=cancel,
        )
