"""Charts-view fixtures: the compare experiments written by MLflow, imported once."""

from __future__ import annotations

import pytest

from tests.conftest import fresh_store, prepared_store


@pytest.fixture(scope="session")
def compare_template(compare_written, store_template, tmp_path_factory):
    """A closed store file with the compare runs imported (tests open copies)."""
    root, _ = compare_written
    folder = tmp_path_factory.mktemp("charts-store")
    return prepared_store(store_template, folder / "store.db", root)


@pytest.fixture(scope="session")
def compare_mlruns(compare_written):
    """``(mlruns folder, written runs)``: what MLflow wrote."""
    return compare_written


@pytest.fixture
def store_file(tmp_path, compare_template):
    """A copy of the compare store (closed)."""
    made = fresh_store(compare_template, tmp_path / "store.db")
    made.close()
    return tmp_path / "store.db"
