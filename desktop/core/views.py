"""Read-side records the store hands to services and the UI (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.records import DatasetInput
from desktop.core.registry import ModelVersionInfo

if TYPE_CHECKING:  # annotations only: NumPy loads where arrays are made
    import numpy as np


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """An imported source."""

    id: int
    kind: str
    location: str
    name: str
    last_sync_at: int | None


@dataclass(frozen=True, slots=True)
class ExperimentInfo:
    """An experiment as listed in the experiment tree."""

    pk: int
    source_id: int
    experiment_id: str
    name: str
    lifecycle_stage: str
    artifact_location: str | None
    creation_time: int | None
    last_update_time: int | None
    run_count: int
    tags: dict[str, str] = field(default_factory=dict)
    last_run_time: int | None = None


@dataclass(frozen=True, slots=True)
class MetricValue:
    """A run's summary of one metric; ``latest`` is NaN for a NaN latest value."""

    key: str
    latest: float
    step: int
    timestamp: int
    min: float | None
    min_step: int | None
    max: float | None
    max_step: int | None
    count: int


@dataclass(frozen=True, slots=True)
class RunDetail:
    """Everything about one run except metric histories and artifacts."""

    pk: int
    run_id: str
    experiment_pk: int
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
    parent_run_id: str | None
    params: dict[str, str]
    tags: dict[str, str]
    metrics: dict[str, MetricValue]


@dataclass(frozen=True, slots=True)
class History:
    """A metric history loaded as arrays."""

    key: str
    steps: np.ndarray
    timestamps: np.ndarray
    values: np.ndarray

    def __len__(self) -> int:
        return int(self.values.shape[0])


@dataclass(frozen=True, slots=True)
class DatasetRef:
    """A dataset input of a run as a table shows it (no source, schema, profile)."""

    name: str
    digest: str
    context: str | None = None


@dataclass(frozen=True, slots=True)
class RunRow:
    """What one row of the runs table shows (only the requested keys are loaded)."""

    pk: int
    run_id: str
    run_name: str
    experiment_name: str
    status: str
    lifecycle_stage: str
    start_time: int | None
    end_time: int | None
    user_id: str | None
    parent_run_id: str | None
    params: dict[str, str]
    metrics: dict[str, tuple[float | None, float | None, float | None]]
    tags: dict[str, str]
    datasets: tuple[DatasetRef, ...] = ()
    starred: bool = False
    """The user starred the run (a local mark, see :class:`RunMark`)."""
    hidden: bool = False
    """The user hid the run."""
    note: str | None = None
    """The user's note on the run."""


@dataclass(frozen=True, slots=True)
class RunMark:
    """The user's own marks on a run, kept in our store (never in the source)."""

    starred: bool = False
    hidden: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RunLink:
    """Another run the overview links to (parent or child)."""

    pk: int
    run_id: str
    run_name: str
    status: str


@dataclass(frozen=True, slots=True)
class RunOverview:
    """A run with its experiment, source, family and dataset inputs."""

    detail: RunDetail
    experiment_name: str
    source_location: str
    parent: RunLink | None
    children: list[RunLink]
    datasets: list[DatasetInput]
    #: The model versions registered from this run (model registry).
    model_versions: list[ModelVersionInfo] = field(default_factory=list)
    mark: RunMark = RunMark()
    """The user's star, hidden flag and note."""

    @property
    def description(self) -> str:
        """The run's Markdown description (the ``mlflow.note.content`` tag)."""
        return self.detail.tags.get("mlflow.note.content", "")

    @property
    def source_name(self) -> str:
        """The script, notebook or project that produced the run."""
        return self.detail.tags.get("mlflow.source.name", "")

    @property
    def git_commit(self) -> str:
        """The git commit the source was at, if MLflow recorded one."""
        return self.detail.tags.get("mlflow.source.git.commit", "")

    @property
    def user(self) -> str:
        """Who ran it (``user_id``, else the ``mlflow.user`` tag)."""
        user = self.detail.user_id or ""
        if user in ("", "unknown"):
            user = self.detail.tags.get("mlflow.user", user)
        return user


@dataclass(frozen=True, slots=True)
class RunScope:
    """Which runs a query looks at before any filter."""

    experiment_pks: tuple[int, ...]
    include_deleted: bool = False
    top_level_only: bool = False
    include_hidden: bool = True
    """Whether runs the user hid count (the runs table leaves them out)."""


@dataclass(frozen=True, slots=True)
class StorePeek:
    """What the window needs before the store is open."""

    path: Path
    """The store file, resolved."""
    id: str
    """The id kept inside the store (see :mod:`desktop.store.store_info`)."""
    empty: bool
    """Whether the store holds no source yet (the welcome page shows)."""
    signature: str | None = None
    """Its data at a glance (see :data:`desktop.store.peek.SIGNATURE_SQL`)."""
