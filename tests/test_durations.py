"""How long a run took, or has been running."""

from __future__ import annotations

from desktop.core.durations import run_duration_ms


def test_a_finished_run_lasts_from_start_to_end():
    assert run_duration_ms(1_000, 4_500, "FINISHED") == 3_500


def test_a_running_run_shows_its_elapsed_time():
    assert run_duration_ms(1_000, None, "RUNNING", now_ms=61_000) == 60_000
    assert run_duration_ms(1_000, None, "RUNNING") > 0


def test_an_ended_run_without_an_end_time_has_no_duration():
    assert run_duration_ms(1_000, None, "FAILED") is None
    assert run_duration_ms(None, 5_000, "FINISHED") is None
