"""Which kind reads a location, told without loading any kind's reader stack.

The registry (:data:`desktop.services.sources.KINDS`) asks these before it loads
the module of the kind that claims a location; each kind uses the same function as
its own ``detect``.
"""

from __future__ import annotations

import os

from desktop.sources.team_db.urls import is_team_db_url
from desktop.sources.tracking_server.credentials import is_server_url

__all__ = ["claims_anything", "claims_file", "is_server_url", "is_team_db_url"]


def claims_file(location: str) -> bool:
    """An existing file: a file without the SQLite header is claimed too (an MLflow
    database kind reports it as not a database)."""
    return os.path.isfile(location)


def claims_anything(location: str) -> bool:
    """Whatever no other kind claims is read as a folder (a missing one is
    reported as not found): the ``mlruns`` kind is registered last."""
    return True
