"""Re-imports read only what changed, and see every change MLflow can make."""

from __future__ import annotations

import shutil

import pytest

from desktop.services.importing import run_import
from desktop.store.database import Store
from tests.robustness.robust_helpers import (
    MlflowTree,
    history,
    run_detail,
    run_dir,
    store_state,
)

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


@pytest.mark.parametrize("tree", ["mlflow_tree", "sample_root"])
def test_unchanged_reimport_reads_nothing(
    tree: str, local_store: Store, request: pytest.FixtureRequest
) -> None:
    """Re-importing an unchanged folder reads no run and changes nothing."""
    root = request.getfixturevalue(tree)
    root = root.root if isinstance(root, MlflowTree) else root
    first = run_import(local_store, root)
    assert first.runs_read == first.runs_total > 0
    before = store_state(local_store, first.source_id)

    second = run_import(local_store, root)

    assert second.source_id == first.source_id
    assert second.runs_read == 0
    assert second.runs_unchanged == second.runs_total == first.runs_total
    assert second.runs_removed == second.experiments_removed == 0
    assert store_state(local_store, first.source_id) == before


def test_running_run_gets_new_points(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """Points appended to a RUNNING run's metric are picked up; nothing else is read."""
    client = mlflow_tree.client
    gamma = mlflow_tree.runs["gamma"]
    first = run_import(local_store, mlflow_tree.root)
    assert run_detail(local_store, first.source_id, gamma).status == "RUNNING"
    before = store_state(local_store, first.source_id)

    for step in (3, 4):
        client.log_metric(gamma, "loss", 10.0 + step, 1_700_000_001_000 + step, step)
    second = run_import(local_store, mlflow_tree.root)

    assert second.runs_read == 1
    assert second.runs_unchanged == 3
    loss = history(local_store, first.source_id, gamma, "loss")
    assert loss.steps.tolist() == [0, 1, 2, 3, 4]
    assert loss.values.tolist() == [2.0, 1.0, 0.0, 13.0, 14.0]
    summary = run_detail(local_store, first.source_id, gamma).metrics["loss"]
    assert (summary.latest, summary.step, summary.count) == (14.0, 4, 5)
    after = store_state(local_store, first.source_id)
    for run_id, run in before["runs"].items():
        if run_id != gamma:
            assert after["runs"][run_id] == run

    # A new metric key and, later, the run finishing are picked up too.
    client.log_metric(gamma, "lr", 0.001, 1_700_000_002_000, 0)
    client.set_terminated(gamma, "KILLED")
    third = run_import(local_store, mlflow_tree.root)
    assert third.runs_read == 1
    detail = run_detail(local_store, first.source_id, gamma)
    assert detail.status == "KILLED"
    assert sorted(detail.metrics) == ["loss", "lr"]
    fourth = run_import(local_store, mlflow_tree.root)
    assert fourth.runs_read == 0


def test_new_run_appears(mlflow_tree: MlflowTree, local_store: Store) -> None:
    """A run created after the first import is read by the next one."""
    first = run_import(local_store, mlflow_tree.root)
    client = mlflow_tree.client
    new = client.create_run(mlflow_tree.experiment_id, run_name="epsilon").info.run_id
    client.log_param(new, "lr", "0.5")
    client.log_metric(new, "loss", 0.75, 1_700_000_003_000, 0)
    client.set_terminated(new, "FINISHED")

    second = run_import(local_store, mlflow_tree.root)

    assert second.runs_read == 1
    assert second.runs_total == 5
    detail = run_detail(local_store, first.source_id, new)
    assert detail.run_name == "epsilon"
    assert detail.params == {"lr": "0.5"}
    assert detail.metrics["loss"].latest == 0.75
    state = store_state(local_store, first.source_id)
    assert state["experiments"][mlflow_tree.experiment_id][2] == 4


def test_deleted_and_restored_run(mlflow_tree: MlflowTree, local_store: Store) -> None:
    """``delete_run`` shows as lifecycle ``deleted``; ``restore_run`` undoes it."""
    first = run_import(local_store, mlflow_tree.root)
    beta = mlflow_tree.runs["beta"]
    before = store_state(local_store, first.source_id)["runs"][beta]

    mlflow_tree.client.delete_run(beta)
    second = run_import(local_store, mlflow_tree.root)

    assert second.runs_read == 1
    detail = run_detail(local_store, first.source_id, beta)
    assert detail.lifecycle_stage == "deleted"
    assert detail.deleted_time is not None
    after = store_state(local_store, first.source_id)["runs"][beta]
    for part in ("params", "tags", "metrics", "histories"):
        assert after[part] == before[part]

    mlflow_tree.client.restore_run(beta)
    run_import(local_store, mlflow_tree.root)
    assert run_detail(local_store, first.source_id, beta).lifecycle_stage == "active"


def test_tag_overwritten_on_finished_run(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """A tag set again on a finished run (e.g. an edited note) is seen on re-import.

    MLflow overwrites the tag file in place, which changes neither ``meta.yaml``
    nor the ``tags/`` folder.
    """
    first = run_import(local_store, mlflow_tree.root)
    alpha = mlflow_tree.runs["alpha"]
    mlflow_tree.client.set_tag(alpha, "team", "audio-and-speech")

    second = run_import(local_store, mlflow_tree.root)

    assert second.runs_read == 1
    assert run_detail(local_store, first.source_id, alpha).tags["team"] == (
        "audio-and-speech"
    )


def test_new_tag_and_param_on_finished_run(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """New tag and param files on a finished run are seen on re-import."""
    first = run_import(local_store, mlflow_tree.root)
    delta = mlflow_tree.runs["delta"]
    mlflow_tree.client.set_tag(delta, "mlflow.note.content", "a note")
    mlflow_tree.client.log_param(delta, "late", "yes")

    second = run_import(local_store, mlflow_tree.root)

    assert second.runs_read == 1
    detail = run_detail(local_store, first.source_id, delta)
    assert detail.tags["mlflow.note.content"] == "a note"
    assert detail.params == {"depth": "7", "late": "yes"}


def test_removed_run_folder_disappears(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """A run folder removed from disk is removed from the store; others stay."""
    first = run_import(local_store, mlflow_tree.root)
    before = store_state(local_store, first.source_id)
    beta = mlflow_tree.runs["beta"]
    shutil.rmtree(run_dir(mlflow_tree, "beta"))

    second = run_import(local_store, mlflow_tree.root)

    assert second.runs_removed == 1
    assert second.runs_read == 0
    after = store_state(local_store, first.source_id)
    assert beta not in after["runs"]
    del before["runs"][beta]
    assert after["runs"] == before["runs"]
    assert after["experiments"][mlflow_tree.experiment_id][2] == 2


def test_removed_experiment_folder_disappears(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """An experiment folder removed from disk goes with its runs; others stay."""
    first = run_import(local_store, mlflow_tree.root)
    before = store_state(local_store, first.source_id)
    shutil.rmtree(mlflow_tree.root / mlflow_tree.other_experiment_id)

    second = run_import(local_store, mlflow_tree.root)

    assert second.experiments_removed == 1
    after = store_state(local_store, first.source_id)
    assert mlflow_tree.other_experiment_id not in after["experiments"]
    assert mlflow_tree.runs["delta"] not in after["runs"]
    del before["runs"][mlflow_tree.runs["delta"]]
    del before["experiments"][mlflow_tree.other_experiment_id]
    assert after == before
    with local_store.engine.connect() as conn:
        orphans = conn.exec_driver_sql(
            "SELECT count(*) FROM runs WHERE experiment_pk NOT IN "
            "(SELECT id FROM experiments)"
        ).scalar()
    assert orphans == 0


def test_deleted_experiment_moves_to_trash(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """``delete_experiment`` (folder moved to .trash) keeps the experiment and runs.

    MLflow marks the experiment's runs deleted too; their data stays.
    """
    first = run_import(local_store, mlflow_tree.root)
    before = store_state(local_store, first.source_id)
    other = mlflow_tree.other_experiment_id
    mlflow_tree.client.delete_experiment(other)
    assert (mlflow_tree.root / ".trash" / other).is_dir()

    second = run_import(local_store, mlflow_tree.root)

    assert second.experiments_removed == 0
    assert second.runs_removed == 0
    after = store_state(local_store, first.source_id)
    assert after["experiments"][other][:3] == ("other", "deleted", 1)
    delta = mlflow_tree.runs["delta"]
    assert run_detail(local_store, first.source_id, delta).lifecycle_stage == "deleted"
    for run_id, run in before["runs"].items():
        for part in ("params", "tags", "metrics", "histories", "artifacts"):
            assert after["runs"][run_id][part] == run[part]
        if run_id != delta:
            assert after["runs"][run_id] == run

    mlflow_tree.client.restore_experiment(other)
    run_import(local_store, mlflow_tree.root)
    restored = store_state(local_store, first.source_id)
    assert restored["experiments"][other][:3] == ("other", "active", 1)
    assert restored["runs"] == before["runs"]


def test_full_reimport_reads_everything(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """``full=True`` re-reads every run and stores the same data."""
    first = run_import(local_store, mlflow_tree.root)
    before = store_state(local_store, first.source_id)

    second = run_import(local_store, mlflow_tree.root, full=True)

    assert second.runs_read == second.runs_total == 4
    assert second.runs_unchanged == 0
    assert store_state(local_store, first.source_id) == before
    third = run_import(local_store, mlflow_tree.root)
    assert third.runs_read == 0


def test_renamed_run_and_edited_experiment(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """A renamed finished run, renamed experiment and edited experiment tag show."""
    first = run_import(local_store, mlflow_tree.root)
    client = mlflow_tree.client
    delta = mlflow_tree.runs["delta"]
    client.update_run(delta, name="delta-renamed")
    client.rename_experiment(mlflow_tree.other_experiment_id, "other-renamed")
    client.set_experiment_tag(mlflow_tree.other_experiment_id, "owner", "ann")

    second = run_import(local_store, mlflow_tree.root)

    assert second.runs_read == 1
    assert run_detail(local_store, first.source_id, delta).run_name == "delta-renamed"
    experiment = store_state(local_store, first.source_id)["experiments"][
        mlflow_tree.other_experiment_id
    ]
    assert experiment[0] == "other-renamed"
    assert ("owner", "ann") in experiment[3]

    client.set_experiment_tag(mlflow_tree.other_experiment_id, "owner", "bob")
    run_import(local_store, mlflow_tree.root)
    experiment = store_state(local_store, first.source_id)["experiments"][
        mlflow_tree.other_experiment_id
    ]
    assert ("owner", "bob") in experiment[3]
