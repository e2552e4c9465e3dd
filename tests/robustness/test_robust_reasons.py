"""Problems give the right reason (issue 17, "wrong reasons")."""

from __future__ import annotations

from pathlib import Path

from desktop.services.importing import run_import
from desktop.services.sources import run_source_import
from desktop.store.database import Store
from tests.robustness.robust_helpers import MlflowTree, run_dir


def _messages(report, path: Path) -> list[str]:
    return [p.message for p in report.problems if Path(p.path) == path]


def test_an_empty_folder_is_not_a_run(mlflow_tree: MlflowTree, local_store: Store):
    empty = mlflow_tree.root / mlflow_tree.experiment_id / "not-a-run"
    empty.mkdir()
    report = run_import(local_store, mlflow_tree.root, workers=1)
    assert _messages(report, empty) == ["not a run folder (no meta.yaml); skipped"]
    assert not any("disappeared" in p.message for p in report.problems)


def test_a_folder_named_like_a_database(tmp_path: Path, local_store: Store) -> None:
    folder = tmp_path / "x.db"
    folder.mkdir()
    report = run_source_import(local_store, folder)
    (message,) = _messages(report, folder)
    assert "not an MLflow database file" in message


def test_odd_status_and_times_are_reported(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    meta = run_dir(mlflow_tree, "beta") / "meta.yaml"
    text = meta.read_text()
    lines = []
    for line in text.splitlines():
        if line.startswith("status:"):
            line = "status: 99"
        elif line.startswith("start_time:"):
            line = "start_time: yesterday"
        elif line.startswith("end_time:"):
            line = "end_time: .inf"
        lines.append(line)
    meta.write_text("\n".join(lines) + "\n")
    report = run_import(local_store, mlflow_tree.root, workers=1)
    messages = _messages(report, meta)
    assert "status 99 is not a run status; shown as RUNNING" in messages
    assert "start_time 'yesterday' is not a time; left empty" in messages
    assert "end_time inf is not a time; left empty" in messages
    assert report.runs_read == 4


def test_an_experiment_in_trash_is_deleted_whatever_its_meta_says(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """MLflow 1.30 moved deleted experiments to .trash/ and left them 'active'."""
    exp = mlflow_tree.other_experiment_id
    trash = mlflow_tree.root / ".trash"
    trash.mkdir(exist_ok=True)
    (mlflow_tree.root / exp).rename(trash / exp)
    meta = trash / exp / "meta.yaml"
    text = meta.read_text().replace(
        "lifecycle_stage: deleted", "lifecycle_stage: active"
    )
    meta.write_text(text)
    assert "lifecycle_stage: active" in meta.read_text()
    report = run_import(local_store, mlflow_tree.root, workers=1)
    with local_store.engine.connect() as conn:
        stage = conn.exec_driver_sql(
            "SELECT lifecycle_stage FROM experiments WHERE experiment_id = ?", (exp,)
        ).scalar()
    assert stage == "deleted", report.problems
