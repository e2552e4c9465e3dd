"""Find experiments in an ``mlruns`` root and read their metadata and logged models."""

from __future__ import annotations

import os
from dataclasses import dataclass

from desktop.core.enums import DELETED, lifecycle_stage
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import (
    ExperimentRecord,
    LoggedModelRecord,
    ModelMetricPoint,
    Problem,
)
from desktop.sources.mlruns.artifacts import resolve_artifact_root
from desktop.sources.mlruns.files import (
    Report,
    as_int,
    as_str,
    entry_is_dir,
    entry_kind,
    read_key_files,
    read_text,
    read_yaml,
    scandir,
)

RESERVED_ROOT = frozenset({".trash", "models"})
RESERVED_EXPERIMENT = frozenset({"tags", "datasets", "traces", "models"})


@dataclass(slots=True)
class ExperimentFolder:
    """An experiment found on disk with the run folders it holds."""

    record: ExperimentRecord
    path: str
    run_dirs: list[str]
    listed: bool  # False when the folder could not be listed (keep what we had)


def looks_like_mlruns(path: str) -> bool:
    """Whether ``path`` is an ``mlruns`` root (experiment folders, .trash or models)."""
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                if not entry.is_dir():
                    continue
                if entry.name in RESERVED_ROOT:
                    return True
                if os.path.isfile(os.path.join(entry.path, "meta.yaml")):
                    return True
    except OSError:
        return False
    return False


def find_root(path: str) -> str:
    """Return the ``mlruns`` folder for a path that is one or contains one."""
    path = os.path.abspath(path)
    nested = os.path.join(path, "mlruns")
    if not looks_like_mlruns(path) and os.path.isdir(nested):
        return nested
    return path


def list_experiment_dirs(root: str, report: Report) -> list[str] | None:
    """Experiment folders as MLflow lists them: root subfolders plus ``.trash/*``."""
    entries = scandir(root, report)
    if entries is None:
        if not os.path.isdir(root):
            report(Problem(root, QT_TRANSLATE_NOOP("Problems", "folder not found")))
        return None
    dirs: list[str] = []
    for entry in entries:
        if entry.name in RESERVED_ROOT or entry.name.startswith("."):
            continue
        if entry_is_dir(entry, root, report):
            dirs.append(entry.path)
    trash = os.path.join(root, ".trash")
    if os.path.isdir(trash):
        for entry in scandir(trash, report) or []:
            if entry_is_dir(entry, root, report):
                dirs.append(entry.path)
    return sorted(dirs)


def read_experiment(path: str, root: str, report: Report) -> ExperimentFolder | None:
    """Read an experiment folder's ``meta.yaml``, tags and run folder list."""
    meta_path = os.path.join(path, "meta.yaml")
    try:
        os.stat(meta_path)
    except FileNotFoundError:
        report(
            Problem(
                path,
                QT_TRANSLATE_NOOP(
                    "Problems", "not an experiment folder (no meta.yaml); skipped"
                ),
            )
        )
        return None
    except PermissionError:
        report(Problem(path, QT_TRANSLATE_NOOP("Problems", "permission denied")))
        return None
    except OSError as exc:
        report(
            Problem(
                meta_path,
                QT_TRANSLATE_NOOP("Problems", "cannot read: {0}").format(
                    exc.strerror or exc
                ),
            )
        )
        return None
    meta = read_yaml(meta_path, report)
    if meta is None:
        return None
    exp_id = as_str(meta.get("experiment_id"))
    if exp_id != os.path.basename(path):
        report(
            Problem(
                meta_path,
                QT_TRANSLATE_NOOP(
                    "Problems",
                    "experiment_id {0!r} does not match the folder name; "
                    "MLflow ignores this experiment",
                ).format(exp_id),
            )
        )
        return None
    # Only the tags/ folder counts: meta.yaml may hold a stale snapshot (§2.2).
    tags = read_key_files(os.path.join(path, "tags"), root, report)
    record = ExperimentRecord(
        experiment_id=exp_id,
        name=as_str(meta.get("name")) or exp_id,
        artifact_location=as_str(meta.get("artifact_location")),
        # MLflow 1.x moved a deleted experiment to .trash/ but left its meta.yaml
        # saying active; MLflow treats it as deleted because of where it is.
        lifecycle_stage=DELETED
        if os.path.basename(os.path.dirname(path)) == ".trash"
        else lifecycle_stage(meta.get("lifecycle_stage")),
        creation_time=as_int(meta.get("creation_time")),
        last_update_time=as_int(meta.get("last_update_time")),
        tags=tags,
        location=path,
    )
    entries = scandir(path, report)
    run_dirs: list[str] = []
    for entry in entries or []:
        if entry.name in RESERVED_EXPERIMENT or not entry_is_dir(entry, root, report):
            continue
        run_dirs.append(entry.path)
    run_dirs.sort()
    return ExperimentFolder(record, path, run_dirs, entries is not None)


def read_logged_models(
    experiment_dir: str, experiment_id: str, root: str, report: Report
) -> list[LoggedModelRecord]:
    """Read MLflow 3 logged models in ``<exp>/models/<model_id>/``."""
    models: list[LoggedModelRecord] = []
    for entry in scandir(os.path.join(experiment_dir, "models"), report) or []:
        if not entry_is_dir(entry, root, report):
            continue
        meta = read_yaml(os.path.join(entry.path, "meta.yaml"), report)
        if meta is None:
            continue
        model_id = as_str(meta.get("model_id")) or entry.name
        location = as_str(meta.get("artifact_location"))
        rel = f"{experiment_id}/models/{model_id}/artifacts"
        models.append(
            LoggedModelRecord(
                model_id=model_id,
                experiment_id=experiment_id,
                name=as_str(meta.get("name")) or model_id,
                artifact_location=location,
                artifact_root=resolve_artifact_root(
                    location, os.path.join(entry.path, "artifacts"), rel, root
                ),
                creation_timestamp=as_int(meta.get("creation_timestamp")),
                last_updated_timestamp=as_int(meta.get("last_updated_timestamp")),
                status=as_int(meta.get("status")),
                status_message=as_str(meta.get("status_message")),
                source_run_id=as_str(meta.get("source_run_id")),
                model_type=as_str(meta.get("model_type")),
                lifecycle_stage=lifecycle_stage(meta.get("lifecycle_stage")),
                params=read_key_files(os.path.join(entry.path, "params"), root, report),
                tags=read_key_files(os.path.join(entry.path, "tags"), root, report),
                metrics=_read_model_metrics(
                    os.path.join(entry.path, "metrics"), root, report
                ),
            )
        )
    models.sort(key=lambda m: m.model_id)
    return models


def _read_model_metrics(
    folder: str, root: str, report: Report
) -> list[ModelMetricPoint]:
    points: list[ModelMetricPoint] = []
    stack = [(folder, "")]
    while stack:
        current, prefix = stack.pop()
        for entry in scandir(current, report) or []:
            key = prefix + entry.name
            kind = entry_kind(entry, root, report, follow_dir_links=False)
            if kind == "dir":
                stack.append((entry.path, key + "/"))
                continue
            if kind is None:
                continue
            text = read_text(entry.path, report) or ""
            for number, line in enumerate(text.splitlines(), start=1):
                parts = line.split()
                if not parts:
                    continue
                try:
                    point = ModelMetricPoint(
                        key, float(parts[1]), int(parts[0]), int(parts[2]), parts[3]
                    )
                    if len(parts) >= 6:
                        point.dataset_name = " ".join(parts[4:-1])
                        point.dataset_digest = parts[-1]
                except (IndexError, ValueError):
                    report(
                        Problem(
                            entry.path,
                            QT_TRANSLATE_NOOP(
                                "Problems",
                                "line {0}: unreadable model metric line skipped",
                            ).format(number),
                        )
                    )
                    continue
                points.append(point)
    return points
