"""Export runs from the store as JSON or CSV (streamed, so memory stays flat)."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import TextIO

from sqlalchemy import Connection

from desktop.core.dataset_column import dataset_names
from desktop.core.views import ExperimentInfo, RunDetail, RunMark
from desktop.services.server_listings import ExportArtifacts
from desktop.store import queries
from desktop.store.batching import chunks
from desktop.store.database import Store
from desktop.store.marks import read_marks

NO_MARK = RunMark()
MARK_COLUMNS = ["local.starred", "local.hidden", "local.note"]
"""The CSV columns of the user's marks (kept in our store, not the source)."""


def json_number(value: float) -> float | str:
    """JSON-safe float: NaN and infinities become ``"NaN"``/``"Infinity"``/...."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def select_experiments(
    conn: Connection, names: Sequence[str] | None = None
) -> list[ExperimentInfo]:
    """Experiments to export: all, or those whose name is in ``names``."""
    return queries.list_experiments(conn, names=names or None)


def _runs(conn: Connection, experiment: ExperimentInfo) -> Iterator[RunDetail]:
    for chunk in chunks(queries.run_pks(conn, [experiment.pk]), 500):
        yield from queries.run_details(conn, chunk)


def run_to_json(
    conn: Connection,
    run: RunDetail,
    *,
    history: bool,
    artifacts: ExportArtifacts | None = None,
) -> dict:
    """The export form of one run (``"artifacts": null`` when not listed)."""
    files = (artifacts or ExportArtifacts()).files(conn, run)
    mark = read_marks(conn, [run.pk]).get(run.pk, NO_MARK)
    data = {
        "run_id": run.run_id,
        "run_name": run.run_name,
        "experiment_id": run.experiment_id,
        "status": run.status,
        "lifecycle_stage": run.lifecycle_stage,
        "start_time": run.start_time,
        "end_time": run.end_time,
        "user_id": run.user_id,
        "params": run.params,
        "tags": run.tags,
        "metrics": {k: json_number(m.latest) for k, m in sorted(run.metrics.items())},
        "artifacts": None
        if files is None
        else [{"path": f.path, "size": f.size} for f in files],
        "datasets": [
            {"name": d.name, "digest": d.digest, "context": d.context}
            for d in queries.dataset_refs(conn, [run.pk]).get(run.pk, ())
        ],
        "local": {"starred": mark.starred, "hidden": mark.hidden, "note": mark.note},
    }
    if history:
        data["metric_history"] = {
            key: [
                [int(s), int(t), json_number(float(v))]
                for s, t, v in zip(h.steps, h.timestamps, h.values, strict=True)
            ]
            for key, h in sorted(queries.metric_histories(conn, run.pk).items())
        }
    return data


def export_json(
    store: Store,
    out: TextIO,
    *,
    experiment_names: Sequence[str] = (),
    history: bool = False,
    artifacts: ExportArtifacts | None = None,
) -> int:
    """Write a JSON list of experiments with their runs; returns the run count.

    Runs synced from a tracking server have their artifacts listed through the
    server (see :class:`ExportArtifacts`; pass one to read its notes afterwards).
    """
    artifacts = artifacts or ExportArtifacts()
    count = 0
    with store.engine.connect() as conn:
        out.write("[")
        for index, exp in enumerate(select_experiments(conn, experiment_names)):
            header = {
                "experiment_id": exp.experiment_id,
                "name": exp.name,
                "lifecycle_stage": exp.lifecycle_stage,
                "artifact_location": exp.artifact_location,
                "tags": exp.tags,
            }
            text = json.dumps(header, ensure_ascii=False, allow_nan=False)
            out.write(("," if index else "") + "\n " + text[:-1] + ', "runs": [')
            for position, run in enumerate(_runs(conn, exp)):
                out.write(("," if position else "") + "\n  ")
                out.write(
                    json.dumps(
                        run_to_json(conn, run, history=history, artifacts=artifacts),
                        ensure_ascii=False,
                        allow_nan=False,
                    )
                )
                count += 1
            out.write("]}")
        out.write("\n]\n")
    return count


def _iso(ms: int | None) -> str:
    if ms is None:
        return ""
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="milliseconds")


def export_csv(
    store: Store,
    out: TextIO,
    *,
    experiment_names: Sequence[str] = (),
    run_pks: Sequence[int] | None = None,
) -> int:
    """Write one CSV row per run, columns ``metrics.x``, ``params.x``, ``tags.x``
    (and ``datasets``, the input datasets' names, when some run has one), after
    the user's marks ``local.starred``, ``local.hidden`` (``true``/``false``) and
    ``local.note``.

    ``run_pks`` exports exactly those runs, in that order, instead of experiments.
    """
    with store.engine.connect() as conn:
        experiments = select_experiments(conn, experiment_names)
        names = {e.pk: e.name for e in experiments}
        if run_pks is None:
            runs = [run for exp in experiments for run in _runs(conn, exp)]
        else:
            runs = [
                r
                for chunk in chunks(list(run_pks), 500)
                for r in queries.run_details(conn, chunk)
            ]
        inputs = queries.dataset_refs(conn, [r.pk for r in runs])
        marks = read_marks(conn, [r.pk for r in runs])
    metric_keys = sorted({k for r in runs for k in r.metrics})
    param_keys = sorted({k for r in runs for k in r.params})
    tag_keys = sorted({k for r in runs for k in r.tags})
    fixed = [
        "run_id",
        "run_name",
        "experiment_id",
        "experiment_name",
        "status",
        "lifecycle_stage",
        "start_time",
        "end_time",
        "user_id",
        "artifact_uri",
    ]
    if inputs:
        fixed.append("datasets")
    fixed += MARK_COLUMNS
    writer = csv.writer(out)
    writer.writerow(
        fixed
        + [f"metrics.{k}" for k in metric_keys]
        + [f"params.{k}" for k in param_keys]
        + [f"tags.{k}" for k in tag_keys]
    )
    for run in runs:
        row = [
            run.run_id,
            run.run_name,
            run.experiment_id,
            names.get(run.experiment_pk, ""),
            run.status,
            run.lifecycle_stage,
            _iso(run.start_time),
            _iso(run.end_time),
            run.user_id or "",
            run.artifact_uri or "",
        ]
        if inputs:
            row.append(dataset_names(inputs.get(run.pk, ())))
        mark = marks.get(run.pk, NO_MARK)
        row += [_flag(mark.starred), _flag(mark.hidden), mark.note or ""]
        row += [
            _csv_number(run.metrics[k].latest) if k in run.metrics else ""
            for k in metric_keys
        ]
        row += [run.params.get(k, "") for k in param_keys]
        row += [run.tags.get(k, "") for k in tag_keys]
        writer.writerow(row)
    return len(runs)


def _csv_number(value: float) -> str:
    text = json_number(value)
    return text if isinstance(text, str) else repr(text)


def _flag(value: bool) -> str:
    return "true" if value else "false"
