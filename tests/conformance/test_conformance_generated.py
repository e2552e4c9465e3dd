"""The generated FileStore: it really holds each edge case, and where MLflow and we
deliberately differ, we differ exactly as documented."""

from __future__ import annotations

import math

from tests.conformance.conformance_compare import Case, num
from tests.conformance.conformance_writer import (
    EXPERIMENT_NOTE,
    KOREAN_EXPERIMENT,
    LONG_VALUE,
    MULTILINE_TAG,
)


def _lines(case: Case, role: str, key: str) -> list[list[str]]:
    run = case.expected.runs()[case.written.runs[role]]
    path = case.expected.run_dir(run) / "metrics" / key
    return [line.split(" ") for line in path.read_text("utf-8").splitlines()]


def test_fixture_has_every_status_and_lifecycle(generated: Case) -> None:
    runs = generated.expected.runs()
    ids = generated.written.runs
    assert {r.info.status for r in runs.values()} == {
        "RUNNING",
        "SCHEDULED",
        "FINISHED",
        "FAILED",
        "KILLED",
    }
    assert runs[ids["running"]].info.end_time is None
    assert runs[ids["deleted"]].info.lifecycle_stage == "deleted"
    assert runs[ids["doomed"]].info.lifecycle_stage == "deleted"
    deleted = generated.written.experiments["deleted"]
    assert (generated.source / ".trash" / deleted / "meta.yaml").is_file()
    assert generated.expected.experiments()[deleted].lifecycle_stage == "deleted"
    for child in ("child", "child_failed"):
        tags = runs[ids[child]].data.tags
        assert tags["mlflow.parentRunId"] == ids["parent"]


def test_fixture_has_tricky_keys_and_values(generated: Case) -> None:
    parent = generated.expected.runs()[generated.written.runs["parent"]]
    params, tags = parent.data.params, parent.data.tags
    assert params["long"] == LONG_VALUE
    assert len(LONG_VALUE) >= 5000
    assert params["설명"] == "한국어 값"
    assert params["opt/name"] == "adam"
    assert params["batch size"] == "32"
    assert tags["한글태그"] == "값"
    assert tags["multi"] == MULTILINE_TAG
    korean = generated.expected.experiments()[generated.written.experiments["korean"]]
    assert korean.name == KOREAN_EXPERIMENT
    assert korean.tags["mlflow.note.content"] == EXPERIMENT_NOTE


def test_fixture_has_tricky_metrics(generated: Case) -> None:
    """Long, non-finite, nested, negative-step, duplicated and 5-field metrics."""
    metrics = generated.expected.runs()[generated.written.runs["parent"]].data.metrics
    assert len(_lines(generated, "parent", "loss")) > 100
    assert {num(float(p[1])) for p in _lines(generated, "parent", "weird")} == {
        "nan",
        "inf",
        "-inf",
    }
    assert "train/acc" in metrics
    assert min(int(p[2]) for p in _lines(generated, "parent", "neg_step")) < 0
    twice = _lines(generated, "parent", "twice")
    assert len({p[2] for p in twice}) == 1
    assert len({p[0] for p in twice}) == 2
    assert {len(p) for p in _lines(generated, "parent", "val_loss")} == {5}
    # log_model re-logged the run's metrics: an exact duplicate line.
    loss = [" ".join(p) for p in _lines(generated, "parent", "loss")]
    assert len(loss) > len(set(loss))
    # MLflow's latest-value tie rules (first maximum in file order, NaN never wins
    # a comparison), which we must reproduce.
    assert math.isnan(metrics["tie_nan_first"])
    assert metrics["tie_nan_last"] == 7.0
    assert math.isnan(metrics["last_is_nan"])


def test_fixture_has_artifacts_datasets_and_models(generated: Case) -> None:
    parent = generated.expected.runs()[generated.written.runs["parent"]]
    files = dict(generated.expected.artifacts(parent))
    assert files["empty.txt"] == 0
    assert files["pixel.png"] > 0
    assert files["table.csv"] > 0
    assert files["reports/sub/x.txt"] > 0
    [dataset] = parent.inputs.dataset_inputs
    assert {t.key: t.value for t in dataset.tags}["mlflow.data.context"] == "training"
    [output] = parent.outputs.model_outputs
    assert output.model_id == generated.written.models["sklearn"]
    models = generated.expected.logged_models()
    model = models[generated.written.models["sklearn"]]
    assert model.params.items() >= {"C": "1.0", "solver": "lbfgs"}.items()
    assert {m.key for m in model.metrics} >= {"auc", "loss", "model_nan"}
    consumer = generated.expected.runs()[generated.written.runs["consumer"]]
    [model_input] = consumer.inputs.model_inputs
    assert model_input.model_id == generated.written.models["external"]


def test_duplicate_metric_lines_are_stored_once(generated: Case) -> None:
    """MLflow returns the duplicated line twice; we keep one copy (documented)."""
    run_id = generated.written.runs["parent"]
    history = generated.expected.client.get_metric_history(run_id, "loss")
    ours = generated.imported.histories[run_id]["loss"]
    assert len(history) == 121
    assert len(ours) == 120


def test_dataset_metric_steps_are_the_written_ones(generated: Case) -> None:
    """MLflow 3.17.2 reads step 0 from every 5-field line; we keep the written step."""
    run_id = generated.written.runs["parent"]
    history = generated.expected.client.get_metric_history(run_id, "val_loss")
    assert [m.step for m in history] == [0, 0, 0]
    written = [int(p[2]) for p in _lines(generated, "parent", "val_loss")]
    assert written == [0, 1, 2]
    assert generated.imported.histories[run_id]["val_loss"].steps.tolist() == written


def test_seconds_timestamps_become_milliseconds(generated: Case) -> None:
    """Timestamps below 1e11 (MLflow 1.0 wrote seconds) are shown in ms."""
    run_id = generated.written.runs["legacy_seconds"]
    history = generated.expected.client.get_metric_history(run_id, "old")
    ours = generated.imported.histories[run_id]["old"]
    assert [m.timestamp * 1000 for m in history] == ours.timestamps.tolist()


def test_renamed_experiment_shows_only_current_tags(generated: Case) -> None:
    """A rename snapshots the tags into meta.yaml; the ``tags/`` folder wins, so a
    tag deleted after the rename is gone (as in MLflow's ``_get_experiment``)."""
    exp_id = generated.written.experiments["renamed"]
    meta = (generated.source / exp_id / "meta.yaml").read_text("utf-8")
    assert "old: '1'" in meta  # the stale snapshot is really there
    assert generated.expected.experiments()[exp_id].tags == {"keep": "2"}
    assert generated.imported.experiments[exp_id].tags == {"keep": "2"}
