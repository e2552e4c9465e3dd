"""Stars, hidden runs and notes kept in our store (no Qt): filters, sorting, the
first screen's signature, and marks surviving re-imports and a source's removal
and re-adding, while the source's files stay byte-identical."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import threading
from pathlib import Path

import pytest

from desktop.core.columns import Column, SortKey
from desktop.core.marks import MarkChange
from desktop.core.search import SearchError, parse_filter
from desktop.core.views import RunScope
from desktop.services.catalog import Catalog
from desktop.services.exporting import export_csv, export_json
from desktop.services.first_screen import CatalogStandIn, FirstScreen
from desktop.services.importing import run_import
from desktop.services.importing_db import run_db_import
from desktop.services.store_actions import mark_runs, remove_source
from desktop.store.peek import peek_store
from tests.conftest import fresh_store, prepared_store
from tests.mlflow_runs import write_search_store

COLUMNS = [
    Column("attribute", "run_name"),
    Column("local", "starred"),
    Column("local", "note"),
]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    """An mlruns folder written by MLflow (40 runs, one deleted)."""
    root = tmp_path_factory.mktemp("marks") / "mlruns"
    write_search_store(root)
    return root


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, store_template, written) -> Path:
    path = tmp_path_factory.mktemp("marks-store") / "store.db"
    return prepared_store(store_template, path, written)


@pytest.fixture
def catalog(tmp_path, prepared):
    store = fresh_store(prepared, tmp_path / "store.db")
    yield Catalog(store)
    store.close()


def _digest(root: Path) -> dict[str, tuple[str, int]]:
    """Every file below ``root``: content hash and modification time."""
    return {
        str(p.relative_to(root)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _scope(catalog: Catalog, **kwargs) -> RunScope:
    (experiment,) = [e for e in catalog.sources_and_experiments()[1] if e.run_count]
    return RunScope((experiment.pk,), **kwargs)


def _names(catalog: Catalog, text: str = "", **kwargs) -> list[str]:
    scope = _scope(catalog, **kwargs)
    found = catalog.search(scope, parse_filter(text), None, COLUMNS, 0)
    rows = catalog.row_page(found.pks, COLUMNS).rows
    return [rows[pk].run_name for pk in found.pks]


def _pks_named(catalog: Catalog, *names: str) -> list[int]:
    scope = _scope(catalog)
    found = catalog.search(scope, None, None, COLUMNS, 0)
    rows = catalog.row_page(found.pks, COLUMNS).rows
    return [pk for pk in found.pks if rows[pk].run_name in names]


def test_filters_select_the_marked_runs(catalog):
    mark_runs(
        catalog,
        _pks_named(catalog, "LGBM_lr_0", "rf_max_depth_1"),
        MarkChange(starred=True),
    )
    mark_runs(
        catalog,
        _pks_named(catalog, "rf_max_depth_2"),
        MarkChange(note="  the baseline\n"),
    )
    mark_runs(
        catalog, _pks_named(catalog, "rf_max_depth_4"), MarkChange(note="Baseline v2")
    )
    everything = _names(catalog)
    assert len(everything) == 39  # run 11 is deleted

    assert sorted(_names(catalog, "local.starred = true")) == [
        "LGBM_lr_0",
        "rf_max_depth_1",
    ]
    assert len(_names(catalog, "local.starred = false")) == 37
    assert len(_names(catalog, "local.starred != true")) == 37
    assert _names(catalog, "local.note LIKE '%baseline%'") == ["rf_max_depth_2"]
    assert sorted(_names(catalog, "local.note ILIKE '%baseline%'")) == [
        "rf_max_depth_2",
        "rf_max_depth_4",
    ]
    assert _names(catalog, "local.note = 'the baseline'") == ["rf_max_depth_2"]
    assert _names(catalog, "local.note != 'the baseline'") == ["rf_max_depth_4"]
    assert len(_names(catalog, "local.note IS NULL")) == 37
    assert sorted(_names(catalog, "local.note IS NOT NULL")) == [
        "rf_max_depth_2",
        "rf_max_depth_4",
    ]
    assert _names(catalog, "local.starred = true and params.model = 'zzz'") == []
    assert sorted(
        _names(catalog, "local.starred = true or local.note ILIKE 'BASE%'")
    ) == ["LGBM_lr_0", "rf_max_depth_1", "rf_max_depth_4"]
    # A note set to nothing is removed.
    mark_runs(catalog, _pks_named(catalog, "rf_max_depth_4"), MarkChange(note=" "))
    assert _names(catalog, "local.note IS NOT NULL") == ["rf_max_depth_2"]


def test_bad_local_filters_say_why():
    for text in ("local.starred > 1", "local.color = 'red'", "local.hidden = 'maybe'"):
        with pytest.raises(SearchError):
            parse_filter(text)


def test_hidden_runs_leave_the_scope_unless_asked_for(catalog):
    hidden = _pks_named(catalog, "rf_max_depth_1", "rf_max_depth_2", "LGBM_lr_3")
    mark_runs(catalog, hidden, MarkChange(hidden=True))
    shown = catalog.search(_scope(catalog, include_hidden=False), None, None, COLUMNS)
    assert not set(hidden) & set(shown.pks)
    assert (len(shown.pks), shown.total, shown.hidden) == (36, 36, 3)
    every = catalog.search(_scope(catalog), None, None, COLUMNS)
    assert set(hidden) <= set(every.pks)
    assert (len(every.pks), every.total, every.hidden) == (39, 39, 3)
    assert sorted(_names(catalog, "local.hidden = true")) == [
        "LGBM_lr_3",
        "rf_max_depth_1",
        "rf_max_depth_2",
    ]
    mark_runs(catalog, hidden[:1], MarkChange(hidden=False))
    again = catalog.search(_scope(catalog, include_hidden=False), None, None, COLUMNS)
    assert (len(again.pks), again.hidden) == (37, 2)


def test_sorting_by_the_star_puts_starred_runs_first(catalog):
    starred = _pks_named(catalog, "rf_max_depth_7", "rf_max_depth_20")
    mark_runs(catalog, starred, MarkChange(starred=True))
    sort = Column("local", "starred").sort_key(descending=True)
    found = catalog.search(_scope(catalog), None, sort, COLUMNS)
    assert set(found.pks[:2]) == set(starred)
    by_note = SortKey("local", "note")
    mark_runs(catalog, starred[:1], MarkChange(note="b"))
    mark_runs(catalog, starred[1:], MarkChange(note="A"))
    found = catalog.search(_scope(catalog), None, by_note, COLUMNS)
    assert found.pks[:2] == [starred[1], starred[0]]


def test_marks_survive_reimport_and_removing_and_re_adding_the_source(catalog, written):
    before = _digest(written)
    pks = _pks_named(catalog, "LGBM_lr_6", "rf_max_depth_8")
    mark_runs(catalog, pks, MarkChange(starred=True, note="keep me"))
    mark_runs(catalog, _pks_named(catalog, "rf_max_depth_5"), MarkChange(hidden=True))
    assert _digest(written) == before  # the source is never written

    run_import(catalog.store, written)  # an incremental refresh (as live refresh)
    run_import(catalog.store, written, full=True)  # every run rewritten
    expected = ["LGBM_lr_6", "rf_max_depth_8"]
    assert sorted(_names(catalog, "local.starred = true")) == expected
    assert sorted(_names(catalog, "local.note = 'keep me'")) == expected

    (source,) = catalog.sources()
    remove_source(catalog, source.id)
    assert catalog.sources_and_experiments() == ([], [])  # its runs are gone
    run_import(catalog.store, written)
    assert sorted(_names(catalog, "local.starred = true")) == expected
    assert _names(catalog, "local.hidden = true") == ["rf_max_depth_5"]
    assert "rf_max_depth_5" not in _names(catalog, include_hidden=False)
    overview = catalog.run_overview(_pks_named(catalog, "LGBM_lr_6")[0])
    assert overview is not None
    assert (overview.mark.starred, overview.mark.note) == (True, "keep me")
    assert _digest(written) == before


def test_marks_on_a_database_source_leave_it_byte_identical(
    tmp_path, store_template, db_copy
):
    store = fresh_store(store_template, tmp_path / "store.db")
    catalog = Catalog(store)
    try:
        report = run_db_import(store, str(db_copy.path))
        assert report.source_id is not None
        before = _digest(db_copy.path.parent)
        experiments = [e for e in catalog.sources_and_experiments()[1] if e.run_count]
        found = catalog.search(
            RunScope(tuple(e.pk for e in experiments)), None, None, COLUMNS
        )
        mark_runs(catalog, found.pks[:2], MarkChange(starred=True, note="db note"))
        run_db_import(store, str(db_copy.path))
        again = catalog.search(
            RunScope(tuple(e.pk for e in experiments)),
            parse_filter("local.starred = true and local.note = 'db note'"),
            None,
            COLUMNS,
        )
        assert len(again.pks) == 2
        assert _digest(db_copy.path.parent) == before
    finally:
        store.close()


def test_a_mark_changes_the_store_signature(catalog):
    signatures = [peek_store(catalog.store.path).signature]  # type: ignore[union-attr]
    pk = _pks_named(catalog, "rf_max_depth_1")
    for change in (
        MarkChange(starred=True),
        MarkChange(note="x"),  # the same row again, within the same millisecond
        MarkChange(starred=False),
        MarkChange(note=""),  # the mark is gone
    ):
        mark_runs(catalog, pk, change)
        signatures.append(peek_store(catalog.store.path).signature)  # type: ignore[union-attr]
    assert len(set(signatures[:-1])) == len(signatures) - 1


def test_exports_carry_the_marks(catalog):
    starred = _pks_named(catalog, "rf_max_depth_1")
    mark_runs(catalog, starred, MarkChange(starred=True, note='a "quoted", note'))
    mark_runs(catalog, _pks_named(catalog, "rf_max_depth_2"), MarkChange(hidden=True))
    out = io.StringIO()
    export_csv(catalog.store, out)
    rows = {r["run_name"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["rf_max_depth_1"]["local.starred"] == "true"
    assert rows["rf_max_depth_1"]["local.note"] == 'a "quoted", note'
    assert rows["rf_max_depth_2"]["local.hidden"] == "true"
    assert rows["rf_max_depth_4"]["local.starred"] == "false"
    assert rows["rf_max_depth_4"]["local.note"] == ""
    out = io.StringIO()
    export_json(catalog.store, out)
    runs = {r["run_name"]: r for e in json.loads(out.getvalue()) for r in e["runs"]}
    assert runs["rf_max_depth_1"]["local"] == {
        "starred": True,
        "hidden": False,
        "note": 'a "quoted", note',
    }
    assert runs["rf_max_depth_4"]["local"] == {
        "starred": False,
        "hidden": False,
        "note": None,
    }


def test_the_first_screen_never_answers_with_stale_marks(catalog):
    """A launch answers from the kept first screen only while the marks are as
    they were; after a mark, the answers read again carry it."""
    recording = CatalogStandIn(FirstScreen(catalog.store.path, None))
    recording.attach(catalog)
    scope = _scope(catalog, include_hidden=False)
    pks = [scope.experiment_pks[0]]

    def first_screen(stand_in):
        return (
            stand_in.sources_and_experiments(),
            stand_in.columns_of(pks),
            stand_in.search(scope, None, None, COLUMNS, 0, frozenset()),
        )

    first_screen(recording)
    star = _pks_named(catalog, "rf_max_depth_4")
    assert len(star) == 1
    mark_runs(catalog, star, MarkChange(starred=True, hidden=True))

    stale = _launch(catalog)  # the marks changed: nothing from the file
    waiting = threading.Thread(target=stale.sources_and_experiments)
    waiting.start()
    waiting.join(0.3)
    assert waiting.is_alive()
    stale.attach(catalog)
    waiting.join(10)

    first_screen(recording)  # what the window reads after a mark
    fresh = _launch(catalog)
    _tree, _columns, search = first_screen(fresh)  # answered from the file
    assert fresh.answered_early
    assert star[0] not in search.pks
    assert search.hidden == 1


def _launch(catalog: Catalog) -> CatalogStandIn:
    peek = peek_store(catalog.store.path)
    assert peek is not None
    return CatalogStandIn(FirstScreen(peek.path, peek.signature))
