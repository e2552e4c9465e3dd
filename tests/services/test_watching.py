"""Live refresh of an mlruns folder while a separate process writes it with MLflow."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.services.importing import run_import
from desktop.services.watching import FolderChanges, MlrunsWatcher
from desktop.store.database import Store, open_store

TRAINER = textwrap.dedent(
    """
    import os, shutil, sys
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient
    client = MlflowClient(tracking_uri=sys.argv[1])
    exp = sys.argv[2]
    run_id = None
    step = 0
    print("ready", flush=True)
    for line in sys.stdin:
        command, *args = line.split()
        if command == "create":
            run_id = client.create_run(exp, run_name="live").info.run_id
            for _ in range(3):
                client.log_metric(run_id, "loss", 1.0 / (step + 1), step=step)
                step += 1
            print("ok", run_id, flush=True)
        elif command == "append":
            for _ in range(int(args[0])):
                client.log_metric(run_id, "loss", 1.0 / (step + 1), step=step)
                step += 1
            print("ok", step, flush=True)
        elif command == "finish":
            client.set_terminated(run_id, "FINISHED")
            print("ok", flush=True)
        elif command == "tag":
            client.set_tag(args[0], "note", args[1])
            print("ok", flush=True)
        elif command == "gc":
            # What `mlflow gc` does to a deleted run: its folder goes away.
            client.delete_run(run_id)
            shutil.rmtree(os.path.join(sys.argv[3], exp, run_id))
            print("ok", flush=True)
        elif command == "experiment":
            new = client.create_experiment(args[0])
            rid = client.create_run(new, run_name="fresh").info.run_id
            print("ok", rid, flush=True)
    """
)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[Store, Path, str, str]]:
    """A store with an imported folder: experiment ``live`` with a finished run."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    root = tmp_path / "mlruns"
    client = MlflowClient(tracking_uri=root.as_uri())
    exp = client.create_experiment("live")
    old = client.create_run(exp, run_name="old").info.run_id
    client.set_tag(old, "note", "before")
    client.log_metric(old, "acc", 0.5)
    client.set_terminated(old, "FINISHED")
    store = open_store(tmp_path / "store.db")
    run_import(store, root)
    yield store, root, exp, old
    store.close()


class Trainer:
    """The MLflow writer in its own process, one command at a time."""

    def __init__(self, root: Path, exp: str) -> None:
        env = dict(os.environ, MLFLOW_ALLOW_FILE_STORE="true")
        self.process = subprocess.Popen(
            [sys.executable, "-c", TRAINER, root.as_uri(), exp, str(root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self._line() == "ready"

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def __call__(self, *command: str) -> list[str]:
        assert self.process.stdin is not None
        self.process.stdin.write(" ".join(command) + "\n")
        self.process.stdin.flush()
        answer = self._line().split()
        assert answer[:1] == ["ok"], answer
        return answer[1:]

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _scalar(store: Store, sql: str, **params: object) -> object:
    with store.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def _wait(watcher: MlrunsWatcher, done: Callable[[], bool]) -> list[FolderChanges]:
    """Poll and apply like the app's timer until ``done()`` or 20 s."""
    seen = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        changes = watcher.poll()
        if not changes.empty:
            seen.append(changes)
            watcher.apply(changes)
        if done():
            return seen
        time.sleep(0.1)
    raise AssertionError(f"change not applied; polls found {seen}")


@pytest.mark.slow  # a training process with real MLflow
def test_watcher_follows_a_training_process(live) -> None:
    store, root, exp, old = live
    watcher = MlrunsWatcher(store, str(root), interval=0.1, sweep_seconds=1.0)
    assert watcher.poll().empty  # right after the import there is nothing to do
    trainer = Trainer(root, exp)
    try:
        (run_id,) = trainer("create")
        count_sql = (
            "SELECT h.count FROM metric_histories h JOIN runs r ON r.id = h.run_pk "
            "WHERE r.run_id = :r AND h.key = 'loss'"
        )
        seen = _wait(watcher, lambda: _scalar(store, count_sql, r=run_id) == 3)
        assert any(str(root / exp / run_id) in c.runs for c in seen)
        status_sql = "SELECT status FROM runs WHERE run_id = :r"
        assert _scalar(store, status_sql, r=run_id) == "RUNNING"
        keys_sql = (
            "SELECT runs FROM experiment_keys WHERE kind = 'metric' AND key = 'loss'"
        )
        assert _scalar(store, keys_sql) == 1  # the new run's key is listed

        trainer("append", "4")
        _wait(watcher, lambda: _scalar(store, count_sql, r=run_id) == 7)
        latest_sql = (
            "SELECT s.latest_step FROM metric_summaries s JOIN runs r "
            "ON r.id = s.run_pk WHERE r.run_id = :r AND s.key = 'loss'"
        )
        assert _scalar(store, latest_sql, r=run_id) == 6

        trainer("finish")
        _wait(watcher, lambda: _scalar(store, status_sql, r=run_id) == "FINISHED")

        # A finished run's tag rewritten in place: found by the sweep.
        trainer("tag", old, "after")
        tag_sql = (
            "SELECT t.value FROM tags t JOIN runs r ON r.id = t.run_pk "
            "WHERE r.run_id = :r AND t.key = 'note'"
        )
        _wait(watcher, lambda: _scalar(store, tag_sql, r=old) == "after")

        trainer("gc")
        seen = _wait(watcher, lambda: _scalar(store, status_sql, r=run_id) is None)
        assert any(str(root / exp / run_id) in c.removed for c in seen)
        assert _scalar(store, status_sql, r=old) == "FINISHED"  # others untouched

        (fresh,) = trainer("experiment", "second")
        seen = _wait(watcher, lambda: _scalar(store, status_sql, r=fresh) is not None)
        assert any(c.rescan for c in seen)
    finally:
        trainer.close()
    assert watcher.poll().empty


def test_refresh_of_one_run_is_cheap(live) -> None:
    store, root, exp, old = live
    watcher = MlrunsWatcher(store, root)
    metric = root / exp / old / "metrics" / "acc"
    with metric.open("a") as handle:
        handle.write(f"{int(time.time() * 1000)} 0.75 1\n")
    # A finished run's stamp does not cover its metric files: name the run.
    forced = FolderChanges(runs=(str(root / exp / old),))
    # Cheap in CPU time of this process (the wall clock of a loaded machine also
    # counts other processes; it gets a generous bound only).
    started, started_cpu = time.perf_counter(), time.process_time()
    report = watcher.apply(forced)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - started_cpu
    assert report.runs_read == 1
    assert report.metric_points == 2
    assert cpu < 1.0
    assert elapsed < 10.0
    count_sql = (
        "SELECT h.count FROM metric_histories h JOIN runs r ON r.id = h.run_pk "
        "WHERE r.run_id = :r AND h.key = 'acc'"
    )
    assert _scalar(store, count_sql, r=old) == 2


def test_watcher_by_source_id_and_missing_source(live, tmp_path: Path) -> None:
    store, root, _exp, _old = live
    source_id = _scalar(store, "SELECT id FROM sources")
    assert MlrunsWatcher(store, int(source_id)).root == str(root)
    with pytest.raises(ValueError, match="no source"):
        MlrunsWatcher(store, 999)
