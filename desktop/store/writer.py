"""Write source records into the store in bulk, keeping run row ids stable."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import Connection, delete, insert, select, update

from desktop.core.records import (
    ExperimentRecord,
    LoggedModelRecord,
    MetricHistory,
    Problem,
    RunRecord,
)
from desktop.store import history_codec
from desktop.store.batching import chunks
from desktop.store.schema import (
    ArtifactFileRow,
    Experiment,
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

RUN_CHILD_TABLES = (
    Param,
    Tag,
    MetricSummary,
    MetricHistoryRow,
    ArtifactFileRow,
    RunDataset,
    RunModel,
)


def numeric_value(text_value: str) -> float | None:
    """The number a param value spells (``'10'``, ``' 1e-3'``), else ``None``."""
    if not text_value or len(text_value) > 64:
        return None
    try:
        number = float(text_value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _finite_or_none(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


class StoreWriter:
    """Bulk writes for one source on one open connection (the caller commits)."""

    def __init__(self, connection: Connection, source_id: int) -> None:
        self.connection = connection
        self.source_id = source_id

    # -- experiments -------------------------------------------------------------
    def upsert_experiment(self, record: ExperimentRecord) -> int:
        """Insert or update an experiment (and replace its tags); return its row id."""
        values = {
            "name": record.name,
            "artifact_location": record.artifact_location,
            "lifecycle_stage": record.lifecycle_stage,
            "creation_time": record.creation_time,
            "last_update_time": record.last_update_time,
            "location": record.location,
        }
        pk = self.connection.scalar(
            select(Experiment.id).where(
                Experiment.source_id == self.source_id,
                Experiment.experiment_id == record.experiment_id,
            )
        )
        if pk is None:
            pk = self.connection.execute(
                insert(Experiment).values(
                    source_id=self.source_id,
                    experiment_id=record.experiment_id,
                    **values,
                )
            ).inserted_primary_key[0]
        else:
            self.connection.execute(
                update(Experiment).where(Experiment.id == pk).values(**values)
            )
            self.connection.execute(
                delete(ExperimentTag).where(ExperimentTag.experiment_pk == pk)
            )
        if record.tags:
            self.connection.execute(
                insert(ExperimentTag),
                [
                    {"experiment_pk": pk, "key": k, "value": v}
                    for k, v in record.tags.items()
                ],
            )
        return int(pk)

    def delete_experiments(self, experiment_pks: Iterable[int]) -> None:
        """Delete experiments with everything below them."""
        pks = list(experiment_pks)
        for chunk in chunks(pks, 500):
            self.connection.execute(delete(Experiment).where(Experiment.id.in_(chunk)))

    # -- runs --------------------------------------------------------------------
    def write_runs(
        self,
        records: Sequence[RunRecord],
        experiment_pks: dict[str, int],
        existing: dict[str, int],
    ) -> int:
        """Write runs, replacing the stored copies of those in ``existing``.

        ``existing`` maps run ids to row ids; updated runs keep their row id. Returns
        the number of metric points written.
        """
        conn = self.connection
        updated = [existing[r.run_id] for r in records if r.run_id in existing]
        for chunk in chunks(updated, 500):
            for table in RUN_CHILD_TABLES:
                conn.execute(delete(table).where(table.run_pk.in_(chunk)))
        new_rows = []
        for record in records:
            row = self._run_row(record, experiment_pks[record.experiment_id])
            pk = existing.get(record.run_id)
            if pk is None:
                new_rows.append(row)
            else:
                conn.execute(update(Run).where(Run.id == pk).values(**row))
        if new_rows:
            conn.execute(insert(Run), new_rows)
        pks = dict(existing)
        if new_rows:
            new_ids = [r["run_id"] for r in new_rows]
            for chunk in chunks(new_ids, 500):
                pks.update(
                    conn.execute(
                        select(Run.run_id, Run.id).where(
                            Run.source_id == self.source_id, Run.run_id.in_(chunk)
                        )
                    ).all()
                )
        return self._write_children(records, pks)

    def _run_row(self, record: RunRecord, experiment_pk: int) -> dict:
        return {
            "source_id": self.source_id,
            "experiment_pk": experiment_pk,
            "run_id": record.run_id,
            "run_name": record.run_name,
            "status": record.status,
            "lifecycle_stage": record.lifecycle_stage,
            "start_time": record.start_time,
            "end_time": record.end_time,
            "deleted_time": record.deleted_time,
            "user_id": record.user_id,
            "artifact_uri": record.artifact_uri,
            "artifact_root": record.artifact_root,
            "parent_run_id": record.parent_run_id,
            "location": record.location,
            "stamp": record.stamp,
        }

    def _write_children(self, records: Sequence[RunRecord], pks: dict[str, int]) -> int:
        params, tags, summaries, histories, files, datasets, models = (
            [],
            [],
            [],
            [],
            [],
            [],
            [],
        )
        points = 0
        for record in records:
            pk = pks[record.run_id]
            params.extend(
                (pk, k, v, numeric_value(v)) for k, v in record.params.items()
            )
            tags.extend((pk, k, v) for k, v in record.tags.items())
            for h in record.metrics:
                points += len(h)
                summaries.append(_summary_row(pk, h))
                histories.append(
                    (
                        pk,
                        h.key,
                        len(h),
                        history_codec.encode_steps(h.steps),
                        history_codec.encode_timestamps(h.timestamps),
                        history_codec.encode_values(h.values),
                    )
                )
            if record.artifacts:
                files.extend((pk, f.path, f.size) for f in record.artifacts)
            for position, ds in enumerate(record.datasets):
                datasets.append(
                    (
                        pk,
                        position,
                        ds.name,
                        ds.digest,
                        ds.source_type,
                        ds.source,
                        ds.schema,
                        ds.profile,
                        json.dumps(ds.tags, ensure_ascii=False),
                    )
                )
            models.extend((pk, m.model_id, m.direction, m.step) for m in record.models)
        self._executemany("INSERT INTO params VALUES (?, ?, ?, ?)", params)
        self._executemany("INSERT INTO tags VALUES (?, ?, ?)", tags)
        self._executemany(
            "INSERT INTO metric_summaries (run_pk, key, latest_value, latest_is_nan, "
            "latest_step, latest_timestamp, min_value, min_step, max_value, max_step, "
            "count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            summaries,
        )
        self._executemany(
            "INSERT INTO metric_histories (run_pk, key, count, steps, timestamps, "
            '"values") VALUES (?, ?, ?, ?, ?, ?)',
            histories,
        )
        self._executemany("INSERT INTO artifact_files VALUES (?, ?, ?)", files)
        self._executemany(
            "INSERT INTO run_datasets (run_pk, position, name, digest, source_type, "
            "source, schema, profile, tags_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            datasets,
        )
        self._executemany(
            "INSERT OR IGNORE INTO run_models VALUES (?, ?, ?, ?)", models
        )
        return points

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self.connection.exec_driver_sql(sql, rows)

    def delete_runs(self, run_pks: Iterable[int]) -> None:
        """Delete runs with all their data."""
        for chunk in chunks(list(run_pks), 500):
            self.connection.execute(delete(Run).where(Run.id.in_(chunk)))

    # -- logged models -----------------------------------------------------------
    def replace_logged_models(
        self, experiment_pk: int, models: Sequence[LoggedModelRecord]
    ) -> None:
        """Replace an experiment's logged models with ``models``."""
        conn = self.connection
        conn.execute(
            delete(LoggedModel).where(LoggedModel.experiment_pk == experiment_pk)
        )
        for model in models:
            pk = conn.execute(
                insert(LoggedModel).values(
                    source_id=self.source_id,
                    experiment_pk=experiment_pk,
                    model_id=model.model_id,
                    name=model.name,
                    artifact_location=model.artifact_location,
                    artifact_root=model.artifact_root,
                    creation_timestamp=model.creation_timestamp,
                    last_updated_timestamp=model.last_updated_timestamp,
                    status=model.status,
                    status_message=model.status_message,
                    source_run_id=model.source_run_id,
                    model_type=model.model_type,
                    lifecycle_stage=model.lifecycle_stage,
                )
            ).inserted_primary_key[0]
            if model.params:
                conn.execute(
                    insert(LoggedModelParam),
                    [
                        {"model_pk": pk, "key": k, "value": v}
                        for k, v in model.params.items()
                    ],
                )
            if model.tags:
                conn.execute(
                    insert(LoggedModelTag),
                    [
                        {"model_pk": pk, "key": k, "value": v}
                        for k, v in model.tags.items()
                    ],
                )
            if model.metrics:
                conn.execute(
                    insert(LoggedModelMetric),
                    [
                        {
                            "model_pk": pk,
                            "key": m.key,
                            "value": _finite_or_none(m.value),
                            "is_nan": math.isnan(m.value),
                            "timestamp": m.timestamp,
                            "step": m.step,
                            "run_id": m.run_id,
                            "dataset_name": m.dataset_name,
                            "dataset_digest": m.dataset_digest,
                        }
                        for m in model.metrics
                    ],
                )

    # -- bookkeeping ---------------------------------------------------------------
    def refresh_experiment_keys(self, experiment_pks: Iterable[int]) -> None:
        """Recompute the param/metric/tag key lists of the given experiments."""
        for chunk in chunks(list(experiment_pks), 200):
            marks = ",".join(str(int(pk)) for pk in chunk)
            self.connection.exec_driver_sql(
                f"DELETE FROM experiment_keys WHERE experiment_pk IN ({marks})"
            )
            for kind, table, numeric in (
                ("param", "params", "count(c.value_num)"),
                ("metric", "metric_summaries", "count(*)"),
                ("tag", "tags", "0"),
            ):
                self.connection.exec_driver_sql(
                    "INSERT INTO experiment_keys "
                    "(experiment_pk, kind, key, runs, numeric_runs) "
                    f"SELECT r.experiment_pk, '{kind}', c.key, count(*), {numeric} "
                    f"FROM {table} c JOIN runs r ON r.id = c.run_pk "
                    f"WHERE r.experiment_pk IN ({marks}) "
                    "GROUP BY r.experiment_pk, c.key"
                )

    def replace_problems(self, problems: Sequence[Problem]) -> None:
        """Store the latest import's problems for this source."""
        self.connection.execute(
            delete(SourceProblem).where(SourceProblem.source_id == self.source_id)
        )
        if problems:
            self.connection.execute(
                insert(SourceProblem),
                [
                    {"source_id": self.source_id, "path": p.path, "message": p.message}
                    for p in problems
                ],
            )

    def mark_synced(self, when_ms: int, seconds: float) -> None:
        """Record when the source was last imported and how long it took."""
        self.connection.execute(
            update(Source)
            .where(Source.id == self.source_id)
            .values(last_sync_at=when_ms, last_sync_seconds=seconds)
        )


def _summary_row(run_pk: int, h: MetricHistory) -> tuple:
    values = h.values
    latest = float(values[h.latest_index])
    nan = np.isnan(values)
    if not nan.any():
        i_min, i_max = int(values.argmin()), int(values.argmax())
    elif not nan.all():
        i_min, i_max = int(np.nanargmin(values)), int(np.nanargmax(values))
    else:
        i_min = i_max = -1
    if i_min >= 0:
        vmin, smin = float(values[i_min]), int(h.steps[i_min])
        vmax, smax = float(values[i_max]), int(h.steps[i_max])
    else:
        vmin = smin = vmax = smax = None
    return (
        run_pk,
        h.key,
        _finite_or_none(latest),
        math.isnan(latest),
        int(h.steps[h.latest_index]),
        int(h.timestamps[h.latest_index]),
        vmin,
        smin,
        vmax,
        smax,
        len(h),
    )


def delete_source(connection: Connection, source_id: int) -> None:
    """Remove a source and everything imported from it."""
    connection.execute(delete(Source).where(Source.id == source_id))
