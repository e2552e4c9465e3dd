"""An ``mlruns`` folder (MLflow's FileStore), or a folder that holds one."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from desktop.services.importing import (
    DEFAULT_BATCH_RUNS,
    MLRUNS,
    read_mlruns,
    source_name,
)
from desktop.services.kinds.detection import claims_anything
from desktop.services.source_kind import SourceKind

if TYPE_CHECKING:
    from desktop.core.views import SourceInfo
    from desktop.services.live import SourceWatcher
    from desktop.sources.tracking_server.credentials import SessionCredentials
    from desktop.store.database import Store


def _normalize(location: str) -> str:
    """An absolute path; a URL of another scheme is kept, to be reported."""
    return location if "://" in location else os.path.abspath(location)


def _is_missing(location: str) -> bool:
    return "://" not in location and not os.path.exists(location)


def _watcher(
    store: Store, source: SourceInfo, _session: SessionCredentials
) -> SourceWatcher:
    from desktop.services.watching import MlrunsWatcher  # live refresh only

    return MlrunsWatcher(store, source.id)


MLRUNS_FOLDER = SourceKind(
    name=MLRUNS,
    detect=claims_anything,
    reader=read_mlruns,
    watcher=_watcher,
    display_name=source_name,
    normalize=_normalize,
    is_missing=_is_missing,
    default_batch_runs=DEFAULT_BATCH_RUNS,
)
