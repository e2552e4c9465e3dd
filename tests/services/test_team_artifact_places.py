"""The artifact locations of a team database, kept in the store per source: never
a password; empty forgets them; the Artifacts tab's explanation says what to set
(no servers needed: the inner loop)."""

from __future__ import annotations

import sqlite3

from desktop.core.artifact_places import ArtifactPlaces
from desktop.services.team_artifacts import places_of, set_places, unresolved_problem

DB = "postgresql://reader@db.example.com:5432/mlflow"


def test_places_are_kept_per_source_without_a_password(store) -> None:
    set_places(
        store,
        DB,
        ArtifactPlaces(
            " https://alice:s3cret@mlflow.example.com:5000/ ", "/srv/a", "/mnt/a"
        ),
    )
    set_places(store, DB + "2", ArtifactPlaces(server_root="./mlruns", local_root="/x"))
    kept = places_of(store, DB)
    assert kept == ArtifactPlaces(
        "https://alice@mlflow.example.com:5000", "/srv/a", "/mnt/a"
    )
    assert places_of(store, DB + "2").served_by is None
    assert places_of(store, "mysql://elsewhere:3306/x") == ArtifactPlaces()
    with sqlite3.connect(store.path) as conn:
        rows = conn.execute("SELECT * FROM artifact_places").fetchall()
    assert "s3cret" not in repr(rows)


def test_empty_places_forget_the_setting(store) -> None:
    set_places(store, DB, ArtifactPlaces("http://mlflow:5000"))
    set_places(store, DB, ArtifactPlaces(" ", "", ""))
    assert places_of(store, DB).empty
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT count(*) FROM artifact_places").fetchone() == (0,)


def test_the_explanation_says_what_to_set() -> None:
    nothing = ArtifactPlaces()
    proxied = unresolved_problem("mlflow-artifacts:/1/abc/artifacts", nothing)
    assert "'Artifacts served by'" in proxied
    assert "Artifact locations…" in proxied
    relative = unresolved_problem("./mlruns/1/abc/artifacts", nothing)
    assert "where that folder is on this computer" in relative
    elsewhere = unresolved_problem(
        "/data/1/abc/artifacts",
        ArtifactPlaces(server_root="/srv/mlflow", local_root="/mnt/team"),
    )
    assert "not below the server folder /srv/mlflow" in elsewhere
    missing = unresolved_problem(
        "/srv/mlflow/1/abc/artifacts",
        ArtifactPlaces(server_root="/srv/mlflow", local_root="/mnt/team"),
    )
    assert "/mnt/team" in missing
    assert "does not exist" in missing
