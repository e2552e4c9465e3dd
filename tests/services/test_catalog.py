"""The read façade the screens ask (no Qt): what it reads, and that it keeps no
connection open after a call."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.columns import Column
from desktop.core.row_pages import PAGE, page_bounds
from desktop.core.search import parse_filter
from desktop.core.views import RunScope
from desktop.services.catalog import Catalog, CopyCancelled
from desktop.services.importing import run_import
from desktop.services.store_actions import remove_source
from desktop.store import queries
from desktop.store.database import open_store

DATA = Path(__file__).parents[1] / "data"
NAME = Column("attribute", "run_name")
PARENT = "78b5d52c1b3f4f50ba53dbeebd1fa008"  # the sample's parent-run


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Iterator[Catalog]:
    """The sample mlruns folder imported once for the module."""
    base = tmp_path_factory.mktemp("catalog")
    shutil.copytree(DATA / "sample_mlruns", base / "mlruns", symlinks=True)
    store = open_store(base / "store.db")
    run_import(store, base / "mlruns", workers=1)
    yield Catalog(store)
    store.close()


@pytest.fixture
def by_name(catalog) -> dict[str, int]:
    _, experiments = catalog.sources_and_experiments()
    found = catalog.search(RunScope(tuple(e.pk for e in experiments)), None, None, [])
    page = catalog.row_page(found.pks, [NAME])
    return {row.run_name: pk for pk, row in page.rows.items()}


def _no_connection_left(catalog: Catalog) -> bool:
    return catalog.store.engine.pool.checkedout() == 0


def test_sources_and_experiments_are_the_stores(catalog):
    sources, experiments = catalog.sources_and_experiments()
    with catalog.store.engine.connect() as conn:
        assert sources == queries.list_sources(conn) == catalog.sources()
        assert experiments == queries.list_experiments(conn)
    assert {e.name: e.run_count for e in experiments}["고객_이탈_예측"] == 4
    assert _no_connection_left(catalog)


def test_search_filters_sorts_and_reads_the_first_page(catalog):
    _, experiments = catalog.sources_and_experiments()
    scope = RunScope(tuple(e.pk for e in experiments if e.lifecycle_stage == "active"))
    expr = parse_filter("attributes.run_name LIKE '%child%'")
    found = catalog.search(scope, expr, NAME.sort_key(False), [NAME])
    names = [found.page.rows[pk].run_name for pk in found.pks]
    assert names == ["child-run", "failed-child"]
    unfiltered = catalog.search(scope, None, None, [])
    assert found.total == len(unfiltered.pks) == 5  # the scope before the filter
    # Both children's parent is named once, for the page.
    assert found.page.parents == {PARENT: "parent-run"}
    assert _no_connection_left(catalog)


def test_a_row_page_names_only_the_parents_not_known(catalog, by_name):
    pks = [by_name["child-run"], by_name["exp2-run"]]
    page = catalog.row_page(pks, [NAME])
    assert sorted(page.rows) == sorted(pks)
    assert page.parents == {PARENT: "parent-run"}
    again = catalog.row_page(pks, [NAME], frozenset({PARENT}))
    assert again.parents == {}


def test_experiment_keys_and_key_of_a_selection(catalog):
    _, experiments = catalog.sources_and_experiments()
    pks = [e.pk for e in experiments]
    keys = catalog.experiment_keys(pks)
    assert ("loss", 3) in keys["metric"]
    key, same_keys = catalog.columns_of(pks)
    assert same_keys == keys
    assert catalog.columns_of(pks[::-1])[0] == key
    assert catalog.columns_of(pks[:1])[0] != key


def test_rows_as_text_reads_as_the_table_and_stops_when_cancelled(catalog, by_name):
    pks = [by_name["failed-child"], by_name["parent-run"]]
    parent = Column("attribute", "parent_run_id")
    text = catalog.rows_as_text(pks, [NAME, parent], ["Run", "Parent"], {})
    assert text.splitlines() == [
        "Run\tParent",
        "↳ failed-child\tparent-run",
        "parent-run\t",
    ]
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(CopyCancelled):
        catalog.rows_as_text(pks, [NAME], ["Run"], {}, cancel)
    assert _no_connection_left(catalog)


def test_one_run_overview_histories_and_artifacts(catalog, by_name):
    child = by_name["child-run"]
    overview = catalog.run_overview(child)
    assert overview is not None
    assert overview.parent is not None
    assert overview.parent.run_name == "parent-run"
    assert catalog.run_overview(10**9) is None
    keys = catalog.experiment_keys([overview.detail.experiment_pk])["metric"]
    logged = [key for key, _ in keys]
    histories = catalog.metric_histories(child, ["missing", *logged])
    assert list(histories) == [k for k in logged if k in histories]
    assert histories
    assert all(h.key in logged for h in histories.values())
    artifacts = catalog.run_artifacts(child)
    assert artifacts is not None
    assert catalog.run_artifacts(10**9) is None
    assert _no_connection_left(catalog)


def test_run_set_and_histories_of_runs(catalog, by_name):
    pks = [by_name["parent-run"], by_name["child-run"]]
    runs = catalog.run_set(pks)
    assert runs.names == ["parent-run", "child-run"]
    histories = catalog.histories_of_runs(pks, ["loss", "missing"])
    assert {key for _, key in histories} <= {"loss"}
    assert {pk for pk, _ in histories} <= set(pks)


def test_page_bounds_keep_the_row_in_a_full_page():
    assert page_bounds(0, 1000) == (0, PAGE)
    start, end = page_bounds(500, 1000)
    assert start < 500 < end
    assert end - start == PAGE
    assert page_bounds(999, 1000) == (1000 - PAGE, 1000)
    assert page_bounds(3, 10) == (0, 10)


def test_remove_source_goes_through_the_writer(tmp_path):
    shutil.copytree(DATA / "sample_mlruns", tmp_path / "mlruns", symlinks=True)
    store = open_store(tmp_path / "store.db")
    try:
        run_import(store, tmp_path / "mlruns", workers=1)
        catalog = Catalog(store)
        (source,) = catalog.sources()
        remove_source(catalog, source.id)
        assert catalog.sources() == []
        assert catalog.sources_and_experiments() == ([], [])
    finally:
        store.close()
