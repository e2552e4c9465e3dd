"""Worker processes started with ``spawn``, as on Windows and macOS, store exactly
what the Linux fork server's store (issue 20): imports read in workers, and the
analysis process, run in a fresh interpreter with ``MLFLOW_DESKTOP_START_METHOD``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.services.worker_pool import START_METHOD_ENV

DATA = Path(__file__).parents[1] / "data"

SCRIPT = textwrap.dedent(
    """
    import io, json, sys
    from desktop.services import worker_pool
    from desktop.services.analysis_process import AnalysisProcess
    from desktop.services.exporting import export_json
    from desktop.services.importing import run_import
    from desktop.store.database import open_store

    methods, submitted = set(), []
    real_executor = worker_pool._executor

    def spy(workers):
        executor = real_executor(workers)
        methods.add(executor._mp_context.get_start_method())
        real_submit = executor.submit
        def submit(*args, **kwargs):
            submitted.append(1)
            return real_submit(*args, **kwargs)
        executor.submit = submit
        return executor

    worker_pool._executor = spy
    store = open_store(sys.argv[2])
    # One run per batch and two workers: the folder is read in worker processes.
    report = run_import(store, sys.argv[1], workers=2, batch_runs=1)
    out = io.StringIO()
    export_json(store, out, history=True)
    store.close()
    analysis = AnalysisProcess()
    pid = analysis.run(__import__("os").getpid)
    analysis.shutdown()
    print(json.dumps({
        "methods": sorted(methods),
        "submitted": len(submitted),
        "runs_read": report.runs_read,
        "problems": [p.message for p in report.problems],
        "export": json.loads(out.getvalue()),
        "analysis_elsewhere": pid != __import__("os").getpid(),
    }))
    """
)


def _import_with(method: str | None, mlruns: Path, store: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLFLOW_")}
    if method:
        env[START_METHOD_ENV] = method
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(mlruns), str(store)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow  # two fresh interpreters, each spawning its workers
@pytest.mark.skipif(sys.platform == "win32", reason="spawn is the only method there")
def test_spawned_workers_import_what_the_fork_server_imports(tmp_path):
    mlruns = tmp_path / "mlruns"
    shutil.copytree(DATA / "sample_mlruns", mlruns, symlinks=True)
    spawned = _import_with("spawn", mlruns, tmp_path / "spawned.db")
    default = _import_with(None, mlruns, tmp_path / "default.db")
    assert spawned["methods"] == ["spawn"]
    assert default["methods"] == (
        ["forkserver"] if sys.platform.startswith("linux") else ["spawn"]
    )
    assert spawned["submitted"] > 0  # read in worker processes, not inline
    assert spawned["analysis_elsewhere"]
    assert spawned["problems"] == default["problems"]
    assert spawned["runs_read"] == default["runs_read"] > 0
    assert spawned["export"] == default["export"]
