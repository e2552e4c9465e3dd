"""The Dataset column: filters agree with MLflow's search_runs, rows, sorting, export.

The runs are written by real MLflow to a file store and to an ``mlflow.db``; each is
imported into a store of ours and searched both ways.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from desktop.core.columns import Column, SortKey, row_load
from desktop.core.search import parse_filter
from desktop.services.exporting import export_csv, export_json
from desktop.services.importing import run_import
from desktop.services.importing_db import run_db_import
from desktop.store import queries
from desktop.store.database import open_store
from desktop.store.run_query import RunScope, search_run_pks
from tests.mlflow_datasets import RUNS, write_dataset_runs

DATASET = Column("dataset", "name")


@pytest.fixture(scope="module", params=["mlruns", "mlflow.db"])
def case(request, tmp_path_factory):
    """MLflow's client on the written source, our store of it, run ids by name."""
    from mlflow import MlflowClient

    base = tmp_path_factory.mktemp("datasets")
    if request.param == "mlruns":
        root = base / "mlruns"
        uri = root.as_uri()
    else:
        root = base / "mlflow.db"
        uri = f"sqlite:///{root}"
    exp, ids = write_dataset_runs(uri)
    store = open_store(base / "store.db")
    report = (run_import if request.param == "mlruns" else run_db_import)(store, root)
    assert report.problems == []
    with store.engine.connect() as conn:
        scope = RunScope(tuple(e.pk for e in queries.list_experiments(conn)))
    yield MlflowClient(tracking_uri=uri), exp, store, scope, ids
    store.close()


def _ours(case, text, sort=None) -> list[str]:
    _client, _exp, store, scope, _ids = case
    with store.engine.connect() as conn:
        pks = search_run_pks(conn, scope, parse_filter(text), sort)
        return [r.run_id for r in queries.run_details(conn, pks)]


def _mlflow(case, text) -> list[str]:
    client, exp, *_ = case
    runs = client.search_runs([exp], filter_string=text, max_results=100)
    return [r.info.run_id for r in runs]


def _digest(case, run_name: str) -> str:
    client, _exp, _store, _scope, ids = case
    (logged,) = client.get_run(ids[run_name]).inputs.dataset_inputs
    return logged.dataset.digest


FILTERS = [
    "datasets.name = 'train'",
    "datasets.name != 'train'",
    "datasets.name LIKE 'tr%'",
    "datasets.name LIKE 'H%'",
    "datasets.name ILIKE 'h%'",
    "datasets.name IN ('eval', 'alpha')",
    "datasets.name NOT IN ('train')",
    "datasets.context = 'training'",
    "datasets.context != 'training'",
    "datasets.context IN ('evaluation')",
    "datasets.context LIKE 'eval%'",
    "dataset.name = 'train' AND datasets.context = 'evaluation'",
]


@pytest.mark.parametrize("text", FILTERS)
def test_dataset_filters_match_mlflow_search_runs(case, text):
    expected = _mlflow(case, text)
    assert _ours(case, text) == expected
    assert expected  # every filter here selects something...
    assert len(expected) < len(RUNS)  # ...and leaves something out


def test_digest_filter_matches_mlflow(case):
    text = f"datasets.digest = '{_digest(case, 'other-train')}'"
    assert _ours(case, text) == _mlflow(case, text) == [case[4]["other-train"]]


def _rows(case):
    _client, _exp, store, scope, ids = case
    load = row_load([DATASET])
    with store.engine.connect() as conn:
        pks = search_run_pks(conn, scope)
        rows = queries.run_rows(conn, pks, datasets=load.datasets)
    names = {v: k for k, v in ids.items()}
    return {names[r.run_id]: r for r in rows.values()}


def test_the_column_shows_each_input_name_once_with_digests_in_the_tooltip(case):
    client, _exp, _store, _scope, ids = case
    rows = _rows(case)
    spec = DATASET.spec
    for name, inputs in RUNS.items():
        text = spec.text(DATASET, rows[name], {})
        assert sorted(text.split(", ") if text else []) == sorted(
            {n for n, _, _ in inputs}
        )
    assert spec.text(DATASET, rows["no-datasets"], {}) == ""
    assert spec.value(DATASET, rows["no-datasets"]) is None
    logged = client.get_run(ids["train-and-eval"]).inputs.dataset_inputs
    tooltip = spec.cell_tooltip(DATASET, rows["train-and-eval"], {})
    assert sorted(tooltip) == sorted(
        f"{d.dataset.name} ({d.dataset.digest}) · {d.tags[0].value}" for d in logged
    )


def test_filter_to_this_value_selects_runs_with_the_same_inputs(case):
    rows = _rows(case)
    clause = DATASET.spec.filter_clause(DATASET, rows["train-and-eval"])
    assert _ours(case, clause) == [case[4]["train-and-eval"]]
    assert DATASET.spec.filter_clause(DATASET, rows["no-datasets"]) is None


@pytest.mark.parametrize("descending", [False, True])
def test_sorting_follows_the_shown_names_with_runs_without_inputs_last(
    case, descending
):
    rows = _rows(case)
    text = {r.run_id: DATASET.spec.text(DATASET, r, {}) for r in rows.values()}
    ours = _ours(case, "", DATASET.sort_key(descending))
    assert DATASET.sort_key(descending) == SortKey("dataset", "name", descending)
    shown = [text[r] for r in ours]
    with_inputs = [t for t in shown if t]
    assert with_inputs == sorted(with_inputs, key=str.lower, reverse=descending)
    assert shown[len(with_inputs) :] == [""]  # the run without inputs, last
    # Ties (two runs showing "train") keep the default order: newest first.
    trains = [r for r in ours if text[r] == "train"]
    assert trains == [case[4]["other-train"], case[4]["train-only"]]


def test_csv_and_json_exports_carry_the_datasets(case):
    _client, _exp, store, _scope, _ids = case
    out = io.StringIO()
    assert export_csv(store, out) == len(RUNS)
    by_name = {r["run_name"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert by_name["zeta-then-alpha"]["datasets"] in ("zeta, alpha", "alpha, zeta")
    assert by_name["no-datasets"]["datasets"] == ""
    out = io.StringIO()
    export_json(store, out)
    (experiment,) = [e for e in json.loads(out.getvalue()) if e["runs"]]
    exported = {r["run_name"]: r["datasets"] for r in experiment["runs"]}
    assert exported["train-only"] == [
        {"name": "train", "digest": _digest(case, "train-only"), "context": "training"}
    ]
    assert exported["no-context"][0]["context"] is None
    assert exported["no-datasets"] == []


def test_the_column_is_offered_only_where_runs_have_inputs(case):
    _client, _exp, store, scope, _ids = case
    with store.engine.connect() as conn:
        keys = queries.experiment_keys(conn, scope.experiment_pks)
        empty = queries.experiment_keys(conn, [])
    assert keys["dataset"] == [("name", 1)]
    assert DATASET in DATASET.spec.defaults(keys, 1)
    assert DATASET.spec.available(empty) == []
