"""Cancelling an import: it stops, the store stays sound, nothing stored is lost."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

from desktop.services.import_pipeline import ImportReport
from desktop.services.importing import import_mlruns, run_import
from desktop.store.database import Store, open_store
from tests.robustness.robust_helpers import (
    integrity_ok,
    run_detail,
    source_id_of,
    store_state,
    table_dump,
    tree_snapshot,
)


def drive(
    generator, cancel: threading.Event | None = None
) -> tuple[ImportReport, list]:
    """Run an import generator; set ``cancel`` at the first ``read`` progress."""
    seen = []
    while True:
        try:
            progress = next(generator)
        except StopIteration as stop:
            return stop.value, seen
        seen.append(progress)
        if cancel is not None and progress.phase == "read":
            cancel.set()


def stored_run_count(store: Store, source_id: int) -> int:
    """How many runs of a source the store holds."""
    with store.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT count(*) FROM runs WHERE source_id = ?", (source_id,)
        ).scalar()


def test_cancel_then_complete(
    medium_tree: tuple[Path, int], sample_root: Path, tmp_path: Path
) -> None:
    """A cancelled first import stops early; a later import completes."""
    big, total = medium_tree
    db = tmp_path / "store.db"
    store = open_store(db)
    first = run_import(store, sample_root)
    before = store_state(store, first.source_id)
    source_files = tree_snapshot(big)

    cancel = threading.Event()
    report, seen = drive(import_mlruns(store, big, cancel=cancel, workers=2), cancel)

    assert report.cancelled
    assert "finish" not in {p.phase for p in seen}
    assert report.runs_read < total
    assert multiprocessing.active_children() == []
    store.close()

    store = open_store(db)  # opens fine after the cancel
    try:
        assert integrity_ok(db)
        assert store_state(store, first.source_id) == before
        big_id = source_id_of(store, big)
        assert stored_run_count(store, big_id) == report.runs_read

        done = run_import(store, big, workers=1)

        assert not done.cancelled
        assert done.problems == []
        assert done.runs_total == total
        assert done.runs_read + done.runs_unchanged == total
        assert stored_run_count(store, big_id) == total
        assert store_state(store, first.source_id) == before
        assert tree_snapshot(big) == source_files  # read in worker processes too
    finally:
        store.close()


def test_cancelled_reimport_keeps_stored_data(
    medium_tree: tuple[Path, int], local_store: Store
) -> None:
    """Cancelling a full re-import leaves the store exactly as it was."""
    big, total = medium_tree
    first = run_import(local_store, big, workers=1)
    assert first.runs_read == total
    before = table_dump(local_store)

    cancel = threading.Event()
    report, _ = drive(
        import_mlruns(local_store, big, cancel=cancel, workers=2, full=True), cancel
    )

    assert report.cancelled
    assert report.runs_removed == report.experiments_removed == 0
    assert table_dump(local_store) == before
    # Spot-check a value: run-7's param and latest loss (index + step 19).
    with local_store.engine.connect() as conn:
        run_id = conn.exec_driver_sql(
            "SELECT run_id FROM runs WHERE run_name = 'run-7'"
        ).scalar()
    detail = run_detail(local_store, first.source_id, run_id)
    assert detail.params == {"index": "7"}
    assert detail.metrics["loss"].latest == 26.0


def test_closing_the_generator_mid_read(
    medium_tree: tuple[Path, int], local_store: Store
) -> None:
    """Closing the generator (what Ctrl+C in the CLI does) stops cleanly."""
    big, total = medium_tree
    generator = import_mlruns(local_store, big, workers=2)
    for progress in generator:
        if progress.phase == "read" and progress.done > 0:
            break
    generator.close()

    assert multiprocessing.active_children() == []
    report = run_import(local_store, big, workers=1)
    assert not report.cancelled
    assert report.runs_total == total
    assert stored_run_count(local_store, report.source_id) == total
