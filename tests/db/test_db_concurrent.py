"""A training process writes to the database while we import it, again and again.

Our reads hold their locks only for one short statement (and in WAL mode take
none that block a writer), so the writer never fails with "database is locked"
and every import succeeds; the import after the writer stopped equals MLflow.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services.sources import run_source_import
from tests.conformance.conformance_compare import (
    Imported,
    assert_same,
    mlflow_run_fields,
    num,
    our_run_fields,
)
from tests.db.db_compare import ExpectedDb
from tests.db.db_helpers import to_wal
from tests.db.db_writer import WrittenDb

pytestmark = pytest.mark.slow  # a training process writes while we import

WRITER = Path(__file__).with_name("db_concurrent_writer.py")


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_imports_during_training_never_block_the_writer(
    db_copy: WrittenDb, store, wal: bool
) -> None:
    from mlflow import MlflowClient

    if wal:
        to_wal(db_copy.path)
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(db_copy.path), "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    imports = []
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "logging\n", writer.stderr.read()
        while writer.poll() is None:
            report = run_source_import(store, db_copy.path)
            assert report.problems == [], report.problems
            imports.append(report)
    finally:
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert "locked" not in err
    assert out.startswith("ok ")
    assert int(out.split()[1]) > 0
    assert len(imports) >= 3
    assert any(r.runs_read and r.runs_unchanged for r in imports[1:])

    final = run_source_import(store, db_copy.path)
    assert final.problems == []
    expected = ExpectedDb(
        MlflowClient(tracking_uri=f"sqlite:///{db_copy.path}"),
        db_copy.path.parent,
        "mlruns",
    )
    imported = Imported(store, final.source_id)
    runs = expected.runs()
    assert_same(
        {k: our_run_fields(r) for k, r in imported.runs.items()},
        {k: mlflow_run_fields(r) for k, r in runs.items()},
        "run",
    )
    assert_same(
        {k: r.tags for k, r in imported.runs.items()},
        {k: r.data.tags for k, r in runs.items()},
        "tags of run",
    )
    assert_same(
        {
            k: {key: num(m.latest) for key, m in r.metrics.items()}
            for k, r in imported.runs.items()
        },
        {
            k: {key: num(v) for key, v in expected.latest(r).items()}
            for k, r in runs.items()
        },
        "latest metrics of run",
    )
    live = [k for k, r in runs.items() if r.info.run_name.startswith("epoch-run-")]
    assert live
    assert_same(
        {
            k: {
                key: sorted(
                    {
                        (int(s), int(t), num(v))
                        for s, t, v in zip(h.steps, h.timestamps, h.values, strict=True)
                    }
                )
                for key, h in imported.histories[k].items()
            }
            for k in live
        },
        {k: expected.histories(runs[k]) for k in live},
        "metric histories of run",
    )
