"""Plain records that sources produce and the store consumes.

Records are frozen dataclasses (or carry numpy arrays) so they can cross thread and
process boundaries cheaply and never leak ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: NumPy loads where arrays are made
    import numpy as np


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in a source that could not be read as expected.

    ``unreadable`` marks a path that exists but could not be read (permission, I/O
    error): the store keeps what it holds of that path instead of deleting it.
    """

    path: str
    message: str
    unreadable: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(slots=True)
class MetricHistory:
    """One metric's full history, de-duplicated and sorted by (step, timestamp).

    ``latest_index`` points at the value MLflow shows as "latest": the max by
    ``(step, timestamp, value)``.
    """

    key: str
    steps: np.ndarray  # int64
    timestamps: np.ndarray  # int64, milliseconds
    values: np.ndarray  # float64 (NaN and +-inf kept)
    latest_index: int

    def __len__(self) -> int:
        return int(self.values.shape[0])


@dataclass(frozen=True, slots=True)
class DatasetInput:
    """A dataset consumed by a run (MLflow 2.4+)."""

    name: str
    digest: str
    source_type: str | None = None
    source: str | None = None
    schema: str | None = None
    profile: str | None = None
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def context(self) -> str | None:
        """The ``mlflow.data.context`` input tag, e.g. ``training``."""
        return self.tags.get("mlflow.data.context")


@dataclass(frozen=True, slots=True)
class ModelLink:
    """A logged model used (``direction='input'``) or produced by a run."""

    model_id: str
    direction: str  # "input" | "output"
    step: int | None = None


@dataclass(slots=True)
class ArtifactFile:
    """A file below a run's artifact root: POSIX path relative to it, size in bytes."""

    path: str
    size: int


@dataclass(slots=True)
class RunRecord:
    """Everything a source knows about one run."""

    run_id: str
    experiment_id: str
    run_name: str
    status: str
    lifecycle_stage: str
    start_time: int | None
    end_time: int | None
    deleted_time: int | None
    user_id: str | None
    artifact_uri: str | None
    artifact_root: str | None
    params: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    metrics: list[MetricHistory] = field(default_factory=list)
    artifacts: list[ArtifactFile] | None = None
    datasets: list[DatasetInput] = field(default_factory=list)
    models: list[ModelLink] = field(default_factory=list)
    stamp: str = ""
    location: str = ""
    #: Parts that could not be read, whose stored copy is kept: ``(part, key)``
    #: with ``part`` one of ``params``, ``tags``, ``metrics``, ``artifacts`` and
    #: ``key`` a key (or artifact path), a ``prefix/``, or ``""`` for all of it;
    #: or ``("datasets", "")``, ``("models", "input")``, ``("models", "output")``.
    kept: list[tuple[str, str]] = field(default_factory=list)

    @property
    def parent_run_id(self) -> str | None:
        """The parent run id from the ``mlflow.parentRunId`` tag, if nested."""
        return self.tags.get("mlflow.parentRunId") or None


@dataclass(slots=True)
class ModelMetricPoint:
    """One logged-model metric value (MLflow 3)."""

    key: str
    value: float
    timestamp: int
    step: int
    run_id: str | None
    dataset_name: str | None = None
    dataset_digest: str | None = None


@dataclass(slots=True)
class LoggedModelRecord:
    """An MLflow 3 logged model stored under ``<exp>/models/<model_id>``."""

    model_id: str
    experiment_id: str
    name: str
    artifact_location: str | None
    artifact_root: str | None
    creation_timestamp: int | None
    last_updated_timestamp: int | None
    status: int | None
    status_message: str | None
    source_run_id: str | None
    model_type: str | None
    lifecycle_stage: str
    params: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    metrics: list[ModelMetricPoint] = field(default_factory=list)


@dataclass(slots=True)
class ExperimentRecord:
    """An experiment with its tags (runs are read separately)."""

    experiment_id: str
    name: str
    artifact_location: str | None
    lifecycle_stage: str
    creation_time: int | None
    last_update_time: int | None
    tags: dict[str, str] = field(default_factory=dict)
    location: str = ""
