"""What we import from a source equals what MLflow itself reads from it, for every
source kind.

Every test runs for each case of each kind (see ``conftest.py``): ``mlruns``
folders (the FileStore written by MLflow for these tests and the real samples in
``tests/data``) and MLflow databases (the one MLflow wrote for these tests, the real
3.17 samples, one in WAL mode from ``migrate-filestore``, and databases written by
MLflow 1.0.0, 1.30.1 and 2.22.0: MLflow reads an upgraded copy of those, we read
the original schema) and a tracking server (a real ``mlflow server`` serving the
generated folder; MLflow reads it through the same server; ``slow``). Each kind's
documented differences from MLflow are applied on MLflow's side by its ``Expected``
(``ExpectedDb`` for databases, ``ExpectedServer`` for the server).
"""

from __future__ import annotations

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


def test_import_reports_no_problems(kind_case) -> None:
    """Sources MLflow wrote itself import cleanly."""
    assert kind_case.report.problems == []
    assert kind_case.imported.problems == []
    assert not kind_case.report.cancelled


def test_import_leaves_source_untouched(kind_case) -> None:
    """Not a byte, not a timestamp changes; no -wal/-shm/-journal file appears
    next to a database."""
    assert kind_case.untouched


def test_experiments_match(kind_case) -> None:
    """Same experiments (active and deleted), none missing, none extra."""
    expected = {
        k: experiment_fields(e) for k, e in kind_case.expected.experiments().items()
    }
    ours = {k: experiment_fields(e) for k, e in kind_case.imported.experiments.items()}
    assert_same(ours, expected, "experiment")


def test_runs_per_experiment_match(kind_case) -> None:
    """Every run MLflow lists (active and deleted) is imported, and nothing else."""
    expected: dict[str, set[str]] = {}
    for run_id, run in kind_case.expected.runs().items():
        expected.setdefault(run.info.experiment_id, set()).add(run_id)
    ours: dict[str, set[str]] = {}
    for run_id, run in kind_case.imported.runs.items():
        ours.setdefault(run.experiment_id, set()).add(run_id)
    assert ours == expected
    assert sum(len(v) for v in ours.values()) == kind_case.report.runs_total
    counts = {
        e.experiment_id: e.run_count for e in kind_case.imported.experiments.values()
    }
    assert {k: v for k, v in counts.items() if v} == {
        k: len(v) for k, v in expected.items()
    }


def test_run_info_matches(kind_case) -> None:
    """Name (the mlflow.runName tag where a database's name column is empty),
    status, lifecycle, times, user and artifact URI."""
    expected = {k: mlflow_run_fields(r) for k, r in kind_case.expected.runs().items()}
    ours = {k: our_run_fields(r) for k, r in kind_case.imported.runs.items()}
    assert_same(ours, expected, "run")


def test_parent_run_matches_tag(kind_case) -> None:
    expected = {
        k: r.data.tags.get("mlflow.parentRunId")
        for k, r in kind_case.expected.runs().items()
    }
    ours = {k: r.parent_run_id for k, r in kind_case.imported.runs.items()}
    assert_same(ours, expected, "parent of run")


def test_params_match(kind_case) -> None:
    expected = {k: r.data.params for k, r in kind_case.expected.runs().items()}
    ours = {k: r.params for k, r in kind_case.imported.runs.items()}
    assert_same(ours, expected, "params of run")


def test_tags_match(kind_case) -> None:
    expected = {k: r.data.tags for k, r in kind_case.expected.runs().items()}
    ours = {k: r.tags for k, r in kind_case.imported.runs.items()}
    assert_same(ours, expected, "tags of run")


def test_latest_metrics_match(kind_case) -> None:
    """The value shown per metric is MLflow's latest (NaN-aware)."""
    expected = {
        k: {key: num(v) for key, v in kind_case.expected.latest(r).items()}
        for k, r in kind_case.expected.runs().items()
    }
    ours = {
        k: {key: num(m.latest) for key, m in r.metrics.items()}
        for k, r in kind_case.imported.runs.items()
    }
    assert_same(ours, expected, "latest metrics of run")


def test_metric_histories_match(kind_case) -> None:
    """Full histories equal MLflow's ``get_metric_history`` after de-duplication."""
    expected = {
        k: kind_case.expected.histories(r) for k, r in kind_case.expected.runs().items()
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
        for run_id, histories in kind_case.imported.histories.items()
    }
    assert_same(ours, expected, "metric histories of run")


def test_metric_histories_are_unique_and_sorted(kind_case) -> None:
    """Our histories hold each point once, ordered by (step, timestamp)."""
    assert kind_case.imported.histories
    for histories in kind_case.imported.histories.values():
        for h in histories.values():
            points = [
                (int(s), int(t), num(v))
                for s, t, v in zip(h.steps, h.timestamps, h.values, strict=True)
            ]
            assert len(points) == len(set(points)), h.key
            keys = [(s, t) for s, t, _ in points]
            assert keys == sorted(keys), h.key


def test_artifacts_match(kind_case) -> None:
    """Every artifact file and size; a server's as listed by ``--artifacts``."""
    expected = {
        k: kind_case.expected.artifacts(r) for k, r in kind_case.expected.runs().items()
    }
    ours = {
        k: [(f.path, f.size) for f in files]
        for k, files in kind_case.imported.artifacts.items()
    }
    assert_same(ours, expected, "artifacts of run")


def test_dataset_inputs_match(kind_case) -> None:
    expected = {k: mlflow_datasets(r) for k, r in kind_case.expected.runs().items()}
    ours = {k: our_datasets(d) for k, d in kind_case.imported.datasets.items()}
    assert_same(ours, expected, "dataset inputs of run")


def test_model_inputs_and_outputs_match(kind_case) -> None:
    expected = {
        k: kind_case.expected.model_links(r)
        for k, r in kind_case.expected.runs().items()
    }
    ours = {k: our_model_links(m) for k, m in kind_case.imported.model_links.items()}
    assert_same(ours, expected, "model links of run")


def test_logged_models_match(kind_case) -> None:
    expected = kind_case.expected.model_fields()
    ours = {k: our_model_fields(m) for k, m in kind_case.imported.logged_models.items()}
    assert_same(ours, expected, "logged model")
