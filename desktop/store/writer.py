"""Write source records into the store in bulk, keeping run row ids stable."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, delete, insert, select, update

from desktop.core.records import (
    ArtifactFile,
    ExperimentRecord,
    LoggedModelRecord,
    Problem,
    RunRecord,
)
from desktop.store.batching import chunks
from desktop.store.kept_rows import kept_rows
from desktop.store.run_rows import (  # noqa: F401 - numeric_value is re-exported
    RunRows,
    encode_runs,
    finite_or_none,
    numeric_value,
)
from desktop.store.schema import (
    ArtifactFileRow,
    ArtifactListing,
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
    ArtifactListing,
    RunDataset,
    RunModel,
)


_RUN_COLUMNS = (
    "source_id, experiment_pk, run_id, run_name, status, lifecycle_stage, "
    "start_time, end_time, deleted_time, user_id, artifact_uri, artifact_root, "
    "parent_run_id, location, stamp"
)
_RUN_MARKS = ", ".join("?" * 15)


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
        return self.write_rows(encode_runs(records), experiment_pks, existing)

    def write_rows(
        self,
        rows: RunRows,
        experiment_pks: dict[str, int],
        existing: dict[str, int],
    ) -> int:
        """Write runs already encoded by :func:`~desktop.store.run_rows.encode_runs`.

        Same contract as :meth:`write_runs`.
        """
        conn = self.connection
        updated = [existing[run_id] for run_id in rows.run_ids if run_id in existing]
        saved = kept_rows(conn, rows.kept, existing)
        for chunk in chunks(updated, 500):
            marks = ",".join("?" * len(chunk))
            for table in RUN_CHILD_TABLES:
                conn.exec_driver_sql(
                    f"DELETE FROM {table.__tablename__} WHERE run_pk IN ({marks})",
                    tuple(chunk),
                )
        source_id = self.source_id
        new_rows, changed_rows = [], []
        for row in rows.runs:
            full = (source_id, experiment_pks[row[1]], row[0], *row[2:])
            pk = existing.get(row[0])
            if pk is None:
                new_rows.append(full)
            else:
                changed_rows.append((*full, pk))
        self._executemany(
            f"INSERT INTO runs ({_RUN_COLUMNS}) VALUES ({_RUN_MARKS})", new_rows
        )
        self._executemany(
            f"UPDATE runs SET ({_RUN_COLUMNS}) = ({_RUN_MARKS}) WHERE id = ?",
            changed_rows,
        )
        pks = {rid: existing[rid] for rid in rows.run_ids if rid in existing}
        new_ids = [row[2] for row in new_rows]
        for chunk in chunks(new_ids, 500):
            pks.update(
                conn.execute(
                    select(Run.run_id, Run.id).where(
                        Run.source_id == source_id, Run.run_id.in_(chunk)
                    )
                ).all()
            )
        self._insert_children(rows, pks)
        for table, kept in saved.items():  # fresh rows win over kept ones
            marks = ",".join("?" * len(kept[0]))
            self._executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", kept)
        return rows.points

    def _insert_children(self, rows: RunRows, pks: dict[str, int]) -> None:
        for sql, children in (
            ("INSERT INTO params VALUES (?, ?, ?, ?)", rows.params),
            ("INSERT INTO tags VALUES (?, ?, ?)", rows.tags),
            (
                "INSERT INTO metric_summaries (run_pk, key, latest_value, "
                "latest_is_nan, latest_step, latest_timestamp, min_value, min_step, "
                "max_value, max_step, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.summaries,
            ),
            (
                "INSERT INTO metric_histories (run_pk, key, count, steps, "
                'timestamps, "values") VALUES (?, ?, ?, ?, ?, ?)',
                rows.histories,
            ),
            ("INSERT INTO artifact_files VALUES (?, ?, ?)", rows.files),
            (
                "INSERT INTO run_datasets (run_pk, position, name, digest, "
                "source_type, source, schema, profile, tags_json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.datasets,
            ),
            ("INSERT OR IGNORE INTO run_models VALUES (?, ?, ?, ?)", rows.models),
        ):
            self._executemany(sql, [(pks[c[0]], *c[1:]) for c in children])

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self.connection.exec_driver_sql(sql, rows)

    def replace_artifact_listing(
        self, run_pk: int, files: Sequence[ArtifactFile], listed_at: int
    ) -> None:
        """Store a run's artifact listing made at ``listed_at`` (ms), replacing any."""
        conn = self.connection
        conn.execute(delete(ArtifactFileRow).where(ArtifactFileRow.run_pk == run_pk))
        conn.execute(delete(ArtifactListing).where(ArtifactListing.run_pk == run_pk))
        self._executemany(
            "INSERT OR IGNORE INTO artifact_files VALUES (?, ?, ?)",
            [(run_pk, f.path, f.size) for f in files],
        )
        conn.execute(insert(ArtifactListing).values(run_pk=run_pk, listed_at=listed_at))

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
                            "value": finite_or_none(m.value),
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

    def forget_experiment_keys(self, experiment_pks: Iterable[int]) -> None:
        """Drop the key lists of experiments (until :meth:`refresh_experiment_keys`)."""
        for chunk in chunks(list(experiment_pks), 500):
            marks = ",".join(str(int(pk)) for pk in chunk)
            self.connection.exec_driver_sql(
                f"DELETE FROM experiment_keys WHERE experiment_pk IN ({marks})"
            )

    def experiments_without_keys(self) -> list[int]:
        """This source's experiments that have runs but no key lists."""
        return list(
            self.connection.exec_driver_sql(
                "SELECT e.id FROM experiments e WHERE e.source_id = ? "
                "AND EXISTS (SELECT 1 FROM runs r WHERE r.experiment_pk = e.id) "
                "AND NOT EXISTS "
                "(SELECT 1 FROM experiment_keys k WHERE k.experiment_pk = e.id)",
                (self.source_id,),
            ).scalars()
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


def delete_source(connection: Connection, source_id: int) -> None:
    """Remove a source and everything imported from it."""
    connection.execute(delete(Source).where(Source.id == source_id))


def ensure_source(connection: Connection, kind: str, location: str, name: str) -> int:
    """The row id of the source at ``location``, created on its first import."""
    pk = connection.scalar(select(Source.id).where(Source.location == location))
    if pk is None:
        pk = connection.execute(
            insert(Source).values(
                kind=kind,
                location=location,
                name=name,
                added_at=int(time.time() * 1000),
            )
        ).inserted_primary_key[0]
    return int(pk)
