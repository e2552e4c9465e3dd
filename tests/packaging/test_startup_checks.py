"""Startup failures speak plainly: Qt's platform plugin, broken or newer stores."""

from __future__ import annotations

import io
import sqlite3

import pytest

from desktop import cli
from desktop.startup_checks import (
    XCB_LIBRARIES,
    check_qt_platform,
    open_store_checked,
    prepare_qt_platform,
)
from desktop.store.database import StoreError, open_store

X11 = {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}


def loader_missing(*missing: str):
    """A library loader that fails for ``missing`` sonames, like ctypes.CDLL."""
    loaded: list[str] = []

    def load(name: str) -> None:
        loaded.append(name)
        if name in missing:
            raise OSError(f"{name}: cannot open shared object file")

    load.loaded = loaded  # type: ignore[attr-defined]
    return load


def no_plugin(_name: str) -> bool:
    return False


def test_missing_xcb_cursor_names_the_package_to_install():
    result = check_qt_platform(
        X11,
        system="linux",
        loader=loader_missing("libxcb-cursor.so.0"),
        has_plugin=no_plugin,
    )
    assert not result.ok
    assert result.fallback is None
    assert "libxcb-cursor.so.0" in result.message
    assert "sudo apt install libxcb-cursor0" in result.message
    assert "sudo dnf install xcb-util-cursor" in result.message


def test_every_xcb_library_is_tried_and_all_missing_ones_are_named():
    load = loader_missing("libxcb-icccm.so.4", "libxkbcommon-x11.so.0")
    result = check_qt_platform(X11, system="linux", loader=load, has_plugin=no_plugin)
    assert load.loaded == list(XCB_LIBRARIES)
    assert "sudo apt install libxcb-icccm4 libxkbcommon-x11-0" in result.message


def test_all_libraries_present_is_fine():
    result = check_qt_platform(
        X11, system="linux", loader=loader_missing(), has_plugin=no_plugin
    )
    assert result == (result.__class__(True))


def test_falls_back_to_wayland_when_a_wayland_session_is_available():
    env = {**X11, "WAYLAND_DISPLAY": "wayland-0"}
    result = check_qt_platform(
        env,
        system="linux",
        loader=loader_missing("libxcb-cursor.so.0"),
        has_plugin=lambda name: name == "wayland",
    )
    assert result.ok
    assert result.fallback == "wayland"
    assert "uses Wayland instead of X11" in result.message
    assert "libxcb-cursor0" in result.message


def test_an_explicit_xcb_choice_is_respected():
    env = {**X11, "WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}
    result = check_qt_platform(
        env,
        system="linux",
        loader=loader_missing("libxcb-cursor.so.0"),
        has_plugin=lambda name: True,
    )
    assert not result.ok
    assert result.fallback is None


@pytest.mark.parametrize(
    "env",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "wayland;xcb", "WAYLAND_DISPLAY": "w"},
        {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
    ],
)
def test_platforms_other_than_xcb_are_not_second_guessed(env):
    def refuse(name: str) -> None:
        raise AssertionError("no library check expected")

    assert check_qt_platform(env, system="linux", loader=refuse).ok


def test_other_systems_are_not_checked():
    def refuse(name: str) -> None:
        raise AssertionError("no library check expected")

    assert check_qt_platform({}, system="win32", loader=refuse).ok
    assert check_qt_platform({}, system="darwin", loader=refuse).ok


def test_no_display_at_all_is_explained():
    result = check_qt_platform({}, system="linux", loader=loader_missing())
    assert not result.ok
    assert "no X11 display" in result.message


def test_prepare_sets_the_fallback_and_reports():
    env = {**X11, "WAYLAND_DISPLAY": "wayland-0"}
    out = io.StringIO()
    notified: list[str] = []
    ok = prepare_qt_platform(
        env,
        out,
        notify=notified.append,
        system="linux",
        loader=loader_missing("libxcb-cursor.so.0"),
        has_plugin=lambda name: True,
    )
    assert ok
    assert env["QT_QPA_PLATFORM"] == "wayland"
    assert "libxcb-cursor0" in out.getvalue()
    assert notified == []  # the app starts: no dialog needed


def test_prepare_refuses_and_notifies_when_qt_would_abort():
    env = dict(X11)
    out = io.StringIO()
    notified: list[str] = []
    ok = prepare_qt_platform(
        env,
        out,
        notify=notified.append,
        system="linux",
        loader=loader_missing("libxcb-cursor.so.0"),
        has_plugin=no_plugin,
    )
    assert not ok
    assert "QT_QPA_PLATFORM" not in env
    assert "sudo apt install libxcb-cursor0" in out.getvalue()
    assert notified == [out.getvalue().rstrip("\n")]


def test_app_main_exits_before_qt_when_the_platform_cannot_load(monkeypatch, capsys):
    from desktop import app

    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(
        "desktop.startup_checks.load_library", loader_missing("libxcb-cursor.so.0")
    )
    monkeypatch.setattr("desktop.startup_checks.notify_desktop", lambda m: None)
    monkeypatch.setattr(
        app, "application", lambda: pytest.fail("QApplication must not be created")
    )
    assert app.main([]) == 3
    assert "sudo apt install libxcb-cursor0" in capsys.readouterr().err


# -- the store ------------------------------------------------------------------
@pytest.fixture
def newer_store(tmp_path):
    """A store whose schema revision this app does not know."""
    path = tmp_path / "store.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    return path


def test_cli_prints_a_plain_message_for_a_newer_store(newer_store, capsys):
    assert cli.main(["export", "--store", str(newer_store)]) == 2
    err = capsys.readouterr().err
    assert "written by a newer version of mlflow-desktop" in err
    assert str(newer_store) in err
    assert "Traceback" not in err


def test_cli_prints_a_plain_message_for_a_file_that_is_no_database(tmp_path, capsys):
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 100)
    assert cli.main(["export", "--store", str(bogus)]) == 2
    err = capsys.readouterr().err
    assert f"{bogus} is not an mlflow-desktop store (not an SQLite database)" in err
    assert "Traceback" not in err


def test_open_store_checked_names_a_locked_store(tmp_path, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def locked(path):
        orig = sqlite3.OperationalError("database is locked")
        raise OperationalError("PRAGMA journal_mode=WAL", {}, orig)

    monkeypatch.setattr("desktop.store.database.open_store", locked)
    with pytest.raises(StoreError, match="locked by another program"):
        open_store_checked(tmp_path / "store.db")
