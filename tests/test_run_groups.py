"""Runs grouped by a param, a tag, the status or the dataset, checked against the
runs and values MLflow's own search returns."""

from __future__ import annotations

import math
import os
import statistics
from collections import defaultdict

import pytest

from desktop.core.columns import Column
from desktop.core.run_groups import group_runs, metric_stats
from desktop.core.views import RunScope
from desktop.services.catalog import Catalog
from tests.conftest import fresh_store, prepared_store
from tests.mlflow_runs import write_search_store

NAME = Column("attribute", "run_name")
ACC = Column("metric", "acc")
LOSS = Column("metric", "loss")
MODEL = Column("param", "model")
TEAM = Column("tag", "team")
STATUS = Column("attribute", "status")


@pytest.fixture(scope="module")
def written(tmp_path_factory, store_template):
    """``(mlruns, imported store file)`` of the 40-run search experiment."""
    base = tmp_path_factory.mktemp("groups")
    write_search_store(base / "mlruns")
    return base / "mlruns", prepared_store(
        store_template, base / "store.db", base / "mlruns"
    )


@pytest.fixture
def catalog(written, tmp_path):
    opened = fresh_store(written[1], tmp_path / "store.db")
    yield Catalog(opened)
    opened.close()


@pytest.fixture(scope="module")
def mlflow_runs(written):
    """The active runs as MLflow's search returns them."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=written[0].as_uri())
    [experiment] = client.search_experiments(filter_string="name = 'search'")
    return client.search_runs([experiment.experiment_id], max_results=1000)


def _search(catalog, group_by, sort=None):
    [experiment] = [
        e for e in catalog.sources_and_experiments()[1] if e.name == "search"
    ]
    found = catalog.search(
        RunScope((experiment.pk,)),
        None,
        sort,
        [NAME, ACC, LOSS],
        group_by=tuple(group_by),
    )
    names = catalog.row_page(found.pks, [NAME]).rows
    return found, {pk: row.run_id for pk, row in names.items()}


def _expected(runs, value_of):
    """By group value: the run ids, and acc and loss as MLflow reads them."""
    members, acc, loss = defaultdict(set), defaultdict(list), defaultdict(list)
    for run in runs:
        value = value_of(run)
        members[value].add(run.info.run_id)
        if "acc" in run.data.metrics:
            acc[value].append(run.data.metrics["acc"])
        if "loss" in run.data.metrics and not math.isnan(run.data.metrics["loss"]):
            loss[value].append(run.data.metrics["loss"])
    return members, acc, loss


@pytest.mark.parametrize(
    ("column", "value_of"),
    [
        (MODEL, lambda r: r.data.params.get("model")),
        (TEAM, lambda r: r.data.tags.get("team")),
        (STATUS, lambda r: r.info.status),
        (Column("param", "lr"), lambda r: r.data.params.get("lr")),  # some have none
    ],
    ids=["param", "tag", "status", "param missing in some runs"],
)
def test_groups_hold_the_runs_and_values_mlflow_reads(
    catalog, mlflow_runs, column, value_of
):
    found, run_ids = _search(catalog, [column])
    members, acc, loss = _expected(mlflow_runs, value_of)
    tree, groups = found.tree, found.groups
    assert tree is not None
    assert groups is not None
    assert {g.values[0] for g in groups.values()} == set(members)
    assert sorted(tree.matched()) == sorted(found.pks)  # every run once
    for group_id, group in groups.items():
        value = group.values[0]
        at = tree.position[group_id]
        below = {run_ids[pk] for pk in tree.nodes[at + 1 : at + 1 + tree.sizes[at]]}
        assert below == members[value]
        assert group.runs == len(members[value])
        stats = group.stats[ACC.id]
        assert stats.runs == len(acc[value])
        assert stats.mean == pytest.approx(statistics.fmean(acc[value]))
        assert (stats.min, stats.max) == (min(acc[value]), max(acc[value]))
        if len(acc[value]) > 1:
            assert stats.std == pytest.approx(statistics.stdev(acc[value]))
        if loss[value]:  # NaN losses count for nothing
            assert group.stats[LOSS.id].mean == pytest.approx(
                statistics.fmean(loss[value])
            )
        else:
            assert LOSS.id not in group.stats
    # Runs without a value are the last group.
    top = [groups[pk].values[0] for pk in tree.visible()]
    assert (None in top) == (None in members)
    assert None not in top[:-1]


def test_groups_sort_by_the_mean_of_the_sorted_metric(catalog, mlflow_runs):
    for descending in (True, False):
        found, _ = _search(catalog, [MODEL], ACC.sort_key(descending))
        _, acc, _ = _expected(mlflow_runs, lambda r: r.data.params.get("model"))
        means = [found.groups[pk].stats[ACC.id].mean for pk in found.tree.visible()]
        expected = sorted(
            (statistics.fmean(v) for v in acc.values()), reverse=descending
        )
        assert means == pytest.approx(expected)


def test_two_keys_nest_groups_in_groups(catalog, mlflow_runs):
    found, run_ids = _search(catalog, [MODEL, TEAM])
    tree, groups = found.tree, found.groups
    pairs = defaultdict(set)
    for run in mlflow_runs:
        pairs[run.data.params["model"], run.data.tags["team"]].add(run.info.run_id)
    inner = {pk: g for pk, g in groups.items() if len(g.values) == 2}
    assert {g.values for g in inner.values()} == set(pairs)
    for group_id, group in inner.items():
        at = tree.position[group_id]
        assert tree.depths[at] == 1
        below = tree.nodes[at + 1 : at + 1 + tree.sizes[at]]
        assert {run_ids[pk] for pk in below} == pairs[group.values]
        assert all(tree.depths[tree.position[pk]] == 2 for pk in below)
    # Folded, only the first level shows.
    assert all(groups[pk].values[1:] == () for pk in tree.visible())


def test_metric_stats_leave_nan_out():
    assert metric_stats([]) is None
    assert metric_stats([math.nan]) is None
    one = metric_stats([2.0, math.nan])
    assert (one.runs, one.mean, one.std) == (1, 2.0, 0.0)


def test_grouping_keeps_the_search_order_without_a_metric_sort():
    tree, groups = group_runs([5, 3, 9, 4], [{5: "b", 3: "a", 9: "b"}], {})
    labels = [groups[pk].values for pk in tree.visible()]
    assert labels == [("b",), ("a",), (None,)]  # first seen first, none last
    assert tree.matched() == [5, 9, 3, 4]


def test_grouping_by_dataset_uses_the_names_mlflow_logged(tmp_path, store_template):
    from mlflow import MlflowClient

    from tests.mlflow_datasets import write_dataset_runs

    mlruns = tmp_path / "mlruns"
    exp, _ids = write_dataset_runs(mlruns.as_uri())
    made = prepared_store(store_template, tmp_path / "template.db", mlruns)
    store = fresh_store(made, tmp_path / "store.db")
    catalog = Catalog(store)
    [experiment] = [
        e for e in catalog.sources_and_experiments()[1] if e.name == "datasets"
    ]
    found = catalog.search(
        RunScope((experiment.pk,)),
        None,
        None,
        [NAME],
        group_by=(Column("dataset", "name"),),
    )
    names = catalog.row_page(found.pks, [NAME]).rows
    ours = {
        _names(groups.values[0]): sorted(
            names[pk].run_name
            for pk in found.tree.nodes[
                found.tree.position[gid] + 1 : found.tree.position[gid]
                + 1
                + found.tree.sizes[found.tree.position[gid]]
            ]
        )
        for gid, groups in found.groups.items()
    }
    client = MlflowClient(tracking_uri=mlruns.as_uri())
    # The order of a run's inputs is MLflow's folder order: compared as sets.
    theirs: dict[frozenset[str] | None, list[str]] = {}
    for run in client.search_runs([exp]):
        logged = frozenset(d.dataset.name for d in run.inputs.dataset_inputs)
        theirs.setdefault(logged or None, []).append(run.info.run_name)
    assert ours == {k: sorted(v) for k, v in theirs.items()}
    store.close()


def _names(value: str | None) -> frozenset[str] | None:
    return None if value is None else frozenset(value.split(", "))
