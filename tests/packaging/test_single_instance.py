"""One window per store: later launches hand over their paths; plain refusals."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import app
from desktop.store.database import open_store
from desktop.ui.settings import SETTINGS_ENV
from desktop.ui.single_instance import SingleInstance, instance_key

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def gui_env(tmp_path, monkeypatch):
    """Offscreen Qt with private settings, for this process and children."""
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings.ini"))
    monkeypatch.setenv("MLFLOW_DESKTOP_LANG", "en")
    monkeypatch.delenv("MLFLOW_DESKTOP_SMOKE_TEST", raising=False)
    return dict(os.environ)


def capture_startup_error(seen: list[tuple[str, str]]) -> None:
    """Read and close the startup error box as soon as it is shown."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "startupErrorBox":
            seen.append((box.text(), box.informativeText()))
            box.accept()
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(0, poll)


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def test_instance_key_is_per_resolved_store_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert instance_key("store.db") == instance_key(tmp_path / "store.db")
    assert instance_key(tmp_path / "a" / ".." / "store.db") == instance_key("store.db")
    assert instance_key("store.db") != instance_key("other.db")


def test_a_lock_left_by_a_dead_process_is_taken_over(qapp, tmp_path):
    store = tmp_path / "store.db"
    code = (
        "import os, sys; from PySide6.QtCore import QLockFile; "
        "lock = QLockFile(sys.argv[1]); assert lock.tryLock(0); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, f"{store}.lock"], check=True)
    assert Path(f"{store}.lock").exists()
    instance = SingleInstance(store)
    assert instance.claim()
    assert instance.listening
    assert not SingleInstance(store).claim()
    instance.release()
    assert SingleInstance(store).claim()


@pytest.mark.slow  # two app processes
def test_second_launch_hands_its_paths_to_the_first_window(
    qapp, gui_env, tmp_path, sample_mlruns, monkeypatch
):
    monkeypatch.setattr("desktop.ui.single_instance.ANSWER_TIMEOUT_MS", 3000)
    store = tmp_path / "store.db"
    first = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--store", str(store)],
        cwd=REPO,
        env=gui_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        probe = SingleInstance(store)
        wait_for(
            lambda: first.poll() is not None or probe.hand_over([], timeout_ms=2000),
            120,
            "the first window to listen",
        )
        assert first.poll() is None, first.communicate()

        # The second launch gives a path relative to its own working folder.
        second = subprocess.run(
            [sys.executable, "-m", "desktop", "--store", str(store), "mlruns"],
            cwd=sample_mlruns.parent,
            env={**gui_env, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 0, second.stderr
        assert f"already open on {store.resolve()}" in second.stdout

        def imported_sources():
            with sqlite3.connect(store) as conn:
                return [row[0] for row in conn.execute("SELECT location FROM sources")]

        locations = wait_for(imported_sources, 120, "the first window to import")
        assert locations == [str(sample_mlruns.resolve())]

        # A first instance that holds the store but does not answer: plain refusal.
        first.send_signal(signal.SIGSTOP)
        try:
            seen: list[tuple[str, str]] = []
            capture_startup_error(seen)
            assert app.main(["--store", str(store)]) == 4
        finally:
            first.send_signal(signal.SIGCONT)
        assert seen[0][0] == "The store is in use"
        assert f"The store {store.resolve()} is in use by" in seen[0][1]
        assert f"(process {first.pid} on " in seen[0][1]
        assert "does not answer" in seen[0][1]
    finally:
        first.terminate()
        first.wait(30)


def test_a_newer_store_is_refused_in_a_dialog(qapp, gui_env, tmp_path, capsys):
    store = tmp_path / "store.db"
    open_store(store).close()
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    seen: list[tuple[str, str]] = []
    capture_startup_error(seen)
    assert app.main(["--store", str(store)]) == 2
    headline, text = seen[0]
    assert headline == "The store cannot be opened"
    assert "written by a newer version of mlflow-desktop" in text
    assert "schema 9999_from_the_future" in text
    assert "written by a newer version" in capsys.readouterr().err
    # The refused launch left the store free for the next one.
    assert SingleInstance(store).claim()


def test_macos_file_open_events_become_paths(qapp, tmp_path):
    from PySide6.QtGui import QFileOpenEvent

    from desktop.ui.single_instance import FileOpenRelay

    relay = FileOpenRelay()
    received: list[list[str]] = []
    relay.paths_received.connect(received.append)
    qapp.installEventFilter(relay)
    try:
        QApplication.sendEvent(qapp, QFileOpenEvent(str(tmp_path / "mlflow.db")))
    finally:
        qapp.removeEventFilter(relay)
    assert received == [[str(tmp_path / "mlflow.db")]]
