"""Read queries over the store, returning plain records from ``desktop.core.views``."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, exists, func, select
from sqlalchemy.orm import Session

from desktop.core.records import (
    ArtifactFile,
    DatasetInput,
    LoggedModelRecord,
    ModelLink,
    ModelMetricPoint,
)
from desktop.core.views import (
    DatasetRef,
    ExperimentInfo,
    History,
    MetricValue,
    RunDetail,
    RunMark,
    RunRow,
    SourceInfo,
)
from desktop.store.batching import chunks
from desktop.store.marks import read_marks
from desktop.store.schema import (
    ArtifactFileRow,
    Experiment,
    ExperimentKey,
    ExperimentTag,
    LoggedModel,
    LoggedModelMetric,
    LoggedModelParam,
    LoggedModelTag,
    MetricHistoryRow,
    MetricSummary,
    Param,
    Run,
    RunDataset,
    RunModel,
    Source,
    SourceProblem,
    Tag,
)


def list_sources(conn: Connection) -> list[SourceInfo]:
    """All imported sources, oldest first."""
    rows = conn.execute(
        select(
            Source.id, Source.kind, Source.location, Source.name, Source.last_sync_at
        ).order_by(Source.id)
    )
    return [SourceInfo(*row) for row in rows]


def source_problems(conn: Connection, source_id: int) -> list[tuple[str, str]]:
    """``(path, message)`` of each problem found by the source's latest import."""
    return [
        tuple(r)
        for r in conn.execute(
            select(SourceProblem.path, SourceProblem.message)
            .where(SourceProblem.source_id == source_id)
            .order_by(SourceProblem.id)
        )
    ]


def list_experiments(
    conn: Connection,
    source_ids: Sequence[int] | None = None,
    names: Sequence[str] | None = None,
) -> list[ExperimentInfo]:
    """Experiments (optionally of some sources or with some names) with run counts."""
    counts = (
        select(
            Run.experiment_pk,
            func.count().label("n"),
            func.max(Run.start_time).label("last"),
        )
        .group_by(Run.experiment_pk)
        .subquery()
    )
    query = (
        select(Experiment, func.coalesce(counts.c.n, 0), counts.c.last)
        .outerjoin(counts, counts.c.experiment_pk == Experiment.id)
        .order_by(Experiment.source_id, Experiment.name)
    )
    if source_ids is not None:
        query = query.where(Experiment.source_id.in_(list(source_ids)))
    if names:
        query = query.where(Experiment.name.in_(list(names)))
    rows = _orm(conn).execute(query).all()
    tags: dict[int, dict[str, str]] = defaultdict(dict)
    for pk, key, value in conn.execute(
        select(ExperimentTag.experiment_pk, ExperimentTag.key, ExperimentTag.value)
    ):
        tags[pk][key] = value
    result = []
    for row in rows:
        exp = row[0]
        result.append(
            ExperimentInfo(
                exp.id,
                exp.source_id,
                exp.experiment_id,
                exp.name,
                exp.lifecycle_stage,
                exp.artifact_location,
                exp.creation_time,
                exp.last_update_time,
                int(row[1]),
                tags.get(exp.id, {}),
                row[2],
            )
        )
    return result


def run_pks(conn: Connection, experiment_pks: Sequence[int]) -> list[int]:
    """Run row ids of some experiments in MLflow's default order (newest first)."""
    return list(
        conn.scalars(
            select(Run.id)
            .where(Run.experiment_pk.in_(list(experiment_pks)))
            .order_by(Run.start_time.desc(), Run.run_id)
        )
    )


def metric_histories(
    conn: Connection, run_pk: int, keys: Iterable[str] | None = None
) -> dict[str, History]:
    """A run's full metric histories as arrays (every key when ``keys`` is None)."""
    from desktop.store import history_codec  # NumPy: not for the first paint

    query = select(MetricHistoryRow).where(MetricHistoryRow.run_pk == run_pk)
    if keys is not None:
        query = query.where(MetricHistoryRow.key.in_(list(keys)))
    result = {}
    for row in _orm(conn).execute(query).scalars():
        result[row.key] = History(
            row.key,
            history_codec.decode_steps(row.steps, row.count),
            history_codec.decode_timestamps(row.timestamps),
            history_codec.decode_values(row.values),
        )
    return result


def artifact_files(conn: Connection, run_pk: int) -> list[ArtifactFile]:
    """The run's artifact files as listed at import time, sorted by path."""
    return [
        ArtifactFile(p, s)
        for p, s in conn.execute(
            select(ArtifactFileRow.path, ArtifactFileRow.size)
            .where(ArtifactFileRow.run_pk == run_pk)
            .order_by(ArtifactFileRow.path)
        )
    ]


def run_datasets(conn: Connection, run_pk: int) -> list[DatasetInput]:
    """The run's dataset inputs."""
    rows = (
        _orm(conn)
        .execute(
            select(RunDataset)
            .where(RunDataset.run_pk == run_pk)
            .order_by(RunDataset.position)
        )
        .scalars()
    )
    return [
        DatasetInput(
            r.name,
            r.digest,
            r.source_type,
            r.source,
            r.schema,
            r.profile,
            json.loads(r.tags_json),
        )
        for r in rows
    ]


def run_models(conn: Connection, run_pk: int) -> list[ModelLink]:
    """Logged models the run used or produced."""
    rows = (
        _orm(conn)
        .execute(
            select(RunModel)
            .where(RunModel.run_pk == run_pk)
            .order_by(RunModel.direction, RunModel.model_id)
        )
        .scalars()
    )
    return [ModelLink(r.model_id, r.direction, r.step) for r in rows]


def _by_run(rows: Iterable) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = defaultdict(dict)
    for pk, key, value in rows:
        out[pk][key] = value
    return out


def logged_models(
    conn: Connection, experiment_pks: Sequence[int]
) -> list[LoggedModelRecord]:
    """Logged models (MLflow 3) of some experiments, with params, tags and metrics."""
    models = (
        _orm(conn)
        .execute(
            select(LoggedModel, Experiment.experiment_id)
            .join(Experiment, Experiment.id == LoggedModel.experiment_pk)
            .where(LoggedModel.experiment_pk.in_(list(experiment_pks)))
            .order_by(LoggedModel.model_id)
        )
        .all()
    )
    pks = [m.id for m, _ in models]
    params = _by_run(
        conn.execute(
            select(
                LoggedModelParam.model_pk, LoggedModelParam.key, LoggedModelParam.value
            ).where(LoggedModelParam.model_pk.in_(pks))
        )
    )
    tags = _by_run(
        conn.execute(
            select(
                LoggedModelTag.model_pk, LoggedModelTag.key, LoggedModelTag.value
            ).where(LoggedModelTag.model_pk.in_(pks))
        )
    )
    metrics: dict[int, list[ModelMetricPoint]] = defaultdict(list)
    for row in (
        _orm(conn)
        .execute(
            select(LoggedModelMetric)
            .where(LoggedModelMetric.model_pk.in_(pks))
            .order_by(LoggedModelMetric.id)
        )
        .scalars()
    ):
        value = math.nan if row.is_nan else float(row.value)
        metrics[row.model_pk].append(
            ModelMetricPoint(
                row.key,
                value,
                row.timestamp,
                row.step,
                row.run_id,
                row.dataset_name,
                row.dataset_digest,
            )
        )
    return [
        _model_record(
            m,
            exp_id,
            params.get(m.id, {}),
            tags.get(m.id, {}),
            metrics.get(m.id, []),
        )
        for m, exp_id in models
    ]


def _model_record(
    m: LoggedModel,
    experiment_id: str,
    params: dict[str, str] | None = None,
    tags: dict[str, str] | None = None,
    metrics: list[ModelMetricPoint] | None = None,
) -> LoggedModelRecord:
    return LoggedModelRecord(
        m.model_id,
        experiment_id,
        m.name,
        m.artifact_location,
        m.artifact_root,
        m.creation_timestamp,
        m.last_updated_timestamp,
        m.status,
        m.status_message,
        m.source_run_id,
        m.model_type,
        m.lifecycle_stage,
        params or {},
        tags or {},
        metrics or [],
    )


def _orm(conn: Connection) -> Session:
    """An ORM session on the caller's connection (for entity queries)."""
    return Session(bind=conn, autoflush=False)


def run_rows(
    conn: Connection,
    pks: Sequence[int],
    param_keys: Sequence[str] = (),
    metric_keys: Sequence[str] = (),
    tag_keys: Sequence[str] = (),
    datasets: bool = False,
    marks: bool = False,
) -> dict[int, RunRow]:
    """Table rows for some runs, with only the given param, metric and tag keys
    (and their dataset inputs if ``datasets``, the user's marks if ``marks``).

    Metric values are ``(latest, min, max)``; a NaN latest value comes back as NaN.
    """
    pks = list(pks)
    rows = conn.execute(
        select(
            Run.id,
            Run.run_id,
            Run.run_name,
            Experiment.name,
            Run.status,
            Run.lifecycle_stage,
            Run.start_time,
            Run.end_time,
            Run.user_id,
            Run.parent_run_id,
        )
        .join(Experiment, Experiment.id == Run.experiment_pk)
        .where(Run.id.in_(pks))
    ).all()
    params = _key_values(conn, Param, pks, param_keys)
    tags = _key_values(conn, Tag, pks, tag_keys)
    metrics: dict[int, dict] = defaultdict(dict)
    if metric_keys:
        for pk, key, latest, is_nan, vmin, vmax in conn.execute(
            select(
                MetricSummary.run_pk,
                MetricSummary.key,
                MetricSummary.latest_value,
                MetricSummary.latest_is_nan,
                MetricSummary.min_value,
                MetricSummary.max_value,
            ).where(
                MetricSummary.run_pk.in_(pks),
                # likely(): most rows have these keys, so SQLite looks up each run
                # rather than scanning the keys' index ranges (every run's values).
                func.likely(MetricSummary.key.in_(list(metric_keys))),
            )
        ):
            metrics[pk][key] = (math.nan if is_nan else latest, vmin, vmax)
    inputs = dataset_refs(conn, pks) if datasets else {}
    found = read_marks(conn, pks) if marks else {}
    none = RunMark()
    return {
        r[0]: RunRow(
            *r,
            params=params.get(r[0], {}),
            metrics=metrics.get(r[0], {}),
            tags=tags.get(r[0], {}),
            datasets=inputs.get(r[0], ()),
            starred=(mark := found.get(r[0], none)).starred,
            hidden=mark.hidden,
            note=mark.note,
        )
        for r in rows
    }


def dataset_refs(
    conn: Connection, pks: Sequence[int]
) -> dict[int, tuple[DatasetRef, ...]]:
    """The dataset inputs (name, digest, context) of some runs, in logged order."""
    out: dict[int, list[DatasetRef]] = defaultdict(list)
    context = func.json_extract(RunDataset.tags_json, '$."mlflow.data.context"')
    for chunk in chunks(list(pks), 500):
        for pk, name, digest, ctx in conn.execute(
            select(RunDataset.run_pk, RunDataset.name, RunDataset.digest, context)
            .where(RunDataset.run_pk.in_(chunk))
            .order_by(RunDataset.run_pk, RunDataset.position)
        ):
            out[pk].append(DatasetRef(name, digest, ctx))
    return {pk: tuple(refs) for pk, refs in out.items()}


def _key_values(
    conn: Connection,
    table: type[Param] | type[Tag],
    pks: list[int],
    keys: Sequence[str],
) -> dict[int, dict[str, str]]:
    """``{run_pk: {key: value}}`` for some keys of a params or tags table."""
    if not keys:
        return {}
    return _by_run(
        conn.execute(
            select(table.run_pk, table.key, table.value).where(
                table.run_pk.in_(pks), func.likely(table.key.in_(list(keys)))
            )
        )
    )


def experiment_keys(
    conn: Connection, experiment_pks: Sequence[int]
) -> dict[str, list[tuple[str, int]]]:
    """Param, metric and tag keys used in some experiments with their run counts;
    ``dataset`` holds ``("name", 1)`` when some run has a dataset input."""
    out: dict[str, dict[str, int]] = {"param": {}, "metric": {}, "tag": {}}
    for kind, key, runs in conn.execute(
        select(ExperimentKey.kind, ExperimentKey.key, ExperimentKey.runs).where(
            ExperimentKey.experiment_pk.in_(list(experiment_pks))
        )
    ):
        out[kind][key] = out[kind].get(key, 0) + runs
    # Presence only (counting would read every input): no inputs anywhere is one
    # lookup; else the scope's runs are probed until one has an input.
    with_inputs = conn.scalar(select(exists().select_from(RunDataset))) and (
        conn.scalar(
            select(
                select(RunDataset.run_pk)
                .join(Run, Run.id == RunDataset.run_pk)
                .where(Run.experiment_pk.in_(list(experiment_pks)))
                .exists()
            )
        )
    )
    out["dataset"] = {"name": 1} if with_inputs else {}
    return {kind: sorted(keys.items()) for kind, keys in out.items()}


def run_names(conn: Connection, run_ids: Iterable[str]) -> dict[str, str]:
    """Display names of runs by MLflow run id (for parent-run links)."""
    out: dict[str, str] = {}
    for chunk in chunks(list(run_ids), 500):
        for run_id, name in conn.execute(
            select(Run.run_id, Run.run_name).where(Run.run_id.in_(chunk))
        ):
            out[run_id] = name or run_id[:8]
    return out


def run_output_models(conn: Connection, run_pk: int) -> list[LoggedModelRecord]:
    """Logged models (MLflow 3) a run produced, oldest first.

    Both the run's ``output`` links and models naming the run as their source run
    count. Params, tags and metrics are left empty.
    """
    query = select(Run.source_id, Run.run_id).where(Run.id == run_pk)
    run = conn.execute(query).first()
    if run is None:
        return []
    source_id, run_id = run
    outputs = select(RunModel.model_id).where(
        RunModel.run_pk == run_pk, RunModel.direction == "output"
    )
    models = (
        _orm(conn)
        .execute(
            select(LoggedModel, Experiment.experiment_id)
            .join(Experiment, Experiment.id == LoggedModel.experiment_pk)
            .where(
                LoggedModel.source_id == source_id,
                LoggedModel.model_id.in_(outputs)
                | (LoggedModel.source_run_id == run_id),
            )
            .order_by(LoggedModel.creation_timestamp, LoggedModel.model_id)
        )
        .all()
    )
    return [_model_record(m, exp_id) for m, exp_id in models]


def run_origins(conn: Connection, pks: Sequence[int]) -> dict[int, tuple[str, str]]:
    """``{run pk: (experiment name, source name)}`` for some runs."""
    out: dict[int, tuple[str, str]] = {}
    for chunk in chunks(list(pks), 500):
        for pk, experiment, source in conn.execute(
            select(Run.id, Experiment.name, Source.name)
            .join(Experiment, Experiment.id == Run.experiment_pk)
            .join(Source, Source.id == Run.source_id)
            .where(Run.id.in_(chunk))
        ):
            out[pk] = (experiment, source)
    return out


def metric_histories_of_runs(
    conn: Connection, run_pks: Sequence[int], keys: Iterable[str]
) -> dict[int, dict[str, History]]:
    """Full histories of some metrics for many runs: ``{run pk: {key: History}}``."""
    from desktop.store import history_codec

    keys = list(keys)
    out: dict[int, dict[str, History]] = defaultdict(dict)
    if not keys:
        return {}
    for chunk in chunks(list(run_pks), 200):
        rows = conn.execute(
            select(
                MetricHistoryRow.run_pk,
                MetricHistoryRow.key,
                MetricHistoryRow.count,
                MetricHistoryRow.steps,
                MetricHistoryRow.timestamps,
                MetricHistoryRow.values,
            ).where(MetricHistoryRow.run_pk.in_(chunk), MetricHistoryRow.key.in_(keys))
        )
        for pk, key, count, steps, stamps, values in rows:
            out[pk][key] = History(
                key,
                history_codec.decode_steps(steps, count),
                history_codec.decode_timestamps(stamps),
                history_codec.decode_values(values),
            )
    return dict(out)


def params_with_metric(
    conn: Connection, experiment_pks: Sequence[int], metric_key: str
) -> tuple[list[dict[str, str]], list[float]]:
    """Params and latest ``metric_key`` value of every active run that logged it.

    For parameter importance over whole experiments; a NaN latest value comes back
    as NaN.
    """
    latest: dict[int, float] = {}
    for pk, value, is_nan in conn.execute(
        select(
            MetricSummary.run_pk,
            MetricSummary.latest_value,
            MetricSummary.latest_is_nan,
        )
        .join(Run, Run.id == MetricSummary.run_pk)
        .where(
            Run.experiment_pk.in_(list(experiment_pks)),
            Run.lifecycle_stage == "active",
            MetricSummary.key == metric_key,
        )
    ):
        latest[pk] = math.nan if is_nan or value is None else float(value)
    params: dict[int, dict[str, str]] = defaultdict(dict)
    for chunk in chunks(list(latest), 500):
        for pk, key, value in conn.execute(
            select(Param.run_pk, Param.key, Param.value).where(Param.run_pk.in_(chunk))
        ):
            params[pk][key] = value
    order = sorted(latest)
    return [params.get(pk, {}) for pk in order], [latest[pk] for pk in order]


def run_folder(conn: Connection, run_pk: int) -> str | None:
    """Where the run was found in its source (its folder in an ``mlruns`` tree)."""
    return conn.scalar(select(Run.location).where(Run.id == run_pk))


def run_details(conn: Connection, pks: Sequence[int]) -> list[RunDetail]:
    """Full details (params, tags, metric summaries) of runs, in the order given.

    Read with Core, not the ORM: about three times faster for the thousand runs a
    compare dialog may open on.
    """
    out: dict[int, RunDetail] = {}
    for chunk in chunks(list(pks), 500):
        params = _by_run(
            conn.execute(
                select(Param.run_pk, Param.key, Param.value).where(
                    Param.run_pk.in_(chunk)
                )
            )
        )
        tags = _by_run(
            conn.execute(
                select(Tag.run_pk, Tag.key, Tag.value).where(Tag.run_pk.in_(chunk))
            )
        )
        metrics: dict[int, dict[str, MetricValue]] = defaultdict(dict)
        m = MetricSummary
        for row in conn.execute(
            select(
                m.run_pk,
                m.key,
                m.latest_value,
                m.latest_is_nan,
                m.latest_step,
                m.latest_timestamp,
                m.min_value,
                m.min_step,
                m.max_value,
                m.max_step,
                m.count,
            ).where(m.run_pk.in_(chunk))
        ):
            pk, key, latest, is_nan, *rest = row
            value = math.nan if is_nan or latest is None else float(latest)
            metrics[pk][key] = MetricValue(key, value, *rest)
        for row in conn.execute(
            select(
                Run.id,
                Run.run_id,
                Run.experiment_pk,
                Experiment.experiment_id,
                Run.run_name,
                Run.status,
                Run.lifecycle_stage,
                Run.start_time,
                Run.end_time,
                Run.deleted_time,
                Run.user_id,
                Run.artifact_uri,
                Run.artifact_root,
                Run.parent_run_id,
            )
            .join(Experiment, Experiment.id == Run.experiment_pk)
            .where(Run.id.in_(chunk))
        ):
            pk = row[0]
            out[pk] = RunDetail(
                *row,
                params.get(pk, {}),
                tags.get(pk, {}),
                metrics.get(pk, {}),
            )
    return [out[pk] for pk in pks if pk in out]


def run_source(conn: Connection, run_pk: int) -> tuple[str, str] | None:
    """``(kind, location)`` of the source a run was imported from."""
    row = conn.execute(
        select(Source.kind, Source.location)
        .join(Run, Run.source_id == Source.id)
        .where(Run.id == run_pk)
    ).first()
    return (row[0], row[1]) if row is not None else None


def stored_runs(
    conn: Connection, source_id: int
) -> tuple[dict[str, tuple[int, str]], dict[str, int]]:
    """A source's stored runs (run id → row id, stamp) and experiments (id → row id)."""
    runs = {
        run_id: (pk, stamp)
        for run_id, pk, stamp in conn.execute(
            select(Run.run_id, Run.id, Run.stamp).where(Run.source_id == source_id)
        )
    }
    experiments = dict(
        conn.execute(
            select(Experiment.experiment_id, Experiment.id).where(
                Experiment.source_id == source_id
            )
        ).all()
    )
    return runs, experiments
