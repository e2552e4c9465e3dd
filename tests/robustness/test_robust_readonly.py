"""The source tree is never written: not a byte, not a timestamp, not a new file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.services.importing import run_import
from desktop.store.database import Store, open_store
from tests.robustness.robust_helpers import (
    MlflowTree,
    restricted_import,
    run_dir,
    source_id_of,
    store_state,
    tree_snapshot,
)

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


@pytest.mark.parametrize("tree", ["mlflow_tree", "sample_root"])
def test_imports_leave_the_source_untouched(
    tree: str, local_store: Store, request: pytest.FixtureRequest
) -> None:
    """Full import, re-import and ``full=True`` change nothing in the source."""
    root = request.getfixturevalue(tree)
    root = root.root if isinstance(root, MlflowTree) else root
    before = tree_snapshot(root)
    assert len(before) > 20

    first = run_import(local_store, root)
    assert tree_snapshot(root) == before
    run_import(local_store, root)
    assert tree_snapshot(root) == before
    again = run_import(local_store, root, full=True)
    assert tree_snapshot(root) == before
    assert again.runs_read == first.runs_total


def test_damaged_source_is_not_repaired_or_touched(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """Reading damaged files (bad YAML, bad lines, loops, links) writes nothing."""
    alpha = run_dir(mlflow_tree, "alpha")
    (run_dir(mlflow_tree, "beta") / "meta.yaml").write_text("run_id: [broken\n")
    (run_dir(mlflow_tree, "delta") / "meta.yaml").write_text("")
    with open(alpha / "metrics" / "loss", "a") as handle:
        handle.write("garbage line\n1700000000009")
    (alpha / "params" / "latin1").write_bytes(b"caf\xe9")
    os.symlink(".", alpha / "artifacts" / "loop")
    os.symlink(tmp_path, alpha / "params" / "outside")
    before = tree_snapshot(mlflow_tree.root)

    report = run_import(local_store, mlflow_tree.root)
    run_import(local_store, mlflow_tree.root, full=True)

    assert report.problems
    assert tree_snapshot(mlflow_tree.root) == before


def test_read_only_tree_imports(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """A tree made read-only (``chmod -R a-w``) imports fully, twice.

    The import runs in a child that cannot bypass permissions, so any attempt to
    write into the tree would fail there; the snapshot checks the rest.
    """
    clean = open_store(tmp_path / "clean.db")
    try:
        expected = store_state(clean, run_import(clean, mlflow_tree.root).source_id)
    finally:
        clean.close()
    for current, dirs, files in os.walk(mlflow_tree.root):
        for name in [*dirs, *files]:
            path = os.path.join(current, name)
            os.chmod(path, os.stat(path).st_mode & ~0o222)
    os.chmod(mlflow_tree.root, 0o555)
    before = tree_snapshot(mlflow_tree.root)
    local_store.close()

    probe = run_dir(mlflow_tree, "alpha") / "meta.yaml"
    first = restricted_import(
        mlflow_tree.root, tmp_path / "store.db", write_probe=probe
    )
    second = restricted_import(mlflow_tree.root, tmp_path / "store.db")

    assert first["write_denied"] is True  # the child really could not write here
    assert first["problems"] == []
    assert second["problems"] == []
    assert first["runs_read"] == first["runs_total"] == 4
    assert second["runs_unchanged"] == 4
    assert tree_snapshot(mlflow_tree.root) == before
    state = store_state(local_store, source_id_of(local_store, mlflow_tree.root))
    assert state == expected
