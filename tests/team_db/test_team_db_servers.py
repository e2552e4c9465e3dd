"""Team databases on real PostgreSQL and MariaDB servers, written by MLflow:
stored without password, re-imported incrementally, refreshed live, read-only on
the server side, and clear errors. (The content itself is checked against
MlflowClient by the kinds conformance suite.)"""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from desktop.services.importing_team_db import (
    run_team_db_import,
    take_db_url_secret,
)
from desktop.services.sources import normalize_location, run_source_import
from desktop.services.team_db_watch import TeamDbWatcher
from desktop.sources.team_db.connection import TeamDb
from desktop.sources.team_db.urls import parse_db_url
from desktop.sources.tracking_server.credentials import SessionCredentials
from desktop.store.database import open_store
from tests.team_db.fixtures import FAMILIES, TeamServer, team_server
from tests.team_db.servers import ADMIN, ADMIN_PASSWORD, READER_PASSWORD, free_port

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
_names = itertools.count()


@pytest.fixture(params=FAMILIES)
def server(request) -> TeamServer:
    return team_server(request, request.param)


def new_database(server: TeamServer, *, readable: bool = True) -> str:
    name = f"t{next(_names)}_{server.info.family}"
    server.create_database(name, readable=readable)
    return name


def client_of(server: TeamServer, database: str):
    from mlflow import MlflowClient

    return MlflowClient(tracking_uri=server.info.admin_uri(database))


def finished_run(client, experiment_id: str, name: str, value: float) -> str:
    run = client.create_run(experiment_id, run_name=name)
    client.log_param(run.info.run_id, "lr", str(value))
    for step in range(3):
        client.log_metric(run.info.run_id, "loss", value / (step + 1), step=step)
    client.set_terminated(run.info.run_id)
    return run.info.run_id


def test_import_stores_no_password(server: TeamServer, tmp_path: Path) -> None:
    database = new_database(server)
    client = client_of(server, database)
    finished_run(client, client.create_experiment("e"), "a", 1.0)
    store_path = tmp_path / "store.db"
    store = open_store(store_path)
    report = run_source_import(store, server.info.reader_url(database))
    store.close()
    assert report.problems == []
    assert report.runs_total == 1
    assert (
        report.root
        == f"{server.info.family}://reader@127.0.0.1:{server.info.port}/{database}"
    )
    with sqlite3.connect(store_path) as conn:
        (location,) = conn.execute("SELECT location FROM sources").fetchone()
    assert location == report.root
    raw = b"".join(
        p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("store.db")
    )
    assert READER_PASSWORD.encode() not in raw


def test_reimport_reads_only_changed_runs(server: TeamServer, tmp_path: Path) -> None:
    database = new_database(server)
    client = client_of(server, database)
    exp = client.create_experiment("incremental")
    runs = [finished_run(client, exp, f"r{i}", float(i + 1)) for i in range(3)]
    url = server.info.reader_url(database)
    store = open_store(tmp_path / "store.db")
    first = run_source_import(store, url)
    assert (first.runs_read, first.runs_unchanged) == (3, 0)

    client.log_metric(runs[0], "loss", 0.01, step=10)  # a finished run changes
    added = finished_run(client, exp, "new", 9.0)
    second = run_source_import(store, url)
    assert (second.runs_read, second.runs_unchanged) == (2, 2)
    third = run_source_import(store, url)
    assert (third.runs_read, third.runs_unchanged) == (0, 4)
    with sqlite3.connect(tmp_path / "store.db") as conn:
        ids = {r[0] for r in conn.execute("SELECT run_id FROM runs")}
    assert added in ids
    assert len(ids) == 4
    store.close()


def test_live_refresh_shows_a_run_mlflow_adds(
    server: TeamServer, tmp_path: Path
) -> None:
    database = new_database(server)
    client = client_of(server, database)
    exp = client.create_experiment("live")
    finished_run(client, exp, "before", 1.0)
    session = SessionCredentials()
    url = normalize_location(server.info.reader_url(database))
    store = open_store(tmp_path / "store.db")
    assert run_team_db_import(store, url, session=SessionCredentials()).auth_failed
    # The password the user typed is kept in the session the watcher gets.
    from desktop.services.importing_team_db import remember_password

    remember_password(url, "reader", READER_PASSWORD, session)
    watcher = TeamDbWatcher(store, url, session)
    try:
        first = watcher.poll()
        assert not first.empty
        assert watcher.apply(first).runs_total == 1
        assert watcher.poll().empty  # nothing changed: one short statement

        running = client.create_run(exp, run_name="live-run")
        client.log_metric(running.info.run_id, "acc", 0.5, step=1)
        changes = watcher.poll()
        assert not changes.empty
        assert running.info.run_id in changes.runs
        report = watcher.apply(changes)
        assert report.problems == []
        with sqlite3.connect(tmp_path / "store.db") as conn:
            names = {r[0] for r in conn.execute("SELECT run_name FROM runs")}
        assert names == {"before", "live-run"}
    finally:
        watcher.close()
        store.close()


def test_session_is_read_only_even_for_an_admin(server: TeamServer) -> None:
    database = new_database(server)
    admin = server.info.admin_uri(database)  # e.g. postgresql+psycopg://...
    url = f"{server.info.family}://{admin.split('://', 1)[1]}"
    with TeamDb(parse_db_url(url)) as db:
        assert db.address.user == ADMIN
        with pytest.raises(DBAPIError) as caught:
            db.read(lambda conn: conn.exec_driver_sql("CREATE TABLE intruder (i int)"))
    assert "read" in str(caught.value.orig).lower()
    assert "only" in str(caught.value.orig).lower()


def _problem(report) -> str:
    assert len(report.problems) == 1, report.problems
    return report.problems[0].message


def test_wrong_password_asks_to_sign_in(server: TeamServer, tmp_path: Path) -> None:
    database = new_database(server)
    store = open_store(tmp_path / "store.db")
    url = server.info.reader_url(database).replace(READER_PASSWORD, "wrong-guess")
    report = run_source_import(store, url)
    store.close()
    assert report.auth_failed
    message = _problem(report)
    assert "refused the user name or password" in message
    assert "wrong-guess" not in message
    assert "wrong-guess" not in report.root


def test_unreachable_host_is_said(server: TeamServer, tmp_path: Path) -> None:
    store = open_store(tmp_path / "store.db")
    url = f"{server.info.family}://reader:x@127.0.0.1:{free_port()}/nothing"
    report = run_source_import(store, url)
    store.close()
    assert not report.auth_failed
    assert "cannot reach the database server at 127.0.0.1" in _problem(report)


def test_database_without_mlflow_tables(server: TeamServer, tmp_path: Path) -> None:
    database = new_database(server)
    store = open_store(tmp_path / "store.db")
    report = run_source_import(store, server.info.reader_url(database))
    store.close()
    assert "not an MLflow tracking database" in _problem(report)


def test_missing_database(server: TeamServer, tmp_path: Path) -> None:
    store = open_store(tmp_path / "store.db")
    report = run_source_import(store, server.info.reader_url("no_such_db"))
    store.close()
    message = _problem(report)
    # MariaDB says "access denied" for a database the user may not see.
    assert "has no database 'no_such_db'" in message or "permission denied" in message


def test_permission_denied_names_the_read_only_role(
    server: TeamServer, tmp_path: Path
) -> None:
    database = new_database(server, readable=False)
    client_of(server, database).search_experiments()  # MLflow creates its tables
    store = open_store(tmp_path / "store.db")
    report = run_source_import(store, server.info.reader_url(database))
    store.close()
    message = _problem(report)
    assert message.startswith("permission denied: user 'reader'")
    assert "a read-only role with SELECT on them is enough" in message


def test_command_line_imports_a_team_database(
    server: TeamServer, tmp_path: Path
) -> None:
    database = new_database(server)
    client = client_of(server, database)
    finished_run(client, client.create_experiment("cli"), "from-cli", 2.0)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "import",
            "--store",
            str(tmp_path / "store.db"),
            server.info.reader_url(database),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"reader@127.0.0.1:{server.info.port}/{database}" in result.stdout
    assert "runs: 1 (1 read" in result.stdout
    assert READER_PASSWORD not in result.stdout + result.stderr
    assert ADMIN_PASSWORD not in result.stdout


def test_command_line_asks_for_the_password_on_a_terminal(
    pg_server: TeamServer, tmp_path: Path
) -> None:
    """Without a password in the URL the terminal asks once, without echo."""
    import os

    pty = pytest.importorskip("pty")
    database = new_database(pg_server)
    client = client_of(pg_server, database)
    finished_run(client, client.create_experiment("tty"), "typed", 1.0)
    url = pg_server.info.reader_url(database, password=False)
    command = [sys.executable, "-m", "desktop", "import", "--quiet", "--store",
               str(tmp_path / "store.db"), url]  # fmt: skip
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app on a terminal
        os.chdir(ROOT)
        os.execv(sys.executable, command)
    out, answered = b"", False
    while True:
        try:
            data = os.read(fd, 1024)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        out += data
        if b"Password for" in out and not answered:
            os.write(fd, READER_PASSWORD.encode() + b"\n")
            answered = True
    _pid, status = os.waitpid(pid, 0)
    text = out.decode()
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "refused the user name or password" in text
    assert "runs: 1 (1 read" in text
    assert READER_PASSWORD not in text  # not echoed


def test_live_refresh_does_not_sign_in_again_at_every_tick(
    pg_server: TeamServer, tmp_path: Path
) -> None:
    database = new_database(pg_server)
    finished_run(client_of(pg_server, database), "0", "r", 1.0)
    url = normalize_location(pg_server.info.reader_url(database, password=False))
    store = open_store(tmp_path / "store.db")
    watcher = TeamDbWatcher(store, url, SessionCredentials())
    try:
        first = watcher.poll()
        assert not first.empty
        assert watcher.apply(first).auth_failed
        assert watcher.poll().empty  # refused: the next attempt waits
    finally:
        watcher.close()
        store.close()


def test_live_refresh_shows_a_tag_edited_on_a_finished_run(
    server: TeamServer, tmp_path: Path
) -> None:
    database = new_database(server)
    client = client_of(server, database)
    run_id = finished_run(client, client.create_experiment("tags"), "done", 1.0)
    client.set_tag(run_id, "stage", "draft")
    session = SessionCredentials()
    url = take_db_url_secret(server.info.reader_url(database), session)
    store = open_store(tmp_path / "store.db")
    # full_seconds=0: the full check the watcher makes when its signal changed
    # (at most every 30 s in the app) is due at once.
    watcher = TeamDbWatcher(store, url, session, full_seconds=0)
    try:
        watcher.apply(watcher.poll())
        client.set_tag(run_id, "stage", "production")
        changes = watcher.poll()
        assert not changes.empty
        assert watcher.apply(changes).runs_read == 1
        with sqlite3.connect(tmp_path / "store.db") as conn:
            (value,) = conn.execute(
                "SELECT value FROM tags WHERE key = 'stage'"
            ).fetchone()
        assert value == "production"
    finally:
        watcher.close()
        store.close()


def test_tls_options_reach_the_driver(server: TeamServer, tmp_path: Path) -> None:
    """The test servers speak no TLS: requiring it fails, and says so."""
    database = new_database(server)
    option = "sslmode=require" if server.info.family == "postgresql" else "ssl=true"
    url = f"{server.info.reader_url(database)}?{option}"
    assert normalize_location(url).endswith(f"/{database}?{option}")
    store = open_store(tmp_path / "store.db")
    report = run_source_import(store, url)
    store.close()
    assert "secure connection (TLS) to 127.0.0.1" in _problem(report)
