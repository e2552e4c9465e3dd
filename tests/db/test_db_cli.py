"""``mlflow-desktop import PATH/mlflow.db`` from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.db.db_writer import WrittenDb

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        encoding="utf-8",
    )


def test_import_database_prints_a_summary(db_copy: WrittenDb, tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    total = len(db_copy.runs)
    result = _cli("import", str(db_copy.path), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert str(db_copy.path) in result.stdout
    assert f"runs: {total} ({total} read, 0 unchanged, 0 removed)" in result.stdout
    again = _cli("import", str(db_copy.path), "--store", str(store))
    assert f"runs: {total} (0 read, {total} unchanged, 0 removed)" in again.stdout


def test_import_of_a_file_that_is_no_database_fails_clearly(tmp_path: Path) -> None:
    bogus = tmp_path / "mlflow.db"
    bogus.write_text("not a database")
    result = _cli("import", str(bogus), "--store", str(tmp_path / "store.db"))
    assert result.returncode == 1
    assert f"{bogus}: not an SQLite database" in result.stdout
