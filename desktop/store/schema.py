"""SQLAlchemy models of the local store.

One row per source (an imported ``mlruns`` folder), with its experiments, runs and
logged models below it. Runs are unique per source: the same run id found in two
sources is kept twice, once under each, since the two copies may differ.
Metric histories are stored as packed arrays (one row per run and key, see
``history_codec``) so a million points load with a few ``numpy.frombuffer`` calls.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention (SQLite batch migrations need it)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _fk(target: str) -> ForeignKey:
    return ForeignKey(target, ondelete="CASCADE")


class Source(Base):
    """An imported root: an ``mlruns`` folder (later also databases and servers)."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    location: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text)
    added_at: Mapped[int] = mapped_column(BigInteger)
    last_sync_at: Mapped[int | None] = mapped_column(BigInteger)
    last_sync_seconds: Mapped[float | None] = mapped_column(Float)


class SourceProblem(Base):
    """A problem found in a source during its latest import."""

    __tablename__ = "source_problems"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(_fk("sources.id"), index=True)
    path: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)


class Experiment(Base):
    """An MLflow experiment inside a source."""

    __tablename__ = "experiments"
    __table_args__ = (UniqueConstraint("source_id", "experiment_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(_fk("sources.id"))
    experiment_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    artifact_location: Mapped[str | None] = mapped_column(Text)
    lifecycle_stage: Mapped[str] = mapped_column(String(16))
    creation_time: Mapped[int | None] = mapped_column(BigInteger)
    last_update_time: Mapped[int | None] = mapped_column(BigInteger)
    location: Mapped[str] = mapped_column(Text)


class ExperimentTag(Base):
    """An experiment tag (``mlflow.note.content`` is the description)."""

    __tablename__ = "experiment_tags"
    experiment_pk: Mapped[int] = mapped_column(_fk("experiments.id"), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ExperimentKey(Base):
    """Param, metric and tag keys used in an experiment, for table columns."""

    __tablename__ = "experiment_keys"
    experiment_pk: Mapped[int] = mapped_column(_fk("experiments.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    runs: Mapped[int] = mapped_column(Integer)
    numeric_runs: Mapped[int] = mapped_column(Integer)


class Run(Base):
    """An MLflow run."""

    __tablename__ = "runs"
    __table_args__ = (
        UniqueConstraint("source_id", "run_id"),
        Index("ix_runs_experiment_start", "experiment_pk", "start_time"),
        Index("ix_runs_parent", "parent_run_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(_fk("sources.id"))
    experiment_pk: Mapped[int] = mapped_column(_fk("experiments.id"))
    run_id: Mapped[str] = mapped_column(String(64))
    run_name: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    lifecycle_stage: Mapped[str] = mapped_column(String(16))
    start_time: Mapped[int | None] = mapped_column(BigInteger)
    end_time: Mapped[int | None] = mapped_column(BigInteger)
    deleted_time: Mapped[int | None] = mapped_column(BigInteger)
    user_id: Mapped[str | None] = mapped_column(Text)
    artifact_uri: Mapped[str | None] = mapped_column(Text)
    artifact_root: Mapped[str | None] = mapped_column(Text)
    parent_run_id: Mapped[str | None] = mapped_column(String(64))
    location: Mapped[str] = mapped_column(Text)
    stamp: Mapped[str] = mapped_column(String(64))


# Covers the runs table's base query (scope) and returns it in the default order
# (newest first, then run id) without a sort or a visit to the wide run rows.
Index(
    "ix_runs_scope_order",
    Run.experiment_pk,
    Run.lifecycle_stage,
    Run.start_time.desc(),
    Run.run_id,
    Run.parent_run_id,
)


class Param(Base):
    """A run parameter; ``value_num`` holds the numeric value when there is one."""

    __tablename__ = "params"
    # One param's values for every run in sort order (numbers, then text).
    __table_args__ = (
        Index("ix_params_key_values", "key", "value_num", "value", "run_pk"),
    )
    run_pk: Mapped[int] = mapped_column(_fk("runs.id"), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    value_num: Mapped[float | None] = mapped_column(Float)


class Tag(Base):
    """A run tag."""

    __tablename__ = "tags"
    run_pk: Mapped[int] = mapped_column(_fk("runs.id"), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MetricSummary(Base):
    """Latest, min and max of one metric of one run (NaN stored as NULL + flag)."""

    __tablename__ = "metric_summaries"
    __table_args__ = (
        # One metric's values for every run, read in a single range scan: filters
        # and sorts on a metric never visit the table rows.
        Index(
            "ix_metric_summaries_key_values",
            "key",
            "latest_value",
            "run_pk",
            "latest_is_nan",
            "min_value",
            "max_value",
        ),
    )
    run_pk: Mapped[int] = mapped_column(_fk("runs.id"), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    latest_value: Mapped[float | None] = mapped_column(Float)
    latest_is_nan: Mapped[bool] = mapped_column(Boolean)
    latest_step: Mapped[int] = mapped_column(BigInteger)
    latest_timestamp: Mapped[int] = mapped_column(BigInteger)
    min_value: Mapped[float | None] = mapped_column(Float)
    min_step: Mapped[int | None] = mapped_column(BigInteger)
    max_value: Mapped[float | None] = mapped_column(Float)
    max_step: Mapped[int | None] = mapped_column(BigInteger)
    count: Mapped[int] = mapped_column(Integer)


class MetricHistoryRow(Base):
    """A metric's full history as packed arrays sorted by (step, timestamp); see
    :mod:`desktop.store.history_codec` for the encoding."""

    __tablename__ = "metric_histories"
    run_pk: Mapped[int] = mapped_column(_fk("runs.id"), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    steps: Mapped[bytes] = mapped_column(LargeBinary)
    timestamps: Mapped[bytes] = mapped_column(LargeBinary)
    values: Mapped[bytes] = mapped_column(LargeBinary)


class ArtifactFileRow(Base):
    """A file below a run's artifact root (listing only; artifacts are not copied)."""

    __tablename__ = "artifact_files"
    run_pk: Mapped[int] = mapped_column(_fk("runs.id"), primary_key=True)
    path: Mapped[str] = mapped_column(Text, primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)


class ArtifactListing(Base):
    """When a server run's artifact listing was stored (``import --artifacts``).

    Without a row, a server run's ``artifact_files`` say nothing: never listed.
    """

    __tablename__ = "artifact_listings"
    run_pk: Mapped[int] = mapped_column(_fk("runs.id"), primary_key=True)
    listed_at: Mapped[int] = mapped_column(BigInteger)


class RunDataset(Base):
    """A dataset input of a run."""

    __tablename__ = "run_datasets"
    run_pk: Mapped[int] = mapped_column(_fk("runs.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(Text)
    source_type: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    schema: Mapped[str | None] = mapped_column(Text)
    profile: Mapped[str | None] = mapped_column(Text)
    tags_json: Mapped[str] = mapped_column(Text)


class RunModel(Base):
    """A logged model a run used (``input``) or produced (``output``)."""

    __tablename__ = "run_models"
    run_pk: Mapped[int] = mapped_column(_fk("runs.id"), primary_key=True)
    model_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    direction: Mapped[str] = mapped_column(String(8), primary_key=True)
    step: Mapped[int | None] = mapped_column(BigInteger)


class LoggedModel(Base):
    """An MLflow 3 logged model."""

    __tablename__ = "logged_models"
    __table_args__ = (UniqueConstraint("source_id", "model_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(_fk("sources.id"))
    experiment_pk: Mapped[int] = mapped_column(_fk("experiments.id"), index=True)
    model_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    artifact_location: Mapped[str | None] = mapped_column(Text)
    artifact_root: Mapped[str | None] = mapped_column(Text)
    creation_timestamp: Mapped[int | None] = mapped_column(BigInteger)
    last_updated_timestamp: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[int | None] = mapped_column(Integer)
    status_message: Mapped[str | None] = mapped_column(Text)
    source_run_id: Mapped[str | None] = mapped_column(String(64))
    model_type: Mapped[str | None] = mapped_column(Text)
    lifecycle_stage: Mapped[str] = mapped_column(String(16))


class LoggedModelParam(Base):
    """A logged model's parameter."""

    __tablename__ = "logged_model_params"
    model_pk: Mapped[int] = mapped_column(_fk("logged_models.id"), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LoggedModelTag(Base):
    """A logged model's tag."""

    __tablename__ = "logged_model_tags"
    model_pk: Mapped[int] = mapped_column(_fk("logged_models.id"), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LoggedModelMetric(Base):
    """One metric value of a logged model."""

    __tablename__ = "logged_model_metrics"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_pk: Mapped[int] = mapped_column(_fk("logged_models.id"), index=True)
    key: Mapped[str] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Float)
    is_nan: Mapped[bool] = mapped_column(Boolean)
    timestamp: Mapped[int] = mapped_column(BigInteger)
    step: Mapped[int] = mapped_column(BigInteger)
    run_id: Mapped[str | None] = mapped_column(String(64))
    dataset_name: Mapped[str | None] = mapped_column(Text)
    dataset_digest: Mapped[str | None] = mapped_column(Text)


class RegisteredModel(Base):
    """A registered model of MLflow's model registry (read-only copy)."""

    __tablename__ = "registered_models"
    __table_args__ = (UniqueConstraint("source_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(_fk("sources.id"))
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    creation_time: Mapped[int | None] = mapped_column(BigInteger)
    last_updated_time: Mapped[int | None] = mapped_column(BigInteger)


class RegisteredModelTag(Base):
    """A registered model's tag."""

    __tablename__ = "registered_model_tags"
    model_pk: Mapped[int] = mapped_column(_fk("registered_models.id"), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RegisteredModelAlias(Base):
    """An alias (``champion``) naming one version of a registered model."""

    __tablename__ = "registered_model_aliases"
    model_pk: Mapped[int] = mapped_column(_fk("registered_models.id"), primary_key=True)
    alias: Mapped[str] = mapped_column(Text, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class ModelVersion(Base):
    """A version of a registered model; ``run_id`` is the run that produced it."""

    __tablename__ = "model_versions"
    __table_args__ = (
        UniqueConstraint("model_pk", "version"),
        # A run's versions (the run overview), looked up by run id.
        Index("ix_model_versions_source_run", "source_id", "run_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_pk: Mapped[int] = mapped_column(_fk("registered_models.id"))
    source_id: Mapped[int] = mapped_column(_fk("sources.id"))
    version: Mapped[int] = mapped_column(Integer)
    run_id: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(32))
    stage: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)
    creation_time: Mapped[int | None] = mapped_column(BigInteger)
    last_updated_time: Mapped[int | None] = mapped_column(BigInteger)
    model_id: Mapped[str | None] = mapped_column(String(64))


class ModelVersionTag(Base):
    """A model version's tag."""

    __tablename__ = "model_version_tags"
    version_pk: Mapped[int] = mapped_column(_fk("model_versions.id"), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RunMark(Base):
    """The user's star, hidden flag and note on a run: never written to the source.

    Keyed by the source's location and the MLflow run id (not the run's row id),
    so a mark survives re-imports and the removal and re-adding of its source.
    """

    __tablename__ = "run_marks"
    location: Mapped[str] = mapped_column(Text, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    starred: Mapped[bool] = mapped_column(Boolean)
    hidden: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[int] = mapped_column(BigInteger)


class ServerConnection(Base):
    """How to reconnect to a tracking server: never a password or token."""

    __tablename__ = "server_connections"
    location: Mapped[str] = mapped_column(Text, primary_key=True)
    verify_tls: Mapped[bool] = mapped_column(Boolean)
    ca_bundle: Mapped[str | None] = mapped_column(Text)
    auth_kind: Mapped[str] = mapped_column(String(16))
    username: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[int] = mapped_column(BigInteger)


class ArtifactPlace(Base):
    """Where a team database's artifacts are seen from this computer: a server
    that serves them, a server folder and the same folder here. No secrets."""

    __tablename__ = "artifact_places"
    location: Mapped[str] = mapped_column(Text, primary_key=True)
    served_by: Mapped[str | None] = mapped_column(Text)
    server_root: Mapped[str | None] = mapped_column(Text)
    local_root: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[int] = mapped_column(BigInteger)


class StoreInfo(Base):
    """Facts about the store itself, e.g. ``store_id``: a UUID made when it was."""

    __tablename__ = "store_info"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
