"""Read experiments, runs, metric histories and logged models from a tracking server.

Everything becomes the same records the folder reader produces; metric histories
go through the folder reader's :func:`build_history`, so they are de-duplicated,
sorted and carry the same "latest" value.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from desktop.core.enums import lifecycle_stage, run_status_name
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import (
    DatasetInput,
    ExperimentRecord,
    LoggedModelRecord,
    MetricHistory,
    ModelLink,
    ModelMetricPoint,
    Problem,
    RunRecord,
)
from desktop.sources.mlruns.metrics import build_history
from desktop.sources.tracking_server.client import (
    AJAX,
    API,
    TrackingClient,
    dumps_stable,
    integer,
    number,
    paged,
)
from desktop.sources.tracking_server.errors import (
    BadResponse,
    EndpointMissing,
    NotFound,
    PermissionDenied,
    RequestFailed,
)

EXPERIMENT_PAGE = 1000
RUN_PAGE = 1000
HISTORY_PAGE = 25000
BULK_RUNS = 100
BULK_LIMIT = 25000
MODEL_PAGE = 100
MODEL_STATUS = {
    "LOGGED_MODEL_STATUS_UNSPECIFIED": 0,
    "LOGGED_MODEL_PENDING": 1,
    "LOGGED_MODEL_READY": 2,
    "LOGGED_MODEL_UPLOAD_FAILED": 3,
}


def _pairs(items: Iterable[dict] | None) -> dict[str, str]:
    return {
        str(item.get("key")): "" if item.get("value") is None else str(item["value"])
        for item in items or []
        if item.get("key") is not None
    }


def _str(value: object) -> str | None:
    return None if value is None else str(value)


# -- experiments ---------------------------------------------------------------
def experiment_record(data: dict[str, Any], server_url: str) -> ExperimentRecord:
    """An :class:`ExperimentRecord` from an ``Experiment`` JSON object."""
    exp_id = str(data.get("experiment_id", ""))
    return ExperimentRecord(
        experiment_id=exp_id,
        name=_str(data.get("name")) or exp_id,
        artifact_location=_str(data.get("artifact_location")),
        lifecycle_stage=lifecycle_stage(data.get("lifecycle_stage")),
        creation_time=integer(data.get("creation_time")),
        last_update_time=integer(data.get("last_update_time")),
        tags=_pairs(data.get("tags")),
        location=f"{server_url}/#/experiments/{exp_id}",
    )


def list_experiments(client: TrackingClient) -> list[ExperimentRecord]:
    """Every experiment, active and deleted (``experiments/list`` on 1.x servers)."""

    def search(token: str | None) -> dict:
        body: dict[str, Any] = {"max_results": EXPERIMENT_PAGE, "view_type": "ALL"}
        if token:
            body["page_token"] = token
        return client.post_json(f"{API}/experiments/search", body)

    try:
        pages = list(paged(search, "experiments"))
    except EndpointMissing:
        listed = client.get_json(f"{API}/experiments/list", {"view_type": "ALL"})
        pages = [list(listed.get("experiments") or [])]
    found: dict[str, ExperimentRecord] = {}
    for page in pages:
        for item in page:
            record = experiment_record(item, client.url)
            found[record.experiment_id] = record
    return sorted(found.values(), key=lambda e: _id_key(e.experiment_id))


def _id_key(text: str) -> tuple:
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


# -- runs ----------------------------------------------------------------------
@dataclass(slots=True)
class ServerRun:
    """A run as ``runs/search`` returns it, with its change stamp."""

    data: dict[str, Any]
    run_id: str
    experiment_id: str
    stamp: str
    metric_keys: tuple[str, ...]


def search_runs(
    client: TrackingClient, experiment_ids: list[str]
) -> Iterator[list[ServerRun]]:
    """Pages of every run (active and deleted) of the given experiments."""

    def search(token: str | None) -> dict:
        body: dict[str, Any] = {
            "experiment_ids": experiment_ids,
            "run_view_type": "ALL",
            "max_results": RUN_PAGE,
        }
        if token:
            body["page_token"] = token
        return client.post_json(f"{API}/runs/search", body)

    for page in paged(search, "runs"):
        yield [server_run(item) for item in page if _run_id(item)]


def _run_id(data: dict[str, Any]) -> str:
    info = data.get("info") or {}
    return str(info.get("run_id") or info.get("run_uuid") or "")


def server_run(data: dict[str, Any]) -> ServerRun:
    """Wrap one ``Run`` JSON object; its stamp changes whenever what search returns
    changes (status, end time, lifecycle, name, tags, params, inputs, outputs and
    each metric's latest step, timestamp and value)."""
    info = data.get("info") or {}
    body = data.get("data") or {}
    metrics = sorted(
        (
            str(m.get("key")),
            integer(m.get("step")) or 0,
            integer(m.get("timestamp")) or 0,
            repr(number(m.get("value"))),
        )
        for m in body.get("metrics") or []
    )
    summary = {
        "status": info.get("status"),
        "end": info.get("end_time"),
        "start": info.get("start_time"),
        "stage": info.get("lifecycle_stage"),
        "name": info.get("run_name"),
        "uri": info.get("artifact_uri"),
        "metrics": metrics,
        "params": sorted(_pairs(body.get("params")).items()),
        "tags": sorted(_pairs(body.get("tags")).items()),
        "inputs": data.get("inputs") or {},
        "outputs": data.get("outputs") or {},
    }
    digest = hashlib.sha256(dumps_stable(summary).encode("utf-8")).hexdigest()[:32]
    return ServerRun(
        data,
        _run_id(data),
        str(info.get("experiment_id", "")),
        "srv:" + digest,
        tuple(dict.fromkeys(m[0] for m in metrics)),
    )


def run_record(
    run: ServerRun, histories: list[MetricHistory], server_url: str
) -> RunRecord:
    """A :class:`RunRecord` from a searched run and its full metric histories."""
    info = run.data.get("info") or {}
    body = run.data.get("data") or {}
    tags = _pairs(body.get("tags"))
    datasets, model_inputs = _inputs(run.data.get("inputs") or {})
    outputs = [
        ModelLink(str(m.get("model_id")), "output", integer(m.get("step")))
        for m in (run.data.get("outputs") or {}).get("model_outputs") or []
        if m.get("model_id")
    ]
    return RunRecord(
        run_id=run.run_id,
        experiment_id=run.experiment_id,
        run_name=_str(info.get("run_name")) or tags.get("mlflow.runName") or "",
        status=run_status_name(info.get("status")),
        lifecycle_stage=lifecycle_stage(info.get("lifecycle_stage")),
        start_time=integer(info.get("start_time")),
        end_time=integer(info.get("end_time")),
        deleted_time=None,
        user_id=_str(info.get("user_id")),
        artifact_uri=_str(info.get("artifact_uri")),
        artifact_root=None,
        params=_pairs(body.get("params")),
        tags=tags,
        metrics=_with_server_latest(histories, body.get("metrics")),
        artifacts=None,
        datasets=datasets,
        models=model_inputs + outputs,
        stamp=run.stamp,
        location=f"{server_url}/#/experiments/{run.experiment_id}/runs/{run.run_id}",
    )


def _with_server_latest(
    histories: list[MetricHistory], latest: object
) -> list[MetricHistory]:
    """Histories sorted by key, each pointing at the server's latest value.

    The server's ``run.data.metrics`` holds MLflow's ``latest_metrics`` row; where
    it matches a point of the history, that point is the latest (as the
    ``mlflow.db`` reader does). Otherwise MLflow's rule stays.
    """
    rows = {
        str(m.get("key")): m
        for m in (latest if isinstance(latest, list) else [])
        if isinstance(m, dict)
    }
    for history in histories:
        row = rows.get(history.key)
        if row is None:
            continue
        value = number(row.get("value"))
        stamp = integer(row.get("timestamp")) or 0
        # (seconds-era timestamps were scaled to milliseconds in the history)
        match = (history.steps == (integer(row.get("step")) or 0)) & (
            (history.timestamps == stamp) | (history.timestamps == stamp * 1000)
        )
        if math.isnan(value):
            match &= np.isnan(history.values)
        else:
            match &= history.values == value
        found = np.flatnonzero(match)
        if found.size:
            history.latest_index = int(found[0])
    return sorted(histories, key=lambda h: h.key)


def _inputs(inputs: dict[str, Any]) -> tuple[list[DatasetInput], list[ModelLink]]:
    datasets = []
    for item in inputs.get("dataset_inputs") or []:
        ds = item.get("dataset") or {}
        datasets.append(
            DatasetInput(
                name=_str(ds.get("name")) or "",
                digest=_str(ds.get("digest")) or "",
                source_type=_str(ds.get("source_type")),
                source=_str(ds.get("source")),
                schema=_str(ds.get("schema")),
                profile=_str(ds.get("profile")),
                tags=_pairs(item.get("tags")),
            )
        )
    datasets.sort(key=lambda d: (d.name, d.digest))
    models = [
        ModelLink(str(m["model_id"]), "input")
        for m in inputs.get("model_inputs") or []
        if m.get("model_id")
    ]
    return datasets, models


# -- metric histories ----------------------------------------------------------
def _points_history(key: str, points: list[dict]) -> MetricHistory:
    n = len(points)
    steps = np.fromiter((integer(p.get("step")) or 0 for p in points), np.int64, n)
    stamps = np.fromiter(
        (integer(p.get("timestamp")) or 0 for p in points), np.int64, n
    )
    values = np.fromiter((number(p.get("value")) for p in points), np.float64, n)
    return build_history(key, (stamps, values, steps))


def metric_history(client: TrackingClient, run_id: str, key: str) -> MetricHistory:
    """One metric's full history through ``metrics/get-history`` (paged)."""

    def fetch(token: str | None) -> dict:
        params: dict[str, Any] = {
            "run_id": run_id,
            "metric_key": key,
            "max_results": HISTORY_PAGE,
        }
        if token:
            params["page_token"] = token
        return client.get_json(f"{API}/metrics/get-history", params)

    points: list[dict] = []
    for page in paged(fetch, "metrics"):
        points.extend(page)
    return _points_history(key, points)


class HistoryReader:
    """Full metric histories for many runs: the unsampled bulk endpoint (100 runs per
    request) where the server has it, ``get-history`` per run and key otherwise.

    A history the server refuses or garbles (an error that concerns that request,
    not the whole server) or sends empty although the run reports the metric is
    noted in :attr:`kept` (run id -> ``("metrics", key)``) with a problem in
    :attr:`problems`: the store keeps its copy of it. Errors that concern the
    whole server (unreachable, signed out) still stop the read.
    """

    def __init__(self, client: TrackingClient) -> None:
        self.client = client
        self.bulk = True
        self.kept: dict[str, list[tuple[str, str]]] = {}
        self.problems: list[Problem] = []

    def read(
        self, runs: list[ServerRun], cancelled: Callable[[], bool] = lambda: False
    ) -> dict[str, list[MetricHistory]]:
        """Histories by run id for ``runs`` (every key search reported)."""
        out: dict[str, list[MetricHistory]] = {r.run_id: [] for r in runs}
        where = {r.run_id: self._run_location(r) for r in runs}
        by_key: dict[str, list[str]] = {}
        for run in runs:
            for key in run.metric_keys:
                by_key.setdefault(key, []).append(run.run_id)
        for key, run_ids in by_key.items():
            for start in range(0, len(run_ids), BULK_RUNS):
                if cancelled():
                    return out
                chunk = run_ids[start : start + BULK_RUNS]
                try:
                    histories = list(self._read_key(key, chunk))
                except (NotFound, PermissionDenied, RequestFailed, BadResponse) as exc:
                    message = exc.args[0] if len(exc.args) == 1 else str(exc)
                    for run_id in chunk:
                        self._keep(run_id, key, where[run_id], message)
                    continue
                for run_id, history in histories:
                    if len(history):
                        out[run_id].append(history)
                    else:
                        self._keep(run_id, key, where[run_id], None)
        return out

    def _keep(self, run_id: str, key: str, where: str, message: str | None) -> None:
        self.kept.setdefault(run_id, []).append(("metrics", key))
        if message is None:
            message = QT_TRANSLATE_NOOP(
                "Server",
                "metric {0!r}: the server sent no history although the run has "
                "the metric; the stored history is kept",
            ).format(key)
        else:
            message = QT_TRANSLATE_NOOP(
                "Server",
                "metric {0!r}: its history could not be read ({1}); the stored "
                "history is kept",
            ).format(key, message.rstrip("."))
        self.problems.append(Problem(where, message))

    def _run_location(self, run: ServerRun) -> str:
        return f"{self.client.url}/#/experiments/{run.experiment_id}/runs/{run.run_id}"

    def _read_key(
        self, key: str, run_ids: list[str]
    ) -> Iterator[tuple[str, MetricHistory]]:
        if self.bulk and len(run_ids) > 1:
            try:
                grouped = self._bulk(key, run_ids)
            except EndpointMissing:
                self.bulk = False
            else:
                for run_id in run_ids:
                    points = grouped.get(run_id, [])
                    if len(points) >= BULK_LIMIT:  # may be cut: page through it
                        yield run_id, metric_history(self.client, run_id, key)
                    else:
                        yield run_id, _points_history(key, points)
                return
        for run_id in run_ids:
            yield run_id, metric_history(self.client, run_id, key)

    def _bulk(self, key: str, run_ids: list[str]) -> dict[str, list[dict]]:
        data = self.client.get_json(
            f"{AJAX}/metrics/get-history-bulk",
            {"run_id": run_ids, "metric_key": key, "max_results": BULK_LIMIT},
        )
        grouped: dict[str, list[dict]] = {}
        for point in data.get("metrics") or []:
            grouped.setdefault(str(point.get("run_id")), []).append(point)
        return grouped


# -- logged models (MLflow 3) --------------------------------------------------
def logged_models(
    client: TrackingClient, experiment_ids: list[str]
) -> list[LoggedModelRecord] | None:
    """Logged models of the experiments; ``None`` when the server predates them."""
    if not experiment_ids:
        return []

    def search(token: str | None) -> dict:
        body: dict[str, Any] = {
            "experiment_ids": experiment_ids,
            "max_results": MODEL_PAGE,
        }
        if token:
            body["page_token"] = token
        return client.post_json(f"{API}/logged-models/search", body)

    try:
        pages = list(paged(search, "models"))
    except EndpointMissing:
        return None
    return [logged_model_record(item) for page in pages for item in page]


def logged_model_record(data: dict[str, Any]) -> LoggedModelRecord:
    """A :class:`LoggedModelRecord` from a ``LoggedModel`` JSON object."""
    info = data.get("info") or {}
    body = data.get("data") or {}
    model_id = str(info.get("model_id", ""))
    status = info.get("status")
    return LoggedModelRecord(
        model_id=model_id,
        experiment_id=str(info.get("experiment_id", "")),
        name=_str(info.get("name")) or model_id,
        artifact_location=_str(info.get("artifact_uri")),
        artifact_root=None,
        creation_timestamp=integer(info.get("creation_timestamp_ms")),
        last_updated_timestamp=integer(info.get("last_updated_timestamp_ms")),
        status=MODEL_STATUS.get(str(status)) if status is not None else None,
        status_message=_str(info.get("status_message")) or "",  # as MlflowClient
        source_run_id=_str(info.get("source_run_id")),
        model_type=_str(info.get("model_type")),
        lifecycle_stage="active",
        params=_pairs(body.get("params")),
        tags=_pairs(info.get("tags")),
        metrics=[
            ModelMetricPoint(
                key=str(m.get("key")),
                value=number(m.get("value")),
                timestamp=integer(m.get("timestamp")) or 0,
                step=integer(m.get("step")) or 0,
                run_id=_str(m.get("run_id")),
                dataset_name=_str(m.get("dataset_name")),
                dataset_digest=_str(m.get("dataset_digest")),
            )
            for m in body.get("metrics") or []
        ],
    )
