"""Runs with dataset inputs written by real MLflow, to a file store or mlflow.db."""

from __future__ import annotations

import os

RUNS = {
    # run name: [(dataset name, rows, context or None), ...] in logged order
    "train-only": [("train", 3, "training")],
    "train-and-eval": [("train", 3, "training"), ("eval", 2, "evaluation")],
    "zeta-then-alpha": [("zeta", 2, "training"), ("alpha", 4, "training")],
    "other-train": [("train", 5, "training")],  # same name, another digest
    "no-context": [("Holdout", 2, None)],
    "no-datasets": [],
}
"""Every run, started in this order (the last one newest)."""
T0 = 1_760_000_000_000


def write_dataset_runs(tracking_uri: str) -> tuple[str, dict[str, str]]:
    """Write :data:`RUNS` to one experiment; return its id and run ids by name."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    import pandas as pd
    from mlflow import MlflowClient
    from mlflow.data import from_pandas
    from mlflow.entities import DatasetInput, InputTag

    client = MlflowClient(tracking_uri=tracking_uri)
    exp = client.create_experiment("datasets")
    ids = {}
    for i, (name, inputs) in enumerate(RUNS.items()):
        run = client.create_run(exp, run_name=name, start_time=T0 + 1000 * i)
        rid = ids[name] = run.info.run_id
        logged = []
        for dataset_name, rows, context in inputs:
            frame = pd.DataFrame({"x": [float(r) for r in range(rows)]})
            entity = from_pandas(
                frame, source=f"{dataset_name}.csv", name=dataset_name
            )._to_mlflow_entity()
            tags = [InputTag("mlflow.data.context", context)] if context else []
            logged.append(DatasetInput(entity, tags))
        if logged:
            client.log_inputs(rid, logged)
        client.set_terminated(rid, end_time=T0 + 1000 * i + 10)
    return exp, ids
