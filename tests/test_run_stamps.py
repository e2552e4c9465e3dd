"""Run stamps: what the reader notes equals a fresh stamp, and every change shows."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from desktop.sources.mlruns.runs import RunTask, read_run
from desktop.sources.mlruns.stamps import (
    changed_runs,
    check_batch,
    stamp_matches,
    take_stamp,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Runs written by real MLflow: finished, running, nested tags, inputs, model."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    import mlflow
    import pandas as pd
    from mlflow import MlflowClient

    root = tmp_path_factory.mktemp("stamps") / "mlruns"
    client = MlflowClient(tracking_uri=root.as_uri())
    exp = client.create_experiment("stamps")
    runs: dict[str, Path] = {}

    done = client.create_run(exp, run_name="finished").info.run_id
    client.log_param(done, "max_depth", "10")
    client.set_tag(done, "team/vision", "yes")  # a nested tag folder
    client.set_tag(done, "note", "first")
    for step in range(3):
        client.log_metric(done, "loss", 1.0 / (step + 1), step=step)
    client.log_metric(done, "val/acc", 0.5)  # a nested metric folder
    client.set_terminated(done, "FINISHED")
    runs["finished"] = root / exp / done

    live = client.create_run(exp, run_name="running").info.run_id
    client.log_metric(live, "loss", 0.9, step=0)
    client.log_metric(live, "val/loss", 0.8, step=0)
    runs["running"] = root / exp / live

    mlflow.set_tracking_uri(root.as_uri())
    with mlflow.start_run(experiment_id=exp, run_name="with inputs") as run:
        frame = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
        mlflow.log_input(mlflow.data.from_pandas(frame, name="train"), "training")
        mlflow.log_text("hello", "notes/readme.txt")
    runs["inputs"] = root / exp / run.info.run_id
    return runs


def _read(run_dir: Path):
    task = RunTask(str(run_dir), run_dir.parent.name, str(run_dir.parent), "")
    problems = []
    record = read_run(task, problems.append)
    assert record is not None, problems
    return record


@pytest.mark.parametrize("kind", ["finished", "running", "inputs"])
def test_the_stamp_read_with_the_run_equals_a_fresh_stamp(store, kind):
    run_dir = store[kind]
    record = _read(run_dir)
    deep = record.status not in ("FINISHED", "FAILED", "KILLED")
    assert record.stamp == take_stamp(str(run_dir), deep=deep)
    assert stamp_matches(str(run_dir), record.stamp)
    plan = record.stamp.split("\n")[1:]
    assert ("metrics/loss" in plan) == deep
    if kind == "finished":
        assert {"tags/team", "tags/team/vision", "tags/note"} <= set(plan)
    if kind == "inputs":
        assert "inputs" in plan


def test_a_run_read_the_careful_way_is_stamped_before_it_is_read(store, tmp_path):
    # A tag file that is a link makes the fast reader give up on the folder.
    run_dir = store["finished"]
    target = tmp_path / "outside"
    target.write_text("linked")
    link = run_dir / "tags" / "linked"
    link.symlink_to(target)
    try:
        record = _read(run_dir)
        assert record.stamp == take_stamp(str(run_dir), deep=False)
        assert stamp_matches(str(run_dir), record.stamp)
    finally:
        link.unlink()


def _touch_later(path: Path, text: str | None = None, append: str | None = None):
    time.sleep(0.01)  # past the filesystem's timestamp granularity
    if text is not None:
        with open(path, "w") as handle:  # in place, as MLflow's set_tag does
            handle.write(text)
    if append is not None:
        with open(path, "a") as handle:
            handle.write(append)


@pytest.mark.parametrize(
    "change",
    [
        "edit tag in place",
        "edit nested tag",
        "new tag",
        "new param",
        "new metric",
        "meta rewritten",
        "new artifact",
        "new inputs folder",
    ],
)
def test_every_change_to_a_finished_run_breaks_its_stamp(store, change, tmp_path):
    import shutil

    run_dir = tmp_path / store["finished"].parent.name / store["finished"].name
    shutil.copytree(store["finished"], run_dir, symlinks=True)
    stamp = _read(run_dir).stamp
    assert stamp_matches(str(run_dir), stamp)
    if change == "edit tag in place":
        _touch_later(run_dir / "tags" / "note", text="second")
    elif change == "edit nested tag":
        _touch_later(run_dir / "tags" / "team" / "vision", text="no!")
    elif change == "new tag":
        _touch_later(run_dir / "tags" / "stage", text="best")
    elif change == "new param":
        _touch_later(run_dir / "params" / "lr", text="0.1")
    elif change == "new metric":
        _touch_later(run_dir / "metrics" / "test_acc", text="1 0.9 0\n")
    elif change == "meta rewritten":
        meta = run_dir / "meta.yaml"
        _touch_later(meta, text=meta.read_text().replace("FINISHED", "FINISHED"))
    elif change == "new artifact":
        _touch_later(run_dir / "artifacts" / "model.pkl", text="x")
    elif change == "new inputs folder":
        time.sleep(0.01)
        (run_dir / "inputs").mkdir()
    assert not stamp_matches(str(run_dir), stamp)


def test_a_metric_append_shows_only_while_the_run_is_not_finished(store, tmp_path):
    import shutil

    for kind, shows in (("running", True), ("finished", False)):
        run_dir = tmp_path / kind / store[kind].parent.name / store[kind].name
        shutil.copytree(store[kind], run_dir)
        stamp = _read(run_dir).stamp
        _touch_later(run_dir / "metrics" / "loss", append="1700000000000 0.1 9\n")
        assert stamp_matches(str(run_dir), stamp) is not shows


def test_checks_in_batches_name_the_changed_runs_and_the_vanished_ones(store):
    items = []
    for kind in ("finished", "running", "inputs"):
        run_dir = store[kind]
        items.append((str(run_dir.parent), run_dir.name, _read(run_dir).stamp))
    items.append((str(store["finished"].parent), "gone" * 8, items[0][2]))
    items.append((str(store["finished"].parent), "old-format", "0123abcd" * 3))
    assert check_batch(items) == [3, 4]
    assert changed_runs(items[0][0], [(n, s) for _, n, s in items]) == [3, 4]
