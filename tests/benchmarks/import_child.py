"""The measured process of ``bench_import``: import a folder, print a JSON report.

A module of its own with light top-level imports: import workers import the main
module of the process that starts them, as they do the ``mlflow-desktop`` script.

    python -m tests.benchmarks.import_child STORE ROOT WORKERS
"""

from __future__ import annotations

import json
import resource
import sys
import time


def _own_peak_rss() -> int:
    """This process's peak RSS.

    On Linux ``VmHWM``: ``ru_maxrss`` survives ``execve``, so a child started by a
    big parent would report the parent's size.
    """
    try:
        with open("/proc/self/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak * (1 if sys.platform == "darwin" else 1024)


def child_import(store_path: str, root: str, workers: int) -> None:
    """Entry of the measured subprocess: import ``root`` and print a JSON report."""
    started = time.perf_counter()
    from desktop.core.gc_tuning import freeze_startup_objects
    from desktop.services.importing import run_import
    from desktop.store.database import open_store

    imported = time.perf_counter()
    store = open_store(store_path)
    freeze_startup_objects()  # as `mlflow-desktop import` and the app do
    opened = time.perf_counter()
    report = run_import(store, root, workers=workers or None)
    finished = time.perf_counter()
    store.close()
    print(
        json.dumps(
            {
                "python_import_seconds": imported - started,
                "store_open_seconds": opened - imported,
                "seconds": finished - opened,
                "report_seconds": report.seconds,
                "experiments": report.experiments,
                "runs_total": report.runs_total,
                "runs_read": report.runs_read,
                "runs_unchanged": report.runs_unchanged,
                "runs_removed": report.runs_removed,
                "metric_points": report.metric_points,
                "problems": len(report.problems),
                "problem_samples": [
                    f"{p.path}: {p.message}" for p in report.problems[:5]
                ],
                "cancelled": report.cancelled,
                "main_peak_rss_bytes": _own_peak_rss(),
                # Kept for reference; inflated by the parent's size (see above).
                "main_ru_maxrss_bytes": resource.getrusage(
                    resource.RUSAGE_SELF
                ).ru_maxrss
                * (1 if sys.platform == "darwin" else 1024),
            }
        )
    )


if __name__ == "__main__":
    child_import(sys.argv[1], sys.argv[2], int(sys.argv[3]))
