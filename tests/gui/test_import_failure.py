"""An import that stops on an error says how far it got (issue 17: the disk-full
dialog said "Everything else was imported" when 512 of 2,000 runs were)."""

from __future__ import annotations

import errno
import threading

from PySide6.QtWidgets import QLabel

from desktop.services.import_pipeline import ImportProgress
from desktop.ui import workers
from desktop.ui.dialogs import ProblemsDialog


def _stops_at_512(*_args: object, **_kwargs: object):
    yield ImportProgress("read", 512, 2000, "/data/mlruns")
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failed_import_reports_what_it_read(qtbot, store, monkeypatch) -> None:
    monkeypatch.setattr(workers, "import_source", _stops_at_512)
    worker = workers._ImportWorker(store, "/data/mlruns", threading.Event())
    with qtbot.waitSignal(worker.finished, timeout=10_000) as blocker:
        worker.run()
    report = blocker.args[0]
    assert report.failed
    assert (report.runs_read, report.runs_total) == (512, 2000)
    assert "No space left" in report.problems[0].message

    dialog = ProblemsDialog(
        report.root,
        report.problems,
        stopped_at=(report.runs_read, report.runs_total),
    )
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "512 of 2000" in text
    assert "Everything else" not in text
