"""Live-refresh benchmark: the idle cost of watching a big ``mlruns`` folder.

Run from the repository root::

    uv run python -m tests.benchmarks.bench_watch [--idle 30] [--age]

It generates the synthetic 10,000-run store of :mod:`tests.benchmarks.bench_import`
(about 300,000 files and folders: ~1 min), imports it,
then measures with :class:`desktop.services.watching.MlrunsWatcher` polled every
``--interval`` seconds as the app does:

1. idle CPU: this process's CPU time over wall time while nothing changes, for
   ``--idle`` seconds (target: under 2 % of one core);
2. latency: MLflow logs a metric to a RUNNING run at a random moment; the time until
   the point is in the store (and the CPU of that poll + apply cycle);
3. MLflow's way to refresh: ``MlflowClient.search_runs`` over one experiment (1,000
   runs), what the MLflow UI repeats to show new values.

It prints the figures and the ratios.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

IDLE_TARGET_PERCENT = 2.0


def _prepare(args: argparse.Namespace, work: Path) -> Path:
    """A fresh synthetic store in ``work`` (the benchmark writes to it)."""
    from tests.benchmarks import synthetic

    shape = synthetic.Shape(
        experiments=args.experiments, runs_per_experiment=args.runs_per_experiment
    )
    root = work / "mlruns"
    print(f"Generating {shape.describe()} ...", flush=True)
    synthetic.generate(shape, root, jobs=2)
    if args.age:
        # As if written long ago: no run counts as recently active.
        old = time.time() - 86400
        for folder, _dirs, files in os.walk(root):
            for name in files:
                os.utime(os.path.join(folder, name), (old, old))
    return root


def _history_count(store, run_id: str, key: str) -> int:
    from sqlalchemy import text

    with store.engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT h.count FROM metric_histories h JOIN runs r "
                    "ON r.id = h.run_pk WHERE r.run_id = :r AND h.key = :k"
                ),
                {"r": run_id, "k": key},
            ).scalar()
            or 0
        )


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print the report."""
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.bench_watch")
    parser.add_argument(
        "--age",
        action="store_true",
        help="date the generated files a day back (stale RUNNING runs are not hot)",
    )
    parser.add_argument("--experiments", type=int, default=10)
    parser.add_argument("--runs-per-experiment", type=int, default=1000)
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--idle", type=float, default=40.0, help="idle seconds")
    parser.add_argument("--appends", type=int, default=5, help="latency samples")
    args = parser.parse_args(argv)
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    from desktop.services.importing import run_import
    from desktop.services.watching import MlrunsWatcher
    from desktop.store.database import open_store

    work = Path(tempfile.mkdtemp(prefix="mlflow-desktop-watch-"))
    try:
        root = _prepare(args, work)
        files = sum(len(f) + len(d) for _p, d, f in os.walk(root))
        store = open_store(work / "store.db")
        print("Importing ...", flush=True)
        started = time.perf_counter()
        report = run_import(store, root)
        print(f"  {report.runs_read:,} runs in {time.perf_counter() - started:.1f} s")

        load_before = os.getloadavg()

        started, cpu = time.perf_counter(), time.process_time()
        watcher = MlrunsWatcher(store, root, interval=args.interval)
        setup = (time.perf_counter() - started, time.process_time() - cpu)

        # 1. Idle.
        print(f"Idle polling every {args.interval:g} s for {args.idle:g} s ...")
        polls, poll_cpu = 0, []
        wall0, cpu0 = time.perf_counter(), time.process_time()
        while time.perf_counter() - wall0 < args.idle:
            tick = time.perf_counter()
            c = time.process_time()
            changes = watcher.poll()
            poll_cpu.append(time.process_time() - c)
            assert changes.empty, changes
            polls += 1
            time.sleep(max(0.0, args.interval - (time.perf_counter() - tick)))
        idle_wall = time.perf_counter() - wall0
        idle_cpu = time.process_time() - cpu0
        idle_percent = 100 * idle_cpu / idle_wall
        sweep = watcher.last_sweep_seconds

        # 2. Latency of a metric append to a RUNNING run.
        client = MlflowClient(tracking_uri=root.as_uri())
        exp_id = next(
            e.experiment_id
            for e in client.search_experiments()
            if e.experiment_id != "0"  # one of the 1,000-run experiments
        )
        run_id = client.create_run(exp_id, run_name="live").info.run_id
        client.log_metric(run_id, "loss", 1.0, step=0)
        for _ in range(3):  # let the watcher pick up the new run
            changes = watcher.poll()
            if not changes.empty:
                watcher.apply(changes)
        assert _history_count(store, run_id, "loss") == 1
        print(f"Latency: {args.appends} appends at random moments ...", flush=True)
        latencies, cycle_cpu, cycle_wall = [], [], []
        for step in range(1, args.appends + 1):
            logged = threading.Event()
            at: list[float] = []

            def log(step: int = step, logged=logged, at=at) -> None:
                time.sleep(random.uniform(0, args.interval))
                client.log_metric(run_id, "loss", 1.0 / (step + 1), step=step)
                at.append(time.perf_counter())
                logged.set()

            writer = threading.Thread(target=log)
            writer.start()
            while True:
                tick = time.perf_counter()
                c = time.process_time()
                changes = watcher.poll()
                if not changes.empty:
                    watcher.apply(changes)
                    cycle_cpu.append(time.process_time() - c)
                    cycle_wall.append(time.perf_counter() - tick)
                if _history_count(store, run_id, "loss") == step + 1:
                    latencies.append(time.perf_counter() - at[0])
                    break
                time.sleep(max(0.0, args.interval - (time.perf_counter() - tick)))
            writer.join()

        # 3. MLflow's refresh of one experiment.
        print("MLflow search_runs over one experiment ...", flush=True)
        w, c = time.perf_counter(), time.process_time()
        found = client.search_runs([exp_id], max_results=1000)
        search_wall, search_cpu = time.perf_counter() - w, time.process_time() - c
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    per_poll = statistics.mean(poll_cpu) * 1000
    print()
    print(f"Tree: {files:,} files and folders, {report.runs_read:,} runs")
    print(
        f"Load average before {tuple(round(x, 2) for x in load_before)}, after "
        f"{tuple(round(x, 2) for x in os.getloadavg())}"
    )
    print(
        f"watcher setup                    {setup[0] * 1000:8.0f} ms wall, "
        f"{setup[1] * 1000:.0f} ms CPU"
    )
    verdict = "PASS" if idle_percent < IDLE_TARGET_PERCENT else "FAIL"
    print(
        f"idle CPU, polling every {args.interval:g} s     {idle_percent:8.2f} % of "
        f"one core over {idle_wall:.0f} s ({polls} polls, {per_poll:.1f} ms CPU "
        f"per poll, max {max(poll_cpu) * 1000:.1f} ms)  target < "
        f"{IDLE_TARGET_PERCENT:g} %: {verdict}"
    )
    print(
        "full sweep over all runs         "
        + (f"{sweep:8.1f} s" if sweep else "not completed during the idle phase")
    )
    print(
        f"append -> stored latency         {statistics.mean(latencies):8.2f} s mean, "
        f"max {max(latencies):.2f} s ({len(latencies)} appends)"
    )
    print(
        f"poll + apply, one changed run    {statistics.mean(cycle_wall) * 1000:8.1f}"
        f" ms wall, {statistics.mean(cycle_cpu) * 1000:.1f} ms CPU"
    )
    print(
        f"MLflow search_runs, 1 experiment {search_wall * 1000:8.0f} ms wall, "
        f"{search_cpu * 1000:.0f} ms CPU ({len(found)} runs)"
    )
    print(
        f"ratio: one MLflow refresh / one idle poll (CPU)  "
        f"{search_cpu / max(statistics.mean(poll_cpu), 1e-9):8.0f}x"
    )
    print(
        f"ratio: one MLflow refresh / poll + apply (CPU)   "
        f"{search_cpu / max(statistics.mean(cycle_cpu), 1e-9):8.0f}x"
    )
    print(
        f"MLflow refreshing one experiment every {args.interval:g} s would use "
        f"{100 * search_cpu / args.interval:.0f} % of one core"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
