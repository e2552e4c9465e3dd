"""A team's PostgreSQL or MySQL/MariaDB tracking database, read directly and
strictly read-only with the ``mlflow.db`` reader."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.services.importing_team_db import (
    DEFAULT_BATCH_RUNS,
    TEAM_DB,
    read_team_db,
    take_db_url_secret,
)
from desktop.services.kinds.detection import is_team_db_url
from desktop.services.source_kind import ArtifactAccess, SourceKind
from desktop.sources.team_db.urls import db_display_name

if TYPE_CHECKING:
    from desktop.core.views import SourceInfo
    from desktop.services.live import SourceWatcher
    from desktop.sources.tracking_server.credentials import SessionCredentials
    from desktop.store.database import Store


def _never_missing(location: str) -> bool:
    """Only connecting can tell whether a database server is gone."""
    return False


def _watcher(
    store: Store, source: SourceInfo, session: SessionCredentials
) -> SourceWatcher:
    from desktop.services.team_db_watch import TeamDbWatcher  # live refresh only

    return TeamDbWatcher(store, source.location, session)


TEAM_DATABASE = SourceKind(
    name=TEAM_DB,
    detect=is_team_db_url,
    reader=read_team_db,
    watcher=_watcher,
    display_name=db_display_name,
    normalize=take_db_url_secret,
    is_missing=_never_missing,
    artifacts=ArtifactAccess.PLACES,
    default_batch_runs=DEFAULT_BATCH_RUNS,
)
