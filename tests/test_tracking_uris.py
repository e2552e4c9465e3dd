"""MLflow tracking URIs typed or pasted where a location is asked: the local ones
open their store, the others are named, not taken for a missing folder."""

from __future__ import annotations

import os
import shutil

import pytest
from mlflow import MlflowClient

from desktop.cli import main
from desktop.services.source_locations import (
    is_unread_tracking_uri,
    normalize_location,
    tracking_uri_path,
)
from tests.conftest import DATA


@pytest.mark.parametrize(
    ("uri", "path"),
    [
        ("sqlite:///mlflow.db", "mlflow.db"),  # relative, as in MLflow's quickstart
        ("sqlite:////srv/team/mlflow.db", "/srv/team/mlflow.db"),
        ("sqlite:///runs/mlflow.db?mode=ro", "runs/mlflow.db"),
        ("SQLite:///a%20b.db", "a b.db"),
        ("file:///home/me/mlruns", "/home/me/mlruns"),
        ("file:/home/me/mlruns", "/home/me/mlruns"),
        ("file://localhost/home/me/mlruns", "/home/me/mlruns"),
        ("file:///home/me/%ED%95%9C%EA%B8%80/mlruns", "/home/me/한글/mlruns"),
    ],
)
def test_local_tracking_uris_name_their_path(uri, path):
    assert tracking_uri_path(uri) == path
    assert normalize_location(uri) == os.path.abspath(path)


@pytest.mark.parametrize(
    "text",
    [
        "sqlite://",
        "file://fileserver/share/mlruns",
        "mlruns",
        "/abs/mlruns",
        "C:\\Users\\me\\mlruns",
        "http://localhost:5000",
        "postgresql://u@h/db",
    ],
)
def test_other_locations_are_not_taken_for_local_tracking_uris(text):
    assert tracking_uri_path(text) is None


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("mssql://sa@db/mlflow", True),
        ("mssql+pyodbc://sa@db/mlflow?driver=ODBC+Driver+18", True),
        ("databricks://my-profile", True),
        ("databricks-uc:", True),
        ("oracle://u@h/x", True),
        ("/home/me/mlruns", False),
        ("C:\\Users\\me\\mlruns", False),
        ("databricks", False),  # could be a folder of that name
    ],
)
def test_stores_the_app_does_not_read_are_recognised(text, unread):
    assert is_unread_tracking_uri(text) is unread


def test_importing_by_tracking_uri_reads_what_mlflow_reads(
    tmp_path, capsys, monkeypatch, sample_mlruns
):
    """``sqlite:///mlflow.db`` relative to the working folder, as MLflow resolves it,
    imports the runs MLflow lists there; a ``file://`` URI imports its folder."""
    project = tmp_path / "db-project"
    shutil.copytree(DATA / "sqlite_sample", project)
    monkeypatch.chdir(project)
    expected = {
        r.info.run_id
        for e in MlflowClient("sqlite:///mlflow.db").search_experiments(view_type=3)
        for r in MlflowClient("sqlite:///mlflow.db").search_runs(
            [e.experiment_id], run_view_type=3
        )
    }
    assert expected
    store = str(tmp_path / "s.db")
    assert main(["import", "sqlite:///mlflow.db", "--store", store]) == 0
    out = capsys.readouterr().out
    assert str(project / "mlflow.db") in out
    assert f"runs: {len(expected)} ({len(expected)} read" in out
    folder = sample_mlruns.as_uri()
    assert main(["import", folder, "--store", str(tmp_path / "t.db")]) == 0
    out = capsys.readouterr().out
    assert str(sample_mlruns) in out
    assert "runs: 7 (7 read" in out


def test_a_sql_server_uri_gets_a_message_not_folder_not_found(tmp_path, capsys):
    uri = "mssql+pyodbc://sa@db.example/mlflow"
    assert main(["import", uri, "--store", str(tmp_path / "s.db")]) == 1
    out = capsys.readouterr().out
    assert f"{uri}: a tracking URI this app does not read" in out
    assert "folder not found" not in out
