"""Start-up benchmark: whole processes against a bare PySide6 window, same run.

Run from the repository root::

    uv run python -m tests.benchmarks.bench_startup [--data-dir DIR] [--repeats N]
        [--json FILE] [--only FIGURE ...]

Every figure is a whole process, launched by this script and timed until it says
it is done (median of ``--repeats``; the processes of one repeat run in turn, so
load on the machine falls on all of them alike):

(w) a bare PySide6 window with a 1,000-row ``QTableView``, until the table's first
    paint (the floor: Python, Qt and a window);
(r) ``mlflow-desktop`` on a store holding a 10,000-run ``mlruns`` folder until the
    runs table has painted its first rows (``MLFLOW_DESKTOP_STARTUP_PROBE``, see
    :mod:`desktop.ui.startup_probe`), the store unchanged since the app last showed
    it: the usual launch, where the first screen comes from the answers kept then
    (:mod:`desktop.services.first_screen`);
(r') the same, launched first after an import changed the store (every round
    starts with (i), which records its sync): the first screen is read from the
    store, after SQLAlchemy has loaded. Printed with its ratio, no target;
(e) ``mlflow-desktop`` on an empty store until the welcome page has painted;
(i) ``mlflow-desktop import`` of the unchanged folder: the whole process minus the
    seconds the import reports for its own work;
(v) ``mlflow-desktop --version``.

Targets: r/w <= 3, e/w <= 2, i minus its work <= 0.3 s, v <= 0.2 s. It prints the
figures, ratios and PASS/FAIL; the exit status is 1 when a target is missed.
Qt runs offscreen (``QT_QPA_PLATFORM``, unless set). The data folder (default: a
temporary one) is generated with :mod:`tests.benchmarks.synthetic` (1-1.5 min) and
reused with ``--data-dir DIR``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 300.0
PROBE_PREFIX = "startup-probe"

BARE_WINDOW = r"""
import sys
from PySide6.QtCore import QAbstractTableModel, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

class Model(QAbstractTableModel):
    def rowCount(self, parent=None):
        return 1000
    def columnCount(self, parent=None):
        return 8
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return f"run {index.row()} · {index.column()}"
        return None

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, done)
        return False

def done():
    print("startup-probe rows", flush=True)
    import os
    os._exit(0)

app = QApplication(sys.argv[:1])
window = QMainWindow()
table = QTableView(window)
table.setModel(Model(table))
window.setCentralWidget(table)
window.resize(1280, 800)
painted = Painted()
table.viewport().installEventFilter(painted)
window.show()
app.exec()
"""


def program() -> list[str]:
    """How users start the app: the installed script, else ``python -m desktop``."""
    script = Path(sys.executable).with_name("mlflow-desktop")
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop"]


def environment(work: Path, data_dir: Path) -> dict[str, str]:
    """The measured processes' environment: private settings, offscreen Qt.

    With a bytecode cache, as installs have (``PYTHONDONTWRITEBYTECODE``, set on
    some dev machines, would compile every module from source in every process);
    the cache goes to ``data_dir``, nothing is written next to the sources.
    """
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["MLFLOW_DESKTOP_SETTINGS"] = str(work / "settings.ini")
    env.pop("MLFLOW_DESKTOP_STORE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(data_dir / "pycache")
    return env


def until_line(command: list[str], env: dict[str, str], prefix: str) -> float:
    """Seconds from launching ``command`` until it prints a line with ``prefix``."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert process.stdout is not None
    try:
        for line in process.stdout:
            if line.startswith(prefix):
                seconds = time.perf_counter() - started
                process.wait(TIMEOUT)
                return seconds
        raise RuntimeError(f"{command} ended without printing {prefix!r}")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def whole_process(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Seconds ``command`` ran, and its standard output."""
    started = time.perf_counter()
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=TIMEOUT,
    )
    seconds = time.perf_counter() - started
    if result.returncode not in (0, 1):  # 1: nothing new to import
        raise RuntimeError(f"{command} failed: {result.stderr[-2000:]}")
    return seconds, result.stdout


def reported_work(output: str) -> float:
    """The seconds the import says its work took (``(... 0.52 s)`` per folder)."""
    found = re.findall(r"\((\d+\.\d+) s\)", output)
    if not found:
        raise RuntimeError(f"no timing in the import's output: {output!r}")
    return sum(float(x) for x in found)


def prepare(data_dir: Path, work: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """The 10,000-run folder, a store holding it (kept) and an empty store."""
    from tests.benchmarks.bench_import import prepare_data
    from tests.benchmarks.synthetic import Shape

    root, _generated, _created = prepare_data(Shape(), data_dir)
    full, empty = data_dir / "startup-store.db", work / "empty.db"
    print(f"Importing it into {full} (untimed) ...", flush=True)
    whole_process([*program(), "import", str(root), "--store", str(full), "-q"], env)
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"from desktop.store.database import open_store; "
            f"open_store({str(empty)!r}).close()",
        ],
        check=True,
        env=env,
        cwd=REPO,
    )
    return root, full


FIGURES = ("import", "bare", "rows_changed", "rows", "welcome", "version")


def measure(
    root: Path,
    full: Path,
    work: Path,
    env: dict[str, str],
    repeats: int,
    only: tuple[str, ...] = FIGURES,
) -> dict[str, list[float]]:
    """Every figure (or those in ``only``), ``repeats`` times (one warm-up round
    first, untimed)."""
    probe = {**env, "MLFLOW_DESKTOP_STARTUP_PROBE": "1"}
    app = program()
    bare = [sys.executable, "-c", BARE_WINDOW]
    rows = [*app, "--store", str(full)]
    runs: dict[str, Callable[[], float]] = {
        "bare": lambda: until_line(bare, env, PROBE_PREFIX),
        # The import before it changed the store: the first screen is read from it.
        "rows_changed": lambda: until_line(rows, probe, f"{PROBE_PREFIX} rows"),
        # Unchanged since the app last showed it: the kept first screen shows.
        "rows": lambda: until_line(rows, probe, f"{PROBE_PREFIX} rows"),
        "welcome": lambda: until_line(
            [*app, "--store", str(work / "empty.db")],
            probe,
            f"{PROBE_PREFIX} welcome",
        ),
        "version": lambda: whole_process([*app, "--version"], env)[0],
    }
    runs = {name: run for name, run in runs.items() if name in only}
    figures: dict[str, list[float]] = {name: [] for name in runs}
    if "import" in only:
        figures |= {"import": [], "import_work": [], "import_overhead": []}
    for round_ in range(repeats + 1):
        if "import" in only:
            seconds, output = whole_process(
                [*app, "import", str(root), "--store", str(full), "-q"], env
            )
        if round_ and "import" in only:
            work_seconds = reported_work(output)
            figures["import"].append(seconds)
            figures["import_work"].append(work_seconds)
            figures["import_overhead"].append(seconds - work_seconds)
        for name, run in runs.items():
            seconds = run()
            if round_:
                figures[name].append(seconds)
        print(f"  round {round_ or 'warm-up'} done", flush=True)
    return figures


def report(figures: dict[str, list[float]]) -> bool:
    """Print medians, ratios and verdicts; True when every target is met."""
    med = {name: statistics.median(values) for name, values in figures.items()}
    spread = {name: (min(v), max(v)) for name, v in figures.items()}
    bare = med.get("bare", math.nan)
    checks = [
        (
            "(r) first rows of 10,000 runs / bare window",
            med.get("rows", math.nan) / bare,
            3.0,
            "x",
        ),
        (
            "(r') the same after an import changed the store",
            med.get("rows_changed", math.nan) / bare,
            None,
            "x",
        ),
        (
            "(e) welcome page (empty store) / bare window",
            med.get("welcome", math.nan) / bare,
            2.0,
            "x",
        ),
        (
            "(i) import of the unchanged folder minus its work",
            med.get("import_overhead", math.nan),
            0.3,
            "s",
        ),
        ("(v) mlflow-desktop --version", med.get("version", math.nan), 0.2, "s"),
    ]
    checks = [check for check in checks if not math.isnan(check[1])]
    print()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, label in (
        ("bare", "(w) bare PySide6 window, 1,000-row table"),
        ("rows", "(r) our window, first rows of 10,000 runs"),
        ("rows_changed", "(r') the same, first launch after an import"),
        ("welcome", "(e) our window, welcome page"),
        ("import", "(i) import of the unchanged folder, whole process"),
        ("import_work", "    of which the import's reported work"),
        ("version", "(v) --version"),
    ):
        if name not in med:
            continue
        low, high = spread[name]
        print(f"{label:<52} {med[name]:7.3f} s  (range {low:.3f}-{high:.3f})")
    print()
    ok = True
    for label, value, target, unit in checks:
        shown = f"{value:.2f}{unit}" if unit == "x" else f"{value:.3f} {unit}"
        if target is None:  # shown for the record: no target
            print(f"{label:<52} {shown:>9}")
            continue
        met = value <= target
        ok &= met
        bound = f"<= {target:g}{unit}" if unit == "x" else f"<= {target:g} {unit}"
        print(f"{label:<52} {shown:>9}  {bound:<9} {'PASS' if met else 'FAIL'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    """Prepare the data, measure, print; exit status 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, help="where the mlruns folder is kept")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, metavar="FILE", help="write figures here")
    parser.add_argument(
        "--only",
        action="append",
        choices=FIGURES,
        help="measure only this figure (repeatable; default: all)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        work = Path(tmp)
        data_dir = args.data_dir or work / "data"
        data_dir.mkdir(parents=True, exist_ok=True)
        env = environment(work, data_dir)
        root, full = prepare(data_dir, work, env)
        only = tuple(args.only) if args.only else FIGURES
        figures = measure(root, full, work, env, args.repeats, only)
    ok = report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
