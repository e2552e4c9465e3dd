"""Read one run folder (``<root>/<exp>/<run_id>/``) into a :class:`RunRecord`."""

from __future__ import annotations

import os
from collections.abc import Sequence

from desktop.core.enums import (
    RUN_STATUS_NAMES,
    TERMINATED_STATUSES,
    lifecycle_stage,
    run_status_name,
)
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import (
    DatasetInput,
    MetricHistory,
    ModelLink,
    Problem,
    RunRecord,
)
from desktop.sources.mlruns.artifacts import list_artifacts, resolve_artifact_root
from desktop.sources.mlruns.files import (
    Report,
    as_int,
    as_str,
    decode,
    entry_is_dir,
    entry_kind,
    read_bytes,
    read_key_files,
    read_yaml,
    scandir,
)
from desktop.sources.mlruns.kept_parts import PartReport, WholePartReport
from desktop.sources.mlruns.metrics import (
    ParsedFile,
    build_history,
    parse_metric_files,
)
from desktop.sources.mlruns.plainfiles import read_plain_folder
from desktop.sources.mlruns.stamps import StampNotes, take_stamp
from desktop.sources.mlruns.tasks import RunTask as RunTask  # re-exported

MetricFile = tuple[str, str, bytes]  # key, path, content


def read_run(task: RunTask, report: Report) -> RunRecord | None:
    """Read a run folder; ``None`` (reported) when it is not a readable run."""
    item = read_run_files(task, report)
    return None if item is None else finish_runs([item], report)[0]


def read_run_files(
    task: RunTask, report: Report
) -> tuple[RunRecord, list[MetricFile]] | None:
    """Read a run but leave its metric files unparsed (see :func:`finish_runs`).

    Parsing the metric files of many runs together is several times faster.
    """
    notes = StampNotes(task.run_dir)
    if notes.look():
        problems: list[Problem] = []
        item = _read_run(task, problems.append, notes)
        stamp = None
        if item is not None:
            stamp = notes.stamp(deep=item[0].status not in TERMINATED_STATUSES)
        if item is None or stamp is not None:
            for problem in problems:
                report(problem)
            if item is not None:
                # Something could not be read: read the run again next time.
                item[0].stamp = "" if item[0].kept else stamp
            return item
    # Something needed the careful reader: stamp first, then read it all again.
    return _read_run(task, report, None)


def finish_runs(
    items: Sequence[tuple[RunRecord, list[MetricFile]]], report: Report
) -> list[RunRecord]:
    """Parse the metric files of runs read by :func:`read_run_files`, all at once."""
    files = [file for _record, run_files in items for file in run_files]

    def decode_file(index: int) -> str:
        _key, path, data = files[index]
        return _decode(data, path, report)

    parsed = parse_metric_files([data for _k, _p, data in files], decode_file)
    start = 0
    for record, run_files in items:
        end = start + len(run_files)
        record.metrics = _histories(run_files, parsed[start:end], report)
        start = end
    return [record for record, _files in items]


def _read_run(
    task: RunTask, report: Report, notes: StampNotes | None
) -> tuple[RunRecord, list[MetricFile]] | None:
    """Read a run, noting its stamp in ``notes`` (else stamping it first)."""
    run_dir = task.run_dir
    folder_id = os.path.basename(run_dir)
    meta_path = os.path.join(run_dir, "meta.yaml")
    # Stamp first: a change made while we read makes the next import read again.
    stamp = "" if notes is not None else take_stamp(run_dir, deep=False)
    if notes is not None:
        notes.note_path("meta.yaml")
    if _missing(meta_path):
        report(
            Problem(
                run_dir,
                QT_TRANSLATE_NOOP(
                    "Problems", "not a run folder (no meta.yaml); skipped"
                ),
            )
        )
        return None
    meta = read_yaml(meta_path, report)
    if meta is None:
        return None
    run_id = as_str(meta.get("run_id")) or as_str(meta.get("run_uuid"))
    if run_id != folder_id:
        report(
            Problem(
                meta_path,
                QT_TRANSLATE_NOOP(
                    "Problems",
                    "run_id {0!r} does not match the folder name; "
                    "MLflow ignores this run",
                ).format(run_id),
            )
        )
        return None
    exp_id = as_str(meta.get("experiment_id"))
    if exp_id != task.experiment_id:
        report(
            Problem(
                meta_path,
                QT_TRANSLATE_NOOP(
                    "Problems",
                    "experiment_id {0!r} does not match the experiment folder; "
                    "MLflow ignores this run",
                ).format(exp_id),
            )
        )
        return None
    status = run_status_name(meta.get("status"))
    _check_meta(meta, status, meta_path, report)
    deep = status not in TERMINATED_STATUSES
    if deep and notes is None:
        stamp = take_stamp(run_dir, deep=True)  # before the metric files are read
    kept: list[tuple[str, str]] = []  # parts that could not be read

    def part(name: str, folder: str) -> PartReport:
        return PartReport(report, name, folder, kept)

    params_dir = os.path.join(run_dir, "params")
    params = _key_files(
        params_dir, task.root, part("params", params_dir), notes, "params", False
    )
    tags_dir = os.path.join(run_dir, "tags")
    tags = _key_files(tags_dir, task.root, part("tags", tags_dir), notes, "tags")
    run_name = as_str(meta.get("run_name")) or tags.get("mlflow.runName") or ""
    artifact_uri = as_str(meta.get("artifact_uri"))
    rel = f"{task.experiment_id}/{run_id}/artifacts"
    if notes is not None:
        notes.note_path("artifacts")
    artifact_root = resolve_artifact_root(
        artifact_uri, os.path.join(run_dir, "artifacts"), rel, task.root
    )
    metrics_dir = os.path.join(run_dir, "metrics")
    files = read_metric_files(
        metrics_dir, task.root, part("metrics", metrics_dir), notes, deep
    )
    artifacts = None
    if artifact_root:
        artifacts = list_artifacts(artifact_root, part("artifacts", artifact_root))
    record = RunRecord(
        run_id=run_id,
        experiment_id=exp_id,
        run_name=run_name,
        status=status,
        lifecycle_stage=lifecycle_stage(meta.get("lifecycle_stage")),
        start_time=as_int(meta.get("start_time")),
        end_time=as_int(meta.get("end_time")),
        deleted_time=as_int(meta.get("deleted_time")),
        user_id=as_str(meta.get("user_id")),
        artifact_uri=artifact_uri,
        artifact_root=artifact_root,
        params=params,
        tags=tags,
        metrics=[],
        artifacts=artifacts,
        stamp="" if kept else stamp,
        location=run_dir,
        kept=kept,
    )
    record.datasets, inputs_models = [], []
    if notes is None or notes.note_path("inputs"):
        lost = WholePartReport(report)
        record.datasets, inputs_models = _read_inputs(task, lost)
        if lost.unreadable:  # the stored datasets and model inputs stay
            record.datasets, inputs_models = [], []
            kept += [("datasets", ""), ("models", "input")]
    outputs = []
    if notes is None or notes.note_path("outputs"):
        lost = WholePartReport(report)
        outputs = _read_outputs(run_dir, task.root, lost)
        if lost.unreadable:  # the stored model outputs stay
            outputs = []
            kept.append(("models", "output"))
    record.models = inputs_models + outputs
    if kept:
        record.stamp = ""  # read again next time
    return record, files


def _missing(path: str) -> bool:
    """Whether ``path`` does not exist (a folder that cannot be searched is not
    "missing": reading it reports why)."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def _check_meta(meta: dict, status: str, path: str, report: Report) -> None:
    """Report a status or time in ``meta.yaml`` that had to be read differently."""
    raw = meta.get("status")
    known = (isinstance(raw, int) and raw in RUN_STATUS_NAMES) or (
        isinstance(raw, str) and raw.strip().upper() in RUN_STATUS_NAMES.values()
    )
    if raw not in (None, "") and not isinstance(raw, bool) and not known:
        report(
            Problem(
                path,
                QT_TRANSLATE_NOOP(
                    "Problems", "status {0!r} is not a run status; shown as {1}"
                ).format(raw, status),
            )
        )
    for name in ("start_time", "end_time", "deleted_time"):
        value = meta.get(name)
        if value is not None and as_int(value) is None:
            report(
                Problem(
                    path,
                    QT_TRANSLATE_NOOP(
                        "Problems", "{0} {1!r} is not a time; left empty"
                    ).format(name, value),
                )
            )


def _decode(data: bytes, path: str, report: Report) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode(data, path, report)


def _key_files(
    folder: str,
    root: str,
    report: Report,
    notes: StampNotes | None = None,
    key: str = "",
    files: bool = True,
) -> dict[str, str]:
    """A params/ or tags/ folder as ``{key: value}`` (see ``read_key_files``)."""
    plain = read_plain_folder(folder, notes, key, files)
    if plain is None:
        if notes is not None:
            notes.values.pop(key, None)  # incomplete: the stamp falls back
        return read_key_files(folder, root, report)
    return {key: _decode(data, folder + "/" + key, report) for key, data in plain}


def read_metric_files(
    folder: str,
    root: str,
    report: Report,
    notes: StampNotes | None = None,
    deep: bool = False,
) -> list[MetricFile]:
    """Every metric file below ``metrics/`` (nested folders make ``a/b`` keys).

    With ``notes``, the folder and (if ``deep``) its files are noted for the stamp.
    """
    files: list[MetricFile] = []
    plain = read_plain_folder(folder, notes, "metrics", deep)
    if plain is not None:
        return [(key, folder + "/" + key, data) for key, data in plain]
    if notes is not None:
        notes.values.pop("metrics", None)  # incomplete: the stamp falls back
    stack = [(folder, "")]
    while stack:
        current, prefix = stack.pop()
        for entry in scandir(current, report) or []:
            key = prefix + entry.name
            kind = entry_kind(entry, root, report, follow_dir_links=False)
            if kind == "dir":
                if key.count("/") < 32:
                    stack.append((entry.path, key + "/"))
            elif kind == "file":
                data = read_bytes(entry.path, report)
                if data is not None:
                    files.append((key, entry.path, data))
    return files


def _histories(
    files: Sequence[MetricFile],
    parsed: Sequence[ParsedFile],
    report: Report,
) -> list[MetricHistory]:
    """Histories of parsed metric files (sorted by key), unreadable lines reported."""
    histories: list[MetricHistory] = []
    for (key, path, _data), (columns, bad, ranked) in zip(files, parsed, strict=True):
        for number, line in bad[:5]:
            report(
                Problem(
                    path,
                    QT_TRANSLATE_NOOP(
                        "Problems", "line {0}: unreadable metric line {1!r} skipped"
                    ).format(number, line),
                )
            )
        if len(bad) > 5:
            report(
                Problem(
                    path,
                    QT_TRANSLATE_NOOP(
                        "Problems", "{0} more unreadable lines skipped"
                    ).format(len(bad) - 5),
                )
            )
        history = build_history(key, columns, ranked)
        if len(history):
            histories.append(history)
    histories.sort(key=lambda h: h.key)
    return histories


def _read_inputs(
    task: RunTask, report: Report
) -> tuple[list[DatasetInput], list[ModelLink]]:
    datasets: list[DatasetInput] = []
    models: list[ModelLink] = []
    folder = os.path.join(task.run_dir, "inputs")
    for entry in scandir(folder, report) or []:
        if not entry_is_dir(entry, task.root, report):
            continue
        meta = read_yaml(os.path.join(entry.path, "meta.yaml"), report)
        if meta is None:
            continue
        kind = str(meta.get("source_type", "")).upper()
        source_id = as_str(meta.get("source_id")) or ""
        if kind == "MODEL":
            models.append(ModelLink(source_id, "input"))
            continue
        if kind != "DATASET":
            continue
        ds_path = os.path.join(task.experiment_dir, "datasets", source_id, "meta.yaml")
        ds = read_yaml(ds_path, report)
        if ds is None:
            continue
        raw_tags = meta.get("tags") or {}
        tags = (
            {str(k): str(v) for k, v in raw_tags.items()}
            if isinstance(raw_tags, dict)
            else {}
        )
        datasets.append(
            DatasetInput(
                name=as_str(ds.get("name")) or "",
                digest=as_str(ds.get("digest")) or "",
                source_type=as_str(ds.get("source_type")),
                source=as_str(ds.get("source")),
                schema=as_str(ds.get("schema")),
                profile=as_str(ds.get("profile")),
                tags=tags,
            )
        )
    datasets.sort(key=lambda d: (d.name, d.digest))
    return datasets, models


def _read_outputs(run_dir: str, root: str, report: Report) -> list[ModelLink]:
    links: list[ModelLink] = []
    for entry in scandir(os.path.join(run_dir, "outputs"), report) or []:
        if not entry_is_dir(entry, root, report):
            continue
        meta = read_yaml(os.path.join(entry.path, "meta.yaml"), report)
        if meta is None:
            continue
        model_id = as_str(meta.get("source_id")) or entry.name
        links.append(ModelLink(model_id, "output", as_int(meta.get("step"))))
    return links
