"""Symbolic links in a source: loops end, links out of the source are never followed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from desktop.services.import_pipeline import ImportReport
from desktop.services.importing import run_import
from desktop.store.database import Store, open_store
from tests.robustness.robust_helpers import (
    MlflowTree,
    restricted_import,
    run_detail,
    run_dir,
    source_id_of,
    store_state,
)

pytestmark = pytest.mark.slow  # imports in a restricted subprocess

SECRET = "top-secret-outside-value"


def clean_state(root: Path, tmp_path: Path) -> dict:
    """The state an import of the tree as it is now gives (in a throwaway store)."""
    store = open_store(tmp_path / "clean.db")
    try:
        report = run_import(store, root)
        assert report.problems == []
        return store_state(store, report.source_id)
    finally:
        store.close()


def problem_paths(report: ImportReport) -> set[Path]:
    """The paths the report's problems name."""
    return {Path(p.path) for p in report.problems}


@pytest.mark.timeout(60)
def test_symlink_loops_in_artifacts_and_params(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """Links that loop are reported and add no phantom params or artifacts.

    ``loop -> .`` makes a folder contain itself (endless ``loop/loop/...`` paths);
    ``a -> b``, ``b -> a`` cannot be resolved at all. MLflow itself does not follow
    linked folders in ``params/``, and listing through a cycle only yields copies.
    """
    alpha = mlflow_tree.runs["alpha"]
    expected = clean_state(mlflow_tree.root, tmp_path)["runs"][alpha]
    folder = run_dir(mlflow_tree, "alpha")
    links = []
    for sub in ("artifacts", "params"):
        for name, target in (("loop", "."), ("a", "b"), ("b", "a")):
            os.symlink(target, folder / sub / name)
            links.append(folder / sub / name)

    report = run_import(local_store, mlflow_tree.root)

    stored = store_state(local_store, report.source_id)["runs"][alpha]
    assert stored["params"] == expected["params"]
    assert stored["artifacts"] == expected["artifacts"]
    assert stored["histories"] == expected["histories"]
    assert stored["tags"] == expected["tags"]
    assert problem_paths(report) >= {links[1], links[2], links[4], links[5]}
    # Every problem is about a link we made, not about paths through a cycle.
    assert problem_paths(report) <= set(links), sorted(problem_paths(report))


@pytest.mark.timeout(60)
def test_symlink_loop_in_metrics(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """A ``metrics/loop -> .`` link adds no phantom ``loop/...`` metric keys."""
    alpha = mlflow_tree.runs["alpha"]
    expected = clean_state(mlflow_tree.root, tmp_path)["runs"][alpha]
    os.symlink(".", run_dir(mlflow_tree, "alpha") / "metrics" / "loop")

    report = run_import(local_store, mlflow_tree.root)

    detail = run_detail(local_store, report.source_id, alpha)
    assert sorted(detail.metrics) == ["acc", "loss"]
    stored = store_state(local_store, report.source_id)["runs"][alpha]
    assert stored["histories"] == expected["histories"]


def make_outside(tmp_path: Path) -> Path:
    """A folder next to (not inside) the source with a secret file, folder, metric."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET)
    (outside / "folder" / "inner.txt").write_text(SECRET)
    (outside / "metric").write_text("1700000000000 123456.0 0\n")
    return outside


def test_links_out_of_the_source_are_not_followed(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """Files and folders linked from outside never show up, and are reported."""
    alpha = mlflow_tree.runs["alpha"]
    expected = clean_state(mlflow_tree.root, tmp_path)["runs"][alpha]
    outside = make_outside(tmp_path)
    folder = run_dir(mlflow_tree, "alpha")
    links = {
        folder / "artifacts" / "leak.txt": outside / "secret.txt",
        folder / "artifacts" / "leakdir": outside / "folder",
        folder / "params" / "leak": outside / "secret.txt",
        folder / "params" / "leakdir": outside / "folder",
        folder / "tags" / "leak": outside / "secret.txt",
        folder / "metrics" / "leak": outside / "metric",
        folder / "metrics" / "leakdir": outside / "folder",
    }
    for link, target in links.items():
        os.symlink(target, link)

    report = run_import(local_store, mlflow_tree.root)

    state = store_state(local_store, report.source_id)
    stored = state["runs"][alpha]
    assert stored["artifacts"] == expected["artifacts"]
    assert stored["params"] == expected["params"]
    assert stored["tags"] == expected["tags"]
    for run in state["runs"].values():
        assert SECRET not in repr(run)
    missing = set(links) - problem_paths(report)
    assert not missing, f"links not reported: {sorted(missing)}"
    # The linked metric file (value 123456) must not become a metric either.
    assert sorted(run_detail(local_store, report.source_id, alpha).metrics) == [
        "acc",
        "loss",
    ]
    assert stored["histories"] == expected["histories"]


def test_experiment_and_run_folders_linked_from_outside(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """Experiment or run folders that link out of the source are not imported."""
    outside = tmp_path / "outside_tree"
    shutil.copytree(mlflow_tree.root, outside, symlinks=True)
    exp_id = mlflow_tree.experiment_id
    # Remove from the source the experiment and run that will be linked in instead.
    shutil.rmtree(mlflow_tree.root / mlflow_tree.other_experiment_id)
    shutil.rmtree(run_dir(mlflow_tree, "beta"))
    exp_link = mlflow_tree.root / mlflow_tree.other_experiment_id
    run_link = mlflow_tree.root / exp_id / mlflow_tree.runs["beta"]
    os.symlink(outside / mlflow_tree.other_experiment_id, exp_link)
    os.symlink(outside / exp_id / mlflow_tree.runs["beta"], run_link)

    report = run_import(local_store, mlflow_tree.root)

    state = store_state(local_store, report.source_id)
    assert mlflow_tree.other_experiment_id not in state["experiments"]
    assert set(state["runs"]) == {mlflow_tree.runs["alpha"], mlflow_tree.runs["gamma"]}
    assert {exp_link, run_link} <= problem_paths(report)


def test_dangling_links_are_reported(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """Links to nothing in artifacts, params and metrics are reported and skipped."""
    alpha = mlflow_tree.runs["alpha"]
    expected = clean_state(mlflow_tree.root, tmp_path)["runs"][alpha]
    folder = run_dir(mlflow_tree, "alpha")
    links = [folder / sub / "dangling" for sub in ("artifacts", "params", "metrics")]
    for link in links:
        os.symlink(folder / "no-such-file", link)

    report = run_import(local_store, mlflow_tree.root)

    stored = store_state(local_store, report.source_id)["runs"][alpha]
    for part in ("artifacts", "params", "tags", "histories", "meta"):
        assert stored[part] == expected[part], part
    assert problem_paths(report) == set(links)


def test_two_self_links_do_not_hang_the_import(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """``a -> .`` and ``b -> .`` in an empty artifacts folder: the import finishes.

    Following such links makes 2**depth listings; the import (in a child process)
    gets 20 seconds, far more than these four runs need.
    """
    local_store.close()
    folder = run_dir(mlflow_tree, "beta") / "artifacts"
    folder.mkdir(exist_ok=True)
    for name in ("a", "b"):
        os.symlink(".", folder / name)

    result = restricted_import(mlflow_tree.root, local_store.path, seconds=20)

    assert result["runs_read"] == 4
    state = store_state(local_store, source_id_of(local_store, mlflow_tree.root))
    assert state["runs"][mlflow_tree.runs["beta"]]["artifacts"] == []
