"""What only a database shows, in the database MLflow wrote for these tests."""

from __future__ import annotations

import math
import sqlite3
from contextlib import closing

import numpy as np
import pytest

from tests.db.db_compare import DbCase
from tests.db.db_writer import LONG_STEPS, WrittenDb

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


def _history(case: DbCase, run_id: str, key: str):
    return case.imported.histories[run_id][key]


def test_infinities_are_stored_as_dbl_max_and_shown_as_infinity(
    generated_case: DbCase, written_db: WrittenDb
) -> None:
    with closing(sqlite3.connect(written_db.path)) as conn:
        stored = conn.execute(
            "SELECT step, value, is_nan FROM metrics WHERE key = 'weird' "
            "AND run_uuid = ? ORDER BY step",
            (written_db.runs["parent"],),
        ).fetchall()
    assert stored == [
        (0, 0.0, 1),
        (1, 1.7976931348623157e308, 0),
        (2, -1.7976931348623157e308, 0),
    ]
    values = _history(generated_case, written_db.runs["parent"], "weird").values
    assert math.isnan(values[0])
    assert list(values[1:]) == [math.inf, -math.inf]
    failed = generated_case.imported.runs[written_db.runs["child_failed"]]
    assert failed.metrics["loss"].latest == math.inf


def test_empty_name_column_falls_back_to_the_run_name_tag(
    generated_case: DbCase, written_db: WrittenDb
) -> None:
    with closing(sqlite3.connect(written_db.path)) as conn:
        (name,) = conn.execute(
            "SELECT name FROM runs WHERE run_uuid = ?", (written_db.runs["nameless"],)
        ).fetchone()
    assert name == ""
    assert generated_case.imported.runs[written_db.runs["nameless"]].run_name == (
        "from-the-tag"
    )


def test_tag_edited_after_the_run_ended_shows_its_new_value(
    generated_case: DbCase, written_db: WrittenDb
) -> None:
    assert generated_case.imported.runs[written_db.runs["edited"]].tags["stage"] == (
        "final"
    )


def test_long_history_is_complete_and_in_step_order(
    generated_case: DbCase, written_db: WrittenDb
) -> None:
    history = _history(generated_case, written_db.runs["long"], "curve")
    assert np.array_equal(history.steps, np.arange(LONG_STEPS))
    assert history.values[-1] == 1.0 / LONG_STEPS


def test_seconds_timestamps_are_shown_in_milliseconds(
    generated_case: DbCase, written_db: WrittenDb
) -> None:
    history = _history(generated_case, written_db.runs["legacy_seconds"], "old")
    assert list(history.timestamps) == [1_500_000_000_000 + i * 1000 for i in range(3)]


def test_deleted_experiment_keeps_its_runs_as_deleted(
    generated_case: DbCase, written_db: WrittenDb
) -> None:
    exp = generated_case.imported.experiments[written_db.written.experiments["deleted"]]
    assert exp.lifecycle_stage == "deleted"
    doomed = generated_case.imported.runs[written_db.runs["doomed"]]
    assert doomed.lifecycle_stage == "deleted"


def test_every_status_is_imported(generated_case: DbCase) -> None:
    statuses = {r.status for r in generated_case.imported.runs.values()}
    assert statuses == {"RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"}


def test_source_is_a_database_named_after_its_folder(generated_case: DbCase) -> None:
    from desktop.store import queries

    with generated_case.store.engine.connect() as conn:
        (source,) = queries.list_sources(conn)
    assert source.kind == "mlflow-db"
    assert source.location == str(generated_case.source)
    assert source.name == "project/mlflow.db"
