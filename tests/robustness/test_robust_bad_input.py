"""Damaged source files: each becomes a problem naming the file, the rest imports."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from desktop.services.import_pipeline import ImportReport
from desktop.services.importing import import_mlruns, run_import
from desktop.store.database import Store, open_store
from tests.robustness.robust_helpers import (
    MlflowTree,
    history,
    run_detail,
    run_dir,
    source_id_of,
    store_state,
)

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


def clean_state(tree: MlflowTree, tmp_path: Path) -> dict:
    """The state an import of the undamaged tree gives (in a throwaway store)."""
    store = open_store(tmp_path / "clean.db")
    try:
        report = run_import(store, tree.root)
        assert report.problems == []
        assert report.runs_total == 4
        return store_state(store, report.source_id)
    finally:
        store.close()


def problems_for(report: ImportReport, path: Path) -> list[str]:
    """Messages of the report's problems about ``path``."""
    return [p.message for p in report.problems if Path(p.path) == path]


def assert_others_intact(
    store: Store, report: ImportReport, expected: dict, damaged: set[str]
) -> None:
    """Every run not in ``damaged`` is stored exactly as in the clean import."""
    state = store_state(store, report.source_id)
    for run_id, run in expected["runs"].items():
        if run_id in damaged:
            continue
        assert state["runs"].get(run_id) == run, f"run {run_id} differs"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"run_id: [unclosed\nstatus: {3\n", "invalid YAML"),
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"- just\n- a list\n", "expected a YAML mapping"),
        (b"\x00" * 400, "invalid YAML"),
        (b"artifact_uri: file:///x\nexperiment_id: '1'\nlifecycle_st", "invalid YAML"),
    ],
    ids=["invalid-yaml", "empty", "blank", "not-a-mapping", "zero-filled", "cut"],
)
def test_bad_run_meta_is_reported_and_others_import(
    mlflow_tree: MlflowTree,
    local_store: Store,
    tmp_path: Path,
    content: bytes,
    message: str,
) -> None:
    """A run whose meta.yaml is unreadable is skipped with a problem naming it."""
    expected = clean_state(mlflow_tree, tmp_path)
    meta = run_dir(mlflow_tree, "beta") / "meta.yaml"
    meta.write_bytes(content)

    report = run_import(local_store, mlflow_tree.root)

    assert any(message in m for m in problems_for(report, meta)), report.problems
    beta = mlflow_tree.runs["beta"]
    assert run_detail(local_store, report.source_id, beta) is None
    assert report.runs_read == 3
    assert_others_intact(local_store, report, expected, {beta})


def test_run_id_mismatch_is_reported(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """A meta.yaml whose run_id is not its folder's name is ignored, like MLflow."""
    expected = clean_state(mlflow_tree, tmp_path)
    meta = run_dir(mlflow_tree, "beta") / "meta.yaml"
    beta = mlflow_tree.runs["beta"]
    meta.write_text(meta.read_text().replace(beta, "0" * 32))

    report = run_import(local_store, mlflow_tree.root)

    assert any("does not match" in m for m in problems_for(report, meta))
    assert run_detail(local_store, report.source_id, beta) is None
    assert run_detail(local_store, report.source_id, "0" * 32) is None
    assert_others_intact(local_store, report, expected, {beta})


def test_bad_experiment_meta_skips_only_that_experiment(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """An experiment with invalid meta.yaml is reported; other experiments import."""
    expected = clean_state(mlflow_tree, tmp_path)
    meta = mlflow_tree.root / mlflow_tree.other_experiment_id / "meta.yaml"
    meta.write_text("name: [broken\n")

    report = run_import(local_store, mlflow_tree.root)

    assert any("invalid YAML" in m for m in problems_for(report, meta))
    state = store_state(local_store, report.source_id)
    assert mlflow_tree.other_experiment_id not in state["experiments"]
    assert state["experiments"][mlflow_tree.experiment_id][:3] == (
        "robust",
        "active",
        3,
    )
    assert_others_intact(local_store, report, expected, {mlflow_tree.runs["delta"]})


def test_truncated_and_garbage_metric_lines_keep_good_lines(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """Bad lines of a metric file are reported by line; its good lines import."""
    expected = clean_state(mlflow_tree, tmp_path)
    metric = run_dir(mlflow_tree, "alpha") / "metrics" / "loss"
    good = metric.read_text().splitlines(keepends=True)
    assert len(good) == 5
    damaged = [*good[:2], "this is %% not a metric\n", *good[2:], "1700000000009"]
    metric.write_text("".join(damaged))

    report = run_import(local_store, mlflow_tree.root)

    messages = problems_for(report, metric)
    assert any("line 3" in m for m in messages), messages
    assert any("line 7" in m for m in messages), messages
    alpha = mlflow_tree.runs["alpha"]
    loss = history(local_store, report.source_id, alpha, "loss")
    assert loss.steps.tolist() == [0, 1, 2, 3, 4]
    assert loss.timestamps.tolist() == [1_700_000_000_000 + s for s in range(5)]
    np.testing.assert_allclose(loss.values, [1.0 / (s + 1) for s in range(5)])
    detail = run_detail(local_store, report.source_id, alpha)
    assert detail.metrics["loss"].latest == pytest.approx(0.2)
    assert detail.metrics["loss"].count == 5
    # The rest of the run (and every other run) is as in a clean import.
    stored = store_state(local_store, report.source_id)["runs"][alpha]
    clean = expected["runs"][alpha]
    for part in ("meta", "params", "tags", "artifacts"):
        assert stored[part] == clean[part]
    assert stored["histories"]["acc"] == clean["histories"]["acc"]
    assert_others_intact(local_store, report, expected, {alpha})


def test_binary_garbage_in_metric_file(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """NUL and non-UTF-8 bytes in a metric file do not lose its good lines."""
    metric = run_dir(mlflow_tree, "delta") / "metrics" / "rmse"
    metric.write_bytes(metric.read_bytes() + b"\x00\xff\xfe\x00 garbage\n")

    report = run_import(local_store, mlflow_tree.root)

    assert problems_for(report, metric)
    rmse = history(local_store, report.source_id, mlflow_tree.runs["delta"], "rmse")
    assert rmse.values.tolist() == [0.25]


@pytest.mark.parametrize("folder", ["params", "tags"])
def test_non_utf8_key_file_imports_with_replacement(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path, folder: str
) -> None:
    """A non-UTF-8 param or tag value imports with U+FFFD and a problem."""
    expected = clean_state(mlflow_tree, tmp_path)
    path = run_dir(mlflow_tree, "alpha") / folder / "latin1"
    path.write_bytes(b"caf\xe9 cr\xe8me")

    report = run_import(local_store, mlflow_tree.root)

    assert any("UTF-8" in m for m in problems_for(report, path)), report.problems
    alpha = mlflow_tree.runs["alpha"]
    detail = run_detail(local_store, report.source_id, alpha)
    values = detail.params if folder == "params" else detail.tags
    assert values["latin1"] == "caf\ufffd cr\ufffdme"
    clean = expected["runs"][alpha]
    stored = store_state(local_store, report.source_id)["runs"][alpha]
    assert {k: v for k, v in values.items() if k != "latin1"} == clean[folder]
    assert stored["histories"] == clean["histories"]
    assert_others_intact(local_store, report, expected, {alpha})


@pytest.mark.parametrize("folder", ["metrics", "params", "tags"])
def test_file_where_run_folder_expected(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path, folder: str
) -> None:
    """A run's metrics/params/tags being a file is reported; the run still imports."""
    expected = clean_state(mlflow_tree, tmp_path)
    path = run_dir(mlflow_tree, "alpha") / folder
    shutil.rmtree(path)
    path.write_text("not a folder\n")

    report = run_import(local_store, mlflow_tree.root)

    assert any("found a file" in m for m in problems_for(report, path))
    alpha = mlflow_tree.runs["alpha"]
    stored = store_state(local_store, report.source_id)["runs"][alpha]
    clean = expected["runs"][alpha]
    part = "histories" if folder == "metrics" else folder
    assert not stored[part]
    for other in {"meta", "params", "tags", "histories", "artifacts"} - {part}:
        assert stored[other] == clean[other], other
    assert_others_intact(local_store, report, expected, {alpha})


def test_folder_where_meta_file_expected(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """A run whose meta.yaml is a folder is skipped with a problem naming it."""
    expected = clean_state(mlflow_tree, tmp_path)
    meta = run_dir(mlflow_tree, "beta") / "meta.yaml"
    meta.unlink()
    meta.mkdir()

    report = run_import(local_store, mlflow_tree.root)

    assert any("found a folder" in m for m in problems_for(report, meta))
    assert_others_intact(local_store, report, expected, {mlflow_tree.runs["beta"]})


def test_experiment_folder_that_is_a_file(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """An experiment "folder" that is a file does not stop the other experiments."""
    expected = clean_state(mlflow_tree, tmp_path)
    exp_dir = mlflow_tree.root / mlflow_tree.other_experiment_id
    shutil.rmtree(exp_dir)
    exp_dir.write_text("artifact_location: nowhere\n")
    (mlflow_tree.root / "12345").write_bytes(b"\x00\x01")

    report = run_import(local_store, mlflow_tree.root)

    assert not report.cancelled
    state = store_state(local_store, report.source_id)
    assert set(state["experiments"]) == {"0", mlflow_tree.experiment_id}
    assert_others_intact(local_store, report, expected, {mlflow_tree.runs["delta"]})


def test_run_folder_that_is_a_file(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """A file among run folders is ignored (as MLflow does); the runs import."""
    expected = clean_state(mlflow_tree, tmp_path)
    (mlflow_tree.root / mlflow_tree.experiment_id / ("f" * 32)).write_text("x")

    report = run_import(local_store, mlflow_tree.root)

    assert report.runs_total == 4
    assert_others_intact(local_store, report, expected, set())


def test_reimport_keeps_run_whose_meta_became_corrupt(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """A run imported before keeps its stored copy when its meta.yaml breaks."""
    first = run_import(local_store, mlflow_tree.root)
    before = store_state(local_store, first.source_id)
    meta = run_dir(mlflow_tree, "alpha") / "meta.yaml"
    good_meta = meta.read_bytes()
    meta.write_text("status: [this is not yaml\n")

    second = run_import(local_store, mlflow_tree.root)

    assert any("invalid YAML" in m for m in problems_for(second, meta))
    assert second.runs_removed == 0
    assert store_state(local_store, first.source_id) == before
    # The problem is stored for the source, so the app can show it later.
    with local_store.engine.connect() as conn:
        from desktop.store import queries

        stored_problems = queries.source_problems(conn, first.source_id)
    assert any(Path(path) == meta for path, _ in stored_problems)

    # Once repaired, the next import reads the run again and the problem clears.
    meta.write_bytes(good_meta)
    third = run_import(local_store, mlflow_tree.root)
    assert third.problems == []
    assert store_state(local_store, first.source_id) == before


def test_reimport_keeps_experiment_whose_meta_became_corrupt(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """An experiment whose meta.yaml breaks keeps its stored copy and its runs."""
    first = run_import(local_store, mlflow_tree.root)
    before = store_state(local_store, first.source_id)
    meta = mlflow_tree.root / mlflow_tree.other_experiment_id / "meta.yaml"
    meta.write_text("")

    second = run_import(local_store, mlflow_tree.root)

    assert any("empty" in m for m in problems_for(second, meta))
    assert second.experiments_removed == 0
    assert second.runs_removed == 0
    assert store_state(local_store, source_id_of(local_store, mlflow_tree.root)) == (
        before
    )


def test_wrongly_typed_meta_values(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """A run meta.yaml with values of the wrong type imports with blanks."""
    expected = clean_state(mlflow_tree, tmp_path)
    meta = run_dir(mlflow_tree, "beta") / "meta.yaml"
    beta = mlflow_tree.runs["beta"]
    exp = mlflow_tree.experiment_id
    meta.write_text(
        f"run_id: {beta}\nexperiment_id: '{exp}'\nstart_time: soon\n"
        "end_time: [1, 2]\nstatus: {a: 1}\nlifecycle_stage: 7\nrun_name: 123\n"
        "user_id: null\nartifact_uri: 42\n"
    )

    report = run_import(local_store, mlflow_tree.root)

    detail = run_detail(local_store, report.source_id, beta)
    assert detail is not None
    assert (detail.start_time, detail.end_time, detail.user_id) == (None, None, None)
    assert detail.run_name == "123"
    assert detail.lifecycle_stage == "active"
    assert detail.params == {"lr": "0.01"}
    assert detail.metrics["loss"].latest == 0.5
    assert_others_intact(local_store, report, expected, {beta})


def test_run_folder_vanishes_during_import(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """A run folder deleted between the scan and the read does not break the import.

    The other runs import; the next import no longer has the run.
    """
    expected = clean_state(mlflow_tree, tmp_path)
    beta = mlflow_tree.runs["beta"]
    generator = import_mlruns(local_store, mlflow_tree.root)
    while True:
        try:
            progress = next(generator)
        except StopIteration as stop:
            report = stop.value
            break
        if progress.phase == "read" and progress.done == 0:
            shutil.rmtree(run_dir(mlflow_tree, "beta"))

    assert not report.cancelled
    assert report.runs_total == 4
    assert_others_intact(local_store, report, expected, {beta})
    after = run_import(local_store, mlflow_tree.root)
    assert run_detail(local_store, after.source_id, beta) is None
    assert after.runs_total == 3
    assert_others_intact(local_store, after, expected, {beta})
