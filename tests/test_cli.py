"""The command line: version, help, import summaries and exports."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        encoding="utf-8",
    )


def test_version_and_help_through_python_m():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"mlflow-desktop {__version__}"
    help_text = run_cli("--help").stdout
    assert "import" in help_text
    assert "export" in help_text


def test_import_prints_a_summary_and_exports_json(tmp_path, sample_mlruns):
    db = tmp_path / "s.db"
    result = run_cli("import", str(sample_mlruns.parent), "--store", str(db))
    assert result.returncode == 0, result.stderr
    assert str(sample_mlruns) in result.stdout
    assert "experiments: 4" in result.stdout
    assert "runs: 7 (7 read, 0 unchanged, 0 removed)" in result.stdout

    again = run_cli("import", str(sample_mlruns), "--store", str(db))
    assert "runs: 7 (0 read, 7 unchanged, 0 removed)" in again.stdout

    out = tmp_path / "out.json"
    result = run_cli(
        "export",
        "--store",
        str(db),
        "--experiment",
        "고객_이탈_예측",
        "--history",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [e["name"] for e in data] == ["고객_이탈_예측"]
    experiment = data[0]
    assert experiment["tags"]["team"] == "분석팀"
    runs = {r["run_name"]: r for r in experiment["runs"]}
    assert set(runs) == {"parent-run", "child-run", "failed-child", "deleted-run"}
    parent = runs["parent-run"]
    assert parent["status"] == "FINISHED"
    assert parent["params"] == {"layers": "[64, 32]", "lr": "0.01", "optimizer": "adam"}
    assert parent["metrics"] == {"loss": 0.2, "train/acc": 0.9, "weird": "-Infinity"}
    assert parent["metric_history"]["weird"] == [
        [0, 1795771505100, "NaN"],
        [1, 1795771505100, "Infinity"],
        [2, 1795771505100, "-Infinity"],
    ]
    assert len(parent["metric_history"]["loss"]) == 5  # the duplicate line is dropped
    assert parent["artifacts"] == [{"path": "reports/sub/notes.txt", "size": 15}]
    assert runs["deleted-run"]["lifecycle_stage"] == "deleted"
    assert runs["failed-child"]["status"] == "FAILED"
    assert isinstance(parent["start_time"], int)


def test_export_csv_has_mlflow_style_columns(tmp_path, sample_mlruns, capsys):
    db = tmp_path / "s.db"
    assert main(["import", str(sample_mlruns), "--store", str(db), "-q"]) == 0
    capsys.readouterr()
    assert main(["export", "--store", str(db), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 7
    parent = next(r for r in rows if r["run_name"] == "parent-run")
    assert parent["params.lr"] == "0.01"
    assert parent["metrics.train/acc"] == "0.9"
    assert parent["metrics.weird"] == "-Infinity"
    assert parent["tags.한글태그"] == "값"
    assert parent["experiment_name"] == "고객_이탈_예측"
    assert parent["start_time"].startswith("2026-")


def test_import_of_nothing_usable_exits_non_zero(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    code = main(
        [
            "import",
            str(empty),
            str(tmp_path / "missing"),
            "--store",
            str(tmp_path / "s.db"),
            "-q",
        ]
    )
    assert code == 1
    out = capsys.readouterr().out
    assert "not an MLflow tracking folder" in out
    assert "folder not found" in out


def test_import_with_one_good_path_exits_zero(tmp_path, sample_mlruns, capsys):
    code = main(
        [
            "import",
            str(tmp_path / "missing"),
            str(sample_mlruns),
            "--store",
            str(tmp_path / "s.db"),
            "-q",
        ]
    )
    assert code == 0


@pytest.mark.parametrize("args", [["export", "--format", "csv", "--history"]])
def test_history_needs_json(tmp_path, args, capsys):
    assert main([*args, "--store", str(tmp_path / "s.db")]) == 2
    assert "--history needs --format json" in capsys.readouterr().err
