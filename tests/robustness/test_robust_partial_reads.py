"""A part of a run that cannot be read keeps its stored copy (issue 17, data loss).

Each case imports a tree once, makes one part of run ``alpha`` unreadable, imports
again in a child that obeys file permissions (see ``restricted_import``), and checks
that the denial is reported and nothing the store held was lost. Restoring the
permission and importing once more reads the part again (no stale stamp).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.services.importing import run_import
from desktop.store.database import Store
from tests.robustness.robust_helpers import (
    MlflowTree,
    history,
    restricted_import,
    run_dir,
    store_state,
)

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees

# part name -> (path below alpha's folder to chmod 000, a file the child probes)
CASES: dict[str, tuple[str, str]] = {
    "params folder": ("params", "params/lr"),
    "tags folder": ("tags", "tags/team"),
    "metrics folder": ("metrics", "metrics/loss"),
    "one metric file": ("metrics/loss", "metrics/loss"),
    "one param file": ("params/batch", "params/batch"),
    "one tag file": ("tags/team", "tags/team"),
    "artifacts folder": ("artifacts", "artifacts/notes.txt"),
    "artifact subfolder": ("artifacts/model", "artifacts/model/weights.bin"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_unreadable_part_keeps_stored_copy(
    case: str, mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """The stored params, tags, histories or artifact listing survive a denial."""
    first = run_import(local_store, mlflow_tree.root)
    before = store_state(local_store, first.source_id)
    local_store.close()
    folder = run_dir(mlflow_tree, "alpha")
    target_rel, probe_rel = CASES[case]
    target = folder / target_rel
    mode = target.stat().st_mode & 0o7777
    # A change the import must see, so the run is read again (not skipped as
    # unchanged): the run's status in meta.yaml.
    _touch_meta(folder)
    target.chmod(0)
    try:
        result = restricted_import(
            mlflow_tree.root, tmp_path / "store.db", probe=folder / probe_rel
        )
    finally:
        target.chmod(mode)

    assert result["probe_denied"] is True
    assert any(
        Path(where) == target and "permission" in message
        for where, message in result["problems"]
    ), result["problems"]
    after = store_state(local_store, first.source_id)
    assert after == before

    # Readable again: the next import reads the part (nothing is stale).
    again = run_import(local_store, mlflow_tree.root)
    assert not again.problems
    assert store_state(local_store, first.source_id) == before


def test_a_part_deleted_for_real_is_removed(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """Keeping applies to unreadable parts only: a deleted param file is gone."""
    first = run_import(local_store, mlflow_tree.root)
    folder = run_dir(mlflow_tree, "alpha")
    (folder / "params" / "batch").unlink()
    _touch_meta(folder)
    run_import(local_store, mlflow_tree.root)
    state = store_state(local_store, first.source_id)
    assert state["runs"][mlflow_tree.runs["alpha"]]["params"] == {"lr": "0.1"}


def _touch_meta(folder: Path, rewrite: Callable[[str], str] | None = None) -> None:
    """Rewrite ``meta.yaml`` unchanged but with a new mtime (as MLflow does)."""
    meta = folder / "meta.yaml"
    text = meta.read_text()
    meta.write_text(rewrite(text) if rewrite else text)
    st = meta.stat()
    os.utime(meta, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_a_part_changed_while_unreadable_is_read_once_readable(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """A run with an unreadable part is not stamped as read: it is read again."""
    first = run_import(local_store, mlflow_tree.root)
    local_store.close()
    folder = run_dir(mlflow_tree, "alpha")
    loss = folder / "metrics" / "loss"
    # A finished run's stamp does not cover its metric files: only a run that
    # was left unstamped is read again after this append.
    with loss.open("a") as handle:
        handle.write("1700000000009 0.05 9\n")
    _touch_meta(folder)
    loss.chmod(0)
    try:
        result = restricted_import(mlflow_tree.root, tmp_path / "store.db", probe=loss)
    finally:
        loss.chmod(0o644)
    assert result["probe_denied"] is True
    stale = history(local_store, first.source_id, mlflow_tree.runs["alpha"], "loss")
    assert len(stale.values) == 5  # the stored copy, kept

    run_import(local_store, mlflow_tree.root)
    fresh = history(local_store, first.source_id, mlflow_tree.runs["alpha"], "loss")
    assert fresh.values.tolist()[-1] == 0.05


def _link_datasets_and_models(tree: MlflowTree) -> None:
    """Give ``alpha`` a dataset input, a model input and a model output (MLflow 3)."""
    import pandas as pd
    from mlflow.data import from_pandas
    from mlflow.entities import (
        DatasetInput,
        InputTag,
        LoggedModelInput,
        LoggedModelOutput,
    )

    client = tree.client
    alpha = tree.runs["alpha"]
    dataset = from_pandas(pd.DataFrame({"a": [1, 2]}), name="train")._to_mlflow_entity()
    used = client.create_logged_model(tree.experiment_id, name="base")
    made = client.create_logged_model(
        tree.experiment_id, name="made", source_run_id=alpha
    )
    client.log_inputs(
        alpha,
        datasets=[DatasetInput(dataset, [InputTag("mlflow.data.context", "train")])],
        models=[LoggedModelInput(used.model_id)],
    )
    client.log_outputs(alpha, [LoggedModelOutput(made.model_id, 4)])


# part -> path below alpha's folder to chmod 000 (the first match of "*")
LINK_CASES = {
    "inputs folder": "inputs",
    "one input": "inputs/*/meta.yaml",
    "outputs folder": "outputs",
    "one output": "outputs/*/meta.yaml",
}


@pytest.mark.parametrize("case", sorted(LINK_CASES))
def test_unreadable_inputs_or_outputs_keep_datasets_and_model_links(
    case: str, mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """Datasets and logged-model links survive a denial in inputs/ or outputs/."""
    _link_datasets_and_models(mlflow_tree)
    first = run_import(local_store, mlflow_tree.root)
    before = store_state(local_store, first.source_id)
    alpha = before["runs"][mlflow_tree.runs["alpha"]]
    assert len(alpha["datasets"]) == 1
    assert {m.direction for m in alpha["models"]} == {"input", "output"}
    local_store.close()
    folder = run_dir(mlflow_tree, "alpha")
    target = sorted(folder.glob(LINK_CASES[case]))[0]
    probe = target if target.is_file() else next(target.glob("*/meta.yaml"))
    mode = target.stat().st_mode & 0o7777
    _touch_meta(folder)
    target.chmod(0)
    try:
        result = restricted_import(mlflow_tree.root, tmp_path / "store.db", probe=probe)
    finally:
        target.chmod(mode)
    assert result["probe_denied"] is True
    assert any("permission" in message for _, message in result["problems"])
    assert store_state(local_store, first.source_id) == before

    again = run_import(local_store, mlflow_tree.root)
    assert not again.problems
    assert store_state(local_store, first.source_id) == before


@pytest.fixture(scope="module")
def mlflow_db_template(tmp_path_factory) -> tuple[Path, str]:
    """An ``mlflow.db`` written by MLflow with one run's artifacts in a folder."""
    from mlflow import MlflowClient

    project = tmp_path_factory.mktemp("db-parts") / "project"
    project.mkdir()
    client = MlflowClient(tracking_uri=f"sqlite:///{project / 'mlflow.db'}")
    exp = client.create_experiment(
        "db", artifact_location=(project / "artifacts").as_uri()
    )
    run = client.create_run(exp, run_name="with-files").info.run_id
    staging = project.parent / "staging"
    (staging / "model").mkdir(parents=True)
    (staging / "notes.txt").write_text("notes\n")
    (staging / "model" / "weights.bin").write_bytes(b"\x00" * 64)
    client.log_artifacts(run, str(staging))
    client.set_terminated(run, "FINISHED")
    return project, run


DB_CASES = {
    "artifacts folder": ("", "notes.txt"),
    "artifact subfolder": ("model", "model/weights.bin"),
}


@pytest.mark.parametrize("case", sorted(DB_CASES))
def test_unreadable_artifacts_of_a_database_run_keep_the_listing(
    case: str, mlflow_db_template, local_store: Store, tmp_path: Path
) -> None:
    """The mlflow.db reader keeps a run's stored artifact listing on a denial."""
    import shutil
    import sqlite3

    from desktop.services.sources import run_source_import

    template, run_id = mlflow_db_template
    project = tmp_path / "project"
    shutil.copytree(template, project)
    db = project / "mlflow.db"
    with sqlite3.connect(db) as conn:  # the copy's runs point at the copy's files
        conn.execute(
            "UPDATE runs SET artifact_uri = replace(artifact_uri, ?, ?)",
            (template.as_uri(), project.as_uri()),
        )
    conn.close()
    first = run_source_import(local_store, db)
    listing = store_state(local_store, first.source_id)["runs"][run_id]["artifacts"]
    assert listing == [("model/weights.bin", 64), ("notes.txt", 6)]
    local_store.close()
    folder = next(project.glob(f"artifacts/{run_id}/artifacts"))
    target_rel, probe_rel = DB_CASES[case]
    target = folder / target_rel
    # A change to the run's row, so the run is read again.
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE runs SET end_time = end_time + 1 WHERE run_uuid = ?", (run_id,)
        )
    conn.close()
    target.chmod(0)
    try:
        result = restricted_import(db, tmp_path / "store.db", probe=folder / probe_rel)
    finally:
        target.chmod(0o755)
    assert result["probe_denied"] is True
    assert result["runs_read"] == 1
    problems = [message for _, message in result["problems"]]
    assert any("permission" in message for message in problems), problems
    state = store_state(local_store, first.source_id)
    assert state["runs"][run_id]["artifacts"] == listing

    again = run_source_import(local_store, db)
    assert not again.problems
    assert again.runs_read == 1  # the kept run was not stamped as read
    assert (
        store_state(local_store, first.source_id)["runs"][run_id]["artifacts"]
        == listing
    )
