"""Groups compared as groups: their table cells and plotted values, from runs
MLflow wrote, checked against what ``MlflowClient.search_runs`` returns."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict

import numpy as np
import pytest

from desktop.analysis.group_curves import Band
from desktop.analysis.group_set import GroupSet, group_axes, group_scatter
from desktop.analysis.group_table import (
    build_group_rows,
    group_table_csv_rows,
    number_cell,
    value_cell,
)
from desktop.core.columns import Column
from desktop.core.metric_direction import Direction
from desktop.core.views import RunScope
from desktop.services.catalog import Catalog
from tests.conftest import fresh_store, prepared_store
from tests.mlflow_seeds import write_seed_runs


@pytest.fixture(scope="module")
def written(tmp_path_factory, store_template):
    base = tmp_path_factory.mktemp("group-compare")
    client, exp = write_seed_runs(base / "mlruns")
    made = prepared_store(store_template, base / "store.db", base / "mlruns")
    return client, exp, made


@pytest.fixture
def groups(written, tmp_path):
    """The runs grouped by lr as the runs table groups them: a GroupSet."""
    _client, _exp, made = written
    store = fresh_store(made, tmp_path / "store.db")
    catalog = Catalog(store)
    experiments = tuple(e.pk for e in catalog.sources_and_experiments()[1])
    found = catalog.search(
        RunScope(experiments), None, None, [], group_by=(Column("param", "lr"),)
    )
    tree, found_groups = found.tree, found.groups
    assert tree is not None
    assert found_groups is not None
    by_name: dict[str, list[int]] = {}
    for group_id, group in found_groups.items():
        at = tree.position[group_id]
        below = tree.nodes[at + 1 : at + 1 + tree.sizes[at]]
        by_name[f"lr={group.values[0]}"] = [p for p in below if p >= 0]
    runs = catalog.run_set([pk for pks in by_name.values() for pk in pks])
    yield GroupSet(runs, by_name)
    store.close()


@pytest.fixture(scope="module")
def mlflow_by_lr(written):
    """MLflow's runs by lr."""
    client, exp, _ = written
    found = defaultdict(list)
    for run in client.search_runs([exp]):
        found[f"lr={run.data.params['lr']}"].append(run)
    return found


def _row(rows, ident):
    return next(r for r in rows if r.id == ident)


def test_metric_cells_are_the_mean_std_min_max_of_mlflows_latest_values(
    groups, mlflow_by_lr
):
    rows = build_group_rows(groups)
    for key in ("val_loss", "acc"):
        row = _row(rows, f"metric:latest:{key}")
        for g, name in enumerate(groups.names):
            values = [
                r.data.metrics[key] for r in mlflow_by_lr[name] if key in r.data.metrics
            ]
            cell = row.values[g]
            assert cell.stats.runs == len(values)
            assert cell.missing == 3 - len(values)
            assert cell.stats.mean == pytest.approx(statistics.fmean(values))
            assert cell.stats.std == pytest.approx(statistics.stdev(values))
            assert (cell.stats.min, cell.stats.max) == (min(values), max(values))
        assert row.differs
    # lower loss is better: lr=0.1 (the faster decay) has the best mean
    loss = _row(rows, "metric:latest:val_loss")
    assert loss.best == {groups.names.index("lr=0.1")}
    acc = _row(
        build_group_rows(groups, directions={"acc": Direction.LOWER}),
        "metric:latest:acc",
    )
    assert acc.best == {groups.names.index("lr=0.1")}


def test_params_tags_and_facts_sum_up_the_runs(groups, mlflow_by_lr):
    rows = build_group_rows(groups)
    lr = _row(rows, "param:lr")
    assert [c.single for c in lr.values] == [n.split("=")[1] for n in groups.names]
    assert lr.differs
    optimizer = _row(rows, "param:optimizer")
    assert [c.single for c in optimizer.values] == ["adam", "adam"]
    assert not optimizer.differs
    seed = _row(rows, "param:seed")
    for cell in seed.values:
        assert cell.single is None
        assert cell.varies
        assert sorted(cell.values) == ["0", "1", "2"]
        assert cell.distinct == 3
    assert not seed.differs  # every group holds the same three seeds
    team = _row(rows, "tag:team")
    for g, name in enumerate(groups.names):
        expected = statistics.multimode(r.data.tags["team"] for r in mlflow_by_lr[name])
        cell = team.values[g]
        assert cell.values[0] in expected
        counts = dict(zip(cell.values, cell.counts, strict=True))
        for value in counts:
            assert counts[value] == sum(
                r.data.tags["team"] == value for r in mlflow_by_lr[name]
            )
    status = _row(rows, "fact:status")
    for g, name in enumerate(groups.names):
        found = {r.info.status for r in mlflow_by_lr[name]}
        assert set(status.values[g].values) == found
    runs = _row(rows, "fact:runs")
    assert [c.single for c in runs.values] == [3, 3]
    assert not runs.differs


def test_group_variables_are_means_and_spreads(groups, mlflow_by_lr):
    loss = groups.variable("metric:val_loss")
    low, high = groups.spread("metric:val_loss", Band.RANGE)
    std_low, std_high = groups.spread("metric:val_loss", Band.STD)
    for g, name in enumerate(groups.names):
        values = [r.data.metrics["val_loss"] for r in mlflow_by_lr[name]]
        mean = statistics.fmean(values)
        assert loss.values[g] == pytest.approx(mean)
        assert (low[g], high[g]) == (min(values), max(values))
        spread = statistics.stdev(values)
        assert std_low[g] == pytest.approx(mean - spread)
        assert std_high[g] == pytest.approx(mean + spread)
    lr = groups.variable("param:lr")
    assert not lr.is_categorical
    assert lr.values.tolist() == [float(n.split("=")[1]) for n in groups.names]
    seed = groups.variable("param:seed")
    assert seed.values.tolist() == [1.0, 1.0]  # the mean seed: numbers average
    assert groups.keys_within() == ["lr"]
    assert group_axes(groups, "val_loss") == [
        "param:lr",
        "metric:val_loss",
        "metric:acc",
    ]
    assert group_scatter(groups, "val_loss") == ("param:lr", "metric:val_loss")


def test_text_params_that_vary_within_a_group_have_no_single_value():
    cell = value_cell(["a", "b", "a", None])
    assert (cell.values, cell.counts, cell.missing) == (("a", "b"), (2, 1), 1)
    assert cell.distinct == 3
    assert cell.single is None
    assert value_cell(["a", "a"]).single == "a"
    numbers = number_cell([1.0, math.nan, None, 3.0])
    assert numbers.missing == 2
    assert numbers.stats.mean == 2.0
    assert numbers.runs == 4


def test_csv_exports_means_and_stds_and_the_shown_columns(groups):
    rows = [r for r in build_group_rows(groups) if r.kind in ("param", "metric")]
    table = group_table_csv_rows(rows, groups.names, transposed=False)
    assert table[0] == ["field", *groups.names]
    labels = [line[0] for line in table[1:]]
    assert "metrics.val_loss (mean)" in labels
    assert "metrics.val_loss (std)" in labels
    assert "metrics.val_loss (min)" not in labels
    seed = next(line for line in table if line[0] == "params.seed")
    assert sorted(seed[1].split("; ")) == ["0", "1", "2"]
    loss = _row(rows, "metric:latest:val_loss")
    mean_line = next(line for line in table if line[0] == "metrics.val_loss (mean)")
    assert [float(v) for v in mean_line[1:]] == [c.stats.mean for c in loss.values]
    wide = group_table_csv_rows(
        rows, groups.names, transposed=True, min_max=True, order=[1, 0]
    )
    assert wide[0][0] == "group"
    assert "metrics.acc (max)" in wide[0]
    assert [line[0] for line in wide[1:]] == groups.names[::-1]
    assert np.isfinite(float(wide[1][wide[0].index("metrics.acc (min)")]))


def test_groups_keep_only_runs_the_comparison_holds_and_text_params_that_vary():
    from desktop.analysis.run_set import RunSet
    from tests.analysis.records import metric, run

    runs = RunSet(
        [
            run(1, "a", {"opt": "adam", "lr": "0.1"}, {"loss": metric("loss", 0.5)}),
            run(2, "b", {"opt": "sgd", "lr": "0.1"}, {"loss": metric("loss", 0.7)}),
            run(3, "c", {"opt": "sgd", "lr": "0.2"}, {"loss": metric("loss", 0.2)}),
        ],
        {7: "exp"},
        {},
    )
    groups = GroupSet(runs, {"lr=0.1": [1, 2, 99], "gone": [98], "lr=0.2": [3]})
    assert groups.names == ["lr=0.1", "lr=0.2"]  # no runs left: no group
    assert groups.counts == [2, 1]
    assert groups.pks(0) == [1, 2]
    opt = groups.variable("param:opt")
    assert opt.is_categorical
    assert np.isnan(opt.values[0])  # adam and sgd: no single value
    assert opt.categories[int(opt.values[1])] == "sgd"
    low, high = groups.spread("metric:loss", Band.STD)
    assert (low[1], high[1]) == (0.2, 0.2)  # one run: no spread
    assert groups.keys_within() == ["lr"]
    rows = build_group_rows(groups)
    loss = _row(rows, "metric:latest:loss")
    assert loss.values[1].stats.std == 0.0
    assert loss.best == {1}
