"""Artifact listings of runs synced from a tracking server.

A sync stores no artifact listing by default (the GUI lists folders on demand).
``import URL --artifacts`` lists every run's artifacts during the sync and stores
the listing with the time it was made (:func:`list_run_artifacts`), so that an
export made offline has it. An export lists server runs through the server
(:class:`ExportArtifacts`); when it cannot, it falls back on a stored listing or
says which runs' artifacts it did not list, and why.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import ArtifactFile, Problem
from desktop.core.views import RunDetail
from desktop.services.import_pipeline import (
    ImportCancelled,
    ImportProgress,
    ImportReport,
)
from desktop.services.remote_artifacts import ServerClients
from desktop.sources.tracking_server import credentials
from desktop.sources.tracking_server.artifacts import (
    MAX_LISTED_ENTRIES,
    RemoteArtifacts,
    TooManyFiles,
    UnsafeArtifactPath,
)
from desktop.sources.tracking_server.client import Cancelled, TrackingClient
from desktop.sources.tracking_server.errors import (
    AuthenticationRequired,
    EndpointMissing,
    PermissionDenied,
    ServerError,
    Unreachable,
)
from desktop.store import queries
from desktop.store.database import Store
from desktop.store.schema import ArtifactListing, Run, Source
from desktop.store.writer import StoreWriter

SERVER = "server"
LISTINGS_PER_TRANSACTION = 50
# Errors after which no further run of that server is tried.
_SERVER_WIDE = (Unreachable, AuthenticationRequired, PermissionDenied, EndpointMissing)


class ExportCancelled(Exception):
    """The caller's cancel flag was set while an export listed artifacts."""


def _listing(
    client: TrackingClient,
    run_id: str,
    cancelled: Callable[[], bool] | None,
    limit: int,
) -> list[ArtifactFile]:
    remote = RemoteArtifacts(client, run_id=run_id)
    files = remote.walk(cancelled=cancelled, limit=limit)
    return [ArtifactFile(f.path, f.size or 0) for f in files]


def _reason(exc: Exception) -> str:
    return exc.args[0] if len(exc.args) == 1 else str(exc)


def list_run_artifacts(
    store: Store,
    client: TrackingClient,
    source_id: int,
    run_ids: Iterable[str],
    report: ImportReport,
    cancel: threading.Event,
    limit: int = MAX_LISTED_ENTRIES,
) -> Generator[ImportProgress, None, None]:
    """List the artifacts of ``run_ids`` (stored runs of the server ``source_id``)
    through the server and store each listing; problems go to ``report``.

    A run whose listing fails keeps its stored listing; after an error that concerns
    the whole server (unreachable, signed out...) the remaining runs are not tried.
    """
    with store.engine.connect() as conn:
        pks = dict(
            conn.execute(
                select(Run.run_id, Run.id).where(Run.source_id == source_id)
            ).all()
        )
    wanted = [(run_id, pks[run_id]) for run_id in run_ids if run_id in pks]
    done: list[tuple[int, list[ArtifactFile], int]] = []
    yield ImportProgress("artifacts", 0, len(wanted), client.url)
    for index, (run_id, pk) in enumerate(wanted):
        try:
            files = _listing(client, run_id, cancel.is_set, limit)
        except Cancelled:
            _store_listings(store, source_id, done)
            raise ImportCancelled from None
        except (ServerError, UnsafeArtifactPath, TooManyFiles) as exc:
            if isinstance(exc, _SERVER_WIDE):
                report.problems.append(
                    Problem(
                        report.root,
                        QT_TRANSLATE_NOOP(
                            "Server",
                            "The artifacts of {0} runs were not listed: {1}",
                        ).format(len(wanted) - index, _reason(exc)),
                    )
                )
                break
            report.problems.append(
                Problem(
                    f"{report.root} run {run_id}",
                    QT_TRANSLATE_NOOP(
                        "Server", "Its artifacts were not listed: {0}"
                    ).format(_reason(exc)),
                )
            )
            continue
        done.append((pk, files, int(time.time() * 1000)))
        if len(done) >= LISTINGS_PER_TRANSACTION:
            _store_listings(store, source_id, done)
            done = []
        yield ImportProgress("artifacts", index + 1, len(wanted), client.url)
    _store_listings(store, source_id, done)


def _store_listings(
    store: Store, source_id: int, listings: list[tuple[int, list[ArtifactFile], int]]
) -> None:
    if not listings:
        return
    with store.begin() as conn:
        writer = StoreWriter(conn, source_id)
        for pk, files, listed_at in listings:
            writer.replace_artifact_listing(pk, files, listed_at)


@dataclass
class ExportArtifacts:
    """Artifact listings for an export.

    Local runs give their stored listing. Server runs are listed through the server
    (recursively, each folder paged, at most ``limit`` entries a run, stopped by
    ``cancel``); when that fails, a listing stored by ``import --artifacts`` is used,
    or the run's artifacts are reported as not listed (``None``). :meth:`notes`
    says which runs were not listed live, and why.
    """

    cancel: threading.Event = field(default_factory=threading.Event)
    limit: int = MAX_LISTED_ENTRIES
    live: bool = True
    # Servers given up on for the rest of the export: location -> reason.
    failed_servers: dict[str, str] = field(default_factory=dict)
    # (location, reason, from stored listing) -> run ids.
    fallbacks: dict[tuple[str, str, bool], list[str]] = field(default_factory=dict)
    # The session's clients the listings use (default: the app's session, as the
    # command line's single-session process has).
    clients: ServerClients = field(
        default_factory=lambda: ServerClients(credentials.SESSION)
    )

    def files(self, conn: Connection, run: RunDetail) -> list[ArtifactFile] | None:
        """The run's artifact files, or ``None`` when they could not be listed."""
        kind, location = conn.execute(
            select(Source.kind, Source.location)
            .join(Run, Run.source_id == Source.id)
            .where(Run.id == run.pk)
        ).one()
        if kind != SERVER:
            return queries.artifact_files(conn, run.pk)
        reason = self.failed_servers.get(location)
        if reason is None and not self.live:
            reason = QT_TRANSLATE_NOOP("Export", "the server was not contacted")
        if reason is None:
            try:
                client = self.clients.client(conn, location)
                return _listing(client, run.run_id, self.cancel.is_set, self.limit)
            except Cancelled:
                raise ExportCancelled from None
            except (ServerError, UnsafeArtifactPath, TooManyFiles) as exc:
                reason = _reason(exc)
                if isinstance(exc, _SERVER_WIDE):
                    self.failed_servers[location] = reason
        stored = conn.execute(
            select(ArtifactListing.listed_at).where(ArtifactListing.run_pk == run.pk)
        ).scalar()
        key = (location, reason, stored is not None)
        self.fallbacks.setdefault(key, []).append(run.run_id)
        return queries.artifact_files(conn, run.pk) if stored is not None else None

    def notes(self, shown_ids: int = 10) -> list[str]:
        """One sentence per server and reason for runs not listed through it."""
        lines: list[str] = []
        for (location, reason, stored), run_ids in self.fallbacks.items():
            ids = ", ".join(run_ids[:shown_ids])
            if len(run_ids) > shown_ids:
                ids += QT_TRANSLATE_NOOP("Export", " and {0} more").format(
                    len(run_ids) - shown_ids
                )
            if stored:
                text = QT_TRANSLATE_NOOP(
                    "Export",
                    "The artifacts of {0} runs from {1} were not listed through "
                    "the server ({2}); the export has the listing stored when they "
                    "were synced with --artifacts. Runs: {3}.",
                )
            else:
                text = QT_TRANSLATE_NOOP(
                    "Export",
                    "The artifacts of {0} runs from {1} were not listed ({2}); "
                    'their "artifacts" are null in the export. Runs: {3}.',
                )
            lines.append(text.format(len(run_ids), location, reason.rstrip("."), ids))
        return lines
