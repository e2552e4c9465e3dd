"""Import a team's PostgreSQL or MySQL/MariaDB tracking database, read directly.

The same reader as ``mlflow.db`` (:mod:`desktop.services.importing_db`) runs on a
strictly read-only server session (:class:`~desktop.sources.team_db.connection.
TeamDb`): stamps computed in SQL, so a re-import reads only changed runs. The
stored location is the URL without its password. The password comes from the
URL (kept for this session only), this session's sign-in, the system keyring
(when the user chose Remember) or, for PostgreSQL, libpq's own ``PGPASSWORD`` /
``~/.pgpass``; it is never stored in settings, the store or logs.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Generator
from dataclasses import replace

from sqlalchemy.exc import DBAPIError

from desktop.core.artifact_places import ArtifactPlaces
from desktop.core.records import LoggedModelRecord, Problem
from desktop.services.import_pipeline import (
    ImportContext,
    ImportOptions,
    ImportProgress,
    ImportReport,
    run_pipeline,
    run_to_end,
)
from desktop.services.importing_db import import_listing, list_database
from desktop.sources.mlflow_db.schema import NotMlflowDatabase
from desktop.sources.mlflow_db.stamps import RunHead
from desktop.sources.team_db.artifact_paths import resolve_local
from desktop.sources.team_db.connection import TeamDb
from desktop.sources.team_db.errors import DbFailure, describe_failure
from desktop.sources.team_db.urls import (
    DbAddress,
    InvalidDbUrl,
    db_display_name,
    parse_db_url,
    safe_db_url,
)
from desktop.sources.tracking_server import credentials
from desktop.sources.tracking_server.credentials import (
    BASIC,
    Connection,
    SessionCredentials,
    load_from_keyring,
)
from desktop.store.artifact_places import load_places
from desktop.store.database import Store, driver_connection

TEAM_DB = "team-db"
DEFAULT_BATCH_RUNS = 250


def take_db_url_secret(url: str, session: SessionCredentials | None = None) -> str:
    """``url`` as stored (no password); a password in it is remembered in
    ``session`` (default: the app's) for this session only."""
    try:
        address = parse_db_url(url)
    except InvalidDbUrl:
        return safe_db_url(url)
    if address.password is not None:
        remember_password(address.url, address.user, address.password, session)
    return address.url


def remember_password(
    url: str,
    user: str | None,
    password: str,
    session: SessionCredentials | None = None,
    *,
    keyring: bool | None = None,
) -> bool:
    """Use ``password`` for the database at ``url`` (clean) from now on; with
    ``keyring`` also in the system keyring (returns whether that worked)."""
    return (session or credentials.SESSION).remember(
        Connection(url, auth=BASIC, username=user, secret=password), keyring=keyring
    )


def address_for(url: str, session: SessionCredentials | None = None) -> DbAddress:
    """The address of ``url`` with the password this session or the keyring has."""
    address = parse_db_url(url)
    if address.password is not None:
        return address
    known = (session or credentials.SESSION).remembered(address.url)
    if known is not None and known.secret is not None:
        return _with_password(address, known.secret)
    saved = load_from_keyring(address.url)
    if saved is not None:
        return _with_password(address, saved[2])
    return address


def _with_password(address: DbAddress, password: str) -> DbAddress:
    return DbAddress(
        address.family,
        address.host,
        address.port,
        address.database,
        address.user,
        address.options,
        password,
    )


def team_artifact_root(
    head: RunHead, places: ArtifactPlaces | None = None
) -> str | None:
    """A run's artifact folder on this computer: below the folder the user mapped
    the server's to (``places``), else its URI's absolute local path when that
    exists here (a server writing to shared storage); else nothing."""
    return resolve_local(head.artifact_uri, places)


def artifact_places(store: Store, location: str) -> ArtifactPlaces:
    """What the user set for the team database at ``location`` (clean URL)."""
    with store.engine.connect() as conn:
        return load_places(driver_connection(conn), location)


def _mapped_models(
    models: dict[str, list[LoggedModelRecord]], places: ArtifactPlaces
) -> dict[str, list[LoggedModelRecord]]:
    """Logged models with their folders found through ``places``."""
    return {
        experiment: [
            replace(m, artifact_root=resolve_local(m.artifact_location, places))
            for m in records
        ]
        for experiment, records in models.items()
    }


def open_team_db(url: str, session: SessionCredentials | None = None) -> TeamDb:
    """A read-only session on the database at ``url`` (raises driver errors)."""
    return TeamDb(address_for(url, session))


def read_team_db(context: ImportContext) -> Generator[ImportProgress, None, None]:
    """Read a team database into the store through the ``mlflow.db`` reader."""
    problems, report = context.problems, context.report
    try:
        address = address_for(context.location, context.options.credentials)
    except InvalidDbUrl as exc:
        report.root = safe_db_url(context.location)
        problems.append(Problem(report.root, str(exc)))
        return
    location = report.root = address.url
    yield ImportProgress("scan", 0, 0, location)
    try:
        db = TeamDb(address)
    except (DBAPIError, OSError) as exc:
        _failed(report, location, describe_failure(exc, address))
        return
    with db:
        try:
            listing = list_database(db, location, context.options.runs)
        except NotMlflowDatabase as exc:
            problems.append(Problem(location, exc.args[0]))
            return
        except DBAPIError as exc:
            _failed(report, location, describe_failure(exc, address))
            return
        places = artifact_places(context.store, location)
        listing.models = _mapped_models(listing.models, places)
        yield from import_listing(
            context,
            db,
            listing,
            name=db_display_name(location),
            artifact_root=lambda head: team_artifact_root(head, places),
            parallel=False,  # bound by the server: one connection reads the batches
        )


def _failed(report: ImportReport, location: str, failure: DbFailure) -> None:
    report.problems.append(Problem(location, failure.message))
    report.auth_failed = failure.auth_failed
    report.server_error = failure.message


def import_team_db(
    store: Store,
    url: str,
    *,
    cancel: threading.Event | None = None,
    full: bool = False,
    runs: Collection[str] | None = None,
    session: SessionCredentials | None = None,
) -> Generator[ImportProgress, None, ImportReport]:
    """Import (or refresh) the team database at ``url`` (clean, no password)."""
    options = ImportOptions(full=full, runs=runs, credentials=session)
    return run_pipeline(
        store,
        TEAM_DB,
        read_team_db,
        url,
        options,
        default_batch_runs=DEFAULT_BATCH_RUNS,
        cancel=cancel,
    )


def run_team_db_import(store: Store, url: str, **kwargs) -> ImportReport:
    """Run :func:`import_team_db` to the end, ignoring progress."""
    return run_to_end(import_team_db(store, url, **kwargs))
