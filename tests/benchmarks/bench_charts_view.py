"""Runs charts-view benchmark: load + first draw and pan/zoom, ours against MLflow.

Run from the repository root::

    uv run python -m tests.benchmarks.bench_charts_view [--data-dir DIR] [--keep]
        [--skip-mlflow] [--json FILE]

One synthetic MLflow 3.17.2 FileStore (see :mod:`tests.benchmarks.synthetic`):
1 experiment x 1,000 runs, 10 params, 5 metrics x 1,000 steps (5 million points),
imported into our store. In a fresh subprocess (offscreen Qt) the main window
opens on the experiment, the runs table settles, then the Charts button is
pressed: we time until every card is drawn with every point (wall time, and the
GUI thread's own CPU time and its longest stall, i.e. what a user waits on), then
pan and zoom a line card frame by frame (each frame repainted synchronously).
MLflow's reference is ``MlflowClient.get_metric_history`` for the same 1,000 runs
x 5 metrics, which its UI would need to chart them all. Targets: under 1 s of GUI
thread time for the first draw; pan/zoom under 50 ms per frame.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUNS, PARAMS, METRICS, STEPS = 1000, 10, 5, 1000
GUI_TARGET_S = 1.0
FRAME_TARGET_S = 0.050
FRAMES = 20


def prepare(data_dir: Path) -> tuple[Path, Path]:
    """The ``mlruns`` folder and our store, made when missing (or of another shape)."""
    from desktop.services.importing import run_import
    from desktop.store.database import open_store
    from tests.benchmarks.synthetic import Shape, generate, shape_dict

    shape = Shape(
        experiments=1,
        runs_per_experiment=RUNS,
        params=PARAMS,
        metrics=METRICS,
        steps=STEPS,
    )
    mlruns, db, marker = (
        data_dir / "mlruns",
        data_dir / "store.db",
        data_dir / "shape.json",
    )
    wanted = json.dumps(shape_dict(shape), sort_keys=True)
    if not marker.exists() or marker.read_text() != wanted:
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        started = time.perf_counter()
        generate(shape, mlruns)
        print(f"  wrote {shape.describe()} in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        store = open_store(db)
        report = run_import(store, mlruns)
        store.close()
        print(
            f"  imported {report.runs_read} runs in "
            f"{time.perf_counter() - started:.1f} s"
        )
        marker.write_text(wanted)
    return mlruns, db


# -- ours, in a subprocess -------------------------------------------------------------
def measure(db: Path) -> dict:
    """Open the window, show the charts, time the first draw and pan/zoom frames."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    settings_dir = tempfile.mkdtemp()
    os.environ["MLFLOW_DESKTOP_SETTINGS"] = f"{settings_dir}/s.ini"
    from PySide6.QtCore import QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.store.database import open_store
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    app = QApplication.instance() or QApplication([])

    class Heartbeat(QObject):
        """The longest gap between 5 ms ticks: the GUI thread's longest stall."""

        def __init__(self) -> None:
            super().__init__()
            self.timer = QTimer(self)
            self.timer.setInterval(5)
            self.timer.timeout.connect(self.tick)
            self.last = time.perf_counter()
            self.worst = 0.0

        def start(self) -> None:
            self.last, self.worst = time.perf_counter(), 0.0
            self.timer.start()

        def tick(self) -> None:
            now = time.perf_counter()
            self.worst = max(self.worst, now - self.last)
            self.last = now

    def wait(condition, timeout: float = 300.0) -> None:
        end = time.perf_counter() + timeout
        loop = QEventLoop()
        while not condition():
            QTimer.singleShot(2, loop.quit)
            loop.exec()
            if time.perf_counter() > end:
                raise TimeoutError("charts view")

    store = open_store(db)
    window = MainWindow(store, Settings())
    window.resize(1920, 1080)
    window.show()
    panel = window.runs
    wait(lambda: bool(panel.experiment_pks) and not window.is_busy())
    wait(lambda: not panel.is_busy() and panel.model.match_count() > 0)
    beat = Heartbeat()
    out: dict = {"runs": panel.model.match_count()}

    started, cpu = time.perf_counter(), time.thread_time()
    beat.start()
    panel.views.show_charts(True)
    charts = panel.views.charts
    wait(lambda: charts.runs is not None and not charts.is_loading())
    lines = charts.line_cards()
    # The cards in the scroll area's view paint with every line in (synchronously:
    # offscreen, nothing else makes them paint).
    area = charts.scroll_area.viewport()
    seen = area.rect()
    on_screen = [
        c
        for c in charts.cards
        if seen.intersects(
            c.geometry().translated(c.parentWidget().mapTo(area, c.pos()) - c.pos())
        )
    ]
    # Many runs' lines are painted into a picture once the view settles.
    wait(lambda: all(c.raster is None or c.raster.renders > 0 for c in lines))
    for card in on_screen:
        view = getattr(card, "graphics", None)
        if view is not None:
            view.viewport().repaint()
    out["cards_on_screen"] = len(on_screen)
    out["load_and_draw_wall_s"] = time.perf_counter() - started
    out["gui_thread_cpu_s"] = time.thread_time() - cpu
    out["gui_longest_stall_s"] = beat.worst
    beat.timer.stop()
    out["line_cards"] = len(lines)
    out["curves"] = sum(c.curve_count() for c in lines)
    out["points"] = sum(
        int(x.size) for c in lines if c.chart for x in c.chart.x if x is not None
    )

    card = lines[0]
    vb, viewport = card.chart.plot.vb, card.graphics.viewport()
    frames: dict[str, list[float]] = {"pan": [], "zoom": []}
    for kind in frames:
        for i in range(FRAMES):
            t = time.perf_counter()
            if kind == "pan":
                vb.translateBy(x=(-1) ** i * STEPS * 0.02)
            else:
                vb.scaleBy((0.85, 1.0) if i < FRAMES // 2 else (1 / 0.85, 1.0))
            app.processEvents()
            viewport.repaint()
            frames[kind].append(time.perf_counter() - t)
    for kind, times in frames.items():
        out[f"{kind}_frame_median_s"] = statistics.median(times)
        out[f"{kind}_frame_max_s"] = max(times)
        out[f"{kind}_frames_ms"] = [round(t * 1000, 1) for t in times]
    # What follows the frames, once the view settles: the picture painted again.
    if card.raster is not None:
        t, cpu, renders = time.perf_counter(), time.thread_time(), card.raster.renders
        card.raster.render()
        wait(lambda: card.raster.renders > renders)
        viewport.repaint()
        out["settle_repaint_s"] = time.perf_counter() - t
        out["settle_repaint_gui_cpu_s"] = time.thread_time() - cpu
    # The same with a few runs selected (drawn on top, the rest dimmed).
    panel.select_runs(set(charts.runs.runs.pks[:5]))
    app.processEvents()
    times = []
    for i in range(FRAMES):
        t = time.perf_counter()
        vb.translateBy(x=(-1) ** i * STEPS * 0.02)
        app.processEvents()
        viewport.repaint()
        times.append(time.perf_counter() - t)
    out["pan_highlighted_frame_median_s"] = statistics.median(times)
    return out


def measure_load(db: Path) -> dict:
    """Our store reads alone: the runs and every history of the 5 metrics."""
    from desktop.services.catalog import Catalog
    from desktop.store import queries
    from desktop.store.database import open_store

    store = open_store(db)
    with store.engine.connect() as conn:
        pks = queries.run_pks(conn, [e.pk for e in queries.list_experiments(conn)])
    catalog = Catalog(store)
    started = time.perf_counter()
    runs = catalog.run_set(pks)
    histories = catalog.histories_of_runs(pks, runs.metric_keys)
    points = sum(len(h) for h in histories.values())
    return {"our_load_s": time.perf_counter() - started, "points_read": points}


def in_subprocess(flag: str, db: Path) -> dict:
    """Run :func:`measure` or :func:`measure_load` in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_charts_view", flag, str(db)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("{")), None)
    if line is None:
        raise RuntimeError(f"measurement failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(line)


def mlflow_history_seconds(mlruns: Path) -> tuple[float, int]:
    """``get_metric_history`` of every metric of every run, as MLflow reads it."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=mlruns.as_uri())
    experiment = next(
        e for e in client.search_experiments() if e.name != "Default"
    ).experiment_id
    runs = client.search_runs([experiment], max_results=RUNS)
    started = time.perf_counter()
    points = 0
    for run in runs:
        for key in run.data.metrics:
            points += len(client.get_metric_history(run.info.run_id, key))
    return time.perf_counter() - started, points


def main(argv: list[str] | None = None) -> int:
    """Prepare the data, measure ours and MLflow's, print the figures and ratios."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.bench_charts_view"
    )
    parser.add_argument("--data-dir", type=Path, help="keep/reuse data here")
    parser.add_argument("--keep", action="store_true", help="keep the data dir")
    parser.add_argument("--skip-mlflow", action="store_true")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure-load", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_load:
        print(json.dumps(measure_load(args.measure_load)), flush=True)
        return 0
    if args.measure:
        print(json.dumps(measure(args.measure)), flush=True)
        os._exit(0)  # PySide6 can crash finalising pyqtgraph items; figures are out

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-charts-"))
    try:
        print(f"preparing data in {data_dir}")
        mlruns, db = prepare(data_dir)
        ours = in_subprocess("--measure", db)
        ours.update(in_subprocess("--measure-load", db))
        mlflow = None if args.skip_mlflow else mlflow_history_seconds(mlruns)
    finally:
        if args.data_dir is None and not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    gui_ok = ours["gui_thread_cpu_s"] < GUI_TARGET_S
    frames_ok = max(ours["pan_frame_max_s"], ours["zoom_frame_max_s"]) < FRAME_TARGET_S
    ms = 1000
    lines = [
        f"charts view: {ours['runs']:,} runs (of {RUNS:,}, some deleted) x "
        f"{METRICS} metrics x {STEPS:,} steps "
        f"({ours['line_cards']} line cards, {ours['curves']:,} curves, "
        f"{ours['points']:,} points drawn)",
        f"  load + first draw, wall        {ours['load_and_draw_wall_s'] * ms:8.0f} ms",
        f"  GUI thread CPU in it           {ours['gui_thread_cpu_s'] * ms:8.0f} ms  "
        f"target < {GUI_TARGET_S * ms:.0f} ms: {'PASS' if gui_ok else 'FAIL'}",
        f"  GUI thread's longest stall     {ours['gui_longest_stall_s'] * ms:8.0f} ms",
        f"  pan frame (median / max)       {ours['pan_frame_median_s'] * ms:8.1f} / "
        f"{ours['pan_frame_max_s'] * ms:.1f} ms",
        f"  zoom frame (median / max)      {ours['zoom_frame_median_s'] * ms:8.1f} / "
        f"{ours['zoom_frame_max_s'] * ms:.1f} ms  "
        f"target < {FRAME_TARGET_S * ms:.0f} ms:"
        f" {'PASS' if frames_ok else 'FAIL'}",
        f"  picture painted again once the view settles "
        f"{ours.get('settle_repaint_s', 0) * ms:6.0f} ms "
        f"({ours.get('settle_repaint_gui_cpu_s', 0) * ms:.0f} ms on the GUI thread)",
        f"  pan frame, 5 runs highlighted  "
        f"{ours['pan_highlighted_frame_median_s'] * ms:8.1f} ms (median)",
        f"  our store read (runs + {ours['points_read']:,} points)"
        f" {ours['our_load_s'] * ms:8.0f} ms",
    ]
    if mlflow is not None:
        seconds, points = mlflow
        lines.append(
            f"  MLflow get_metric_history ({points:,} points) {seconds * ms:8.0f} ms"
            f"  = {seconds / ours['our_load_s']:.1f}x our read, "
            f"{seconds / ours['load_and_draw_wall_s']:.1f}x our load + first draw"
        )
    print("\n".join(lines))
    if args.json:
        args.json.write_text(
            json.dumps({**ours, "mlflow_s": mlflow and mlflow[0]}, indent=2)
        )
    return 0 if gui_ok and frames_ok else 1


if __name__ == "__main__":
    sys.exit(main())
