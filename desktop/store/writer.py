"""Write source records into the store in bulk, keeping run row ids stable.

Plain SQL on a ``sqlite3`` connection (:meth:`~desktop.store.database.Store.begin`,
or :func:`~desktop.store.database.driver_connection` inside a SQLAlchemy
transaction): an import loads no SQLAlchemy.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Iterable, Sequence

from desktop.core.records import (
    ArtifactFile,
    ExperimentRecord,
    LoggedModelRecord,
    Problem,
    RunRecord,
)
from desktop.core.registry import RegisteredModelRecord
from desktop.store.batching import chunks
from desktop.store.kept_rows import kept_rows
from desktop.store.run_rows import (  # noqa: F401 - numeric_value is re-exported
    RunRows,
    encode_runs,
    finite_or_none,
    numeric_value,
)

RUN_CHILD_TABLES = (
    "params",
    "tags",
    "metric_summaries",
    "metric_histories",
    "artifact_files",
    "artifact_listings",
    "run_datasets",
    "run_models",
)


_RUN_COLUMNS = (
    "source_id, experiment_pk, run_id, run_name, status, lifecycle_stage, "
    "start_time, end_time, deleted_time, user_id, artifact_uri, artifact_root, "
    "parent_run_id, location, stamp"
)
_RUN_MARKS = ", ".join("?" * 15)
_EXPERIMENT_COLUMNS = (
    "name",
    "artifact_location",
    "lifecycle_stage",
    "creation_time",
    "last_update_time",
    "location",
)
_LOGGED_MODEL_COLUMNS = (
    "source_id, experiment_pk, model_id, name, artifact_location, artifact_root, "
    "creation_timestamp, last_updated_timestamp, status, status_message, "
    "source_run_id, model_type, lifecycle_stage"
)
_LOGGED_MODEL_MARKS = ", ".join("?" * 13)


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


class StoreWriter:
    """Bulk writes for one source on one open connection (the caller commits)."""

    def __init__(self, connection: sqlite3.Connection, source_id: int) -> None:
        self.connection = connection
        self.source_id = source_id

    # -- experiments -------------------------------------------------------------
    def upsert_experiment(self, record: ExperimentRecord) -> int:
        """Insert or update an experiment (and replace its tags); return its row id."""
        conn = self.connection
        values = (
            record.name,
            record.artifact_location,
            record.lifecycle_stage,
            record.creation_time,
            record.last_update_time,
            record.location,
        )
        found = conn.execute(
            "SELECT id FROM experiments WHERE source_id = ? AND experiment_id = ?",
            (self.source_id, record.experiment_id),
        ).fetchone()
        if found is None:
            inserted = conn.execute(
                "INSERT INTO experiments (source_id, experiment_id, "
                f"{', '.join(_EXPERIMENT_COLUMNS)}) VALUES (?, ?, {_marks(values)})",
                (self.source_id, record.experiment_id, *values),
            ).lastrowid
            assert inserted is not None
            pk = inserted
        else:
            pk = int(found[0])
            conn.execute(
                "UPDATE experiments SET "
                f"{', '.join(f'{c} = ?' for c in _EXPERIMENT_COLUMNS)} WHERE id = ?",
                (*values, pk),
            )
            conn.execute("DELETE FROM experiment_tags WHERE experiment_pk = ?", (pk,))
        self._executemany(
            "INSERT INTO experiment_tags (experiment_pk, key, value) VALUES (?, ?, ?)",
            [(pk, k, v) for k, v in record.tags.items()],
        )
        return pk

    def delete_experiments(self, experiment_pks: Iterable[int]) -> None:
        """Delete experiments with everything below them."""
        pks = list(experiment_pks)
        for chunk in chunks(pks, 500):
            self.connection.execute(
                f"DELETE FROM experiments WHERE id IN ({_marks(chunk)})", chunk
            )

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
            for table in RUN_CHILD_TABLES:
                conn.execute(
                    f"DELETE FROM {table} WHERE run_pk IN ({_marks(chunk)})", chunk
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
                    "SELECT run_id, id FROM runs WHERE source_id = ? "
                    f"AND run_id IN ({_marks(chunk)})",
                    (source_id, *chunk),
                ).fetchall()
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
            self.connection.executemany(sql, rows)

    def replace_artifact_listing(
        self, run_pk: int, files: Sequence[ArtifactFile], listed_at: int
    ) -> None:
        """Store a run's artifact listing made at ``listed_at`` (ms), replacing any."""
        conn = self.connection
        conn.execute("DELETE FROM artifact_files WHERE run_pk = ?", (run_pk,))
        conn.execute("DELETE FROM artifact_listings WHERE run_pk = ?", (run_pk,))
        self._executemany(
            "INSERT OR IGNORE INTO artifact_files VALUES (?, ?, ?)",
            [(run_pk, f.path, f.size) for f in files],
        )
        conn.execute(
            "INSERT INTO artifact_listings (run_pk, listed_at) VALUES (?, ?)",
            (run_pk, listed_at),
        )

    def delete_runs(self, run_pks: Iterable[int]) -> None:
        """Delete runs with all their data."""
        for chunk in chunks(list(run_pks), 500):
            self.connection.execute(
                f"DELETE FROM runs WHERE id IN ({_marks(chunk)})", chunk
            )

    # -- logged models -----------------------------------------------------------
    def replace_logged_models(
        self, experiment_pk: int, models: Sequence[LoggedModelRecord]
    ) -> None:
        """Replace an experiment's logged models with ``models``."""
        conn = self.connection
        conn.execute(
            "DELETE FROM logged_models WHERE experiment_pk = ?", (experiment_pk,)
        )
        for model in models:
            pk = conn.execute(
                f"INSERT INTO logged_models ({_LOGGED_MODEL_COLUMNS}) "
                f"VALUES ({_LOGGED_MODEL_MARKS})",
                (
                    self.source_id,
                    experiment_pk,
                    model.model_id,
                    model.name,
                    model.artifact_location,
                    model.artifact_root,
                    model.creation_timestamp,
                    model.last_updated_timestamp,
                    model.status,
                    model.status_message,
                    model.source_run_id,
                    model.model_type,
                    model.lifecycle_stage,
                ),
            ).lastrowid
            self._executemany(
                "INSERT INTO logged_model_params (model_pk, key, value) "
                "VALUES (?, ?, ?)",
                [(pk, k, v) for k, v in model.params.items()],
            )
            self._executemany(
                "INSERT INTO logged_model_tags (model_pk, key, value) VALUES (?, ?, ?)",
                [(pk, k, v) for k, v in model.tags.items()],
            )
            self._executemany(
                "INSERT INTO logged_model_metrics (model_pk, key, value, is_nan, "
                "timestamp, step, run_id, dataset_name, dataset_digest) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        pk,
                        m.key,
                        finite_or_none(m.value),
                        math.isnan(m.value),
                        m.timestamp,
                        m.step,
                        m.run_id,
                        m.dataset_name,
                        m.dataset_digest,
                    )
                    for m in model.metrics
                ],
            )

    # -- model registry --------------------------------------------------------------
    def replace_registry(self, models: Sequence[RegisteredModelRecord]) -> bool:
        """Replace the source's registered models (with versions, tags, aliases);
        returns whether they changed (when they did not, nothing is written)."""
        if _registry_facts(models) == self._stored_registry():
            return False
        conn = self.connection
        conn.execute(
            "DELETE FROM registered_models WHERE source_id = ?", (self.source_id,)
        )
        for model in models:
            model_pk = conn.execute(
                "INSERT INTO registered_models (source_id, name, description, "
                "creation_time, last_updated_time) VALUES (?, ?, ?, ?, ?)",
                (
                    self.source_id,
                    model.name,
                    model.description,
                    model.creation_time,
                    model.last_updated_time,
                ),
            ).lastrowid
            self._executemany(
                "INSERT INTO registered_model_tags (model_pk, key, value) "
                "VALUES (?, ?, ?)",
                [(model_pk, k, v) for k, v in model.tags.items()],
            )
            self._executemany(
                "INSERT INTO registered_model_aliases (model_pk, alias, version) "
                "VALUES (?, ?, ?)",
                [(model_pk, a, v) for a, v in model.aliases.items()],
            )
            for version in model.versions:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO model_versions (model_pk, source_id, "
                    "version, run_id, source, status, stage, description, "
                    "creation_time, last_updated_time, model_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        model_pk,
                        self.source_id,
                        version.version,
                        version.run_id,
                        version.source,
                        version.status,
                        version.stage,
                        version.description,
                        version.creation_time,
                        version.last_updated_time,
                        version.model_id,
                    ),
                )
                if cursor.rowcount != 1:  # the same version twice: the first wins
                    continue
                version_pk = cursor.lastrowid
                self._executemany(
                    "INSERT INTO model_version_tags (version_pk, key, value) "
                    "VALUES (?, ?, ?)",
                    [(version_pk, k, v) for k, v in version.tags.items()],
                )
        return True

    def _stored_registry(self) -> list[tuple]:
        """The source's stored registry, in the form of :func:`_registry_facts`."""
        conn = self.connection
        models = conn.execute(
            "SELECT id, name, description, creation_time, last_updated_time "
            "FROM registered_models WHERE source_id = ?",
            (self.source_id,),
        ).fetchall()
        tags: dict[int, list] = {}
        aliases: dict[int, list] = {}
        versions: dict[int, list] = {}
        version_tags: dict[int, list] = {}
        where = (
            "WHERE model_pk IN (SELECT id FROM registered_models WHERE source_id = ?)"
        )
        for pk, key, value in conn.execute(
            f"SELECT model_pk, key, value FROM registered_model_tags {where}",
            (self.source_id,),
        ):
            tags.setdefault(pk, []).append((key, value))
        for pk, alias, version in conn.execute(
            f"SELECT model_pk, alias, version FROM registered_model_aliases {where}",
            (self.source_id,),
        ):
            aliases.setdefault(pk, []).append((alias, version))
        for pk, key, value in conn.execute(
            "SELECT t.version_pk, t.key, t.value FROM model_version_tags t "
            "JOIN model_versions v ON v.id = t.version_pk WHERE v.source_id = ?",
            (self.source_id,),
        ):
            version_tags.setdefault(pk, []).append((key, value))
        for row in conn.execute(
            "SELECT model_pk, id, version, run_id, source, status, stage, "
            "description, creation_time, last_updated_time, model_id "
            "FROM model_versions WHERE source_id = ?",
            (self.source_id,),
        ):
            versions.setdefault(row[0], []).append(
                (*row[2:], tuple(sorted(version_tags.get(row[1], []))))
            )
        return sorted(
            (
                *row[1:],
                tuple(sorted(tags.get(row[0], []))),
                tuple(sorted(aliases.get(row[0], []))),
                tuple(sorted(versions.get(row[0], []))),
            )
            for row in models
        )

    # -- bookkeeping ---------------------------------------------------------------
    def refresh_experiment_keys(self, experiment_pks: Iterable[int]) -> None:
        """Recompute the param/metric/tag key lists of the given experiments."""
        for chunk in chunks(list(experiment_pks), 200):
            marks = ",".join(str(int(pk)) for pk in chunk)
            self.connection.execute(
                f"DELETE FROM experiment_keys WHERE experiment_pk IN ({marks})"
            )
            for kind, table, numeric in (
                ("param", "params", "count(c.value_num)"),
                ("metric", "metric_summaries", "count(*)"),
                ("tag", "tags", "0"),
            ):
                self.connection.execute(
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
            self.connection.execute(
                f"DELETE FROM experiment_keys WHERE experiment_pk IN ({marks})"
            )

    def experiments_without_keys(self) -> list[int]:
        """This source's experiments that have runs but no key lists."""
        return [
            pk
            for (pk,) in self.connection.execute(
                "SELECT e.id FROM experiments e WHERE e.source_id = ? "
                "AND EXISTS (SELECT 1 FROM runs r WHERE r.experiment_pk = e.id) "
                "AND NOT EXISTS "
                "(SELECT 1 FROM experiment_keys k WHERE k.experiment_pk = e.id)",
                (self.source_id,),
            )
        ]

    def replace_problems(self, problems: Sequence[Problem]) -> None:
        """Store the latest import's problems for this source."""
        self.connection.execute(
            "DELETE FROM source_problems WHERE source_id = ?", (self.source_id,)
        )
        self._executemany(
            "INSERT INTO source_problems (source_id, path, message) VALUES (?, ?, ?)",
            [(self.source_id, p.path, p.message) for p in problems],
        )

    def mark_synced(self, when_ms: int, seconds: float) -> None:
        """Record when the source was last imported and how long it took."""
        self.connection.execute(
            "UPDATE sources SET last_sync_at = ?, last_sync_seconds = ? WHERE id = ?",
            (when_ms, seconds, self.source_id),
        )


def _registry_facts(models: Sequence[RegisteredModelRecord]) -> list[tuple]:
    """Registered models as comparable tuples (see ``_stored_registry``)."""
    facts = []
    for model in models:
        versions: dict[int, tuple] = {}
        for v in model.versions:  # the first of a repeated version is stored
            versions.setdefault(
                v.version,
                (
                    v.version,
                    v.run_id,
                    v.source,
                    v.status,
                    v.stage,
                    v.description,
                    v.creation_time,
                    v.last_updated_time,
                    v.model_id,
                    tuple(sorted(v.tags.items())),
                ),
            )
        facts.append(
            (
                model.name,
                model.description,
                model.creation_time,
                model.last_updated_time,
                tuple(sorted(model.tags.items())),
                tuple(sorted(model.aliases.items())),
                tuple(sorted(versions.values())),
            )
        )
    return sorted(facts)


def delete_source(connection: sqlite3.Connection, source_id: int) -> None:
    """Remove a source and everything imported from it."""
    connection.execute("DELETE FROM sources WHERE id = ?", (source_id,))


def ensure_source(
    connection: sqlite3.Connection, kind: str, location: str, name: str
) -> int:
    """The row id of the source at ``location``, created on its first import."""
    found = connection.execute(
        "SELECT id FROM sources WHERE location = ?", (location,)
    ).fetchone()
    if found is not None:
        return int(found[0])
    pk = connection.execute(
        "INSERT INTO sources (kind, location, name, added_at) VALUES (?, ?, ?, ?)",
        (kind, location, name, int(time.time() * 1000)),
    ).lastrowid
    assert pk is not None
    return pk
