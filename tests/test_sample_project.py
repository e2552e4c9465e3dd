"""The bundled sample project: what MLflow reads is what we import, from a copy."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from desktop.resources import resource_path
from desktop.services.importing import run_import
from desktop.store import queries
from desktop.store.database import open_store

SAMPLE = resource_path("sample_project", "mlruns")
CHURN = "고객_이탈_예측"
KIWI = "Kiwi_Project_RF"


@pytest.fixture(scope="module")
def mlflow_view() -> dict[str, dict[str, dict]]:
    """Experiment name -> run name -> {params, metrics, tags, status} per MLflow."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=SAMPLE.as_uri())
    view: dict[str, dict[str, dict]] = {}
    for exp in client.search_experiments():
        runs = client.search_runs([exp.experiment_id], max_results=1000)
        view[exp.name] = {
            r.info.run_name: {
                "params": r.data.params,
                "metrics": r.data.metrics,
                "tags": r.data.tags,
                "status": r.info.status,
                "run_id": r.info.run_id,
            }
            for r in runs
        }
    return view


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The sample copied to another folder (as a user would) and imported."""
    base = tmp_path_factory.mktemp("sample-copy")
    copy = base / "elsewhere" / "mlruns"
    shutil.copytree(SAMPLE, copy)
    store = open_store(base / "store.db")
    report = run_import(store, copy)
    yield store, report, copy
    store.close()


def test_the_sample_ships_in_resources_and_is_small():
    assert (SAMPLE / "0" / "meta.yaml").is_file()
    files = [p for p in SAMPLE.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    assert total < 5 * 1024 * 1024, f"{total / 1e6:.1f} MB"
    assert not [p for p in files if "__pycache__" in p.parts or p.suffix == ".pyc"]


def test_mlflow_reads_the_churn_and_kiwi_experiments(mlflow_view):
    churn = mlflow_view[CHURN]
    assert {"rf_max_depth_10", "lgbm_lr_0.05", "rf_oversampled"} <= set(churn)
    assert len(churn) >= 43
    assert len(mlflow_view[KIWI]) >= 5
    best = churn["lgbm_lr_0.05"]
    assert best["metrics"]["val_auc"] == max(
        r["metrics"]["val_auc"] for r in churn.values() if "val_auc" in r["metrics"]
    )
    assert "최종 후보 모델" in best["tags"]["mlflow.note.content"]
    assert best["params"]["learning_rate"] == "0.05"
    assert churn["rf_max_depth_10"]["params"]["max_depth"] == "10"
    assert churn["rf_oversampled"]["params"]["oversampling"] == "random"
    children = [
        r for r in churn.values() if r["tags"].get("mlflow.parentRunId") is not None
    ]
    assert len(children) >= 10
    assert {r["status"] for r in churn.values()} >= {"FINISHED", "KILLED"}


def test_the_import_matches_mlflow(imported, mlflow_view):
    store, report, _copy = imported
    assert not report.problems
    with store.engine.connect() as conn:
        experiments = {e.name: e for e in queries.list_experiments(conn)}
        assert {CHURN, KIWI} <= set(experiments)
        for name in (CHURN, KIWI):
            pks = queries.run_pks(conn, [experiments[name].pk])
            details = {d.run_name: d for d in queries.run_details(conn, pks)}
            assert set(details) == set(mlflow_view[name])
            for run_name, expected in mlflow_view[name].items():
                got = details[run_name]
                assert got.params == expected["params"]
                assert got.status == expected["status"]
                assert {k: v.latest for k, v in got.metrics.items()} == pytest.approx(
                    expected["metrics"]
                )
                assert got.tags.get("mlflow.note.content") == expected["tags"].get(
                    "mlflow.note.content"
                )


def test_per_epoch_curves_are_imported(imported):
    store, _report, _copy = imported
    with store.engine.connect() as conn:
        churn = next(e for e in queries.list_experiments(conn) if e.name == CHURN)
        pks = queries.run_pks(conn, [churn.pk])
        best = next(
            d for d in queries.run_details(conn, pks) if d.run_name == "lgbm_lr_0.05"
        )
        histories = queries.metric_histories(
            conn, best.pk, ["val_auc", "train_loss", "val_loss"]
        )
    auc = histories["val_auc"].values
    assert len(auc) >= 20
    assert auc[-1] > auc[0] + 0.1  # it learns
    assert histories["train_loss"].values[-1] < histories["train_loss"].values[0]


def test_moved_artifacts_resolve_inside_the_copy(imported):
    store, _report, copy = imported
    with store.engine.connect() as conn:
        churn = next(e for e in queries.list_experiments(conn) if e.name == CHURN)
        pks = queries.run_pks(conn, [churn.pk])
        details = {d.run_name: d for d in queries.run_details(conn, pks)}
        for name in ("rf_max_depth_10", "lgbm_lr_0.05", "rf_oversampled"):
            detail = details[name]
            assert detail.artifact_root is not None
            root = Path(detail.artifact_root)
            assert root.is_dir()
            assert copy in root.parents
            files = {f.path for f in queries.artifact_files(conn, detail.pk)}
            assert {"feature_importance.csv", "plots/confusion_matrix.png"} <= files
        models = queries.logged_models(conn, [churn.pk])
    assert len(models) == 1
    model_root = Path(models[0].artifact_root)
    assert copy in model_root.parents
    assert (model_root / "MLmodel").is_file()


def test_feature_importance_names_are_korean_and_english():
    csv = next(SAMPLE.rglob("feature_importance.csv")).read_text(encoding="utf-8")
    assert csv.startswith("feature,description,importance,rank")
    assert "가입기간_개월" in csv or "경도_kgf" in csv
    assert "monthly_charges" in csv or "weight_g" in csv


def test_png_artifacts_are_real_images():
    image = next(SAMPLE.rglob("confusion_matrix.png")).read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(image) < 100_000
