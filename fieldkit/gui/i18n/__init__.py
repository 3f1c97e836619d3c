"""Translations: the shipped ``.qm`` files and switching language at run time.

Why the source strings are English and Chinese is a translation: Qt Linguist tooling, the workflow
error codes and the CLI are English; the clerks read Chinese, which is the default language. The
English ``.qm`` maps every message to itself, so both languages go through the same mechanism.
"""

from __future__ import annotations

from pathlib import Path

import PyQt5
from PyQt5.QtCore import QCoreApplication, QLibraryInfo, QTranslator

HERE = Path(__file__).resolve().parent
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}
_installed: list[QTranslator] = []
_language = [""]


def current_language() -> str:
    """The language last installed ("" before any)."""
    return _language[0]


def qm_path(language: str) -> Path:
    return HERE / f"fieldkit_{language}.qm"


def qt_translations_folders() -> list[Path]:
    """Where Qt's own ``qtbase_*.qm`` may be: the PyQt5 wheel's folder (also in the packaged app,
    see pyinstaller.spec), then wherever this Qt build says its translations are."""
    return [
        Path(PyQt5.__file__).resolve().parent / "Qt5" / "translations",
        Path(QLibraryInfo.location(QLibraryInfo.TranslationsPath)),
    ]


def _qt_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Qt's own dialogs (file dialog, Yes/No, print dialog) in ``language``; None for English."""
    if language == "en":
        return None
    for folder in qt_translations_folders():
        translator = QTranslator(app)
        if translator.load(f"qtbase_{language}", str(folder)):
            return translator
    return None


def install(language: str) -> bool:
    """Replace the installed translator with ``language``'s; False if its file is missing."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _language[0] = language
    translator = QTranslator(app)
    if not translator.load(str(qm_path(language))):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    qt_own = _qt_translator(app, language)
    if qt_own is not None:
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return True
