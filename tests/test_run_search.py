"""Filtering and sorting runs in the store gives the same runs as MLflow's search."""

from __future__ import annotations

import math

import pytest

from desktop.core.search import SearchError, parse_filter
from desktop.services.importing import run_import
from desktop.store import queries
from desktop.store.database import open_store
from desktop.store.run_query import RunScope, SortKey, search_run_pks
from tests.mlflow_runs import write_search_store


@pytest.fixture(scope="module")
def mlflow_store(tmp_path_factory):
    """A file store written by MLflow: 40 runs with varied params, metrics, tags."""
    from mlflow import MlflowClient

    root = tmp_path_factory.mktemp("search") / "mlruns"
    exp = write_search_store(root)
    return MlflowClient(tracking_uri=root.as_uri()), exp, root


@pytest.fixture(scope="module")
def imported(mlflow_store, tmp_path_factory):
    _client, _exp, root = mlflow_store
    store = open_store(tmp_path_factory.mktemp("store") / "s.db")
    run_import(store, root)
    with store.engine.connect() as conn:
        scope = RunScope(tuple(e.pk for e in queries.list_experiments(conn)))
    yield store, scope
    store.close()


def _ours(imported, text, sort=None):
    store, scope = imported
    with store.engine.connect() as conn:
        pks = search_run_pks(conn, scope, parse_filter(text), sort)
        return [r.run_id for r in queries.run_details(conn, pks)]


def _mlflow(mlflow_store, text, order_by=None):
    client, exp, _root = mlflow_store
    runs = client.search_runs(
        [exp], filter_string=text, order_by=order_by, max_results=1000
    )
    return [r.info.run_id for r in runs]


FILTERS = [
    "metrics.acc > 0.5",
    "metrics.acc <= 0.3",
    "metrics.loss != 1",
    "metrics.loss < 1.5",
    "metrics.loss <= 2",
    "params.max_depth = '10'",
    "params.lr != '0.05'",
    "params.model LIKE 'R%'",
    "params.model ILIKE 'r%'",
    "params.model LIKE '%f'",
    "params.lr IS NULL",
    "params.lr IS NOT NULL",
    "tags.team = 'vision'",
    "tags.team ILIKE 'VISION'",
    "attributes.status = 'FAILED'",
    "attributes.status != 'FINISHED'",
    "attributes.run_name LIKE 'rf%'",
    "`Run Name` ILIKE 'lgbm%'",
    "metrics.acc > 0.2 and params.model = 'rf' and tags.team != 'nlp'",
    "params.max_depth = '9' AND metrics.acc >= 0.1",
]


@pytest.mark.parametrize("text", FILTERS)
def test_filters_match_mlflow_search_runs(mlflow_store, imported, text):
    expected = _mlflow(mlflow_store, text)
    assert _ours(imported, text) == expected
    assert expected  # every filter here selects something...
    assert len(expected) < 40  # ...and leaves something out


def test_in_on_run_ids_matches_mlflow(mlflow_store, imported):
    ids = _mlflow(mlflow_store, "")[:3]
    text = "attributes.run_id IN ('" + "', '".join(ids) + "')"
    assert _ours(imported, text) == _mlflow(mlflow_store, text) == ids


@pytest.mark.parametrize(
    ("sort", "order_by"),
    [
        (SortKey("metric", "acc", descending=True), "metrics.acc DESC"),
        (SortKey("metric", "loss"), "metrics.loss ASC"),
        (SortKey("attribute", "run_name"), "attributes.run_name ASC"),
        (SortKey("tag", "team", descending=True), "tags.team DESC"),
    ],
)
def test_sorting_matches_mlflow_order_by(mlflow_store, imported, sort, order_by):
    expected = _mlflow(mlflow_store, "", [order_by])
    ours = _ours(imported, "", sort)
    if sort.key == "loss":
        # Runs with a number come first, in the same order; NaN and missing values
        # follow (MLflow mixes those two, we keep both last).
        client = mlflow_store[0]
        values = {r: client.get_run(r).data.metrics.get("loss") for r in expected}
        numbers = [
            r for r in expected if values[r] is not None and not math.isnan(values[r])
        ]
        assert ours[: len(numbers)] == numbers
        assert set(ours[len(numbers) :]) == set(expected) - set(numbers)
    else:
        assert ours == expected


def test_params_sort_numerically(imported):
    store, scope = imported
    with store.engine.connect() as conn:
        pks = search_run_pks(conn, scope, None, SortKey("param", "max_depth"))
        depths = [int(r.params["max_depth"]) for r in queries.run_details(conn, pks)]
    assert depths == sorted(depths)
    assert depths[-1] == 100  # "100" after "9", unlike a text sort


def test_plain_text_searches_run_names_case_insensitively(imported):
    names = _names(imported, "lgbm_lr")
    assert names
    assert all(n.startswith("LGBM_lr_") for n in names)


def _names(imported, text):
    store, scope = imported
    with store.engine.connect() as conn:
        pks = search_run_pks(conn, scope, parse_filter(text))
        return [r.run_name for r in queries.run_details(conn, pks)]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("metrics.acc > 'x'", "expected a number"),
        ("params.max_depth = 10", "expected a quoted string"),
        ("metrics.acc >", "ends too early"),
        ("foo.bar = '1'", "unknown prefix"),
        ("(metrics.acc > 1", "ends too early"),
        ("(metrics.acc > 1 metrics.acc < 2)", "expected ')'"),
        ("params.a IN ('x')", "IN works only"),
        ("tags.t = 'unterminated", "unterminated quote"),
    ],
)
def test_syntax_errors_say_what_is_wrong(text, fragment):
    with pytest.raises(SearchError) as info:
        parse_filter(text)
    assert fragment in info.value.message


def test_or_and_parentheses_extend_mlflow(imported):
    a = set(_names(imported, "params.model = 'rf'"))
    b = set(_names(imported, "tags.team = 'nlp'"))
    both = set(_names(imported, "(params.model = 'rf' OR tags.team = 'nlp')"))
    assert both == a | b
    assert a - b
    assert b - a


def test_times_filter_by_the_tables_titles_and_local_dates(mlflow_store, imported):
    from datetime import datetime

    client, exp, _root = mlflow_store
    starts = sorted({r.info.start_time for r in client.search_runs([exp])})
    middle = starts[len(starts) // 2]
    when = datetime.fromtimestamp(middle / 1000)  # local time, to the millisecond
    by_ms = _ours(imported, f"attributes.start_time >= {middle}")
    assert 0 < len(by_ms) < len(starts)
    # The same runs, named as the table's column and written as a local date.
    assert (
        _ours(imported, f"started >= '{when.isoformat(timespec='milliseconds')}'")
        == by_ms
    )
    assert _ours(imported, f"Started >= '{when:%Y-%m-%d %H:%M:%S.%f}'") == by_ms
    assert _ours(imported, f"created < '{when:%Y-%m-%d}'") == []  # the day before
    assert _ours(imported, "ended < '1971-01-01'") == []
    with pytest.raises(SearchError) as info:
        parse_filter("started > 'last week'")
    assert "expected a date" in info.value.message
