"""A server's artifact folder mapped to a folder on this computer, whatever system
wrote the URIs (no servers needed: the inner loop)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.core.artifact_places import ArtifactPlaces
from desktop.sources.team_db.artifact_paths import map_to_local, resolve_local

LOCAL = os.path.join("home", "me", "team-artifacts")
RUN = ("1", "abc", "artifacts")


@pytest.mark.parametrize(
    ("uri", "server_root"),
    [
        ("./mlruns/1/abc/artifacts", "./mlruns"),
        ("./mlruns/1/abc/artifacts", "mlruns"),
        ("mlruns/1/abc/artifacts", "./mlruns/"),
        ("/srv/mlflow/1/abc/artifacts", "/srv/mlflow"),
        ("file:///srv/mlflow/1/abc/artifacts", "/srv/mlflow/"),
        ("/srv/mlflow/1/abc/artifacts", "file:///srv/mlflow"),
        ("file:///srv/ml%20flow/1/abc/artifacts", "/srv/ml flow"),
        ("file:///C:/mlflow/1/abc/artifacts", r"C:\mlflow"),
        (r"C:\mlflow\1\abc\artifacts", "c:/mlflow"),
        (r"C:\mlflow\1\abc\artifacts", "file:///C:/mlflow/"),
        ("mlflow-artifacts:/1/abc/artifacts", "mlflow-artifacts:/"),
        ("mlflow-artifacts:/team/1/abc/artifacts", "mlflow-artifacts:/team"),
    ],
)
def test_uris_below_the_server_root_map_to_the_local_folder(uri, server_root):
    assert map_to_local(uri, server_root, LOCAL) == os.path.join(LOCAL, *RUN)


@pytest.mark.parametrize(
    ("uri", "server_root"),
    [
        ("/srv/mlflow-old/1/abc/artifacts", "/srv/mlflow"),  # a prefix of a name
        ("/srv/mlflow/1/abc/artifacts", "/srv/other"),
        ("./mlruns/1/abc/artifacts", "/srv/mlflow"),  # relative vs absolute
        ("/mlruns/1/abc/artifacts", "./mlruns"),
        ("D:/mlflow/1/abc/artifacts", "C:/mlflow"),
        ("s3://bucket/mlflow/1/abc/artifacts", "/mlflow"),
        ("mlflow-artifacts:/1/abc/artifacts", "/"),  # another scheme
        ("/srv/mlflow/../etc/passwd", "/srv/mlflow"),  # never climbs
        ("", "/srv"),
        (None, "/srv"),
    ],
)
def test_other_uris_do_not_map(uri, server_root):
    assert map_to_local(uri, server_root, LOCAL) is None


def test_the_mapped_folder_wins_when_it_exists(tmp_path: Path) -> None:
    local = tmp_path / "mounted"
    (local / "1" / "abc" / "artifacts").mkdir(parents=True)
    places = ArtifactPlaces(server_root="/srv/mlflow", local_root=str(local))
    found = resolve_local("/srv/mlflow/1/abc/artifacts", places)
    assert found == str(local / "1" / "abc" / "artifacts")
    assert resolve_local("/srv/mlflow/1/other/artifacts", places) is None


def test_an_existing_absolute_path_is_used_without_a_mapping(tmp_path: Path) -> None:
    folder = tmp_path / "shared" / "artifacts"
    folder.mkdir(parents=True)
    assert resolve_local(folder.as_uri(), None) == str(folder)
    assert resolve_local(str(folder), ArtifactPlaces()) == str(folder)
    assert resolve_local("./mlruns/1/abc/artifacts", ArtifactPlaces()) is None
