"""A server with MLflow's basic-auth app: clear 401 messages, credentials from the
environment and this session's memory, and no secret written anywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services.importing_server import connection_for
from desktop.services.sources import normalize_location, run_source_import
from desktop.sources.tracking_server import credentials
from desktop.sources.tracking_server.credentials import BASIC, Connection
from desktop.store import queries
from desktop.store.database import open_store
from tests.server.mlflow_server import ADMIN, ADMIN_PASSWORD

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def secured_with_runs(secured_server):
    """The basic-auth server with one run logged by the admin."""
    import os

    from mlflow import MlflowClient

    os.environ["MLFLOW_TRACKING_USERNAME"] = ADMIN
    os.environ["MLFLOW_TRACKING_PASSWORD"] = ADMIN_PASSWORD
    try:
        client = MlflowClient(tracking_uri=secured_server.url)
        exp = client.create_experiment("secured-exp")
        run = client.create_run(exp, run_name="secured-run").info.run_id
        client.log_metric(run, "loss", 0.25, step=3)
        client.set_terminated(run)
    finally:
        del os.environ["MLFLOW_TRACKING_USERNAME"]
        del os.environ["MLFLOW_TRACKING_PASSWORD"]
    return secured_server, run


def test_missing_credentials_give_a_clear_401(secured_with_runs, tmp_path) -> None:
    server, _run = secured_with_runs
    store = open_store(tmp_path / "store.db")
    try:
        report = run_source_import(store, server.url)
    finally:
        store.close()
    assert report.auth_failed
    (problem,) = report.problems
    assert "sign in" in problem.message
    assert "401" in problem.message
    assert report.runs_total == 0


def test_wrong_password_gives_a_clear_401(secured_with_runs, tmp_path) -> None:
    server, _run = secured_with_runs
    credentials.SESSION.remember(
        Connection(server.url, auth=BASIC, username=ADMIN, secret="nope")
    )
    store = open_store(tmp_path / "store.db")
    try:
        report = run_source_import(store, server.url)
    finally:
        store.close()
    assert report.auth_failed
    assert "password" in report.problems[0].message
    assert "nope" not in repr(report)


def test_session_credentials_sync_and_never_leak(
    secured_with_runs, tmp_path, clean_credentials
) -> None:
    """Credentials given in the URL work, and are found nowhere on disk after."""
    from desktop.ui.settings import Settings

    server, run = secured_with_runs
    host = server.url.split("://")[1]
    with_secret = f"http://{ADMIN}:{ADMIN_PASSWORD}@{host}"
    location = normalize_location(with_secret)
    assert location == server.url
    Settings().add_recent_source(location)  # what the window stores
    Settings().sync()
    store = open_store(tmp_path / "store.db")
    try:
        report = run_source_import(store, with_secret)
        assert report.problems == []
        assert not report.auth_failed
        with store.engine.connect() as conn:
            assert run in {
                d.run_id
                for d in queries.run_details(
                    conn,
                    queries.run_pks(
                        conn, [e.pk for e in queries.list_experiments(conn)]
                    ),
                )
            }
            assert queries.list_sources(conn)[0].location == server.url
        saved = connection_for(store, server.url)
        assert saved.username == ADMIN  # the user name is kept, the password not
    finally:
        store.close()
    settings = tmp_path / "settings.ini"
    for path in [settings, *tmp_path.glob("store.db*")]:
        data = path.read_bytes()
        assert ADMIN_PASSWORD.encode() not in data, path
    assert ADMIN_PASSWORD not in repr(saved)
    text = settings.read_text()
    assert server.url in text
    assert f"{ADMIN}:" not in text


def test_cli_uses_environment_credentials(secured_with_runs, tmp_path) -> None:
    """``mlflow-desktop import URL`` signs in like MLflow (MLFLOW_TRACKING_*), and
    without credentials says clearly what is wrong."""
    server, _run = secured_with_runs
    base = {
        "MLFLOW_DESKTOP_STORE": str(tmp_path / "cli.db"),
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "QT_QPA_PLATFORM": "offscreen",
    }
    command = [sys.executable, "-m", "desktop", "import", server.url]
    denied = subprocess.run(
        command, env=base, cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert denied.returncode == 1
    assert "sign in" in denied.stdout
    assert "401" in denied.stdout
    allowed = subprocess.run(
        command,
        env={
            **base,
            "MLFLOW_TRACKING_URI": server.url,
            "MLFLOW_TRACKING_USERNAME": ADMIN,
            "MLFLOW_TRACKING_PASSWORD": ADMIN_PASSWORD,
        },
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "runs: 1" in allowed.stdout
    output = allowed.stdout + allowed.stderr + denied.stdout + denied.stderr
    assert ADMIN_PASSWORD not in output
    assert ADMIN_PASSWORD.encode() not in (tmp_path / "cli.db").read_bytes()


def test_export_lists_artifacts_with_this_sessions_credentials(
    secured_with_runs, tmp_path, monkeypatch, capsys, new_session
) -> None:
    """``export`` signs in as the sync did (never printing the password), and
    without credentials it names the runs it could not list and why."""
    import json

    from mlflow import MlflowClient

    from desktop.cli import main

    server, run = secured_with_runs
    monkeypatch.setenv("MLFLOW_TRACKING_USERNAME", ADMIN)
    monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", ADMIN_PASSWORD)
    MlflowClient(tracking_uri=server.url).log_text(run, "kept safe\n", "notes.txt")
    monkeypatch.delenv("MLFLOW_TRACKING_USERNAME")
    monkeypatch.delenv("MLFLOW_TRACKING_PASSWORD")

    db, out = tmp_path / "store.db", tmp_path / "runs.json"
    url = server.url.replace("http://", f"http://{ADMIN}:{ADMIN_PASSWORD}@")
    assert main(["import", url, "--store", str(db), "-q"]) == 0
    assert main(["export", "--store", str(db), "-o", str(out)]) == 0
    runs = {r["run_id"]: r for e in json.loads(out.read_text()) for r in e["runs"]}
    assert runs[run]["artifacts"] == [{"path": "notes.txt", "size": 10}]
    printed = capsys.readouterr()
    assert "not listed" not in printed.err

    new_session()  # a later session that was never signed in
    assert main(["export", "--store", str(db), "-o", str(out)]) == 0
    runs = {r["run_id"]: r for e in json.loads(out.read_text()) for r in e["runs"]}
    assert runs[run]["artifacts"] is None
    later = capsys.readouterr()
    (line,) = [x for x in later.err.splitlines() if "not listed" in x]
    assert run in line
    assert "401" in line
    for text in (printed.out, printed.err, later.out, later.err, out.read_text()):
        assert ADMIN_PASSWORD not in text
