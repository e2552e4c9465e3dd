"""What the artifacts view of one run shows: its artifact root and logged models.

MLflow 3 runs produce logged models stored under ``<exp>/models/<id>/artifacts``
(linked through the run's outputs); MLflow 1.x/2.x runs list their models in the
``mlflow.log-model.history`` tag, pointing into the run's own artifacts.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import yaml
from sqlalchemy import Connection

from desktop.core.i18n import QT_TRANSLATE_NOOP, message_of
from desktop.core.records import LoggedModelRecord
from desktop.services.artifact_browser import (
    ArtifactEntry,
    ArtifactError,
    ArtifactRoot,
    PathRefused,
    is_remote,
    list_folder,
    locate_root,
    resolve_inside,
    split_relative,
)
from desktop.services.cloud_artifacts import cloud_root, is_cloud_uri
from desktop.services.logged_tables import LOGGED_ARTIFACTS_TAG, logged_table_paths
from desktop.services.remote_artifacts import (
    RemoteArtifactError,
    ServerArtifacts,
    ServerClients,
    server_root,
)
from desktop.services.source_kind import ArtifactAccess
from desktop.services.sources import kind_named
from desktop.services.team_artifacts import unresolved_problem
from desktop.sources.safe_files import open_regular_text
from desktop.sources.team_db.artifact_paths import resolve_local
from desktop.sources.tracking_server.artifacts import RemoteArtifacts
from desktop.store import queries
from desktop.store.artifact_places import load_places
from desktop.store.database import driver_connection

HISTORY_TAG = "mlflow.log-model.history"
RUN_ROOT = "run"
MODEL_STATUS = {0: "UNSPECIFIED", 1: "PENDING", 2: "READY", 3: "FAILED"}
MAX_MLMODEL_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class ModelEntry:
    """A model the run logged, shown in the "Logged models" group.

    ``root_key`` names the :class:`ArtifactRoot` holding its files and ``path`` the
    model folder inside it (``""`` for an MLflow 3 model's own root).
    """

    name: str
    model_id: str | None
    root_key: str
    path: str
    flavors: tuple[str, ...]
    created: int | None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class RunArtifacts:
    """A run's artifact root, its top-level entries and the models it logged.

    ``no_artifacts`` says the run's own folder simply has no ``artifacts`` folder
    (its root then has no path, and its ``problem`` says so). ``remotes`` holds,
    for runs synced from a tracking server, the server side of each root (whose
    ``path`` is then the local download cache).
    """

    run_pk: int
    run_id: str
    run_name: str
    root: ArtifactRoot
    entries: tuple[ArtifactEntry, ...]
    listing_error: str | None
    models: tuple[ModelEntry, ...]
    roots: dict[str, ArtifactRoot] = field(default_factory=dict)
    no_artifacts: bool = False
    remotes: dict[str, ServerArtifacts] = field(default_factory=dict)
    logged_tables: frozenset[str] = frozenset()
    """Paths the run's ``mlflow.loggedArtifacts`` tag lists as tables."""
    places_location: str | None = None
    """The location of the run's source when the user says where its artifacts
    are (a team database's Artifact locations…)."""


def load_run_artifacts(
    conn: Connection, run_pk: int, clients: ServerClients | None = None
) -> RunArtifacts | None:
    """Read where run ``run_pk``'s artifacts are and list their top level.

    ``None`` when the run is not in the store. A run synced from a tracking server
    is listed through ``clients`` (the session's sign-ins), required for those.
    """
    details = queries.run_details(conn, [run_pk])
    if not details:
        return None
    run = details[0]
    source = queries.run_source(conn, run_pk)
    on_server = (
        source is not None and kind_named(source[0]).artifacts is ArtifactAccess.REMOTE
    )
    if on_server and clients is None:
        raise ValueError("a server run's artifacts need a session's clients")
    if is_cloud_uri(run.artifact_uri):
        # A bucket is read directly, whatever the source (as MLflow's client does).
        server = clients if on_server else None
        return _load_cloud_artifacts(conn, run, server, source)
    if on_server and source is not None and clients is not None:
        return _load_server_artifacts(conn, run, source[1], clients)
    places = None
    if source is not None and kind_named(source[0]).artifacts is ArtifactAccess.PLACES:
        places = load_places(driver_connection(conn), source[1])
        found = resolve_local(run.artifact_uri, places)
        if found is None and places.served_by and clients is not None:
            served = _load_server_artifacts(conn, run, places.served_by, clients)
            return replace(served, places_location=source[1])
        run = replace(run, artifact_root=found)
    root = locate_root(
        RUN_ROOT,
        "Run artifacts",
        run.artifact_uri,
        run.artifact_root,
        f"runs:/{run.run_id}",
    )
    if places is not None and root.path is None:
        root = replace(root, problem=unresolved_problem(run.artifact_uri, places))
    # No folder at import time and none now, in a run that is here: nothing was
    # logged (a folder found at import and gone now is explained as moved).
    absent = (
        run.artifact_root is None
        and root.path is None
        and _has_no_artifact_folder(run.artifact_uri, queries.run_folder(conn, run_pk))
    )
    if absent:
        root = ArtifactRoot(
            RUN_ROOT,
            root.label,
            run.artifact_uri,
            None,
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "The run's folder has no 'artifacts' folder: nothing was logged, "
                "or the copy left out empty folders.",
            ),
            root.load_uri,
        )
    roots = {RUN_ROOT: root}
    entries: list[ArtifactEntry] = []
    error = None
    if root.path is not None:
        try:
            entries = list_folder(root.path)
        except ArtifactError as exc:
            error = exc.args[0] if len(exc.args) == 1 else str(exc)  # keeps Text
    models = []
    for record in queries.run_output_models(conn, run_pk):
        key = f"model:{record.model_id}"
        model_root = locate_root(
            key,
            record.name or record.model_id,
            record.artifact_location,
            record.artifact_root,
            f"models:/{record.model_id}",
        )
        roots[key] = model_root
        flavors = _mlmodel_flavors(model_root.path) if model_root.path else ()
        models.append(_output_model(record, key, flavors))
    models += parse_model_history(run.tags.get(HISTORY_TAG))
    return RunArtifacts(
        run.pk,
        run.run_id,
        run.run_name,
        root,
        tuple(entries),
        error,
        tuple(models),
        roots,
        absent,
        logged_tables=logged_table_paths(run.tags.get(LOGGED_ARTIFACTS_TAG)),
        places_location=source[1] if places is not None and source else None,
    )


def _load_server_artifacts(
    conn: Connection, run, location: str, clients: ServerClients
) -> RunArtifacts:
    """The artifacts of a run synced from the tracking server at ``location``."""
    client = clients.client(conn, location)
    root, remote = server_root(
        RUN_ROOT,
        "Run artifacts",
        run.artifact_uri,
        f"runs:/{run.run_id}",
        RemoteArtifacts(client, run_id=run.run_id),
    )
    roots, remotes = {RUN_ROOT: root}, {RUN_ROOT: remote}
    entries: list[ArtifactEntry] = []
    error = None
    try:
        entries = remote.list_folder("")
    except RemoteArtifactError as exc:
        error = str(exc)
    models = []
    for record in queries.run_output_models(conn, run.pk):
        key = f"model:{record.model_id}"
        roots[key], remotes[key] = server_root(
            key,
            record.name or record.model_id,
            record.artifact_location,
            f"models:/{record.model_id}",
            RemoteArtifacts(client, model_id=record.model_id),
        )
        flavors = _model_flavors(roots[key], remotes[key], error is None)
        models.append(_output_model(record, key, flavors))
    return _remote_run_artifacts(run, root, entries, error, models, roots, remotes)


def _load_cloud_artifacts(
    conn: Connection,
    run,
    clients: ServerClients | None,
    source: tuple[str, str] | None,
) -> RunArtifacts:
    """The artifacts of a run whose artifact URI names a bucket (``s3://``...).

    Its logged models in buckets are read there too; others as the source's kind
    reads them (the tracking server, or folders on this computer).
    """
    root, bucket = cloud_root(
        RUN_ROOT, "Run artifacts", run.artifact_uri, f"runs:/{run.run_id}"
    )
    roots: dict[str, ArtifactRoot] = {RUN_ROOT: root}
    remotes: dict[str, ServerArtifacts] = {}
    entries: list[ArtifactEntry] = []
    error = None
    if bucket is not None:
        remotes[RUN_ROOT] = bucket
        try:
            entries = bucket.list_folder("")
        except RemoteArtifactError as exc:
            error = message_of(exc)
    models = []
    for record in queries.run_output_models(conn, run.pk):
        key = f"model:{record.model_id}"
        label = record.name or record.model_id
        load_uri = f"models:/{record.model_id}"
        model_remote: ServerArtifacts | None = None
        if is_cloud_uri(record.artifact_location):
            roots[key], model_remote = cloud_root(
                key, label, record.artifact_location or "", load_uri
            )
        elif clients is not None and source is not None:
            roots[key], model_remote = server_root(
                key,
                label,
                record.artifact_location,
                load_uri,
                RemoteArtifacts(
                    clients.client(conn, source[1]), model_id=record.model_id
                ),
            )
        else:
            roots[key] = locate_root(
                key, label, record.artifact_location, record.artifact_root, load_uri
            )
        if model_remote is not None:
            remotes[key] = model_remote
        flavors = _model_flavors(roots[key], model_remote, error is None)
        models.append(_output_model(record, key, flavors))
    return _remote_run_artifacts(run, root, entries, error, models, roots, remotes)


def _model_flavors(
    root: ArtifactRoot, remote: ServerArtifacts | None, reachable: bool
) -> tuple[str, ...]:
    """A logged model's flavors from its ``MLmodel``: a remote one's card is
    downloaded first (not when the run's listing already failed)."""
    if remote is None:
        return _mlmodel_flavors(root.path) if root.path else ()
    if not reachable:
        return ()
    try:
        return _mlmodel_flavors(root.path or "") if remote.fetch_model_card("") else ()
    except RemoteArtifactError:
        return ()


def _remote_run_artifacts(
    run,
    root: ArtifactRoot,
    entries: list[ArtifactEntry],
    error: str | None,
    models: list[ModelEntry],
    roots: dict[str, ArtifactRoot],
    remotes: dict[str, ServerArtifacts],
) -> RunArtifacts:
    """A server or bucket run's artifacts, with the models its history tag lists."""
    models += parse_model_history(run.tags.get(HISTORY_TAG))
    return RunArtifacts(
        run.pk,
        run.run_id,
        run.run_name,
        root,
        tuple(entries),
        error,
        tuple(models),
        roots,
        False,
        remotes,
        logged_table_paths(run.tags.get(LOGGED_ARTIFACTS_TAG)),
    )


def _has_no_artifact_folder(uri: str | None, run_folder: str | None) -> bool:
    """Whether a local run simply has no ``artifacts`` folder (as opposed to
    artifacts stored elsewhere): git and zip copies drop empty folders."""
    if is_remote(uri) or not run_folder or not os.path.isdir(run_folder):
        return False
    tail = (uri or "").replace("\\", "/").rstrip("/")
    default_layout = not uri or tail.endswith(
        "/" + os.path.basename(os.path.normpath(run_folder)) + "/artifacts"
    )
    return default_layout and not os.path.exists(os.path.join(run_folder, "artifacts"))


def parse_model_history(text: str | None) -> list[ModelEntry]:
    """Models listed in a ``mlflow.log-model.history`` tag (latest per path).

    Malformed entries are skipped; so are paths that would leave the run's
    artifact folder.
    """
    if not text:
        return []
    try:
        items = json.loads(text)
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    found: dict[str, ModelEntry] = {}
    for item in items:
        if not isinstance(item, dict):
            continue
        path = item.get("artifact_path")
        if not isinstance(path, str) or not path.strip("/"):
            continue
        try:
            path = "/".join(split_relative(path))
        except PathRefused:
            continue
        flavors = item.get("flavors")
        names = tuple(flavors) if isinstance(flavors, dict) else ()
        found[path] = ModelEntry(
            path,
            None,
            RUN_ROOT,
            path,
            names,
            _history_time(item.get("utc_time_created")),
        )
    return sorted(found.values(), key=lambda m: (m.created or 0, m.path))


def _history_time(value: object) -> int | None:
    """Milliseconds from a ``"YYYY-MM-DD HH:MM:SS.ffffff"`` UTC time."""
    if not isinstance(value, str):
        return None
    for pattern in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"):
        try:
            moment = datetime.strptime(value, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
        return int(moment.timestamp() * 1000)
    return None


def _mlmodel_flavors(folder: str) -> tuple[str, ...]:
    """Flavor names from a model folder's ``MLmodel`` (empty when unreadable)."""
    try:
        path = resolve_inside(folder, "MLmodel")
        if os.path.getsize(path) > MAX_MLMODEL_BYTES:
            return ()
        with open_regular_text(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, PathRefused):
        return ()
    flavors = data.get("flavors") if isinstance(data, dict) else None
    return tuple(flavors) if isinstance(flavors, dict) else ()


def _output_model(
    record: LoggedModelRecord, key: str, flavors: tuple[str, ...]
) -> ModelEntry:
    """A logged model the run produced (MLflow 3), shown under the root ``key``."""
    return ModelEntry(
        record.name or record.model_id,
        record.model_id,
        key,
        "",
        flavors,
        record.creation_timestamp,
        MODEL_STATUS.get(record.status) if record.status is not None else None,
    )
