"""The latest value of a server's metric is the server's own (``run.data.metrics``),
not one recomputed from the history (issue 17: NaN and 1.0 at the same step and
time showed NaN; MLflow shows 1.0). No server needed."""

from __future__ import annotations

import math

from desktop.sources.tracking_server.reader import (
    _points_history,
    run_record,
    server_run,
)

T = 1_700_000_000_000


def _run(latest: list[dict]) -> dict:
    return {
        "info": {"run_id": "r1", "experiment_id": "1", "status": "FINISHED"},
        "data": {"metrics": latest},
    }


def _latest(points: list[dict], latest: list[dict]) -> float:
    history = _points_history("m", points)
    record = run_record(server_run(_run(latest)), [history], "http://h")
    (found,) = record.metrics
    return float(found.values[found.latest_index])


def test_the_servers_latest_value_wins() -> None:
    points = [
        {"key": "m", "value": 1.0, "timestamp": T, "step": 0},
        {"key": "m", "value": "NaN", "timestamp": T, "step": 0},
    ]
    one = [{"key": "m", "value": 1.0, "timestamp": T, "step": 0}]
    nan = [{"key": "m", "value": "NaN", "timestamp": T, "step": 0}]
    assert _latest(points, one) == 1.0
    assert math.isnan(_latest(points, nan))
    # A latest value that matches no point (or none given): MLflow's rule.
    assert _latest(points[:1], []) == 1.0
