"""One cell of an unexpected type never sinks a database import (issue 17).

SQLite holds any type in any column: each case puts one odd value (a huge real, a
BLOB, invalid UTF-8, a number where text belongs...) into one run's row. The import
finishes, every other run is imported, the odd cell is reported naming its run, and
what was stored exports as JSON.
"""

from __future__ import annotations

import io
import json
import sqlite3
from contextlib import closing

import pytest

from desktop.services.exporting import export_json
from desktop.services.sources import run_source_import
from tests.db.db_writer import WrittenDb

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees

# case -> (run name in WrittenDb.runs, statement with ? for that run's id)
CASES: dict[str, tuple[str, str]] = {
    "end_time huge real": (
        "edited",
        "UPDATE runs SET end_time = 1e400 WHERE run_uuid = ?",
    ),
    "end_time blob": (
        "edited",
        "UPDATE runs SET end_time = x'00ff' WHERE run_uuid = ?",
    ),
    "start_time text": (
        "edited",
        "UPDATE runs SET start_time = 'soon' WHERE run_uuid = ?",
    ),
    "run name blob": ("edited", "UPDATE runs SET name = x'ff00' WHERE run_uuid = ?"),
    "user_id number": ("edited", "UPDATE runs SET user_id = 42 WHERE run_uuid = ?"),
    "artifact_uri blob": (
        "edited",
        "UPDATE runs SET artifact_uri = x'2f746d70ff' WHERE run_uuid = ?",
    ),
    "metric step huge real": (
        "long",
        "UPDATE metrics SET step = 1e30 WHERE run_uuid = ? AND step = 3",
    ),
    "metric step blob": (
        "long",
        "UPDATE metrics SET step = x'01' WHERE run_uuid = ? AND step = 4",
    ),
    "metric value text": (
        "long",
        "UPDATE metrics SET value = 'high' WHERE run_uuid = ? AND step = 5",
    ),
    "metric timestamp huge real": (
        "long",
        "UPDATE metrics SET timestamp = -1e300 WHERE run_uuid = ? AND step = 6",
    ),
    "tag value blob": ("edited", "UPDATE tags SET value = x'ff00' WHERE run_uuid = ?"),
    "tag value invalid utf-8": (
        "edited",
        "UPDATE tags SET value = CAST(x'41ff42' AS TEXT) WHERE run_uuid = ?",
    ),
    "tag key invalid utf-8": (
        "edited",
        "UPDATE tags SET key = CAST(x'6bff' AS TEXT) WHERE run_uuid = ? "
        "AND key = 'stage'",
    ),
    "param value blob": (
        "nameless",
        "UPDATE params SET value = x'00ff' WHERE run_uuid = ?",
    ),
    "param value number": (
        "nameless",
        "UPDATE params SET value = 2.5 WHERE run_uuid = ?",
    ),
    "latest_metrics value blob": (
        "long",
        "UPDATE latest_metrics SET value = x'00' WHERE run_uuid = ?",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_odd_cell_is_reported_and_the_rest_imports(
    case: str, db_copy: WrittenDb, store
) -> None:
    name, statement = CASES[case]
    run_id = db_copy.runs[name]
    with closing(sqlite3.connect(db_copy.path)) as conn, conn:
        assert conn.execute(statement, (run_id,)).rowcount >= 1
        total = conn.execute("SELECT count(*) FROM runs").fetchone()[0]

    report = run_source_import(store, db_copy.path)

    assert report.source_id is not None
    assert report.runs_total == total
    assert report.runs_read >= total - 1  # at most the odd run is left out
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT run_id FROM runs").scalars().all()
    others = set(db_copy.runs.values()) - {run_id}
    assert others <= set(stored)
    if report.runs_read < total or case.endswith(("blob", "utf-8", "text", "real")):
        assert any(run_id in p.message for p in report.problems), report.problems
    out = io.StringIO()
    export_json(store, out)
    assert json.loads(out.getvalue())
