"""Pool jobs outliving the widget that asked (a dialog closed mid-query).

A job used to emit its result on a signals object owned by that widget; when the
GUI thread destroyed the widget at the same moment, the emit raced the destructor
and the app crashed (seen twice in eight runs of the dialog tests). Results now
travel through one relay that is never deleted and find their owner by key.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QThreadPool

from desktop.ui.workers import LatestOnly, TaggedJobs


def test_a_result_for_a_destroyed_owner_is_dropped(qtbot) -> None:
    release = threading.Event()
    owner = LatestOnly()
    got: list[object] = []
    owner.finished.connect(got.append)
    owner.submit(lambda: release.wait(10) and "late")
    gone = []
    owner.destroyed.connect(lambda *_: gone.append(True))
    owner.deleteLater()
    qtbot.waitUntil(lambda: bool(gone))
    release.set()
    assert QThreadPool.globalInstance().waitForDone(10_000)
    QCoreApplication.processEvents()  # deliver what was queued (nothing must be)
    assert got == []


def test_owners_destroyed_while_their_jobs_report_never_crash(qtbot) -> None:
    """Many owners dropped while their jobs emit: every surviving owner gets its
    results, none of the destroyed ones does, and the process survives."""
    survivors: list[TaggedJobs] = []
    results: dict[int, list[object]] = {}
    for round_ in range(300):
        owner = TaggedJobs() if round_ % 2 else LatestOnly()
        if round_ % 3 == 0:
            survivors.append(owner)
            results[round_] = []
            if isinstance(owner, TaggedJobs):
                owner.finished.connect(lambda _t, r, n=round_: results[n].append(r))
                owner.submit("tag", lambda n=round_: n)
            else:
                owner.finished.connect(lambda r, n=round_: results[n].append(r))
                owner.submit(lambda n=round_: n)
        else:
            if isinstance(owner, TaggedJobs):
                owner.submit("tag", lambda: sum(range(2000)))
            else:
                owner.submit(lambda: sum(range(2000)))
            owner.deleteLater()
    assert QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.waitUntil(lambda: all(results.values()), timeout=10_000)
    assert all(r == [n] for n, r in results.items())
