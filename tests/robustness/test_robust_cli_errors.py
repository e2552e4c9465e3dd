"""Command-line failures end in one plain sentence and a non-zero exit (issue 17).

Each case makes an import or export fail (a read-only or damaged store, a full
disk, an output folder that cannot be written, an invalid URL), checks that stderr
holds one line and no traceback, and that the store is still usable afterwards.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import traceback
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store import queries
from desktop.store.database import open_store
from tests.robustness.robust_helpers import (
    SAMPLE,
    _drop_file_capabilities,
    write_big_tree,
)

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


# A child that may not grow any file past a limit: its writes beyond it fail with
# EFBIG, as on a full disk (SIGXFSZ ignored, so the process is not killed).
_LIMITED_CLI = """
import resource, signal, sys
limit = int(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from desktop.cli import main
sys.exit(main(sys.argv[2:]))
"""
FULL_DISK_RUNS = 1100  # three write batches (512, 1024, the rest)


@pytest.fixture(scope="module")
def tree_for_a_full_disk(tmp_path_factory) -> tuple[Path, int]:
    """A tree of ``FULL_DISK_RUNS`` runs and the size of a store holding it."""
    base = tmp_path_factory.mktemp("full-disk")
    root = base / "mlruns"
    write_big_tree(root, FULL_DISK_RUNS, points=5, seed=5)
    db = base / "measure.db"
    assert _cli("import", str(root), "--store", str(db), "-q")[0] == 0
    return root, db.stat().st_size


def test_disk_full_during_import(tree_for_a_full_disk, tmp_path: Path) -> None:
    """A real write failure midway: one sentence that says how many runs of
    which folder are in the store, a non-zero exit, and a store that opens."""
    root, full_size = tree_for_a_full_disk
    db = tmp_path / "store.db"
    _cli("import", str(tmp_path / "nothing"), "--store", str(db), "-q")  # created
    limit = db.stat().st_size + full_size // 2
    command = ["import", str(root), "--store", str(db), "-q", "--workers", "1"]
    done = subprocess.run(
        [sys.executable, "-c", _LIMITED_CLI, str(limit), *command],
        capture_output=True,
        text=True,
        timeout=600,
    )
    line = _one_sentence(done.returncode, done.stderr)
    found = re.search(r"([\d,]+) of ([\d,]+) runs of (\S+) are in the store", line)
    assert found, line
    stored, total = (int(found[i].replace(",", "")) for i in (1, 2))
    assert found[3] == str(root)
    assert total == FULL_DISK_RUNS
    assert 0 < stored < total, line
    assert "disk" in line
    assert "the rest were not imported" in line
    _store_usable(db)
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            (source,) = [
                s for s in queries.list_sources(conn) if s.location == str(root)
            ]
            exps = queries.list_experiments(conn, [source.id])
            assert len(queries.run_pks(conn, [e.pk for e in exps])) == stored
    finally:
        store.close()
    # With room again, the import completes.
    code, _err = _cli("import", str(root), "--store", str(db), "-q")
    assert code == 0


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
