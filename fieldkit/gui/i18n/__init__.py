"""Translations: the shipped ``.qm`` files and switching language at run time.

Why the source strings are English and Chinese is a translation: Qt Linguist tooling, the workflow
error codes and the CLI are English; the clerks read Chinese, which is the default language. The
English ``.qm`` maps every message to itself, so both languages go through the same mechanism.
"""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import QCoreApplication, QTranslator

HERE = Path(__file__).resolve().parent
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}
_installed: list[QTranslator] = []
_language = [""]


def current_language() -> str:
    """The language last installed ("" before any)."""
    return _language[0]


def qm_path(language: str) -> Path:
    return HERE / f"fieldkit_{language}.qm"


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
    return True
