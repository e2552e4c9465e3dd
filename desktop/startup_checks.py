"""Checks run before Qt starts, so that failures reach the user as plain words.

Qt aborts the whole process when its platform plugin cannot load (on Linux/X11 most
often because ``libxcb-cursor0`` is missing), with a message only developers can
read. :func:`check_qt_platform` predicts that failure from the system libraries the
``xcb`` plugin needs, names the packages to install, and falls back to Wayland when
a Wayland session is available. :func:`open_store_checked` turns SQLite failures
on opening the store (locked, not a database) into a plain ``StoreError``.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from desktop.store.database import Store

# Shared libraries Qt's xcb platform plugin links, with the Debian/Ubuntu and
# Fedora packages that provide them (Qt's own libraries and libc are left out).
XCB_LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
}

PLATFORM_ENV = "QT_QPA_PLATFORM"


@dataclass(frozen=True)
class PlatformCheck:
    """The outcome of :func:`check_qt_platform`."""

    ok: bool
    """False when Qt would abort: the app must exit with :attr:`message`."""
    fallback: str | None = None
    """A platform to use instead of the default (set as ``QT_QPA_PLATFORM``)."""
    message: str = ""
    """What to tell the user (empty when there is nothing to say)."""


def load_library(name: str) -> None:
    """Load a shared library by soname (also from a PyInstaller bundle); or raise."""
    try:
        ctypes.CDLL(name)
    except OSError:
        bundle = getattr(sys, "_MEIPASS", None)
        if not bundle or not (Path(bundle) / name).is_file():
            raise
        ctypes.CDLL(str(Path(bundle) / name))


def qt_has_platform_plugin(name: str) -> bool:
    """Whether Qt's ``platforms`` plugin folder holds the plugin ``name``."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return any((folder / "platforms").glob(f"libq{name}*"))


def _candidates(environ: Mapping[str, str]) -> tuple[list[str], bool]:
    """Platforms Qt will try, in order, and whether the user chose them."""
    requested = environ.get(PLATFORM_ENV, "").strip()
    if requested:
        return [p.split(":", 1)[0] for p in requested.split(";") if p], True
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"], False
    return ["xcb"], False


def _missing_libraries_message(missing: list[str]) -> str:
    apt = sorted({XCB_LIBRARIES[name][0] for name in missing})
    dnf = sorted({XCB_LIBRARIES[name][1] for name in missing})
    return (
        "mlflow-desktop cannot open its window: Qt's X11 (xcb) display plugin needs "
        "system libraries that are not installed:\n"
        + "".join(f"  {name}\n" for name in missing)
        + "Install them, then start mlflow-desktop again:\n"
        f"  Debian/Ubuntu:  sudo apt install {' '.join(apt)}\n"
        f"  Fedora:         sudo dnf install {' '.join(dnf)}\n"
        "(Other systems: install the packages that provide the files above.)"
    )


def check_qt_platform(
    environ: Mapping[str, str] | None = None,
    *,
    system: str = sys.platform,
    loader: Callable[[str], object] | None = None,
    has_plugin: Callable[[str], bool] | None = None,
) -> PlatformCheck:
    """Predict whether Qt can open a window here, before ``QApplication`` exists.

    Only Linux's X11 plugin is checked (Windows and macOS plugins ship with Qt).
    ``loader`` loads a shared library or raises ``OSError`` (default
    :func:`load_library`); ``has_plugin`` says whether a Qt platform plugin is
    present (default :func:`qt_has_platform_plugin`).
    """
    env = os.environ if environ is None else environ
    loader = loader or load_library
    has_plugin = has_plugin or qt_has_platform_plugin
    if not system.startswith("linux"):
        return PlatformCheck(True)
    candidates, chosen = _candidates(env)
    if not candidates or candidates[0] != "xcb":
        return PlatformCheck(True)  # offscreen, wayland first, ...: Qt copes
    wayland = bool(env.get("WAYLAND_DISPLAY")) and has_plugin("wayland")
    if not env.get("DISPLAY"):
        if wayland and not chosen:
            return PlatformCheck(True, fallback="wayland")
        return PlatformCheck(
            False,
            message="mlflow-desktop cannot open its window: no X11 display is set "
            "(the DISPLAY environment variable is empty). Start it from a desktop "
            "session, or use `mlflow-desktop import` / `export` without a window.",
        )
    missing = []
    for name in XCB_LIBRARIES:
        try:
            loader(name)
        except OSError:
            missing.append(name)
    if not missing:
        return PlatformCheck(True)
    message = _missing_libraries_message(missing)
    if wayland and not chosen:
        return PlatformCheck(
            True,
            fallback="wayland",
            message=message.replace(
                "cannot open its window", "uses Wayland instead of X11", 1
            ),
        )
    return PlatformCheck(False, message=message)


def notify_desktop(message: str, title: str = "mlflow-desktop") -> None:
    """Show ``message`` with a desktop dialog tool (zenity, kdialog) if present."""
    for tool, args in (
        ("zenity", ["--error", f"--title={title}", "--no-markup", f"--text={message}"]),
        ("kdialog", ["--title", title, "--error", message]),
        ("notify-send", [title, message]),
    ):
        exe = shutil.which(tool)
        if exe:
            try:
                subprocess.run([exe, *args], timeout=600, check=False)
            except (OSError, subprocess.SubprocessError):
                continue
            return


def prepare_qt_platform(
    environ: MutableMapping[str, str] | None = None,
    stream: TextIO | None = None,
    *,
    notify: Callable[[str], None] | None = None,
    **check_options,
) -> bool:
    """Run :func:`check_qt_platform`, apply its fallback and say what matters.

    Returns False when the app must exit. The message goes to ``stream`` (stderr)
    and, when nobody watches a terminal (launched from a menu), to ``notify``.
    """
    env = os.environ if environ is None else environ
    out = sys.stderr if stream is None else stream
    result = check_qt_platform(env, **check_options)
    if result.fallback:
        env[PLATFORM_ENV] = result.fallback
    if result.message:
        if out is not None:
            print(result.message, file=out)
        if not result.ok:
            if notify is None and not (out is not None and out.isatty()):
                notify = notify_desktop
            if notify is not None:
                notify(result.message)
    return result.ok


def open_store_checked(path: Path | str | None = None) -> Store:
    """``open_store``, with SQLite failures turned into a plain ``StoreError``."""
    from desktop.core.i18n import QT_TRANSLATE_NOOP
    from desktop.core.locations import default_store_path
    from desktop.store.database import StoreError, open_store

    try:
        return open_store(path)
    except Exception as exc:
        # Through plain sqlite3, or SQLAlchemy when the store needs a migration.
        from sqlalchemy.exc import DBAPIError

        if not isinstance(exc, sqlite3.Error | DBAPIError):
            raise
        where = Path(path if path is not None else default_store_path()).expanduser()
        reason = str(getattr(exc, "orig", exc))
        if "locked" in reason or "busy" in reason:
            message = QT_TRANSLATE_NOOP(
                "Startup",
                "The store {0} cannot be opened: it is locked by another program. "
                "Close the program that uses it (another mlflow-desktop import, a "
                "database browser), then try again, or open another store with "
                "--store.",
            ).format(where)
        else:
            message = QT_TRANSLATE_NOOP(
                "Startup",
                "The store {0} cannot be opened ({1}). If the file is damaged, move "
                "it away and the app starts with a new, empty store; or open another "
                "store with --store.",
            ).format(where, reason)
        raise StoreError(message) from exc
