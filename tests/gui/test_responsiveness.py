"""The window stays responsive while a large folder imports in the background."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from tests.benchmarks.synthetic import Shape, generate
from tests.gui.test_main_window import import_by_drop


def test_event_loop_never_stalls_during_an_import(qtbot, window, tmp_path):
    root = generate(
        Shape(experiments=2, runs_per_experiment=600, steps=50),
        tmp_path / "big" / "mlruns",
    )
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(window)  # parented: never collected from another thread
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    first_rows: list[float] = []
    started = time.perf_counter()
    window.runs.model.modelReset.connect(
        lambda: (
            first_rows.append(time.perf_counter() - started)
            if window.runs.model.rowCount() and not first_rows
            else None
        )
    )
    report = import_by_drop(qtbot, window, root)
    timer.stop()
    assert report.runs_total == 1200
    assert report.problems == []
    assert len(gaps) > 50
    worst = max(gaps[1:])
    assert worst < 0.1, f"the event loop stalled for {worst * 1000:.0f} ms"
    # Runs showed up while the import was still going.
    assert first_rows
    assert first_rows[0] < report.seconds
