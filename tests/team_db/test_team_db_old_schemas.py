"""Every schema MLflow wrote since 1.0, on real PostgreSQL and MariaDB servers:
our import of each old-schema team database equals our import of the same sample
from its SQLite ``mlflow.db`` (conformance-tested against MLflow in
``tests/conformance``, as the team databases themselves are against MlflowClient),
artifacts included once the server's artifact folder is mapped to the sample's
copy on this computer."""

from __future__ import annotations

import dataclasses
import math
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from desktop.core.artifact_places import ArtifactPlaces
from desktop.services.sources import run_source_import
from desktop.services.team_artifacts import set_places
from desktop.store.database import open_store
from tests.conformance.conformance_compare import (
    Imported,
    our_datasets,
    our_model_fields,
    our_model_links,
)
from tests.db.db_cases import build_case
from tests.team_db.fixtures import FAMILIES, OLD_SAMPLES, old_team_db
from tests.team_db.servers import admin_engine

pytestmark = pytest.mark.slow


def recorded_root(db: Path) -> str:
    """The artifact root the sample's MLflow recorded (its Default experiment's
    location without the ``0``)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        (location,) = conn.execute(
            "SELECT artifact_location FROM experiments WHERE experiment_id = 0"
        ).fetchone()
    return location.rstrip("/").rsplit("/", 1)[0]


def single_precision_metrics(old) -> bool:
    """Whether the server keeps metric values in 4 bytes: MLflow 1.0's schema on
    MySQL (``FLOAT``, made ``DOUBLE`` by its next migration), which kept only
    float32 values of what was logged (MLflow reads those back too)."""
    if old.server.family != "mysql":
        return False
    from sqlalchemy import text

    engine = admin_engine(old.server, old.database)
    try:
        with engine.connect() as conn:
            kind = conn.execute(
                text(
                    "SELECT data_type FROM information_schema.columns WHERE "
                    "table_schema = :db AND table_name = 'metrics' AND "
                    "column_name = 'value'"
                ),
                {"db": old.database},
            ).scalar()
    finally:
        engine.dispose()
    return kind == "float"


def _value(v, single: bool):
    """``v`` comparable: NaN equal to NaN; floats as float32 when ``single``."""
    if isinstance(v, float) and math.isnan(v):
        return "nan"
    if isinstance(v, float) and single and math.isfinite(v):
        return float(np.float32(v))
    if isinstance(v, np.ndarray):
        return [_value(x, single) for x in v.tolist()]
    if isinstance(v, dict):
        return {k: _value(x, single) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_value(x, single) for x in v]
    if dataclasses.is_dataclass(v):
        return _record(v, single)
    return v


IDS = {"pk", "experiment_pk", "source_id", "artifact_root", "run_pk", "id"}


def _record(record, single: bool = False) -> dict:
    """A stored record without its store-local ids and local folder."""
    return {
        f.name: _value(getattr(record, f.name), single)
        for f in dataclasses.fields(record)
        if f.name not in IDS
    }


def comparable(imported: Imported, single: bool) -> dict:
    """What we imported, without store ids; metric values as float32 if
    ``single``."""
    return {
        "experiments": {k: _record(e) for k, e in imported.experiments.items()},
        "runs": {k: _record(r, single) for k, r in imported.runs.items()},
        "histories": {
            k: {key: _record(h, single) for key, h in hs.items()}
            for k, hs in imported.histories.items()
        },
        "artifacts": {
            k: [(f.path, f.size) for f in files]
            for k, files in imported.artifacts.items()
        },
        "datasets": {k: our_datasets(d) for k, d in imported.datasets.items()},
        "model_links": {k: our_model_links(m) for k, m in imported.model_links.items()},
        "models": {k: our_model_fields(m) for k, m in imported.logged_models.items()},
    }


@pytest.mark.parametrize("sample", OLD_SAMPLES)
@pytest.mark.parametrize("family", FAMILIES)
def test_old_schema_imports_as_its_sqlite_database(
    request, tmp_path_factory, db_case_cache, family: str, sample: str
) -> None:
    old = old_team_db(request, family, sample)
    sqlite_case = build_case(sample, db_case_cache, tmp_path_factory, request)
    store = open_store(tmp_path_factory.mktemp("old-team") / "store.db")
    try:
        location = run_source_import(store, old.url).root  # learns the clean URL
        # The server wrote below its own root; here that folder is the sample's.
        places = ArtifactPlaces(
            server_root=recorded_root(old.sample / "mlflow.db"),
            local_root=str(old.sample / "mlruns"),
        )
        set_places(store, location, places)
        report = run_source_import(store, old.url)
        assert report.problems == []
        assert report.source_id is not None
        ours_imported = Imported(store, report.source_id)
    finally:
        store.close()
    single = single_precision_metrics(old)
    theirs = comparable(sqlite_case.imported, single)
    ours = comparable(ours_imported, single)
    assert any(ours["artifacts"].values())  # found through the mapped folder
    for part, expected in theirs.items():
        for key in sorted(set(expected) | set(ours[part])):
            assert ours[part].get(key) == expected.get(key), (part, key)


@pytest.mark.parametrize("sample", OLD_SAMPLES)
@pytest.mark.parametrize("family", FAMILIES)
def test_old_schema_reimports_nothing_and_live_refresh_polls_it(
    request, tmp_path: Path, family: str, sample: str
) -> None:
    """The stamps and the live-refresh signal work on every old schema: a second
    import reads no run; the watcher's poll finds nothing new after applying."""
    from desktop.services.importing_team_db import take_db_url_secret
    from desktop.services.team_db_watch import TeamDbWatcher
    from desktop.sources.tracking_server.credentials import SessionCredentials

    old = old_team_db(request, family, sample)
    session = SessionCredentials()
    url = take_db_url_secret(old.url, session)
    store = open_store(tmp_path / "store.db")
    watcher = TeamDbWatcher(store, url, session)
    try:
        first = run_source_import(store, old.url)
        assert first.runs_read == first.runs_total > 0
        again = run_source_import(store, old.url)
        assert (again.runs_read, again.runs_unchanged) == (0, first.runs_total)
        changes = watcher.poll()
        assert watcher.apply(changes).problems == []
        assert watcher.poll().empty
    finally:
        watcher.close()
        store.close()
