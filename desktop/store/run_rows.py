"""Runs encoded as ready-to-insert store rows, so readers can do the encoding.

:func:`encode_runs` turns :class:`~desktop.core.records.RunRecord` objects into
plain tuples (strings, numbers and ``bytes``) for ``executemany``. Import workers
call it, so the main process only inserts rows, and the rows cross the process
boundary far more cheaply than records holding numpy arrays. Metric summaries and
packed histories of a whole batch are computed with a handful of numpy calls
instead of a dozen per history; the results equal
:func:`desktop.store.history_codec` encodings and :func:`summary_row` exactly.

Child rows start with the run id; :class:`~desktop.store.writer.StoreWriter`
replaces it with the run's row id when it inserts them.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.core.records import MetricHistory, RunRecord

_INT32_SPAN = 2**31 - 1
_PACK_BASE = struct.Struct("<q").pack


@dataclass(slots=True)
class RunRows:
    """Store rows for a batch of runs (child rows keyed by run id)."""

    # (run_id, experiment_id, run_name, status, lifecycle_stage, start_time,
    #  end_time, deleted_time, user_id, artifact_uri, artifact_root,
    #  parent_run_id, location, stamp)
    runs: list[tuple] = field(default_factory=list)
    params: list[tuple] = field(default_factory=list)  # run_id, key, value, num
    tags: list[tuple] = field(default_factory=list)  # run_id, key, value
    summaries: list[tuple] = field(default_factory=list)  # run_id + summary cols
    histories: list[tuple] = field(default_factory=list)  # run_id, key, n, blobs
    files: list[tuple] = field(default_factory=list)  # run_id, path, size
    datasets: list[tuple] = field(default_factory=list)  # run_id, position, ...
    models: list[tuple] = field(default_factory=list)  # run_id, model, dir, step
    kept: list[tuple] = field(default_factory=list)  # run_id, part, key (unread)
    points: int = 0

    def __len__(self) -> int:
        return len(self.runs)

    def extend(self, other: RunRows) -> None:
        """Append another batch's rows."""
        self.runs += other.runs
        self.params += other.params
        self.tags += other.tags
        self.summaries += other.summaries
        self.histories += other.histories
        self.files += other.files
        self.datasets += other.datasets
        self.models += other.models
        self.kept += other.kept
        self.points += other.points

    @property
    def run_ids(self) -> list[str]:
        """The run ids, in order."""
        return [row[0] for row in self.runs]

    @property
    def last_location(self) -> str:
        """The folder of the last run (for progress reports)."""
        return self.runs[-1][12] if self.runs else ""


def numeric_value(text_value: str) -> float | None:
    """The number a param value spells (``'10'``, ``' 1e-3'``), else ``None``."""
    if not text_value or len(text_value) > 64:
        return None
    try:
        number = float(text_value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def finite_or_none(value: float) -> float | None:
    """``None`` for NaN (stored as NULL plus a flag), else the float."""
    return None if math.isnan(value) else float(value)


def encode_runs(records: Sequence[RunRecord]) -> RunRows:
    """Encode run records as store rows."""
    rows = RunRows()
    owners: list[str] = []
    histories: list[MetricHistory] = []
    for record in records:
        run_id = record.run_id
        rows.runs.append(
            (
                run_id,
                record.experiment_id,
                record.run_name,
                record.status,
                record.lifecycle_stage,
                record.start_time,
                record.end_time,
                record.deleted_time,
                record.user_id,
                record.artifact_uri,
                record.artifact_root,
                record.parent_run_id,
                record.location,
                record.stamp,
            )
        )
        rows.params += [
            (run_id, k, v, numeric_value(v)) for k, v in record.params.items()
        ]
        rows.tags += [(run_id, k, v) for k, v in record.tags.items()]
        for history in record.metrics:
            owners.append(run_id)
            histories.append(history)
        if record.artifacts:
            rows.files += [(run_id, f.path, f.size) for f in record.artifacts]
        for position, ds in enumerate(record.datasets):
            rows.datasets.append(
                (
                    run_id,
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
        rows.models += [
            (run_id, m.model_id, m.direction, m.step) for m in record.models
        ]
        rows.kept += [(run_id, part, key) for part, key in record.kept]
    _encode_histories(owners, histories, rows)
    return rows


def _encode_histories(
    owners: list[str], histories: list[MetricHistory], rows: RunRows
) -> None:
    """Summary and packed-history rows of many histories at once."""
    import numpy as np  # here: an import that reads no run does without numpy

    histories_ = [(o, h) for o, h in zip(owners, histories, strict=True) if len(h)]
    if not histories_:
        return
    counts = np.fromiter((len(h) for _, h in histories_), np.int64, len(histories_))
    ends = np.cumsum(counts)
    starts = ends - counts
    steps = np.concatenate([h.steps for _, h in histories_]).astype(np.int64)
    stamps = np.concatenate([h.timestamps for _, h in histories_]).astype(np.int64)
    values = np.concatenate([h.values for _, h in histories_]).astype(np.float64)
    total = int(ends[-1])
    rows.points += total
    position = np.arange(total, dtype=np.int64)
    offset_in_run = position - np.repeat(starts, counts)

    latest = starts + np.fromiter(
        (h.latest_index for _, h in histories_), np.int64, len(histories_)
    )
    # Min and max ignoring NaN, first occurrence; a segment of only NaN has none.
    big = np.int64(total)
    nan = np.isnan(values)
    seg_min = np.fmin.reduceat(values, starts)
    seg_max = np.fmax.reduceat(values, starts)
    at_min = np.where(values == np.repeat(seg_min, counts), position, big)
    at_max = np.where(values == np.repeat(seg_max, counts), position, big)
    i_min = np.minimum.reduceat(at_min, starts)
    i_max = np.minimum.reduceat(at_max, starts)
    # Steps 0..n-1 are stored as an empty blob.
    plain_steps = np.logical_and.reduceat(steps == offset_in_run, starts)
    # Timestamps as int32 offsets from the smallest when they fit.
    base = np.minimum.reduceat(stamps, starts)
    span = np.maximum.reduceat(stamps, starts) - base  # negative if it overflowed
    narrow = ((span >= 0) & (span <= _INT32_SPAN)).tolist()
    offsets = (stamps - np.repeat(base, counts)).astype("<i4").tobytes()
    wide = stamps.astype("<i8").tobytes()
    value_bytes = values.astype("<f8").tobytes()
    step_bytes = steps.astype("<i8").tobytes()

    latest_values = values[latest].tolist()
    latest_nan = nan[latest].tolist()
    latest_steps = steps[latest].tolist()
    latest_stamps = stamps[latest].tolist()
    min_values = values[np.minimum(i_min, total - 1)].tolist()
    max_values = values[np.minimum(i_max, total - 1)].tolist()
    min_steps = steps[np.minimum(i_min, total - 1)].tolist()
    max_steps = steps[np.minimum(i_max, total - 1)].tolist()
    has_range = (i_min < big).tolist()
    plain = plain_steps.tolist()
    bases = base.tolist()
    summaries, packed = rows.summaries, rows.histories
    for j, ((run_id, history), start, end, n) in enumerate(
        zip(histories_, starts.tolist(), ends.tolist(), counts.tolist(), strict=True)
    ):
        key = history.key
        if has_range[j]:
            vmin, smin = min_values[j], min_steps[j]
            vmax, smax = max_values[j], max_steps[j]
        else:
            vmin = smin = vmax = smax = None
        value = latest_values[j]
        summaries.append(
            (
                run_id,
                key,
                None if latest_nan[j] else value,
                latest_nan[j],
                latest_steps[j],
                latest_stamps[j],
                vmin,
                smin,
                vmax,
                smax,
                n,
            )
        )
        if narrow[j]:
            stamp_blob = b"\x04" + _PACK_BASE(bases[j]) + offsets[start * 4 : end * 4]
        else:
            stamp_blob = b"\x08" + wide[start * 8 : end * 8]
        packed.append(
            (
                run_id,
                key,
                n,
                b"" if plain[j] else step_bytes[start * 8 : end * 8],
                stamp_blob,
                value_bytes[start * 8 : end * 8],
            )
        )


def summary_row(run_pk: int, h: MetricHistory) -> tuple:
    """The ``metric_summaries`` row of one history (reference implementation)."""
    import numpy as np

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
        finite_or_none(latest),
        math.isnan(latest),
        int(h.steps[h.latest_index]),
        int(h.timestamps[h.latest_index]),
        vmin,
        smin,
        vmax,
        smax,
        len(h),
    )


def history_row(run_pk: int, h: MetricHistory) -> tuple:
    """The ``metric_histories`` row of one history (reference implementation)."""
    from desktop.store import history_codec

    return (
        run_pk,
        h.key,
        len(h),
        history_codec.encode_steps(h.steps),
        history_codec.encode_timestamps(h.timestamps),
        history_codec.encode_values(h.values),
    )
