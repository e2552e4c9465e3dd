"""Files that are not regular files (FIFOs, devices) are refused, never opened to wait.

A FIFO blocks ``open()`` until a writer comes; a device such as ``/dev/zero`` never
ends. Each is reported as a problem naming the file, and the rest imports.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop.services.import_pipeline import ImportReport
from desktop.services.importing import run_import
from desktop.sources import safe_files
from desktop.sources.mlruns.files import read_bytes
from desktop.store.database import Store
from tests.robustness.robust_helpers import (
    MlflowTree,
    run_detail,
    run_dir,
    tree_snapshot,
)

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


def _replace_with_fifo(path: Path) -> Path:
    path.unlink()
    os.mkfifo(path)
    return path


def _import(store: Store, tree: MlflowTree) -> tuple[ImportReport, dict]:
    before = tree_snapshot(tree.root)
    report = run_import(store, tree.root)
    assert tree_snapshot(tree.root) == before  # nothing in the source changed
    return report, before


def _reasons(report: ImportReport, path: Path) -> list[str]:
    return [p.message for p in report.problems if Path(p.path) == path]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("where", ["metrics/loss", "params/lr", "tags/team"])
def test_a_fifo_in_a_run_is_reported_and_the_rest_imports(
    mlflow_tree: MlflowTree, local_store: Store, where: str
) -> None:
    fifo = _replace_with_fifo(run_dir(mlflow_tree, "alpha") / where)
    report, _ = _import(local_store, mlflow_tree)
    assert _reasons(report, fifo) == ["a named pipe (FIFO); not read"]
    assert report.runs_read == 4
    alpha = run_detail(local_store, report.source_id, mlflow_tree.runs["alpha"])
    assert alpha is not None
    assert alpha.params.get("batch") == "32"
    assert "lr" in alpha.params or where == "params/lr"


@pytest.mark.timeout(60)
def test_a_fifo_as_a_run_meta_yaml_skips_that_run_only(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    fifo = _replace_with_fifo(run_dir(mlflow_tree, "beta") / "meta.yaml")
    report, _ = _import(local_store, mlflow_tree)
    assert _reasons(report, fifo) == ["a named pipe (FIFO); not read"]
    for name in ("alpha", "gamma", "delta"):
        assert run_detail(local_store, report.source_id, mlflow_tree.runs[name])


@pytest.mark.timeout(60)
def test_a_fifo_as_an_experiment_meta_yaml_skips_that_experiment_only(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    meta = mlflow_tree.root / mlflow_tree.other_experiment_id / "meta.yaml"
    fifo = _replace_with_fifo(meta)
    report, _ = _import(local_store, mlflow_tree)
    assert _reasons(report, fifo) == ["a named pipe (FIFO); not read"]
    for name in ("alpha", "beta", "gamma"):
        assert run_detail(local_store, report.source_id, mlflow_tree.runs[name])


@pytest.mark.timeout(60)
def test_a_link_inside_the_source_to_a_fifo_is_refused(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    os.mkfifo(mlflow_tree.root / "pipe")
    param = run_dir(mlflow_tree, "alpha") / "params" / "lr"
    param.unlink()
    os.symlink(mlflow_tree.root / "pipe", param)
    report, _ = _import(local_store, mlflow_tree)
    assert _reasons(report, param) == ["a named pipe (FIFO); not read"]
    assert report.runs_read == 4


@pytest.mark.timeout(30)
def test_a_device_is_refused_by_the_reader_without_waiting() -> None:
    """The check the import makes on every file, on the system's own endless
    ``/dev/zero`` (no root needed, unlike making a device inside a source)."""
    problems: list = []
    assert read_bytes("/dev/zero", problems.append) is None
    assert [p.message for p in problems] == ["a device, not a file; not read"]
    with pytest.raises(safe_files.NotRegularFile):
        safe_files.read_regular("/dev/zero")


@pytest.mark.timeout(60)
@pytest.mark.skipif(
    os.geteuid() != 0,
    reason="making a device node inside the source needs root (CI runs as root); "
    "the reader's refusal is tested on /dev/zero above",
)
def test_a_device_node_as_a_metric_is_refused(
    mlflow_tree: MlflowTree, local_store: Store
) -> None:
    """A character device like ``/dev/zero`` (made inside the source) never ends."""
    metric = run_dir(mlflow_tree, "alpha") / "metrics" / "loss"
    metric.unlink()
    os.mknod(metric, 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero
    report, _ = _import(local_store, mlflow_tree)
    assert _reasons(report, metric) == ["a device, not a file; not read"]
    assert report.runs_read == 4


@pytest.mark.timeout(30)
def test_a_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b"x" * 100_000)
    problems: list = []
    assert read_bytes(str(big), problems.append, limit=99_999) is None
    assert [p.message for p in problems] == ["larger than 1 MB; not read"]
    assert read_bytes(str(big), problems.append, limit=100_000) == b"x" * 100_000
    with pytest.raises(safe_files.NotRegularFile):
        safe_files.read_regular(str(tmp_path))


@pytest.mark.timeout(30)
def test_a_fifo_named_like_a_database_is_not_opened_to_wait(tmp_path: Path) -> None:
    from desktop.sources.mlflow_db.connection import is_sqlite_file

    fifo = tmp_path / "mlflow.db"
    os.mkfifo(fifo)
    assert not is_sqlite_file(fifo)


@pytest.mark.timeout(30)
def test_copying_artifacts_refuses_a_fifo_instead_of_waiting(tmp_path: Path) -> None:
    from desktop.services.artifact_browser import copy_out

    root = tmp_path / "artifacts"
    root.mkdir()
    os.mkfifo(root / "pipe.txt")
    with pytest.raises(safe_files.NotRegularFile):
        copy_out(str(root), "pipe.txt", str(tmp_path / "copy.txt"))
