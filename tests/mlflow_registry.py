"""Registered models written by real MLflow, into any tracking store.

:func:`write_registry` logs a few runs and registers models from them with
``MlflowClient`` (versions, aliases, tags, a description, an old-style stage), so
the same registry can be written into an ``mlruns`` folder, an ``mlflow.db`` or a
live tracking server and compared with what ``MlflowClient`` reads back.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass


@dataclass(frozen=True)
class WrittenRegistry:
    """What :func:`write_registry` wrote: the experiment and run ids by name."""

    experiment_id: str
    runs: dict[str, str]


def write_registry(
    tracking_uri: str, registry_uri: str | None = None
) -> WrittenRegistry:
    """Log runs ``train-1``..``train-3`` and register from them.

    ``churn-model`` gets versions 1-3 (from the three runs; v3 aliased
    ``champion``, v2 ``challenger``; v2 in stage Staging; tags on the model and on
    v3; a description), ``fraud-model`` one version from ``train-1``, and
    ``empty-model`` no version at all.
    """
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    import mlflow
    from mlflow import MlflowClient

    # The registry's file store looks logged models up through the global URI
    # (else it creates ./mlflow.db).
    mlflow.set_tracking_uri(tracking_uri)
    client = MlflowClient(tracking_uri=tracking_uri, registry_uri=registry_uri)
    exp = client.create_experiment("registry")
    runs: dict[str, str] = {}
    for i in (1, 2, 3):
        run = client.create_run(exp, run_name=f"train-{i}")
        rid = run.info.run_id
        client.log_param(rid, "depth", str(i * 2))
        client.log_metric(rid, "auc", 0.7 + i / 20)
        client.set_terminated(rid, "FINISHED")
        runs[f"train-{i}"] = rid
    client.create_registered_model(
        "churn-model",
        tags={"team": "growth", "task": "classification"},
        description="Predicts which customers leave.",
    )
    for i in (1, 2, 3):
        rid = runs[f"train-{i}"]
        client.create_model_version(
            "churn-model",
            f"runs:/{rid}/model",
            run_id=rid,
            tags={"validated": "yes"} if i == 3 else None,
            description="best so far" if i == 3 else None,
        )
    client.set_registered_model_alias("churn-model", "champion", "3")
    client.set_registered_model_alias("churn-model", "challenger", "2")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # stages are deprecated since MLflow 2.9
        client.transition_model_version_stage("churn-model", "2", "Staging")
    client.create_registered_model("fraud-model")
    rid = runs["train-1"]
    client.create_model_version("fraud-model", f"runs:/{rid}/model", run_id=rid)
    client.create_registered_model("empty-model")
    return WrittenRegistry(exp, runs)
