"""Compare-dialog benchmark: time to first draw and memory, ours against MLflow.

Run from the repository root::

    uv run python -m tests.benchmarks.bench_compare [--data-dir DIR] [--keep]
        [--skip-mlflow] [--json FILE]

Two scenarios, each on a synthetic MLflow 3.17.2 FileStore written by
:mod:`tests.benchmarks.synthetic` and imported into our store:

- ``wide``: 1 experiment x 1,000 runs, 20 params, 10 metrics x 20 steps; the dialog
  opens on all 1,000 runs (table first), then the parallel-coordinates, scatter
  and importance tabs are shown one after another, and a brush is applied;
- ``long``: 1 experiment x 50 runs, 10 params, 2 metrics x 100,000 steps; the dialog
  opens straight on the metric-curves tab (both metrics charted: 10 million points;
  charts appear one by one as their histories load), then one chart is zoomed.

Each scenario is measured in a fresh subprocess (offscreen Qt): the time from
creating the dialog to its first paint (the loading state), to the first paint
with data, per tab, plus resident and peak memory. MLflow's own loading of the
same data is timed as a reference: ``MlflowClient.search_runs`` for the 1,000 runs
and ``get_metric_history`` for the 50 x 2 histories; the ratios are printed.
Targets: first draw with data under 1 s for each scenario.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGET_SECONDS = 1.0
MB = 1_000_000


@dataclass(frozen=True, slots=True)
class Scenario:
    """A store shape and what the dialog shows first."""

    name: str
    runs: int
    params: int
    metrics: int
    steps: int


SCENARIOS = (
    Scenario("wide", runs=1000, params=20, metrics=10, steps=20),
    Scenario("long", runs=50, params=10, metrics=2, steps=100_000),
)


# -- data ------------------------------------------------------------------------------
def prepare(scenario: Scenario, data_dir: Path) -> tuple[Path, Path]:
    """The scenario's ``mlruns`` folder and our store, made when missing."""
    from desktop.services.importing import run_import
    from desktop.store.database import open_store
    from tests.benchmarks.synthetic import Shape, generate, shape_dict

    shape = Shape(
        experiments=1,
        runs_per_experiment=scenario.runs,
        params=scenario.params,
        metrics=scenario.metrics,
        steps=scenario.steps,
    )
    folder = data_dir / scenario.name
    mlruns, db, marker = folder / "mlruns", folder / "store.db", folder / "shape.json"
    wanted = json.dumps(shape_dict(shape), sort_keys=True)
    if not marker.exists() or marker.read_text() != wanted:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        started = time.perf_counter()
        generate(shape, mlruns)
        print(f"  wrote {shape.describe()} in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        store = open_store(db)
        report = run_import(store, mlruns)
        store.close()
        print(
            f"  imported {report.runs_read} runs into our store in "
            f"{time.perf_counter() - started:.1f} s"
        )
        marker.write_text(wanted)
    return mlruns, db


# -- measuring ours (in a subprocess) --------------------------------------------------
def measure(scenario_name: str, db: Path) -> dict:
    """Open the dialog offscreen and time its draws; returns the figures."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import psutil
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.services.analysis_process import AnalysisProcess
    from desktop.services.catalog import Catalog
    from desktop.store import queries
    from desktop.store.database import open_store
    from desktop.ui.compare.dialog import CompareDialog
    from desktop.ui.settings import Settings

    class PaintClock(QObject):
        """Remembers when watched widgets last painted."""

        def __init__(self) -> None:
            super().__init__()
            self.last: dict[int, float] = {}

        def watch(self, widget) -> None:
            widget.installEventFilter(self)

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.last[id(obj)] = time.perf_counter()
            return False

    app = QApplication.instance() or QApplication([])
    process = psutil.Process()
    store = open_store(db)
    with store.engine.connect() as conn:
        experiments = queries.list_experiments(conn)
        pks = queries.run_pks(conn, [e.pk for e in experiments])
    settings_dir = tempfile.mkdtemp()
    settings = Settings(QSettings(f"{settings_dir}/s.ini", QSettings.Format.IniFormat))
    clock = PaintClock()
    out: dict = {"runs": len(pks), "rss_before_mb": process.memory_info().rss / MB}

    def wait(condition, timeout: float = 120.0) -> None:
        # An event loop that sleeps in Qt between checks, as the app's does:
        # a busy Python loop would compete with the workers for the GIL.
        end = time.perf_counter() + timeout
        loop = QEventLoop()
        while not condition():
            QTimer.singleShot(2, loop.quit)
            loop.exec()
            if time.perf_counter() > end:
                raise TimeoutError(scenario_name)

    def painted_after(widget, since: float) -> bool:
        return clock.last.get(id(widget), 0.0) > since

    started = time.perf_counter()
    analysis = AnalysisProcess()  # runs in a subprocess of its own: exits with it
    dialog = CompareDialog(Catalog(store), pks, settings, analysis=analysis)
    if scenario_name == "long":
        dialog.show_section("curves")
    clock.watch(dialog)
    dialog.show()
    wait(lambda: painted_after(dialog, started))
    out["first_paint_s"] = time.perf_counter() - started
    wait(lambda: not dialog.is_loading())
    loaded = time.perf_counter()
    out["runs_loaded_s"] = loaded - started

    if scenario_name == "wide":
        viewport = dialog.table.view.viewport()
        clock.watch(viewport)
        viewport.update()
        wait(lambda: painted_after(viewport, loaded))
        out["first_draw_s"] = time.perf_counter() - started
        for name in ("parallel", "scatter", "importance"):
            shown = time.perf_counter()
            section = dialog.show_section(name)
            target = section.graphics.viewport()
            clock.watch(target)
            if name == "importance":
                wait(lambda s=section: s.result is not None and not s.is_busy())
                target.update()
            wait(lambda t=target, s=shown: painted_after(t, s))
            out[f"{name}_tab_s"] = time.perf_counter() - shown
        dialog.show_section("parallel")
        app.processEvents()
        target = dialog.parallel.graphics.viewport()
        brushed = time.perf_counter()
        axis = dialog.parallel.axis_ids()[0]
        values = dialog.runs.variable(axis).values
        dialog.parallel.set_brush(axis, float(values.min()), float(values.mean()))
        wait(lambda: painted_after(target, brushed))
        out["brush_repaint_s"] = time.perf_counter() - brushed
        out["kept_after_brush"] = int(dialog.parallel.item.kept().sum())
    else:
        section = dialog.curves
        target = section.graphics.viewport()
        clock.watch(target)
        wait(lambda: bool(section.charts))
        charted = time.perf_counter()
        target.update()
        wait(lambda: painted_after(target, charted))
        out["first_draw_s"] = time.perf_counter() - started
        wait(section.is_complete)
        charted = time.perf_counter()
        target.update()
        wait(lambda: painted_after(target, charted))
        out["all_charts_s"] = time.perf_counter() - started
        out["points_charted"] = sum(
            int(x.size) for c in section.charts for x in c.x if x is not None
        )
        zoomed = time.perf_counter()
        section.charts[0].plot.vb.scaleBy((0.25, 1.0))
        wait(lambda: painted_after(target, zoomed))
        out["zoom_repaint_s"] = time.perf_counter() - zoomed
        out["metrics"] = section.metric_keys()
    out["rss_after_mb"] = process.memory_info().rss / MB
    analysis.shutdown()
    import resource

    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB
    return out


def measure_load(scenario_name: str, db: Path) -> dict:
    """Time our store reads alone: the runs (wide) or the histories (long)."""
    from desktop.services.catalog import Catalog
    from desktop.store import queries
    from desktop.store.database import open_store

    store = open_store(db)
    with store.engine.connect() as conn:
        pks = queries.run_pks(conn, [e.pk for e in queries.list_experiments(conn)])
    started = time.perf_counter()
    catalog = Catalog(store)
    runs = catalog.run_set(pks)
    if scenario_name == "long":
        started = time.perf_counter()
        catalog.histories_of_runs(pks, runs.metric_keys)
    return {"our_load_s": time.perf_counter() - started}


def measure_in_subprocess(scenario: Scenario, db: Path, what: str) -> dict:
    """Run :func:`measure` (or :func:`measure_load`) in a fresh interpreter."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.benchmarks.bench_compare",
            f"--{what}",
            scenario.name,
            "--store",
            str(db),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("{")), None)
    if line is None:
        raise RuntimeError(f"measurement failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(line)


# -- MLflow's own loading of the same data ---------------------------------------------
def mlflow_load_seconds(scenario: Scenario, mlruns: Path, metrics: list[str]) -> float:
    """What MLflow needs to load the same runs (wide) or histories (long)."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient
    from mlflow.entities import ViewType

    client = MlflowClient(tracking_uri=mlruns.as_uri())
    experiment = next(
        e for e in client.search_experiments() if e.name != "Default"
    ).experiment_id
    started = time.perf_counter()
    # Deleted runs too: the dialog was opened on every run of the experiment.
    runs = client.search_runs(
        [experiment], run_view_type=ViewType.ALL, max_results=scenario.runs
    )
    if scenario.name == "wide":
        assert len(runs) == scenario.runs
        return time.perf_counter() - started
    started = time.perf_counter()
    points = 0
    for run in runs:
        for key in metrics:
            points += len(client.get_metric_history(run.info.run_id, key))
    assert points == scenario.runs * len(metrics) * scenario.steps
    return time.perf_counter() - started


# -- report ----------------------------------------------------------------------------
def report(scenario: Scenario, ours: dict, mlflow_s: float | None) -> list[str]:
    """Lines describing one scenario's figures."""
    ok = ours["first_draw_s"] < TARGET_SECONDS
    lines = [
        f"{scenario.name}: {ours['runs']} runs, {scenario.params} params, "
        f"{scenario.metrics} metrics x {scenario.steps:,} steps",
        f"  first paint (loading state)   {ours['first_paint_s'] * 1000:8.0f} ms",
        f"  runs loaded                   {ours['runs_loaded_s'] * 1000:8.0f} ms",
        f"  first draw with data          {ours['first_draw_s'] * 1000:8.0f} ms  "
        f"target < {TARGET_SECONDS:.0f} s: {'PASS' if ok else 'FAIL'}",
    ]
    for key, label in (
        ("parallel_tab_s", "parallel-coordinates tab"),
        ("scatter_tab_s", "scatter tab"),
        ("importance_tab_s", "importance tab (forest fit)"),
        ("brush_repaint_s", "brush + repaint"),
        ("all_charts_s", "every chart drawn"),
        ("zoom_repaint_s", "zoom + repaint"),
    ):
        if key in ours:
            lines.append(f"  {label:<30}{ours[key] * 1000:8.0f} ms")
    if "points_charted" in ours:
        lines.append(f"  points charted               {ours['points_charted']:>9,}")
    lines.append(
        f"  memory: {ours['rss_before_mb']:.0f} MB before, "
        f"{ours['rss_after_mb']:.0f} MB after, peak {ours['peak_rss_mb']:.0f} MB"
    )
    what = (
        "search_runs (1,000 runs)"
        if scenario.name == "wide"
        else "get_metric_history (all)"
    )
    lines.append(f"  our store load                {ours['our_load_s'] * 1000:8.0f} ms")
    if mlflow_s is not None:
        lines.append(
            f"  MLflow {what:<24}{mlflow_s * 1000:8.0f} ms  "
            f"= {mlflow_s / ours['our_load_s']:.1f}x our load, "
            f"{mlflow_s / ours['first_draw_s']:.1f}x our load + first draw"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Prepare data, measure both scenarios, print the figures."""
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.bench_compare")
    parser.add_argument("--data-dir", type=Path, help="keep/reuse data here")
    parser.add_argument("--keep", action="store_true", help="keep the data dir")
    parser.add_argument("--skip-mlflow", action="store_true")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--measure-load", help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_load:
        print(json.dumps(measure_load(args.measure_load, args.store)), flush=True)
        return 0
    if args.measure:
        print(json.dumps(measure(args.measure, args.store)), flush=True)
        # Skip interpreter teardown: PySide6 6.12 can crash while finalising
        # pyqtgraph items, and the figures are already out.
        os._exit(0)

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-compare-"))
    figures: dict = {}
    failed = False
    try:
        for scenario in SCENARIOS:
            print(f"[{scenario.name}] preparing data in {data_dir}")
            mlruns, db = prepare(scenario, data_dir)
            ours = measure_in_subprocess(scenario, db, "measure")
            ours.update(measure_in_subprocess(scenario, db, "measure-load"))
            print("\n".join(report(scenario, ours, None)), flush=True)
            metrics = ours.get("metrics", [])
            mlflow_s = (
                None
                if args.skip_mlflow
                else mlflow_load_seconds(scenario, mlruns, metrics)
            )
            figures[scenario.name] = {**ours, "mlflow_load_s": mlflow_s}
            failed |= ours["first_draw_s"] >= TARGET_SECONDS
            if mlflow_s is not None:
                print(report(scenario, ours, mlflow_s)[-1], flush=True)
    finally:
        if args.data_dir is None and not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
