"""Starting the desktop application: Qt, fonts, language, logging, the window; and a clean exit.

Why an explicit shutdown order: the store thread may be in the middle of a transaction when the
window closes; it is allowed to finish (a record is never cut in half), then the store is closed
(WAL checkpoint) on that same thread, and only then does the process end. Unexpected errors in the
GUI are logged through the masking filter and shown as a calm "something went wrong" — never a
traceback, never an ID number.
"""

from __future__ import annotations

import logging
import os
import sys
import types
from pathlib import Path

from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QApplication

from fieldkit.gui import i18n, style
from fieldkit.gui.errors import show_error
from fieldkit.gui.main_window import MainWindow
from fieldkit.gui.prefs import Prefs
from fieldkit.gui.session import Session
from fieldkit.gui.tasks import Tasks
from fieldkit.paths import logs_dir, resolve_home
from fieldkit.privacy import configure_logging
from fieldkit.services.receipts import documents_available

log = logging.getLogger("fieldkit.gui")


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), with high-DPI scaling on."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_EnableHighDpiScaling, True)
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_UseHighDpiPixmaps, True)
    app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("fieldkit")
    app.setOrganizationName("fieldkit")
    return app


def build_window(home: Path, *, language: str | None = None) -> tuple[MainWindow, Session, Tasks]:
    """A window over the data folder ``home`` (used by ``main``, the tests and the screenshots)."""
    app = make_application()
    prefs = Prefs.load(home)
    if language:
        prefs.language = language
    style.apply(app, prefs.font_size)
    i18n.install(prefs.language)
    tasks = Tasks()
    session = Session(home, tasks, prefs=prefs)
    window = MainWindow(session)
    window.start()
    # note: import the receipt documents (reportlab) in the background now, not when a screen first asks
    tasks.compute(documents_available)
    return window, session, tasks


def shutdown(window: MainWindow, session: Session, tasks: Tasks) -> None:
    """Stop captures, let queued store work finish, close the store on its own thread."""
    window.close()
    session.hub.close_all()
    store, session.store = session.store, None
    if store is not None:
        tasks.store(store.close)
    tasks.shutdown(wait=True)


def _excepthook(window: MainWindow) -> types.FunctionType:
    def hook(kind: type[BaseException], error: BaseException, tb: types.TracebackType | None) -> None:
        log.error("unexpected error in the GUI", exc_info=(kind, error, tb))
        show_error(window, error)

    return hook  # type: ignore[return-value]


def main(home: str | os.PathLike[str] | None = None, *, language: str | None = None) -> int:
    """Run the application until its window is closed; returns the exit code."""
    folder = resolve_home(home)
    folder.mkdir(parents=True, exist_ok=True)
    configure_logging(logs_dir(folder))
    app = make_application()
    window, session, tasks = build_window(folder, language=language)
    sys.excepthook = _excepthook(window)
    window.show()
    code = app.exec_()
    shutdown(window, session, tasks)
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
