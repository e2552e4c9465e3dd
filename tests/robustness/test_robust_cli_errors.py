"""Command-line failures end in one plain sentence and a non-zero exit (issue 17).

Each case makes an import or export fail (a read-only or damaged store, a full
disk, an output folder that cannot be written, an invalid URL), checks that stderr
holds one line and no traceback, and that the store is still usable afterwards.
"""

from __future__ import annotations

import io
import os
import sqlite3
import traceback
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from desktop.cli import main
from desktop.store import queries
from desktop.store.database import open_store
from desktop.store.writer import StoreWriter
from tests.robustness.robust_helpers import SAMPLE, _drop_file_capabilities

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


def _cli(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = main(list(args))
    return code, err.getvalue()


def _restricted_cli(*args: str) -> tuple[int, str]:
    """``_cli`` in a forked child that obeys file permissions even as root."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            os.close(read_end)
            _drop_file_capabilities()
            code, text = _cli(*args)
        except BaseException:
            text = traceback.format_exc()
        with os.fdopen(write_end, "w") as out:
            out.write(text)
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as incoming:
        text = incoming.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), text


def _one_sentence(code: int, text: str) -> str:
    assert code != 0, text
    assert "Traceback" not in text, text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert lines[0].startswith("mlflow-desktop: ")
    return lines[0]


def _store_usable(db: Path) -> None:
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            assert queries.list_sources(conn)
    finally:
        store.close()


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    db = tmp_path / "store.db"
    assert _cli("import", str(SAMPLE), "--store", str(db), "-q")[0] == 0
    return db


def test_read_only_store(imported: Path) -> None:
    imported.chmod(0o444)
    try:
        line = _one_sentence(
            *_restricted_cli(
                "import",
                str(SAMPLE),
                "--store",
                str(imported),
                "--full",
                "-q",
                "--workers",
                "1",
            )
        )
    finally:
        imported.chmod(0o644)
    assert "read-only" in line
    _store_usable(imported)


def test_export_into_a_folder_that_cannot_be_written(
    imported: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        line = _one_sentence(
            *_restricted_cli(
                "export", "--store", str(imported), "-o", str(folder / "out.json")
            )
        )
    finally:
        folder.chmod(0o755)
    assert "out.json" in line
    assert "ermission" in line
    _store_usable(imported)


def test_disk_full_during_import(
    imported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kwargs: object) -> int:
        raise OperationalError(
            "INSERT", {}, sqlite3.OperationalError("database or disk is full")
        )

    monkeypatch.setattr(StoreWriter, "write_rows", full)
    line = _one_sentence(
        *_cli("import", str(SAMPLE), "--store", str(imported), "--full", "-q")
    )
    assert "disk is full" in line
    assert "kept" in line
    monkeypatch.undo()
    _store_usable(imported)


def test_damaged_store_on_export(imported: Path) -> None:
    data = bytearray(imported.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for start in range(page * 3, len(data), page):  # data pages, not the schema
        data[start : start + 64] = b"\xff" * 64
    imported.write_bytes(bytes(data))
    line = _one_sentence(*_cli("export", "--store", str(imported)))
    assert "damaged" in line


def test_invalid_url(tmp_path: Path) -> None:
    err = io.StringIO()
    out = io.StringIO()
    with redirect_stderr(err), redirect_stdout(out):
        code = main(["import", "http://[::1", "--store", str(tmp_path / "s.db")])
    assert code != 0
    assert "Traceback" not in err.getvalue()
    assert "not a valid URL" in out.getvalue()
