"""The app speaks Korean: menus, docks, columns, the compare dialog, core messages.

Each test installs the Korean translators (ours and Qt's ``qtbase_ko``) in the test
QApplication, builds the real widgets and reads what a user sees; the translators
are removed afterwards so the other GUI tests stay in English.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from urllib3.util.retry import Retry

from desktop.core.search import SearchError, parse_filter
from desktop.services.artifact_browser import explain_missing
from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.services.sources import run_source_import
from desktop.sources.tracking_server.client import TrackingClient
from desktop.sources.tracking_server.credentials import Connection
from desktop.sources.tracking_server.errors import ServerError
from desktop.store import queries
from desktop.store.database import open_store
from desktop.ui import i18n
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.gui.conftest import wait_for_runs

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees

KOREAN_EXPERIMENT = "고객_이탈_예측"
KOREAN_RUNS = ("랜덤포레스트_깊이_10", "lgbm_lr_0.05", "rf_oversampled")


@pytest.fixture
def korean(qapp, monkeypatch):
    """Korean translators installed for one test (English again afterwards)."""
    monkeypatch.setenv(i18n.LANG_ENV, "ko")
    loaded = i18n.install_translators(i18n.resolve_language(None))
    assert loaded == ["qtbase_ko.qm", "mlflow_desktop_ko.qm"]
    yield
    i18n.install_translators(i18n.ENGLISH)


@pytest.fixture(scope="session")
def korean_mlruns(tmp_path_factory):
    """An experiment with Korean names, written by MLflow."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    root = tmp_path_factory.mktemp("korean") / "mlruns"
    client = MlflowClient(tracking_uri=root.as_uri())
    exp = client.create_experiment(KOREAN_EXPERIMENT)
    for i, name in enumerate(KOREAN_RUNS):
        run = client.create_run(exp, run_name=name, start_time=1_750_000_000_000 + i)
        client.log_param(run.info.run_id, "학습률", str(0.01 * (i + 1)))
        client.log_metric(run.info.run_id, "정확도", 0.8 + i / 100)
        client.set_tag(run.info.run_id, "팀", "추천시스템")
        client.set_terminated(run.info.run_id)
    return root


@pytest.fixture
def korean_window(qtbot, store, korean):
    win = MainWindow(store, Settings())
    qtbot.addWidget(win)
    win.show()
    yield win
    win.importer.cancel()
    win.importer.wait()


def _menu_titles(win: MainWindow) -> list[str]:
    return [a.text() for a in win.menuBar().actions()]


def _menu(win: MainWindow, title: str):
    action = next(a for a in win.menuBar().actions() if a.text() == title)
    return action.menu()


def _header_texts(view) -> list[str]:
    model, header = view.model(), view.horizontalHeader()
    return [
        model.headerData(header.logicalIndex(v), Qt.Orientation.Horizontal)
        for v in range(header.count())
        if not header.isSectionHidden(header.logicalIndex(v))
    ]


def test_menus_and_docks_are_korean(korean_window):
    win = korean_window
    assert _menu_titles(win)[:4] == ["파일(&F)", "보기(&V)", "실행(&R)", "도움말(&H)"]
    file_items = [a.text() for a in _menu(win, "파일(&F)").actions() if a.text()]
    assert file_items[:5] == [
        "폴더 열기(&O)…",
        "데이터베이스 열기(&D)…",
        "서버에 연결(&C)…",
        "팀 데이터베이스 열기(&T)…",
        "최근 소스",
    ]
    assert "끝내기(&Q)" in file_items
    assert win.open_action.text() == "폴더 열기(&O)…"
    assert win.refresh_action.text() == "새로 고침(&R)"
    assert win.compare_action.text() == "선택한 실행 비교(&C)"
    view_items = [a.text() for a in _menu(win, "보기(&V)").actions() if a.text()]
    assert {
        "삭제된 실험 보기",
        "삭제된 실행",
        "실행 세부 정보",
        "열…",
        "실행 필터",
    } <= set(view_items)
    assert "언어(&L)" in view_items
    language = [a.text() for a in win.language_menu.actions()]
    assert language == ["시스템 언어", "English", "한국어"]
    help_items = [a.text() for a in _menu(win, "도움말(&H)").actions() if a.text()]
    assert "mlflow-desktop 정보(&A)" in help_items
    assert win.detail.windowTitle() == "실행 세부 정보"
    tabs = win.detail.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "개요",
        "파라미터",
        "메트릭",
        "태그",
        "아티팩트",
        "이미지",
    ]
    assert win.detail.message.text() == "세부 정보를 보려면 실행을 선택하세요."
    assert win.runs.filter_edit.placeholderText().startswith("실행 필터: ")


def test_runs_table_headers_and_korean_names(qtbot, korean_window, korean_mlruns):
    win = korean_window
    with qtbot.waitSignal(win.import_finished, timeout=60000):
        win.import_paths([str(korean_mlruns)])
    wait_for_runs(qtbot, win, len(KOREAN_RUNS))
    headers = _header_texts(win.runs.table)
    assert headers[:7] == [
        "실행 이름",
        "★",
        "시작 시각",
        "소요 시간",
        "상태",
        "사용자",
        "소스",
    ]
    assert "정확도" in headers
    assert "학습률" in headers
    model = win.runs.model
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) is not None)
    names = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert names == set(KOREAN_RUNS)
    tree = win.experiments.proxy
    labels = [
        str(tree.index(c, 0, tree.index(0, 0)).data())
        for c in range(tree.rowCount(tree.index(0, 0)))
    ]
    assert any(label.startswith(KOREAN_EXPERIMENT) for label in labels)
    # A font that covers Hangul is available, so the names never show as boxes.
    assert QFontDatabase.families(QFontDatabase.WritingSystem.Korean)
    metrics = QFontMetrics(win.runs.table.font())
    assert metrics.horizontalAdvance(KOREAN_EXPERIMENT) > 0
    # The tooltip of a run name is translated too.
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "실행 ID: " in tip
    assert "실험: " + KOREAN_EXPERIMENT in tip


def test_compare_dialog_is_korean(
    qtbot, store, korean, korean_mlruns, analysis_process
):
    run_import(store, korean_mlruns)
    with store.engine.connect() as conn:
        experiments = queries.list_experiments(conn)
        pks = queries.run_pks(conn, [e.pk for e in experiments])
    assert len(pks) == len(KOREAN_RUNS)
    dialog = CompareDialog(Catalog(store), pks, Settings(), analysis=analysis_process)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.loading_label.text() == "실행 3개 불러오는 중…"
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.tabs, timeout=15000)
    assert dialog.windowTitle() == "실험 1개의 실행 3개 비교"
    tabs = dialog.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "표",
        "평행 좌표",
        "산점도",
        "메트릭 곡선",
        "파라미터 중요도",
        "아티팩트",
    ]
    table = dialog.table
    assert table.copy_button.text() == "복사"
    assert table.export_button.text() == "CSV로 내보내기…"
    assert table.diff_only.text() == "다른 값만 보기"
    assert table.min_max.text() == "최솟값과 최댓값"
    assert table.transpose.text() == "실행을 행으로"
    assert table.filter_edit.placeholderText() == "필드 필터"
    model = table.view.model()
    names = {
        model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(model.columnCount())
    }
    assert set(KOREAN_RUNS) <= names
    rows = {
        str(model.headerData(r, Qt.Orientation.Vertical)).split("  ·  ")[0]
        for r in range(model.rowCount())
    }
    assert {"실험", "상태", "시작 시각", "학습률", "정확도 ↑"} <= rows
    tabs.setCurrentIndex(1)
    assert dialog.parallel.clear_button.text() == "범위 지우기"
    assert dialog.parallel.select_button.text() == "실행 표에서 선택"


def test_core_messages_are_translated(korean):
    """Qt-free layers mark messages; the UI shows them in Korean."""
    english = explain_missing(None, None)
    assert english == "MLflow recorded no artifact location for this run."
    assert i18n.translated(english) == (
        "MLflow가 이 실행의 아티팩트 위치를 기록하지 않았습니다."
    )
    moved = explain_missing("file:///x/artifacts", "/x/artifacts")
    assert i18n.translated(moved).startswith("아티팩트 폴더 /x/artifacts이(가) ")
    with pytest.raises(SearchError) as caught:
        parse_filter("metrics.acc > 'high'")
    assert caught.value.message == "expected a number for 'acc', got 'high'"
    assert i18n.translated(caught.value.message) == (
        "'acc'에는 숫자가 와야 하는데 'high'이(가) 왔습니다"
    )
    remote = i18n.translated(explain_missing("s3://bucket/run", None))
    assert remote.startswith(
        "아티팩트가 Amazon S3에 저장되어 있습니다: s3://bucket/run"
    )
    assert "(버킷 또는 호스트 'bucket', 경로 '/run')" in remote
    assert i18n.error_text(caught.value) == i18n.translated(caught.value.message)
    assert i18n.translated("plain text") == "plain text"
    assert i18n.translated(None) == ""


def test_server_and_database_errors_are_translated(korean, tmp_path):
    """A real connection failure and a real non-MLflow database, shown in Korean."""
    client = TrackingClient(
        Connection("http://127.0.0.1:9"), retry=Retry(total=0), timeout=(5, 5)
    )
    with pytest.raises(ServerError) as caught:
        client.get_json("/api/2.0/mlflow/experiments/search")
    assert "nothing answers there" in str(caught.value)
    assert i18n.error_text(caught.value) == (
        "http://127.0.0.1:9에 연결할 수 없습니다: 응답이 없습니다. URL과 포트, "
        "서버가 실행 중인지 확인하세요."
    )
    other = tmp_path / "notes.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    report = run_source_import(open_store(tmp_path / "store.db"), other)
    [problem] = report.problems
    assert i18n.translated(problem.message).startswith(
        "MLflow 추적 데이터베이스가 아닙니다"
    )


def test_filter_error_shows_in_korean(qtbot, korean_window):
    panel = korean_window.runs
    panel.filter_edit.setText("metrics.acc >")
    panel.requery()
    assert panel.filter_error.text().startswith("필터 오류(")
    assert "필터가 너무 일찍 끝났습니다" in panel.filter_error.text()


def test_qt_standard_buttons_are_korean(qtbot, korean):
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"확인", "취소"}
    assert QLocale().language() == QLocale.Language.Korean


def test_language_menu_saves_choice_for_next_start(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda *args: shown.append(args[1:]) or 0
    )
    menu = window.language_menu
    assert window.settings.language() == "system"
    assert menu.language_actions["system"].isChecked()
    menu.language_actions["ko"].trigger()
    assert Settings().language() == "ko"
    assert menu.language_actions["ko"].isChecked()
    assert len(shown) == 1
    assert "next time" in shown[0][1]
    menu.language_actions["ko"].trigger()  # no change, no second message
    assert len(shown) == 1
    menu.language_actions["en"].trigger()
    assert Settings().language() == "en"


def test_resolve_language(monkeypatch):
    monkeypatch.delenv(i18n.LANG_ENV, raising=False)
    assert i18n.resolve_language("ko") == "ko"
    assert i18n.resolve_language("en") == "en"
    assert i18n.resolve_language("ko_KR") == "ko"
    assert i18n.resolve_language("system") == i18n.system_language()
    assert i18n.resolve_language("klingon") == i18n.system_language()
    monkeypatch.setenv(i18n.LANG_ENV, "ko-KR")
    assert i18n.resolve_language("en") == "ko"
    assert i18n.catalog_path("ko").is_file()


def test_app_starts_in_korean_from_the_environment(tmp_path):
    """The real entry point picks the language up at start (a fresh process)."""
    script = (
        "from desktop.app import create_window\n"
        f"w = create_window(['--store', {str(tmp_path / 'store.db')!r}])\n"
        "print('|'.join(a.text() for a in w.menuBar().actions()))\n"
        "print(w.detail.windowTitle())\n"
        "w.close()\n"
        "w.store.close()\n"
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        MLFLOW_DESKTOP_LANG="ko",
        MLFLOW_DESKTOP_SETTINGS=str(tmp_path / "settings.ini"),
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.returncode == 0, out.stderr
    menus, dock = out.stdout.splitlines()[-2:]
    assert menus.split("|")[:4] == ["파일(&F)", "보기(&V)", "실행(&R)", "도움말(&H)"]
    assert dock == "실행 세부 정보"
