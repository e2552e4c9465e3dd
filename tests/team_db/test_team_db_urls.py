"""Team database URLs: recognised, stored without password, options kept."""

from __future__ import annotations

import pytest

from desktop.services.importing_team_db import address_for
from desktop.services.sources import kind_for, normalize_location
from desktop.sources.team_db.urls import (
    InvalidDbUrl,
    clean_db_url,
    db_display_name,
    is_team_db_url,
    parse_db_url,
)
from desktop.sources.tracking_server import credentials
from desktop.sources.tracking_server.credentials import SessionCredentials


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        (
            "postgresql://ana:s3cret@DB.example.com/mlflow",
            "postgresql://ana@db.example.com:5432/mlflow",
        ),
        (
            "postgres://ana:s3cret@db:6543/mlflow?sslmode=verify-full&x=1",
            "postgresql://ana@db:6543/mlflow?sslmode=verify-full",
        ),
        (
            "postgresql+psycopg2://ana@db/mlflow?sslrootcert=/etc/ca.pem",
            "postgresql://ana@db:5432/mlflow?sslrootcert=%2Fetc%2Fca.pem",
        ),
        ("mysql+pymysql://bo:p%40ss@db/team", "mysql://bo@db:3306/team"),
        ("mariadb://bo:x@db:3307/team?ssl=true", "mysql://bo@db:3307/team?ssl=true"),
    ],
)
def test_stored_url_has_no_password(url: str, clean: str) -> None:
    assert is_team_db_url(url)
    assert clean_db_url(url) == clean
    assert "s3cret" not in clean
    assert "p%40ss" not in clean


def test_password_in_url_is_kept_for_the_session_only() -> None:
    session = SessionCredentials()
    previous = credentials.SESSION
    credentials.SESSION = session
    try:
        stored = normalize_location("mysql+pymysql://bo:p%40ss@db/team")
    finally:
        credentials.SESSION = previous
    assert stored == "mysql://bo@db:3306/team"
    assert address_for(stored, session).password == "p@ss"
    assert address_for(stored, SessionCredentials()).password is None


def test_kind_and_name() -> None:
    assert kind_for("postgresql://u@h/db").name == "team-db"
    assert kind_for("mysql://u@h/db").name == "team-db"
    assert kind_for("http://h:5000").name == "server"
    assert db_display_name("postgresql://u@h:5432/mlflow") == "mlflow @ h"
    assert not is_team_db_url("sqlite:///mlflow.db")


@pytest.mark.parametrize(
    "url", ["postgresql://", "postgresql://host", "mysql://u@:3306/x", "http://h/db"]
)
def test_unusable_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidDbUrl):
        parse_db_url(url)
