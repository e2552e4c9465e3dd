"""Read the same data two ways and reduce both to plain, comparable values.

``Expected`` asks MLflow (``MlflowClient`` on a FileStore); ``Imported`` asks our
store after ``run_import``. Every ``*_fields`` helper turns one side's object into
dicts/lists of plain values, so tests compare with ``==`` and get readable diffs.
Floats are compared through ``repr`` (``'nan'``, ``'inf'``, exact digits), which
makes NaN equal to NaN without losing precision.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.services.import_pipeline import ImportReport
from desktop.store import queries
from desktop.store.database import Store
from tests.conformance.conformance_writer import Written

SECONDS_THRESHOLD = 10**11
RUN_SUBFOLDERS = ("metrics", "params", "artifacts")
MODEL_STATUS = {"UNSPECIFIED": 0, "PENDING": 1, "READY": 2, "FAILED": 3}


def num(value: float) -> str:
    """A float as exact, NaN-aware text."""
    return repr(float(value))


def as_ms(timestamps: list[int]) -> list[int]:
    """Our documented rule: a history whose timestamps are all below 1e11 was
    logged in seconds (MLflow 1.0 clients) and is shown in milliseconds."""
    if timestamps and 0 < max(timestamps) < SECONDS_THRESHOLD:
        return [t * 1000 for t in timestamps]
    return timestamps


def history_set(points: Iterable[tuple[int, int, float]]) -> list[tuple]:
    """De-duplicated ``(step, timestamp, value)`` points, sorted."""
    return sorted({(int(s), int(t), num(v)) for s, t, v in points})


# --------------------------------------------------------------------------- MLflow
@dataclass
class Expected:
    """What MLflow itself reads from a FileStore folder."""

    client: object  # mlflow.MlflowClient
    root: Path

    def experiments(self) -> dict[str, object]:
        from mlflow.entities import ViewType

        found = self.client.search_experiments(view_type=ViewType.ALL)
        return {e.experiment_id: e for e in found}

    def runs(self) -> dict[str, object]:
        """Every run (active and deleted) of every experiment, by run id."""
        from mlflow.entities import ViewType

        runs = {}
        for exp_id in self.experiments():
            token = None
            while True:
                page = self.client.search_runs(
                    [exp_id],
                    run_view_type=ViewType.ALL,
                    max_results=1000,
                    page_token=token,
                )
                runs.update((r.info.run_id, r) for r in page)
                token = page.token
                if not token:
                    break
        return runs

    def histories(self, run) -> dict[str, list[tuple]]:
        """Full metric histories of a run, seconds converted as we document."""
        out = {}
        for key in run.data.metrics:
            points = self.client.get_metric_history(run.info.run_id, key)
            steps = [m.step for m in points]
            if any(m.dataset_name is not None for m in points):
                steps = self.written_steps(run, key, points)
            stamps = as_ms([m.timestamp for m in points])
            out[key] = history_set(
                (s, t, m.value) for m, s, t in zip(points, steps, stamps, strict=True)
            )
        return out

    def written_steps(self, run, key: str, points: list) -> list[int]:
        """Steps of a metric logged with a dataset, as MLflow wrote them.

        MLflow 3.17.2's FileStore reads ``step = 0`` from every 5-field line
        (``_get_metric_from_line``: ``int(parts[2]) if len(parts) == 3 else 0``)
        although it wrote the real step there; we keep the written step, as MLflow's
        own ``migrate-filestore`` parser (``fs2db._parse_metric_line``) does. Lines are
        in file order on both sides, so they pair up one to one.
        """
        from mlflow.store.fs2db._tracking import _parse_metric_line

        path = self.run_dir(run) / "metrics" / key
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        parsed = [_parse_metric_line(line) for line in lines]
        assert [(ts, num(v)) for ts, v, _ in parsed] == [
            (m.timestamp, num(m.value)) for m in points
        ]
        return [step for _, _, step in parsed]

    def artifacts(self, run) -> list[tuple[str, int]]:
        """Recursive artifact listing; falls back as documented (§2.7).

        When the recorded ``artifact_uri`` path does not exist here (a copied folder
        written on another machine) MLflow lists nothing; we document that we list
        the ``artifacts/`` folder next to the run instead, so the expectation is
        MLflow's own local repository listing of that folder.
        """
        from mlflow.store.artifact.local_artifact_repo import LocalArtifactRepository
        from mlflow.utils.file_utils import local_file_uri_to_path

        recorded = local_file_uri_to_path(run.info.artifact_uri)
        if os.path.isdir(recorded):
            return client_artifacts(self.client, run.info.run_id)
        own = self.run_dir(run) / "artifacts"
        if not own.is_dir():
            return []
        repo = LocalArtifactRepository(own.as_uri())
        return walk_artifacts(repo.list_artifacts)

    def run_dir(self, run) -> Path:
        exp, run_id = run.info.experiment_id, run.info.run_id
        active = self.root / exp / run_id
        return active if active.is_dir() else self.root / ".trash" / exp / run_id

    def logged_models(self) -> dict[str, object]:
        models = {}
        for exp_id in self.experiments():
            token = None
            while True:
                page = self.client.search_logged_models(
                    experiment_ids=[exp_id], page_token=token
                )
                models.update((m.model_id, m) for m in page)
                token = page.token
                if not token:
                    break
        return models

    def latest(self, run) -> dict[str, float]:
        """The latest value of each metric, as MLflow returns it."""
        return run.data.metrics

    def model_links(self, run) -> list[tuple]:
        """The run's model inputs and outputs."""
        return mlflow_model_links(run)

    def model_fields(self) -> dict[str, dict]:
        """Every logged model, by id, in comparable form."""
        return {k: mlflow_model_fields(m) for k, m in self.logged_models().items()}


def client_artifacts(client, run_id: str) -> list[tuple[str, int]]:
    """A run's artifacts as an ``MlflowClient`` lists them (:func:`walk_artifacts`)."""
    return walk_artifacts(lambda path: client.list_artifacts(run_id, path))


def walk_artifacts(list_dir) -> list[tuple[str, int]]:
    """Every file under an artifact listing, recursively: sorted (path, size)."""
    files, pending = [], [None]
    while pending:
        for info in list_dir(pending.pop()):
            if info.is_dir:
                pending.append(info.path)
            else:
                files.append((info.path, info.file_size))
    return sorted(files)


# ---------------------------------------------------------------------- our store
class Imported:
    """Everything one source holds in our store, loaded eagerly (the data is small)."""

    def __init__(self, store: Store, source_id: int) -> None:
        with store.engine.connect() as conn:
            infos = queries.list_experiments(conn, source_ids=[source_id])
            self.experiments = {e.experiment_id: e for e in infos}
            pks = queries.run_pks(conn, [e.pk for e in infos])
            details = queries.run_details(conn, pks)
            self.runs = {r.run_id: r for r in details}
            self.histories = {
                r.run_id: queries.metric_histories(conn, r.pk) for r in details
            }
            self.artifacts = {
                r.run_id: queries.artifact_files(conn, r.pk) for r in details
            }
            self.datasets = {
                r.run_id: queries.run_datasets(conn, r.pk) for r in details
            }
            self.model_links = {
                r.run_id: queries.run_models(conn, r.pk) for r in details
            }
            models = queries.logged_models(conn, [e.pk for e in infos])
            self.logged_models = {m.model_id: m for m in models}
            self.problems = queries.source_problems(conn, source_id)


@dataclass
class Case:
    """One folder as MLflow reads it and as we imported it."""

    name: str
    source: Path  # the folder we imported
    oracle_root: Path  # the folder MLflow reads (the same, or a repaired copy)
    expected: Expected
    imported: Imported
    report: ImportReport
    store: Store
    untouched: bool  # the import left the source tree byte-for-byte unchanged
    written: Written | None = None


# ------------------------------------------------------------- comparable fields
def experiment_fields(exp) -> dict:
    """Experiment fields from an MLflow ``Experiment`` or our ``ExperimentInfo``."""
    return {
        "experiment_id": exp.experiment_id,
        "name": exp.name,
        "lifecycle_stage": exp.lifecycle_stage,
        "artifact_location": exp.artifact_location,
        "creation_time": exp.creation_time,
        "last_update_time": exp.last_update_time,
        "tags": dict(exp.tags),
    }


def mlflow_run_fields(run) -> dict:
    info = run.info
    return {
        "experiment_id": info.experiment_id,
        "run_name": info.run_name,
        "status": info.status,
        "lifecycle_stage": info.lifecycle_stage,
        "start_time": info.start_time,
        "end_time": info.end_time,
        "user_id": info.user_id,
        "artifact_uri": info.artifact_uri,
    }


def our_run_fields(run) -> dict:
    return {
        "experiment_id": run.experiment_id,
        "run_name": run.run_name,
        "status": run.status,
        "lifecycle_stage": run.lifecycle_stage,
        "start_time": run.start_time,
        "end_time": run.end_time,
        "user_id": run.user_id,
        "artifact_uri": run.artifact_uri,
    }


def mlflow_datasets(run) -> list[tuple]:
    inputs = run.inputs.dataset_inputs if run.inputs else []
    return sorted(
        (
            d.dataset.name,
            d.dataset.digest,
            d.dataset.source_type,
            d.dataset.source,
            d.dataset.schema,
            d.dataset.profile,
            tuple(sorted((t.key, t.value) for t in d.tags)),
        )
        for d in inputs
    )


def our_datasets(datasets) -> list[tuple]:
    return sorted(
        (
            d.name,
            d.digest,
            d.source_type,
            d.source,
            d.schema,
            d.profile,
            tuple(sorted(d.tags.items())),
        )
        for d in datasets
    )


def mlflow_model_links(run) -> list[tuple]:
    inputs = run.inputs.model_inputs if run.inputs else []
    outputs = run.outputs.model_outputs if run.outputs else []
    links = [(m.model_id, "input", None) for m in inputs]
    links += [(m.model_id, "output", m.step) for m in outputs]
    return sorted(links, key=repr)


def our_model_links(links) -> list[tuple]:
    return sorted(((m.model_id, m.direction, m.step) for m in links), key=repr)


def mlflow_model_fields(model) -> dict:
    return {
        "experiment_id": model.experiment_id,
        "name": model.name,
        "artifact_location": model.artifact_location,
        "creation_timestamp": model.creation_timestamp,
        "last_updated_timestamp": model.last_updated_timestamp,
        "status": MODEL_STATUS[str(model.status.value)],
        "status_message": model.status_message,
        "source_run_id": model.source_run_id,
        "model_type": model.model_type,
        "params": dict(model.params),
        "tags": dict(model.tags),
        "metrics": sorted(
            (
                m.key,
                num(m.value),
                m.timestamp,
                m.step,
                m.run_id,
                m.dataset_name,
                m.dataset_digest,
            )
            for m in model.metrics or []
        ),
    }


def our_model_fields(model) -> dict:
    return {
        "experiment_id": model.experiment_id,
        "name": model.name,
        "artifact_location": model.artifact_location,
        "creation_timestamp": model.creation_timestamp,
        "last_updated_timestamp": model.last_updated_timestamp,
        "status": model.status,
        "status_message": model.status_message,
        "source_run_id": model.source_run_id,
        "model_type": model.model_type,
        "params": dict(model.params),
        "tags": dict(model.tags),
        "metrics": sorted(
            (
                m.key,
                num(m.value),
                m.timestamp,
                m.step,
                m.run_id,
                m.dataset_name,
                m.dataset_digest,
            )
            for m in model.metrics
        ),
    }


def tree_digest(root: Path) -> dict[str, tuple]:
    """Every entry below ``root`` with its mtime (ns) and, for files, a content hash."""
    out: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            path = os.path.join(folder, name)
            out[os.path.relpath(path, root)] = ("dir", os.lstat(path).st_mtime_ns)
        for name in files:
            path = os.path.join(folder, name)
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            out[os.path.relpath(path, root)] = (digest, os.lstat(path).st_mtime_ns)
    return out


def assert_same(ours: dict, expected: dict, what: str) -> None:
    """Same ids on both sides (none missing, none extra), then equal values per id
    (so a failure shows the one differing item in full)."""
    missing = sorted(set(expected) - set(ours))
    extra = sorted(set(ours) - set(expected))
    assert missing == [], f"{what}: not imported though MLflow lists them"
    assert extra == [], f"{what}: imported though MLflow does not list them"
    for key, value in expected.items():
        assert ours[key] == value, f"{what} {key!r} differs from MLflow"


def restore_run_subfolders(root: Path) -> int:
    """Re-create the empty ``metrics/``, ``params/``, ``artifacts/`` folders that git
    dropped from the samples (mlflow-formats.md §2.4): MLflow 3 refuses runs without
    them, while MLflow wrote them originally. Returns how many were missing."""
    missing = 0
    for meta in [*root.glob("*/*/meta.yaml"), *root.glob(".trash/*/*/meta.yaml")]:
        run_dir = meta.parent
        if run_dir.parent.name in ("models", "datasets", "traces", "tags"):
            continue
        for name in RUN_SUBFOLDERS:
            if not (run_dir / name).is_dir():
                (run_dir / name).mkdir()
                missing += 1
    return missing
