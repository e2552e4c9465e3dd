"""Read experiments (with tags) and MLflow 3 logged models from a database."""

from __future__ import annotations

import math
import os

from desktop.core.enums import lifecycle_stage
from desktop.core.records import ExperimentRecord, LoggedModelRecord, ModelMetricPoint
from desktop.sources.mlflow_db.artifacts import resolve_db_artifact_root
from desktop.sources.mlflow_db.cells import as_int, as_text
from desktop.sources.mlflow_db.connection import Rows
from desktop.sources.mlflow_db.metrics import stored_value
from desktop.sources.mlflow_db.schema import DbSchema


def _int(value: object) -> int | None:
    return as_int(value)[0]


def _text(value: object) -> str | None:
    return as_text(value)[0]


def _number(value: object) -> float:
    """A stored metric value; NaN for one that is not a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return stored_value(value)
    return math.nan


def read_experiments(
    rows: Rows, schema: DbSchema, db_path: str
) -> list[ExperimentRecord]:
    """Every experiment (active and deleted), ids as strings as MLflow shows them."""
    creation = schema.column_or("experiments", "creation_time", "NULL")
    update = schema.column_or("experiments", "last_update_time", "NULL")
    found = rows(
        "SELECT experiment_id, name, artifact_location, lifecycle_stage, "
        f"{creation}, {update} FROM experiments",
    )
    tags: dict[str, dict[str, str]] = {}
    if schema.has("experiment_tags"):
        for exp_id, key, value in rows(
            "SELECT experiment_id, key, value FROM experiment_tags"
        ):
            tags.setdefault(str(exp_id), {})[_text(key) or ""] = _text(value) or ""
    records = [
        ExperimentRecord(
            experiment_id=str(row[0]),
            name=_text(row[1]) if row[1] is not None else str(row[0]),
            artifact_location=_text(row[2]),
            lifecycle_stage=lifecycle_stage(row[3]),
            creation_time=_int(row[4]),
            last_update_time=_int(row[5]),
            tags=tags.get(str(row[0]), {}),
            location=db_path,
        )
        for row in found
    ]
    records.sort(key=lambda e: e.experiment_id)
    return records


def read_logged_models(
    rows: Rows, schema: DbSchema, db_path: str
) -> dict[str, list[LoggedModelRecord]]:
    """MLflow 3 logged models by experiment id (empty before MLflow 3)."""
    if not schema.has("logged_models"):
        return {}
    db_dir = os.path.dirname(db_path)
    models: dict[str, LoggedModelRecord] = {}
    for row in rows(
        "SELECT model_id, experiment_id, name, artifact_location, "
        "creation_timestamp_ms, last_updated_timestamp_ms, status, status_message, "
        "source_run_id, model_type, lifecycle_stage FROM logged_models",
    ):
        model_id, exp_id = str(row[0]), str(row[1])
        location = _text(row[3])
        models[model_id] = LoggedModelRecord(
            model_id=model_id,
            experiment_id=exp_id,
            name=_text(row[2]) or model_id,
            artifact_location=location,
            artifact_root=resolve_db_artifact_root(
                location, db_dir, f"{exp_id}/models/{model_id}/artifacts"
            ),
            creation_timestamp=_int(row[4]),
            last_updated_timestamp=_int(row[5]),
            status=_int(row[6]),
            status_message=_text(row[7]),
            source_run_id=_text(row[8]),
            model_type=_text(row[9]),
            lifecycle_stage=lifecycle_stage(row[10]),
        )
    if schema.has("logged_model_params"):
        for model_id, key, value in rows(
            "SELECT model_id, param_key, param_value FROM logged_model_params"
        ):
            if model_id in models:
                models[model_id].params[_text(key) or ""] = _text(value) or ""
    if schema.has("logged_model_tags"):
        for model_id, key, value in rows(
            "SELECT model_id, tag_key, tag_value FROM logged_model_tags"
        ):
            if model_id in models:
                models[model_id].tags[_text(key) or ""] = _text(value) or ""
    if schema.has("logged_model_metrics"):
        for row in rows(
            "SELECT model_id, metric_name, metric_value, metric_timestamp_ms, "
            "metric_step, run_id, dataset_name, dataset_digest "
            "FROM logged_model_metrics",
        ):
            model = models.get(row[0])
            if model is not None:
                model.metrics.append(
                    ModelMetricPoint(
                        key=_text(row[1]) or "",
                        value=_number(row[2]),
                        timestamp=_int(row[3]) or 0,
                        step=_int(row[4]) or 0,
                        run_id=_text(row[5]),
                        dataset_name=_text(row[6]),
                        dataset_digest=_text(row[7]),
                    )
                )
    by_experiment: dict[str, list[LoggedModelRecord]] = {}
    for model in sorted(models.values(), key=lambda m: m.model_id):
        model.metrics.sort(key=lambda m: (m.key, m.step, m.timestamp))
        by_experiment.setdefault(model.experiment_id, []).append(model)
    return by_experiment
