"""Sync a remote MLflow tracking server into the store, incrementally.

:func:`read_server` is the tracking server's reader in the shared import pipeline
(:mod:`desktop.services.import_pipeline`); its :class:`ImportReport` also says
whether signing in failed (``auth_failed``) and why a sync stopped
(``server_error``).

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
from collections.abc import Generator, Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import LoggedModelRecord, Problem
from desktop.services.import_pipeline import (
    ImportContext,
    ImportOptions,
    ImportProgress,
    ImportReport,
    run_pipeline,
    run_to_end,
)
from desktop.services.server_listings import list_run_artifacts
from desktop.sources.tracking_server import credentials
from desktop.sources.tracking_server.client import TrackingClient
from desktop.sources.tracking_server.credentials import (
    BASIC,
    Connection,
    InvalidServerUrl,
    SessionCredentials,
    clean_url,
    from_environment,
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
from desktop.sources.tracking_server.registry import read_registry
from desktop.store import queries
from desktop.store.database import Store
from desktop.store.server_connections import load_options, save_options

if TYPE_CHECKING:
    from urllib3.util.retry import Retry

SERVER = "server"
DEFAULT_BATCH_RUNS = 100
SEARCH_EXPERIMENTS_PER_REQUEST = 50


def take_url_secret(url: str, session: SessionCredentials | None = None) -> str:
    """``url`` without credentials; a ``user:password@`` in it is remembered in
    ``session`` (default: the app's; never stored). Text that is not a valid URL
    is returned as is, minus any credentials, for the import to report."""
    try:
        location = clean_url(url)
    except InvalidServerUrl:
        return url.split("://", 1)[0] + "://" + url.split("@")[-1].split("://")[-1]
    user, password = url_credentials(url)
    if user and password is not None:
        base = from_environment(location)
        (session or credentials.SESSION).remember(
            Connection(
                location, base.verify_tls, base.ca_bundle, BASIC, user, password
            ),
            keyring=None,  # for this session: a remembered keyring entry stays
        )
    return location


def connection_for(
    store: Store, url: str, session: SessionCredentials | None = None
) -> Connection:
    """The connection to use for ``url``: ``session``'s (default: the app's), the
    keyring's or MLflow's environment, with the TLS settings saved for the server."""
    location = clean_url(url)
    with store.begin() as conn:
        saved = load_options(conn, location)
    return (session or credentials.SESSION).resolve(url, saved)


def import_server(
    store: Store,
    url: str,
    *,
    cancel: threading.Event | None = None,
    full: bool = False,
    batch_runs: int = DEFAULT_BATCH_RUNS,
    retry: Retry | None = None,
    artifacts: bool = False,
    session: SessionCredentials | None = None,
) -> Generator[ImportProgress, None, ImportReport]:
    """Sync (or refresh) the tracking server at ``url`` into ``store``, signed in
    with ``session``'s credentials (default: the app's).

    ``full`` fetches every run's histories instead of only changed runs.
    ``artifacts`` also lists every run's artifacts through the server and stores
    the listing (see :mod:`desktop.services.server_listings`); without it, a
    listing stored before is kept.
    """
    options = ImportOptions(
        full=full,
        batch_runs=batch_runs,
        retry=retry,
        list_artifacts=artifacts,
        credentials=session,
    )
    return run_pipeline(
        store,
        SERVER,
        read_server,
        url,
        options,
        default_batch_runs=DEFAULT_BATCH_RUNS,
        cancel=cancel,
    )


def read_server(context: ImportContext) -> Generator[ImportProgress, None, None]:
    """Sync the tracking server at ``context.location`` into the store."""
    store, url, report = context.store, context.location, context.report
    try:
        location = clean_url(url)
    except InvalidServerUrl as exc:
        report.root = url.split("@")[-1]
        report.problems.append(Problem(report.root, exc.args[0]))
        return
    report.root = location
    options = context.options
    connection = connection_for(store, url, options.credentials)
    client = TrackingClient(connection, retry=options.retry)
    try:
        yield from _sync(context, client, location)
    except (AttributeError, TypeError, KeyError, ValueError, RecursionError) as exc:
        # An answer of the wrong shape (a list of strings where objects belong...).
        _failed(
            context,
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


def _sync(
    context: ImportContext, client: TrackingClient, location: str
) -> Generator[ImportProgress, None, None]:
    store, report, cancel = context.store, context.report, context.cancel
    yield ImportProgress("scan", 0, 0, location)
    try:
        experiments = list_experiments(client)
    except ServerError as exc:
        return _failed(context, exc)
    source_id = context.open_source(
        server_name(location),
        also=lambda conn: save_options(conn, location, client.connection.options()),
    )
    report.experiments = len(experiments)
    with store.engine.connect() as conn:
        stored_runs, stored_experiments = queries.stored_runs(conn, source_id)

    with context.transaction() as writer:
        experiment_pks = {
            e.experiment_id: writer.upsert_experiment(e) for e in experiments
        }
    try:
        yield from _sync_models(context, client, experiment_pks)
    except ServerError as exc:
        return _failed(context, exc)
    _sync_registry(context, client)

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
                    if (
                        old is not None
                        and not context.options.full
                        and old[1] == run.stamp
                    ):
                        report.runs_unchanged += 1
                    else:
                        changed.append(run)
                yield ImportProgress("scan", len(seen), 0, location)
                context.check_cancel()
    except ServerError as exc:
        return _failed(context, exc, list(experiment_pks.values()))
    report.runs_total = report.runs_unchanged + len(changed)

    existing = {run_id: pk for run_id, (pk, _stamp) in stored_runs.items()}
    histories = HistoryReader(client)
    batch_runs = context.batch_runs
    yield ImportProgress("read", 0, len(changed), location)
    for start in range(0, len(changed), batch_runs):
        batch = changed[start : start + batch_runs]
        try:
            fetched = histories.read(batch, cancel.is_set)
        except ServerError as exc:
            return _failed(context, exc, list(experiment_pks.values()))
        if cancel.is_set():
            _finish_partial(context, experiment_pks.values())
            context.check_cancel()
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
        with context.transaction() as writer:
            report.metric_points += writer.write_runs(records, experiment_pks, existing)
        report.runs_read += len(records)
        yield ImportProgress("read", start + len(batch), len(changed), location)

    if context.options.list_artifacts:
        yield from list_run_artifacts(store, client, source_id, seen, report, cancel)
    yield ImportProgress("finish", len(changed), len(changed), location)
    context.finish(
        experiment_pks.values(),
        vanished_runs=[
            pk for run_id, (pk, _s) in stored_runs.items() if run_id not in seen
        ],
        gone_experiments=[
            pk
            for exp_id, pk in stored_experiments.items()
            if exp_id not in experiment_pks
        ],
        stale=experiment_pks.values(),
    )


def _sync_models(
    context: ImportContext, client: TrackingClient, experiment_pks: dict[str, int]
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
    with context.transaction() as writer:
        for exp_id, models in by_experiment.items():
            models.sort(key=lambda m: m.model_id)
            writer.replace_logged_models(experiment_pks[exp_id], models)
            context.report.logged_models += len(models)


def _sync_registry(context: ImportContext, client: TrackingClient) -> None:
    """Replace the stored model registry; an error keeps the stored one and
    becomes a problem (the runs still sync)."""
    try:
        models = read_registry(client)
    except ServerError as exc:
        message = exc.args[0] if len(exc.args) == 1 else str(exc)
        context.report.problems.append(
            Problem(
                context.report.root,
                QT_TRANSLATE_NOOP("Server", "model registry: {0}").format(message),
            )
        )
        return
    models = models or []  # a server without a registry has no models
    with context.transaction() as writer:
        context.report.registry_changed = writer.replace_registry(models)
    context.report.registered_models = len(models)


def _failed(
    context: ImportContext,
    exc: ServerError,
    experiment_pks: list[int] | None = None,
) -> None:
    """Record why the sync stopped; keep what was stored consistent and usable."""
    report = context.report
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
        _finish_partial(context, experiment_pks or [])


def _finish_partial(context: ImportContext, experiment_pks: Iterable[int]) -> None:
    """Bring derived data up to date after an interrupted sync (nothing deleted)."""
    with context.transaction() as writer:
        writer.refresh_experiment_keys(list(experiment_pks))
        writer.replace_problems(context.report.problems)


def server_name(location: str) -> str:
    """A short name for a server: ``host:port`` plus any path prefix."""
    parts = urlsplit(location)
    return (parts.netloc + parts.path) or location


def run_server_import(store: Store, url: str, **kwargs) -> ImportReport:
    """Run :func:`import_server` to the end, ignoring progress."""
    return run_to_end(import_server(store, url, **kwargs))
