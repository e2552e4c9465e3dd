"""Big database imports read in worker processes and store exactly the same."""

from __future__ import annotations

import io
import json

from desktop.services import importing_db
from desktop.services.exporting import export_json
from desktop.services.import_pipeline import ImportOptions
from desktop.services.sources import run_source_import
from desktop.store.database import open_store
from tests.db.db_writer import WrittenDb


def _export(store) -> list:
    out = io.StringIO()
    export_json(store, out, history=True)
    return json.loads(out.getvalue())


def test_worker_processes_store_what_a_single_process_stores(
    db_copy: WrittenDb, tmp_path, monkeypatch
) -> None:
    parallel_reads: list[int] = []
    real_map_batches = importing_db.map_batches

    def spy(job, tasks, **options):
        parallel_reads.append(len(tasks))
        return real_map_batches(job, tasks, **options)

    monkeypatch.setattr(importing_db, "map_batches", spy)
    serial = open_store(tmp_path / "serial.db")
    parallel = open_store(tmp_path / "parallel.db")
    try:
        one = run_source_import(serial, db_copy.path)
        assert parallel_reads == []  # a small database: read in this process
        # One run per batch: more than a few batches go to two worker processes.
        two = run_source_import(
            parallel, db_copy.path, ImportOptions(workers=2, batch_runs=1)
        )
        assert parallel_reads == [len(db_copy.runs)]
        assert two.problems == one.problems == []
        assert (two.runs_read, two.metric_points) == (one.runs_read, one.metric_points)
        assert _export(parallel) == _export(serial)
        again = run_source_import(
            parallel, db_copy.path, ImportOptions(workers=2, batch_runs=1)
        )
        assert again.runs_read == 0
        assert again.runs_unchanged == len(db_copy.runs)
        # One worker (the app on two cores leaves one to the GUI): no processes.
        single = open_store(tmp_path / "single.db")
        try:
            run_source_import(
                single, db_copy.path, ImportOptions(workers=1, batch_runs=1)
            )
            assert parallel_reads == [len(db_copy.runs)]
            assert _export(single) == _export(serial)
        finally:
            single.close()
    finally:
        serial.close()
        parallel.close()
