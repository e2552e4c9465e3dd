"""The start-up glance at the store: what the window needs, or ``None`` to open it."""

from __future__ import annotations

import sqlite3

from desktop.services.importing import run_import
from desktop.store.database import open_store
from desktop.store.peek import peek_store


def test_a_current_store_is_seen_with_its_id_and_whether_it_is_empty(
    tmp_path, sample_mlruns
):
    store = open_store(tmp_path / "store.db")
    try:
        first = peek_store(store.path)
        assert first is not None
        assert (first.path, first.id, first.empty) == (store.path, store.id, True)
        run_import(store, sample_mlruns, workers=1)
        later = peek_store(store.path)
        assert later is not None
        assert later.empty is False
    finally:
        store.close()


def test_a_missing_store_must_be_opened_first(tmp_path):
    assert peek_store(tmp_path / "none.db") is None
    assert not (tmp_path / "none.db").exists()  # the glance creates nothing


def test_an_older_schema_must_be_migrated_first(tmp_path):
    path = tmp_path / "store.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    assert peek_store(path) is None


def test_a_file_that_is_not_a_store_must_be_opened_and_refused(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    assert peek_store(other) is None
    assert peek_store(text) is None
    assert text.read_text() == "not a database"
