"""Small builders of store records for Qt-free analysis tests."""

from __future__ import annotations

from desktop.core.views import MetricValue, RunDetail

START = 1_750_000_000_000


def metric(
    key: str, latest: float, lo: float | None = None, hi: float | None = None
) -> MetricValue:
    """A metric summary (min and max default to the latest value)."""
    lo = latest if lo is None else lo
    hi = latest if hi is None else hi
    return MetricValue(key, latest, 0, START, lo, 0, hi, 0, 1)


def run(
    pk: int,
    name: str,
    params: dict[str, str] | None = None,
    metrics: dict[str, MetricValue] | None = None,
    tags: dict[str, str] | None = None,
    experiment: int = 7,
) -> RunDetail:
    """A finished one-minute run in experiment ``experiment``."""
    return RunDetail(
        pk,
        f"run-{pk}",
        experiment,
        str(experiment),
        name,
        "FINISHED",
        "active",
        START + pk * 1000,
        START + pk * 1000 + 60_000,
        None,
        "alice",
        None,
        None,
        None,
        params or {},
        tags or {},
        metrics or {},
    )
