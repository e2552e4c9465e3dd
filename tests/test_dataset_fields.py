"""Dataset fields read from what MLflow itself writes for numpy and pandas data."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from mlflow.data import from_numpy, from_pandas

from desktop.core.dataset_fields import profile_items, schema_columns, source_uri


def test_numpy_dataset_as_autolog_logs_it():
    features = np.zeros((300, 10))
    targets = np.zeros(300, dtype=np.int64)
    entity = from_numpy(features, targets=targets)._to_mlflow_entity()
    assert entity.source_type == "code"
    script = json.loads(entity.source)["tags"]["mlflow.source.name"]
    assert source_uri(entity.source) == script  # the script that logged it
    assert schema_columns(entity.schema) == [
        ("features", "float64 (?, 10)"),
        ("targets", "int64 (?)"),
    ]
    profile = dict(profile_items(entity.profile))
    assert profile["features_shape"] == "300 \u00d7 10"
    assert profile["features_size"] == "3,000"


def test_pandas_dataset_columns_and_uri():
    frame = pd.DataFrame({"a": [1.0, None], "b": ["x", "y"]})
    entity = from_pandas(frame, source="/data/train.parquet")._to_mlflow_entity()
    assert source_uri(entity.source) == "/data/train.parquet"
    assert schema_columns(entity.schema) == [
        ("a", "double (optional)"),  # it has a missing value
        ("b", "string"),
    ]
    assert source_uri("not json") == "not json"
    assert schema_columns("{}") == []
