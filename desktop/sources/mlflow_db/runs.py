"""Read a batch of runs in bulk: one set-based statement per table, never per run."""

from __future__ import annotations

import os
from collections.abc import Sequence

from desktop.core.records import DatasetInput, ModelLink, Problem, RunRecord
from desktop.sources.mlflow_db.artifacts import resolve_db_artifact_root
from desktop.sources.mlflow_db.cells import OddCells, as_text
from desktop.sources.mlflow_db.connection import Rows
from desktop.sources.mlflow_db.metrics import LatestRow, histories_from_rows
from desktop.sources.mlflow_db.schema import DbSchema
from desktop.sources.mlflow_db.stamps import RunHead
from desktop.sources.mlruns.artifacts import list_artifacts
from desktop.sources.mlruns.files import Report
from desktop.sources.mlruns.kept_parts import PartReport


def artifact_root_of(head: RunHead, db_dir: str) -> str | None:
    """The run's local artifact folder (see :mod:`.artifacts`), or ``None``."""
    return resolve_db_artifact_root(
        head.artifact_uri, db_dir, f"{head.experiment_id}/{head.run_id}/artifacts"
    )


def _select(rows: Rows, sql: str, ids: Sequence[str]) -> list[tuple]:
    return rows(sql.format(ids=",".join("?" * len(ids))), ids)


def read_runs(
    rows: Rows,
    schema: DbSchema,
    heads: Sequence[RunHead],
    db_path: str,
    roots: dict[str, str | None],
    stamps: dict[str, str],
    report: Report,
) -> list[RunRecord]:
    """Read every table's rows of ``heads`` (at most a few hundred runs at once).

    ``roots`` and ``stamps`` hold each run's resolved artifact folder and stamp.
    """
    ids = [h.run_id for h in heads]
    odd = OddCells(db_path, report)
    for head in heads:
        for column, value in head.odd:
            odd.note(head.run_id, f"runs.{column}", value)
    params = _key_values(rows, "params", ids, odd)
    tags = _key_values(rows, "tags", ids, odd)
    histories = histories_from_rows(
        _metric_rows(rows, schema, ids, odd), _latest(rows, schema, ids, odd)
    )
    datasets = _datasets(rows, schema, ids)
    models = _model_links(rows, schema, ids)
    records = []
    for head in heads:
        run_tags = tags.get(head.run_id, {})
        root = roots.get(head.run_id)
        # An unreadable artifact folder keeps the stored listing (see kept_parts).
        kept: list[tuple[str, str]] = []
        artifacts = (
            list_artifacts(root, PartReport(report, "artifacts", root, kept))
            if root
            else None
        )
        records.append(
            RunRecord(
                run_id=head.run_id,
                experiment_id=head.experiment_id,
                run_name=head.name or run_tags.get("mlflow.runName") or "",
                status=head.status,
                lifecycle_stage=head.lifecycle_stage,
                start_time=head.start_time,
                end_time=head.end_time,
                deleted_time=head.deleted_time,
                user_id=head.user_id,
                artifact_uri=head.artifact_uri,
                artifact_root=root,
                params=params.get(head.run_id, {}),
                tags=run_tags,
                metrics=histories.get(head.run_id, []),
                artifacts=artifacts,
                datasets=datasets.get(head.run_id, []),
                models=models.get(head.run_id, []),
                stamp="" if kept else stamps[head.run_id],  # "": read again
                location=db_path,
                kept=kept,
            )
        )
    return records


def _key_values(
    rows: Rows, table: str, ids: Sequence[str], odd: OddCells
) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for run_id, key, value in _select(
        rows,
        f"SELECT run_uuid, key, value FROM {table} WHERE run_uuid IN ({{ids}})",
        ids,
    ):
        run_id = str(run_id)
        text_key, key_ok = as_text(key)
        text, value_ok = as_text(value)
        if not key_ok:
            odd.note(run_id, f"{table}.key", key)
        if not value_ok:
            odd.note(run_id, f"{table}.value {text_key!r}", value)
        out.setdefault(run_id, {})[text_key or ""] = text if text is not None else ""
    return out


# A metric point whose step and timestamp are integers and whose value a number
# (SQLite's column affinities leave anything else as it was given).
_POINT_OK = (
    "typeof({ts}) IN ('integer', 'null') AND typeof({step}) IN ('integer', 'null') "
    "AND typeof(value) IN ('real', 'integer', 'null')"
)


def _metric_rows(
    rows: Rows, schema: DbSchema, ids: Sequence[str], odd: OddCells
) -> list:
    step = schema.column_or("metrics", "step", "0")
    is_nan = schema.column_or("metrics", "is_nan", "0")
    ok = _POINT_OK.format(ts="timestamp", step=step)
    found = _select(
        rows,
        f"SELECT run_uuid, key, coalesce(timestamp, 0), coalesce({step}, 0), "
        f"coalesce(value, 0.0), coalesce({is_nan}, 0) OR value IS NULL, {ok} "
        "FROM metrics WHERE run_uuid IN ({ids}) ORDER BY run_uuid, key",
        ids,
    )
    if all(row[6] for row in found):
        return found
    good = []
    for row in found:
        if row[6]:
            good.append(row)
        else:
            odd.point(str(row[0]), row)
    return good


def _latest(
    rows: Rows, schema: DbSchema, ids: Sequence[str], odd: OddCells
) -> dict[tuple[str, str], LatestRow]:
    if not schema.has("latest_metrics"):
        return {}
    step = schema.column_or("latest_metrics", "step", "0")
    is_nan = schema.column_or("latest_metrics", "is_nan", "0")
    ok = _POINT_OK.format(ts="timestamp", step=step)
    latest: dict[tuple[str, str], LatestRow] = {}
    for r in _select(
        rows,
        f"SELECT run_uuid, key, coalesce({step}, 0), timestamp, value, "
        f"coalesce({is_nan}, 0), {ok} FROM latest_metrics "
        "WHERE run_uuid IN ({ids})",
        ids,
    ):
        if r[6]:
            latest[(r[0], r[1])] = (r[2], r[3], r[4], bool(r[5]))
        else:  # ignored: MLflow's rule picks the latest point instead
            odd.note(str(r[0]), f"latest_metrics {str(r[1])!r}", r[4], "ignored")
    return latest


def _datasets(
    rows: Rows, schema: DbSchema, ids: Sequence[str]
) -> dict[str, list[DatasetInput]]:
    if not (schema.has("inputs") and schema.has("datasets")):
        return {}
    tags: dict[str, dict[str, str]] = {}
    if schema.has("input_tags"):
        for input_id, name, value in _select(
            rows,
            "SELECT t.input_uuid, t.name, t.value FROM input_tags t "
            "JOIN inputs i ON i.input_uuid = t.input_uuid "
            "WHERE i.destination_type = 'RUN' AND i.destination_id IN ({ids})",
            ids,
        ):
            tags.setdefault(input_id, {})[as_text(name)[0] or ""] = (
                as_text(value)[0] or ""
            )
    out: dict[str, list[DatasetInput]] = {}
    for row in _select(
        rows,
        "SELECT i.destination_id, i.input_uuid, d.name, d.digest, "
        "d.dataset_source_type, d.dataset_source, d.dataset_schema, "
        "d.dataset_profile FROM inputs i JOIN datasets d "
        "ON d.dataset_uuid = i.source_id WHERE i.source_type = 'DATASET' "
        "AND i.destination_type = 'RUN' AND i.destination_id IN ({ids})",
        ids,
    ):
        text = [as_text(cell)[0] for cell in row[2:8]]
        out.setdefault(str(row[0]), []).append(
            DatasetInput(
                name=text[0] or "",
                digest=text[1] or "",
                source_type=text[2],
                source=text[3],
                schema=text[4],
                profile=text[5],
                tags=tags.get(row[1], {}),
            )
        )
    for datasets in out.values():
        datasets.sort(key=lambda d: (d.name, d.digest))
    return out


def _model_links(
    rows: Rows, schema: DbSchema, ids: Sequence[str]
) -> dict[str, list[ModelLink]]:
    if not schema.has("inputs"):
        return {}
    step = schema.column_or("inputs", "step", "NULL")
    out: dict[str, list[ModelLink]] = {}
    for run_id, model_id, kind, at_step in _select(
        rows,
        f"SELECT source_id, destination_id, source_type, {step} FROM inputs "
        "WHERE source_type IN ('RUN_INPUT', 'RUN_OUTPUT') AND source_id IN ({ids})",
        ids,
    ):
        if kind == "RUN_INPUT":
            link = ModelLink(model_id, "input")
        else:
            link = ModelLink(
                model_id, "output", None if at_step is None else int(at_step)
            )
        out.setdefault(run_id, []).append(link)
    for links in out.values():
        links.sort(key=lambda m: (m.direction, m.model_id))
    return out


def table_problem(db_path: str, what: str, message: str) -> Problem:
    """A problem in a database table, named by file and table."""
    return Problem(db_path, f"{what}: {message}")


def db_folder(db_path: str) -> str:
    """The folder that holds the database (the base of relative artifact paths)."""
    return os.path.dirname(os.path.abspath(db_path))
