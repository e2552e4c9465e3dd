"""An ``mlruns`` written on Windows or macOS and copied here opens with its
artifacts found in the copy (issue 20).

MLflow writes the folder here, with artifacts logged as usual; then its recorded
locations are given the root they have when MLflow runs on the other system
(``file:///C:/Users/…`` on Windows, ``file:///Users/…`` on macOS) and its source
names that system's paths, which is what a copy of such a folder holds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.core.columns import Column
from desktop.core.views import RunScope
from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.store.database import open_store

OTHER_ROOTS = {
    "windows": ("file:///C:/Users/alice/proj/mlruns", r"C:\Users\alice\proj\train.py"),
    "macos": ("file:///Users/alice/proj/mlruns", "/Users/alice/proj/train.py"),
}


def _write(root: Path, system: str) -> dict[str, dict]:
    """Two runs with params, a metric and artifacts; the locations as ``system``
    records them. Returns what MLflow reads back, by run id."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    other_root, source = OTHER_ROOTS[system]
    client = MlflowClient(tracking_uri=root.as_uri())
    experiment = client.create_experiment("copied")
    for name in ("first", "second"):
        run = client.create_run(
            experiment, run_name=name, tags={"mlflow.source.name": source}
        )
        rid = run.info.run_id
        client.log_param(rid, "lr", "0.1")
        client.log_metric(rid, "acc", 0.5 if name == "first" else 0.7)
        files = root.parent / f"files-{name}"
        (files / "plots").mkdir(parents=True)
        (files / "plots" / "curve.csv").write_text("step,acc\n0,0.5\n")
        (files / "notes.txt").write_text(name)
        client.log_artifacts(rid, str(files))
        client.set_terminated(rid)
    here = root.as_uri()
    for meta in root.rglob("meta.yaml"):  # as the other system wrote them
        text = meta.read_text(encoding="utf-8")
        meta.write_text(text.replace(here, other_root), encoding="utf-8")
    runs = client.search_runs([experiment])
    return {r.info.run_id: r for r in runs}


@pytest.mark.parametrize("system", sorted(OTHER_ROOTS))
def test_a_copied_store_finds_its_artifacts_in_the_copy(tmp_path, system):
    root = tmp_path / "mlruns"
    mlflow_runs = _write(root, system)
    other_root = OTHER_ROOTS[system][0]
    # MLflow itself reads the other system's locations back as they are.
    assert all(r.info.artifact_uri.startswith(other_root) for r in mlflow_runs.values())

    store = open_store(tmp_path / "store.db")
    try:
        report = run_import(store, root)
        assert report.problems == []
        catalog = Catalog(store)
        _sources, experiments = catalog.sources_and_experiments()
        (copied,) = [e for e in experiments if e.name == "copied"]
        source = Column("attribute", "source")
        page = catalog.search(
            RunScope((copied.pk,)), None, None, [source, Column("param", "lr")]
        ).page
        assert {row.run_id for row in page.rows.values()} == set(mlflow_runs)
        for pk, row in page.rows.items():
            assert row.params == mlflow_runs[row.run_id].data.params
            assert source.spec.text(source, row, {}) == "train.py"
            artifacts = catalog.run_artifacts(pk)
            assert artifacts is not None
            folder = root / copied.experiment_id / row.run_id / "artifacts"
            assert artifacts.root.path == str(folder)  # in the copy, not C:\ or /Users
            assert artifacts.root.problem is None
            assert sorted(e.name for e in artifacts.entries) == ["notes.txt", "plots"]
    finally:
        store.close()
