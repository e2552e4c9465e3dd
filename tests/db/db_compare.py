"""What MLflow reads from a database, in the comparable form of ``tests/conformance``.

:class:`ExpectedDb` asks ``MlflowClient`` on a ``sqlite:///`` URI. Two documented
differences are applied to MLflow's side before comparing:

* MLflow stores ±inf as ±DBL_MAX and returns that number; we show ±infinity
  (mlflow-formats.md §3.2), so MLflow's ±DBL_MAX is compared as ±inf;
* artifacts whose recorded folder does not exist on this machine are listed from
  the documented fallback folder (§2.7), with MLflow's own local repository.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.services.import_pipeline import ImportReport
from desktop.store.database import Store
from tests.conformance.conformance_compare import (
    Expected,
    Imported,
    as_ms,
    client_artifacts,
    history_set,
    mlflow_model_fields,
    mlflow_model_links,
    walk_artifacts,
)

DBL_MAX = 1.7976931348623157e308


def shown(value: float) -> float:
    """A value MLflow returns from a database, as we show it (±DBL_MAX is ±inf)."""
    if value == DBL_MAX:
        return math.inf
    if value == -DBL_MAX:
        return -math.inf
    return value


class ExpectedDb(Expected):
    """MLflow's view of a database; ``fallback(run)`` is the documented artifact
    folder of a run whose recorded one is missing here."""

    def __init__(self, client, project: Path, fallback_root: str) -> None:
        super().__init__(client, project)
        self.project = project  # the folder of the database we imported
        self.fallback_root = fallback_root

    def histories(self, run) -> dict[str, list[tuple]]:
        out = {}
        for key in run.data.metrics:
            points = self.client.get_metric_history(run.info.run_id, key)
            stamps = as_ms([m.timestamp for m in points])
            out[key] = history_set(
                (m.step, t, shown(m.value)) for m, t in zip(points, stamps, strict=True)
            )
        return out

    def latest(self, run) -> dict[str, float]:
        return {k: shown(v) for k, v in run.data.metrics.items()}

    def model_links(self, run) -> list[tuple]:
        """The run's model inputs and outputs. MLflow 3.17's SQL ``search_runs``
        leaves model inputs out; ``get_run`` returns them."""
        return mlflow_model_links(self.client.get_run(run.info.run_id))

    def fallback(self, run) -> Path:
        info = run.info
        return (
            self.project
            / self.fallback_root
            / info.experiment_id
            / info.run_id
            / "artifacts"
        )

    def artifacts(self, run) -> list[tuple[str, int]]:
        from mlflow.store.artifact.local_artifact_repo import LocalArtifactRepository
        from mlflow.utils.file_utils import local_file_uri_to_path

        recorded = local_file_uri_to_path(run.info.artifact_uri)
        if os.path.isabs(recorded) and os.path.isdir(recorded):
            return client_artifacts(self.client, run.info.run_id)
        own = self.fallback(run)
        if not own.is_dir():
            return []
        return walk_artifacts(LocalArtifactRepository(own.as_uri()).list_artifacts)

    def model_fields(self) -> dict[str, dict]:
        fields = {}
        for model_id, model in self.logged_models().items():
            for metric in model.metrics or []:
                # migrate-filestore writes a NaN model metric, which SQLite keeps
                # as NULL: MLflow returns None, we show NaN (the logged value).
                value = math.nan if metric.value is None else metric.value
                metric._value = shown(value)  # a read-only property
            fields[model_id] = mlflow_model_fields(model)
        return fields


@dataclass
class DbCase:
    """One database as MLflow reads it and as we imported it."""

    name: str
    source: Path  # the database file we imported (a private copy)
    expected: ExpectedDb
    imported: Imported
    report: ImportReport
    store: Store
    untouched: bool
