"""Benchmark: load and draw a 1,000,000-point metric history in the run chart.

Usage (from the repository root)::

    QT_QPA_PLATFORM=offscreen uv run python -m tests.benchmarks.bench_chart [--points N]

It creates a run with real MLflow, appends ``N`` points to its ``loss`` metric file in
MLflow's own line format, imports it, then measures on the same data:

- MLflow: ``MlflowClient.get_metric_history`` (loading only; the web UI then samples
  about 320 points per line and draws those).
- mlflow-desktop: reading the history from our store, plotting every point in the
  run chart and painting it (time to first draw), then the average time of a pan or
  zoom step with a repaint.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def _write_history(root: Path, points: int) -> str:
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=root.as_uri())
    exp = client.create_experiment("bench-chart")
    run = client.create_run(exp, run_name="long-training")
    rng = np.random.default_rng(0)
    steps = np.arange(points)
    values = 1.0 / np.sqrt(1 + steps) + rng.normal(0, 0.01, points)
    stamps = 1_750_000_000_000 + steps * 10
    lines = "".join(
        f"{t} {v!r} {s}\n"
        for t, v, s in zip(
            stamps.tolist(), values.tolist(), steps.tolist(), strict=True
        )
    )
    metric = root / exp / run.info.run_id / "metrics" / "loss"
    metric.write_text(lines, encoding="utf-8")
    client.set_terminated(run.info.run_id)
    return run.info.run_id


def say(text: str) -> None:
    """Print at once (Qt may abort the interpreter's shutdown before a flush)."""
    print(text, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from mlflow import MlflowClient
    from PySide6.QtWidgets import QApplication

    from desktop.services.importing import run_import
    from desktop.store import queries
    from desktop.store.database import open_store
    from desktop.ui.detail.metric_chart import MetricChart

    tmp = Path(tempfile.mkdtemp(prefix="bench-chart-"))
    root = tmp / "mlruns"
    say(f"writing {args.points:,} points with MLflow's metric line format ...")
    run_id = _write_history(root, args.points)
    client = MlflowClient(tracking_uri=root.as_uri())

    mlflow_times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        history = client.get_metric_history(run_id, "loss")
        mlflow_times.append(time.perf_counter() - start)
    assert len(history) == args.points
    del history

    store = open_store(tmp / "store.db")
    start = time.perf_counter()
    run_import(store, str(root))
    import_seconds = time.perf_counter() - start
    with store.engine.connect() as conn:
        (run_pk,) = queries.run_pks(
            conn, [e.pk for e in queries.list_experiments(conn)]
        )

    app = QApplication.instance() or QApplication(sys.argv)
    chart = MetricChart()
    chart.resize(1000, 600)
    chart.show()
    app.processEvents()

    draw_times = []
    for _ in range(args.repeat):
        chart.set_histories({})
        app.processEvents()
        start = time.perf_counter()
        with store.engine.connect() as conn:
            histories = queries.metric_histories(conn, run_pk, ["loss"])
        chart.set_histories(histories)
        chart.plot.viewport().repaint()  # paint now
        draw_times.append(time.perf_counter() - start)
    assert len(chart.histories()["loss"]) == args.points

    view = chart.plot.getPlotItem().vb
    frames = []
    for i in range(30):
        lo = (i / 40) * args.points
        hi = lo + args.points * (0.9 - i / 40)
        start = time.perf_counter()
        view.setXRange(lo, hi, padding=0)
        chart.plot.viewport().repaint()
        frames.append(time.perf_counter() - start)
    x, _y = chart.curve("loss").getData()

    mlflow = statistics.median(mlflow_times)
    ours = statistics.median(draw_times)
    say(f"points: {args.points:,}")
    say(f"MLflow get_metric_history (load only): {mlflow:.3f} s")
    say(f"mlflow-desktop load + draw (first paint): {ours:.3f} s")
    say(f"ratio ours/MLflow: {ours / mlflow:.2f}")
    say(
        f"pan/zoom step with repaint: median {statistics.median(frames) * 1000:.1f} ms,"
        f" worst {max(frames) * 1000:.1f} ms ({len(x):,} points drawn after"
        " downsampling and clipping)"
    )
    say(f"(one-time import of the run: {import_seconds:.2f} s)")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
