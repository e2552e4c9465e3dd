"""Runs-table benchmark: one experiment of 100,000 runs, ours against MLflow.

Run from the repository root::

    uv run python -m tests.benchmarks.bench_table [--runs N] [--steps N]
        [--data-dir DIR [--keep]] [--repeats N] [--budget S] [--skip-file-store]
        [--json FILE]

On the same data, in one run, it:

1. writes a synthetic MLflow 3.17.2 FileStore (:mod:`tests.benchmarks.synthetic`:
   1 experiment x N runs, 10 params, 5 metrics x ``--steps`` steps, 8 tags);
2. builds an ``mlflow.db`` holding the same runs: MLflow's own code creates the
   empty schema, ``sqlite3`` bulk-inserts the rows as MLflow's SQL store writes
   them; a few runs are compared through ``MlflowClient`` (file store vs SQLite);
3. imports the file store into our store (timed, informational);
4. measures ours in a subprocess (median of ``--repeats``; peak RSS reported):
   the store query plus the first page of rows, then the same through the Qt model
   offscreen up to the cells of the first 40 rows;
5. measures MLflow's ``search_runs`` first page (100 runs, as ``mlflow ui`` asks)
   on ``mlflow.db`` (median of ``--repeats``, fewer once a search has taken
   ``--budget`` seconds: the metric sort takes minutes at 100k) and on the file
   store (once each: minutes at 100k);

for three scenarios: the first rows (default order), a re-sort by a metric and a
filter on a metric and a param. It prints a table with the speedups and PASS/FAIL
for the targets (ours < 0.3 s, >= 50x the file store, faster than ``mlflow.db``,
peak memory < 500 MB); the exit status is 1 when a target or a sanity check fails.

``--data-dir DIR`` puts the ``mlruns`` folder and ``mlflow.db`` in DIR and reuses
them when their shape matches; without ``--keep`` what this run created is removed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlflow import MlflowClient
    from sqlalchemy import Connection

    from desktop.store.database import Store
    from desktop.ui.runs_model import RunsTableModel
    from tests.benchmarks.synthetic import RunSpec, Shape

REPO = Path(__file__).resolve().parents[2]
COMMAND = "uv run python -m tests.benchmarks.bench_table"
MB = 1_000_000
OUR_PAGE = 200  # rows the model fetches per page
MLFLOW_PAGE = 100  # runs per page of the MLflow UI
VISIBLE_ROWS = 40
SORT_METRIC = "accuracy"
FILTER_TEXT = "metrics.accuracy > 0.5 and params.optimizer = 'adam'"
TARGET_SECONDS = 0.3
TARGET_FILE_SPEEDUP = 50.0
PEAK_TARGET_MB = 500.0
INSERT_BATCH = 2_000  # runs per executemany batch
DBL_MAX = sys.float_info.max


@dataclass(frozen=True, slots=True)
class Scenario:
    """One table state: an optional filter and an optional descending metric sort."""

    name: str
    filter: str = ""
    sort_metric: str | None = None

    @property
    def order_by(self) -> list[str]:
        """MLflow's ``order_by`` for this scenario."""
        return [f"metrics.{self.sort_metric} DESC"] if self.sort_metric else []


SCENARIOS = (
    Scenario("first rows"),
    Scenario("re-sort", sort_metric=SORT_METRIC),
    Scenario("filter", filter=FILTER_TEXT),
)


def median_of(times: list[float]) -> dict:
    """Median plus every time, for the report."""
    return {"median": statistics.median(times), "all": times}


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages."""
    return [round(x, 2) for x in os.getloadavg()]


# ------------------------------------------------------------ ours (in a subprocess)


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"{field} missing from /proc/self/status")


def _rss_now() -> int:
    return _status_kb("VmRSS")


def _peak_rss() -> int:
    """Peak RSS of this process image (``ru_maxrss`` would carry the parent's)."""
    return _status_kb("VmHWM")


def _experiment_pk(conn: Connection) -> int:
    from desktop.store import queries

    (exp,) = [e for e in queries.list_experiments(conn) if e.run_count]
    return exp.pk


def _query(conn: Connection, exp_pk: int, scenario: Scenario) -> list[int]:
    from desktop.core.search import parse_filter
    from desktop.store.run_query import RunScope, SortKey, search_run_pks

    sort = None
    if scenario.sort_metric:
        sort = SortKey("metric", scenario.sort_metric, descending=True)
    expr = parse_filter(scenario.filter)
    return search_run_pks(conn, RunScope((exp_pk,)), expr, sort)


def time_store(
    store: Store, exp_pk: int, keys: dict, scenario: Scenario, repeats: int
) -> dict:
    """(a)-(c): the store query and the rows of the first page."""
    from desktop.store import queries

    times: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        with store.engine.connect() as conn:
            pks = _query(conn, exp_pk, scenario)
            rows = queries.run_rows(
                conn, pks[:OUR_PAGE], keys["param"], keys["metric"], keys["tag"]
            )
        times.append(time.perf_counter() - started)
    first = [rows[pk].run_id for pk in pks[:MLFLOW_PAGE]]
    return {**median_of(times), "matched": len(pks), "first_run_ids": first}


def _paint_roles() -> list:
    from PySide6.QtCore import Qt

    r = Qt.ItemDataRole
    return [
        r.DisplayRole,
        r.DecorationRole,
        r.CheckStateRole,
        r.FontRole,
        r.ForegroundRole,
        r.BackgroundRole,
        r.TextAlignmentRole,
    ]


def _read_visible(model: RunsTableModel) -> tuple[int, int]:
    """``data()`` for every paint role of the visible cells.

    Returns the number of cells and how many name, param or metric cells (which
    every synthetic run has) showed no text.
    """
    from PySide6.QtCore import Qt

    roles = _paint_roles()
    always = [c.kind != "attribute" or c.key == "run_name" for c in model.columns()]
    cells = empty = 0
    for row in range(min(VISIBLE_ROWS, model.rowCount())):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            for role in roles:
                value = model.data(index, role)
                if role == Qt.ItemDataRole.DisplayRole:
                    cells += 1
                    empty += always[col] and not value
    return cells, empty


def time_qt(
    model: RunsTableModel, store: Store, exp_pk: int, scenario: Scenario, repeats: int
) -> dict:
    """(d): query, ``set_runs`` and the visible cells, as the runs view does it.

    The view's query job also fetches the rows on screen (the first page here).
    """
    from desktop.core.row_pages import page_bounds
    from desktop.services.catalog import read_row_page
    from desktop.store.run_query import RunScope, count_runs

    times: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        with store.engine.connect() as conn:
            pks = _query(conn, exp_pk, scenario)
            count_runs(conn, RunScope((exp_pk,)))
            start, end = page_bounds(0, len(pks))
            page = read_row_page(conn, pks[start:end], model.columns())
        model.set_runs(pks, page.rows, page.parents)
        cells, empty = _read_visible(model)
        times.append(time.perf_counter() - started)
    return {**median_of(times), "cells": cells, "empty_cells": empty}


def _qt_model(store: Store, keys: dict) -> tuple[Any, RunsTableModel]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.core.columns import Column, column_kind
    from desktop.services.catalog import Catalog
    from desktop.ui.runs_model import RunsTableModel

    app = QApplication.instance() or QApplication([])
    model = RunsTableModel(Catalog(store))
    columns = column_kind("attribute").defaults({}, 1)
    columns += [Column("metric", k) for k in keys["metric"]]
    columns += [Column("param", k) for k in keys["param"]]
    model.set_columns(columns)
    return app, model


def child_ours(store_path: str, repeats: int) -> None:
    """Entry of the measuring subprocess: print our figures as one JSON line."""
    from desktop.store import queries
    from desktop.store.database import open_store

    store = open_store(store_path)
    with store.engine.connect() as conn:
        exp_pk = _experiment_pk(conn)
        keys = {
            kind: [k for k, _ in found]
            for kind, found in queries.experiment_keys(conn, [exp_pk]).items()
        }
    out: dict[str, Any] = {"rss_start_bytes": _rss_now(), "keys": keys}
    out["store"] = {
        s.name: time_store(store, exp_pk, keys, s, repeats) for s in SCENARIOS
    }
    out["peak_store_bytes"] = _peak_rss()
    app, model = _qt_model(store, keys)
    out["qt"] = {s.name: time_qt(model, store, exp_pk, s, repeats) for s in SCENARIOS}
    out["qt_columns"] = model.columnCount()
    out["peak_bytes"] = _peak_rss()
    del model, app
    store.close()
    print(json.dumps(out))


def measure_ours(store_path: Path, repeats: int) -> dict:
    """Run :func:`child_ours` in a fresh process (offscreen Qt) and read its JSON."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "tests.benchmarks.bench_table", "_ours"]
    done = subprocess.run(
        [*command, str(store_path), str(repeats)],
        cwd=REPO,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def import_ours(root: Path, store_path: Path) -> dict:
    """Import the file store into a fresh store of ours (informational timing)."""
    from desktop.services.importing import run_import
    from desktop.store.database import open_store

    store = open_store(store_path)
    started = time.perf_counter()
    report = run_import(store, root)
    seconds = time.perf_counter() - started
    store.close()
    return {
        "seconds": seconds,
        "runs_read": report.runs_read,
        "metric_points": report.metric_points,
        "problems": [f"{p.path}: {p.message}" for p in report.problems[:5]],
        "store_bytes": sum(
            p.stat().st_size for p in store_path.parent.glob(store_path.name + "*")
        ),
    }


# ------------------------------------------------------------------- mlflow.db


def _sql_value(value: float) -> tuple[float, int]:
    """``(value, is_nan)`` as MLflow's SQL store stores a metric value."""
    if math.isnan(value):
        return 0.0, 1
    if math.isinf(value):
        return math.copysign(DBL_MAX, value), 0
    return value, 0


def _run_rows(run: RunSpec, root: Path) -> dict[str, list[tuple]]:
    """The rows of one run for each MLflow table."""
    from tests.benchmarks import synthetic

    rows: dict[str, list[tuple]] = {
        "runs": [
            (
                run.run_id,
                run.run_name,
                "UNKNOWN",
                "",
                "",
                run.user_id,
                synthetic.STATUS_NAMES[run.status],
                run.start_time,
                run.end_time,
                "",
                run.lifecycle_stage,
                synthetic.run_meta(run, root)["artifact_uri"],
                int(run.experiment_id),
                run.deleted_time,
            )
        ],
        "params": [(k, v, run.run_id) for k, v in run.params.items()],
        "tags": [(k, v, run.run_id) for k, v in run.tags.items()],
        "metrics": [],
        "latest_metrics": [],
    }
    for key, points in run.metrics.items():
        stored = [(ts, *_sql_value(value), step) for ts, value, step in points]
        rows["metrics"] += [(key, v, ts, run.run_id, s, n) for ts, v, n, s in stored]
        ts, v, n, s = max(stored, key=lambda p: (p[3], p[0], p[1]))
        rows["latest_metrics"].append((key, v, ts, s, n, run.run_id))
    return rows


INSERTS = {
    "runs": "INSERT INTO runs (run_uuid, name, source_type, source_name, "
    "entry_point_name, user_id, status, start_time, end_time, source_version, "
    "lifecycle_stage, artifact_uri, experiment_id, deleted_time) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "params": "INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)",
    "tags": "INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)",
    "metrics": "INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    "latest_metrics": "INSERT INTO latest_metrics "
    "(key, value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, ?, ?, ?)",
}


def _batches(shape: Shape, root: Path) -> Iterator[dict[str, list[tuple]]]:
    from tests.benchmarks import synthetic

    for exp in synthetic.experiment_specs(shape):
        batch: dict[str, list[tuple]] = {table: [] for table in INSERTS}
        for run in synthetic.iter_runs(shape, exp):
            for table, rows in _run_rows(run, root).items():
                batch[table] += rows
            if len(batch["runs"]) >= INSERT_BATCH:
                yield batch
                batch = {table: [] for table in INSERTS}
        if batch["runs"]:
            yield batch


def create_empty_mlflow_db(path: Path, artifact_root: Path) -> None:
    """An empty database at MLflow's head schema, created by MLflow itself."""
    from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore

    store = SqlAlchemyStore(f"sqlite:///{path}", artifact_root.as_uri())
    store.engine.dispose()


def fill_mlflow_db(path: Path, shape: Shape, root: Path) -> None:
    """Bulk-insert the synthetic experiments and runs as MLflow's SQL store would."""
    from tests.benchmarks import synthetic

    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-524288")
        for exp in synthetic.experiment_specs(shape):
            meta = synthetic.experiment_meta(exp, root)
            conn.execute(
                "INSERT INTO experiments (experiment_id, name, artifact_location, "
                "lifecycle_stage, creation_time, last_update_time, workspace) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    int(exp.experiment_id),
                    exp.name,
                    meta["artifact_location"],
                    meta["lifecycle_stage"],
                    meta["creation_time"],
                    meta["last_update_time"],
                    meta["workspace"],
                ),
            )
        for batch in _batches(shape, root):
            for table, sql in INSERTS.items():
                conn.executemany(sql, batch[table])
        conn.commit()
    finally:
        conn.close()


def build_mlflow_db(shape: Shape, root: Path, path: Path) -> dict:
    """Write ``path`` (via a partial file, renamed when complete); returns timings."""
    started = time.perf_counter()
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    create_empty_mlflow_db(partial, path.parent / "mlflow-artifacts")
    schema = time.perf_counter()
    fill_mlflow_db(partial, shape, root)
    partial.rename(path)
    done = time.perf_counter()
    return {"schema_seconds": schema - started, "insert_seconds": done - schema}


def _run_view(client: MlflowClient, run_id: str) -> dict:
    run = client.get_run(run_id)
    info = run.info
    view: dict[str, Any] = {
        name: getattr(info, name)
        for name in (
            "run_name",
            "experiment_id",
            "status",
            "start_time",
            "end_time",
            "lifecycle_stage",
            "user_id",
            "artifact_uri",
        )
    }
    view.update(params=run.data.params, tags=run.data.tags, metrics=run.data.metrics)
    for key in run.data.metrics:
        history = client.get_metric_history(run_id, key)
        view[f"history {key}"] = sorted((m.step, m.timestamp, m.value) for m in history)
    return view


def check_mlflow_db(shape: Shape, root: Path, db_path: Path) -> list[str]:
    """Compare a few runs read by ``MlflowClient`` from SQLite and from the files."""
    from mlflow import MlflowClient

    from tests.benchmarks import synthetic

    files = MlflowClient(tracking_uri=root.as_uri())
    sql = MlflowClient(tracking_uri=f"sqlite:///{db_path}")
    diffs = []
    for spec in synthetic.sample_runs(shape):
        want, got = _run_view(files, spec.run_id), _run_view(sql, spec.run_id)
        for name in sorted(set(want) | set(got)):
            if want.get(name) != got.get(name):
                diffs.append(f"run {spec.run_id} {name}: file store and SQLite differ")
    return diffs


# ------------------------------------------------------------------ MLflow search


def mlflow_search(
    client: MlflowClient, experiment_id: str, scenario: Scenario
) -> list[str]:
    """The first page of ``search_runs``, as the MLflow UI asks for it."""
    runs = client.search_runs(
        [experiment_id],
        filter_string=scenario.filter,
        order_by=scenario.order_by,
        max_results=MLFLOW_PAGE,
    )
    return [run.info.run_id for run in runs]


def time_mlflow(
    client: MlflowClient,
    experiment_id: str,
    scenario: Scenario,
    repeats: int,
    budget: float,
) -> dict:
    """Up to ``repeats`` timed first-page searches, fewer once ``budget`` s are spent.

    Returns the median, every time and the page's run ids.
    """
    times: list[float] = []
    while True:
        started = time.perf_counter()
        ids = mlflow_search(client, experiment_id, scenario)
        times.append(time.perf_counter() - started)
        if len(times) >= repeats or sum(times) >= budget:
            return {**median_of(times), "first_run_ids": ids}


def measure_mlflow(uri: str, experiment_id: str, repeats: int, budget: float) -> dict:
    """Every scenario against one tracking URI."""
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=uri)
    client.get_experiment(experiment_id)  # open the store, untimed
    out = {}
    for s in SCENARIOS:
        print(f"  {uri.split(':', 1)[0]}: {s.name} ...", flush=True)
        out[s.name] = time_mlflow(client, experiment_id, s, repeats, budget)
        times = ", ".join(f"{t:.3f}" for t in out[s.name]["all"])
        print(f"    {times} s", flush=True)
    return out


# ------------------------------------------------------------------ the report


def _ratio(num: float | None, den: float | None) -> float | None:
    return None if num is None or den is None or den <= 0 else num / den


def _check(label: str, value: float | None, target: str, ok: bool | None) -> dict:
    return {"label": label, "value": value, "target": target, "pass": ok}


def evaluate(figures: dict) -> tuple[list[dict], list[str]]:
    """Targets per scenario (ours = the slower of store and Qt), plus sanity checks."""
    checks, sanity = [], []
    ours, files, db = figures["ours"], figures.get("mlflow_file"), figures["mlflow_db"]
    for s in SCENARIOS:
        mine = max(ours["store"][s.name]["median"], ours["qt"][s.name]["median"])
        file_s = files[s.name]["median"] if files else None
        db_s = db[s.name]["median"]
        vs_file = _ratio(file_s, mine)
        checks += [
            _check(
                f"{s.name}: ours", mine, f"< {TARGET_SECONDS} s", mine < TARGET_SECONDS
            ),
            _check(
                f"{s.name}: file store / ours",
                vs_file,
                f">= {TARGET_FILE_SPEEDUP:.0f}x",
                None if vs_file is None else vs_file >= TARGET_FILE_SPEEDUP,
            ),
            _check(f"{s.name}: mlflow.db / ours", db_s / mine, "> 1x", db_s > mine),
        ]
        sanity += _same_pages(figures, s.name)
        if ours["qt"][s.name]["empty_cells"]:
            sanity.append(f"{s.name}: the Qt model showed empty cells")
    peak = ours["peak_bytes"] / MB
    checks.append(
        _check(
            "peak memory of ours (MB)",
            peak,
            f"< {PEAK_TARGET_MB:.0f}",
            peak < PEAK_TARGET_MB,
        )
    )
    return checks, sanity


def _same_pages(figures: dict, name: str) -> list[str]:
    mine = figures["ours"]["store"][name]["first_run_ids"]
    out = []
    for other in ("mlflow_file", "mlflow_db"):
        if figures.get(other) and figures[other][name]["first_run_ids"] != mine:
            out.append(f"{name}: our first {MLFLOW_PAGE} runs differ from {other}")
    return out


def _secs(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def _times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.1f}x"


def print_table(figures: dict) -> None:
    """Per scenario: ours (store, Qt), MLflow (file store, mlflow.db), speedups."""
    ours, files, db = figures["ours"], figures.get("mlflow_file"), figures["mlflow_db"]
    head = ("", "ours store", "ours Qt", "MLflow file", "mlflow.db", "file/ours")
    print(f"{head[0]:<11}" + "".join(f"{h:>12}" for h in head[1:]) + "   db/ours")
    for s in SCENARIOS:
        store_s, qt_s = ours["store"][s.name]["median"], ours["qt"][s.name]["median"]
        file_s = files[s.name]["median"] if files else None
        db_s = db[s.name]["median"]
        mine = max(store_s, qt_s)
        cells = (_secs(store_s), _secs(qt_s), _secs(file_s), _secs(db_s))
        print(
            f"{s.name:<11}"
            + "".join(f"{c:>12}" for c in cells)
            + f"{_times(_ratio(file_s, mine)):>12}{_times(_ratio(db_s, mine)):>10}"
        )


def print_report(figures: dict, checks: list[dict], sanity: list[str]) -> None:
    """The setup figures, the timing table and the checks."""
    setup, ours = figures["setup"], figures["ours"]
    print(f"\nShape: {figures['shape_text']}")
    print(
        f"Machine: {os.cpu_count()} CPUs; load average (1/5/15 min) "
        + "; ".join(f"{k} {v}" for k, v in figures["load_average"].items())
    )
    for label, key in (
        ("generate mlruns", "generate_seconds"),
        ("build mlflow.db", "mlflow_db_seconds"),
    ):
        value = setup[key]
        print(f"{label}: {'reused' if value is None else _secs(value)}")
    imp = figures["import"]
    print(
        f"import into our store: {_secs(imp['seconds'])} ({imp['runs_read']:,} runs, "
        f"{imp['metric_points']:,} points, store {imp['store_bytes'] / MB:,.0f} MB)"
    )
    matched = ours["store"]["filter"]["matched"]
    print(
        f"Filter `{FILTER_TEXT}` matches {matched:,} runs; re-sort: "
        f"metrics.{SORT_METRIC} DESC. Ours: median of {figures['repeats']}, first "
        f"{OUR_PAGE} rows (store) / {VISIBLE_ROWS} rows x {ours['qt_columns']} "
        f"columns (Qt); MLflow: first {MLFLOW_PAGE} runs, file store once, "
        f"mlflow.db median of up to {figures['repeats']} (fewer past "
        f"{figures['budget']:g} s)."
    )
    print(
        f"Peak RSS of ours: {ours['peak_store_bytes'] / MB:,.0f} MB after the store "
        f"queries, {ours['peak_bytes'] / MB:,.0f} MB with Qt (at start "
        f"{ours['rss_start_bytes'] / MB:,.0f} MB)\n"
    )
    print_table(figures)
    print("(speedups and targets use the slower of ours: store or Qt model)\n")
    for check in checks:
        verdict = {True: "PASS", False: "FAIL", None: "n/a"}[check["pass"]]
        value = "n/a" if check["value"] is None else f"{check['value']:,.3f}"
        print(f"{check['label']:<28} {value:>12}  {check['target']:<8} {verdict}")
    for problem in sanity:
        print(f"SANITY FAIL: {problem}")


# ----------------------------------------------------------------- data and driver


def _marker(shape: Shape) -> dict:
    from importlib.metadata import version

    from tests.benchmarks import synthetic

    return {**synthetic.shape_dict(shape), "mlflow": version("mlflow")}


def prepare_data(shape: Shape, base: Path) -> tuple[dict, list[Path]]:
    """``mlruns`` and ``mlflow.db`` in ``base``, reused when their shape matches.

    Returns the setup timings (``None`` = reused) and the paths this run created.
    """
    from tests.benchmarks import synthetic

    root, db, marker = base / "mlruns", base / "mlflow.db", base / "bench_table.json"
    setup: dict[str, Any] = {"generate_seconds": None, "mlflow_db_seconds": None}
    created: list[Path] = []
    if root.exists():
        if not marker.exists() or json.loads(marker.read_text()) != _marker(shape):
            raise SystemExit(f"{root} was not generated with this shape; remove it")
        print(f"Reusing {root}", flush=True)
    else:
        print(f"Generating {root} ({shape.describe()}) ...", flush=True)
        created += [root, marker]
        started = time.perf_counter()
        synthetic.generate(shape, root)
        setup["generate_seconds"] = time.perf_counter() - started
        marker.write_text(json.dumps(_marker(shape)))
        print(f"  {setup['generate_seconds']:.0f} s", flush=True)
    if not db.exists():
        print("Building mlflow.db ...", flush=True)
        created += [db, base / "mlflow-artifacts"]
        built = build_mlflow_db(shape, root, db)
        setup["mlflow_db_seconds"] = sum(built.values())
        setup["mlflow_db"] = built
        print(
            f"  {built['schema_seconds']:.0f} s (MLflow's schema) + "
            f"{built['insert_seconds']:.0f} s (inserts)",
            flush=True,
        )
    setup["mlflow_db_bytes"] = db.stat().st_size
    return setup, created


def build_parser() -> argparse.ArgumentParser:
    """Command-line options."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.bench_table",
        description="Benchmark the runs table on one experiment of many runs against "
        f"MLflow's search_runs. Run from the repository root: {COMMAND}",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=100_000,
        metavar="N",
        help="runs in the one experiment (default 100000: about an hour on 2 cores)",
    )
    parser.add_argument(
        "--steps", type=int, default=20, metavar="N", help="metric steps (default 20)"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="where mlruns and mlflow.db go; reused when their shape matches "
        "(default: a temporary folder)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the data and our store"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=5,
        metavar="N",
        help="timed repeats for ours and mlflow.db (median; default 5)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=60.0,
        metavar="S",
        help="stop repeating an mlflow.db search once it has taken S seconds "
        "(default 60; at least one call)",
    )
    parser.add_argument(
        "--skip-file-store",
        action="store_true",
        help="skip MLflow's file-store search (minutes at 100k runs)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write figures here")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Prepare the data, measure, print (and save) the report."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_ours"]:
        child_ours(argv[1], int(argv[2]))
        return 0
    args = build_parser().parse_args(argv)
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    work = Path(tempfile.mkdtemp(prefix="mlflow-desktop-bench-table-"))
    base = args.data_dir.resolve() if args.data_dir else work / "data"
    base.mkdir(parents=True, exist_ok=True)
    created: list[Path] = []
    try:
        return _benchmark(args, base, work, created)
    finally:
        if args.keep:
            print(f"\nKept: data in {base}, our store in {work}")
        else:
            print("\nRemoving the generated data ...", flush=True)
            for path in created:
                _remove(path)
            shutil.rmtree(work, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _phase(figures: dict, name: str, action: Callable[..., Any], *args: Any) -> Any:
    """Run one step, noting the load average before it."""
    figures["load_average"][name] = load_average()
    return action(*args)


def _benchmark(
    args: argparse.Namespace, base: Path, work: Path, created: list[Path]
) -> int:
    from tests.benchmarks import synthetic

    started = time.perf_counter()
    shape = synthetic.Shape(
        experiments=1,
        runs_per_experiment=args.runs,
        params=10,
        metrics=5,
        steps=args.steps,
        tags=8,
    )
    figures: dict[str, Any] = {
        "shape": synthetic.shape_dict(shape),
        "shape_text": shape.describe(),
        "repeats": args.repeats,
        "budget": args.budget,
        "load_average": {"start": load_average()},
    }
    figures["setup"], new = prepare_data(shape, base)
    created += new
    root, db = base / "mlruns", base / "mlflow.db"
    print("Checking sample runs: MlflowClient on mlflow.db vs the files ...")
    diffs = check_mlflow_db(shape, root, db)
    if diffs:
        raise SystemExit("\n".join(diffs))
    print("Importing into our store ...", flush=True)
    store = work / "store.db"
    figures["import"] = _phase(figures, "import", import_ours, root, store)
    print(f"  {figures['import']['seconds']:.0f} s", flush=True)
    print("Measuring ours (subprocess) ...", flush=True)
    figures["ours"] = ours = _phase(figures, "ours", measure_ours, store, args.repeats)
    for s in SCENARIOS:
        store_s, qt_s = ours["store"][s.name]["median"], ours["qt"][s.name]["median"]
        print(f"  {s.name}: store {store_s:.3f} s, Qt model {qt_s:.3f} s", flush=True)
    exp_id = synthetic.experiment_specs(shape)[0].experiment_id
    print("Measuring MLflow search_runs ...", flush=True)
    figures["mlflow_db"] = _phase(
        figures,
        "mlflow.db",
        measure_mlflow,
        f"sqlite:///{db}",
        exp_id,
        args.repeats,
        args.budget,
    )
    if not args.skip_file_store:
        figures["mlflow_file"] = _phase(
            figures, "file store", measure_mlflow, root.as_uri(), exp_id, 1, 0.0
        )
    figures["load_average"]["end"] = load_average()
    figures["total_seconds"] = time.perf_counter() - started
    checks, sanity = evaluate(figures)
    figures.update(checks=checks, sanity_failures=sanity)
    print_report(figures, checks, sanity)
    print(f"\nWhole benchmark: {figures['total_seconds']:.0f} s (before cleanup)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
        print(f"Figures written to {args.json}")
    return 1 if sanity or any(c["pass"] is False for c in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
