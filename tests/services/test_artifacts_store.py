"""Run artifacts, logged models and model cards of a store written by real MLflow."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from desktop.services.artifact_browser import list_folder
from desktop.services.importing import run_import
from desktop.services.model_card import (
    ModelCardError,
    is_model_folder,
    read_model_card,
)
from desktop.services.run_artifacts import load_run_artifacts, parse_model_history
from desktop.store.database import open_store
from desktop.store.schema import Run
from tests.mlflow_artifacts import FEATURES, shared_artifact_store


@pytest.fixture(scope="session")
def written(tmp_path_factory):
    """The artifact store of tests/mlflow_artifacts.py, written once."""
    return shared_artifact_store(tmp_path_factory)


@pytest.fixture(scope="module")
def imported(written, tmp_path_factory):
    """``(store, written, {run_id: pk})`` after importing the written store."""
    store = open_store(tmp_path_factory.mktemp("art-store") / "store.db")
    run_import(store, written.root)
    with store.engine.connect() as conn:
        pks = dict(conn.execute(select(Run.run_id, Run.id)).all())
    yield store, written, pks
    store.close()


def _load(imported, run_id):
    store, _, pks = imported
    with store.engine.connect() as conn:
        return load_run_artifacts(conn, pks[run_id])


def test_a_run_lists_its_top_level_and_its_mlflow3_logged_model(imported):
    _, written, _ = imported
    artifacts = _load(imported, written.demo_run_id)
    assert artifacts.root.path == str(written.demo_artifacts)
    assert artifacts.root.problem is None
    names = [e.name for e in artifacts.entries]
    assert names[:7] == ["bin", "config", "data", "images", "logs", "notes", "reports"]
    assert {"README.md", "report.html", "escape.txt", "escape_dir"} <= set(names)
    links = {e.name: e.link for e in artifacts.entries if e.link}
    assert links == {
        "escape.txt": "outside",
        "escape_dir": "outside",
        "readme_link.md": "inside",
    }
    (model,) = artifacts.models
    assert model.model_id == written.model_id
    assert model.name == "classifier"
    assert model.flavors == ("python_function", "sklearn")
    assert model.status == "READY"
    root = artifacts.roots[model.root_key]
    assert root.path.endswith(f"models/{written.model_id}/artifacts")
    assert root.load_uri == f"models:/{written.model_id}"
    assert "MLmodel" in [e.name for e in list_folder(root.path)]


def test_a_legacy_run_lists_the_models_of_its_history_tag(imported):
    _, written, _ = imported
    artifacts = _load(imported, written.legacy_run_id)
    (model,) = artifacts.models
    assert model.model_id is None
    assert (model.name, model.path, model.root_key) == ("model", "model", "run")
    assert model.flavors == ("python_function", "sklearn")
    assert model.created is not None
    assert artifacts.root.model_uri("model") == f"runs:/{written.legacy_run_id}/model"


def test_a_bucket_root_without_credentials_says_so_naming_the_bucket(imported):
    _, written, _ = imported
    artifacts = _load(imported, written.remote_run_id)
    assert artifacts.root.uri == (
        f"s3://ml-bucket/experiments/remote/{written.remote_run_id}/artifacts"
    )
    assert artifacts.entries == ()
    assert "run" in artifacts.remotes  # read from the bucket, not explained away
    assert artifacts.listing_error == (
        "No AWS credentials were found to read bucket 'ml-bucket'. Set "
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a "
        "profile in ~/.aws, as for MLflow, then try again."
    )


def test_a_folder_moved_since_the_import_is_explained(written, tmp_path):
    copy = tmp_path / "mlruns"
    shutil.copytree(written.root, copy, symlinks=True)
    store = open_store(tmp_path / "store.db")
    try:
        run_import(store, copy)
        with store.engine.connect() as conn:
            pk = conn.scalar(select(Run.id).where(Run.run_id == written.demo_run_id))
            artifacts_dir = next(copy.glob(f"*/{written.demo_run_id}/artifacts"))
            shutil.rmtree(artifacts_dir)
            artifacts = load_run_artifacts(conn, pk)
            assert load_run_artifacts(conn, 10**9) is None
        assert artifacts.root.path is None
        assert "no longer exists" in artifacts.root.problem
        assert str(artifacts_dir) in artifacts.root.problem
    finally:
        store.close()


def test_the_model_card_of_an_mlflow3_logged_model(imported):
    _, written, _ = imported
    artifacts = _load(imported, written.demo_run_id)
    root = artifacts.roots[artifacts.models[0].root_key]
    assert is_model_folder(root.path, "")
    card = read_model_card(root.path, "", root.model_uri(""))
    assert card.flavor_names == ("python_function", "sklearn")
    sklearn = card.flavors[1]
    assert sklearn.setting("sklearn_version")
    assert sklearn.setting("serialization_format") == "skops"
    assert [(f.name, f.type) for f in card.inputs] == [(n, "double") for n in FEATURES]
    assert [(f.name, f.type, f.shape) for f in card.outputs] == [("", "long", "")]
    (name, example), *_ = card.examples
    assert name == "input_example.json"
    assert '"columns"' in example
    assert "age" in example
    assert card.python_version.count(".") == 2
    assert card.mlflow_version.startswith("3.")
    assert card.model_id == written.model_id
    assert card.run_id == written.demo_run_id
    assert card.total_size == sum(
        p.stat().st_size
        for p in (written.root).glob(f"*/models/{card.model_id}/artifacts/*")
    )
    assert card.file_count >= 6
    assert "scikit-learn" in card.requirements
    assert card.pickled_files == ()
    assert f'mlflow.pyfunc.load_model("models:/{written.model_id}")' in card.snippet


def test_the_model_card_of_a_legacy_pickled_model_never_loads_the_pickle(
    imported, monkeypatch
):
    _, written, _ = imported
    artifacts = _load(imported, written.legacy_run_id)
    import pickle

    def refuse(*_args, **_kwargs):
        raise AssertionError("a pickle was loaded")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    root = artifacts.root
    card = read_model_card(root.path, "model", root.model_uri("model"))
    assert card.pickled_files == ("model.pkl",)
    assert card.flavors[1].setting("serialization_format") == "cloudpickle"
    assert [(f.type, f.shape) for f in card.inputs] == [("tensor<float64>", "(-1, 3)")]
    assert (
        f'mlflow.pyfunc.load_model("runs:/{written.legacy_run_id}/model")'
        in card.snippet
    )
    assert card.total_size > 1000
    with pytest.raises(ModelCardError, match="no MLmodel"):
        read_model_card(root.path, "", root.model_uri(""))
    assert not is_model_folder(root.path, "")


def test_malformed_history_tags_are_tolerated():
    assert parse_model_history(None) == []
    assert parse_model_history("not json") == []
    assert parse_model_history('{"a": 1}') == []
    entries = parse_model_history(
        '[1, {"artifact_path": "../escape"}, {"artifact_path": "m", "flavors": 3},'
        ' {"artifact_path": "m", "utc_time_created": "2024-01-02 03:04:05.000001",'
        ' "flavors": {"keras": {}}}]'
    )
    assert [(e.path, e.flavors) for e in entries] == [("m", ("keras",))]
    assert entries[0].created == 1704164645000


def test_runs_of_a_copied_sample_store(sample_mlruns, store):
    """The shared 3.17.2 sample was written elsewhere and copied without empty
    folders: runs with no artifacts folder simply have none; the parent run's
    artifacts and logged model are found in the copy."""
    run_import(store, sample_mlruns)
    with store.engine.connect() as conn:
        pks = {name: pk for pk, name in conn.execute(select(Run.id, Run.run_name))}
        child = load_run_artifacts(conn, pks["child-run"])
        parent = load_run_artifacts(conn, pks["parent-run"])
    assert child.no_artifacts
    assert child.entries == ()
    assert "no 'artifacts' folder" in child.root.problem
    assert not parent.no_artifacts
    assert parent.root.path.startswith(str(sample_mlruns))
    assert [e.name for e in parent.entries] == ["reports"]
    (model,) = parent.models
    assert model.model_id == "m-82021240dc934ce18abaa17bee699339"
    root = parent.roots[model.root_key]
    card = read_model_card(root.path, "", root.model_uri(""))
    assert card.flavors[1].setting("serialization_format") == "skops"
    assert card.snippet.count("models:/m-82021240dc934ce18abaa17bee699339") == 1
