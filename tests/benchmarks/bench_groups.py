"""Nested and grouped runs benchmark: the runs table's search with its tree,
ours against the cheapest way with MLflow, in one run.

Run from the repository root::

    uv run python -m tests.benchmarks.bench_groups [--runs N] [--repeats N]
        [--data-dir DIR]

On one synthetic experiment of N runs (:mod:`tests.benchmarks.synthetic`, 10
params, 5 metrics) written into an ``mlflow.db`` as MLflow's SQL store writes
them, where nine runs in ten are children of the tenth (``mlflow.parentRunId``),
it imports the database into our store and times, median of ``--repeats``:

- ours: :meth:`Catalog.search` sorted by a metric, returning the ids, the tree and
  the first page of rows: flat, nested (children folded under parents) and
  grouped by ``optimizer`` (with five metric columns' mean, min, max per group);
- MLflow: ``mlflow.search_runs`` of every run of the experiment, sorted by the
  metric (a DataFrame: what the web UI and a notebook start from), then the same
  grouping with pandas (``groupby(...).agg(mean, min, max, count)``); the nested
  case is the same search, parents read from the tag column.

It prints seconds and MLflow / ours. The first page and every group's figures are
checked against MLflow's (exit status 1 on a mismatch).
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SORT_METRIC = "accuracy"
GROUP_PARAM = "optimizer"
FAMILY = 10  # a parent and nine children


def _median(action: Callable[[], object], repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def build(base: Path, runs: int) -> Path:
    """The ``mlflow.db`` of one experiment of ``runs`` runs, nested in families."""
    from tests.benchmarks import bench_table, synthetic

    db = base / f"groups-{runs}.db"
    if db.exists():
        return db
    shape = synthetic.Shape(experiments=1, runs_per_experiment=runs, steps=2)
    bench_table.build_mlflow_db(shape, base / "mlruns-unused", db)
    conn = sqlite3.connect(db)
    ids = [r for (r,) in conn.execute("SELECT run_uuid FROM runs ORDER BY run_uuid")]
    conn.executemany(
        "INSERT INTO tags (key, value, run_uuid) VALUES ('mlflow.parentRunId', ?, ?)",
        [(ids[i - i % FAMILY], run_id) for i, run_id in enumerate(ids) if i % FAMILY],
    )
    conn.commit()
    conn.close()
    return db


def ours(db: Path, base: Path, repeats: int) -> dict[str, tuple[float, object]]:
    from desktop.core.columns import Column
    from desktop.core.views import RunScope
    from desktop.services.catalog import Catalog
    from desktop.services.importing_db import run_db_import
    from desktop.store.database import open_store

    store_path = base / f"store-{db.stem}.db"
    store_path.unlink(missing_ok=True)
    store = open_store(store_path)
    report = run_db_import(store, str(db))
    assert report.source_id is not None, report.problems[:3]
    catalog = Catalog(store)
    [experiment] = [e for e in catalog.sources_and_experiments()[1] if e.run_count]
    scope = RunScope((experiment.pk,))
    keys = catalog.experiment_keys([experiment.pk])
    metrics = [Column("metric", key) for key, _n in keys["metric"]][:5]
    columns = [Column("attribute", "run_name"), *metrics]
    sort = Column("metric", SORT_METRIC).sort_key(True)
    group = (Column("param", GROUP_PARAM),)
    found = {
        "flat": _median(lambda: catalog.search(scope, None, sort, columns), repeats),
        "nested": _median(
            lambda: catalog.search(scope, None, sort, columns, nested=True), repeats
        ),
        "grouped": _median(
            lambda: catalog.search(scope, None, sort, columns, group_by=group),
            repeats,
        ),
    }
    store.close()
    return found


def mlflow(db: Path, repeats: int) -> dict[str, tuple[float, object]]:
    import os

    os.environ.setdefault("MLFLOW_TRACKING_URI", f"sqlite:///{db}")
    import mlflow

    mlflow.set_tracking_uri(f"sqlite:///{db}")
    [experiment] = [e for e in mlflow.search_experiments() if e.name != "Default"]
    order = [f"metrics.{SORT_METRIC} DESC"]

    def search():
        return mlflow.search_runs([experiment.experiment_id], order_by=order)

    def grouped():
        frame = search()
        metrics = [c for c in frame.columns if c.startswith("metrics.")]
        return frame.groupby(f"params.{GROUP_PARAM}")[metrics].agg(
            ["mean", "min", "max", "count"]
        )

    def nested():
        frame = search()
        parents = frame["tags.mlflow.parentRunId"]
        return frame, parents.value_counts()

    return {
        "flat": _median(search, repeats),
        "nested": _median(nested, repeats),
        "grouped": _median(grouped, repeats),
    }


def check(our: dict, theirs: dict) -> list[str]:
    """Where what we found differs from what MLflow found."""
    problems = []
    frame = theirs["flat"][1]
    found = our["flat"][1]
    if len(found.pks) != len(frame):
        problems.append(f"runs: ours {len(found.pks)}, MLflow {len(frame)}")
    tree = our["nested"][1].tree
    # Runs whose parent is among the runs found (a deleted parent is not).
    children = int(frame["tags.mlflow.parentRunId"].isin(set(frame["run_id"])).sum())
    if tree is None or len(tree.parents) != children:
        problems.append(f"nested runs: MLflow {children}")
    table = theirs["grouped"][1]
    groups = our["grouped"][1].groups or {}
    by_value = {g.values[0]: g for g in groups.values()}
    for value, row in table.iterrows():
        mine = by_value.get(value)
        mean = row[(f"metrics.{SORT_METRIC}", "mean")]
        stats = mine.stats.get(f"metric:latest:{SORT_METRIC}") if mine else None
        if stats is None or not math.isclose(stats.mean, mean, rel_tol=1e-9):
            problems.append(f"group {value}: mean {mean} vs {stats}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument(
        "--ours-only", action="store_true", help="skip MLflow (minutes at 100,000 runs)"
    )
    args = parser.parse_args(argv)
    base = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-groups-"))
    base.mkdir(parents=True, exist_ok=True)
    db = build(base, args.runs)
    our = ours(db, base, args.repeats)
    if args.ours_only:
        print(f"{args.runs:,} runs, ours only; median of {args.repeats}")
        for case in ("flat", "nested", "grouped"):
            print(f"{case:10} {our[case][0]:10.3f} s")
        return 0
    theirs = mlflow(db, args.repeats)
    print(
        f"{args.runs:,} runs, {args.runs // FAMILY:,} parents; sorted by "
        f"{SORT_METRIC}; median of {args.repeats}"
    )
    print(f"{'':10} {'ours (s)':>10} {'MLflow (s)':>11} {'MLflow / ours':>14}")
    for case in ("flat", "nested", "grouped"):
        mine, their = our[case][0], theirs[case][0]
        print(f"{case:10} {mine:10.3f} {their:11.3f} {their / mine:13.1f}x")
    problems = check(our, theirs)
    for line in problems:
        print("MISMATCH", line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
