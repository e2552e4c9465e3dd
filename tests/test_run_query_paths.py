"""The column-wise run search gives exactly what one SQL query over the rows gives.

``search_run_pks`` reads a metric or param either by one scan of that key's index or
by a lookup per run, and finds ids in an array by a lookup table or a binary search;
every combination must order and filter like the reference below, which is the
single SQL query the search used to run (itself pinned to MLflow's search_runs by
``test_run_search.py``). The data mixes what trips sorts up: ties in values and in
start times, NaN and infinite metrics, params that are numbers, text or missing,
nested and deleted runs, and a second experiment sharing the keys.
"""

from __future__ import annotations

import math
import os
import random
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from desktop.core.search import parse_filter
from desktop.services.importing import run_import
from desktop.store import array_reads, queries, run_query
from desktop.store.array_reads import IdIndex
from desktop.store.database import MIGRATIONS, open_store
from desktop.store.run_query import (
    ATTRIBUTE_COLUMNS,
    METRIC_FIELDS,
    RunScope,
    SortKey,
    compile_filter,
    search_run_pks,
)
from desktop.store.schema import Base, Experiment, MetricSummary, Param, Run, Tag

ACC_VALUES = [0.1, 0.5, 0.5, 0.9, math.nan, math.inf, -math.inf, 0.0, 0.5, 0.25]
DEPTHS = ["3", "10", "9", "1.0", "1", "abc", "Abc", "1e-3", "-2", None, "10"]


def _write_runs(client, exp: str, count: int, rng: random.Random) -> list[str]:
    from mlflow.entities import Metric, Param, RunTag

    ids = []
    t0 = 1_750_000_000_000
    for i in range(count):
        start = t0 + 1000 * (i // 3)  # runs in threes share a start time
        run = client.create_run(exp, run_name=f"run-{i}", start_time=start)
        rid = run.info.run_id
        metrics, params, tags = [], [], []
        if i % 11:
            metrics += [
                Metric("acc", rng.choice(ACC_VALUES), start, 0),
                Metric("acc", ACC_VALUES[i % len(ACC_VALUES)], start + 1, 1),
            ]
        if i % 4:
            loss = math.nan if i % 9 == 0 else round(rng.uniform(0, 2), 3)
            metrics.append(Metric("loss", loss, start, 0))
        depth = DEPTHS[i % len(DEPTHS)]
        if depth is not None:
            params.append(Param("depth", depth))
        params.append(Param("model", rng.choice(["rf", "lgbm", "Rf"])))
        if i % 5:
            tags.append(RunTag("team", rng.choice(["vision", "nlp", "Vision"])))
        if ids and i % 10 in (5, 6):
            tags.append(RunTag("mlflow.parentRunId", ids[i - i % 10 + 4]))
        client.log_batch(rid, metrics=metrics, params=params, tags=tags)
        client.set_terminated(
            rid, ["FINISHED", "FAILED", "KILLED"][i % 3], end_time=start + 7 * i
        )
        if i % 13 == 7:
            client.delete_run(rid)
        ids.append(rid)
    return ids


def _log_datasets(client, run_ids: list[str]) -> None:
    import pandas as pd
    from mlflow.data import from_pandas
    from mlflow.entities import DatasetInput, InputTag

    frame = pd.DataFrame({"x": [1.0, 2.0]})
    for i, rid in enumerate(run_ids):
        dataset = from_pandas(frame, source="data.csv", name=["train", "eval"][i % 2])
        context = InputTag("mlflow.data.context", ["training", "eval"][i % 2])
        client.log_inputs(rid, [DatasetInput(dataset._to_mlflow_entity(), [context])])


@pytest.fixture(scope="module")
def mlruns(tmp_path_factory) -> Path:
    """Two experiments written by MLflow: ``paths-a`` (30 runs), ``paths-b`` (9)."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    root = tmp_path_factory.mktemp("paths") / "mlruns"
    client = MlflowClient(tracking_uri=root.as_uri())
    rng = random.Random(3)
    first = _write_runs(client, client.create_experiment("paths-a"), 30, rng)
    _write_runs(client, client.create_experiment("paths-b"), 9, rng)
    _log_datasets(client, first[:4])
    return root


@pytest.fixture(scope="module")
def imported(mlruns, tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("paths-store") / "s.db")
    run_import(store, mlruns)
    with store.engine.connect() as conn:
        exps = {e.name: e.pk for e in queries.list_experiments(conn)}
    yield store, exps
    store.close()


@pytest.fixture(params=["key scan", "lookup per run", "metrics scanned"])
def read_path(request, monkeypatch):
    """Force reading metric and param values from their key index (as numpy masks
    and sorts) or by a lookup per run (in SQL), or metrics one way, params the other.
    """
    if request.param == "metrics scanned":
        monkeypatch.setattr(
            run_query._ColumnSearch,
            "_key_scan_pays",
            lambda _self, kind, _key: kind == "metric",
        )
    else:
        factor = 10**9 if request.param == "key scan" else 0
        monkeypatch.setattr(run_query, "KEY_SCAN_ROWS_PER_LOOKUP", factor)
    return request.param


@pytest.fixture(params=["table", "binary search"])
def id_index(request, monkeypatch):
    """Force finding ids in arrays by a lookup table or by a binary search."""
    span = 10**9 if request.param == "table" else 0
    monkeypatch.setattr(array_reads, "DENSE_ID_SPAN", span)
    return request.param


def _reference(conn, scope: RunScope, text: str, sort: SortKey | None) -> list[int]:
    """The one SQL query over the rows that the search used to be."""
    query = select(Run.id).where(Run.experiment_pk.in_(scope.experiment_pks))
    if not scope.include_deleted:
        query = query.where(Run.lifecycle_stage == "active")
    if scope.top_level_only:
        query = query.where(Run.parent_run_id.is_(None))
    expr = parse_filter(text)
    if expr is not None:
        query = query.where(compile_filter(expr))
    order: list = []
    if sort is not None:
        query, value, order = _reference_value(query, sort)
        direction = value.desc() if sort.descending else value.asc()
        order = [value.is_(None), *order, direction]
    order += [Run.start_time.desc(), Run.run_id.asc()]
    return list(conn.scalars(query.order_by(*order)))


def _reference_value(query, sort: SortKey):
    """The query joined to the sorted value, the value, ORDER BY terms before it."""
    if sort.kind == "attribute":
        if sort.key == "duration":
            return query, Run.end_time - Run.start_time, []
        if sort.key == "experiment_name":
            query = query.join(Experiment, Experiment.id == Run.experiment_pk)
            return query, Experiment.name, []
        return query, ATTRIBUTE_COLUMNS[sort.key], []
    table = aliased({"metric": MetricSummary, "param": Param, "tag": Tag}[sort.kind])
    query = query.outerjoin(table, and_(table.run_pk == Run.id, table.key == sort.key))
    if sort.kind == "metric":
        return query, getattr(table, METRIC_FIELDS[sort.metric_field]), []
    if sort.kind == "tag":
        return query, table.value, []
    number = table.value_num
    direction = number.desc() if sort.descending else number.asc()
    return query, table.value, [number.is_(None), direction]  # numbers first


FILTERS = [
    "",
    "metrics.acc > 0.4",
    "metrics.acc = 0.5",
    "metrics.acc != 0.5",
    "metrics.acc <= 0",
    "metrics.loss < 1",
    "metrics.loss != 1",
    "params.depth = '10'",
    "params.depth != '1'",
    "params.depth LIKE '1%'",
    "params.depth ILIKE 'a%'",
    "params.depth IS NULL",
    "params.depth IS NOT NULL",
    "tags.team = 'vision'",
    "tags.team IS NULL",
    "attributes.status = 'FAILED'",
    "run-1",
    "dataset.name = 'train'",
    "metrics.acc > 0.2 and params.depth != 'abc' and tags.team != 'nlp'",
    "(metrics.acc > 0.6 or params.model = 'rf') and attributes.status != 'KILLED'",
    "metrics.loss < 0.5 or params.depth IS NULL",
    "metrics.acc > 0.6 or tags.team = 'nlp' or params.depth = '9'",
    "params.depth IS NULL or (metrics.acc < 0.5 and attributes.run_name LIKE '%2')",
    "params.model = 'none of these'",
]
SORTS = [
    None,
    SortKey("metric", "acc"),
    SortKey("metric", "acc", descending=True),
    SortKey("metric", "acc", metric_field="min"),
    SortKey("metric", "acc", descending=True, metric_field="max"),
    SortKey("metric", "loss", descending=True),
    SortKey("metric", "never logged"),
    SortKey("param", "depth"),
    SortKey("param", "depth", descending=True),
    SortKey("param", "model"),
    SortKey("tag", "team"),
    SortKey("tag", "team", descending=True),
    SortKey("attribute", "run_name", descending=True),
    SortKey("attribute", "duration"),
    SortKey("attribute", "experiment_name"),
]


def _scopes(exps: dict[str, int]) -> list[RunScope]:
    a, b = exps["paths-a"], exps["paths-b"]
    return [
        RunScope((a,)),
        RunScope((a, b)),
        RunScope((a,), include_deleted=True),
        RunScope((a, b), top_level_only=True),
    ]


# The reference's answers, computed once per module: every read path compares
# with the same ones (the store is never changed).
REFERENCE: dict[tuple[RunScope, str, SortKey | None], list[int]] = {}


def _check(imported, cases) -> int:
    store, exps = imported
    checked = 0
    with store.engine.connect() as conn:
        for scope in _scopes(exps):
            for text, sort in cases:
                key = (scope, text, sort)
                if key not in REFERENCE:
                    REFERENCE[key] = _reference(conn, scope, text, sort)
                expected = REFERENCE[key]
                got = search_run_pks(conn, scope, parse_filter(text), sort)
                assert got == expected, (scope, text, sort)
                checked += bool(expected)
    return checked


@pytest.mark.slow  # every filter x sort x scope x read path against a SQL reference
def test_every_filter_matches_the_sql_reference(imported, read_path, id_index):
    cases = [(text, sort) for text in FILTERS for sort in (None, SORTS[2], SORTS[8])]
    assert _check(imported, cases) > len(cases)  # most cases select something


def test_every_sort_matches_the_sql_reference(imported, read_path, id_index):
    filters = ["", "metrics.acc >= 0.1 and params.model != 'Rf'", "tags.team = 'nlp'"]
    cases = [(text, sort) for sort in SORTS for text in filters]
    assert _check(imported, cases) > len(cases)


def test_the_data_has_what_makes_sorting_hard(imported):
    store, exps = imported
    with store.engine.connect() as conn:
        pks = search_run_pks(conn, RunScope((exps["paths-a"],), include_deleted=True))
        rows = queries.run_rows(conn, pks, ["depth"], ["acc"], ["team"])
    latest = [r.metrics["acc"][0] for r in rows.values() if "acc" in r.metrics]
    assert any(math.isnan(v) for v in latest)
    assert math.inf in latest
    assert -math.inf in latest
    assert len(latest) - len(set(latest)) > 3  # tied values
    depths = [r.params.get("depth") for r in rows.values()]
    assert {None, "abc", "Abc", "1.0", "1", "10"} <= set(depths)
    assert len({r.start_time for r in rows.values()}) < len(rows)  # tied times
    assert any(r.parent_run_id for r in rows.values())
    assert any(r.lifecycle_stage == "deleted" for r in rows.values())


def test_id_index_finds_positions_both_ways(monkeypatch):
    rng = np.random.default_rng(5)
    ids = rng.choice(10_000, size=3_000, replace=False).astype(np.int64)
    wanted = rng.integers(-50, 10_050, size=5_000)
    expected = {int(pk): i for i, pk in enumerate(ids)}
    truth = [expected.get(int(w), -1) for w in wanted]
    for span in (10**9, 0):  # a lookup table, then a binary search
        monkeypatch.setattr(array_reads, "DENSE_ID_SPAN", span)
        assert IdIndex(ids).positions(wanted).tolist() == truth
    empty = IdIndex(np.zeros(0, dtype=np.int64))
    assert empty.positions(wanted).tolist() == [-1] * len(wanted)


def test_a_search_leaves_no_transaction_open_and_respects_the_callers(imported):
    store, exps = imported
    scope = RunScope((exps["paths-a"],))
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert search_run_pks(conn, scope, parse_filter("metrics.acc > 0"))
        assert not raw.in_transaction
    with store.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS marker (x)")
        conn.exec_driver_sql("INSERT INTO marker VALUES (1)")
        raw = conn.connection.driver_connection
        assert raw.in_transaction
        assert search_run_pks(conn, scope, None, SortKey("param", "depth"))
        assert raw.in_transaction  # the caller's transaction is still the caller's
        assert conn.exec_driver_sql("SELECT count(*) FROM marker").scalar() == 1
        conn.exec_driver_sql("DROP TABLE marker")


# ------------------------------------------------------------------ query plans


def _plans(store, action) -> list[tuple[str, str]]:
    """Every statement ``action(conn)`` runs, with its query plan."""
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        statements: list[str] = []
        raw.set_trace_callback(statements.append)
        try:
            action(conn)
        finally:
            raw.set_trace_callback(None)
        return [
            (sql, " | ".join(r[3] for r in raw.execute("EXPLAIN QUERY PLAN " + sql)))
            for sql in statements
            if sql.lstrip().upper().startswith("SELECT")
        ]


@pytest.mark.parametrize(
    ("text", "sort", "index"),
    [
        ("", None, "ix_runs_scope_order"),
        (
            "",
            SortKey("metric", "acc", descending=True),
            "ix_metric_summaries_key_values",
        ),
        ("", SortKey("param", "depth"), "ix_params_key_values"),
        ("metrics.acc > 0.5 and params.depth != 'x'", None, "ix_params_key_values"),
    ],
)
def test_table_queries_read_indexes_in_order_without_sorting(
    imported, text, sort, index
):
    store, exps = imported
    scope = RunScope((exps["paths-a"],))
    plans = _plans(
        store, lambda conn: search_run_pks(conn, scope, parse_filter(text), sort)
    )
    joined = "\n".join(plan for _sql, plan in plans)
    assert "COVERING INDEX ix_runs_scope_order" in joined
    assert f"COVERING INDEX {index}" in joined
    assert "TEMP B-TREE" not in joined
    assert "CORRELATED" not in joined


def test_a_page_of_rows_looks_runs_up_by_id(imported):
    """Page loads seek each run's values; the key indexes would read every run's."""
    store, exps = imported
    with store.engine.connect() as conn:
        pks = search_run_pks(conn, RunScope((exps["paths-a"],)))[:10]
    plans = _plans(
        store,
        lambda conn: queries.run_rows(conn, pks, ["depth", "model"], ["acc"], ["team"]),
    )
    assert len(plans) == 4
    for _sql, plan in plans:
        assert "key_values" not in plan
        assert "(run_pk=? AND key=?)" in plan or "PRIMARY KEY" in plan


# ------------------------------------------------------------------ migration 0003


def _alembic(conn) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def _index_sql(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        return dict(
            db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
        )


def test_a_0002_store_is_upgraded_with_its_runs_kept(imported, tmp_path):
    store, exps = imported
    path = tmp_path / "old.db"
    with sqlite3.connect(store.path) as source, sqlite3.connect(path) as copy:
        source.backup(copy)  # the main file alone would miss the WAL's pages
    old = open_store(path)
    with old.engine.begin() as conn:
        command.downgrade(_alembic(conn), "0002")
    old.close()
    before = _index_sql(path)
    assert {"ix_runs_scope", "ix_metric_summaries_key_latest"} <= set(before)
    assert not {"ix_runs_scope_order", "ix_params_key_values"} & set(before)

    upgraded = open_store(path)
    try:
        assert upgraded.backup_path is not None
        assert upgraded.backup_path.exists()
        after = _index_sql(path)
        assert "start_time DESC" in after["ix_runs_scope_order"]
        assert "ix_runs_scope" not in after
        assert "ix_metric_summaries_key_latest" not in after
        assert {"ix_metric_summaries_key_values", "ix_params_key_values"} <= set(after)
        with upgraded.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            assert diff == []
            for text, sort in [("metrics.acc > 0.2", SORTS[2]), ("", SORTS[7])]:
                scope = RunScope((exps["paths-a"],))
                expected = _reference(conn, scope, text, sort)
                assert search_run_pks(conn, scope, parse_filter(text), sort) == expected
                assert expected
    finally:
        upgraded.close()
