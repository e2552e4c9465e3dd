"""What we export from an imported ``mlruns`` folder equals what MLflow reads from it.

The comparisons of what is imported, for every source kind, are in
``test_conformance_kinds.py``. Every test here runs for each ``mlruns`` case: the
FileStore written by MLflow for these tests and the real samples in ``tests/data``
(see ``conftest.py``).
"""

from __future__ import annotations

import io
import json

from desktop.services.exporting import export_json
from tests.conformance.conformance_compare import (
    Case,
    experiment_fields,
    num,
)


def _reject_constant(name: str) -> None:
    raise AssertionError(f"bare {name} in exported JSON")


def _json_value(value: float) -> float | str:
    text = num(value)
    return {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}.get(text, value)


def test_export_json_matches_mlflow(case: Case) -> None:
    """Strict JSON, non-finite numbers as strings, content equal to MLflow's."""
    out = io.StringIO()
    count = export_json(case.store, out, history=True)
    exported = json.loads(out.getvalue(), parse_constant=_reject_constant)
    runs = case.expected.runs()
    assert count == len(runs)
    experiments = case.expected.experiments()
    assert {e["experiment_id"] for e in exported} == set(experiments)
    seen = {}
    for exp in exported:
        assert (
            experiment_fields(experiments[exp["experiment_id"]])["tags"]
            == (exp["tags"])
        )
        for run in exp["runs"]:
            seen[run["run_id"]] = run
    assert set(seen) == set(runs)
    for run_id, run in runs.items():
        data = seen[run_id]
        assert data["experiment_id"] == run.info.experiment_id
        assert data["status"] == run.info.status
        assert data["params"] == run.data.params
        assert data["tags"] == run.data.tags
        assert data["metrics"] == {
            k: _json_value(v) for k, v in run.data.metrics.items()
        }
        history = case.expected.histories(run)
        assert {
            key: sorted((s, t, num(float(v))) for s, t, v in points)
            for key, points in data["metric_history"].items()
        } == history
        for points in data["metric_history"].values():
            for point in points:
                assert isinstance(point[2], float) or point[2] in (
                    "NaN",
                    "Infinity",
                    "-Infinity",
                )
