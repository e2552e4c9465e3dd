"""Reads that repeat (an import's reloads, Refresh) never query on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event

from tests.gui.conftest import wait_for_runs
from tests.gui.test_main_window import click_experiment


@contextmanager
def _queries(store) -> Iterator[dict[str, list[str]]]:
    """The statements run meanwhile, by ``gui`` and ``background`` threads."""
    seen: dict[str, list[str]] = {"gui": [], "background": []}

    def on_query(_conn, _cursor, statement, *_args) -> None:
        gui = threading.current_thread() is threading.main_thread()
        seen["gui" if gui else "background"].append(statement)

    event.listen(store.engine, "before_cursor_execute", on_query)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", on_query)


def _on_gui_thread(store, action: Callable[[], None]) -> list[str]:
    with _queries(store) as seen:
        action()
    return seen["gui"]


def test_reloading_the_runs_during_an_import_reads_in_the_background(
    qtbot, window, store, search_mlruns
):
    window.import_paths([str(search_mlruns)])
    wait_for_runs(qtbot, window, 39)
    columns = window.runs.model.columns()
    with _queries(store) as seen:
        window.runs.reload()  # what an import's timer calls every 800 ms
        assert seen["gui"] == []
        qtbot.waitUntil(lambda: not window.runs.is_busy(), timeout=15000)
    assert any("experiment_keys" in s for s in seen["background"])
    assert window.runs.model.columns() == columns
    assert window.runs.model.rowCount() == 39


def test_choosing_experiments_reads_in_the_background(
    qtbot, window, store, sample_mlruns
):
    window.import_paths([str(sample_mlruns)])
    wait_for_runs(qtbot, window)
    for name, run_names in (  # second_exp (the newest run's) is shown first
        ("고객_이탈_예측", {"parent-run  (2)"}),  # its children folded under it
        ("second_exp", {"exp2-run", "model-eval-run"}),
    ):
        before = window.runs.experiment_pks
        with _queries(store) as seen:
            click_experiment(qtbot, window, name)
            qtbot.waitUntil(lambda b=before: window.runs.experiment_pks != b)
            wait_for_runs(qtbot, window)
        assert seen["gui"] == []
        assert any("experiment_keys" in s for s in seen["background"])
        model = window.runs.model
        shown = {model.index(row, 0).data() for row in range(model.rowCount())}
        assert run_names <= shown


def test_refresh_reads_no_source_list_on_the_gui_thread(
    qtbot, window, store, search_mlruns
):
    window.import_paths([str(search_mlruns)])
    wait_for_runs(qtbot, window, 39)
    with qtbot.waitSignal(window.import_finished, timeout=30000) as done:
        assert _on_gui_thread(store, window.refresh_all) == []
    assert done.args[0].runs_read == 0  # nothing changed: all runs kept
    (source_id,) = [s.id for s in window._sources]
    with qtbot.waitSignal(window.import_finished, timeout=30000) as done:
        assert _on_gui_thread(store, lambda: window.refresh_source(source_id)) == []
    assert done.args[0].root == str(search_mlruns)


def test_the_connect_dialog_reads_the_saved_settings_in_the_background(
    qtbot, window, store
):
    url = "http://127.0.0.1:9"
    window.settings.add_recent_source(url)  # the dialog offers the last server
    assert _on_gui_thread(store, window.connect_server_action.trigger) == []
    qtbot.waitUntil(
        lambda: (
            getattr(window, "connect_dialog", None) is not None
            and window.connect_dialog.isVisible()
        ),
        timeout=10_000,
    )
    assert window.connect_dialog.url_edit.text() == url
    window.connect_dialog.reject()
