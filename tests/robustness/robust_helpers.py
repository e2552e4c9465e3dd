"""Helpers of the robustness suite: tree builders, snapshots and a restricted runner.

Kept out of ``conftest.py`` so test modules can import plain functions.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import random
import signal
import sqlite3
import stat
import traceback
import uuid
from dataclasses import astuple, dataclass, field
from pathlib import Path

from desktop.services.import_pipeline import ImportOptions
from desktop.services.sources import run_source_import
from desktop.store import queries
from desktop.store.database import Store, open_store

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "data" / "sample_mlruns"

# -- trees written with the real mlflow client ------------------------------------


@dataclass
class MlflowTree:
    """A small FileStore written by mlflow: its root, client and ids by run name."""

    root: Path
    client: object
    experiment_id: str
    other_experiment_id: str
    runs: dict[str, str] = field(default_factory=dict)


def build_mlflow_tree(root: Path, scratch: Path) -> MlflowTree:
    """Write a small store with mlflow's FileStore.

    Experiment ``robust`` holds ``alpha`` (FINISHED, params, tags, two metrics,
    artifacts), ``beta`` (FAILED) and ``gamma`` (still RUNNING); experiment
    ``other`` holds ``delta`` (FINISHED).
    """
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=root.as_uri())
    exp = client.create_experiment("robust")
    other = client.create_experiment("other")
    tree = MlflowTree(root, client, exp, other)
    alpha = client.create_run(exp, run_name="alpha").info.run_id
    client.log_param(alpha, "lr", "0.1")
    client.log_param(alpha, "batch", "32")
    client.set_tag(alpha, "team", "vision")
    for step in range(5):
        client.log_metric(
            alpha, "loss", 1.0 / (step + 1), 1_700_000_000_000 + step, step
        )
        client.log_metric(alpha, "acc", step / 10, 1_700_000_000_000 + step, step)
    scratch.mkdir(parents=True, exist_ok=True)
    (scratch / "notes.txt").write_text("hello artifacts\n")
    (scratch / "weights.bin").write_bytes(b"\x00\x01" * 50)
    client.log_artifact(alpha, str(scratch / "notes.txt"))
    client.log_artifact(alpha, str(scratch / "weights.bin"), artifact_path="model")
    client.set_terminated(alpha, "FINISHED")
    beta = client.create_run(exp, run_name="beta").info.run_id
    client.log_param(beta, "lr", "0.01")
    client.log_metric(beta, "loss", 0.5, 1_700_000_000_100, 0)
    client.set_terminated(beta, "FAILED")
    gamma = client.create_run(exp, run_name="gamma").info.run_id
    for step in range(3):
        client.log_metric(gamma, "loss", 2.0 - step, 1_700_000_000_200 + step, step)
    delta = client.create_run(other, run_name="delta").info.run_id
    client.log_param(delta, "depth", "7")
    client.log_metric(delta, "rmse", 0.25, 1_700_000_000_300, 0)
    client.set_terminated(delta, "FINISHED")
    tree.runs = {"alpha": alpha, "beta": beta, "gamma": gamma, "delta": delta}
    return tree


def run_dir(tree: MlflowTree, name: str) -> Path:
    """The folder of a run of ``tree`` (in either experiment)."""
    run_id = tree.runs[name]
    for exp in (tree.experiment_id, tree.other_experiment_id):
        path = tree.root / exp / run_id
        if path.is_dir():
            return path
    raise FileNotFoundError(run_id)


# -- trees written directly in the FileStore format -------------------------------


def write_big_tree(
    root: Path, n_runs: int, *, n_experiments: int = 4, points: int = 20, seed: int = 7
) -> dict[str, list[str]]:
    """Write ``n_runs`` FINISHED runs spread over experiments, in FileStore format.

    Returns run ids by experiment id. Each run has a param ``index``, a run name
    tag and two metrics of ``points`` lines; values derive from the run's index.
    """
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    layout: dict[str, list[str]] = {}
    for e in range(n_experiments):
        exp_id = str(100 + e)
        exp_dir = root / exp_id
        exp_dir.mkdir()
        (exp_dir / "meta.yaml").write_text(
            f"artifact_location: {exp_dir.as_uri()}\ncreation_time: 1700000000000\n"
            f"experiment_id: '{exp_id}'\nlast_update_time: 1700000000000\n"
            f"lifecycle_stage: active\nname: big_{e}\n"
        )
        layout[exp_id] = []
    exp_ids = list(layout)
    for index in range(n_runs):
        exp_id = exp_ids[index % n_experiments]
        run_id = uuid.UUID(int=rng.getrandbits(128)).hex
        layout[exp_id].append(run_id)
        write_run(root / exp_id, run_id, exp_id, index, points)
    return layout


def write_run(exp_dir: Path, run_id: str, exp_id: str, index: int, points: int) -> None:
    """Write one FINISHED run folder as MLflow's FileStore does (few files, fast)."""
    run = exp_dir / run_id
    for sub in ("metrics", "params", "tags"):
        (run / sub).mkdir(parents=True)
    start = 1_700_000_000_000 + index * 1000
    (run / "meta.yaml").write_text(
        f"artifact_uri: {(run / 'artifacts').as_uri()}\nend_time: {start + 999}\n"
        f"entry_point_name: ''\nexperiment_id: '{exp_id}'\nlifecycle_stage: active\n"
        f"run_id: {run_id}\nrun_name: run-{index}\nsource_name: ''\nsource_type: 4\n"
        f"source_version: ''\nstart_time: {start}\nstatus: 3\ntags: []\n"
        "user_id: tester\n"
    )
    (run / "params" / "index").write_text(str(index))
    (run / "tags" / "mlflow.runName").write_text(f"run-{index}")
    for key, scale in (("loss", 1.0), ("acc", 0.01)):
        lines = "".join(
            f"{start + s} {scale * (index + s)} {s}\n" for s in range(points)
        )
        (run / "metrics" / key).write_text(lines)


# -- store snapshots ----------------------------------------------------------------


def _plain(value: object) -> object:
    """A comparable form of a value (NaN compares equal to NaN through ``repr``)."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, tuple | list):
        return tuple(_plain(v) for v in value)
    return value


def source_id_of(store: Store, root: Path | str) -> int:
    """The id of the source imported from ``root``."""
    with store.engine.connect() as conn:
        for source in queries.list_sources(conn):
            if Path(source.location) == Path(root):
                return source.id
    raise LookupError(root)


def store_state(store: Store, source_id: int) -> dict:
    """Everything a user can see of one source, in a comparable form.

    Experiments by id; runs by run id with metadata, params, tags, metric
    summaries, full histories (as bytes), artifacts, datasets and model links.
    """
    state: dict = {"experiments": {}, "runs": {}}
    with store.engine.connect() as conn:
        exps = queries.list_experiments(conn, [source_id])
        for e in exps:
            state["experiments"][e.experiment_id] = (
                e.name,
                e.lifecycle_stage,
                e.run_count,
                tuple(sorted(e.tags.items())),
            )
        pks = queries.run_pks(conn, [e.pk for e in exps])
        for d in queries.run_details(conn, pks):
            histories = queries.metric_histories(conn, d.pk)
            state["runs"][d.run_id] = {
                "meta": astuple(d)[3:14],
                "params": dict(d.params),
                "tags": dict(d.tags),
                "metrics": {k: _plain(astuple(v)) for k, v in d.metrics.items()},
                "histories": {
                    k: (h.steps.tobytes(), h.timestamps.tobytes(), h.values.tobytes())
                    for k, h in histories.items()
                },
                "artifacts": [
                    (f.path, f.size) for f in queries.artifact_files(conn, d.pk)
                ],
                "datasets": queries.run_datasets(conn, d.pk),
                "models": queries.run_models(conn, d.pk),
            }
    return state


def run_detail(store: Store, source_id: int, run_id: str):
    """The stored :class:`RunDetail` of one run, or ``None``."""
    with store.engine.connect() as conn:
        exps = queries.list_experiments(conn, [source_id])
        pks = queries.run_pks(conn, [e.pk for e in exps])
        for d in queries.run_details(conn, pks):
            if d.run_id == run_id:
                return d
    return None


def history(store: Store, source_id: int, run_id: str, key: str):
    """The stored history of one metric of one run."""
    detail = run_detail(store, source_id, run_id)
    assert detail is not None, f"run {run_id} not in the store"
    with store.engine.connect() as conn:
        return queries.metric_histories(conn, detail.pk, [key])[key]


def table_dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table of the store, sorted (a full content snapshot)."""
    dump: dict[str, list[tuple]] = {}
    with store.engine.connect() as conn:
        names = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).scalars()
        for name in list(names):
            rows = conn.exec_driver_sql(f'SELECT * FROM "{name}"').all()
            dump[name] = sorted((tuple(r) for r in rows), key=repr)
    return dump


def integrity_ok(path: Path) -> bool:
    """Whether SQLite's ``PRAGMA integrity_check`` passes on the store file."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


# -- source tree snapshots ------------------------------------------------------------


def tree_snapshot(root: Path) -> dict[str, tuple]:
    """Every entry below (and including) ``root``: kind, mode, size, mtime, content.

    Files carry their sha256, links their target; links are not followed.
    """
    snap: dict[str, tuple] = {}
    for current, dirs, files in os.walk(root, followlinks=False):
        for name in [".", *dirs, *files]:
            path = os.path.join(current, name) if name != "." else current
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                extra: object = os.readlink(path)
            elif stat.S_ISREG(st.st_mode):
                with open(path, "rb") as handle:
                    extra = hashlib.sha256(handle.read()).hexdigest()
            else:
                extra = None
            rel = os.path.relpath(path, root)
            snap[rel] = (st.st_mode, st.st_size, st.st_mtime_ns, extra)
    return snap


# -- imports in a process that cannot bypass file permissions -----------------------

_LIBC = ctypes.CDLL(None, use_errno=True)
_CAP_VERSION_3 = 0x20080522
_DAC_CAPS = (1 << 1) | (1 << 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH


class _CapHeader(ctypes.Structure):
    _fields_ = (("version", ctypes.c_uint32), ("pid", ctypes.c_int))


class _CapData(ctypes.Structure):
    _fields_ = (
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    )


def _drop_file_capabilities() -> None:
    """Lose (for good, in this process) root's power to ignore file permissions."""
    header = _CapHeader(_CAP_VERSION_3, 0)
    data = (_CapData * 2)()
    if _LIBC.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget failed")
    for field_name in ("effective", "permitted", "inheritable"):
        setattr(data[0], field_name, getattr(data[0], field_name) & ~_DAC_CAPS)
    if _LIBC.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")


def _denied(path: Path | None, mode: str) -> bool | None:
    """Whether opening ``path`` in ``mode`` is refused (None without a path)."""
    if path is None:
        return None
    try:
        open(path, mode).close()
    except PermissionError:
        return True
    return False


def _child_import(
    source: Path, store_path: Path, probe: Path | None, write_probe: Path | None
) -> dict:
    _drop_file_capabilities()
    store = open_store(store_path)
    try:
        report = run_source_import(store, source, ImportOptions(workers=1))
    finally:
        store.close()
    return {
        "runs_total": report.runs_total,
        "runs_read": report.runs_read,
        "runs_unchanged": report.runs_unchanged,
        "runs_removed": report.runs_removed,
        "experiments": report.experiments,
        "experiments_removed": report.experiments_removed,
        "cancelled": report.cancelled,
        "probe_denied": _denied(probe, "rb"),
        "write_denied": _denied(write_probe, "ab"),
        "problems": [[p.path, p.message] for p in report.problems],
    }


def restricted_import(
    source: Path,
    store_path: Path,
    probe: Path | None = None,
    write_probe: Path | None = None,
    seconds: int = 120,
) -> dict:
    """Import ``source`` (any kind) in a forked child that obeys file permissions
    even as root.

    The child drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so the kernel applies
    mode bits to it as to any user (it stays uid 0, the owner of the test files).
    ``probe`` (a file the caller made unreadable) is opened after the import and
    ``probe_denied`` tells whether the restriction really held (``write_probe`` and
    ``write_denied`` likewise, opening for append after the import). The child is
    killed (and the assertion fails) when the import takes over ``seconds``. Callers
    close their own connections to ``store_path`` first.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 1
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(seconds)  # a hung child dies instead of hanging the session
        try:
            os.close(read_end)
            result = _child_import(source, store_path, probe, write_probe)
            payload = json.dumps(result)
            code = 0
        except BaseException:
            payload = traceback.format_exc()
        try:
            with os.fdopen(write_end, "w") as out:
                out.write(payload)
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as incoming:
        payload = incoming.read()
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == -signal.SIGALRM:
        raise AssertionError(f"the import did not finish within {seconds} s")
    assert code == 0, payload
    return json.loads(payload)
