"""What we import from an ``mlflow.db`` equals what ``MlflowClient`` reads from it.

Every test runs for each case (see ``conftest.py``): the database MLflow wrote for
these tests, the real 3.17 samples (one in WAL mode from ``migrate-filestore``),
and databases written by MLflow 1.0.0, 1.30.1 and 2.22.0 (MLflow reads an upgraded
copy of those; we read the original schema).
"""

from __future__ import annotations

import pytest

from tests.conformance.conformance_compare import (
    assert_same,
    experiment_fields,
    mlflow_datasets,
    mlflow_run_fields,
    num,
    our_datasets,
    our_model_fields,
    our_model_links,
    our_run_fields,
)
from tests.db.db_compare import DbCase

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


def test_import_reports_no_problems(db_case: DbCase) -> None:
    assert db_case.report.problems == []
    assert db_case.imported.problems == []
    assert not db_case.report.cancelled


def test_import_leaves_the_database_folder_untouched(db_case: DbCase) -> None:
    """Not a byte, not a timestamp, no -wal/-shm/-journal file appears."""
    assert db_case.untouched


def test_experiments_match(db_case: DbCase) -> None:
    expected = {
        k: experiment_fields(e) for k, e in db_case.expected.experiments().items()
    }
    ours = {k: experiment_fields(e) for k, e in db_case.imported.experiments.items()}
    assert_same(ours, expected, "experiment")


def test_runs_per_experiment_match(db_case: DbCase) -> None:
    expected: dict[str, set[str]] = {}
    for run_id, run in db_case.expected.runs().items():
        expected.setdefault(run.info.experiment_id, set()).add(run_id)
    ours: dict[str, set[str]] = {}
    for run_id, run in db_case.imported.runs.items():
        ours.setdefault(run.experiment_id, set()).add(run_id)
    assert ours == expected
    assert sum(len(v) for v in ours.values()) == db_case.report.runs_total


def test_run_info_matches(db_case: DbCase) -> None:
    """Name (the mlflow.runName tag where the name column is empty), status,
    lifecycle, times, user and artifact URI."""
    expected = {k: mlflow_run_fields(r) for k, r in db_case.expected.runs().items()}
    ours = {k: our_run_fields(r) for k, r in db_case.imported.runs.items()}
    assert_same(ours, expected, "run")


def test_parent_run_matches_tag(db_case: DbCase) -> None:
    expected = {
        k: r.data.tags.get("mlflow.parentRunId")
        for k, r in db_case.expected.runs().items()
    }
    ours = {k: r.parent_run_id for k, r in db_case.imported.runs.items()}
    assert_same(ours, expected, "parent of run")


def test_params_match(db_case: DbCase) -> None:
    expected = {k: r.data.params for k, r in db_case.expected.runs().items()}
    ours = {k: r.params for k, r in db_case.imported.runs.items()}
    assert_same(ours, expected, "params of run")


def test_tags_match(db_case: DbCase) -> None:
    expected = {k: r.data.tags for k, r in db_case.expected.runs().items()}
    ours = {k: r.tags for k, r in db_case.imported.runs.items()}
    assert_same(ours, expected, "tags of run")


def test_latest_metrics_match(db_case: DbCase) -> None:
    """The value shown per metric is MLflow's ``latest_metrics`` value."""
    expected = {
        k: {key: num(v) for key, v in db_case.expected.latest(r).items()}
        for k, r in db_case.expected.runs().items()
    }
    ours = {
        k: {key: num(m.latest) for key, m in r.metrics.items()}
        for k, r in db_case.imported.runs.items()
    }
    assert_same(ours, expected, "latest metrics of run")


def test_metric_histories_match(db_case: DbCase) -> None:
    expected = {
        k: db_case.expected.histories(r) for k, r in db_case.expected.runs().items()
    }
    ours = {
        run_id: {
            key: sorted(
                {
                    (int(s), int(t), num(v))
                    for s, t, v in zip(h.steps, h.timestamps, h.values, strict=True)
                }
            )
            for key, h in histories.items()
        }
        for run_id, histories in db_case.imported.histories.items()
    }
    assert_same(ours, expected, "metric histories of run")


def test_metric_histories_are_unique_and_sorted(db_case: DbCase) -> None:
    assert db_case.imported.histories
    for histories in db_case.imported.histories.values():
        for h in histories.values():
            points = [
                (int(s), int(t), num(v))
                for s, t, v in zip(h.steps, h.timestamps, h.values, strict=True)
            ]
            assert len(points) == len(set(points)), h.key
            keys = [(s, t) for s, t, _ in points]
            assert keys == sorted(keys), h.key


def test_artifacts_match(db_case: DbCase) -> None:
    expected = {
        k: db_case.expected.artifacts(r) for k, r in db_case.expected.runs().items()
    }
    ours = {
        k: [(f.path, f.size) for f in files]
        for k, files in db_case.imported.artifacts.items()
    }
    assert_same(ours, expected, "artifacts of run")


def test_dataset_inputs_match(db_case: DbCase) -> None:
    expected = {k: mlflow_datasets(r) for k, r in db_case.expected.runs().items()}
    ours = {k: our_datasets(d) for k, d in db_case.imported.datasets.items()}
    assert_same(ours, expected, "dataset inputs of run")


def test_model_inputs_and_outputs_match(db_case: DbCase) -> None:
    expected = {
        k: db_case.expected.model_links(r) for k, r in db_case.expected.runs().items()
    }
    ours = {k: our_model_links(m) for k, m in db_case.imported.model_links.items()}
    assert_same(ours, expected, "model links of run")


def test_logged_models_match(db_case: DbCase) -> None:
    expected = db_case.expected.model_fields()
    ours = {k: our_model_fields(m) for k, m in db_case.imported.logged_models.items()}
    assert_same(ours, expected, "logged model")
