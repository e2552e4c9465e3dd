"""Real samples: where MLflow itself cannot read a copied folder, we still can.

The generic comparison (``test_conformance_mlflow.py``) reads the samples with MLflow
from a repaired copy. These tests pin down why the repair is needed and what we do
instead on the unrepaired folder.
"""

from __future__ import annotations

import os

import pytest

from tests.conformance.conformance_compare import RUN_SUBFOLDERS, Case, Expected


def _stripped_runs(case: Case) -> list[str]:
    """Run ids whose folder lacks a subfolder MLflow 3 requires (git dropped it)."""
    return sorted(
        run_id
        for run_id, run in case.expected.runs().items()
        if any(
            not (_pristine_dir(case, run) / name).is_dir() for name in RUN_SUBFOLDERS
        )
    )


def _pristine_dir(case: Case, run):
    return case.source / os.path.relpath(case.expected.run_dir(run), case.oracle_root)


def test_mlflow_refuses_git_stripped_runs_that_we_import(sample_case: Case) -> None:
    """MLflow 3 lists these runs but ``get_run`` fails on them (mlflow-formats.md
    §2.4); we import them anyway, with the content MLflow reads once the empty
    folders are back (compared in ``test_conformance_mlflow.py``)."""
    from mlflow import MlflowClient
    from mlflow.exceptions import MlflowException

    stripped = _stripped_runs(sample_case)
    assert stripped
    pristine = MlflowClient(tracking_uri=sample_case.source.as_uri())
    for run_id in stripped:
        with pytest.raises(MlflowException):
            pristine.get_run(run_id)
        assert run_id in sample_case.imported.runs
    listed = Expected(pristine, sample_case.source).runs()
    assert set(listed) == set(sample_case.imported.runs)


def test_foreign_artifact_uri_falls_back_to_the_run_folder(sample_case: Case) -> None:
    """The samples record ``artifact_uri`` paths of the machine that wrote them, so
    MLflow lists no artifacts; we list the ``artifacts/`` folder next to the run."""
    checked = 0
    for run_id, run in sample_case.expected.runs().items():
        ours = sample_case.imported.runs[run_id]
        assert ours.artifact_uri == run.info.artifact_uri
        assert not os.path.exists(ours.artifact_uri.removeprefix("file://"))
        own = _pristine_dir(sample_case, run) / "artifacts"
        if not own.is_dir():
            assert ours.artifact_root is None
            continue
        assert ours.artifact_root == str(own)
        if sample_case.imported.artifacts[run_id]:
            assert sample_case.expected.client.list_artifacts(run_id) == []
            checked += 1
    assert checked >= 1
