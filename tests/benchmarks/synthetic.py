"""Generate a synthetic MLflow 3.17.2 FileStore (``mlruns``) quickly and reproducibly.

Files are written directly, in exactly the layout and format MLflow's FileStore
writes: experiment ``meta.yaml``, run ``meta.yaml`` (``yaml.safe_dump`` with
``default_flow_style=False, allow_unicode=True, sort_keys=True``), ``params/<key>``
and ``tags/<key>`` (value text, no trailing newline), ``metrics/<key>`` lines
``<ts_ms> <value> <step>``, and an empty ``artifacts/`` folder. ``/`` in a metric key
makes nested folders, as in MLflow. Everything derives from ``--seed``: the same
shape always gives the same ids, names and values (file times differ, of course).

Default shape: 10 experiments x 1,000 runs, each run with 10 params (numeric and
categorical), 5 metrics x 100 steps and 8 tags. Run statuses mix FINISHED (most),
FAILED, KILLED, RUNNING (crashed, never terminated) and deleted runs. A ``Default``
experiment ``0`` (empty) and an empty ``.trash/`` are written too, as MLflow does.

Usage (from the repository root)::

    uv run python -m tests.benchmarks.synthetic OUT_DIR [--experiments N]
        [--runs-per-experiment N] [--steps N] [--params N] [--metrics N]
        [--tags N] [--seed N] [--jobs N] [--check]

``--check`` reads a few generated runs back with ``MlflowClient`` and compares them
with what the generator meant to write.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import yaml

try:  # MLflow writes with the C dumper when it is available; the text is the same.
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

GENERATOR_VERSION = 1
BASE_TIME_MS = 1_750_000_000_000  # 2025-06-15, a fixed origin for all timestamps

STATUS_RUNNING, STATUS_FINISHED, STATUS_FAILED, STATUS_KILLED = 1, 3, 4, 5
STATUS_NAMES = {1: "RUNNING", 3: "FINISHED", 4: "FAILED", 5: "KILLED"}

_ADJECTIVES = (
    "bold",
    "brave",
    "calm",
    "eager",
    "happy",
    "keen",
    "lucky",
    "quick",
    "swift",
    "wise",
)
_NOUNS = ("bat", "cat", "crow", "fox", "hawk", "lynx", "owl", "seal", "wolf", "wren")
_USERS = ("alice", "bob", "carol", "dmitri", "eun-ji", "farid", "gaia", "hiro")
_BASE_METRICS = ("loss", "accuracy", "val/loss", "val/accuracy", "learning_rate")
_EXTRA_TAGS = ("mlflow.source.git.commit", "team", "stage", "dataset")


@dataclass(frozen=True, slots=True)
class Shape:
    """How big the synthetic store is; every field takes part in determinism."""

    experiments: int = 10
    runs_per_experiment: int = 1000
    params: int = 10
    metrics: int = 5
    steps: int = 100
    tags: int = 8
    seed: int = 0

    @property
    def runs(self) -> int:
        """Number of runs in the store."""
        return self.experiments * self.runs_per_experiment

    @property
    def metric_points(self) -> int:
        """Number of metric lines in the store (no duplicates are written)."""
        return self.runs * self.metrics * self.steps

    def describe(self) -> str:
        """One line for reports."""
        return (
            f"{self.experiments} experiments x {self.runs_per_experiment} runs "
            f"({self.runs:,} runs); per run {self.params} params, {self.metrics} "
            f"metrics x {self.steps} steps, {self.tags} tags; seed {self.seed}"
        )


@dataclass(slots=True)
class ExperimentSpec:
    """What one generated experiment folder holds."""

    index: int
    experiment_id: str
    name: str
    creation_time: int


@dataclass(slots=True)
class RunSpec:
    """What one generated run folder holds (metric rows are ``(ts, value, step)``)."""

    run_id: str
    experiment_id: str
    run_name: str
    user_id: str
    status: int
    start_time: int
    end_time: int | None
    deleted_time: int | None
    params: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    metrics: dict[str, list[tuple[int, float, int]]] = field(default_factory=dict)

    @property
    def lifecycle_stage(self) -> str:
        """``deleted`` when the run was deleted, else ``active``."""
        return "active" if self.deleted_time is None else "deleted"


def experiment_spec(shape: Shape, index: int) -> ExperimentSpec:
    """The ``index``-th experiment (0-based) of ``shape``."""
    rng = random.Random(f"exp:{shape.seed}:{index}")
    # MLflow 2.x+ draws random positive int64 ids (18-19 digits).
    experiment_id = str(rng.randrange(10**17, 2**63 - 1))
    return ExperimentSpec(
        index=index,
        experiment_id=experiment_id,
        name=f"synthetic-{index:03d}",
        creation_time=BASE_TIME_MS + index * 86_400_000,
    )


def experiment_specs(shape: Shape) -> list[ExperimentSpec]:
    """All experiments of ``shape``, with ids made unique."""
    specs = [experiment_spec(shape, i) for i in range(shape.experiments)]
    if len({s.experiment_id for s in specs}) != len(specs):  # pragma: no cover
        raise RuntimeError("experiment id collision; pick another seed")
    return specs


def run_spec(shape: Shape, exp: ExperimentSpec, index: int) -> RunSpec:
    """The ``index``-th run of experiment ``exp``; depends only on its arguments."""
    rng = random.Random(f"run:{shape.seed}:{exp.index}:{index}")
    run_id = uuid.UUID(int=rng.getrandbits(128), version=4).hex
    run_name = f"{rng.choice(_ADJECTIVES)}-{rng.choice(_NOUNS)}-{rng.randrange(1000)}"
    user = rng.choice(_USERS)
    start = exp.creation_time + 60_000 + index * 70_000 + rng.randrange(5_000)

    roll = rng.random()
    if roll < 0.01:
        status = STATUS_RUNNING  # a crashed run: never terminated
    elif roll < 0.02:
        status = STATUS_KILLED
    elif roll < 0.08:
        status = STATUS_FAILED
    else:
        status = STATUS_FINISHED

    metrics = _metrics(shape, rng, start)
    last_ts = max((rows[-1][0] for rows in metrics.values() if rows), default=start)
    end = None if status == STATUS_RUNNING else last_ts + rng.randrange(10, 2_000)
    deleted = None
    if status != STATUS_RUNNING and rng.random() < 0.02:
        deleted = (end or last_ts) + rng.randrange(60_000, 86_400_000)

    tags = {
        "mlflow.runName": run_name,
        "mlflow.user": user,
        "mlflow.source.name": rng.choice(
            ("train.py", "/home/researcher/project/train.py", "notebooks/exp.py")
        ),
        "mlflow.source.type": "LOCAL",
    }
    extra = list(_EXTRA_TAGS) + [
        f"tag_{i}" for i in range(max(0, shape.tags - 4 - len(_EXTRA_TAGS)))
    ]
    for key in extra[: max(0, shape.tags - 4)]:
        if key == "mlflow.source.git.commit":
            tags[key] = f"{rng.getrandbits(160):040x}"
        elif key == "team":
            tags[key] = rng.choice(("vision", "nlp", "ranking", "infra"))
        elif key == "stage":
            tags[key] = rng.choice(("dev", "staging", "prod"))
        elif key == "dataset":
            tags[key] = f"data-v{rng.randrange(1, 6)}"
        else:
            tags[key] = f"value-{rng.randrange(100)}"

    return RunSpec(
        run_id=run_id,
        experiment_id=exp.experiment_id,
        run_name=run_name,
        user_id=user,
        status=status,
        start_time=start,
        end_time=end,
        deleted_time=deleted,
        params=_params(shape, rng),
        tags=tags,
        metrics=metrics,
    )


def _params(shape: Shape, rng: random.Random) -> dict[str, str]:
    # MLflow stores str(value) of whatever was logged.
    makers = (
        ("learning_rate", lambda: str(round(10 ** rng.uniform(-5, -1), 6))),
        ("batch_size", lambda: str(rng.choice((16, 32, 64, 128, 256)))),
        ("epochs", lambda: str(rng.randrange(5, 200))),
        ("dropout", lambda: str(rng.choice((0.0, 0.1, 0.2, 0.3, 0.5)))),
        ("weight_decay", lambda: str(rng.choice((0.0, 1e-05, 0.0001, 0.001)))),
        ("optimizer", lambda: rng.choice(("adam", "adamw", "sgd", "rmsprop"))),
        ("model", lambda: rng.choice(("resnet18", "resnet50", "vit_b16", "mlp"))),
        ("activation", lambda: rng.choice(("relu", "gelu", "silu"))),
        ("seed", lambda: str(rng.randrange(100_000))),
        ("scheduler", lambda: rng.choice(("cosine", "step", "none"))),
    )
    params = {key: make() for key, make in makers[: shape.params]}
    for i in range(len(params), shape.params):
        params[f"param_{i}"] = str(rng.random()) if i % 2 else rng.choice("abcdef")
    return params


def _metrics(
    shape: Shape, rng: random.Random, start: int
) -> dict[str, list[tuple[int, float, int]]]:
    keys = list(_BASE_METRICS[: shape.metrics]) + [
        f"metric_{i}" for i in range(len(_BASE_METRICS), shape.metrics)
    ]
    noise = np.random.default_rng(rng.getrandbits(64))
    rate = rng.uniform(0.01, 0.08)
    lr0 = 10 ** rng.uniform(-4, -2)
    steps = np.arange(shape.steps)
    # All metrics of a step are logged at nearly the same time, as a training loop does.
    first = start + rng.randrange(100, 3_000)
    times = first + np.cumsum(noise.integers(50, 5_000, size=shape.steps))
    decay = np.exp(-rate * steps)
    step_list = steps.tolist()
    out: dict[str, list[tuple[int, float, int]]] = {}
    for n, key in enumerate(keys):
        if key.endswith("loss"):
            values = np.abs(2.5 * decay + noise.normal(0, 0.03, shape.steps))
        elif key.endswith("accuracy"):
            values = np.clip(1 - 0.9 * decay + noise.normal(0, 0.01, shape.steps), 0, 1)
        elif key == "learning_rate":
            values = lr0 * 0.5 * (1 + np.cos(np.pi * steps / shape.steps))
        else:
            values = noise.random(shape.steps)
        out[key] = list(
            zip((times + n).tolist(), values.tolist(), step_list, strict=True)
        )
    return out


def _dump_yaml(data: dict) -> bytes:
    return yaml.dump(
        data,
        default_flow_style=False,
        allow_unicode=True,
        sort_keys=True,
        Dumper=_Dumper,
    ).encode("utf-8")


def experiment_meta(exp: ExperimentSpec, root: Path) -> dict:
    """The experiment ``meta.yaml`` mapping MLflow 3.17.2 writes on creation."""
    return {
        "artifact_location": (root / exp.experiment_id).as_uri(),
        "creation_time": exp.creation_time,
        "effective_trace_archival_retention": None,
        "experiment_id": exp.experiment_id,
        "last_update_time": exp.creation_time,
        "lifecycle_stage": "active",
        "name": exp.name,
        "trace_location": None,
        "workspace": "default",
    }


def run_meta(run: RunSpec, root: Path) -> dict:
    """The run ``meta.yaml`` mapping, as MLflow 3.17.2 leaves it.

    ``create_run`` writes ``deleted_time: null``; terminating a run rewrites the file
    without it, and deleting a run rewrites it with the deletion time.
    """
    artifact_uri = (root / run.experiment_id / run.run_id / "artifacts").as_uri()
    meta = {
        "artifact_uri": artifact_uri,
        "end_time": run.end_time,
        "entry_point_name": "",
        "experiment_id": run.experiment_id,
        "lifecycle_stage": run.lifecycle_stage,
        "run_id": run.run_id,
        "run_name": run.run_name,
        "source_name": "",
        "source_type": 4,
        "source_version": "",
        "start_time": run.start_time,
        "status": run.status,
        "tags": [],
        "user_id": run.user_id,
    }
    if run.status == STATUS_RUNNING or run.deleted_time is not None:
        meta["deleted_time"] = run.deleted_time
    return meta


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def write_run(run: RunSpec, root: Path) -> None:
    """Write one run folder below ``root/<experiment_id>/``."""
    run_dir = os.path.join(root, run.experiment_id, run.run_id)
    os.mkdir(run_dir)
    _write(os.path.join(run_dir, "meta.yaml"), _dump_yaml(run_meta(run, root)))
    for sub in ("metrics", "params", "artifacts", "tags"):
        os.mkdir(os.path.join(run_dir, sub))
    for kind, values in (("params", run.params), ("tags", run.tags)):
        for key, value in values.items():
            _write(os.path.join(run_dir, kind, key), value.encode("utf-8"))
    metrics_dir = os.path.join(run_dir, "metrics")
    for key, rows in run.metrics.items():
        path = os.path.join(metrics_dir, key)
        if "/" in key:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        text = "".join(f"{ts} {value} {step}\n" for ts, value, step in rows)
        _write(path, text.encode("utf-8"))


def iter_runs(shape: Shape, exp: ExperimentSpec) -> Iterator[RunSpec]:
    """Every run of one experiment, in order."""
    for index in range(shape.runs_per_experiment):
        yield run_spec(shape, exp, index)


def _write_experiment(shape: Shape, index: int, root: str) -> int:
    exp = experiment_spec(shape, index)
    for run in iter_runs(shape, exp):
        write_run(run, Path(root))
    return shape.runs_per_experiment


def generate(shape: Shape, root: str | os.PathLike[str], *, jobs: int = 1) -> Path:
    """Write the whole store at ``root`` (which must not exist yet); returns it."""
    root_path = Path(os.path.abspath(root))
    if root_path.exists():
        raise FileExistsError(f"{root_path} exists; generate into a new folder")
    root_path.mkdir(parents=True)
    (root_path / ".trash").mkdir()
    default = ExperimentSpec(-1, "0", "Default", BASE_TIME_MS - 86_400_000)
    (root_path / "0").mkdir()
    _write(
        str(root_path / "0" / "meta.yaml"),
        _dump_yaml(experiment_meta(default, root_path)),
    )
    for exp in experiment_specs(shape):
        folder = root_path / exp.experiment_id
        folder.mkdir()
        _write(str(folder / "meta.yaml"), _dump_yaml(experiment_meta(exp, root_path)))
    indexes = range(shape.experiments)
    if jobs <= 1 or shape.experiments <= 1:
        for index in indexes:
            _write_experiment(shape, index, str(root_path))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            list(
                pool.map(
                    _write_experiment,
                    [shape] * len(indexes),
                    indexes,
                    [str(root_path)] * len(indexes),
                )
            )
    return root_path


def sample_runs(shape: Shape) -> list[RunSpec]:
    """A few runs worth checking: first, last, and one of each unusual kind."""
    exps = experiment_specs(shape)
    picked: dict[str, RunSpec] = {}
    first = run_spec(shape, exps[0], 0)
    picked["first"] = first
    last_exp = exps[-1]
    picked["last"] = run_spec(shape, last_exp, shape.runs_per_experiment - 1)
    for run in iter_runs(shape, exps[0]):
        if run.status == STATUS_RUNNING:
            picked.setdefault("running", run)
        if run.deleted_time is not None:
            picked.setdefault("deleted", run)
        if run.status == STATUS_FAILED:
            picked.setdefault("failed", run)
        if len(picked) >= 5:
            break
    return list(picked.values())


def check_with_mlflow(shape: Shape, root: str | os.PathLike[str]) -> list[str]:
    """Read sample runs back with ``MlflowClient``; returns differences (none = ok)."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    root_path = Path(os.path.abspath(root))
    client = MlflowClient(tracking_uri=root_path.as_uri())
    diffs: list[str] = []

    def same(what: str, got: object, want: object) -> None:
        if got != want:
            diffs.append(f"{what}: MLflow read {got!r}, generator wrote {want!r}")

    for exp in experiment_specs(shape)[:2]:
        got = client.get_experiment(exp.experiment_id)
        meta = experiment_meta(exp, root_path)
        same(f"experiment {exp.experiment_id} name", got.name, exp.name)
        same("artifact_location", got.artifact_location, meta["artifact_location"])
        same("lifecycle_stage", got.lifecycle_stage, "active")
        same("creation_time", got.creation_time, exp.creation_time)
        same("last_update_time", got.last_update_time, exp.creation_time)
    for spec in sample_runs(shape):
        run = client.get_run(spec.run_id)
        info = run.info
        where = f"run {spec.run_id}"
        same(f"{where} run_name", info.run_name, spec.run_name)
        same(f"{where} experiment_id", info.experiment_id, spec.experiment_id)
        same(f"{where} status", info.status, STATUS_NAMES[spec.status])
        same(f"{where} start_time", info.start_time, spec.start_time)
        same(f"{where} end_time", info.end_time, spec.end_time)
        same(f"{where} lifecycle_stage", info.lifecycle_stage, spec.lifecycle_stage)
        same(f"{where} user_id", info.user_id, spec.user_id)
        same(
            f"{where} artifact_uri",
            info.artifact_uri,
            run_meta(spec, root_path)["artifact_uri"],
        )
        same(f"{where} params", run.data.params, spec.params)
        same(f"{where} tags", run.data.tags, spec.tags)
        latest = {
            k: max(rows, key=lambda r: (r[2], r[0], r[1]))
            for k, rows in spec.metrics.items()
        }
        same(f"{where} metrics", run.data.metrics, {k: r[1] for k, r in latest.items()})
        for key, rows in spec.metrics.items():
            history = client.get_metric_history(spec.run_id, key)
            got_rows = [(m.timestamp, m.value, m.step) for m in history]
            same(f"{where} history {key}", got_rows, rows)
        if spec.deleted_time is not None:
            with open(root_path / spec.experiment_id / spec.run_id / "meta.yaml") as f:
                same(
                    f"{where} deleted_time",
                    yaml.safe_load(f)["deleted_time"],
                    spec.deleted_time,
                )
    return diffs


def shape_from_args(args: argparse.Namespace) -> Shape:
    """A :class:`Shape` from parsed :func:`add_shape_arguments` options."""
    return Shape(
        experiments=args.experiments,
        runs_per_experiment=args.runs_per_experiment,
        params=args.params,
        metrics=args.metrics,
        steps=args.steps,
        tags=args.tags,
        seed=args.seed,
    )


def add_shape_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``--experiments ... --seed`` options of :class:`Shape`."""
    d = Shape()
    group = parser.add_argument_group("store shape")
    group.add_argument("--experiments", type=int, default=d.experiments, metavar="N")
    group.add_argument(
        "--runs-per-experiment", type=int, default=d.runs_per_experiment, metavar="N"
    )
    group.add_argument("--params", type=int, default=d.params, metavar="N")
    group.add_argument("--metrics", type=int, default=d.metrics, metavar="N")
    group.add_argument(
        "--steps", type=int, default=d.steps, metavar="N", help="metric steps"
    )
    group.add_argument(
        "--tags", type=int, default=d.tags, metavar="N", help="at least 4"
    )
    group.add_argument("--seed", type=int, default=d.seed, metavar="N")


def shape_dict(shape: Shape) -> dict:
    """The shape plus the generator version, for reuse markers and reports."""
    return {"generator_version": GENERATOR_VERSION, **asdict(shape)}


def main(argv: list[str] | None = None) -> int:
    """Command line: generate a store (and optionally check it with MLflow)."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.synthetic",
        description="Write a synthetic MLflow 3.17.2 FileStore (mlruns) folder.",
    )
    parser.add_argument("out", type=Path, help="the mlruns folder to create")
    add_shape_arguments(parser)
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="writer processes (default 1: parallel writers were slower here)",
    )
    parser.add_argument(
        "--check", action="store_true", help="read sample runs back with MLflow"
    )
    args = parser.parse_args(argv)
    shape = shape_from_args(args)
    started = time.perf_counter()
    root = generate(shape, args.out, jobs=args.jobs)
    print(f"{root}: {shape.describe()} in {time.perf_counter() - started:.1f} s")
    if args.check:
        diffs = check_with_mlflow(shape, root)
        for diff in diffs:
            print(diff, file=sys.stderr)
        print("MLflow check:", "FAILED" if diffs else "ok")
        return 1 if diffs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
