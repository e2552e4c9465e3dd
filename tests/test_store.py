"""The local store: migrations on open, refusal of newer stores, backups."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from desktop.core.locations import STORE_ENV, default_store_path
from desktop.store.database import (
    MIGRATIONS,
    Store,
    StoreError,
    open_store,
    script_head,
)
from desktop.store.schema import Base
from desktop.store.store_info import store_id


def test_migrated_store_matches_the_models(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_store_uses_wal_and_foreign_keys(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_reopening_an_up_to_date_store_makes_no_backup(tmp_path):
    open_store(tmp_path / "s.db").close()
    open_store(tmp_path / "s.db").close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".bak") == []


def test_store_from_a_newer_app_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = 'zz_from_the_future'")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version of mlflow-desktop"):
        open_store(path)
    assert path.read_bytes() == before


def test_older_store_is_backed_up_then_migrated(tmp_path):
    # A future release adds revision 0099; a store at today's head is copied first.
    migrations = tmp_path / "migrations"
    shutil.copytree(
        MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__")
    )
    head = _head_revision()
    (migrations / "versions" / "0099_add_note.py").write_text(
        NEXT_REVISION.replace("{head}", head)
    )
    path = tmp_path / "s.db"
    with sqlite3.connect(path):
        pass
    old = open_store(path)
    with old.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sources (kind, location, name, added_at) "
            "VALUES ('mlruns', '/x', 'x', 1)"
        )
    old.close()

    store = Store(path, migrations=migrations)
    store.close()

    assert store.backup_path is not None
    assert store.backup_path.exists()
    with sqlite3.connect(store.backup_path) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head,
        )
        assert db.execute("SELECT location FROM sources").fetchall() == [("/x",)]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0099",
        )
        assert db.execute("SELECT location, note FROM sources").fetchall() == [
            ("/x", None)
        ]


def test_the_scripts_head_read_from_their_headers_is_alembic_s(tmp_path):
    assert script_head() == _head_revision()
    # Two heads (a branch): no answer, Alembic decides.
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, migrations)
    (migrations / "versions" / "0099_branch.py").write_text(
        NEXT_REVISION.replace("{head}", "0001")
    )
    assert script_head(migrations) is None


def _head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


NEXT_REVISION = '''"""add a note to sources"""
import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sources") as batch_op:
        batch_op.drop_column("note")
'''


def test_default_store_path_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "elsewhere.db"))
    assert default_store_path() == tmp_path / "elsewhere.db"
    monkeypatch.delenv(STORE_ENV)
    assert default_store_path().name == "store.db"
    assert "mlflow-desktop" in str(default_store_path())


def test_open_store_creates_missing_folders(tmp_path):
    target = tmp_path / "a" / "b" / "store.db"
    open_store(target).close()
    assert target.exists()
    assert isinstance(target, Path)


def test_each_store_keeps_its_own_stable_id(tmp_path):
    first, second = Store(tmp_path / "a.db"), Store(tmp_path / "b.db")
    ident = store_id(first.engine)
    assert ident != store_id(second.engine)
    first.close()
    second.close()
    reopened = Store(tmp_path / "a.db")
    assert store_id(reopened.engine) == ident
    reopened.close()


def test_a_store_without_its_id_row_gets_one_that_then_stays(store):
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM store_info")
    ident = store_id(store.engine)
    assert len(ident) == 36
    assert store_id(store.engine) == ident
