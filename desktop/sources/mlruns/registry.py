"""Read the model registry of an ``mlruns`` root (MLflow's registry FileStore).

The layout (``mlflow/store/model_registry/file_store.py``)::

    models/<name>/meta.yaml                  name, description, times
    models/<name>/tags/<key>                 one file per tag (folders for ``/``)
    models/<name>/aliases/<alias>            the version number
    models/<name>/version-<n>/meta.yaml      version, run_id, source, stage, status...
    models/<name>/version-<n>/tags/<key>

A version whose stage is ``Deleted_Internal`` was deleted and is skipped. A file
that cannot be read is reported and skipped; the rest is read.
"""

from __future__ import annotations

import os

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import Problem
from desktop.core.registry import (
    DELETED_STAGE,
    ModelVersionRecord,
    RegisteredModelRecord,
    without_prompts,
)
from desktop.sources.mlruns.files import (
    Report,
    as_int,
    as_str,
    entry_is_dir,
    is_inside,
    read_key_files,
    read_yaml,
    scandir,
)

MODELS_FOLDER = "models"
_VERSION_PREFIX = "version-"


def registry_folder(root: str) -> str:
    """Where an ``mlruns`` root keeps its registered models."""
    return os.path.join(root, MODELS_FOLDER)


def read_registry(root: str, report: Report) -> list[RegisteredModelRecord]:
    """Every registered model below ``root/models`` (none when there is no such
    folder), prompts left out, sorted by name."""
    models: list[RegisteredModelRecord] = []
    for entry in scandir(registry_folder(root), report) or []:
        if entry.name.startswith(".") or not entry_is_dir(entry, root, report):
            continue
        model = _read_model(entry.path, entry.name, root, report)
        if model is not None:
            models.append(model)
    return without_prompts(models)


def _read_meta(path: str, root: str, report: Report) -> dict | None:
    """A ``meta.yaml`` (a link to outside ``root`` is reported, not read)."""
    if os.path.islink(path) and not is_inside(path, root):
        report(
            Problem(
                path,
                QT_TRANSLATE_NOOP(
                    "Problems", "link points outside the source folder; skipped"
                ),
            )
        )
        return None
    return read_yaml(path, report)


def _read_model(
    path: str, folder_name: str, root: str, report: Report
) -> RegisteredModelRecord | None:
    meta = _read_meta(os.path.join(path, "meta.yaml"), root, report)
    if meta is None:
        return None
    aliases: dict[str, int] = {}
    alias_dir = os.path.join(path, "aliases")
    for alias, text in read_key_files(alias_dir, root, report).items():
        version = as_int(text.strip())
        if version is None:
            report(
                Problem(
                    os.path.join(alias_dir, alias),
                    QT_TRANSLATE_NOOP(
                        "Problems", "not a model version number: {0!r}; skipped"
                    ).format(text[:40]),
                )
            )
            continue
        aliases[alias] = version
    versions: dict[int, ModelVersionRecord] = {}
    for entry in scandir(path, report) or []:
        if not entry.name.startswith(_VERSION_PREFIX):
            continue
        if not entry_is_dir(entry, root, report):
            continue
        found = _read_version(entry.path, root, report)
        if found is not None and found.version not in versions:
            versions[found.version] = found
    return RegisteredModelRecord(
        name=as_str(meta.get("name")) or folder_name,
        description=as_str(meta.get("description")),
        creation_time=as_int(meta.get("creation_timestamp")),
        last_updated_time=as_int(meta.get("last_updated_timestamp")),
        tags=read_key_files(os.path.join(path, "tags"), root, report),
        aliases=dict(sorted(aliases.items())),
        versions=[versions[v] for v in sorted(versions)],
    )


def _read_version(path: str, root: str, report: Report) -> ModelVersionRecord | None:
    meta_path = os.path.join(path, "meta.yaml")
    meta = _read_meta(meta_path, root, report)
    if meta is None:
        return None
    number = as_int(meta.get("version"))
    if number is None:
        number = as_int(os.path.basename(path)[len(_VERSION_PREFIX) :])
    if number is None:
        report(
            Problem(
                meta_path,
                QT_TRANSLATE_NOOP("Problems", "no model version number; skipped"),
            )
        )
        return None
    stage = as_str(meta.get("current_stage"))
    if stage == DELETED_STAGE:
        return None
    return ModelVersionRecord(
        version=number,
        run_id=as_str(meta.get("run_id")) or None,
        source=as_str(meta.get("source")),
        status=as_str(meta.get("status")),
        stage=stage,
        description=as_str(meta.get("description")),
        creation_time=as_int(meta.get("creation_timestamp")),
        last_updated_time=as_int(meta.get("last_updated_timestamp")),
        model_id=as_str(meta.get("model_id")),
        tags=read_key_files(os.path.join(path, "tags"), root, report),
    )
