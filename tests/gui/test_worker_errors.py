"""Background jobs hand their exceptions to the UI, which words them in the UI
language (issue 18, seam 5): a known error's message is translated, not flattened
to English on the worker thread."""

from __future__ import annotations

import pytest

from desktop.services.analysis_process import AnalysisProcess
from desktop.services.catalog import Catalog
from desktop.sources.tracking_server.credentials import clean_url
from desktop.ui import i18n, workers
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.settings import Settings


@pytest.fixture
def korean(qapp, monkeypatch):
    """Korean translators installed for one test (English again afterwards)."""
    monkeypatch.setenv(i18n.LANG_ENV, "ko")
    assert "mlflow_desktop_ko.qm" in i18n.install_translators(
        i18n.resolve_language(None)
    )
    yield
    i18n.install_translators(i18n.ENGLISH)


def _no_host(*_args: object) -> object:
    return clean_url("http://")  # raises InvalidServerUrl, a translatable message


def _open_failing(qtbot, store, monkeypatch, error) -> CompareDialog:
    monkeypatch.setattr(Catalog, "run_set", error)
    dialog = CompareDialog(
        Catalog(store), [1, 2], Settings(), analysis=AnalysisProcess()
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy.isVisible(), timeout=10_000)
    return dialog


def test_a_failed_job_with_a_known_error_reads_in_korean(
    qtbot, store, monkeypatch, korean
) -> None:
    dialog = _open_failing(qtbot, store, monkeypatch, _no_host)
    assert dialog.loading_label.text() == (
        "실행을 불러오지 못했습니다: 'http://'에 호스트가 없습니다"
    )


def test_an_unexpected_error_is_named_with_its_type(qtbot, store, monkeypatch) -> None:
    def boom(*_args: object) -> object:
        raise ValueError("boom")

    dialog = _open_failing(qtbot, store, monkeypatch, boom)
    assert dialog.loading_label.text() == "Could not load the runs: ValueError: boom"


def test_a_failed_import_reports_the_error_in_korean(
    qtbot, store, monkeypatch, korean
) -> None:
    def failing_import(*_args, **_kwargs):
        _no_host()
        yield from ()

    monkeypatch.setattr(workers, "import_source", failing_import)
    runner = workers.ImportRunner(store)
    with qtbot.waitSignal(runner.finished, timeout=10_000) as finished:
        runner.enqueue("http://")
    [problem] = finished.args[0].problems
    assert i18n.translated(problem.message) == (
        "가져오기 실패: 'http://'에 호스트가 없습니다"
    )
    runner.shutdown()
