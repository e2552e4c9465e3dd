"""Import benchmark: our ``mlruns`` import against the raw-read floor and MLflow.

Run from the repository root::

    uv run python -m tests.benchmarks.bench_import [options]

(``psutil`` is optional on Linux, where ``/proc`` is read instead; plain
``uv run python -m tests.benchmarks.bench_import`` works there too.)

It writes a synthetic MLflow 3.17.2 FileStore (:mod:`tests.benchmarks.synthetic`;
default 10 experiments x 1,000 runs, 5 metrics x 100 steps each), checks a few runs
with ``MlflowClient`` (untimed), then measures on the same data, in this order and
on a warm page cache (the tree is read once, untimed, before the first timing):

(c) raw floor: read every file of the tree once (scandir + read), one process;
(a) ``import_mlruns`` into a fresh store, in a subprocess, sampling the RSS (and
    CPU time) of its whole process tree (main + forkserver + workers) every 50 ms;
(d) re-import of the unchanged folder into the same store (same subprocess setup);
(b) MLflow's own read: ``MlflowClient.search_runs`` over every experiment, all
    pages of 1,000 (the FileStore reads every run for each page: ~10 min here);
(e) with ``--with-migrate``: ``mlflow migrate-filestore`` into SQLite (~25 min).

Everything shares the machine: other load inflates the figures, so the load
average is printed, and ``--repeat N`` keeps the fastest of N runs of (c), (a), (d).
Generating the default store takes 1-1.5 min; ``--data-dir DIR --keep`` reuses it.

It prints the figures and the ratios a/c (<= 2), a/b (<= 0.25), d/a (<= 0.05) and
the peak memory of (a) (< 500 MB) with PASS/FAIL; ``--json FILE`` saves them. The
exit status is 1 when a target or a sanity check fails.

``--profile`` instead runs a cProfile of the import in this process with
``workers=1`` (use a smaller shape, e.g. ``--runs-per-experiment 200``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.benchmarks.synthetic import Shape

REPO = Path(__file__).resolve().parents[2]
COMMAND = "uv run python -m tests.benchmarks.bench_import"
MB = 1_000_000
SAMPLE_SECONDS = 0.05
PSS_SECONDS = 1.0
TARGETS = {
    "a_over_c": ("a/c  import vs raw read", 2.0),
    "a_over_b": ("a/b  import vs MLflow search_runs", 0.25),
    "d_over_a": ("d/a  re-import vs import", 0.05),
}
PEAK_TARGET_MB = 500.0


# --------------------------------------------------------------------------- memory


def _task_children(pid: int) -> list[int] | None:
    """Direct children from ``/proc/PID/task/*/children`` (Linux); cheap."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    children: list[int] = []
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as handle:
                children.extend(int(c) for c in handle.read().split())
        except OSError:
            continue
    return children


def _tree_pids(pid: int) -> list[int]:
    """``pid`` and its descendants (empty once it has exited)."""
    if os.path.exists(f"/proc/{pid}/task/{pid}/children"):
        pids, stack = [], [pid]
        while stack:
            current = stack.pop()
            found = _task_children(current)
            if found is None:
                continue
            pids.append(current)
            stack.extend(found)
        return pids
    import psutil  # elsewhere than Linux, psutil is required

    try:
        return [pid] + [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []


def _rss_bytes(pid: int) -> int:
    try:
        import psutil
    except ImportError:
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                pages = int(handle.read().split()[1])
            return pages * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0
    try:
        return psutil.Process(pid).memory_info().rss
    except psutil.Error:
        return 0


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time a process has used so far."""
    try:
        import psutil
    except ImportError:
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                stat = handle.read()
            fields = stat[stat.rindex(b")") + 2 :].split()
            return (int(fields[11]) + int(fields[12])) / _TICKS
        except (OSError, ValueError, IndexError):
            return None
    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.Error:
        return None
    return times.user + times.system


def _pss_bytes(pid: int) -> int | None:
    """Proportional set size (shared pages split between sharers); Linux only."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


class TreeSampler:
    """Sample the summed RSS (and PSS) of a process and its descendants.

    Also keeps each process's last seen CPU time, so :attr:`cpu_seconds` is the CPU
    the tree used (short of what a process did in its last interval).
    """

    def __init__(
        self, pid: int, interval: float = SAMPLE_SECONDS, *, pss: bool = False
    ) -> None:
        self.pid = pid
        self.interval = interval
        self.pss = pss
        self.sampler_cpu_seconds = 0.0
        self._next_pss = 0.0
        self.peak_rss = 0
        self.peak_pss: int | None = None
        self.max_processes = 0
        self.samples = 0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        started = time.thread_time()
        while not self._stop.is_set():
            pids = _tree_pids(self.pid)
            if pids:
                self.samples += 1
                self.max_processes = max(self.max_processes, len(pids))
                self.peak_rss = max(self.peak_rss, sum(_rss_bytes(p) for p in pids))
                # smaps_rollup walks page tables (~0.1 s for a 1 GB process) and
                # slows the process it reads: at most once a second, on request.
                if self.pss and time.monotonic() >= self._next_pss:
                    self._next_pss = time.monotonic() + PSS_SECONDS
                    pss = [_pss_bytes(p) for p in pids]
                    if all(v is not None for v in pss):
                        total = sum(v for v in pss if v is not None)
                        self.peak_pss = max(self.peak_pss or 0, total)
                for pid in pids:
                    cpu = _cpu_seconds(pid)
                    if cpu is not None:
                        self._cpu[pid] = max(cpu, self._cpu.get(pid, 0.0))
            self.sampler_cpu_seconds = time.thread_time() - started
            self._stop.wait(self.interval)

    @property
    def cpu_seconds(self) -> float:
        """CPU seconds (user + system) seen across the tree."""
        return sum(self._cpu.values())


def run_measured(
    command: list[str], env: dict[str, str] | None = None, *, pss: bool = False
) -> dict:
    """Run ``command`` from the repo root, sampling its process tree's memory."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, text=True, env=env
    )
    with TreeSampler(process.pid, pss=pss) as sampler:
        out, _ = process.communicate()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{command[:4]}... exited with {process.returncode}")
    lines = [line for line in out.splitlines() if line.strip()]
    result: dict[str, Any] = {}
    if lines and lines[-1].startswith("{"):
        result = json.loads(lines[-1])
    result.update(
        process_wall_seconds=wall,
        peak_tree_rss_bytes=sampler.peak_rss,
        peak_tree_pss_bytes=sampler.peak_pss,
        max_processes=sampler.max_processes,
        memory_samples=sampler.samples,
        tree_cpu_seconds=sampler.cpu_seconds,
        sampler_cpu_seconds=sampler.sampler_cpu_seconds,
    )
    return result


# ------------------------------------------------------------------ the measurements


def raw_read(root: Path) -> dict:
    """(c) Read every file below ``root`` once, single process."""
    started = time.perf_counter()
    files = dirs = size = 0
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        dirs += 1
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    with open(entry.path, "rb") as handle:
                        size += len(handle.read())
                    files += 1
    return {
        "seconds": time.perf_counter() - started,
        "files": files,
        "dirs": dirs,
        "bytes": size,
    }


WARM_MODULES = {
    "import": "desktop.services.importing, desktop.store.database, "
    "desktop.services.worker_pool, "
    "desktop.services.mlruns_batches, concurrent.futures.process, "
    "multiprocessing.forkserver",
    "mlflow": "mlflow, mlflow.cli, mlflow.store.fs2db",
}


def child_env(work: Path, as_is: bool) -> dict[str, str] | None:
    """Environment of measured subprocesses: with a bytecode cache, as installs have.

    ``PYTHONDONTWRITEBYTECODE`` (set on some dev machines) would make every process,
    and every import worker, compile its modules from source. The cache goes to a
    prefix folder in ``work``, so nothing is written next to the sources.
    """
    if as_is:
        return None
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(work / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def warm_bytecode(env: dict[str, str] | None, which: str) -> None:
    """Fill the bytecode cache (untimed) for the modules a measured process needs."""
    if env is None:
        return
    subprocess.run(
        [sys.executable, "-c", f"import {WARM_MODULES[which]}"],
        cwd=REPO,
        env=env,
        check=True,
    )


def our_import(
    store_path: Path,
    root: Path,
    workers: int,
    env: dict[str, str] | None,
    *,
    pss: bool = False,
) -> dict:
    """(a) and (d): run :mod:`tests.benchmarks.import_child` in a subprocess."""
    command = [
        sys.executable,
        "-m",
        "tests.benchmarks.import_child",
        str(store_path),
        str(root),
        str(workers),
    ]
    return run_measured(command, env=env, pss=pss)


def mlflow_search(root: Path) -> dict:
    """(b) Every page of ``search_runs`` over every experiment, as the MLflow UI."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient
    from mlflow.entities import ViewType

    started = time.perf_counter()
    client = MlflowClient(tracking_uri=root.as_uri())
    ids = [e.experiment_id for e in client.search_experiments(view_type=ViewType.ALL)]
    runs = pages = 0
    first_page = None
    token = None
    while True:
        page = client.search_runs(
            experiment_ids=ids,
            max_results=1000,
            page_token=token,
            run_view_type=ViewType.ALL,
        )
        pages += 1
        runs += len(page)
        if first_page is None:
            first_page = time.perf_counter() - started
        print(
            f"    page {pages}: {runs:,} runs after "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        token = page.token
        if not token:
            break
    return {
        "seconds": time.perf_counter() - started,
        "first_page_seconds": first_page,
        "pages": pages,
        "runs": runs,
        "experiments": len(ids),
    }


def mlflow_migrate(root: Path, work: Path, env: dict[str, str] | None) -> dict:
    """(e) ``mlflow migrate-filestore`` into a new SQLite file."""
    target = work / "migrated.db"
    target.unlink(missing_ok=True)
    env = dict(env or os.environ, MLFLOW_ALLOW_FILE_STORE="true")
    command = [
        sys.executable,
        "-m",
        "mlflow",
        "migrate-filestore",
        "--source",
        str(root),
        "--target",
        f"sqlite:///{target}",
        "--no-progress",
    ]
    result = run_measured(command, env=env)
    result["seconds"] = result.pop("process_wall_seconds")
    return result


# ---------------------------------------------------------------------- the report


def _ratio(num: float | None, den: float | None) -> float | None:
    if num is None or den is None or den <= 0:
        return None
    return num / den


def evaluate(figures: dict) -> tuple[dict, list[str]]:
    """Ratios and memory against their targets, plus sanity problems."""
    a = figures["import"]["seconds"]
    c = figures["raw_read"]["seconds"]
    d = figures["reimport"]["seconds"]
    b = (figures.get("mlflow_search") or {}).get("seconds")
    values = {
        "a_over_c": _ratio(a, c),
        "a_over_b": _ratio(a, b),
        "d_over_a": _ratio(d, a),
    }
    checks: dict[str, dict] = {}
    for key, (label, target) in TARGETS.items():
        value = values[key]
        checks[key] = {
            "label": label,
            "value": value,
            "target": f"<= {target}",
            "pass": None if value is None else value <= target,
        }
    peak = figures["import"]["peak_tree_rss_bytes"] / MB
    checks["peak_memory_mb"] = {
        "label": "peak RSS of the import process tree (MB)",
        "value": peak,
        "target": f"< {PEAK_TARGET_MB:g}",
        "pass": peak < PEAK_TARGET_MB,
    }

    shape = figures["shape"]
    runs = shape["experiments"] * shape["runs_per_experiment"]
    points = runs * shape["metrics"] * shape["steps"]
    imp, again = figures["import"], figures["reimport"]
    sanity = []
    if imp["runs_read"] != runs or imp["metric_points"] != points:
        sanity.append(
            f"import read {imp['runs_read']} runs / {imp['metric_points']} points, "
            f"expected {runs} / {points}"
        )
    for name, result in (("import", imp), ("re-import", again)):
        if result["problems"]:
            sanity.append(
                f"{name} reported {result['problems']} problems: "
                f"{result['problem_samples']}"
            )
    if again["runs_read"] != 0 or again["runs_unchanged"] != runs:
        sanity.append(
            f"re-import read {again['runs_read']} runs and found "
            f"{again['runs_unchanged']} unchanged, expected 0 and {runs}"
        )
    search = figures.get("mlflow_search")
    if search and search["runs"] != runs:
        sanity.append(f"MLflow search_runs returned {search['runs']} runs, not {runs}")
    return checks, sanity


def _mb(value: int | None) -> str:
    return "n/a" if value is None else f"{value / MB:,.0f} MB"


def print_report(figures: dict, checks: dict, sanity: list[str]) -> None:
    """The human-readable table."""
    gen = figures["generate_seconds"]
    c, a, d = figures["raw_read"], figures["import"], figures["reimport"]
    b, e = figures.get("mlflow_search"), figures.get("migrate")
    rows = [
        (
            "generate synthetic store (untimed setup)",
            "reused" if gen is None else f"{gen:.1f} s",
            f"{figures['data_bytes'] / MB:,.0f} MB of file content"
            if gen is not None
            else "",
        ),
        (
            "(c) raw read of every file, 1 process",
            f"{c['seconds']:.2f} s",
            f"{c['files']:,} files, {c['dirs']:,} dirs, {c['bytes'] / MB:,.0f} MB",
        ),
        (
            "(a) import into a fresh store",
            f"{a['seconds']:.2f} s",
            f"{a['runs_read']:,} runs, {a['metric_points']:,} points; store open "
            f"{a['store_open_seconds']:.2f} s, process wall "
            f"{a['process_wall_seconds']:.1f} s, CPU of the process tree "
            f"{a['tree_cpu_seconds']:.1f} s; store file "
            f"{figures['store_bytes'] / MB:,.0f} MB",
        ),
        (
            "    peak memory of (a)",
            _mb(a["peak_tree_rss_bytes"]),
            f"RSS summed over <= {a['max_processes']} processes; PSS "
            f"{_mb(a['peak_tree_pss_bytes'])}; main process peak "
            f"{_mb(a['main_peak_rss_bytes'])}; sampler CPU "
            f"{a['sampler_cpu_seconds']:.1f} s",
        ),
        (
            "(d) re-import, folder unchanged",
            f"{d['seconds']:.2f} s",
            f"{d['runs_read']} read, {d['runs_unchanged']:,} unchanged; peak "
            f"{_mb(d['peak_tree_rss_bytes'])}",
        ),
    ]
    if b:
        rows.append(
            (
                "(b) MLflow search_runs, all pages",
                f"{b['seconds']:.1f} s",
                f"{b['runs']:,} runs in {b['pages']} pages of 1,000; first page "
                f"{b['first_page_seconds']:.1f} s",
            )
        )
    if e:
        rows.append(
            (
                "(e) mlflow migrate-filestore",
                f"{e['seconds']:.1f} s",
                f"incl. CLI start; peak {_mb(e['peak_tree_rss_bytes'])}",
            )
        )
    print()
    print(f"Shape: {figures['shape_text']}")
    print(
        f"Machine: {figures['machine']['cpus']} CPUs, Python "
        f"{figures['machine']['python']}, MLflow {figures['machine']['mlflow']}; "
        f"import workers: {figures['workers'] or 'default'}"
    )
    machine = figures["machine"]
    print(
        f"Load average (1/5/15 min) before {machine['load_average_before']}, after "
        f"{machine.get('load_average_after')}; memory sampled with "
        f"{machine['memory_sampler']}; bytecode cache for subprocesses: "
        f"{'yes' if machine['bytecode_cache'] else 'as the environment has it'}"
    )
    print("All timings on a warm page cache (the tree was read once, untimed, first).")
    if figures["repeat"] > 1:
        print(f"(c), (a), (d): fastest of {figures['repeat']} runs; peaks: highest.")
    print()
    width = max(len(r[0]) for r in rows)
    for label, value, note in rows:
        print(f"{label:<{width}}  {value:>10}  {note}")
    print()
    print(f"{'check':<{width}}  {'value':>10}  {'target':<8}  result")
    for check in checks.values():
        value = check["value"]
        shown = "n/a" if value is None else f"{value:.3f}"
        if check["pass"] is None:
            verdict = "n/a"
        else:
            verdict = "PASS" if check["pass"] else "FAIL"
        print(
            f"{check['label']:<{width}}  {shown:>10}  {check['target']:<8}  {verdict}"
        )
    for problem in sanity:
        print(f"SANITY FAIL: {problem}")


# ----------------------------------------------------------------- data and driver


def _tree_bytes(root: Path) -> int:
    total = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            total += os.lstat(os.path.join(folder, name)).st_size
    return total


def prepare_data(shape: Shape, base: Path) -> tuple[Path, float | None, bool]:
    """The mlruns folder: reused when its marker matches, else generated.

    Returns the root, the generation time (``None`` when reused) and whether this
    run created it.
    """
    from tests.benchmarks import synthetic

    root = base / "mlruns"
    marker = base / "synthetic.json"
    wanted = synthetic.shape_dict(shape)
    if root.exists():
        if marker.exists() and json.loads(marker.read_text()) == wanted:
            print(f"Reusing {root} ({shape.describe()})")
            return root, None, False
        raise SystemExit(
            f"{root} exists but was not generated with this shape; remove it or "
            "choose another --data-dir"
        )
    print(f"Generating {root} ({shape.describe()}) ...", flush=True)
    started = time.perf_counter()
    synthetic.generate(shape, root)
    seconds = time.perf_counter() - started
    marker.write_text(json.dumps(wanted))
    print(f"  generated in {seconds:.1f} s", flush=True)
    return root, seconds, True


def profile_import(root: Path, work: Path, top: int) -> None:
    """cProfile of the import in this process with ``workers=1``."""
    import cProfile
    import pstats

    from desktop.services.importing import run_import
    from desktop.store.database import open_store

    store = open_store(work / "profile.db")
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    report = run_import(store, root, workers=1)
    profiler.disable()
    seconds = time.perf_counter() - started
    store.close()
    print(
        f"\nProfiled import (workers=1): {report.runs_read:,} runs, "
        f"{report.metric_points:,} points in {seconds:.2f} s (with profiler overhead)"
    )
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
    print(f"\nTop {top} by cumulative time:")
    stats.sort_stats("cumulative").print_stats(top)
    print(f"Top {top} by own time:")
    stats.sort_stats("tottime").print_stats(top)


def build_parser() -> argparse.ArgumentParser:
    """Command-line options."""
    from tests.benchmarks import synthetic

    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.bench_import",
        description="Benchmark the mlruns import against a raw read of the files "
        f"and MLflow's own reader. Run from the repository root: {COMMAND}",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="where to put the synthetic mlruns (DIR/mlruns); reused when its shape "
        "matches (default: a temporary folder)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the generated data and the stores (paths are printed)",
    )
    synthetic.add_shape_arguments(parser)
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        metavar="N",
        help="import reader processes (default: the importer's, one per core)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="run (c), (a) and (d) N times and keep the fastest (peaks: the highest)",
    )
    parser.add_argument(
        "--pss",
        action="store_true",
        help="also sample the import tree's PSS (Linux; once a second, since "
        "reading it slows the measured processes a little)",
    )
    parser.add_argument(
        "--skip-mlflow",
        action="store_true",
        help="skip (b), MLflow's search_runs (a/b is then n/a)",
    )
    parser.add_argument(
        "--with-migrate",
        action="store_true",
        help="also time (e) `mlflow migrate-filestore` into SQLite (slow)",
    )
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="skip the MlflowClient read-back check of sample generated runs",
    )
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="run the measured subprocesses with this environment as is (by "
        "default PYTHONDONTWRITEBYTECODE is dropped and a private bytecode cache "
        "is warmed first, as an installed app has one)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write figures here")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="only profile the import in-process with workers=1 (use a small shape)",
    )
    parser.add_argument(
        "--profile-top",
        type=int,
        default=15,
        metavar="N",
        help="rows per profile table",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Generate the data, run the measurements, print (and save) the report."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from tests.benchmarks import synthetic

    args = build_parser().parse_args(argv)
    shape = synthetic.shape_from_args(args)
    work = Path(tempfile.mkdtemp(prefix="mlflow-desktop-bench-"))
    base = args.data_dir.resolve() if args.data_dir else work / "data"
    base.mkdir(parents=True, exist_ok=True)
    root, gen_seconds, created = prepare_data(shape, base)
    try:
        if args.profile:
            raw_read(root)  # warm the page cache
            profile_import(root, work, args.profile_top)
            return 0
        return _benchmark(args, shape, root, gen_seconds, work)
    finally:
        if args.keep:
            print(f"\nKept: data {root}, stores in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
            if created and args.data_dir:
                shutil.rmtree(root, ignore_errors=True)
                (base / "synthetic.json").unlink(missing_ok=True)


def _benchmark(
    args: argparse.Namespace,
    shape: Shape,
    root: Path,
    gen_seconds: float | None,
    work: Path,
) -> int:
    from tests.benchmarks import synthetic

    figures: dict[str, Any] = {
        "shape": synthetic.shape_dict(shape),
        "shape_text": shape.describe(),
        "workers": args.workers or None,
        "repeat": max(1, args.repeat),
        "generate_seconds": gen_seconds,
        "data_bytes": _tree_bytes(root),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "mlflow": _mlflow_version(),
            "memory_sampler": "psutil" if _has_psutil() else "/proc",
            "load_average_before": _load(),
            "bytecode_cache": not args.no_bytecode_cache,
        },
    }
    if not args.no_check:
        print("Checking sample runs with MlflowClient (untimed) ...", flush=True)
        diffs = synthetic.check_with_mlflow(shape, root)
        if diffs:
            print("\n".join(diffs), file=sys.stderr)
            raise SystemExit("the synthetic store does not read back in MLflow")
        print("  MLflow reads the sample runs back identically")

    print("Warming the page cache (untimed read of the tree) ...", flush=True)
    raw_read(root)
    repeat = max(1, args.repeat)
    print("(c) raw read ...", flush=True)
    figures["raw_read"] = _best([raw_read(root) for _ in range(repeat)])
    env = child_env(work, args.no_bytecode_cache)
    warm_bytecode(env, "import")
    imports = []
    for attempt in range(repeat):
        store = work / f"store{attempt}" / "store.db"
        store.parent.mkdir()
        print(f"(a) import into a fresh store ({attempt + 1}/{repeat}) ...", flush=True)
        imports.append(our_import(store, root, args.workers, env, pss=args.pss))
    figures["import"] = _best(imports)
    print("(d) re-import of the unchanged folder ...", flush=True)
    figures["reimport"] = _best(
        [our_import(store, root, args.workers, env) for _ in range(repeat)]
    )
    figures["store_bytes"] = sum(
        p.stat().st_size for p in store.parent.iterdir() if p.is_file()
    )
    if not args.skip_mlflow:
        print("(b) MLflow search_runs, all pages (slow) ...", flush=True)
        figures["mlflow_search"] = mlflow_search(root)
    if args.with_migrate:
        print("(e) mlflow migrate-filestore (slow) ...", flush=True)
        warm_bytecode(env, "mlflow")
        figures["migrate"] = mlflow_migrate(root, work, env)

    figures["machine"]["load_average_after"] = _load()
    checks, sanity = evaluate(figures)
    figures["checks"] = checks
    figures["sanity_failures"] = sanity
    print_report(figures, checks, sanity)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
        print(f"\nFigures written to {args.json}")
    failed = sanity or any(c["pass"] is False for c in checks.values())
    return 1 if failed else 0


def _best(results: list[dict]) -> dict:
    """The fastest of repeated results, with every time and the highest peak."""
    best = dict(min(results, key=lambda r: r["seconds"]))
    best["all_seconds"] = [r["seconds"] for r in results]
    for key in ("peak_tree_rss_bytes", "peak_tree_pss_bytes", "main_peak_rss_bytes"):
        peaks = [r[key] for r in results if r.get(key) is not None]
        if peaks:
            best[key] = max(peaks)
    return best


def _load() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _has_psutil() -> bool:
    try:
        import psutil  # noqa: F401
    except ImportError:
        return False
    return True


def _mlflow_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("mlflow")
    except Exception:
        return None


if __name__ == "__main__":
    sys.exit(main())
