"""The experiment the window selects by itself: a pure policy, tested without Qt."""

from __future__ import annotations

from desktop.core.auto_pick import pick_experiment
from desktop.core.views import ExperimentInfo, SourceInfo

SOURCES = [
    SourceInfo(1, "mlruns", "/data/a/mlruns", "a", None),
    SourceInfo(2, "mlruns", "/data/b/mlruns", "b", None),
]


def experiment(
    pk: int,
    *,
    source_id: int = 1,
    experiment_id: str | None = None,
    runs: int = 1,
    last: int | None = None,
    stage: str = "active",
) -> ExperimentInfo:
    return ExperimentInfo(
        pk=pk,
        source_id=source_id,
        experiment_id=str(pk) if experiment_id is None else experiment_id,
        name=f"exp{pk}",
        lifecycle_stage=stage,
        artifact_location=None,
        creation_time=None,
        last_update_time=None,
        run_count=runs,
        last_run_time=last,
    )


def test_nothing_selected_picks_the_most_recent_run() -> None:
    exps = [experiment(1, last=100), experiment(2, last=300), experiment(3, last=200)]
    assert pick_experiment(SOURCES, exps, [], None) == 2


def test_an_experiment_with_runs_beats_an_empty_one() -> None:
    exps = [experiment(1, runs=0), experiment(2, runs=3, last=None)]
    assert pick_experiment(SOURCES, exps, [], None) == 2


def test_deleted_experiments_are_never_picked() -> None:
    exps = [experiment(1, last=100), experiment(2, last=900, stage="deleted")]
    assert pick_experiment(SOURCES, exps, [], None) == 1


def test_a_named_experiment_beats_default_on_a_tie() -> None:
    exps = [experiment(1, experiment_id="0", last=5), experiment(2, last=5)]
    assert pick_experiment(SOURCES, exps, [], None) == 2
    exps = [experiment(1, experiment_id="0", last=6), experiment(2, last=5)]
    assert pick_experiment(SOURCES, exps, [], None) == 1


def test_after_an_import_only_that_source_is_considered() -> None:
    exps = [experiment(1, source_id=1, last=100), experiment(2, source_id=2, last=900)]
    assert pick_experiment(SOURCES, exps, [], None, "/data/a/mlruns") == 1
    assert pick_experiment(SOURCES, exps, [], None, "/elsewhere") is None


def test_the_users_choice_is_kept() -> None:
    exps = [experiment(1, last=100), experiment(2, last=900)]
    assert pick_experiment(SOURCES, exps, [1], None) is None
    # Even when the window had picked before, a different choice is the user's.
    assert pick_experiment(SOURCES, exps, [1], 2) is None
    assert pick_experiment(SOURCES, exps, [1, 2], 1) is None


def test_the_windows_own_pick_follows_the_newest_run() -> None:
    exps = [experiment(1, last=100), experiment(2, last=900)]
    assert pick_experiment(SOURCES, exps, [1], 1) == 2
    assert pick_experiment(SOURCES, exps, [2], 2) is None  # already there


def test_a_selection_that_is_gone_is_replaced() -> None:
    exps = [experiment(1, last=100)]
    assert pick_experiment(SOURCES, exps, [42], None) == 1


def test_nothing_to_pick() -> None:
    assert pick_experiment(SOURCES, [], [], None) is None
    assert pick_experiment(SOURCES, [experiment(1, stage="deleted")], [], None) is None
