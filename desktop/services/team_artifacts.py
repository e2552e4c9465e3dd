"""Where a team database's artifacts are seen from this computer: what the user
sets per source (Artifact locations…), and what the Artifacts tab says when a run's
folder cannot be found.

The setting (a tracking server URL, a server folder and the same folder here) is
kept in the store, keyed by the source's location; never a credential (signing in
to that server uses the session's or the keyring's, as for any server).
"""

from __future__ import annotations

from urllib.parse import urlparse, urlsplit, urlunsplit

from desktop.core.artifact_places import ArtifactPlaces
from desktop.core.i18n import QT_TRANSLATE_NOOP, Text
from desktop.sources.team_db.artifact_paths import map_to_local
from desktop.store.artifact_places import load_places, save_places
from desktop.store.database import Store, driver_connection

MENU_PATH = QT_TRANSLATE_NOOP(
    "Artifacts",
    "right-click the database in the Experiments list and choose Artifact locations…",
)


def places_of(store: Store, location: str) -> ArtifactPlaces:
    """What the user set for the source at ``location``."""
    with store.engine.connect() as conn:
        return load_places(driver_connection(conn), location)


def _without_password(url: str) -> str:
    """``url`` with any password left out (a setting never holds one)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit(parts._replace(netloc=user + host))


def set_places(store: Store, location: str, places: ArtifactPlaces) -> None:
    """Keep ``places`` for the source at ``location`` (call it on a worker); a
    password in the server URL is dropped, never stored."""
    cleaned = ArtifactPlaces(
        _without_password((places.served_by or "").strip().rstrip("/")) or None,
        (places.server_root or "").strip() or None,
        (places.local_root or "").strip() or None,
    )
    with store.begin() as conn:
        save_places(conn, location, cleaned)


def unresolved_problem(uri: str | None, places: ArtifactPlaces) -> Text:
    """Why a team database run's artifacts are not shown, and what to set."""
    if not uri:
        return QT_TRANSLATE_NOOP(
            "Artifacts", "MLflow recorded no artifact location for this run."
        )
    if places.maps_folder:
        mapped = map_to_local(uri, places.server_root or "", places.local_root or "")
        if mapped is None:
            return QT_TRANSLATE_NOOP(
                "Artifacts",
                "The run's artifacts are at {0}, which is not below the server "
                "folder {1} you mapped to {2}. Correct the server folder, or give "
                "the team's tracking server URL under 'Artifacts served by' ({3}).",
            ).format(uri, places.server_root, places.local_root, MENU_PATH)
        return QT_TRANSLATE_NOOP(
            "Artifacts",
            "The run's artifacts would be in {0} on this computer, which does not "
            "exist. Is the team's artifact folder mounted there? Change the folder "
            "({1}) or refresh the database once it is there.",
        ).format(mapped, MENU_PATH)
    if urlparse(uri).scheme.lower() == "mlflow-artifacts":
        return QT_TRANSLATE_NOOP(
            "Artifacts",
            "The team's tracking server keeps this run's artifacts ({0}) and serves "
            "them. To see them, enter that server's URL under 'Artifacts served "
            "by' ({1}).",
        ).format(uri, MENU_PATH)
    return QT_TRANSLATE_NOOP(
        "Artifacts",
        "The run's artifacts are at {0} on the team's server, a place this "
        "computer does not have. Tell mlflow-desktop where to find them ({1}): "
        "the team's tracking server URL under 'Artifacts served by', or the "
        "server's artifact folder and where that folder is on this computer "
        "(a mounted share or a copy).",
    ).format(uri, MENU_PATH)
