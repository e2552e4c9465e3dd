"""Sync a remote MLflow tracking server into the store, incrementally.

:func:`import_server` has the protocol of
:func:`~desktop.services.importing.import_mlruns`: it yields
:class:`ImportProgress` and returns an :class:`ImportReport`
(:class:`ServerImportReport`, which also says whether signing in failed).

Each run carries a stamp made from what ``runs/search`` returns (status, end time,
lifecycle, name, tags, params, inputs and every metric's latest step, timestamp and
value); metric histories are fetched only for runs whose stamp changed. Runs are
written in batches, each in its own transaction: if the server goes away midway,
what was stored stays consistent, the runs not yet fetched keep their old stamps and
the next sync fetches them. Runs and experiments gone from the server are removed
only after a sync that listed everything.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from desktop.core.gc_tuning import collection_paused
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import LoggedModelRecord, Problem
from desktop.services.importing import ImportCancelled, ImportProgress, ImportReport
from desktop.services.server_listings import list_run_artifacts
from desktop.sources.tracking_server.client import TrackingClient
from desktop.sources.tracking_server.credentials import (
    BASIC,
    Connection,
    InvalidServerUrl,
    clean_url,
    from_environment,
    remember,
    resolve,
    url_credentials,
)
from desktop.sources.tracking_server.errors import (
    AuthenticationRequired,
    BadResponse,
    ServerError,
)
from desktop.sources.tracking_server.reader import (
    HistoryReader,
    ServerRun,
    list_experiments,
    logged_models,
    run_record,
    search_runs,
)
from desktop.store import queries
from desktop.store.database import Store
from desktop.store.server_connections import load_options, save_options
from desktop.store.writer import StoreWriter, ensure_source

if TYPE_CHECKING:
    from urllib3.util.retry import Retry

SERVER = "server"
SEARCH_EXPERIMENTS_PER_REQUEST = 50


@dataclass(slots=True)
class ServerImportReport(ImportReport):
    """An :class:`ImportReport` that also says why a sync could not start."""

    auth_failed: bool = False
    server_error: str | None = None


def take_url_secret(url: str) -> str:
    """``url`` without credentials; a ``user:password@`` in it is remembered for
    this session (never stored). Text that is not a valid URL is returned as is,
    minus any credentials, for the import to report."""
    try:
        location = clean_url(url)
    except InvalidServerUrl:
        return url.split("://", 1)[0] + "://" + url.split("@")[-1].split("://")[-1]
    user, password = url_credentials(url)
    if user and password is not None:
        base = from_environment(location)
        remember(
            Connection(
                location, base.verify_tls, base.ca_bundle, BASIC, user, password
            ),
            keyring=None,  # for this session: a remembered keyring entry stays
        )
    return location


def connection_for(store: Store, url: str) -> Connection:
    """The connection to use for ``url``: this session's, the keyring's or MLflow's
    environment, with the TLS settings saved for the server."""
    location = clean_url(url)
    with store.engine.connect() as conn:
        saved = load_options(conn, location)
    return resolve(url, saved)


def import_server(
    store: Store,
    url: str,
    *,
    cancel: threading.Event | None = None,
    full: bool = False,
    batch_runs: int = 100,
    retry: Retry | None = None,
    artifacts: bool = False,
    **_ignored: object,
) -> Generator[ImportProgress, None, ServerImportReport]:
    """Sync (or refresh) the tracking server at ``url`` into ``store``.

    ``full`` fetches every run's histories instead of only changed runs.
    ``artifacts`` also lists every run's artifacts through the server and stores
    the listing (see :mod:`desktop.services.server_listings`); without it, a
    listing stored before is kept. Options of other importers (``workers``...) are
    accepted and ignored.
    """
    started = time.perf_counter()
    try:
        location = clean_url(url)
    except InvalidServerUrl as exc:
        report = ServerImportReport(None, url.split("@")[-1])
        report.problems.append(Problem(report.root, exc.args[0]))
        return report
    report = ServerImportReport(None, location)
    cancel = cancel or threading.Event()
    client = TrackingClient(connection_for(store, url), retry=retry)
    try:
        with collection_paused():  # many rows, no reference cycles
            return (
                yield from _sync(
                    store, client, location, report, cancel, full, batch_runs, artifacts
                )
            )
    except ImportCancelled:
        report.cancelled = True
        return report
    except (AttributeError, TypeError, KeyError, ValueError, RecursionError) as exc:
        # An answer of the wrong shape (a list of strings where objects belong...).
        return _failed(
            store,
            report,
            BadResponse(
                QT_TRANSLATE_NOOP(
                    "Server",
                    "{0} sent an answer of an unexpected shape ({1}); what was "
                    "synced before is kept.",
                ).format(location, f"{type(exc).__name__}: {exc}")
            ),
        )
    finally:
        client.close()
        report.seconds = time.perf_counter() - started


def _sync(
    store: Store,
    client: TrackingClient,
    location: str,
    report: ServerImportReport,
    cancel: threading.Event,
    full: bool,
    batch_runs: int,
    artifacts: bool = False,
) -> Generator[ImportProgress, None, ServerImportReport]:
    yield ImportProgress("scan", 0, 0, location)
    try:
        experiments = list_experiments(client)
    except ServerError as exc:
        return _failed(store, report, exc)
    source_id = _ensure_source(store, location, client.connection)
    report.source_id = source_id
    report.experiments = len(experiments)
    with store.engine.connect() as conn:
        stored_runs, stored_experiments = queries.stored_runs(conn, source_id)

    with store.engine.begin() as conn:
        writer = StoreWriter(conn, source_id)
        experiment_pks = {
            e.experiment_id: writer.upsert_experiment(e) for e in experiments
        }
    try:
        yield from _sync_models(store, client, source_id, experiment_pks, report)
    except ServerError as exc:
        return _failed(store, report, exc)

    # Search every run (cheap) and decide which ones need their histories.
    changed: list[ServerRun] = []
    seen: set[str] = set()
    ids = list(experiment_pks)
    try:
        for start in range(0, len(ids), SEARCH_EXPERIMENTS_PER_REQUEST):
            chunk = ids[start : start + SEARCH_EXPERIMENTS_PER_REQUEST]
            for page in search_runs(client, chunk):
                for run in page:
                    if run.run_id in seen or run.experiment_id not in experiment_pks:
                        continue
                    seen.add(run.run_id)
                    old = stored_runs.get(run.run_id)
                    if old is not None and not full and old[1] == run.stamp:
                        report.runs_unchanged += 1
                    else:
                        changed.append(run)
                yield ImportProgress("scan", len(seen), 0, location)
                if cancel.is_set():
                    raise ImportCancelled
    except ServerError as exc:
        return _failed(store, report, exc, list(experiment_pks.values()))
    report.runs_total = report.runs_unchanged + len(changed)

    existing = {run_id: pk for run_id, (pk, _stamp) in stored_runs.items()}
    histories = HistoryReader(client)
    yield ImportProgress("read", 0, len(changed), location)
    for start in range(0, len(changed), batch_runs):
        batch = changed[start : start + batch_runs]
        try:
            fetched = histories.read(batch, cancel.is_set)
        except ServerError as exc:
            return _failed(store, report, exc, list(experiment_pks.values()))
        if cancel.is_set():
            _finish_partial(store, source_id, report, experiment_pks.values())
            raise ImportCancelled
        records = [run_record(r, fetched[r.run_id], location) for r in batch]
        for record in records:
            unread = histories.kept.pop(record.run_id, [])
            if unread:  # keep the stored histories; read them again next time
                record.kept += unread
                record.stamp = ""
            # Artifacts are not read here: keep a stored listing.
            record.kept.append(("artifacts", ""))
        report.problems += histories.problems
        histories.problems.clear()
        with store.engine.begin() as conn:
            report.metric_points += StoreWriter(conn, source_id).write_runs(
                records, experiment_pks, existing
            )
        report.runs_read += len(records)
        yield ImportProgress("read", start + len(batch), len(changed), location)

    if artifacts:
        yield from list_run_artifacts(store, client, source_id, seen, report, cancel)
    yield ImportProgress("finish", len(changed), len(changed), location)
    with store.engine.begin() as conn:
        writer = StoreWriter(conn, source_id)
        vanished = [
            pk for run_id, (pk, _s) in stored_runs.items() if run_id not in seen
        ]
        writer.delete_runs(vanished)
        report.runs_removed = len(vanished)
        gone = [
            pk
            for exp_id, pk in stored_experiments.items()
            if exp_id not in experiment_pks
        ]
        writer.delete_experiments(gone)
        report.experiments_removed = len(gone)
        writer.refresh_experiment_keys(experiment_pks.values())
        writer.replace_problems(report.problems)
        writer.mark_synced(int(time.time() * 1000), report.seconds)
    return report


def _sync_models(
    store: Store,
    client: TrackingClient,
    source_id: int,
    experiment_pks: dict[str, int],
    report: ServerImportReport,
) -> Generator[ImportProgress, None, None]:
    """Replace each experiment's logged models (skipped on servers before 3.0)."""
    ids = list(experiment_pks)
    by_experiment: dict[str, list[LoggedModelRecord]] = {i: [] for i in ids}
    for start in range(0, len(ids), SEARCH_EXPERIMENTS_PER_REQUEST):
        models = logged_models(
            client, ids[start : start + SEARCH_EXPERIMENTS_PER_REQUEST]
        )
        if models is None:
            return  # an MLflow 2.x server: no logged models to show
        for model in models:
            if model.experiment_id in by_experiment:
                by_experiment[model.experiment_id].append(model)
        yield ImportProgress("scan", start, len(ids), client.url)
    with store.engine.begin() as conn:
        writer = StoreWriter(conn, source_id)
        for exp_id, models in by_experiment.items():
            models.sort(key=lambda m: m.model_id)
            writer.replace_logged_models(experiment_pks[exp_id], models)
            report.logged_models += len(models)


def _failed(
    store: Store,
    report: ServerImportReport,
    exc: ServerError,
    experiment_pks: list[int] | None = None,
) -> ServerImportReport:
    """Record why the sync stopped; keep what was stored consistent and usable."""
    message = exc.args[0] if len(exc.args) == 1 else str(exc)
    report.auth_failed = isinstance(exc, AuthenticationRequired)
    if report.auth_failed:
        message = QT_TRANSLATE_NOOP(
            "Server",
            "{0} Sign in with File ▸ Connect to server…, or set "
            "MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or "
            "MLFLOW_TRACKING_TOKEN).",
        ).format(message)
    report.server_error = message
    report.problems.append(Problem(report.root, message))
    if report.source_id is not None:
        _finish_partial(store, report.source_id, report, experiment_pks or [])
    return report


def _finish_partial(
    store: Store, source_id: int, report: ServerImportReport, experiment_pks
) -> None:
    """Bring derived data up to date after an interrupted sync (nothing deleted)."""
    with store.engine.begin() as conn:
        writer = StoreWriter(conn, source_id)
        writer.refresh_experiment_keys(list(experiment_pks))
        writer.replace_problems(report.problems)


def _ensure_source(store: Store, location: str, connection: Connection) -> int:
    """The source row of the server (created on first sync); saves its settings."""
    with store.engine.begin() as conn:
        pk = ensure_source(conn, SERVER, location, server_name(location))
        save_options(conn, location, connection.options())
    return pk


def server_name(location: str) -> str:
    """A short name for a server: ``host:port`` plus any path prefix."""
    parts = urlsplit(location)
    return (parts.netloc + parts.path) or location


def run_server_import(store: Store, url: str, **kwargs) -> ServerImportReport:
    """Run :func:`import_server` to the end, ignoring progress."""
    generator = import_server(store, url, **kwargs)
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value
