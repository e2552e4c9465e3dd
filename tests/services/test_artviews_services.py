"""Logged tables and step images as MLflow writes them: parsing, alignment by a key
column, image key/step discovery and files several runs share (no Qt)."""

from __future__ import annotations

import json

import pytest
from mlflow import MlflowClient

from desktop.core.i18n import message_of
from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.services.importing_db import run_db_import
from desktop.services.logged_tables import (
    LoggedTableError,
    align_tables,
    common_columns,
    default_key_column,
    logged_table_paths,
    parse_logged_table,
    read_logged_table,
)
from desktop.services.run_files import (
    local_file,
    run_files,
    shared_paths,
    step_images,
)
from desktop.services.step_images import all_steps, parse_image_name
from desktop.store import queries
from desktop.store.database import open_store
from tests.mlflow_artviews import (
    IDS,
    RUNS,
    STEPS,
    score,
    shared_artviews_mlruns,
    write_artviews,
)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return shared_artviews_mlruns(tmp_path_factory)


@pytest.fixture(scope="module")
def artifacts(written, tmp_path_factory):
    """RunArtifacts of the imported runs, by run name."""
    root, _ = written
    store = open_store(tmp_path_factory.mktemp("artviews-services") / "store.db")
    run_import(store, root)
    catalog = Catalog(store)
    with store.engine.connect() as conn:
        experiments = queries.list_experiments(conn)
        details = queries.run_details(
            conn, queries.run_pks(conn, [e.pk for e in experiments])
        )
    found = {d.run_name: catalog.run_artifacts(d.pk) for d in details}
    yield found
    store.close()


def test_a_logged_table_reads_as_mlflow_reads_it(written, artifacts, tmp_path):
    _, logged = written
    client = MlflowClient(tracking_uri=logged.uri, registry_uri=logged.uri)
    for name in RUNS:
        run = artifacts[name]
        assert run.logged_tables == {"eval/predictions.json"}
        table = read_logged_table(
            local_file(run, "eval/predictions.json"), "eval/predictions.json"
        )
        copy = client.download_artifacts(
            logged.run_ids[name], "eval/predictions.json", str(tmp_path)
        )
        frame = client._read_from_file(copy)  # how MLflow's load_table reads it
        assert table.columns == tuple(frame.columns)
        assert [list(r) for r in table.rows] == frame.values.tolist()
        assert [r[0] for r in table.rows] == IDS[name]
        assert [r[3] for r in table.rows] == [score(name, q) for q in IDS[name]]
        assert isinstance(table.rows[0][2], int)


def test_a_malformed_table_is_explained_with_its_name(artifacts) -> None:
    path = local_file(artifacts["alpha"], "eval/broken.json")
    with pytest.raises(LoggedTableError) as caught:
        read_logged_table(path, "eval/broken.json")
    message = message_of(caught.value)
    assert message.startswith("eval/broken.json is not valid JSON")
    assert "line 1" in message
    with pytest.raises(LoggedTableError, match='no "columns" list'):
        parse_logged_table(b'{"data": []}', "x.json")
    with pytest.raises(LoggedTableError, match="larger than 0 MB"):
        read_logged_table(path, "eval/broken.json", limit=10)


def test_rows_align_by_the_first_unique_column(artifacts) -> None:
    tables = [
        read_logged_table(
            local_file(artifacts[name], "eval/predictions.json"), name + ".json"
        )
        for name in RUNS
    ]
    assert default_key_column(tables[0]) == 0  # "id": "label" repeats values
    assert common_columns(tables) == ["id", "text", "label", "score"]
    aligned = align_tables(tables, "id")
    assert aligned.keys == ["q1", "q2", "q3", "q4", "q5"]
    by_key = {
        key: [row[3] if row else None for row in (r[i] for r in aligned.rows)]
        for i, key in enumerate(aligned.keys)
    }
    assert by_key["q4"] == [score("alpha", "q4"), score("beta", "q4"), None]
    assert by_key["q5"] == [None, None, score("gamma", "q5")]
    assert aligned.duplicates == [0, 0, 0]
    repeated = align_tables(tables, "label")
    assert repeated.keys == [1, 0]
    assert repeated.duplicates == [2, 2, 2]


def test_keys_match_when_shown_equal() -> None:
    one = parse_logged_table(b'{"columns":["k","v"],"data":[[1,"a"],[2,"b"]]}', "1")
    two = parse_logged_table(b'{"columns":["k","v"],"data":[[2.0,"c"]]}', "2")
    aligned = align_tables([one, two], "k")
    assert aligned.keys == [1, 2]
    assert aligned.rows[1] == [None, (2.0, "c")]


def test_the_logged_artifacts_tag_lists_tables() -> None:
    tag = json.dumps(
        [{"path": "a.json", "type": "table"}, {"path": "b.png", "type": "image"}]
    )
    assert logged_table_paths(tag) == {"a.json"}
    assert logged_table_paths("not json") == frozenset()
    assert logged_table_paths(None) == frozenset()


def test_image_names_of_both_layouts() -> None:
    new = parse_image_name(
        "attention~head 1+step+2+timestamp+1796665199239+310df881-ea20+compressed.webp"
    )
    assert new is not None
    assert (new.key, new.step, new.timestamp, new.compressed) == (
        "attention/head 1",
        2,
        1796665199239,
        True,
    )
    old = parse_image_name("a#b%step%7%timestamp%1700000000000%abc-123.png")
    assert old is not None
    assert (old.key, old.step, old.compressed) == ("a/b", 7, False)
    assert parse_image_name("confusion_matrix.png") is None
    assert parse_image_name("x+step+1+timestamp+2+u.json") is None


def test_step_images_are_found_per_key_with_thumbnails(artifacts) -> None:
    for name in RUNS:
        series = step_images(artifacts[name])
        expected = {"samples"} | ({"attention/head 1"} if name == "alpha" else set())
        assert set(series) == expected
        samples = series["samples"]
        assert samples.steps == list(STEPS[name])
        for image in samples.images:
            assert image.path.startswith("images/samples+step+")
            assert image.path.endswith(".png")
            assert image.thumbnail
            assert image.thumbnail.endswith("+compressed.webp")
    gamma = step_images(artifacts["gamma"])["samples"]
    assert [gamma.at(s).step for s in (0, 1, 2, 5, 8, 11, 99)] == [
        0,
        0,
        3,
        3,
        12,
        12,
        12,
    ]
    assert all_steps(step_images(artifacts[n])["samples"] for n in RUNS) == [
        0,
        3,
        5,
        10,
        12,
        15,
    ]


def test_paths_several_runs_share(artifacts) -> None:
    files = [run_files(artifacts[name]) for name in RUNS]
    shared = shared_paths(files)
    assert shared == [
        "data/summary.csv",
        "eval/predictions.json",
        "plots/confusion_matrix.png",
    ]
    assert shared_paths(files, least=3) == [
        "eval/predictions.json",
        "plots/confusion_matrix.png",
    ]


@pytest.mark.slow
def test_an_mlflow_db_store_finds_the_same_tables_and_images(tmp_path) -> None:
    """The same runs logged to ``mlflow.db`` (artifacts in a folder beside it)."""
    db = tmp_path / "mlflow.db"
    write_artviews(
        f"sqlite:///{db}", tmp_path / "scratch", (tmp_path / "artifacts").as_uri()
    )
    store = open_store(tmp_path / "store.db")
    report = run_db_import(store, db)
    assert not report.problems, report.problems
    catalog = Catalog(store)
    with store.engine.connect() as conn:
        experiments = queries.list_experiments(conn)
        details = queries.run_details(
            conn, queries.run_pks(conn, [e.pk for e in experiments])
        )
    found = {d.run_name: catalog.run_artifacts(d.pk) for d in details}
    for name in RUNS:
        assert step_images(found[name])["samples"].steps == list(STEPS[name])
        path = local_file(found[name], "eval/predictions.json")
        assert path.startswith(str(tmp_path / "artifacts"))
        table = read_logged_table(path, "eval/predictions.json")
        assert [r[0] for r in table.rows] == IDS[name]
    shared = shared_paths([run_files(found[n]) for n in RUNS], least=3)
    assert shared == ["eval/predictions.json", "plots/confusion_matrix.png"]
    store.close()
