"""The UI language: which translators to install, and translating core messages.

The language is ``MLFLOW_DESKTOP_LANG`` if set (tests, screenshots), else the
choice saved from View ▸ Language, else the system locale. Our translations live
in ``resources/translations/mlflow_desktop_<lang>.qm``; Qt's own strings for
standard dialogs and buttons come from ``qtbase_<lang>.qm`` shipped with PySide6.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from desktop.core.i18n import Text, message_of
from desktop.resources import resource_path

LANG_ENV = "MLFLOW_DESKTOP_LANG"
SYSTEM = "system"
ENGLISH = "en"
KOREAN = "ko"
LANGUAGES = (ENGLISH, KOREAN)
"""Languages the UI speaks; English is the source language (no translator)."""
LANGUAGE_NAMES = {ENGLISH: "English", KOREAN: "한국어"}
"""Each language in its own words (never translated)."""
CATALOG = "mlflow_desktop"

_installed: list[QTranslator] = []  # keep references: Qt does not own them


def system_language() -> str:
    """The supported language closest to the system locale (English otherwise)."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return ENGLISH


def resolve_language(choice: str | None) -> str:
    """The language to use: the env override, then ``choice``, then the system."""
    for candidate in (os.environ.get(LANG_ENV, ""), choice or ""):
        code = candidate.strip().replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return system_language()


def catalog_path(language: str) -> Path:
    """Our compiled translation for ``language`` (may not exist)."""
    return resource_path("translations", f"{CATALOG}_{language}.qm")


def install_translators(language: str) -> list[str]:
    """Install our and Qt's translations for ``language``; return what loaded.

    Replaces translators installed by an earlier call. English installs only the
    plural forms of our messages ("1 run").
    """
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = QLocale(language)
    QLocale.setDefault(locale)
    loaded = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = (str(catalog_path(language).parent), f"{CATALOG}_{language}.qm")
    # English is the source language: its catalog has the plural forms only.
    catalogs = [ours]
    if language != ENGLISH:
        catalogs.insert(0, (qt_dir, f"qtbase_{language}.qm"))
    for directory, name in catalogs:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(name)
    return loaded


def translated(value: Any) -> str:
    """``value`` in the UI language when it is a :class:`Text` from the core layers.

    Plain strings (file names, values, OS error texts) are returned unchanged.
    """
    if not isinstance(value, Text):
        return "" if value is None else str(value)
    template = QCoreApplication.translate(value.context, value.source)
    if not value.args and not value.kwargs:
        return template
    args = [translated(a) if isinstance(a, Text) else a for a in value.args]
    kwargs = {
        k: translated(v) if isinstance(v, Text) else v for k, v in value.kwargs.items()
    }
    try:
        return template.format(*args, **kwargs)
    except (IndexError, KeyError, ValueError):  # a broken translation: stay readable
        return str.__str__(value)


def error_text(exc: BaseException) -> str:
    """The message of ``exc`` in the UI language (``str(exc)`` loses it)."""
    return translated(message_of(exc))


def describe(exc: BaseException) -> str:
    """What the UI says about a background job's failure, in the UI language.

    A known error (its message a :class:`Text`) is its translated message; any
    other exception is named with its type, as it may not be self-explanatory.
    """
    message = message_of(exc)
    if isinstance(message, Text):
        return translated(message)
    return f"{type(exc).__name__}: {message}"
