"""What we import from an ``mlruns`` folder equals what MLflow itself reads from it.

Every test runs for each case: the FileStore written by MLflow for these tests and
the real samples in ``tests/data`` (see ``conftest.py``).
"""

from __future__ import annotations

import io
import json

from desktop.services.exporting import export_json
from tests.conformance.conformance_compare import (
    Case,
    assert_same,
    experiment_fields,
    mlflow_datasets,
    mlflow_model_fields,
    mlflow_model_links,
    mlflow_run_fields,
    num,
    our_datasets,
    our_model_fields,
    our_model_links,
    our_run_fields,
)


def test_import_reports_no_problems(case: Case) -> None:
    """Folders MLflow wrote itself import cleanly."""
    assert case.report.problems == []
    assert case.imported.problems == []
    assert not case.report.cancelled


def test_import_leaves_source_untouched(case: Case) -> None:
    assert case.untouched


def test_experiments_match(case: Case) -> None:
    """Same experiments (active and in ``.trash``), none missing, none extra."""
    expected = {k: experiment_fields(e) for k, e in case.expected.experiments().items()}
    ours = {k: experiment_fields(e) for k, e in case.imported.experiments.items()}
    assert_same(ours, expected, "experiment")


def test_runs_per_experiment_match(case: Case) -> None:
    """Every run MLflow lists (active and deleted) is imported, and nothing else."""
    expected = {}
    for run_id, run in case.expected.runs().items():
        expected.setdefault(run.info.experiment_id, set()).add(run_id)
    ours = {}
    for run_id, run in case.imported.runs.items():
        ours.setdefault(run.experiment_id, set()).add(run_id)
    assert ours == expected
    counts = {e.experiment_id: e.run_count for e in case.imported.experiments.values()}
    assert {k: v for k, v in counts.items() if v} == {
        k: len(v) for k, v in expected.items()
    }


def test_run_info_matches(case: Case) -> None:
    expected = {k: mlflow_run_fields(r) for k, r in case.expected.runs().items()}
    ours = {k: our_run_fields(r) for k, r in case.imported.runs.items()}
    assert_same(ours, expected, "run")


def test_parent_run_matches_tag(case: Case) -> None:
    expected = {
        k: r.data.tags.get("mlflow.parentRunId")
        for k, r in case.expected.runs().items()
    }
    ours = {k: r.parent_run_id for k, r in case.imported.runs.items()}
    assert_same(ours, expected, "parent of run")


def test_params_match(case: Case) -> None:
    expected = {k: r.data.params for k, r in case.expected.runs().items()}
    ours = {k: r.params for k, r in case.imported.runs.items()}
    assert_same(ours, expected, "params of run")


def test_tags_match(case: Case) -> None:
    expected = {k: r.data.tags for k, r in case.expected.runs().items()}
    ours = {k: r.tags for k, r in case.imported.runs.items()}
    assert_same(ours, expected, "tags of run")


def test_latest_metrics_match(case: Case) -> None:
    """The value shown per metric is MLflow's latest (NaN-aware)."""
    expected = {
        k: {key: num(v) for key, v in r.data.metrics.items()}
        for k, r in case.expected.runs().items()
    }
    ours = {
        k: {key: num(m.latest) for key, m in r.metrics.items()}
        for k, r in case.imported.runs.items()
    }
    assert_same(ours, expected, "latest metrics of run")


def test_metric_histories_match(case: Case) -> None:
    """Full histories equal MLflow's ``get_metric_history`` after de-duplication."""
    expected = {k: case.expected.histories(r) for k, r in case.expected.runs().items()}
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
        for run_id, histories in case.imported.histories.items()
    }
    assert_same(ours, expected, "metric histories of run")


def test_metric_histories_are_unique_and_sorted(case: Case) -> None:
    """Our histories hold each point once, ordered by (step, timestamp)."""
    assert case.imported.histories
    for histories in case.imported.histories.values():
        for h in histories.values():
            points = [
                (int(s), int(t), num(v))
                for s, t, v in zip(h.steps, h.timestamps, h.values, strict=True)
            ]
            assert len(points) == len(set(points)), h.key
            keys = [(s, t) for s, t, _ in points]
            assert keys == sorted(keys), h.key


def test_artifacts_match(case: Case) -> None:
    expected = {k: case.expected.artifacts(r) for k, r in case.expected.runs().items()}
    ours = {
        k: [(f.path, f.size) for f in files]
        for k, files in case.imported.artifacts.items()
    }
    assert_same(ours, expected, "artifacts of run")


def test_dataset_inputs_match(case: Case) -> None:
    expected = {k: mlflow_datasets(r) for k, r in case.expected.runs().items()}
    ours = {k: our_datasets(d) for k, d in case.imported.datasets.items()}
    assert_same(ours, expected, "dataset inputs of run")


def test_model_inputs_and_outputs_match(case: Case) -> None:
    expected = {k: mlflow_model_links(r) for k, r in case.expected.runs().items()}
    ours = {k: our_model_links(m) for k, m in case.imported.model_links.items()}
    assert_same(ours, expected, "model links of run")


def test_logged_models_match(case: Case) -> None:
    expected = {
        k: mlflow_model_fields(m) for k, m in case.expected.logged_models().items()
    }
    ours = {k: our_model_fields(m) for k, m in case.imported.logged_models.items()}
    assert_same(ours, expected, "logged model")


def _reject_constant(name: str) -> None:
    raise AssertionError(f"bare {name} in exported JSON")


def _json_value(value: float) -> float | str:
    text = num(value)
    return {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}.get(text, value)


def test_export_json_matches_mlflow(case: Case) -> None:
    """Strict JSON, non-finite numbers as strings, content equal to MLflow's."""
    out = io.StringIO()
    count = export_json(case.store, out, history=True)
    exported = json.loads(out.getvalue(), parse_constant=_reject_constant)
    runs = case.expected.runs()
    assert count == len(runs)
    experiments = case.expected.experiments()
    assert {e["experiment_id"] for e in exported} == set(experiments)
    seen = {}
    for exp in exported:
        assert (
            experiment_fields(experiments[exp["experiment_id"]])["tags"]
            == (exp["tags"])
        )
        for run in exp["runs"]:
            seen[run["run_id"]] = run
    assert set(seen) == set(runs)
    for run_id, run in runs.items():
        data = seen[run_id]
        assert data["experiment_id"] == run.info.experiment_id
        assert data["status"] == run.info.status
        assert data["params"] == run.data.params
        assert data["tags"] == run.data.tags
        assert data["metrics"] == {
            k: _json_value(v) for k, v in run.data.metrics.items()
        }
        history = case.expected.histories(run)
        assert {
            key: sorted((s, t, num(float(v))) for s, t, v in points)
            for key, points in data["metric_history"].items()
        } == history
        for points in data["metric_history"].values():
            for point in points:
                assert isinstance(point[2], float) or point[2] in (
                    "NaN",
                    "Infinity",
                    "-Infinity",
                )
