"""The column-kind registry: one place per kind, clear errors, nothing written twice."""

from __future__ import annotations

import pytest

from desktop.core import columns
from desktop.core.attribute_columns import ATTRIBUTES
from desktop.core.columns import (
    Align,
    Column,
    ColumnKind,
    SortKey,
    UnknownColumnKind,
    available_columns,
    column_kind,
    column_kinds,
    default_columns,
    row_load,
)
from desktop.core.views import DatasetRef, RunRow

KEYS = {
    "param": [("lr", 3), ("opt/name", 1)],
    "metric": [("loss", 3)],
    "tag": [("team", 2)],
    "dataset": [("name", 1)],
}


def _row(**changes) -> RunRow:
    values = {
        "pk": 1,
        "run_id": "0123456789abcdef",
        "run_name": "",
        "experiment_name": "exp",
        "status": "FINISHED",
        "lifecycle_stage": "active",
        "start_time": 1_700_000_000_000,
        "end_time": 1_700_000_065_000,
        "user_id": "kim",
        "parent_run_id": None,
        "params": {"lr": "0.1"},
        "metrics": {"loss": (0.25, 0.125, 1.0)},
        "tags": {"mlflow.source.name": "C:\\work\\train.py"},
        "datasets": (DatasetRef("iris", "abc"), DatasetRef("iris", "def", "eval")),
    }
    return RunRow(**{**values, **changes})


def test_an_unknown_kind_is_a_clear_error_naming_the_known_kinds():
    with pytest.raises(UnknownColumnKind) as error:
        Column("chart", "loss")
    message = str(error.value)
    assert "'chart'" in message
    for kind in ("attribute", "param", "metric", "tag", "dataset"):
        assert kind in message
    with pytest.raises(UnknownColumnKind):
        column_kind("chart")
    # A layout saved by a newer version is skipped, not an error.
    assert Column.from_id("chart:loss") is None


def test_every_column_round_trips_its_saved_id():
    offered = available_columns(KEYS)
    assert {c.kind for c in offered} == {k.name for k in column_kinds()}
    for column in offered:
        assert Column.from_id(column.id) == column
    assert Column.from_id("attribute:no_such_field") is None
    assert Column.from_id("metric:median:loss") is None


def test_attribute_columns_are_listed_once_in_chooser_order():
    attributes = [c.key for c in available_columns({}) if c.kind == "attribute"]
    assert attributes == [a.key for a in ATTRIBUTES]
    assert len(set(attributes)) == len(attributes)
    shown = [c.key for c in default_columns({}, 1)]
    assert shown == [
        "run_name",
        "starred",  # the user's star, right after the name
        "start_time",
        "duration",
        "status",
        "user_id",
        "source",
    ]
    assert [c.key for c in default_columns({}, 2)][:3] == [
        "run_name",
        "starred",
        "experiment_name",
    ]


def test_defaults_put_attributes_then_datasets_metrics_params():
    kinds = [c.kind for c in default_columns(KEYS, 1)]
    assert kinds == ["attribute", "local"] + ["attribute"] * 5 + [
        "dataset",
        "metric",
        "param",
        "param",
    ]


def test_row_load_asks_only_for_what_the_columns_read():
    load = row_load(
        [
            Column("param", "lr"),
            Column("metric", "loss"),
            Column("metric", "loss", "min"),
            Column("tag", "team"),
            Column("attribute", "source"),
            Column("attribute", "status"),
        ]
    )
    assert load.params == ["lr"]
    assert load.metrics == ["loss"]
    assert load.tags == ["team", "mlflow.source.name"]
    assert not load.datasets
    assert row_load([Column("dataset", "name")]).datasets


def test_cells_texts_sorts_and_filters_come_from_the_kinds():
    row = _row(parent_run_id="p1")
    name, source = Column("attribute", "run_name"), Column("attribute", "source")
    assert name.spec.text(name, row, {}) == "↳ 01234567"
    assert source.spec.text(source, row, {}) == "train.py"
    assert source.sort_key(True) == SortKey("tag", "mlflow.source.name", True)
    assert source.spec.filter_clause(source, row) == (
        "tags.`mlflow.source.name` = 'C:\\work\\train.py'"
    )
    parent = Column("attribute", "parent_run_id")
    assert parent.spec.text(parent, row, {"p1": "the parent"}) == "the parent"
    minimum = Column("metric", "loss", "min")
    assert minimum.spec.text(minimum, row, {}) == "0.125"
    assert minimum.spec.align(minimum) is Align.END
    assert minimum.spec.filter_clause(minimum, row) is None  # latest values only
    latest = Column("metric", "loss")
    assert latest.spec.filter_clause(latest, row) == "metrics.loss = 0.25"
    dataset = Column("dataset", "name")
    assert dataset.spec.text(dataset, row, {}) == "iris"
    assert dataset.spec.filter_clause(dataset, row) == "datasets.name = 'iris'"
    assert not name.spec.hideable(name)
    assert dataset.spec.hideable(dataset)


class _ChartKind(ColumnKind):
    name = "chart"

    def available(self, keys):
        return [Column(self.name, "spark")]

    def value(self, column, row):
        return len(row.metrics)


def test_a_registered_kind_is_offered_loaded_and_shown(monkeypatch):
    monkeypatch.setitem(columns._KINDS, "chart", _ChartKind())
    chart = Column("chart", "spark")
    assert chart in available_columns({})
    assert Column.from_id(chart.id) == chart
    assert chart.spec.text(chart, _row(), {}) == "1"
    assert chart.sort_key(False) == SortKey("chart", "spark")
