"""A heterogeneous experiment written by real ``mlflow.sklearn.autolog()`` runs.

Experiment ``churn`` in one ``mlruns`` folder, as people actually log:

- ``rf-depth-3``, ``rf-depth-6``, ``rf-depth-None``: autologged
  ``RandomForestClassifier(n_estimators=5, max_depth=...)`` (every sklearn param,
  ``max_depth`` is the text ``None`` in the last);
- ``logreg-C0.01``, ``logreg-C0.1``, ``logreg-C10``: autologged
  ``LogisticRegression(C=...)``;
- ``grid-rf``: an autologged ``GridSearchCV`` over ``max_depth`` with child runs;
- ``lgbm-hand-0..2``: hand-logged ``learning_rate`` (0.3, 0.03, 0.003),
  ``num_leaves``, ``max_depth``, ``model=lightgbm`` and a 10-step ``val_loss``.

Every top-level run also logs ``roc_auc`` on a held-out split (hand-logged runs
a value that rises as ``learning_rate`` falls). Takes a few seconds.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

RF_DEPTHS = (3, 6, None)
LOGREG_C = (0.01, 0.1, 10.0)
LEARNING_RATES = (0.3, 0.03, 0.003)


def write_autolog_store(root: Path) -> dict[str, str]:
    """Write the ``churn`` experiment under ``root``; return run ids by run name."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    import mlflow
    from sklearn.datasets import make_classification
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GridSearchCV, train_test_split

    previous = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(root.as_uri())
    ids: dict[str, str] = {}
    try:
        x, y = make_classification(n_samples=200, n_features=6, random_state=0)
        x_train, x_test, y_train, y_test = train_test_split(x, y, random_state=0)
        mlflow.set_experiment("churn")
        mlflow.sklearn.autolog(
            log_models=False,
            log_datasets=False,
            silent=True,
            log_post_training_metrics=False,
        )

        def fit(name: str, model) -> None:
            with mlflow.start_run(run_name=name) as run:
                model.fit(x_train, y_train)
                auc = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
                mlflow.log_metric("roc_auc", float(auc))
                ids[name] = run.info.run_id

        for depth in RF_DEPTHS:
            fit(
                f"rf-depth-{depth}",
                RandomForestClassifier(n_estimators=5, max_depth=depth, random_state=0),
            )
        for c in LOGREG_C:
            fit(f"logreg-C{c:g}", LogisticRegression(C=c, max_iter=200))
        fit(
            "grid-rf",
            GridSearchCV(
                RandomForestClassifier(n_estimators=5, random_state=0),
                {"max_depth": [2, 4]},
                cv=2,
            ),
        )
        mlflow.sklearn.autolog(disable=True)
        for i, lr in enumerate(LEARNING_RATES):
            with mlflow.start_run(run_name=f"lgbm-hand-{i}") as run:
                mlflow.log_params(
                    {
                        "learning_rate": lr,
                        "num_leaves": 31 + 10 * i,
                        "max_depth": [-1, 8, 8][i],
                        "model": "lightgbm",
                    }
                )
                for step in range(10):
                    mlflow.log_metric(
                        "val_loss", math.exp(-lr * step) + 0.1 * i, step=step
                    )
                mlflow.log_metric("roc_auc", 0.90 + 0.02 * i)
                ids[run.info.run_name] = run.info.run_id
    finally:
        mlflow.sklearn.autolog(disable=True)
        mlflow.set_tracking_uri(previous)
    return ids
