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
