"""Nested runs as a tree: built over a search of runs MLflow nested, checked
against what MLflow reads (``mlflow.parentRunId``, ``search_runs``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.core import view_codec
from desktop.core.columns import Column
from desktop.core.run_tree import Folding, RunTree, build_run_tree
from desktop.core.search import parse_filter
from desktop.core.views import RunScope
from desktop.services.catalog import Catalog
from tests.conftest import fresh_store, prepared_store
from tests.mlflow_nested_runs import ACC, PARENT, write_nested_store

NAME = Column("attribute", "run_name")
ACC_COLUMN = Column("metric", "val_acc")


@pytest.fixture(scope="module")
def nested(tmp_path_factory, store_template):
    """``(mlruns, run ids by name, imported store file)``."""
    base = tmp_path_factory.mktemp("nested")
    ids = write_nested_store(base / "mlruns")
    made = prepared_store(store_template, base / "store.db", base / "mlruns")
    return base / "mlruns", ids, made


@pytest.fixture
def catalog(nested, tmp_path):
    opened = fresh_store(nested[2], tmp_path / "store.db")
    yield Catalog(opened)
    opened.close()


def _tuning(catalog: Catalog):
    return [e for e in catalog.sources_and_experiments()[1] if e.name == "tuning"]


def _search(catalog: Catalog, text: str = "", unfolded=frozenset()):
    [experiment] = _tuning(catalog)
    found = catalog.search(
        RunScope((experiment.pk,)),
        parse_filter(text),
        ACC_COLUMN.sort_key(True),
        [NAME, ACC_COLUMN],
        nested=True,
        folding=Folding(unfolded),
    )
    rows = catalog.row_page(found.tree.nodes if found.tree else found.pks, [NAME])
    return found, {pk: row.run_name for pk, row in rows.rows.items()}


def _mlflow(mlruns: Path, text: str) -> dict[str, str | None]:
    """Run names MLflow's search finds, with their parents' run ids."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=mlruns.as_uri())
    [experiment] = client.search_experiments(filter_string="name = 'tuning'")
    runs = client.search_runs([experiment.experiment_id], filter_string=text)
    return {r.info.run_name: r.data.tags.get("mlflow.parentRunId") for r in runs}


def test_children_sit_under_their_parents_as_mlflow_nested_them(nested, catalog):
    mlruns, ids, _ = nested
    found, names = _search(catalog)
    tree = found.tree
    assert tree is not None
    by_id = {run_id: name for name, run_id in ids.items()}
    mlflow_parents = {
        name: by_id.get(parent) for name, parent in _mlflow(mlruns, "").items()
    }
    ours = {names[pk]: names.get(tree.parents.get(pk, -1)) for pk in tree.nodes}
    assert ours == mlflow_parents
    assert {k: v for k, v in ours.items() if v} == PARENT
    # Siblings in the sort's order; a family where its best member would be.
    assert [("  " * tree.depth(pk)) + names[pk] for pk in tree.nodes] == [
        "sweep",  # its best: fold-1, 0.93
        "  trial-1",
        "    fold-1",
        "    fold-0",
        "  trial-4",
        "  trial-2",
        "  trial-0",
        "  trial-3",
        "lonely",
        "baseline",
        "sweep-b",  # 0.75 itself, but b-1 0.79
        "  b-1",
        "  b-0",
    ]
    best = {names[p]: names[b] for p, b in tree.best.items()}
    assert best == {"sweep": "fold-1", "trial-1": "fold-1", "sweep-b": "b-1"}
    counts = {names[p]: n for p, n in tree.counts.items()}
    assert counts == {"sweep": 7, "trial-1": 2, "sweep-b": 2}
    # Folded by default: only the top level shows.
    assert [names[pk] for pk in tree.visible()] == [
        "sweep",
        "lonely",
        "baseline",
        "sweep-b",
    ]
    assert found.shown() == tree.visible()


def test_a_filter_keeps_the_ancestors_of_matching_runs(nested, catalog):
    mlruns, _, _ = nested
    text = "metrics.val_acc > 0.9"
    found, names = _search(catalog, text)
    tree = found.tree
    assert tree is not None
    assert {names[pk] for pk in found.pks} == set(_mlflow(mlruns, text))
    assert {names[pk] for pk in found.pks} == {"trial-1", "fold-1"}
    assert {names[pk] for pk in tree.context} == {"sweep"}  # no val_acc itself
    assert [names[pk] for pk in tree.nodes] == ["sweep", "trial-1", "fold-1"]
    # The context shows unfolded (else the matches would hide under it)...
    assert tree.visible() == tree.nodes[:2]
    # ...unless the user folds it.
    sweep = tree.nodes[0]
    assert tree.visible(Folding(folded=frozenset({sweep}))) == [sweep]
    assert [names[pk] for pk in tree.matched()] == ["trial-1", "fold-1"]
    assert {names[p]: n for p, n in tree.counts.items()} == {"sweep": 2, "trial-1": 1}


def test_unfolding_shows_the_children_under_unfolded_parents(nested, catalog):
    found, names = _search(catalog)
    tree = found.tree
    sweep = next(pk for pk, name in names.items() if name == "sweep")
    trial = next(pk for pk, name in names.items() if name == "trial-1")
    below = [names[pk] for pk in tree.unfolded_below(sweep, {sweep})]
    assert below == ["trial-1", "trial-4", "trial-2", "trial-0", "trial-3"]
    below = [names[pk] for pk in tree.unfolded_below(sweep, {sweep, trial})]
    assert below[:3] == ["trial-1", "fold-1", "fold-0"]
    # The search reads the page of the rows shown, unfolded as asked.
    unfolded, _ = _search(catalog, unfolded=frozenset({sweep, trial}))
    assert len(unfolded.shown(Folding(frozenset({sweep, trial})))) == 4 + 5 + 2
    fold = next(pk for pk, name in names.items() if name == "fold-1")
    assert fold in unfolded.page.rows


def test_flat_runs_have_no_tree(nested, catalog):
    found, _ = _search(catalog, "attributes.run_name = 'lonely'")
    assert found.tree is None
    assert len(found.pks) == 1


def test_the_top_level_only_scope_has_no_tree(nested, catalog):
    [experiment] = _tuning(catalog)
    found = catalog.search(
        RunScope((experiment.pk,), top_level_only=True), None, None, [NAME], nested=True
    )
    assert found.tree is None
    assert len(found.pks) == 4


def test_a_cycle_of_parents_still_shows_every_run():
    # 1 -> 2 -> 3 -> 1 (hand-edited tags), and 4 under 3.
    tree = build_run_tree([4, 1, 2, 3], {1: 2, 2: 3, 3: 1, 4: 3})
    assert tree is not None
    assert sorted(tree.nodes) == [1, 2, 3, 4]
    assert tree.context == frozenset()
    assert sorted(tree.visible(Folding(frozenset(tree.nodes)))) == [1, 2, 3, 4]


def test_runs_without_a_shown_parent_are_flat():
    assert build_run_tree([1, 2, 3], {}) is None
    # A link to a run the search did not reach still shows the parent as context.
    tree = build_run_tree([2], {2: 9})
    assert tree is not None
    assert tree.nodes == [9, 2]
    assert tree.context == frozenset({9})


def test_a_kept_tree_comes_back_equal_and_a_damaged_one_is_refused(nested, catalog):
    found, _ = _search(catalog)
    plain = view_codec.to_plain(found)
    assert view_codec.from_plain(plain) == found
    damaged = view_codec.to_plain(
        RunTree([1, 2], [0, 1], [1, 0], {1: 1}, {}, frozenset())
    )
    damaged["fields"][2] = [5, 0]  # a subtree past the end
    with pytest.raises(ValueError, match="RunTree"):
        view_codec.from_plain(damaged)


def test_the_values_cover_every_run_written(nested):
    _, ids, _ = nested
    assert set(ids) == set(ACC) | {"sweep"}
