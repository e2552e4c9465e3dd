"""Source kinds are registered objects: lookups, unknown kinds, and a new kind
plugged into the shared import pipeline by one registration."""

from __future__ import annotations

import threading
from collections.abc import Generator
from pathlib import Path

import pytest

from desktop.core.records import ExperimentRecord, Problem
from desktop.core.views import SourceInfo
from desktop.services import sources
from desktop.services.catalog import Catalog
from desktop.services.import_pipeline import (
    ImportContext,
    ImportOptions,
    ImportProgress,
)
from desktop.services.live import Due
from desktop.services.source_kind import ArtifactAccess, SourceKind
from desktop.services.sources import (
    UnknownSourceKind,
    import_source,
    kind_for,
    kind_named,
    make_watcher,
    run_source_import,
)
from desktop.sources.tracking_server.credentials import SessionCredentials
from desktop.store import queries
from desktop.store.database import Store
from desktop.store.writer import ensure_source


def test_locations_find_their_kind(tmp_path: Path) -> None:
    db = tmp_path / "mlflow.db"
    db.write_bytes(b"")
    assert kind_for("http://127.0.0.1:5000").name == "server"
    assert kind_for(str(db)).name == "mlflow-db"
    assert kind_for(str(tmp_path)).name == "mlruns"
    assert kind_for(str(tmp_path / "missing")).name == "mlruns"
    assert kind_for("s3://bucket/mlruns").name == "mlruns"  # reported as not found


def test_every_kind_is_found_by_its_stored_name() -> None:
    names = [entry.name for entry in sources.KINDS]
    assert len(set(names)) == len(names)
    for entry in sources.KINDS:
        kind = kind_named(entry.name)
        assert kind.name == entry.name
        assert kind.detect is entry.detect  # the registry detects as the kind does
    assert kind_named("server").artifacts is ArtifactAccess.REMOTE
    assert kind_named("server").paced_polls
    assert kind_named("mlflow-db").artifacts is ArtifactAccess.LOCAL
    assert not kind_named("mlruns").paced_polls


def test_an_unknown_kind_fails_clearly(store: Store) -> None:
    with pytest.raises(UnknownSourceKind, match=r"'s3-bucket'.*mlruns"):
        kind_named("s3-bucket")
    source = SourceInfo(1, "s3-bucket", "s3://bucket", "bucket", None)
    with pytest.raises(UnknownSourceKind, match="s3-bucket"):
        make_watcher(store, source, SessionCredentials())


def test_options_are_typed() -> None:
    with pytest.raises(TypeError):
        ImportOptions(wokers=2)  # type: ignore[call-arg]
    assert ImportOptions().list_artifacts is False  # reserved for the server


def _toy_reader(context: ImportContext) -> Generator[ImportProgress, None, None]:
    """A kind whose location is an experiment name: one experiment, no runs."""
    context.open_source(f"toy {context.location}")
    record = ExperimentRecord(
        context.location, context.location, "", "active", None, None, {}
    )
    yield ImportProgress("scan", 0, 1, context.location)
    context.check_cancel()
    with context.transaction() as writer:
        pk = writer.upsert_experiment(record)
    context.report.experiments = 1
    context.problems.append(Problem(context.location, "a toy problem"))
    context.finish([pk], gone_experiments=[])


TOY = SourceKind(
    name="toy",
    detect=lambda location: location.startswith("toy:"),
    reader=_toy_reader,
    watcher=lambda store, source, session: _ToyWatcher(),
    display_name=lambda location: location,
    normalize=lambda location: location,
    is_missing=lambda location: False,
)


class _ToyWatcher:
    def poll(self) -> Due:
        return Due(True)


def test_a_new_kind_is_one_registration(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Registering a kind is enough for import, live refresh and artifacts."""
    monkeypatch.setattr(sources, "KINDS", (TOY, *sources.KINDS))
    report = run_source_import(store, "toy:demo")
    assert report.source_id is not None
    assert (report.root, report.experiments) == ("toy:demo", 1)
    assert [p.message for p in report.problems] == ["a toy problem"]
    assert not report.cancelled
    assert not report.auth_failed
    assert report.seconds > 0
    with store.engine.connect() as conn:
        (source,) = queries.list_sources(conn)
        assert [e.experiment_id for e in queries.list_experiments(conn)] == ["toy:demo"]
    assert (source.kind, source.name) == ("toy", "toy toy:demo")
    assert source.last_sync_at is not None
    assert isinstance(make_watcher(store, source, SessionCredentials()), _ToyWatcher)


def test_the_pipeline_reports_a_cancelled_import(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "KINDS", (TOY, *sources.KINDS))
    cancel = threading.Event()
    generator = import_source(store, "toy:stopped", cancel=cancel)
    assert next(generator).phase == "scan"
    cancel.set()
    with pytest.raises(StopIteration) as stop:
        next(generator)
    report = stop.value.value
    assert report.cancelled
    assert report.experiments == 0
    with store.engine.connect() as conn:
        assert queries.list_experiments(conn) == []


def test_live_refresh_reports_a_source_of_unknown_kind(store: Store) -> None:
    """A stored source no registered kind reads is skipped with a clear error."""
    from desktop.services.live_poller import LivePoller

    with store.begin() as conn:
        ensure_source(conn, "s3-bucket", "s3://bucket", "bucket")
    reports, errors = LivePoller(Catalog(store)).cycle()
    assert reports == []
    assert len(errors) == 1
    assert errors[0].startswith("bucket: unknown source kind 's3-bucket'")
